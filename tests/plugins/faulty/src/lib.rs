//! A plugin that misbehaves on purpose, for the host's fault tests. The environment variable
//! `NIANBAO_FAULT` picks the fault; the faults of an export can also be picked per call with
//! the option `fault` (`--option faulty.fault=abort`), which wins over the variable:
//!
//! | value | fault |
//! |---|---|
//! | `abi` | the table claims ABI version 99 (a stale plugin) |
//! | `size` | the table's `struct_size` is too small |
//! | `info-utf8` | the description is not UTF-8 |
//! | `schema1` | the plugin says it was built for document schema 1 (an SDK before v2) |
//! | `clash` | the plugin claims the built-in id `txt` |
//! | `bad-extension` | the extension is `md/x` |
//! | `dup-extension` | the id is `faulty-txt`, with the extension `txt` of the built-in `txt` |
//! | `error` | the export returns an error |
//! | `error-lines` | the export returns an error of two lines |
//! | `panic` | the export panics |
//! | `utf8` | the export returns invalid UTF-8 for a `text/plain` format |
//! | `loop` | the export never returns (it sleeps, so that it costs no processor time) |
//! | `stdout` | describe and export print to standard output (and stderr); the export works |
//! | `abort` | the export calls `std::process::abort` after a line on standard error |
//! | `huge` | the export returns `bytes` bytes (option, default 256 MiB + 1, one more than the default output limit) |
//! | `pid` | the export returns the id of the process it runs in, to tell hosts apart |
//! | `sleep` | the export takes half a second, to see calls run in parallel |
//!
//! Anything else: a working exporter of id `faulty` that writes the report title. Its
//! extension is `txt`, like the built-in `txt`: the two cannot be rendered into one folder.
#![allow(unsafe_code)] // it hand-writes its entry point to produce broken tables

use nianbao_plugin_sdk::abi::{ABI_VERSION, Buffer, PluginTable, STATUS_OK};
use nianbao_plugin_sdk::{
    ExportError, ExportInput, Exporter, OptionSpec, OptionValue, OptionValues,
};

/// What `stdout` prints, for tests to look for.
const STDOUT_MARK: &str = "faulty plugin on stdout";

/// The default size of `huge`: one byte more than the default output limit of 256 MiB.
const HUGE: i64 = (256 << 20) + 1;

fn fault() -> String {
    std::env::var("NIANBAO_FAULT").unwrap_or_default()
}

/// The exporter, faulty on request.
pub struct FaultyExporter;

impl Exporter for FaultyExporter {
    fn id(&self) -> &str {
        match fault().as_str() {
            "clash" => "txt",
            "dup-extension" => "faulty-txt",
            _ => "faulty",
        }
    }
    fn extension(&self) -> &str {
        if fault() == "bad-extension" {
            "md/x"
        } else {
            "txt"
        }
    }
    fn media_type(&self) -> &str {
        "text/plain; charset=utf-8"
    }
    fn description(&self) -> &str {
        if fault() == "stdout" {
            println!("{STDOUT_MARK}: describe");
        }
        "A plugin that fails on purpose (test fixture)"
    }
    fn version(&self) -> &str {
        "9.9.9"
    }
    fn options(&self) -> Vec<OptionSpec> {
        vec![
            OptionSpec::new(
                "fault",
                OptionValue::Text(String::new()),
                "The fault of this export (empty: NIANBAO_FAULT's)",
            ),
            OptionSpec::new(
                "bytes",
                OptionValue::Integer(HUGE),
                "How much `huge` returns",
            )
            .range(0, i64::MAX),
        ]
    }
    fn export(
        &self,
        input: ExportInput<'_>,
        options: &OptionValues,
    ) -> Result<Vec<u8>, ExportError> {
        let fault = match options.text("fault") {
            Some(fault) if !fault.is_empty() => fault.to_owned(),
            _ => fault(),
        };
        match fault.as_str() {
            "error" => Err(ExportError::new("the faulty plugin refuses on purpose")),
            "error-lines" => Err(ExportError::new(
                "the faulty plugin refuses on purpose\nfor two reasons",
            )),
            "panic" => panic!("the faulty plugin panics on purpose"),
            "utf8" => Ok(vec![0xff, 0xfe, 0x41]),
            "loop" => loop {
                std::thread::sleep(std::time::Duration::from_secs(1));
            },
            "abort" => {
                eprintln!("the faulty plugin aborts on purpose");
                std::process::abort()
            }
            "huge" => {
                let bytes = options.integer("bytes").unwrap_or(HUGE);
                let bytes = usize::try_from(bytes).map_err(ExportError::from_source)?;
                // Zeroed memory comes from the system untouched: a host that refuses the
                // output without reading it never makes the pages resident.
                Ok(vec![0u8; bytes])
            }
            "pid" => Ok(std::process::id().to_string().into_bytes()),
            "sleep" => {
                std::thread::sleep(std::time::Duration::from_millis(500));
                Ok(format!("{}\n", input.document.title).into_bytes())
            }
            "stdout" => {
                println!("{STDOUT_MARK}: export");
                eprintln!("faulty plugin on stderr: export");
                Ok(format!("{}\n", input.document.title).into_bytes())
            }
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
