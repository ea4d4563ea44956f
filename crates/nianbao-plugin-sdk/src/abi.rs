//! The C ABI between `nianbao` and a plugin: the contract, version 1. Enough to write a
//! plugin in C (or any language that can export a C function) without reading Rust.
//!
//! # Symbols and types
//!
//! A plugin is a dynamic library (`.so`, `.dylib`, `.dll`) exporting one function,
//! `nianbao_plugin_entry_v1` ([`ENTRY_SYMBOL`]), that returns a pointer to a table which stays
//! valid as long as the library is loaded (a `static`). In C:
//!
//! ```c
//! #include <stddef.h>
//! #include <stdint.h>
//!
//! typedef struct NianbaoBuffer {
//!     uint8_t *ptr;     /* the bytes; NULL when there are none */
//!     size_t len;       /* how many */
//!     size_t capacity;  /* for the plugin's own `free`; nianbao never reads it */
//! } NianbaoBuffer;
//!
//! typedef struct NianbaoPluginTable {
//!     uint32_t abi_version;  /* 1 */
//!     uint32_t struct_size;  /* sizeof(NianbaoPluginTable) */
//!     int32_t (*describe)(NianbaoBuffer *out);
//!     int32_t (*export_)(const uint8_t *request, size_t request_len, NianbaoBuffer *out);
//!     void (*free)(NianbaoBuffer buffer);  /* by value */
//! } NianbaoPluginTable;
//!
//! const NianbaoPluginTable *nianbao_plugin_entry_v1(void);
//! ```
//!
//! The minimum `struct_size` per ABI version (later versions only append fields, and a host
//! reads no field past `struct_size`):
//!
//! | ABI version | fields | minimum `struct_size` |
//! |---|---|---|
//! | 1 | `abi_version`, `struct_size`, `describe`, `export`, `free` | 2 × 4 + 3 × pointer size: 32 bytes on 64-bit targets, 20 on 32-bit |
//!
//! The host calls nothing before it has checked `abi_version == 1` and `struct_size` ≥ that
//! minimum; a plugin of another version is refused with a message naming both versions.
//!
//! # Calls
//!
//! Every function returns a status: [`STATUS_OK`] (0) with the result in `out`,
//! [`STATUS_ERROR`] (1) with a UTF-8 message for the user in `out` (one line is best: nianbao
//! prefixes it with the plugin's id and file), or [`STATUS_PANIC`] (2) with a UTF-8 message,
//! for an unexpected failure (a panic, an exception). Any other status is reported as an
//! error. No function may let a panic or an exception unwind out of it, nor abort: catch
//! everything and return 2.
//!
//! 1. `describe(out)` fills `out` with UTF-8 JSON of [`PluginInfo`]. Called once per process
//!    that loads the library, before any `export`.
//! 2. `export(request, request_len, out)` receives `request_len` bytes of UTF-8 JSON, an
//!    [`ExportRequest`], borrowed for the duration of the call only; it fills `out` with the
//!    output file's bytes. It may be called from several threads at once.
//! 3. `free(buffer)` gets back every buffer the plugin filled, exactly once, after the host
//!    has copied it (whatever the status): memory is freed by the side that allocated it.
//!    `out` is zeroed (`{NULL, 0, 0}`) before each call; a plugin that leaves it so returns
//!    no bytes.
//!
//! # The description (`describe`)
//!
//! ```json
//! {
//!   "id": "csv",
//!   "extension": "csv",
//!   "media_type": "text/csv; charset=utf-8",
//!   "description": "The tables as CSV, for spreadsheets",
//!   "version": "1.0.0",
//!   "options": [
//!     {"key": "separator", "default": ",", "description": "Between fields", "choices": [",", ";"]},
//!     {"key": "header", "default": true, "description": "Write a header line"},
//!     {"key": "width", "default": 80, "description": "Line width", "minimum": 20, "maximum": 200}
//!   ],
//!   "sdk_version": "0.1.0",
//!   "document_schema": 2,
//!   "interchange_schema": 1
//! }
//! ```
//!
//! - `id`: what users write in `--to` and `--option ID.KEY=…`: 1 to 64 characters, none of
//!   `,` `.` `=` `/` `\`, spaces or control characters; not the id of a built-in format.
//! - `extension`: of the files written, without the dot: 1 to 16 of `a-z` and `0-9`.
//! - `media_type`: a `text/…` type promises UTF-8: the host refuses other bytes.
//! - `options`: each with a `key`, a `default` whose JSON type (boolean, integer or string)
//!   is the option's kind, a `description`, and optionally `minimum`/`maximum` (integers) or
//!   `choices` (strings). The host checks users' values against them.
//! - `sdk_version`: the SDK (or, without it, the nianbao version whose contract the plugin
//!   follows); shown by `nianbao formats`.
//! - `document_schema` must be 2 and `interchange_schema` 1: the versions of the request this
//!   contract describes. A plugin built for others is refused with both versions named.
//!
//! A description that is not UTF-8 JSON of this shape, or breaks a rule above, makes the
//! plugin unusable: `nianbao formats` lists it with the reason.
//!
//! # The request (`export`)
//!
//! ```json
//! {"input": {…}, "options": {"separator": ";", "header": true, "width": 80}}
//! ```
//!
//! - `input` is exactly what `nianbao render REPORT --to json` writes: `{"schema_version": 1,
//!   "values": {"schema_version": 1, …}, "findings": {"schema_version": 1, "items": […]},
//!   "document": {"schema_version": 2, …}}` — the interchange envelope (schema 1), the values
//!   by key (schema 1), the findings of the checks (schema 1) and the presentation document
//!   (schema 2). Its JSON Schema is `crates/nianbao-json/schema/nianbao.schema.json` in the
//!   nianbao repository.
//! - `options` has every option of the description, each with the user's value or the
//!   default, of the option's kind and within its range or choices.
//!
//! # Where the plugin runs
//!
//! By default nianbao runs each plugin in a host process of its own, started once per run:
//! the calls there run on threads of the host; one that exceeds the time limit (60 s by
//! default) kills the host; an output over 256 MiB is refused; an abort or a crash fails the
//! calls in flight, naming the plugin, and the next call starts a new host (which loads the
//! library and calls `describe` again). The plugin's standard output and standard error are
//! captured and shown, prefixed with its file, only when its host fails; its standard input
//! is the host's channel: never read it. With `--plugins-in-process` the library is loaded
//! into nianbao itself: there standard output is nianbao's own output, so a plugin must never
//! print; an abort ends nianbao. The host never unloads a library (`dlclose`).

use serde::{Deserialize, Serialize};

use nianbao_core::{Interchange, OptionSpec, OptionValues};

/// The ABI version this SDK and host speak.
pub const ABI_VERSION: u32 = 1;

/// Name of the entry function, NUL-terminated; the name carries the ABI version.
pub const ENTRY_SYMBOL: &[u8] = b"nianbao_plugin_entry_v1\0";

/// Prefix of the entry function of any ABI version, to recognise a plugin of another version.
pub const ENTRY_SYMBOL_PREFIX: &str = "nianbao_plugin_entry_v";

/// The call succeeded; the buffer holds the result.
pub const STATUS_OK: i32 = 0;
/// The exporter returned an error; the buffer holds its message.
pub const STATUS_ERROR: i32 = 1;
/// The plugin panicked; the buffer holds the panic message.
pub const STATUS_PANIC: i32 = 2;

/// Bytes owned by the side that allocated them.
#[repr(C)]
#[derive(Debug)]
pub struct Buffer {
    /// Start of the bytes; null for an empty buffer.
    pub ptr: *mut u8,
    /// Number of bytes.
    pub len: usize,
    /// Allocated capacity, for the allocator that frees it.
    pub capacity: usize,
}

impl Buffer {
    /// An empty buffer, for the callee to fill.
    pub const EMPTY: Buffer = Buffer {
        ptr: std::ptr::null_mut(),
        len: 0,
        capacity: 0,
    };
}

/// The table a plugin's entry function returns. Fields are only ever appended.
#[repr(C)]
pub struct PluginTable {
    /// [`ABI_VERSION`] the plugin was built for.
    pub abi_version: u32,
    /// `size_of::<PluginTable>()` in the plugin; lets a newer host see which fields exist.
    pub struct_size: u32,
    /// Fills `out` with [`PluginInfo`] as JSON. Returns a status.
    pub describe: unsafe extern "C" fn(out: *mut Buffer) -> i32,
    /// Exports: `request` is [`ExportRequest`] as JSON, `request_len` bytes. Returns a status.
    pub export:
        unsafe extern "C" fn(request: *const u8, request_len: usize, out: *mut Buffer) -> i32,
    /// Frees a buffer this plugin filled.
    pub free: unsafe extern "C" fn(buffer: Buffer),
}

/// What a plugin says about itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PluginInfo {
    /// Format id, e.g. `md`.
    pub id: String,
    /// File extension without the dot.
    pub extension: String,
    /// Media type; a `text/…` type promises UTF-8 output.
    pub media_type: String,
    /// One line saying what the format is for.
    pub description: String,
    /// The plugin's own version.
    pub version: String,
    /// Options with defaults.
    pub options: Vec<OptionSpec>,
    /// The SDK version it was built with.
    pub sdk_version: String,
    /// [`nianbao_core::DOCUMENT_SCHEMA_VERSION`] it was built for; the host refuses a plugin
    /// built for another.
    pub document_schema: u32,
    /// [`nianbao_core::INTERCHANGE_SCHEMA_VERSION`] it was built for (0 from SDKs before
    /// document schema 2, which sent the report instead).
    #[serde(default)]
    pub interchange_schema: u32,
}

/// What the host sends to `export`.
#[derive(Debug, Serialize, Deserialize)]
pub struct ExportRequest<'a> {
    /// The report as the `json` format writes it: values, findings and document.
    pub input: Interchange<'a>,
    /// Every option of the plugin, defaults filled in.
    pub options: std::borrow::Cow<'a, OptionValues>,
}
