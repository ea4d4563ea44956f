//! The C ABI between `nianbao` and a plugin: the contract, version 1.
//!
//! A plugin is a dynamic library exporting one function, [`ENTRY_SYMBOL`]
//! (`nianbao_plugin_entry_v1`), that takes nothing and returns a pointer to a static
//! [`PluginTable`]. Everything else crosses the boundary as bytes:
//!
//! 1. The host checks `abi_version == ABI_VERSION` and `struct_size >= size_of::<PluginTable>()`
//!    before calling anything in the table. Later versions only append fields.
//! 2. `describe(out)` fills `out` with UTF-8 JSON [`PluginInfo`]: id, extension, media type,
//!    description, version, options with defaults, and the schema versions it was built for.
//! 3. `export(request, len, out)` receives UTF-8 JSON [`ExportRequest`]: `input`, exactly what
//!    the built-in `json` format writes (the values by key, the findings, the presentation
//!    document, each with its schema version; its JSON Schema is `schema/nianbao.schema.json`
//!    of the `nianbao-json` crate), and `options`, every option of the plugin with defaults
//!    filled in. The request is borrowed for the duration of the call. `export` fills `out`
//!    with the output bytes ([`STATUS_OK`]) or a UTF-8 message ([`STATUS_ERROR`],
//!    [`STATUS_PANIC`]). It may be called from several threads at once.
//! 4. The host copies every buffer it gets and hands it back to the plugin's `free`: memory is
//!    freed by the side that allocated it.
//!
//! Every function must return normally: a panic unwinding out of an `extern "C"` function
//! aborts the process, so the SDK runs each body under `catch_unwind`. The host never unloads
//! a plugin.

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
