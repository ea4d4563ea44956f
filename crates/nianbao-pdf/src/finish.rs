//! The last pass over the document genpdf drew (taken from printpdf as lopdf objects, before it
//! would be written), with lopdf: what genpdf (through printpdf 0.3) cannot be told to do.
//!
//! - Fonts get subset names (`ABCDEF+NotoSerifSC-Regular`, so viewers and `pdffonts` know the
//!   font is a subset), a real bounding box, and a ToUnicode map built from the characters the
//!   subset was made for (printpdf writes code points above U+FFFF as invalid five-digit hex).
//! - The built-in fonts of genpdf's unused italic slots leave the page resources.
//! - Rules are 0.5 pt, as in printed forms, not PDF's default 1 pt.
//! - The document information is UTF-16, so Chinese titles read right: title, author (the
//!   agency), subject, keywords, creator, dates; the viewer shows the title; the catalog names
//!   the document's language.
//! - Every stream is compressed once, fonts included.

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

use crate::fonts::SubsetInfo;

/// An embedded subset font and what it was made for.
pub(crate) struct Embedded<'a> {
    pub subset: &'a [u8],
    pub chars: &'a BTreeSet<char>,
    pub postscript_name: &'a str,
    pub info: SubsetInfo,
}

/// The document information.
pub(crate) struct Info<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    /// The keywords, joined.
    pub keywords: &'a str,
    /// The language of the text, e.g. `zh-CN`.
    pub language: &'a str,
    /// A PDF date: `D:YYYYMMDD`, optionally followed by the time.
    pub date: String,
}

/// Reworks `pdf` as the module documentation says.
///
/// `spacing[page][i]` is the character spacing of the `i`-th line of text drawn on the page.
pub(crate) fn finish(
    mut doc: lopdf::Document,
    fonts: &[Embedded],
    info: &Info,
    spacing: &[Vec<f32>],
) -> Result<Vec<u8>, String> {
    // Which font descriptor belongs to which subset: the one whose program is its bytes.
    let mut descriptors = Vec::new();
    let mut builtins = HashSet::new();
    for (&id, object) in &doc.objects {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.type_is(b"FontDescriptor") {
            let file = dict.get(b"FontFile2").and_then(Object::as_reference);
            let program = file
                .and_then(|file| doc.get_object(file))
                .and_then(Object::as_stream);
            if let Ok(program) = program
                && let Some(i) = fonts
                    .iter()
                    .position(|f| f.subset == program.content.as_slice())
            {
                descriptors.push((id, i));
            }
        } else if dict.type_is(b"Font") && subtype(dict) == Some(b"Type1") {
            builtins.insert(id);
        }
    }
    if descriptors.len() != fonts.len() {
        return Err(format!(
            "found {} of {} embedded fonts",
            descriptors.len(),
            fonts.len()
        ));
    }
    for &(descriptor, i) in &descriptors {
        let font = &fonts[i];
        let name = format!("{}+{}", subset_tag(font.chars, i), font.postscript_name);
        let to_unicode = doc.add_object(Stream::new(Dictionary::new(), to_unicode(&font.info)));
        let scale = 1000.0 / font.info.units_per_em;
        let bbox = font
            .info
            .bbox
            .map(|v| Object::Integer((v as f32 * scale).round() as i64));
        let descriptor_dict = doc
            .get_object_mut(descriptor)
            .and_then(Object::as_dict_mut)
            .map_err(|e| e.to_string())?;
        descriptor_dict.set("FontName", Object::Name(name.clone().into_bytes()));
        descriptor_dict.set("FontBBox", Object::Array(bbox.to_vec()));
        descriptor_dict.set("Flags", 4); // Symbolic: glyphs are addressed by id, not by name.
        for object in doc.objects.values_mut() {
            let Ok(dict) = object.as_dict_mut() else {
                continue;
            };
            if !dict.type_is(b"Font") || subtype(dict) != Some(b"Type0") {
                continue;
            }
            let Ok(Object::Array(descendants)) = dict.get_mut(b"DescendantFonts") else {
                continue;
            };
            let Some(Object::Dictionary(cid_font)) = descendants.first_mut() else {
                continue;
            };
            if cid_font
                .get(b"FontDescriptor")
                .and_then(Object::as_reference)
                .ok()
                != Some(descriptor)
            {
                continue;
            }
            cid_font.set("BaseFont", Object::Name(name.clone().into_bytes()));
            cid_font.set("CIDToGIDMap", Object::Name(b"Identity".to_vec()));
            dict.set("BaseFont", Object::Name(name.clone().into_bytes()));
            dict.set("ToUnicode", Object::Reference(to_unicode));
        }
    }

    for object in doc.objects.values_mut() {
        if let Ok(dict) = object.as_dict_mut() {
            let unused: Vec<Vec<u8>> = (dict.iter())
                .filter(|(_, v)| v.as_reference().is_ok_and(|id| builtins.contains(&id)))
                .map(|(k, _)| k.clone())
                .collect();
            for key in unused {
                dict.remove(&key);
            }
        }
    }

    let contents: Vec<ObjectId> = (doc.get_pages().values())
        .filter_map(|&page| {
            doc.get_dictionary(page)
                .ok()?
                .get(b"Contents")
                .ok()?
                .as_reference()
                .ok()
        })
        .collect();
    for (id, spacing) in contents.into_iter().zip(spacing) {
        if let Ok(stream) = doc.get_object_mut(id).and_then(Object::as_stream_mut) {
            let content = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            stream.set_plain_content(page_content(&content, spacing));
        }
    }

    let info_id = doc.add_object(info_dictionary(info));
    doc.trailer.set("Info", Object::Reference(info_id));
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| e.to_string())?;
    let catalog = doc
        .get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .map_err(|e| e.to_string())?;
    catalog.set("Lang", Object::string_literal(info.language));
    let mut preferences = Dictionary::new();
    preferences.set("DisplayDocTitle", true);
    catalog.set("ViewerPreferences", preferences);

    // Empty streams (layers genpdf opened and drew nothing on) are dropped, as lopdf's reader
    // dropped them when this pass still parsed the written file.
    doc.delete_zero_length_streams();
    doc.prune_objects();
    // One encoder for all streams: setting one up costs as much as compressing a page.
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::fast());
    for object in doc.objects.values_mut() {
        if let Object::Stream(stream) = object {
            compress(stream, &mut encoder).map_err(|e| format!("cannot compress a stream: {e}"))?;
        }
    }
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| format!("cannot write: {e}"))?;
    Ok(out)
}

/// A page's content with 0.5 pt rules and each line's character spacing: genpdf writes one
/// text object (`BT` … `ET`) per line, in the order the lines were drawn.
fn page_content(content: &[u8], spacing: &[f32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 16 * spacing.len());
    out.extend_from_slice(b"0.5 w\n");
    let (mut spacings, mut current) = (spacing.iter(), 0.0);
    let mut rest = content;
    while let Some(at) = rest.windows(3).position(|w| w == b"BT\n") {
        out.extend_from_slice(&rest[..at + 3]);
        rest = &rest[at + 3..];
        let next = spacings.next().copied().unwrap_or(0.0);
        // Character spacing is text state, kept from one text object to the next.
        if next != current {
            out.extend_from_slice(format!("{next:.3} Tc\n").as_bytes());
            current = next;
        }
    }
    out.extend_from_slice(rest);
    out
}

/// The `/Subtype` of a dictionary.
fn subtype(dict: &Dictionary) -> Option<&[u8]> {
    dict.get(b"Subtype").and_then(Object::as_name).ok()
}

/// Flate at the fastest level: the example report's PDF is 149 KB, 13% more than at level 2,
/// which makes the whole PDF 15% slower. `encoder` is left reset for the next stream.
fn compress(stream: &mut Stream, encoder: &mut ZlibEncoder<Vec<u8>>) -> std::io::Result<()> {
    if stream.dict.has(b"Filter") {
        return Ok(());
    }
    encoder.write_all(&stream.content)?;
    encoder.try_finish()?;
    let compressed = encoder.reset(Vec::new())?;
    if compressed.len() < stream.content.len() {
        stream
            .dict
            .set("Filter", Object::Name(b"FlateDecode".to_vec()));
        stream.set_content(compressed);
    }
    Ok(())
}

/// Six capital letters naming this subset: the same characters give the same tag.
fn subset_tag(chars: &BTreeSet<char>, index: usize) -> String {
    // FNV-1a over the characters and the font's slot.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for value in chars.iter().map(|&c| u64::from(c)).chain([index as u64]) {
        hash = (hash ^ value).wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|i| char::from(b'A' + ((hash >> (i * 5)) % 26) as u8))
        .collect()
}

/// The ToUnicode CMap: each glyph of the subset to its character, in UTF-16BE.
fn to_unicode(info: &SubsetInfo) -> Vec<u8> {
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    // Writing to a String cannot fail.
    for chunk in info.glyphs.chunks(100) {
        let _ = writeln!(cmap, "{} beginbfchar", chunk.len());
        for &(glyph, c) in chunk {
            let _ = write!(cmap, "<{glyph:04X}> <");
            for unit in c.encode_utf16(&mut [0; 2]) {
                let _ = write!(cmap, "{unit:04X}");
            }
            cmap.push_str(">\n");
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    cmap.into_bytes()
}

/// A PDF text string: UTF-16BE with a byte-order mark.
fn text_string(text: &str) -> Object {
    let bytes = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes.collect(), StringFormat::Hexadecimal)
}

fn info_dictionary(info: &Info) -> Dictionary {
    let mut dict = Dictionary::new();
    dict.set("Title", text_string(info.title));
    dict.set("Author", text_string(info.author));
    dict.set("Subject", text_string(info.subject));
    if !info.keywords.is_empty() {
        dict.set("Keywords", text_string(info.keywords));
    }
    dict.set("Creator", text_string("nianbao"));
    dict.set(
        "Producer",
        text_string(concat!(
            "nianbao-pdf ",
            env!("CARGO_PKG_VERSION"),
            " (genpdf)"
        )),
    );
    dict.set("CreationDate", Object::string_literal(info.date.clone()));
    dict.set("ModDate", Object::string_literal(info.date.clone()));
    dict
}

/// `D:YYYYMMDDHHmmSSZ` for seconds since 1970 (UTC).
pub(crate) fn pdf_date(unix: u64) -> String {
    let (days, seconds) = (unix / 86_400, unix % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    format!("D:{year:04}{month:02}{day:02}{h:02}{m:02}{s:02}Z")
}
