//! Loads exporter plugins: every dynamic library in the plugin directories, checked against
//! the ABI of [`nianbao_plugin_sdk::abi`] before anything in it is called, and added to a
//! [`Registry`] next to the built-ins.
//!
//! ```no_run
//! let mut registry = nianbao_core::Registry::default();
//! let dirs = nianbao_plugins::search_path(&["plugins/target".into()]);
//! nianbao_plugins::load_into(&mut registry, &dirs)?;
//! for entry in registry.iter() {
//!     println!("{} from {}", entry.exporter.id(), entry.origin);
//! }
//! # Ok::<(), nianbao_plugins::PluginError>(())
//! ```
#![allow(unsafe_code)] // calling into a dynamic library is unsafe by nature; each call says why

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use std::borrow::Cow;

use nianbao_core::{
    DOCUMENT_SCHEMA_VERSION, ExportError, ExportInput, Exporter, Interchange, OptionSpec,
    OptionValues, Origin, Registry,
};
use nianbao_plugin_sdk::abi::{
    ABI_VERSION, Buffer, ENTRY_SYMBOL, ENTRY_SYMBOL_PREFIX, ExportRequest, PluginInfo, PluginTable,
    STATUS_ERROR, STATUS_OK, STATUS_PANIC,
};

/// The environment variable with more plugin directories (a path list).
pub const PLUGIN_PATH_VARIABLE: &str = "NIANBAO_PLUGIN_PATH";

/// A plugin that cannot be used, with the file it is in.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PluginError {
    /// A plugin directory cannot be listed.
    #[error("plugin directory {}: {reason}", .dir.display())]
    Directory {
        /// The directory.
        dir: PathBuf,
        /// Why.
        reason: std::io::Error,
    },
    /// The file is not a dynamic library this system can load.
    #[error("plugin {}: not a loadable library: {reason}", .file.display())]
    NotALibrary {
        /// The file.
        file: PathBuf,
        /// The loader's message.
        reason: String,
    },
    /// The library has no entry point of this ABI.
    #[error("plugin {}: {problem}", .file.display())]
    NoEntry {
        /// The file.
        file: PathBuf,
        /// What was found instead.
        problem: String,
    },
    /// The plugin was built for another ABI version.
    #[error("plugin {}: built for plugin ABI version {plugin}, this nianbao speaks version {host}; rebuild it with the matching nianbao-plugin-sdk", .file.display())]
    AbiMismatch {
        /// The file.
        file: PathBuf,
        /// The plugin's version.
        plugin: u32,
        /// The host's version.
        host: u32,
    },
    /// The plugin's table is smaller than this ABI's.
    #[error("plugin {}: its function table is {size} bytes, ABI version {ABI_VERSION} needs at least {needed}", .file.display())]
    TableTooSmall {
        /// The file.
        file: PathBuf,
        /// What the plugin says.
        size: u32,
        /// What the host needs.
        needed: usize,
    },
    /// The plugin's description is unusable.
    #[error("plugin {}: {problem}", .file.display())]
    BadDescription {
        /// The file.
        file: PathBuf,
        /// What is wrong with it.
        problem: String,
    },
    /// Its id is taken.
    #[error("plugin {}: {clash}", .file.display())]
    Clash {
        /// The file.
        file: PathBuf,
        /// The clash, naming both origins.
        clash: nianbao_core::RegistryError,
    },
}

/// The plugin directories: `explicit` (from `--plugin-dir`) then those in
/// `NIANBAO_PLUGIN_PATH`, each once.
pub fn search_path(explicit: &[PathBuf]) -> Vec<PathBuf> {
    let from_env = std::env::var_os(PLUGIN_PATH_VARIABLE)
        .map(|paths| {
            std::env::split_paths(&paths)
                .filter(|p| !p.as_os_str().is_empty())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let mut dirs: Vec<PathBuf> = Vec::new();
    for dir in explicit.iter().cloned().chain(from_env) {
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    dirs
}

/// Whether a file name looks like a dynamic library of this platform.
fn is_library(path: &Path) -> bool {
    matches!(
        path.extension().and_then(OsStr::to_str),
        Some(std::env::consts::DLL_EXTENSION)
    )
}

/// Loads every library in `dirs` (sorted by file name) into `registry`; the first plugin that
/// cannot be used stops the load with its error.
pub fn load_into(registry: &mut Registry, dirs: &[PathBuf]) -> Result<(), PluginError> {
    let mut seen: Vec<PathBuf> = Vec::new();
    for dir in dirs {
        let entries = std::fs::read_dir(dir).map_err(|reason| PluginError::Directory {
            dir: dir.clone(),
            reason,
        })?;
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file() && is_library(p))
            .collect();
        files.sort();
        for file in files {
            let canonical = file.canonicalize().unwrap_or_else(|_| file.clone());
            if seen.contains(&canonical) {
                continue;
            }
            seen.push(canonical);
            let plugin = load(&file)?;
            registry
                .add(plugin, Origin::Plugin(file.clone()))
                .map_err(|clash| PluginError::Clash {
                    file: file.clone(),
                    clash,
                })?;
        }
    }
    Ok(())
}

/// Loads one plugin library. The library stays loaded for the rest of the process.
pub fn load(file: &Path) -> Result<&'static Plugin, PluginError> {
    // SAFETY: loading runs the library's initialisers; a plugin is code the user chose to run.
    let library =
        unsafe { libloading::Library::new(file) }.map_err(|error| PluginError::NotALibrary {
            file: file.to_owned(),
            reason: error_chain(&error),
        })?;
    // Never unloaded: its code and statics are referenced for the rest of the run.
    let library: &'static libloading::Library = Box::leak(Box::new(library));
    // SAFETY: the symbol's type is fixed by ABI version 1, whose name it carries.
    let entry = unsafe { library.get::<extern "C" fn() -> *const PluginTable>(ENTRY_SYMBOL) }
        .map_err(|_| PluginError::NoEntry {
            file: file.to_owned(),
            problem: missing_entry_message(library),
        })?;
    let table = entry();
    if table.is_null() {
        return Err(PluginError::NoEntry {
            file: file.to_owned(),
            problem: "its entry point returned no table".to_owned(),
        });
    }
    // The first two fields are the same in every ABI version, so they can be read before
    // the version is known.
    // SAFETY: a non-null table pointer from the entry point points to a static table.
    let (abi_version, struct_size) = unsafe { ((*table).abi_version, (*table).struct_size) };
    if abi_version != ABI_VERSION {
        return Err(PluginError::AbiMismatch {
            file: file.to_owned(),
            plugin: abi_version,
            host: ABI_VERSION,
        });
    }
    let needed = size_of::<PluginTable>();
    if (struct_size as usize) < needed {
        return Err(PluginError::TableTooSmall {
            file: file.to_owned(),
            size: struct_size,
            needed,
        });
    }
    // SAFETY: version and size are checked: the table has every field of this ABI.
    let table: &'static PluginTable = unsafe { &*table };
    let bad = |problem: String| PluginError::BadDescription {
        file: file.to_owned(),
        problem,
    };
    let mut out = Buffer::EMPTY;
    // SAFETY: `out` is a valid slot; the plugin fills it and we hand it back to its `free`.
    let status = unsafe { (table.describe)(&mut out) };
    let bytes = take(table, out);
    if status != STATUS_OK {
        return Err(bad(format!(
            "describing itself failed: {}",
            String::from_utf8_lossy(&bytes)
        )));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| bad("its description is not UTF-8 text".to_owned()))?;
    let info: PluginInfo = serde_json::from_str(&text)
        .map_err(|error| bad(format!("its description is not valid: {error}")))?;
    if info.id.is_empty() || info.id.contains([',', '.', ' ']) {
        return Err(bad(format!(
            "its id \"{}\" is empty or contains ',', '.' or a space",
            info.id
        )));
    }
    if info.document_schema != DOCUMENT_SCHEMA_VERSION {
        return Err(bad(format!(
            "built for document schema {} (SDK {}), this nianbao sends document schema {}; rebuild it with the nianbao-plugin-sdk of this nianbao",
            info.document_schema, info.sdk_version, DOCUMENT_SCHEMA_VERSION
        )));
    }
    Ok(Box::leak(Box::new(Plugin {
        file: file.to_owned(),
        info,
        table,
    })))
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

/// Copies a buffer the plugin filled and gives it back to the plugin to free.
fn take(table: &PluginTable, buffer: Buffer) -> Vec<u8> {
    let bytes = if buffer.ptr.is_null() {
        Vec::new()
    } else {
        // SAFETY: the plugin filled `len` bytes at `ptr`; they are valid until `free`.
        unsafe { std::slice::from_raw_parts(buffer.ptr, buffer.len) }.to_vec()
    };
    // SAFETY: the buffer came from this plugin and is freed once.
    unsafe { (table.free)(buffer) };
    bytes
}

/// A loaded plugin, usable as an [`Exporter`].
pub struct Plugin {
    file: PathBuf,
    info: PluginInfo,
    table: &'static PluginTable,
}

impl Plugin {
    /// The library file it was loaded from.
    pub fn file(&self) -> &Path {
        &self.file
    }
}

impl Exporter for Plugin {
    fn id(&self) -> &str {
        &self.info.id
    }
    fn extension(&self) -> &str {
        &self.info.extension
    }
    fn media_type(&self) -> &str {
        &self.info.media_type
    }
    fn description(&self) -> &str {
        &self.info.description
    }
    fn version(&self) -> &str {
        &self.info.version
    }
    fn options(&self) -> Vec<OptionSpec> {
        self.info.options.clone()
    }

    fn export(
        &self,
        input: ExportInput<'_>,
        options: &OptionValues,
    ) -> Result<Vec<u8>, ExportError> {
        let failed = |problem: String| {
            ExportError::new(format!(
                "plugin {} ({}): {problem}",
                self.info.id,
                self.file.display()
            ))
        };
        let request = ExportRequest {
            input: Interchange::new(input),
            options: Cow::Borrowed(options),
        };
        let request = serde_json::to_vec(&request)
            .map_err(|error| failed(format!("cannot encode the request: {error}")))?;
        let mut out = Buffer::EMPTY;
        // SAFETY: the request is valid for the call and `out` is a valid slot.
        let status = unsafe { (self.table.export)(request.as_ptr(), request.len(), &mut out) };
        let bytes = take(self.table, out);
        let message = || String::from_utf8_lossy(&bytes).into_owned();
        match status {
            STATUS_OK
                if self.info.media_type.starts_with("text/")
                    && std::str::from_utf8(&bytes).is_err() =>
            {
                Err(failed(format!(
                    "returned bytes that are not UTF-8 for its text format {}",
                    self.info.media_type
                )))
            }
            STATUS_OK => Ok(bytes),
            STATUS_ERROR => Err(failed(message())),
            STATUS_PANIC => Err(failed(format!("panicked: {}", message()))),
            other => Err(failed(format!("returned the unknown status {other}"))),
        }
    }
}
