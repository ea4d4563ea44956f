//! Loads exporter plugins: every dynamic library in the plugin directories, checked against
//! the ABI of [`nianbao_plugin_sdk::abi`] before anything in it is called, and added to a
//! [`Registry`] next to the built-ins.
//!
//! ```no_run
//! // First thing in `main`: a process started as a plugin host serves its plugin and exits.
//! nianbao_plugins::run_host_if_requested();
//!
//! let mut registry = nianbao_core::Registry::default();
//! let dirs = nianbao_plugins::search_path(&["plugins/target".into()]);
//! let loaded = nianbao_plugins::load_plugins(&mut registry, &dirs, &Default::default());
//! for entry in registry.iter() {
//!     println!("{} from {}", entry.exporter.id(), entry.origin);
//! }
//! for error in &loaded.unusable {
//!     eprintln!("unusable: {error}");
//! }
//! ```
//!
//! # Out of process, by default
//!
//! With [`Mode::OutOfProcess`] the tool never loads a plugin library itself: each plugin gets
//! a host process, started with [`HostCommand`] (by default this program again, which must
//! call [`run_host_if_requested`] first thing in `main`), that loads the library, checks its
//! ABI and answers `describe` and `export` over a channel with the same JSON an in-process
//! plugin gets. One host serves a plugin for the whole run; calls from several threads are
//! multiplexed over it and run in parallel inside it. Each call has a time limit
//! ([`PluginSettings::time_limit`]), after which the host is killed; an output over
//! [`PluginSettings::output_limit`] is refused; the host's standard output and standard error
//! go to one pipe that the tool reads and shows, each line prefixed with the plugin's file,
//! only when the host fails; a host that dies (an abort, a signal) fails the calls in flight
//! with an error naming the plugin, and the next call starts a new host.
//!
//! The channel is a Unix socket pair given to the host as its standard input (read and
//! written); its standard output and standard error are one pipe, so a plugin that prints can
//! neither break the channel nor reach the tool's output. Requests and answers are frames (a
//! 24-byte header with a magic, a kind or status, the request's id and the length, then the
//! bytes); answers come back in any order and a reader thread hands each to its caller. On
//! other systems the channel is the host's standard input and output, and a plugin that prints
//! breaks it (the magic catches that). Writing to a host that died is an error, never a
//! `SIGPIPE` (the socket is written with `MSG_NOSIGNAL`).
//!
//! [`Mode::InProcess`] loads the libraries into the tool's own process: faster to start and
//! to call, but a plugin that loops hangs the tool, one that prints writes into the tool's
//! output, and one that aborts ends the tool.
//!
//! # What cannot be used does not stop the rest
//!
//! [`load_plugins`] returns the plugins it added and, in [`Loaded::unusable`], every library
//! (or directory) that cannot be used with the reason, so that a listing can show them and
//! only a command that asks for their format fails ([`Loaded::unusable_for`]).
//! [`extension_clashes`] finds formats that would write files of the same name.

mod host;
mod library;
mod protocol;
mod remote;

use std::borrow::Cow;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use nianbao_core::{
    DOCUMENT_SCHEMA_VERSION, ExportError, ExportInput, Exporter, INTERCHANGE_SCHEMA_VERSION,
    Interchange, OptionSpec, OptionValues, Origin, Registry, RegistryError,
};
use nianbao_plugin_sdk::abi::{
    ABI_VERSION, ExportRequest, PluginInfo, PluginTable, STATUS_ERROR, STATUS_OK, STATUS_PANIC,
};

pub use crate::host::{HOST_ARGUMENT, run_host_if_requested};
use crate::remote::Remote;
/// Writes a new plugin crate (`nianbao plugin new NAME`): the SDK's
/// [`nianbao_plugin_sdk::scaffold`], here so that the command line needs no other crate.
pub use nianbao_plugin_sdk::scaffold;

/// The environment variable with more plugin directories (a path list).
pub const PLUGIN_PATH_VARIABLE: &str = "NIANBAO_PLUGIN_PATH";

/// The separator of directories in [`PLUGIN_PATH_VARIABLE`]: `:`, or `;` on Windows.
pub const PLUGIN_PATH_SEPARATOR: char = if cfg!(windows) { ';' } else { ':' };

/// The default of [`PluginSettings::time_limit`]: 60 seconds.
pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(60);

/// The default of [`PluginSettings::output_limit`]: 256 MiB.
pub const DEFAULT_OUTPUT_LIMIT: u64 = 256 << 20;

/// The longest extension a plugin may declare.
pub const MAX_EXTENSION_LEN: usize = 16;

/// The longest format id a plugin may declare.
pub const MAX_ID_LEN: usize = 64;

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
    /// The plugin's description is unusable (not JSON, a bad id or extension, another schema).
    #[error("plugin {}: {problem}", .file.display())]
    BadDescription {
        /// The file.
        file: PathBuf,
        /// What is wrong with it.
        problem: String,
        /// The format id it claims, if it could be read.
        id: Option<String>,
    },
    /// Its id is taken.
    #[error("plugin {}: {clash}", .file.display())]
    Clash {
        /// The file.
        file: PathBuf,
        /// The clash, naming both origins.
        clash: RegistryError,
    },
    /// Its host process could not be started, or failed before the plugin described itself
    /// (it died, or ran over the time limit).
    #[error("plugin {}: {problem}", .file.display())]
    Host {
        /// The file.
        file: PathBuf,
        /// What happened, then the end of the host's standard error, each line prefixed
        /// with the file.
        problem: String,
    },
}

impl PluginError {
    /// The library (or, for [`PluginError::Directory`], the directory) it is about.
    pub fn file(&self) -> &Path {
        match self {
            PluginError::Directory { dir: file, .. }
            | PluginError::NotALibrary { file, .. }
            | PluginError::NoEntry { file, .. }
            | PluginError::AbiMismatch { file, .. }
            | PluginError::TableTooSmall { file, .. }
            | PluginError::BadDescription { file, .. }
            | PluginError::Clash { file, .. }
            | PluginError::Host { file, .. } => file,
        }
    }

    /// The format id the library claims, when it got far enough to say.
    pub fn format_id(&self) -> Option<&str> {
        match self {
            PluginError::BadDescription { id, .. } => id.as_deref(),
            PluginError::Clash {
                clash: RegistryError::DuplicateId { id, .. },
                ..
            } => Some(id),
            _ => None,
        }
    }
}

/// Where plugins run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Each plugin in a host process of its own: a plugin that loops, prints, aborts or
    /// crashes fails its own calls only.
    #[default]
    OutOfProcess,
    /// In the tool's process (`--plugins-in-process`): no process to start and no copy of the
    /// output, but the plugin's faults are the tool's. No time limit applies.
    InProcess,
}

/// How plugins are loaded and run.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PluginSettings {
    /// Where plugins run. Default: [`Mode::OutOfProcess`].
    pub mode: Mode,
    /// The longest one call of a plugin (its description at load, or one export) may take,
    /// out of process; then its host is killed and the call fails. Default:
    /// [`DEFAULT_TIME_LIMIT`] (60 s).
    pub time_limit: Duration,
    /// The largest output (in bytes) a plugin may return; a larger one fails the call, in
    /// either mode. Default: [`DEFAULT_OUTPUT_LIMIT`] (256 MiB).
    pub output_limit: u64,
    /// How a host process is started, out of process. Default: [`HostCommand::current_exe`].
    pub host: HostCommand,
}

impl Default for PluginSettings {
    fn default() -> PluginSettings {
        PluginSettings {
            mode: Mode::default(),
            time_limit: DEFAULT_TIME_LIMIT,
            output_limit: DEFAULT_OUTPUT_LIMIT,
            host: HostCommand::current_exe(),
        }
    }
}

/// The program started as a plugin host: `PROGRAM [ARGS…] __nianbao-plugin-host LIBRARY`.
/// The program must call [`run_host_if_requested`] before anything else.
#[derive(Debug, Clone)]
pub struct HostCommand {
    /// `None`: the running program.
    program: Option<PathBuf>,
    args: Vec<OsString>,
    env: Vec<(OsString, OsString)>,
}

impl HostCommand {
    /// The running program itself (`std::env::current_exe`): one binary to install, and a
    /// host always of the same version as the tool.
    pub fn current_exe() -> HostCommand {
        HostCommand {
            program: None,
            args: Vec::new(),
            env: Vec::new(),
        }
    }

    /// Another program, e.g. the `nianbao-plugin-host` binary of this crate.
    pub fn program(program: impl Into<PathBuf>) -> HostCommand {
        HostCommand {
            program: Some(program.into()),
            ..HostCommand::current_exe()
        }
    }

    /// Adds an argument before [`HOST_ARGUMENT`].
    pub fn arg(mut self, arg: impl Into<OsString>) -> HostCommand {
        self.args.push(arg.into());
        self
    }

    /// Sets an environment variable of the host (besides those it inherits).
    pub fn env(mut self, key: impl Into<OsString>, value: impl Into<OsString>) -> HostCommand {
        self.env.push((key.into(), value.into()));
        self
    }

    /// The command that starts a host of `library`.
    fn command(&self, library: &Path) -> Command {
        let program = self
            .program
            .clone()
            .or_else(|| std::env::current_exe().ok())
            .unwrap_or_else(|| PathBuf::from(std::env::args_os().next().unwrap_or_default()));
        let mut command = Command::new(program);
        command
            .args(&self.args)
            .arg(HOST_ARGUMENT)
            .arg(library)
            .envs(self.env.iter().map(|(k, v)| (k, v)));
        command
    }
}

/// The outcome of [`load_plugins`].
#[derive(Default)]
#[non_exhaustive]
pub struct Loaded {
    /// The plugins added to the registry, in the order loaded (directories in order, files
    /// sorted by name): for listing their SDK, ABI and schema versions.
    pub plugins: Vec<&'static Plugin>,
    /// The libraries and directories that cannot be used, with why, in the same order.
    pub unusable: Vec<PluginError>,
}

impl Loaded {
    /// The unusable libraries that may be the one behind format `id`: those that claim `id`,
    /// or, when none does, those that could not say which format they are. For the message
    /// of a command that asks for a format nothing provides.
    pub fn unusable_for(&self, id: &str) -> Vec<&PluginError> {
        let claiming: Vec<&PluginError> = (self.unusable.iter())
            .filter(|error| error.format_id() == Some(id))
            .collect();
        if !claiming.is_empty() {
            return claiming;
        }
        (self.unusable.iter())
            .filter(|error| error.format_id().is_none())
            .filter(|error| !matches!(error, PluginError::Directory { .. }))
            .collect()
    }
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
    path.extension().and_then(OsStr::to_str) == Some(std::env::consts::DLL_EXTENSION)
}

/// The libraries in `dir`, sorted by name.
fn libraries_in(dir: &Path) -> Result<Vec<PathBuf>, PluginError> {
    let entries = std::fs::read_dir(dir).map_err(|reason| PluginError::Directory {
        dir: dir.to_owned(),
        reason,
    })?;
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && is_library(p))
        .collect();
    files.sort();
    Ok(files)
}

/// Loads every library in `dirs` (each directory in order, its files sorted by name, a file
/// reached twice loaded once) and adds each usable plugin to `registry`. A library or
/// directory that cannot be used is returned in [`Loaded::unusable`] and stops nothing.
pub fn load_plugins(
    registry: &mut Registry,
    dirs: &[PathBuf],
    settings: &PluginSettings,
) -> Loaded {
    let mut loaded = Loaded::default();
    let mut seen: Vec<PathBuf> = Vec::new();
    for dir in dirs {
        let files = match libraries_in(dir) {
            Ok(files) => files,
            Err(error) => {
                loaded.unusable.push(error);
                continue;
            }
        };
        for file in files {
            let canonical = file.canonicalize().unwrap_or_else(|_| file.clone());
            if seen.contains(&canonical) {
                continue;
            }
            seen.push(canonical);
            match load_unregistered(&file, settings).and_then(|plugin| register(registry, plugin)) {
                Ok(plugin) => loaded.plugins.push(plugin),
                Err(error) => loaded.unusable.push(error),
            }
        }
    }
    loaded
}

/// Loads every library in `dirs` into `registry` in process, and stops at the first that
/// cannot be used: the loader of nianbao 0.1, kept while the command line moves to
/// [`load_plugins`].
pub fn load_into(registry: &mut Registry, dirs: &[PathBuf]) -> Result<(), PluginError> {
    let settings = PluginSettings {
        mode: Mode::InProcess,
        ..PluginSettings::default()
    };
    let loaded = load_plugins(registry, dirs, &settings);
    loaded.unusable.into_iter().next().map_or(Ok(()), Err)
}

/// Adds `plugin` to `registry` unless its id is taken; only a plugin added stays in memory
/// (and keeps its host).
fn register(registry: &mut Registry, plugin: Plugin) -> Result<&'static Plugin, PluginError> {
    let origin = Origin::Plugin(plugin.file.clone());
    if let Ok(existing) = registry.get(plugin.id()) {
        return Err(PluginError::Clash {
            file: plugin.file.clone(),
            clash: RegistryError::DuplicateId {
                id: plugin.id().to_owned(),
                first: existing.origin.describe(),
                second: origin.describe(),
            },
        });
    }
    // Registered exporters live for the rest of the run; a library is never unloaded.
    let plugin: &'static Plugin = Box::leak(Box::new(plugin));
    registry
        .add(plugin, origin)
        .map_err(|clash| PluginError::Clash {
            file: plugin.file.clone(),
            clash,
        })?;
    Ok(plugin)
}

/// Loads one plugin library, without adding it to a registry. The plugin (its library, or
/// its host) stays for the rest of the process.
pub fn load(file: &Path, settings: &PluginSettings) -> Result<&'static Plugin, PluginError> {
    load_unregistered(file, settings).map(|plugin| &*Box::leak(Box::new(plugin)))
}

fn load_unregistered(file: &Path, settings: &PluginSettings) -> Result<Plugin, PluginError> {
    let (backend, status, description) = match settings.mode {
        Mode::InProcess => {
            let table = library::open(file).map_err(|problem| problem.into_error(file))?;
            let (status, bytes) =
                library::describe(table, |status, bytes| (status, bytes.to_vec()));
            (Backend::InProcess(table), status, bytes)
        }
        Mode::OutOfProcess => {
            let (remote, status, bytes) = Remote::start(file, settings)?;
            (Backend::OutOfProcess(remote), status, bytes)
        }
    };
    let info = check_description(file, status, &description)?;
    Ok(Plugin {
        file: file.to_owned(),
        info,
        output_limit: settings.output_limit,
        backend,
    })
}

/// The plugin's description, if it is usable: JSON of [`PluginInfo`], an id and an extension
/// that fit in commands and file names, the schemas of this nianbao.
fn check_description(file: &Path, status: i32, bytes: &[u8]) -> Result<PluginInfo, PluginError> {
    let bad = |problem: String, id: Option<&str>| PluginError::BadDescription {
        file: file.to_owned(),
        problem,
        id: id.map(str::to_owned),
    };
    match status {
        STATUS_OK => {}
        STATUS_PANIC => {
            let message = String::from_utf8_lossy(bytes);
            return Err(bad(
                format!("panicked while describing itself: {message}"),
                None,
            ));
        }
        _ => {
            let message = String::from_utf8_lossy(bytes);
            return Err(bad(format!("describing itself failed: {message}"), None));
        }
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| bad("its description is not UTF-8 text".to_owned(), None))?;
    let info: PluginInfo = serde_json::from_str(text)
        .map_err(|error| bad(format!("its description is not valid: {error}"), None))?;
    let id = Some(info.id.as_str());
    if !id_fits(&info.id) {
        return Err(bad(
            format!(
                "its id {} is not 1 to {MAX_ID_LEN} characters without ',', '.', '=', '/', '\\', spaces or control characters",
                quote(&info.id)
            ),
            id,
        ));
    }
    if !extension_fits(&info.extension) {
        return Err(bad(
            format!(
                "its extension {} is not 1 to {MAX_EXTENSION_LEN} of a-z and 0-9",
                quote(&info.extension)
            ),
            id,
        ));
    }
    if info.document_schema != DOCUMENT_SCHEMA_VERSION {
        return Err(bad(
            format!(
                "built for document schema {} (SDK {}), this nianbao sends document schema {}; rebuild it with the nianbao-plugin-sdk of this nianbao",
                info.document_schema, info.sdk_version, DOCUMENT_SCHEMA_VERSION
            ),
            id,
        ));
    }
    if info.interchange_schema != INTERCHANGE_SCHEMA_VERSION {
        return Err(bad(
            format!(
                "built for interchange schema {} (SDK {}), this nianbao sends interchange schema {}; rebuild it with the nianbao-plugin-sdk of this nianbao",
                info.interchange_schema, info.sdk_version, INTERCHANGE_SCHEMA_VERSION
            ),
            id,
        ));
    }
    Ok(info)
}

/// A format id usable in `--to a,b` and `--option ID.KEY=VALUE`.
fn id_fits(id: &str) -> bool {
    !id.is_empty()
        && id.chars().count() <= MAX_ID_LEN
        && !id.chars().any(|c| {
            matches!(c, ',' | '.' | '=' | '/' | '\\') || c.is_whitespace() || c.is_control()
        })
}

/// An extension usable in a file name on every system: `[a-z0-9]{1,16}`.
fn extension_fits(extension: &str) -> bool {
    (1..=MAX_EXTENSION_LEN).contains(&extension.len())
        && extension
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// A value for a message: quoted and escaped, cut to 80 characters.
fn quote(value: &str) -> String {
    const MAX: usize = 80;
    let escaped: String = value.escape_debug().collect();
    if escaped.chars().count() <= MAX {
        format!("\"{escaped}\"")
    } else {
        let cut: String = escaped.chars().take(MAX).collect();
        format!("\"{cut}…\" ({} bytes)", value.len())
    }
}

/// Formats that would write files of the same name into one folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtensionClash {
    /// The extension they share, without the dot.
    pub extension: String,
    /// The formats, two or more, in the order asked for, with where each comes from.
    pub formats: Vec<(String, Origin)>,
}

impl fmt::Display for ExtensionClash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let named: Vec<String> = (self.formats.iter())
            .map(|(id, origin)| format!("`{id}` ({})", origin.describe()))
            .collect();
        let (last, rest) = named.split_last().ok_or(fmt::Error)?;
        write!(
            f,
            "formats {} and {last} both write `.{}` files: render them into different folders",
            rest.join(", "),
            self.extension
        )
    }
}

/// The formats among `ids` that share an extension, so cannot be rendered into one folder.
/// Unknown ids and an id given twice are left alone (they are reported elsewhere).
pub fn extension_clashes<S: AsRef<str>>(
    registry: &Registry,
    ids: impl IntoIterator<Item = S>,
) -> Vec<ExtensionClash> {
    let mut clashes: Vec<ExtensionClash> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for id in ids {
        let Ok(entry) = registry.get(id.as_ref()) else {
            continue;
        };
        let id = entry.exporter.id().to_owned();
        if seen.contains(&id) {
            continue;
        }
        seen.push(id.clone());
        let extension = entry.exporter.extension().to_owned();
        match clashes.iter_mut().find(|c| c.extension == extension) {
            Some(clash) => clash.formats.push((id, entry.origin.clone())),
            None => clashes.push(ExtensionClash {
                extension,
                formats: vec![(id, entry.origin.clone())],
            }),
        }
    }
    clashes.retain(|clash| clash.formats.len() > 1);
    clashes
}

/// Where a plugin runs.
enum Backend {
    InProcess(&'static PluginTable),
    OutOfProcess(Remote),
}

/// A loaded plugin, usable as an [`Exporter`].
pub struct Plugin {
    file: PathBuf,
    info: PluginInfo,
    output_limit: u64,
    backend: Backend,
}

impl Plugin {
    /// The library file it was loaded from.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// What it said about itself: its versions, the SDK and schema versions it was built
    /// with.
    pub fn info(&self) -> &PluginInfo {
        &self.info
    }

    /// The plugin ABI version it speaks (checked at load: this nianbao's).
    pub fn abi_version(&self) -> u32 {
        ABI_VERSION
    }

    /// Where it runs.
    pub fn mode(&self) -> Mode {
        match self.backend {
            Backend::InProcess(_) => Mode::InProcess,
            Backend::OutOfProcess(_) => Mode::OutOfProcess,
        }
    }

    /// An error of this plugin: `plugin ID (FILE): PROBLEM`.
    fn failed(&self, problem: impl fmt::Display) -> ExportError {
        ExportError::new(format!(
            "plugin {} ({}): {problem}",
            self.info.id,
            self.file.display()
        ))
    }

    /// An error in the plugin's own words, which may span lines: every line gets the prefix,
    /// so that none of them is read as the tool's.
    fn failed_in_its_words(&self, message: &str) -> ExportError {
        let prefix = format!("plugin {} ({}): ", self.info.id, self.file.display());
        let lines: Vec<String> = (message.lines())
            .map(|line| format!("{prefix}{line}"))
            .collect();
        if lines.is_empty() {
            return ExportError::new(format!("{prefix}failed without a message"));
        }
        ExportError::new(lines.join("\n"))
    }

    /// The status and bytes of one export, or the output's size when over the limit.
    fn call(&self, request: &[u8]) -> Result<Answer, ExportError> {
        let limit = self.output_limit;
        match &self.backend {
            Backend::InProcess(table) => Ok(library::export(table, request, |status, bytes| {
                if bytes.len() as u64 > limit {
                    Answer::TooLarge(bytes.len() as u64)
                } else {
                    Answer::Status(status, bytes.to_vec())
                }
            })),
            Backend::OutOfProcess(remote) => {
                let reply = remote
                    .export(request)
                    .map_err(|problem| self.failed(problem))?;
                match reply.status {
                    protocol::TOO_LARGE => {
                        let mut size = [0u8; 8];
                        let len = reply.payload.len().min(8);
                        size[..len].copy_from_slice(&reply.payload[..len]);
                        Ok(Answer::TooLarge(u64::from_le_bytes(size)))
                    }
                    protocol::HOST_ERROR => Err(self.failed(format!(
                        "its host process refused the request: {}",
                        String::from_utf8_lossy(&reply.payload)
                    ))),
                    _ if reply.payload.len() as u64 > limit => {
                        Ok(Answer::TooLarge(reply.payload.len() as u64))
                    }
                    status => Ok(Answer::Status(status as i32, reply.payload)),
                }
            }
        }
    }
}

/// What an export call gave.
enum Answer {
    /// The plugin's status and bytes.
    Status(i32, Vec<u8>),
    /// The plugin returned this many bytes, more than the output limit.
    TooLarge(u64),
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
        let request = ExportRequest {
            input: Interchange::new(input),
            options: Cow::Borrowed(options),
        };
        let request = serde_json::to_vec(&request)
            .map_err(|error| self.failed(format!("cannot encode the request: {error}")))?;
        let (status, bytes) = match self.call(&request)? {
            Answer::Status(status, bytes) => (status, bytes),
            Answer::TooLarge(size) => {
                return Err(self.failed(format!(
                    "returned {size} bytes, more than the output limit of {} bytes",
                    self.output_limit
                )));
            }
        };
        let message = || String::from_utf8_lossy(&bytes).into_owned();
        match status {
            STATUS_OK
                if self.info.media_type.starts_with("text/")
                    && std::str::from_utf8(&bytes).is_err() =>
            {
                Err(self.failed(format!(
                    "returned bytes that are not UTF-8 for its text format {}",
                    self.info.media_type
                )))
            }
            STATUS_OK => Ok(bytes),
            STATUS_ERROR => Err(self.failed_in_its_words(&message())),
            STATUS_PANIC => Err(self.failed_in_its_words(&format!("panicked: {}", message()))),
            other => Err(self.failed(format!("returned the unknown status {other}"))),
        }
    }
}

#[cfg(test)]
mod tests;
