//! Write an exporter plugin for `nianbao`: implement [`Exporter`], add one line,
//! [`export_plugin!`], and build a `cdylib`.
//!
//! ```
//! use nianbao_plugin_sdk::{ExportError, ExportInput, Exporter, OptionSpec, OptionValue, OptionValues};
//!
//! /// Writes the report title, for the example.
//! pub struct TitleExporter;
//!
//! impl Exporter for TitleExporter {
//!     fn id(&self) -> &str { "title" }
//!     fn extension(&self) -> &str { "txt" }
//!     fn media_type(&self) -> &str { "text/plain; charset=utf-8" }
//!     fn description(&self) -> &str { "The report title, for a link list" }
//!     fn version(&self) -> &str { env!("CARGO_PKG_VERSION") }
//!     fn options(&self) -> Vec<OptionSpec> {
//!         vec![OptionSpec::new("suffix", OptionValue::Text(String::new()), "Text after the title")]
//!     }
//!     fn export(&self, input: ExportInput<'_>, options: &OptionValues) -> Result<Vec<u8>, ExportError> {
//!         #[derive(serde::Deserialize)]
//!         struct Options { suffix: String }
//!         let options: Options = options.parse()?;
//!         Ok(format!("{}{}\n", input.document.title, options.suffix).into_bytes())
//!     }
//! }
//!
//! nianbao_plugin_sdk::export_plugin!(TitleExporter);
//!
//! // In your tests: run it on the sample report, through the same JSON the host sends.
//! let bytes = nianbao_plugin_sdk::testing::run_on_sample(&TitleExporter, &[("suffix", "（全文）")]).unwrap();
//! assert_eq!(bytes, "威海市环翠区商务局2024年政府信息公开工作年度报告（全文）\n".as_bytes());
//! ```
//!
//! # Start
//!
//! `nianbao plugin new csv` writes a ready crate, `nianbao-csv` (see [`scaffold`]): an
//! exporter with one option and two tests. By hand:
//!
//! ```toml
//! [package]
//! name = "nianbao-myformat"
//! edition = "2024"
//!
//! [lib]
//! crate-type = ["cdylib", "rlib"]   # cdylib for nianbao to load, rlib for your tests
//!
//! [dependencies]
//! # The SDK is not on crates.io. Either a checkout of nianbao (of the version that will load
//! # the plugin):
//! nianbao-plugin-sdk = { path = "../nianbao/crates/nianbao-plugin-sdk" }
//! # or its git repository, at the tag of that version (cargo finds the package by name):
//! # nianbao-plugin-sdk = { git = "https://…/nianbao", tag = "v0.1.0" }
//! serde = { version = "1", features = ["derive"] }   # for your options struct
//! ```
//!
//! Implement [`Exporter`] on a unit struct (the macro puts it in a `static`) and write
//! `nianbao_plugin_sdk::export_plugin!(MyExporter);` once in the crate. Your code needs no
//! `unsafe`. `plugins/nianbao-markdown` in the nianbao repository is a complete plugin.
//!
//! What you get: `input.document` is the report laid out for presentation ([`Document`],
//! schema version [`DOCUMENT_SCHEMA_VERSION`]) — the title, headings, paragraphs and the three
//! official tables, each with its resolved grid: `table.cells` in reading order with their
//! spans, `table.grid[row][col]` naming the cell that covers each position (every position is
//! covered by exactly one cell), [`Table::cell_at`], [`Table::row_cells`], table 2's blocks,
//! each column's kind, each value's key, unit and note, and for every 总计 the keys it sums
//! (`cell.total.sum_of`) and whether the report's total agrees. Draw that, so your format
//! matches the others; [`nianbao_core::linebreak`] breaks Chinese lines by the same rules as
//! the built-in formats. `input.findings` is what the checks found. `options` holds a valid
//! value for every option you declare (kinds, ranges and choices are checked by the host);
//! [`OptionValues::parse`] turns them into your own struct. Users set them with
//! `--option ID.KEY=VALUE` or in a recipients file.
//!
//! On the wire (see [`abi`], the whole contract for a plugin written in C or another
//! language) the plugin receives exactly what `nianbao render --to json` writes, plus the
//! options: run that on a report to see what your plugin will get.
//!
//! # Rules
//!
//! - The id (`--to ID`) is 1 to 64 characters without `,` `.` `=` `/` `\`, spaces or control
//!   characters; the extension is 1 to 16 of `a-z` and `0-9`. Otherwise the plugin is listed
//!   as unusable, with the reason.
//! - `export` is called from several threads at once: keep no state between calls, or guard
//!   it.
//! - Standard output is not yours: never print. In process it is nianbao's own output (a
//!   `formats --json` would no longer be JSON); out of process it is captured and shown only
//!   when the plugin's host fails. Report problems by returning an [`ExportError`].
//!
//! # Build and install
//!
//! ```sh
//! cargo build --release
//! nianbao --plugin-dir target/release formats          # your format is listed with its file
//! nianbao --plugin-dir target/release render report.toml --to myformat
//! export NIANBAO_PLUGIN_PATH=/opt/nianbao/plugins       # or put it on the search path (`:`-separated)
//! ```
//!
//! Every `.so` (Linux), `.dylib` (macOS) or `.dll` (Windows) in a plugin directory is loaded
//! once per run and never unloaded. A plugin whose id is already taken (by a built-in or
//! another plugin), or whose library cannot be loaded, is listed by `nianbao formats` as
//! unusable with the reason; only commands that ask for its format fail. Two formats with the
//! same extension cannot be rendered into the same folder.
//!
//! # How nianbao runs your plugin
//!
//! **Out of process** (the default): nianbao starts one plugin host per plugin library (a
//! second `nianbao` process) that loads the library, checks its ABI, calls `describe` once and
//! then `export` for every report of the run, each call on a thread of its own, several at
//! once. What this means for you:
//! - a call that takes longer than the time limit (`--plugin-timeout`, 60 s by default) kills
//!   the host and fails, naming your plugin; an output over 256 MiB fails the call;
//! - a crash or an abort fails the calls in flight with an error naming your plugin and the
//!   signal; the next call starts a new host, which loads the library and calls `describe`
//!   again (so a plugin's global state may start over within one run);
//! - whatever the plugin prints, on standard output or standard error, goes to a pipe that
//!   nianbao shows, each line prefixed with the library's file, only when the host fails;
//! - standard input is the host's channel to nianbao: never read it.
//!
//! **In process** (`--plugins-in-process`): the library is loaded into nianbao itself. No
//! process to start and nothing to copy, so it is faster (for the Markdown plugin, about 1 ms
//! less per run to start and 0.15 to 0.25 ms less processor time per report; `cargo bench -p
//! nianbao-plugins --bench modes` measures it), but your plugin's faults are nianbao's: a loop
//! hangs it (no time limit), a print goes into its output, an abort or a crash ends it.
//!
//! # Test
//!
//! [`testing::run_on_sample`] runs your exporter on the sample report (the real 2024 report of
//! 威海市环翠区商务局) through the same JSON request the host sends, so a type that does not
//! survive the boundary fails in your tests, not in a user's run.
//!
//! # Versions
//!
//! The ABI ([`abi`]) has its own version, [`abi::ABI_VERSION`] (1), carried in the entry
//! symbol's name and in the table; the request carries the schema versions of its parts
//! (interchange 1, values 1, findings 1, document 2). A host refuses a plugin of another ABI
//! version or document schema with a message naming the file and both versions: rebuild the
//! plugin against the SDK that matches your `nianbao`. Fields are only ever appended to the
//! table, and a plugin's `struct_size` tells the host which it has.
//!
//! # Panics and aborts
//!
//! A panic in your exporter is caught by the SDK and reported by `nianbao` as an error of your
//! plugin; the run goes on. But a plugin built with `panic = "abort"` (in its profile) turns
//! every panic into an abort, and so does anything that aborts (a stack overflow,
//! `std::process::abort`): out of process that kills the plugin's host and fails every call in
//! flight there; in process it ends `nianbao` without a word. Keep the default
//! `panic = "unwind"` for plugins.

pub mod abi;
#[doc(hidden)]
pub mod guest;
pub mod scaffold;
pub mod testing;

pub use nianbao_core::{
    self, Block, Cell, CellRole, CellValue, ColumnKind, DOCUMENT_SCHEMA_VERSION, Document,
    ExportError, ExportInput, Exporter, Finding, OptionSpec, OptionValue, OptionValues,
    ParagraphRole, Report, Table, linebreak,
};

/// Exports `$exporter` (a constant expression, usually a unit struct implementing
/// [`Exporter`]) as this library's plugin: defines `nianbao_plugin_entry_v1`.
#[macro_export]
macro_rules! export_plugin {
    ($exporter:expr) => {
        const _: () = {
            static EXPORTER: &dyn $crate::Exporter = &$exporter;

            unsafe extern "C" fn describe(out: *mut $crate::abi::Buffer) -> i32 {
                // SAFETY: the host passes a writable buffer slot.
                unsafe { $crate::guest::describe(EXPORTER, out) }
            }

            unsafe extern "C" fn export(
                request: *const u8,
                request_len: usize,
                out: *mut $crate::abi::Buffer,
            ) -> i32 {
                // SAFETY: the host lends the request for the call and a writable slot.
                unsafe { $crate::guest::export(EXPORTER, request, request_len, out) }
            }

            static TABLE: $crate::abi::PluginTable = $crate::abi::PluginTable {
                abi_version: $crate::abi::ABI_VERSION,
                struct_size: ::core::mem::size_of::<$crate::abi::PluginTable>() as u32,
                describe,
                export,
                free: $crate::guest::free,
            };

            /// The plugin's entry point, looked up by name by `nianbao`.
            #[unsafe(no_mangle)]
            pub extern "C" fn nianbao_plugin_entry_v1() -> *const $crate::abi::PluginTable {
                &TABLE
            }
        };
    };
}
