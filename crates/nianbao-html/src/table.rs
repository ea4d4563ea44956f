//! An official table as an HTML table, drawn cell for cell from the document's grid.

use nianbao_core::{Cell, CellRole, Table};

use crate::escape::Escaped;

/// The widest `colspan` and `rowspan` HTML allows.
const MAX_COLSPAN: usize = 1000;
const MAX_ROWSPAN: usize = 65534;

/// Draws `table` in a scroll box: the caption, the first [`Table::header_rows`] rows in
/// `<thead>`, the rest in `<tbody>` — one per block of [`Table::blocks`] (table 2), so that
/// a block's caption heads exactly its own rows — and then the table's notes.
pub(crate) fn draw(out: &mut String, table: &Table) {
    let id = caption_id(&table.id);
    let columns = table.column_count();
    let label_columns = table.label_columns();
    // Below this width the columns get too narrow to read; a narrower screen scrolls the box.
    let min_width = columns * 3 + label_columns * 5;
    // The box is focusable and named so that keyboard and screen-reader users can scroll it.
    push!(
        out,
        "<div class=\"table-scroll\" role=\"region\" aria-labelledby=\"{id}\" tabindex=\"0\">\n"
    );
    out.push_str("<table");
    if !table.notes.is_empty() {
        // The notes sit outside the table; this is what ties them to it for assistive
        // technology.
        push!(out, " aria-describedby=\"{id}-notes\"");
    }
    push!(
        out,
        " style=\"--nianbao-min-width: {min_width}em\">\n<caption id=\"{id}\">{}</caption>\n",
        Escaped(&table.title)
    );
    // Value columns share the width equally (a label column counts double), so that no
    // column of numbers is squeezed by a long header beside it.
    let values = columns.saturating_sub(label_columns);
    if values > 0 {
        out.push_str("<colgroup>");
        if label_columns > 0 {
            push!(out, "<col span=\"{label_columns}\">");
        }
        let share = 100.0 / (columns + label_columns) as f64;
        push!(out, "<col span=\"{values}\" style=\"width: {share:.2}%\">");
        out.push_str("</colgroup>\n");
    }
    let rows = table.row_count();
    // A row group must not cut through a cell spanning down across its first row: if the
    // header rows end inside such a cell, every row goes in the body instead.
    let head = table.header_rows.min(rows);
    let head = if opens_group(table, head) { head } else { 0 };
    if head > 0 {
        out.push_str("<thead>\n");
        for row in 0..head {
            draw_row(out, table.row_cells(row));
        }
        out.push_str("</thead>\n");
    }
    out.push_str(tbody_tag(table, head));
    for row in head..rows {
        if row > head && starts_group(table, row) && opens_group(table, row) {
            out.push_str("</tbody>\n");
            out.push_str(tbody_tag(table, row));
        }
        draw_row(out, table.row_cells(row));
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    draw_notes(out, table, &id);
}

/// Whether `row` is where a block of table 2 begins, or where one ends and other rows follow.
fn starts_group(table: &Table, row: usize) -> bool {
    (table.blocks.iter()).any(|block| block.caption_row == row || block.end_row == row)
}

/// Whether a row group may begin at `row`: no cell reaches into it from a row above.
fn opens_group(table: &Table, row: usize) -> bool {
    // Read through `get` rather than `Table::cell_at`, which panics on a grid that does not
    // match its cells (a document read from JSON without `Table::validate`).
    let Some(line) = table.grid.get(row) else {
        return true;
    };
    (line.iter()).all(|&owner| table.cells.get(owner).is_none_or(|cell| cell.row == row))
}

/// The opening tag of the row group beginning at `row`; a block's group is kept on one page
/// when printed.
fn tbody_tag(table: &Table, row: usize) -> &'static str {
    if table.blocks.iter().any(|block| block.caption_row == row) {
        "<tbody class=\"block\">\n"
    } else {
        "<tbody>\n"
    }
}

/// The notes under the table (`注：…`), one paragraph each, after the scroll box rather
/// than inside it: inside, a note would scroll out of view with the table's columns while a
/// reader moves along a wide table on a phone, and it is running text that should wrap to
/// the page, not to the table.
fn draw_notes(out: &mut String, table: &Table, id: &str) {
    if table.notes.is_empty() {
        return;
    }
    push!(out, "<div class=\"table-notes\" id=\"{id}-notes\">\n");
    for note in &table.notes {
        push!(out, "<p>{}</p>\n", Escaped(note));
    }
    out.push_str("</div>\n");
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

/// One `<tr>`: the cells that start on the row. The document's grid has a cell for every
/// position, blank ones included, so HTML's placement of each cell in the next free column
/// puts it exactly where the grid has it.
fn draw_row(out: &mut String, cells: &[Cell]) {
    out.push_str("<tr>");
    for cell in cells {
        draw_cell(out, cell);
    }
    out.push_str("</tr>\n");
}

/// A cell: captions head their block, headers their columns, labels their rows (over every
/// row they span), values are data cells carrying their key, and a blank position of the
/// form is an empty data cell.
fn draw_cell(out: &mut String, cell: &Cell) {
    let (tag, scope) = match cell.role {
        CellRole::Caption => ("th", Some("rowgroup")),
        CellRole::Header => ("th", Some("col")),
        CellRole::Label => ("th", Some("row")),
        CellRole::Value | CellRole::Empty => ("td", None),
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
    if cell.role == CellRole::Empty {
        out.push_str("></td>");
        return;
    }
    if let Some(key) = &cell.key {
        push!(out, " data-key=\"{}\"", Escaped(key));
    }
    push!(out, ">{}</{tag}>", Escaped(&cell.text));
}
