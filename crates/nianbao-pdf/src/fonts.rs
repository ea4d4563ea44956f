//! Fonts: the bundled Noto fonts and users' own files (`.ttf`, `.otf`, a face of a `.ttc`),
//! their metrics, and the fallback to a bundled font for a character a user's font lacks.
//!
//! A [`Face`] is read and checked once per process (the bundled ones in a [`LazyLock`], a
//! user's file in a cache keyed by its path and face index); every document then measures with
//! it, and krilla embeds a subset of just the glyphs drawn.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, LazyLock, Mutex};

use krilla::Data;
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::raw::FileRef;
use skrifa::{FontRef, GlyphId, MetadataProvider};

use crate::PdfError;

/// Noto Serif SC Regular (a 宋体 design): body text and tables. Compiled in, so the binary
/// needs no files.
static SERIF: &[u8] = include_bytes!("../fonts/NotoSerifSC-Regular.otf");
/// Noto Sans SC Bold (a 黑体 design): title and headings.
static SANS_BOLD: &[u8] = include_bytes!("../fonts/NotoSansSC-Bold.otf");

static BUNDLED_SERIF: LazyLock<Arc<Face>> = LazyLock::new(|| {
    let face = Face::new(Data::from(SERIF), 0, "the bundled Noto Serif SC".to_owned());
    Arc::new(face.expect("the bundled Noto Serif SC is an OpenType font"))
});
static BUNDLED_SANS: LazyLock<Arc<Face>> = LazyLock::new(|| {
    let face = Face::new(
        Data::from(SANS_BOLD),
        0,
        "the bundled Noto Sans SC Bold".to_owned(),
    );
    Arc::new(face.expect("the bundled Noto Sans SC Bold is an OpenType font"))
});

/// Faces read from users' files, by path and face index.
type FaceCache = HashMap<(PathBuf, u32), Arc<Face>>;

/// Users' fonts read so far, so a batch of reports reads and checks each file once.
static USER_FONTS: LazyLock<Mutex<FaceCache>> = LazyLock::new(Mutex::default);

/// The bundled serif (宋体) font.
pub(crate) fn bundled_serif() -> Arc<Face> {
    Arc::clone(&BUNDLED_SERIF)
}

/// The bundled bold sans (黑体) font.
pub(crate) fn bundled_sans() -> Arc<Face> {
    Arc::clone(&BUNDLED_SANS)
}

/// Face `index` of the font file at `path`, read once per process.
pub(crate) fn user_font(path: &Path, index: u32) -> Result<Arc<Face>, PdfError> {
    let key = (path.to_owned(), index);
    // A poisoned cache still holds only fully built faces.
    let mut cache = USER_FONTS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(face) = cache.get(&key) {
        return Ok(Arc::clone(face));
    }
    let data = std::fs::read(path).map_err(|source| PdfError::FontRead {
        path: path.to_owned(),
        source,
    })?;
    let face =
        Face::new(Data::from(data), index, path.display().to_string()).map_err(|reason| {
            PdfError::FontUnusable {
                path: path.to_owned(),
                index,
                reason,
            }
        })?;
    let face = Arc::new(face);
    cache.insert(key, Arc::clone(&face));
    Ok(face)
}

/// A font face, checked to be usable: it parses, krilla can embed it (TrueType or CFF
/// outlines) and it maps Han characters.
pub(crate) struct Face {
    data: Data,
    index: u32,
    /// What krilla draws with: made once, since it hashes the whole file.
    pub(crate) font: krilla::text::Font,
    /// Where it comes from, for messages: a path or `the bundled …`.
    pub(crate) name: String,
    /// The advance of each character of the Basic Multilingual Plane as `f32` bits, once
    /// looked up ([`UNKNOWN_ADVANCE`] until then): layout measures the same few hundred
    /// characters over and over, in every report of a batch.
    advances: Box<[AtomicU32]>,
}

/// Marks an advance not yet looked up in [`Face::advances`]: a NaN no font gives.
const UNKNOWN_ADVANCE: u32 = u32::MAX;

impl Face {
    fn new(data: Data, index: u32, name: String) -> Result<Face, String> {
        let faces = match FileRef::new(data.as_ref()) {
            Ok(FileRef::Collection(collection)) => collection.len(),
            Ok(FileRef::Font(_)) => 1,
            Err(error) => {
                return Err(format!(
                    "it is not a TrueType/OpenType font or collection ({error})"
                ));
            }
        };
        if index >= faces {
            return Err(format!(
                "it has {faces} face{}, numbered from 0: no face {index}",
                if faces == 1 { "" } else { "s" }
            ));
        }
        let font = FontRef::from_index(data.as_ref(), index)
            .map_err(|error| format!("face {index} does not parse ({error})"))?;
        if font.charmap().map('年').is_none() {
            return Err("it has no Chinese characters (no glyph for 年)".to_owned());
        }
        let krilla_font = krilla::text::Font::new(data.clone(), index)
            .ok_or_else(|| format!("krilla cannot read face {index}"))?;
        Ok(Face {
            data,
            index,
            font: krilla_font,
            name,
            advances: (0..=0xFFFF)
                .map(|_| AtomicU32::new(UNKNOWN_ADVANCE))
                .collect(),
        })
    }

    fn font_ref(&self) -> Option<FontRef<'_>> {
        FontRef::from_index(self.data.as_ref(), self.index).ok()
    }

    /// The metrics of this face, ready for many look-ups.
    pub(crate) fn metrics(&self) -> FaceMetrics<'_> {
        let font = self.font_ref();
        let units_per_em = font.as_ref().map_or(1000.0, |font| {
            f32::from(
                font.metrics(Size::unscaled(), LocationRef::default())
                    .units_per_em,
            )
        });
        FaceMetrics {
            charmap: font.as_ref().map(MetadataProvider::charmap),
            glyphs: font.map(|font| font.glyph_metrics(Size::unscaled(), LocationRef::default())),
            units_per_em: units_per_em.max(1.0),
            advances: &self.advances,
        }
    }
}

/// Character widths and glyphs of a face.
pub(crate) struct FaceMetrics<'a> {
    charmap: Option<Charmap<'a>>,
    glyphs: Option<GlyphMetrics<'a>>,
    units_per_em: f32,
    advances: &'a [AtomicU32],
}

impl FaceMetrics<'_> {
    /// The glyph of `c`, if the face has one.
    pub(crate) fn glyph(&self, c: char) -> Option<GlyphId> {
        self.charmap.as_ref()?.map(c)
    }

    /// Whether the face has a glyph for `c`.
    pub(crate) fn has(&self, c: char) -> bool {
        self.glyph(c).is_some()
    }

    /// The advance width of `c` in em; a character without a glyph measures as `.notdef`.
    pub(crate) fn advance(&self, c: char) -> f32 {
        let Some(known) = self.advances.get(c as usize) else {
            return self.look_up_advance(c);
        };
        // Relaxed: a value is the same whichever thread stored it, and a thread that does not
        // see it yet looks it up again.
        match known.load(Ordering::Relaxed) {
            UNKNOWN_ADVANCE => {
                let advance = self.look_up_advance(c);
                known.store(advance.to_bits(), Ordering::Relaxed);
                advance
            }
            bits => f32::from_bits(bits),
        }
    }

    fn look_up_advance(&self, c: char) -> f32 {
        let glyph = self.glyph(c).unwrap_or(GlyphId::NOTDEF);
        let advance = self.glyphs.as_ref().and_then(|g| g.advance_width(glyph));
        advance.unwrap_or(0.0) / self.units_per_em
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_advance_is_the_one_looked_up() {
        let face = bundled_serif();
        let metrics = face.metrics();
        // Han, Latin, hanging punctuation, a character the font lacks, one past the cache.
        for c in ['年', 'A', '，', '\u{E000}', '\u{20000}'] {
            let looked_up = metrics.look_up_advance(c);
            assert!(looked_up > 0.0, "{c:?} has a width");
            assert_eq!(metrics.advance(c).to_bits(), looked_up.to_bits(), "{c:?}");
            assert_eq!(
                metrics.advance(c).to_bits(),
                looked_up.to_bits(),
                "{c:?} again"
            );
        }
        // Another document measuring with the same face finds it cached.
        let again = face.metrics();
        assert_eq!(
            again.advances['年' as usize].load(Ordering::Relaxed),
            metrics.look_up_advance('年').to_bits()
        );
    }
}
