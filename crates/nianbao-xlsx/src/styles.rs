//! The cell formats of the workbook.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};

use crate::layout::CELL_FONT_SIZE;

/// The font of the printed forms; Excel on a Chinese system has it, other readers substitute
/// their Song (serif) CJK face.
const FONT: &str = "宋体";

/// Size of the report title above each table, in points.
pub(crate) const TITLE_SIZE: f64 = 16.0;
/// Size of the table title (the section heading), in points; also of the `正文` sheet's
/// section headings and paragraphs.
pub(crate) const CAPTION_SIZE: f64 = 12.0;
/// Size of a level-2 heading of the `正文` sheet, in points.
pub(crate) const SUBHEADING_SIZE: f64 = 11.0;
/// Size of a level-3 heading of the `正文` sheet, in points.
pub(crate) const MINOR_HEADING_SIZE: f64 = CELL_FONT_SIZE;

/// Every format the sheets use, made once per workbook.
pub(crate) struct Styles {
    /// The report title, centred over the table.
    pub title: Format,
    /// The table title under it (`三、收到和处理政府信息公开申请情况`).
    pub caption: Format,
    /// Column headers: centred, wrapped, boxed.
    pub header: Format,
    /// The block captions of table 2 (`第二十条第（一）项`).
    pub block_caption: Format,
    /// Row labels of one row: left, wrapped, boxed.
    pub label: Format,
    /// Row labels over several rows (`三、本年度办理结果`): centred.
    pub label_group: Format,
    /// Counts: whole numbers, centred, boxed.
    pub count: Format,
    /// Header row of the `数据` sheet.
    pub data_header: Format,
    /// Text cells of the `数据` sheet.
    pub data_text: Format,
    /// Counts in the `数据` sheet.
    pub data_count: Format,
    /// Notes under a table (`注：…`): left, wrapped, not boxed.
    pub table_note: Format,
    /// Section headings (level 1) of the `正文` sheet.
    pub heading: Format,
    /// Sub-headings of a section (level 2, `（一）…`): smaller, indented one step.
    pub subheading: Format,
    /// Sub-headings below those (level 3, `1.…`): smaller again, indented two steps.
    pub minor_heading: Format,
    /// Body paragraphs of the `正文` sheet.
    pub body: Format,
    /// The signature of the `正文` sheet: flush right.
    pub signature: Format,
    /// Pointers from the `正文` sheet to the table sheets.
    pub link: Format,
}

impl Styles {
    /// Makes them.
    pub fn new() -> Styles {
        let font = || Format::new().set_font_name(FONT);
        let boxed = || {
            font()
                .set_font_size(CELL_FONT_SIZE)
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap()
        };
        let centred = || boxed().set_align(FormatAlign::Center);
        Styles {
            title: font()
                .set_font_size(TITLE_SIZE)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            caption: font()
                .set_font_size(CAPTION_SIZE)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            header: centred().set_bold(),
            block_caption: centred().set_bold(),
            label: boxed().set_align(FormatAlign::Left),
            label_group: centred(),
            count: centred().set_num_format("0"),
            data_header: font()
                .set_font_size(CELL_FONT_SIZE)
                .set_bold()
                .set_border(FormatBorder::Thin),
            data_text: font().set_font_size(CELL_FONT_SIZE),
            data_count: font().set_font_size(CELL_FONT_SIZE).set_num_format("0"),
            table_note: font()
                .set_font_size(CELL_FONT_SIZE)
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top)
                .set_text_wrap(),
            heading: font().set_font_size(CAPTION_SIZE).set_bold(),
            subheading: font()
                .set_font_size(SUBHEADING_SIZE)
                .set_bold()
                .set_align(FormatAlign::Left)
                .set_indent(1)
                .set_text_wrap(),
            minor_heading: font()
                .set_font_size(MINOR_HEADING_SIZE)
                .set_bold()
                .set_align(FormatAlign::Left)
                .set_indent(2)
                .set_text_wrap(),
            body: font()
                .set_font_size(CAPTION_SIZE)
                .set_align(FormatAlign::Top)
                .set_text_wrap(),
            signature: font()
                .set_font_size(CAPTION_SIZE)
                .set_align(FormatAlign::Right),
            link: font()
                .set_font_size(CELL_FONT_SIZE)
                .set_font_color(rust_xlsxwriter::Color::Blue)
                .set_underline(rust_xlsxwriter::FormatUnderline::Single),
        }
    }
}

/// The number format that shows exactly the digits of a decimal as written:
/// `0.000000` for `4166.241619`, `0.00` for `18651.06`, `0` for `12`.
pub(crate) fn decimal_format(digits: &str) -> String {
    match digits.split_once('.') {
        Some((_, fraction)) if !fraction.is_empty() => format!("0.{}", "0".repeat(fraction.len())),
        _ => "0".to_owned(),
    }
}
