//! The page and the type of each style of [`crate::DocxStyle`], in Word's units: twips
//! (twentieths of a point) for lengths and half-points for font sizes.

use crate::{DocxOptions, DocxStyle};

/// Twips in a millimetre.
const TWIPS_PER_MM: f32 = 1440.0 / 25.4;

/// A length in millimetres as whole twips.
pub(crate) fn mm(millimetres: f32) -> u32 {
    (millimetres * TWIPS_PER_MM).round() as u32
}

/// The paper and its margins, in twips. With mirrored margins (the official style) `inside` is
/// the binding side: the left of odd pages, the right of even ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Paper {
    pub width: u32,
    pub height: u32,
    pub top: u32,
    pub bottom: u32,
    pub inside: u32,
    pub outside: u32,
    /// From the top edge to the header; the document has no header, but Word wants it.
    pub header: u32,
    /// From the bottom edge to the bottom of the footer's text.
    pub footer: u32,
}

/// Line spacing of a paragraph style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Spacing {
    /// Exactly this many twips from baseline to baseline.
    Exact(u32),
    /// This many 240ths of the font's own line height (240 is single spacing).
    Auto(u32),
}

/// How one kind of paragraph is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Type {
    /// The East Asian font.
    pub font: String,
    /// The size in half-points.
    pub size: u32,
    pub bold: bool,
}

impl Type {
    fn new(font: &str, size: u32) -> Type {
        Type {
            font: font.to_owned(),
            size,
            bold: false,
        }
    }

    fn bold(mut self) -> Type {
        self.bold = true;
        self
    }
}

/// Where the page numbers go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageNumbers {
    /// `— 1 —` on the outer side, one character in: right on odd pages, left on even ones.
    Outer,
    /// `1`, centred.
    Centred,
}

/// Everything the parts of the package need to know of the look of the document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layout {
    pub paper: Paper,
    /// Whether even pages mirror odd ones (binding margin and page number side).
    pub mirrored: bool,
    /// The document grid's distance between lines, in twips: GB/T 9704's 22 lines a page.
    pub line_grid: Option<u32>,
    /// Space added to each character of body text and headings, in twips (negative: taken
    /// away), so that GB/T 9704's 28 characters fill a line.
    pub tracking: i32,
    /// The font for Latin letters and digits next to the East Asian one of every style.
    pub latin: String,
    pub body: Type,
    pub body_spacing: Spacing,
    pub title: Type,
    pub title_spacing: Spacing,
    /// Headings of levels 1, 2 and 3.
    pub headings: [Type; 3],
    /// Whether headings are indented by two characters like the paragraphs.
    pub headings_indented: bool,
    /// Table cells; the font is also that of the page numbers.
    pub cell: Type,
    /// The table's title above it.
    pub caption: Type,
    /// Notes under a table.
    pub note: Type,
    pub page_number: Type,
    pub page_numbers: PageNumbers,
}

/// The fonts of a style where the options name none.
struct DefaultFonts {
    body: &'static str,
    title: &'static str,
    heading: &'static str,
    subheading: &'static str,
    table: &'static str,
    latin: &'static str,
}

impl Layout {
    pub(crate) fn new(options: &DocxOptions) -> Layout {
        let defaults = match options.style {
            // The names Chinese offices' templates use for the faces GB/T 9704 names.
            DocxStyle::Official => DefaultFonts {
                body: "仿宋_GB2312",
                title: "方正小标宋简体",
                heading: "黑体",
                subheading: "楷体_GB2312",
                table: "宋体",
                latin: "Times New Roman",
            },
            // The faces every Chinese Windows has.
            DocxStyle::Plain => DefaultFonts {
                body: "宋体",
                title: "黑体",
                heading: "黑体",
                subheading: "楷体",
                table: "宋体",
                latin: "Times New Roman",
            },
        };
        let pick = |given: &Option<String>, default: &str| -> String {
            given.clone().unwrap_or_else(|| default.to_owned())
        };
        let body = pick(&options.body_font, defaults.body);
        let title = pick(&options.title_font, defaults.title);
        let heading = pick(&options.heading_font, defaults.heading);
        let subheading = pick(&options.subheading_font, defaults.subheading);
        let table = pick(&options.table_font, defaults.table);
        let latin = pick(&options.latin_font, defaults.latin);
        match options.style {
            DocxStyle::Official => Layout::official(body, title, heading, subheading, table, latin),
            DocxStyle::Plain => Layout::plain(body, title, heading, subheading, table, latin),
        }
    }

    /// GB/T 9704-2012: A4; 37 mm top, 28 mm binding side, 156 × 225 mm text area; 3号 (16 pt)
    /// type on a grid of 22 lines of 28 characters; the title in 2号 (22 pt); page numbers in
    /// 4号 (14 pt) 7 mm below the text area.
    fn official(
        body: String,
        title: String,
        heading: String,
        subheading: String,
        table: String,
        latin: String,
    ) -> Layout {
        let page_number = Type::new(&table, 28);
        // The footer's text is one exact 14 pt line whose top is 7 mm below the text area.
        let footer = mm(35.0 - 7.0) - page_number.size * 10;
        let paper = Paper {
            width: mm(210.0),
            height: mm(297.0),
            top: mm(37.0),
            bottom: mm(35.0),
            inside: mm(28.0),
            outside: mm(26.0),
            header: mm(15.0),
            footer,
        };
        let body_size = 32;
        // 28 characters of 16 pt type are 448 pt, a little more than the 156 mm (442 pt) text
        // width: each is set 0.25 pt closer. A character grid of 28 (`linesAndChars` with a
        // 15.8 pt pitch) would say the same to Word, but LibreOffice gives every character
        // wider than the pitch two cells of it, 14 characters a line.
        let text_width = paper.width - paper.inside - paper.outside;
        let tracking = (text_width / 28) as i32 - (body_size * 10) as i32;
        // 22 lines fill the 225 mm text height: 28.95 pt, Word templates' exact line spacing.
        let line_pitch = (paper.height - paper.top - paper.bottom) / 22;
        Layout {
            paper,
            mirrored: true,
            line_grid: Some(line_pitch),
            tracking,
            body: Type::new(&body, body_size),
            body_spacing: Spacing::Exact(line_pitch),
            title: Type::new(&title, 44),
            title_spacing: Spacing::Exact(720),
            headings: [
                Type::new(&heading, body_size),
                Type::new(&subheading, body_size),
                Type::new(&body, body_size),
            ],
            headings_indented: true,
            // 五号 (10.5 pt) cells under a 小四 (12 pt) caption, as house styles set tables.
            cell: Type::new(&table, 21),
            caption: Type::new(&heading, 24),
            note: Type::new(&body, 24),
            page_number,
            page_numbers: PageNumbers::Outer,
            latin,
        }
    }

    /// Word's own A4 page (2.54 cm top and bottom, 3.17 cm sides), 小四 (12 pt) body at
    /// one and a half lines, bold headings flush left, page numbers centred.
    fn plain(
        body: String,
        title: String,
        heading: String,
        subheading: String,
        table: String,
        latin: String,
    ) -> Layout {
        Layout {
            paper: Paper {
                width: mm(210.0),
                height: mm(297.0),
                top: 1440,
                bottom: 1440,
                inside: 1800,
                outside: 1800,
                header: 851,
                footer: 992,
            },
            mirrored: false,
            line_grid: None,
            tracking: 0,
            body: Type::new(&body, 24),
            body_spacing: Spacing::Auto(360),
            title: Type::new(&title, 36).bold(),
            title_spacing: Spacing::Auto(240),
            headings: [
                Type::new(&heading, 28),
                Type::new(&subheading, 24).bold(),
                Type::new(&body, 24).bold(),
            ],
            headings_indented: false,
            cell: Type::new(&table, 21),
            caption: Type::new(&heading, 24),
            note: Type::new(&table, 21),
            page_number: Type::new(&table, 21),
            page_numbers: PageNumbers::Centred,
            latin,
        }
    }

    /// The width between the margins, in twips.
    pub(crate) fn text_width(&self) -> u32 {
        self.paper.width - self.paper.inside - self.paper.outside
    }

    /// The distance between two lines of body text, in twips.
    pub(crate) fn body_line(&self) -> u32 {
        match self.body_spacing {
            Spacing::Exact(twips) => twips,
            // Single spacing of CJK type is about 1.3 of its size.
            Spacing::Auto(lines) => self.body.size * 10 * 13 / 10 * lines / 240,
        }
    }
}
