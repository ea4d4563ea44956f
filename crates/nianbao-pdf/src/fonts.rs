//! Fonts: the bundled Noto fonts and users' own files, their metrics, and per-document subsets.
//!
//! A [`Face`] is read and checked once per process (the bundled ones in a [`LazyLock`], a
//! user's file in a cache keyed by its path); every document then measures with it and embeds a
//! subset of just the characters it uses, made with `fontcull-klippa` from the same bytes.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, LazyLock, Mutex};

use fontcull_klippa::{Plan, SubsetFlags, subset_font};
use fontcull_skrifa::charmap::Charmap;
use fontcull_skrifa::instance::{LocationRef, Size};
use fontcull_skrifa::metrics::GlyphMetrics;
use fontcull_skrifa::raw::collections::IntSet;
use fontcull_skrifa::raw::types::NameId;
use fontcull_skrifa::string::StringId;
use fontcull_skrifa::{FontRef, GlyphId, MetadataProvider, Tag};

use crate::PdfError;

/// Noto Serif SC Regular: body text and tables. Compiled in, so the binary needs no files.
static SERIF: &[u8] = include_bytes!("../fonts/NotoSerifSC-Regular.ttf");
/// Noto Sans SC Bold: title and headings.
static SANS_BOLD: &[u8] = include_bytes!("../fonts/NotoSansSC-Bold.ttf");

static BUNDLED_BODY: LazyLock<Arc<Face>> = LazyLock::new(|| {
    let face = Face::new(Cow::Borrowed(SERIF), "the bundled Noto Serif SC".to_owned());
    Arc::new(face.expect("the bundled Noto Serif SC is a TrueType font"))
});
static BUNDLED_HEADING: LazyLock<Arc<Face>> = LazyLock::new(|| {
    let face = Face::new(
        Cow::Borrowed(SANS_BOLD),
        "the bundled Noto Sans SC Bold".to_owned(),
    );
    Arc::new(face.expect("the bundled Noto Sans SC Bold is a TrueType font"))
});

/// Users' fonts read so far, so a batch of reports reads and checks each file once.
static USER_FONTS: LazyLock<Mutex<HashMap<PathBuf, Arc<Face>>>> = LazyLock::new(Mutex::default);

/// The bundled body font.
pub(crate) fn bundled_body() -> Arc<Face> {
    Arc::clone(&BUNDLED_BODY)
}

/// The bundled title and heading font.
pub(crate) fn bundled_heading() -> Arc<Face> {
    Arc::clone(&BUNDLED_HEADING)
}

/// The font at `path`, read once per process.
pub(crate) fn user_font(path: &Path) -> Result<Arc<Face>, PdfError> {
    let mut cache = USER_FONTS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(face) = cache.get(path) {
        return Ok(Arc::clone(face));
    }
    let data = std::fs::read(path).map_err(|source| PdfError::FontRead {
        path: path.to_owned(),
        source,
    })?;
    let face = Face::new(Cow::Owned(data), path.display().to_string()).map_err(|reason| {
        PdfError::FontUnusable {
            path: path.to_owned(),
            reason,
        }
    })?;
    let face = Arc::new(face);
    cache.insert(path.to_owned(), Arc::clone(&face));
    Ok(face)
}

/// A TrueType font face, checked to be usable: it parses, has TrueType outlines (genpdf reads
/// fonts through rusttype, which cannot draw CFF outlines) and maps Han characters.
pub(crate) struct Face {
    data: Cow<'static, [u8]>,
    /// Where it comes from, for messages: a path or `the bundled …`.
    pub(crate) name: String,
    /// The PostScript name, for the PDF font name.
    pub(crate) postscript_name: String,
    /// The advance of each character of the Basic Multilingual Plane as `f32` bits, once
    /// looked up ([`UNKNOWN_ADVANCE`] until then): layout measures the same few hundred
    /// characters over and over, in every report of a batch.
    advances: Box<[AtomicU32]>,
}

/// Marks an advance not yet looked up in [`Face::advances`]: a NaN no font gives.
const UNKNOWN_ADVANCE: u32 = u32::MAX;

impl Face {
    fn new(data: Cow<'static, [u8]>, name: String) -> Result<Face, String> {
        let font = FontRef::from_index(&data, 0).map_err(|error| {
            format!("it is not a TrueType/OpenType font or collection ({error})")
        })?;
        if font.table_data(Tag::new(b"glyf")).is_none() {
            let kind = if font.table_data(Tag::new(b"CFF ")).is_some() {
                "PostScript (CFF) outlines"
            } else {
                "no TrueType outlines"
            };
            return Err(format!(
                "it has {kind}; genpdf embeds only fonts with TrueType (glyf) outlines, \
                 such as a .ttf or a .ttc of TrueType faces"
            ));
        }
        if font.charmap().map('年').is_none() {
            return Err("it has no Chinese characters (no glyph for 年)".to_owned());
        }
        let postscript_name = font
            .localized_strings(StringId::POSTSCRIPT_NAME)
            .english_or_first()
            .map(|name| name.to_string())
            .unwrap_or_default()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>();
        let postscript_name = if postscript_name.is_empty() {
            "Font".to_owned()
        } else {
            postscript_name
        };
        Ok(Face {
            data,
            name,
            postscript_name,
            advances: (0..=0xFFFF)
                .map(|_| AtomicU32::new(UNKNOWN_ADVANCE))
                .collect(),
        })
    }

    fn font(&self) -> FontRef<'_> {
        FontRef::from_index(&self.data, 0).expect("the font parsed when it was loaded")
    }

    /// The metrics of this face, ready for many look-ups.
    pub(crate) fn metrics(&self) -> FaceMetrics<'_> {
        let font = self.font();
        let units_per_em = f32::from(
            font.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        FaceMetrics {
            charmap: font.charmap(),
            glyphs: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em: units_per_em.max(1.0),
            advances: &self.advances,
        }
    }

    /// A TrueType font with just `chars`, without layout tables (a PDF viewer does no
    /// shaping) or hinting (print and zoom need none).
    pub(crate) fn subset(&self, chars: &BTreeSet<char>) -> Result<Vec<u8>, PdfError> {
        let font = self.font();
        let unicodes: IntSet<u32> = chars.iter().map(|&c| u32::from(c)).collect();
        let mut drop_tables: IntSet<Tag> = IntSet::empty();
        for tag in [
            b"GSUB", b"GPOS", b"GDEF", b"BASE", b"JSTF", b"MATH", b"kern", b"vhea", b"vmtx",
            b"VORG", b"DSIG", b"hdmx", b"LTSH", b"VDMX", b"STAT",
        ] {
            drop_tables.insert(Tag::new(tag));
        }
        let plan = Plan::new(
            &IntSet::<GlyphId>::empty(),
            &unicodes,
            &font,
            SubsetFlags::SUBSET_FLAGS_NO_HINTING,
            &drop_tables,
            &IntSet::empty(),
            &IntSet::empty(),
            &IntSet::<NameId>::empty(),
            &IntSet::<u16>::empty(),
        );
        subset_font(&font, &plan).map_err(|error| PdfError::Subset {
            font: self.name.clone(),
            message: error.to_string(),
        })
    }
}

/// Character widths of a face.
pub(crate) struct FaceMetrics<'a> {
    charmap: Charmap<'a>,
    glyphs: GlyphMetrics<'a>,
    units_per_em: f32,
    advances: &'a [AtomicU32],
}

impl FaceMetrics<'_> {
    /// Whether the face has a glyph for `c`.
    pub(crate) fn has(&self, c: char) -> bool {
        self.charmap.map(c).is_some()
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
        let glyph = self.charmap.map(c).unwrap_or(GlyphId::NOTDEF);
        self.glyphs.advance_width(glyph).unwrap_or(0.0) / self.units_per_em
    }
}

/// The glyph of each of `chars` in a subset font, and its bounding box in font units with the
/// units per em: what the PDF font dictionary needs.
pub(crate) struct SubsetInfo {
    pub(crate) glyphs: Vec<(u16, char)>,
    pub(crate) bbox: [i64; 4],
    pub(crate) units_per_em: f32,
}

/// Reads back the glyph of each character from a subset made by [`Face::subset`].
pub(crate) fn subset_info(subset: &[u8], chars: &BTreeSet<char>) -> Option<SubsetInfo> {
    let font = FontRef::new(subset).ok()?;
    let charmap = font.charmap();
    let glyphs = chars
        .iter()
        .filter_map(|&c| Some((u16::try_from(charmap.map(c)?.to_u32()).ok()?, c)))
        .collect();
    let metrics = font.metrics(Size::unscaled(), LocationRef::default());
    let bbox = metrics.bounds.map_or([0, -200, 1000, 900], |b| {
        [b.x_min, b.y_min, b.x_max, b.y_max].map(|v| v as i64)
    });
    Some(SubsetInfo {
        glyphs,
        bbox,
        units_per_em: f32::from(metrics.units_per_em).max(1.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_advance_is_the_one_looked_up() {
        let face = bundled_body();
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
