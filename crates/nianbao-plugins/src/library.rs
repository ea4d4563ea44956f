//! Opening a plugin library and calling through its table: the part that runs wherever the
//! plugin runs (in the tool's process, or in a plugin host).
#![allow(unsafe_code)] // calling into a dynamic library is unsafe by nature; each call says why

use std::path::{Path, PathBuf};

use nianbao_plugin_sdk::abi::{
    ABI_VERSION, Buffer, ENTRY_SYMBOL, ENTRY_SYMBOL_PREFIX, PluginTable,
};
use serde::{Deserialize, Serialize};

use crate::PluginError;

/// Why a library cannot be used, found before anything in its table is called. Crosses from a
/// plugin host to the tool as JSON, so the tool reports it exactly as when it loads in process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub(crate) enum LoadProblem {
    /// The system's loader refuses the file.
    NotALibrary { reason: String },
    /// No entry point of this ABI version, or one that returns nothing.
    NoEntry { problem: String },
    /// The table is of another ABI version.
    AbiMismatch { plugin: u32, host: u32 },
    /// The table is smaller than this ABI version's.
    TableTooSmall { size: u32, needed: usize },
}

impl LoadProblem {
    /// The problem as the error of `file`.
    pub(crate) fn into_error(self, file: &Path) -> PluginError {
        let file: PathBuf = file.to_owned();
        match self {
            LoadProblem::NotALibrary { reason } => PluginError::NotALibrary { file, reason },
            LoadProblem::NoEntry { problem } => PluginError::NoEntry { file, problem },
            LoadProblem::AbiMismatch { plugin, host } => {
                PluginError::AbiMismatch { file, plugin, host }
            }
            LoadProblem::TableTooSmall { size, needed } => {
                PluginError::TableTooSmall { file, size, needed }
            }
        }
    }
}

/// Loads `file` and checks its table's version and size. The library stays loaded for the
/// rest of the process: its code and statics are referenced until the process ends.
pub(crate) fn open(file: &Path) -> Result<&'static PluginTable, LoadProblem> {
    // SAFETY: loading runs the library's initialisers; a plugin is code the user chose to run.
    let library =
        unsafe { libloading::Library::new(file) }.map_err(|error| LoadProblem::NotALibrary {
            reason: error_chain(&error),
        })?;
    // Never unloaded (`dlclose`): see the ABI notes.
    let library: &'static libloading::Library = Box::leak(Box::new(library));
    // SAFETY: the symbol's type is fixed by ABI version 1, whose name it carries.
    let entry = unsafe { library.get::<extern "C" fn() -> *const PluginTable>(ENTRY_SYMBOL) }
        .map_err(|_| LoadProblem::NoEntry {
            problem: missing_entry_message(library),
        })?;
    let table = entry();
    if table.is_null() {
        return Err(LoadProblem::NoEntry {
            problem: "its entry point returned no table".to_owned(),
        });
    }
    // The first two fields are the same in every ABI version, so they can be read before
    // the version is known.
    // SAFETY: a non-null table pointer from the entry point points to a static table.
    let (abi_version, struct_size) = unsafe { ((*table).abi_version, (*table).struct_size) };
    if abi_version != ABI_VERSION {
        return Err(LoadProblem::AbiMismatch {
            plugin: abi_version,
            host: ABI_VERSION,
        });
    }
    let needed = size_of::<PluginTable>();
    if (struct_size as usize) < needed {
        return Err(LoadProblem::TableTooSmall {
            size: struct_size,
            needed,
        });
    }
    // SAFETY: version and size are checked: the table has every field of this ABI.
    Ok(unsafe { &*table })
}

/// Calls `describe` and hands its status and bytes to `answer`, then frees the bytes.
pub(crate) fn describe<R>(table: &PluginTable, answer: impl FnOnce(i32, &[u8]) -> R) -> R {
    let mut out = Buffer::EMPTY;
    // SAFETY: `out` is a valid slot; the plugin fills it and we hand it back to its `free`.
    let status = unsafe { (table.describe)(&mut out) };
    lend(table, status, out, answer)
}

/// Calls `export` on `request` and hands its status and bytes to `answer`, then frees the
/// bytes. The bytes are lent, not copied: a host writes them to its pipe from where they are.
pub(crate) fn export<R>(
    table: &PluginTable,
    request: &[u8],
    answer: impl FnOnce(i32, &[u8]) -> R,
) -> R {
    let mut out = Buffer::EMPTY;
    // SAFETY: the request is valid for the call and `out` is a valid slot.
    let status = unsafe { (table.export)(request.as_ptr(), request.len(), &mut out) };
    lend(table, status, out, answer)
}

/// Lends the bytes of a buffer the plugin filled to `answer`, then gives the buffer back to
/// the plugin to free: memory is freed by the side that allocated it.
fn lend<R>(
    table: &PluginTable,
    status: i32,
    buffer: Buffer,
    answer: impl FnOnce(i32, &[u8]) -> R,
) -> R {
    let bytes = if buffer.ptr.is_null() {
        &[][..]
    } else {
        // SAFETY: the plugin filled `len` bytes at `ptr`; they are valid until `free`.
        unsafe { std::slice::from_raw_parts(buffer.ptr, buffer.len) }
    };
    let result = answer(status, bytes);
    // SAFETY: the buffer came from this plugin and is freed once, after its last use.
    unsafe { (table.free)(buffer) };
    result
}

/// An error and its sources, e.g. `dlopen failed: …: invalid ELF header`.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text = format!("{text}: {cause}");
        source = cause.source();
    }
    text
}

/// Says whether the library is a plugin of another ABI version or no plugin at all.
fn missing_entry_message(library: &libloading::Library) -> String {
    let versions: Vec<String> = (1..=16)
        .filter(|v| *v != ABI_VERSION)
        .filter(|v| {
            let name = format!("{ENTRY_SYMBOL_PREFIX}{v}\0");
            // SAFETY: only the symbol's presence is checked; it is never called.
            unsafe { library.get::<*const ()>(name.as_bytes()) }.is_ok()
        })
        .map(|v| v.to_string())
        .collect();
    if versions.is_empty() {
        format!(
            "not a nianbao plugin: it has no `{}` function",
            String::from_utf8_lossy(&ENTRY_SYMBOL[..ENTRY_SYMBOL.len() - 1])
        )
    } else {
        format!(
            "built for plugin ABI version {}, this nianbao speaks version {ABI_VERSION}; rebuild it with the matching nianbao-plugin-sdk",
            versions.join(", ")
        )
    }
}
