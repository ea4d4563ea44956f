//! Text as lines (a `.txt` file, pasted text, the text of a PDF) into pieces: the title, the
//! section headings, paragraphs rejoined from their wrapped lines, tables drawn with
//! box-drawing characters as grids, and the other lines of sections 二 to 四 as table text.

use nianbao_core::linebreak::Pieces;
use unicode_width::UnicodeWidthStr;

use crate::content::{Content, Grid, Line, Origin, Piece};
use crate::norm::{is_space, squeeze, trim};
use crate::sections::{heading_number, is_title};

/// Display width of a text, a Han character 2 columns.
pub(crate) fn width(text: &str) -> usize {
    text.width()
}

/// A line of a file: its text without the line end and trailing spaces, measured.
pub(crate) fn line(text: &str, origin: Origin) -> Line {
    let text = text.trim_end_matches(is_space).to_owned();
    let body = text.trim_start_matches(is_space);
    let indent = width(&text[..text.len() - body.len()].replace('\t', "    "));
    Line {
        text,
        indent,
        origin,
    }
}

/// Whether a line is only a page number: `- 3 -`, `—3—`, `第3页`, `第 3 页 共 9 页`, `3/9`.
fn is_page_number(text: &str) -> bool {
    let text: String = squeeze(text).chars().map(crate::norm::half_width).collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let dashes = |c: char| matches!(c, '-' | '—' | '–' | '－' | '─');
    let stripped = text.trim_matches(dashes);
    if digits(stripped) && stripped.len() <= 4 && stripped.len() < text.len() {
        return true;
    }
    if let Some(rest) = text.strip_prefix('第') {
        let (page, rest) = rest.split_once('页').unwrap_or((rest, "x"));
        return digits(page)
            && (rest.is_empty()
                || rest
                    .strip_prefix('共')
                    .and_then(|r| r.strip_suffix('页'))
                    .is_some_and(digits));
    }
    text.split_once('/')
        .is_some_and(|(a, b)| digits(a) && digits(b) && text.len() <= 9)
}

/// How the paragraphs of a text were cut into lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wrap {
    /// Wrapped to exactly this many display columns (our text export): a line that ends
    /// where the next word would have fitted ends its paragraph.
    Exact(usize),
    /// Wrapped by a layout in a proportional font (a PDF): about this wide.
    Loose(usize),
    /// One paragraph a line (pasted text).
    None,
}

/// The pieces of a text given as lines; `laid_out` for the text of a page layout (a PDF),
/// whose paragraphs are always wrapped.
pub(crate) fn content_from_lines(lines: Vec<Line>, laid_out: bool) -> Content {
    let lines: Vec<Line> = lines
        .into_iter()
        .filter(|l| !is_page_number(&l.text))
        .collect();
    // Tables drawn with box-drawing characters.
    let mut boxes: Vec<(usize, usize, Grid)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if trim(&lines[i].text).starts_with('┌')
            && let Some(end) = (i + 1..lines.len()).find(|&j| trim(&lines[j].text).starts_with('└'))
        {
            boxes.push((i, end + 1, box_grid(&lines[i..=end])));
            i = end + 1;
            continue;
        }
        i += 1;
    }
    let in_box = |i: usize| boxes.iter().any(|(s, e, _)| (*s..*e).contains(&i));
    let text_lines: Vec<usize> = (0..lines.len()).filter(|&i| !in_box(i)).collect();
    let widest = text_lines
        .iter()
        .map(|&i| width(&lines[i].text))
        .max()
        .unwrap_or(0);
    // Lines of running text: not a table's (no gap of three spaces inside), not centred.
    let body: Vec<usize> = text_lines
        .iter()
        .filter(|&&i| {
            let l = &lines[i];
            let inner = trim(&l.text);
            let numbers = inner
                .split(is_space)
                .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
                .count();
            !inner.is_empty() && !inner.contains("   ") && l.indent <= 8 && numbers < 3
        })
        .map(|&i| width(&lines[i].text))
        .collect();
    let widest_body = body.iter().copied().max().unwrap_or(0);
    let wrap = if !boxes.is_empty() {
        Wrap::Exact(widest)
    } else if laid_out {
        Wrap::Loose(widest_body)
    } else {
        // Wrapped text has many lines about as wide as the widest; pasted paragraphs, one a
        // line, vary in length.
        let full = body
            .iter()
            .filter(|&&w| w * 100 >= widest_body * 92)
            .count();
        if body.len() >= 4 && full >= 3 && full * 10 >= body.len() * 2 && widest_body >= 30 {
            Wrap::Loose(widest_body)
        } else {
            Wrap::None
        }
    };
    let base_indent = text_lines
        .iter()
        .filter(|&&i| !trim(&lines[i].text).is_empty())
        .map(|&i| lines[i].indent)
        .min()
        .unwrap_or(0);

    let mut content = Content::default();
    let mut section = 0u8;
    let mut paragraph: Vec<&Line> = Vec::new();
    let mut table_lines: Vec<Line> = Vec::new();
    let mut title_done = false;
    let mut i = 0;
    let flush = |paragraph: &mut Vec<&Line>, content: &mut Content| {
        if let Some(first) = paragraph.first() {
            let text = join(paragraph.iter().map(|l| trim(&l.text)));
            content.pieces.push(Piece::Para {
                text,
                level: None,
                signature: false,
                origin: first.origin.clone(),
            });
        }
        paragraph.clear();
    };
    let mut table_notes: Vec<Line> = Vec::new();
    let flush_table = |table_lines: &mut Vec<Line>,
                       table_notes: &mut Vec<Line>,
                       content: &mut Content,
                       section: u8| {
        if !table_lines.is_empty() {
            content.pieces.push(Piece::TableText {
                section,
                lines: std::mem::take(table_lines),
            });
        }
        if !table_notes.is_empty() {
            let origin = table_notes[0].origin.clone();
            let text = join(table_notes.iter().map(|l| trim(&l.text)));
            table_notes.clear();
            content.pieces.push(Piece::Para {
                text,
                level: None,
                signature: false,
                origin,
            });
        }
    };
    while i < lines.len() {
        if let Some((_, end, grid)) = boxes.iter().find(|(s, _, _)| *s == i) {
            flush(&mut paragraph, &mut content);
            content.pieces.push(Piece::Grid(grid.clone()));
            i = *end;
            continue;
        }
        let current = &lines[i];
        let text = trim(&current.text);
        if !title_done && !text.is_empty() {
            // The title, perhaps over two or three lines.
            title_done = true;
            let mut joined = String::new();
            let mut taken = None;
            for (n, l) in lines[i..].iter().take(3).enumerate() {
                if trim(&l.text).is_empty() {
                    break;
                }
                joined.push_str(trim(&l.text));
                if is_title(&joined) && heading_number(&joined).is_none() {
                    taken = Some(n + 1);
                    break;
                }
            }
            if let Some(n) = taken {
                content.pieces.push(Piece::Para {
                    text: joined,
                    level: None,
                    signature: false,
                    origin: current.origin.clone(),
                });
                i += n;
                continue;
            }
        }
        if text.is_empty() {
            if !matches!(wrap, Wrap::Loose(_)) {
                flush(&mut paragraph, &mut content);
            }
            i += 1;
            continue;
        }
        if let Some(n) = heading_number(text).filter(|&n| n > section) {
            flush(&mut paragraph, &mut content);
            flush_table(&mut table_lines, &mut table_notes, &mut content, section);
            section = n;
            content.pieces.push(Piece::Para {
                text: text.to_owned(),
                level: Some(1),
                signature: false,
                origin: current.origin.clone(),
            });
            i += 1;
            continue;
        }
        if (2..=4).contains(&section) {
            if text.starts_with('注') {
                // A note under the table: after the table's text.
                table_notes.push(current.clone());
            } else {
                table_lines.push(current.clone());
            }
            i += 1;
            continue;
        }
        let starts_paragraph = match paragraph.last() {
            None => true,
            Some(_) if nianbao_core::sub_heading_level(text).is_some() => true,
            Some(_) if current.indent >= base_indent + 2 => true,
            Some(previous) => match wrap {
                Wrap::None => true,
                Wrap::Exact(page) => would_have_fitted(previous, text, page),
                Wrap::Loose(page) => {
                    let start: String = text.chars().take(2).collect();
                    trim(&previous.text).ends_with(['。', '！', '？', '；', '：'])
                        && (width(&previous.text) + width(&start)) * 5 <= page * 4
                }
            },
        };
        if starts_paragraph {
            flush(&mut paragraph, &mut content);
        }
        // A numbered sub-heading stands alone.
        let alone = nianbao_core::sub_heading_level(text).is_some();
        paragraph.push(current);
        if alone {
            flush(&mut paragraph, &mut content);
        }
        i += 1;
    }
    flush(&mut paragraph, &mut content);
    flush_table(&mut table_lines, &mut table_notes, &mut content, section);
    content
}

/// Whether the start of `next` would have fitted on `previous` had they been one paragraph
/// wrapped to `page` columns, as the text export wraps (the core's line breaker, the first
/// line after its indent): then `next` starts a paragraph of its own.
fn would_have_fitted(previous: &Line, next: &str, page: usize) -> bool {
    let body = trim(&previous.text);
    let joined = join([body, next].into_iter());
    let pieces = Pieces::new(&joined, width as fn(&str) -> usize, false);
    let lines = pieces.wrap(page.saturating_sub(previous.indent), page);
    lines
        .first()
        .is_some_and(|first| width(first) > width(body))
}

/// Lines of one paragraph joined: no space between Han characters, one between two narrow
/// characters (a break between them can only have been at a space).
pub(crate) fn join<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut text = String::new();
    for line in lines {
        let line = trim(line);
        if line.is_empty() {
            continue;
        }
        let narrow = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if narrow(text.chars().last()) && narrow(line.chars().next()) {
            text.push(' ');
        }
        text.push_str(line);
    }
    text
}

/// Characters that draw a vertical border (alone or where borders meet).
const VERTICAL: &str = "│├┤┼┬┴┌┐└┘";

/// A table drawn with box-drawing characters (our text export) as a grid: the borders found,
/// every cell with the text inside it, merged cells spanning the rows and columns they cover.
fn box_grid(lines: &[Line]) -> Grid {
    // Each line as display columns: a wide character and a placeholder after it.
    const WIDE: char = '\u{0}';
    let canvas: Vec<Vec<char>> = lines
        .iter()
        .map(|l| {
            let mut row = Vec::new();
            for c in l.text.chars() {
                let w = width(c.encode_utf8(&mut [0; 4]));
                row.push(c);
                row.extend(std::iter::repeat_n(WIDE, w.saturating_sub(1)));
            }
            row
        })
        .collect();
    let at = |y: usize, x: usize| canvas[y].get(x).copied().unwrap_or(' ');
    // The columns where a vertical border stands on some line.
    let mut xs: Vec<usize> = Vec::new();
    for row in &canvas {
        for (x, &c) in row.iter().enumerate() {
            if VERTICAL.contains(c) && !xs.contains(&x) {
                xs.push(x);
            }
        }
    }
    xs.sort_unstable();
    let columns = xs.len().saturating_sub(1);
    let height = canvas.len();
    // Positions (line, column interval) that are rules rather than text.
    let rule = |y: usize, i: usize| at(y, xs[i] + 1) == '─';
    let rule_line: Vec<bool> = (0..height)
        .map(|y| (0..columns).any(|i| rule(y, i)))
        .collect();
    // The band (grid row) a line is in: rules above it, less the top one.
    let band: Vec<usize> = (0..height)
        .map(|y| {
            rule_line[..y]
                .iter()
                .filter(|&&r| r)
                .count()
                .saturating_sub(1)
        })
        .collect();
    // Union of text positions into cells.
    let id = |y: usize, i: usize| y * columns + i;
    let mut parent: Vec<usize> = (0..height * columns).collect();
    fn root(parent: &mut [usize], mut a: usize) -> usize {
        while parent[a] != a {
            parent[a] = parent[parent[a]];
            a = parent[a];
        }
        a
    }
    for y in 0..height {
        for i in 0..columns {
            if rule(y, i) || !inside(&canvas, y, &xs, i) {
                continue;
            }
            if y + 1 < height && !rule(y + 1, i) && inside(&canvas, y + 1, &xs, i) {
                let (a, b) = (root(&mut parent, id(y, i)), root(&mut parent, id(y + 1, i)));
                parent[a] = b;
            }
            if i + 1 < columns && !VERTICAL.contains(at(y, xs[i + 1])) && !rule(y, i + 1) {
                let (a, b) = (root(&mut parent, id(y, i)), root(&mut parent, id(y, i + 1)));
                parent[a] = b;
            }
        }
    }
    // Each cell: its positions, its text line by line.
    let mut cells: std::collections::BTreeMap<usize, Vec<(usize, usize)>> = Default::default();
    for y in 0..height {
        for i in 0..columns {
            if !rule(y, i) && inside(&canvas, y, &xs, i) {
                let r = root(&mut parent, id(y, i));
                cells.entry(r).or_default().push((y, i));
            }
        }
    }
    let mut placed = Vec::new();
    let mut origins = std::collections::BTreeMap::new();
    for positions in cells.values() {
        let (y0, y1) = (
            positions.iter().map(|p| p.0).min().unwrap_or(0),
            positions.iter().map(|p| p.0).max().unwrap_or(0),
        );
        let (i0, i1) = (
            positions.iter().map(|p| p.1).min().unwrap_or(0),
            positions.iter().map(|p| p.1).max().unwrap_or(0),
        );
        let mut text_lines = Vec::new();
        let mut first_text = None;
        for y in y0..=y1 {
            let from = xs[i0] + 1;
            let to = xs[i1 + 1];
            let piece: String = (from..to)
                .map(|x| at(y, x))
                .filter(|&c| c != WIDE && !VERTICAL.contains(c) && c != '─')
                .collect();
            let piece = trim(&piece).to_owned();
            if !piece.is_empty() && first_text.is_none() {
                let lead = (from..to).find(|&x| !is_space(at(y, x))).unwrap_or(from);
                first_text = Some((y, lead));
            }
            text_lines.push(piece);
        }
        let text = join(text_lines.iter().map(String::as_str));
        let (row, col) = (band[y0], i0);
        let (rowspan, colspan) = (band[y1] - band[y0] + 1, i1 - i0 + 1);
        let (y, x) = first_text.unwrap_or((y0, xs[i0] + 1));
        let origin = match &lines[y].origin {
            Origin::Line { page, line, .. } => Origin::Line {
                page: *page,
                line: *line,
                column: Some(x + 1),
            },
            other => other.clone(),
        };
        origins.insert((row, col), origin);
        placed.push((row, col, rowspan, colspan, text));
    }
    let fallback = lines.first().map(|l| l.origin.clone());
    Grid::from_spans(&placed, |r, c| {
        origins
            .get(&(r, c))
            .cloned()
            .or_else(|| fallback.clone())
            .unwrap_or(Origin::Implied {
                reason: "empty".to_owned(),
            })
    })
}

/// Whether the interval `i` of line `y` lies inside the table (between its outer borders).
fn inside(canvas: &[Vec<char>], y: usize, xs: &[usize], i: usize) -> bool {
    let row = &canvas[y];
    xs[i] < row.len() && xs[i + 1] < row.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.lines()
            .enumerate()
            .map(|(n, t)| {
                line(
                    t,
                    Origin::Line {
                        page: None,
                        line: n + 1,
                        column: None,
                    },
                )
            })
            .collect()
    }

    #[test]
    fn a_box_table_with_merged_cells() {
        let text = "\
┌────┬────────┐
│    │  申请  │
│ 角 ├────┬───┤
│    │ 自 │ 其│
├────┼────┼───┤
│ 一 │  3 │  4│
└────┴────┴───┘";
        let grid = box_grid(&lines(text));
        assert_eq!(grid.rows.len(), 3);
        assert_eq!(grid.rows[0][0].text, "角");
        assert_eq!(grid.rows[1][0].anchor, (0, 0));
        assert_eq!(grid.rows[0][1].text, "申请");
        assert_eq!(grid.rows[0][2].anchor, (0, 1));
        assert_eq!(grid.rows[1][1].text, "自");
        assert_eq!(grid.rows[2][2].text, "4");
    }

    #[test]
    fn page_numbers() {
        assert!(is_page_number("—3—"));
        assert!(is_page_number(" - 12 - "));
        assert!(is_page_number("第 3 页 共 9 页"));
        assert!(!is_page_number("2024年"));
        assert!(!is_page_number("0"));
    }
}
