//! JSON: our `json` format (values by key, the document's text) or a report file in JSON.

use std::collections::BTreeMap;
use std::path::Path;

use nianbao_core::{Block, Decimal, Document, ParagraphRole, Report, Syntax, parse_report};
use serde_json::Value as Json_;

use crate::assemble::Hints;
use crate::content::{Content, Origin, Piece};
use crate::error::ImportError;
use crate::found::{Found, Read, Value};
use crate::official::Official;
use crate::{CELLS, Imported, InputFormat, Source};

/// What a JSON file is.
pub(crate) enum Json {
    /// A report file: read as it is.
    Report(Box<Report>),
    /// Our `json` format: its text as pieces, its values already in `found`.
    Content(Box<(Content, Hints)>),
}

pub(crate) fn read(bytes: &[u8], path: &Path, found: &mut Found) -> Result<Json, ImportError> {
    let fail = |message: String| ImportError::Json {
        path: path.to_owned(),
        message,
    };
    let source = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|_| fail("not UTF-8 text".to_owned()))?;
    let root: Json_ = serde_json::from_str(source).map_err(|e| fail(format!("not JSON: {e}")))?;
    if root.get("format").is_some() && root.get("meta").is_some() {
        return parse_report(source, Syntax::Json, path)
            .map(|r| Json::Report(Box::new(r)))
            .map_err(|e| ImportError::ReportFile(Box::new(e)));
    }
    let (Some(values), Some(document)) = (root.get("values"), root.get("document")) else {
        return Err(fail(
            "neither the `json` format of nianbao (with `values` and `document`) nor a report file (with `format` and `meta`)".to_owned(),
        ));
    };
    let document: Document =
        serde_json::from_value(document.clone()).map_err(|e| fail(format!("/document: {e}")))?;
    let mut hints = Hints {
        website: document.meta.website.clone(),
        published: document.meta.published,
        ..Hints::default()
    };
    if let Some(agency) = values.get("agency").and_then(Json_::as_str) {
        hints.agency = Some((agency.to_owned(), pointer("/values/agency")));
    }
    if let Some(year) = values.get("year").and_then(Json_::as_u64) {
        hints.year = u16::try_from(year)
            .ok()
            .map(|y| (y, pointer("/values/year")));
    }
    // Notes printed with values, from the document's cells.
    let notes: BTreeMap<String, String> = document
        .tables()
        .flat_map(|t| t.values())
        .filter_map(|c| Some((c.key.clone()?, c.note.clone()?)))
        .collect();
    let official = Official::get();
    if let Some(cells) = values.get("cells").and_then(Json_::as_object) {
        for (key, value) in cells {
            let origin = pointer(&format!(
                "/values/cells/{}",
                key.replace('~', "~0").replace('/', "~1")
            ));
            if !official.cells.iter().any(|c| &c.key == key) {
                found
                    .warnings
                    .push(format!("{origin}: “{key}” is no cell key; left out"));
                continue;
            }
            let read = match value {
                Json_::Null => Some(Value::NotApplicable),
                Json_::Number(n) if key == "active.fees" => {
                    Decimal::parse(&n.to_string()).map(Value::Decimal)
                }
                Json_::Number(n) => n.as_u64().map(Value::Count),
                Json_::String(s) if key == "active.fees" => Decimal::parse(s).map(Value::Decimal),
                _ => None,
            };
            match read {
                Some(v) => found.value(
                    key,
                    Read {
                        value: v,
                        note: notes.get(key).cloned(),
                        origin,
                        text: value.to_string(),
                    },
                ),
                None => found.gap(
                    key,
                    format!("{value} is not a value of this cell"),
                    Some(origin),
                ),
            }
        }
    }
    found.seen = [true; 3];
    found.total_column = [Some(true), Some(true), Some(true)];
    let mut content = Content::default();
    content.pieces.push(Piece::Para {
        text: document.title.clone(),
        level: None,
        signature: false,
        origin: pointer("/document/title"),
    });
    for (i, block) in document.blocks.iter().enumerate() {
        let origin = pointer(&format!("/document/blocks/{i}"));
        match block {
            Block::Heading { level, text } => content.pieces.push(Piece::Para {
                text: text.clone(),
                level: (*level > 1).then_some(*level),
                signature: false,
                origin,
            }),
            Block::Paragraph { text, role } => content.pieces.push(Piece::Para {
                text: text.clone(),
                level: None,
                signature: *role == ParagraphRole::Signature,
                origin,
            }),
            Block::Table(table) => {
                // The values are read by key above; the notes under the table here.
                let section = match table.id.as_str() {
                    "table2" => 2,
                    "table3" => 3,
                    _ => 4,
                };
                content.pieces.push(Piece::TableText {
                    section,
                    lines: Vec::new(),
                });
                for note in &table.notes {
                    content.pieces.push(Piece::Para {
                        text: note.clone(),
                        level: None,
                        signature: false,
                        origin: pointer(&format!("/document/blocks/{i}/notes")),
                    });
                }
            }
        }
    }
    Ok(Json::Content(Box::new((content, hints))))
}

fn pointer(pointer: &str) -> Origin {
    Origin::Json {
        pointer: pointer.to_owned(),
    }
}

/// A report read whole from a report file: every value found, at its key.
pub(crate) fn whole(report: Report, format: InputFormat) -> Imported {
    let official = Official::get();
    let sources = official
        .cells
        .iter()
        .map(|c| {
            (
                c.key.clone(),
                Source::new(Origin::ReportKey { key: c.key.clone() }, ""),
            )
        })
        .collect();
    Imported {
        report,
        format,
        sources,
        missing: Vec::new(),
        sections_found: (1..=6).collect(),
        cells_found: CELLS,
        cells_printed: CELLS,
        warnings: Vec::new(),
    }
}
