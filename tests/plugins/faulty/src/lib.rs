//! A plugin that misbehaves on purpose, for the host's fault tests. The environment variable
//! `NIANBAO_FAULT` picks the fault:
//!
//! | value | fault |
//! |---|---|
//! | `abi` | the table claims ABI version 99 |
//! | `size` | the table's `struct_size` is too small |
//! | `info-utf8` | the description is not UTF-8 |
//! | `schema1` | the plugin says it was built for document schema 1 (an SDK before v2) |
//! | `clash` | the plugin claims the built-in id `txt` |
//! | `error` | the export returns an error |
//! | `panic` | the export panics |
//! | `utf8` | the export returns invalid UTF-8 for a `text/plain` format |
//!
//! Anything else: a working exporter of id `faulty` that writes the report title.
#![allow(unsafe_code)] // it hand-writes its entry point to produce broken tables

use nianbao_plugin_sdk::abi::{ABI_VERSION, Buffer, PluginTable, STATUS_OK};
use nianbao_plugin_sdk::{ExportError, ExportInput, Exporter, OptionSpec, OptionValues};

fn fault() -> String {
    std::env::var("NIANBAO_FAULT").unwrap_or_default()
}

/// The exporter, faulty on request.
pub struct FaultyExporter;

impl Exporter for FaultyExporter {
    fn id(&self) -> &str {
        if fault() == "clash" { "txt" } else { "faulty" }
    }
    fn extension(&self) -> &str {
        "txt"
    }
    fn media_type(&self) -> &str {
        "text/plain; charset=utf-8"
    }
    fn description(&self) -> &str {
        "A plugin that fails on purpose (test fixture)"
    }
    fn version(&self) -> &str {
        "9.9.9"
    }
    fn options(&self) -> Vec<OptionSpec> {
        Vec::new()
    }
    fn export(&self, input: ExportInput<'_>, _: &OptionValues) -> Result<Vec<u8>, ExportError> {
        match fault().as_str() {
            "error" => Err(ExportError::new("the faulty plugin refuses on purpose")),
            "panic" => panic!("the faulty plugin panics on purpose"),
            "utf8" => Ok(vec![0xff, 0xfe, 0x41]),
            _ => Ok(format!("{}\n", input.document.title).into_bytes()),
        }
    }
}

static EXPORTER: FaultyExporter = FaultyExporter;

unsafe extern "C" fn describe(out: *mut Buffer) -> i32 {
    let broken = match fault().as_str() {
        "info-utf8" => Some(vec![0xc3u8, 0x28]),
        "schema1" => {
            let mut info = nianbao_plugin_sdk::guest::info(&EXPORTER);
            info.document_schema = 1;
            info.interchange_schema = 0;
            serde_json::to_vec(&info).ok()
        }
        _ => None,
    };
    if let Some(bytes) = broken {
        let mut bytes = std::mem::ManuallyDrop::new(bytes);
        let buffer = Buffer {
            ptr: bytes.as_mut_ptr(),
            len: bytes.len(),
            capacity: bytes.capacity(),
        };
        // SAFETY: the host passes a writable slot.
        unsafe { out.write(buffer) };
        return STATUS_OK;
    }
    // SAFETY: forwarded from the host.
    unsafe { nianbao_plugin_sdk::guest::describe(&EXPORTER, out) }
}

unsafe extern "C" fn export(request: *const u8, len: usize, out: *mut Buffer) -> i32 {
    // SAFETY: forwarded from the host.
    unsafe { nianbao_plugin_sdk::guest::export(&EXPORTER, request, len, out) }
}

static GOOD: PluginTable = GOOD_FIELDS;
static WRONG_VERSION: PluginTable = PluginTable {
    abi_version: 99,
    ..GOOD_FIELDS
};
static TOO_SMALL: PluginTable = PluginTable {
    struct_size: 8,
    ..GOOD_FIELDS
};
const GOOD_FIELDS: PluginTable = PluginTable {
    abi_version: ABI_VERSION,
    struct_size: size_of::<PluginTable>() as u32,
    describe,
    export,
    free: nianbao_plugin_sdk::guest::free,
};

/// The entry point, with the table the fault asks for.
#[unsafe(no_mangle)]
pub extern "C" fn nianbao_plugin_entry_v1() -> *const PluginTable {
    match fault().as_str() {
        "abi" => &WRONG_VERSION,
        "size" => &TOO_SMALL,
        _ => &GOOD,
    }
}
