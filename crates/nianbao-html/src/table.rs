//! An official table as an HTML table, drawn cell for cell from the document's grid.

use nianbao_core::{Cell, CellRole, Row, Table};

use crate::escape::Escaped;

/// The widest `colspan` and `rowspan` HTML allows.
const MAX_COLSPAN: usize = 1000;
const MAX_ROWSPAN: usize = 65534;

/// Draws `table` in a scroll box: the caption, the first [`Table::header_rows`] rows in
/// `<thead>`, the rest in `<tbody>` — one per block where a caption-role row opens a block
/// (table 2), so that block's caption heads exactly its own rows.
pub(crate) fn draw(out: &mut String, table: &Table) {
    let id = caption_id(&table.id);
    // Below this width the columns get too narrow to read; a narrower screen scrolls the box.
    let min_width = table.columns * 3 + table.label_columns * 5;
    // The box is focusable and named so that keyboard and screen-reader users can scroll it.
    push!(
        out,
        "<div class=\"table-scroll\" role=\"region\" aria-labelledby=\"{id}\" tabindex=\"0\">\n"
    );
    push!(
        out,
        "<table style=\"--nianbao-min-width: {min_width}em\">\n<caption id=\"{id}\">{}</caption>\n",
        Escaped(&table.caption)
    );
    // Value columns share the width equally (a label column counts double), so that no
    // column of numbers is squeezed by a long header beside it.
    let values = table.columns.saturating_sub(table.label_columns);
    if values > 0 {
        out.push_str("<colgroup>");
        if table.label_columns > 0 {
            push!(out, "<col span=\"{}\">", table.label_columns);
        }
        let share = 100.0 / (table.columns + table.label_columns) as f64;
        push!(out, "<col span=\"{values}\" style=\"width: {share:.2}%\">");
        out.push_str("</colgroup>\n");
    }
    let mut busy = vec![0; table.columns];
    let head = table.header_rows.min(table.rows.len());
    if head > 0 {
        out.push_str("<thead>\n");
        for row in &table.rows[..head] {
            draw_row(out, row, &mut busy);
        }
        out.push_str("</thead>\n");
    }
    let body = &table.rows[head..];
    out.push_str(tbody_tag(body.first()));
    for (i, row) in body.iter().enumerate() {
        // A row group must not cut through a cell spanning down from the rows above.
        if i > 0 && opens_block(row) && busy.iter().all(|&b| b == 0) {
            out.push_str("</tbody>\n");
            out.push_str(tbody_tag(Some(row)));
        }
        draw_row(out, row, &mut busy);
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

/// Whether `row` opens a block of table 2: it starts with the block's caption.
fn opens_block(row: &Row) -> bool {
    row.cells
        .first()
        .is_some_and(|c| c.role == CellRole::Caption)
}

/// A block's row group is kept on one page when printed.
fn tbody_tag(first: Option<&Row>) -> &'static str {
    if first.is_some_and(opens_block) {
        "<tbody class=\"block\">\n"
    } else {
        "<tbody>\n"
    }
}

/// `nianbao-` and the table id with anything but ASCII letters, digits, `-` and `_` replaced,
/// so that it is a valid id unlikely to clash with the host page's.
fn caption_id(table_id: &str) -> String {
    let safe = table_id.chars().map(|c| match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' => c,
        _ => '-',
    });
    "nianbao-".chars().chain(safe).collect()
}

/// One `<tr>`. `busy[c]` counts the rows, from this one on, that a cell spanning down from
/// above still covers in grid column `c`. A grid position no cell covers gets an empty
/// `<td>`: HTML places cells in the next free column, so a hole would shift the cells after it.
fn draw_row(out: &mut String, row: &Row, busy: &mut [usize]) {
    out.push_str("<tr>");
    let mut next = 0;
    for cell in &row.cells {
        fill_holes(out, busy, next, cell.col);
        draw_cell(out, cell);
        let end = cell.col.saturating_add(cell.colspan.max(1));
        for slot in busy.iter_mut().take(end).skip(cell.col) {
            *slot = cell.rowspan.max(1);
        }
        next = next.max(end);
    }
    fill_holes(out, busy, next, busy.len());
    out.push_str("</tr>\n");
    for slot in busy {
        *slot = slot.saturating_sub(1);
    }
}

fn fill_holes(out: &mut String, busy: &[usize], from: usize, to: usize) {
    let to = to.min(busy.len());
    for _ in (from..to).filter(|&c| busy[c] == 0) {
        out.push_str("<td></td>");
    }
}

/// A cell: captions head their block, headers their columns, labels their rows (over every
/// row they span), values are data cells carrying their key.
fn draw_cell(out: &mut String, cell: &Cell) {
    let (tag, scope) = match cell.role {
        CellRole::Caption => ("th", Some("rowgroup")),
        CellRole::Header => ("th", Some("col")),
        CellRole::Label => ("th", Some("row")),
        _ => ("td", None),
    };
    push!(out, "<{tag}");
    if let Some(scope) = scope {
        push!(out, " scope=\"{scope}\"");
    }
    let rowspan = cell.rowspan.min(MAX_ROWSPAN);
    if rowspan > 1 {
        push!(out, " rowspan=\"{rowspan}\"");
    }
    let colspan = cell.colspan.min(MAX_COLSPAN);
    if colspan > 1 {
        push!(out, " colspan=\"{colspan}\"");
    }
    if let Some(key) = &cell.key {
        push!(out, " data-key=\"{}\"", Escaped(key));
    }
    push!(out, ">{}</{tag}>", Escaped(&cell.text));
}
