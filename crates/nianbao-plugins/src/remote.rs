//! Plugins out of process: the tool's side of a plugin host.
//!
//! One host process per plugin, started when the plugin is loaded and kept for the run.
//! Calls are multiplexed: each carries an id, the host runs each on a thread of its own and
//! answers in any order, and a reader thread hands every answer to the caller waiting for it.
//! A caller waits at most the time limit; then the host is killed, and every call in flight
//! fails. A host that dies or is stopped is replaced by a new one at the next call.

use std::collections::HashMap;
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{RecvTimeoutError, SyncSender, sync_channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use nianbao_plugin_sdk::abi::STATUS_OK;

use crate::library::LoadProblem;
use crate::protocol::{self, EXPORT, HOST_ERROR, LOAD, LOAD_FAILED, LoadRequest, PROTOCOL_VERSION};
use crate::{PluginError, PluginSettings};

/// How much of a host's standard error is kept: the end, where the cause of a death is.
const TAIL_BYTES: usize = 64 << 10;
/// How many lines of it a failure shows.
const TAIL_LINES: usize = 40;
/// Room above the output limit for the answers that are not output (descriptions, messages).
const FRAME_SLACK: u64 = 1 << 20;

/// An answer of the host: a status (the plugin's, or one of the protocol's) and its bytes.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: u32,
    pub payload: Vec<u8>,
}

/// A plugin out of process: its host, replaced when it dies.
pub(crate) struct Remote {
    file: PathBuf,
    settings: PluginSettings,
    /// What the plugin said about itself when loaded; a new host must hear the same.
    description: Vec<u8>,
    current: Mutex<Option<Arc<Connection>>>,
}

impl Remote {
    /// Starts a host for `file`; returns it with the status and bytes of the plugin's
    /// `describe`, or why the library cannot be used.
    pub(crate) fn start(
        file: &Path,
        settings: &PluginSettings,
    ) -> Result<(Remote, i32, Vec<u8>), PluginError> {
        let host_error = |problem: String| PluginError::Host {
            file: file.to_owned(),
            problem,
        };
        let connection = Connection::spawn(file, settings).map_err(host_error)?;
        let reply = connection.load(settings).map_err(host_error)?;
        match reply.status {
            LOAD_FAILED => {
                let problem: LoadProblem =
                    serde_json::from_slice(&reply.payload).map_err(|error| {
                        host_error(format!(
                            "its host process answered with a load failure it cannot read: {error}"
                        ))
                    })?;
                Err(problem.into_error(file))
            }
            HOST_ERROR => Err(host_error(format!(
                "its host process refused to load it: {}",
                String::from_utf8_lossy(&reply.payload)
            ))),
            status => {
                let remote = Remote {
                    file: file.to_owned(),
                    settings: settings.clone(),
                    description: reply.payload.clone(),
                    current: Mutex::new(Some(connection)),
                };
                Ok((remote, status as i32, reply.payload))
            }
        }
    }

    /// Sends an export request and waits for its answer; the error is the whole message
    /// (what happened, then the host's standard error, each line prefixed with the file).
    pub(crate) fn export(&self, request: &[u8]) -> Result<Reply, String> {
        self.connection()?
            .call(EXPORT, request, self.settings.time_limit)
    }

    /// The host, a new one if the last has ended.
    fn connection(&self) -> Result<Arc<Connection>, String> {
        let mut current = lock(&self.current);
        if let Some(connection) = current.as_ref().filter(|c| c.is_open()) {
            return Ok(Arc::clone(connection));
        }
        *current = None;
        let restart = |problem: String| format!("cannot start a new host process: {problem}");
        let connection = Connection::spawn(&self.file, &self.settings).map_err(restart)?;
        let reply = connection.load(&self.settings).map_err(restart)?;
        if reply.status == LOAD_FAILED {
            let problem = serde_json::from_slice::<LoadProblem>(&reply.payload)
                .map(|problem| {
                    let error = problem.into_error(&self.file).to_string();
                    let prefix = format!("plugin {}: ", self.file.display());
                    error.strip_prefix(&prefix).unwrap_or(&error).to_owned()
                })
                .unwrap_or_else(|_| String::from_utf8_lossy(&reply.payload).into_owned());
            return Err(restart(problem));
        }
        if reply.status != STATUS_OK as u32 || reply.payload != self.description {
            connection.stop("it described the plugin differently".to_owned());
            return Err(restart(
                "the library no longer describes the plugin it was loaded as (was it replaced during the run?)"
                    .to_owned(),
            ));
        }
        *current = Some(Arc::clone(&connection));
        Ok(connection)
    }
}

impl Drop for Remote {
    /// A plugin not kept (its id is taken, its description unusable) stops its host.
    fn drop(&mut self) {
        let current = self
            .current
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(connection) = current.take() {
            connection.stop("the plugin is not used".to_owned());
        }
    }
}

/// Calls waiting for their answers.
struct Pending {
    /// False once the host has ended or been stopped: no new call is sent.
    open: bool,
    waiting: HashMap<u64, SyncSender<Reply>>,
}

/// One host process.
struct Connection {
    file: PathBuf,
    child: Mutex<Child>,
    writer: Mutex<Box<dyn Write + Send>>,
    pending: Mutex<Pending>,
    next_id: AtomicU64,
    stderr: Arc<Tail>,
    /// Why the tool stopped it, if it did.
    stopped: Mutex<Option<String>>,
    /// How it ended and what it printed, once known.
    ending: OnceLock<String>,
}

impl Connection {
    /// Starts a host process for `file`, with its channel, its error stream captured and the
    /// thread that reads its answers.
    fn spawn(file: &Path, settings: &PluginSettings) -> Result<Arc<Connection>, String> {
        let mut command = settings.host.command(file);
        let (stderr_reader, stderr_writer) = io::pipe().map_err(|e| e.to_string())?;
        let Started {
            reader,
            writer,
            child,
        } = start_with_channel(&mut command, stderr_writer, settings).map_err(|error| {
            format!(
                "cannot start its host process `{}`: {error}",
                command.get_program().to_string_lossy()
            )
        })?;
        // The command holds the child's ends of the pipes: drop them, so that the ends seen
        // here close when the child's do.
        drop(command);
        let stderr = Arc::new(Tail::default());
        let tail = Arc::clone(&stderr);
        std::thread::Builder::new()
            .name("nianbao-plugin-stderr".to_owned())
            .spawn(move || tail.read_from(stderr_reader))
            .map_err(|e| e.to_string())?;
        let connection = Arc::new(Connection {
            file: file.to_owned(),
            child: Mutex::new(child),
            writer: Mutex::new(writer),
            pending: Mutex::new(Pending {
                open: true,
                waiting: HashMap::new(),
            }),
            next_id: AtomicU64::new(0),
            stderr,
            stopped: Mutex::new(None),
            ending: OnceLock::new(),
        });
        let reading = Arc::clone(&connection);
        let max_frame = settings.output_limit.saturating_add(FRAME_SLACK);
        std::thread::Builder::new()
            .name("nianbao-plugin-reader".to_owned())
            .spawn(move || reading.read_answers(reader, max_frame))
            .map_err(|e| e.to_string())?;
        Ok(connection)
    }

    /// Asks the host to load the plugin; the answer is its description or why it cannot.
    fn load(&self, settings: &PluginSettings) -> Result<Reply, String> {
        let request = LoadRequest {
            protocol: PROTOCOL_VERSION,
            output_limit: settings.output_limit,
        };
        let request = serde_json::to_vec(&request).map_err(|e| e.to_string())?;
        self.call(LOAD, &request, settings.time_limit)
    }

    fn is_open(&self) -> bool {
        lock(&self.pending).open
    }

    /// Sends a request and waits for its answer at most `limit`.
    fn call(&self, kind: u32, payload: &[u8], limit: Duration) -> Result<Reply, String> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (sender, receiver) = sync_channel(1);
        let open = {
            let mut pending = lock(&self.pending);
            if pending.open {
                pending.waiting.insert(id, sender);
            }
            pending.open
        };
        if !open {
            return Err(self.ending().to_owned());
        }
        let sent = protocol::write_frame(&mut *lock(&self.writer), kind, id, payload);
        if let Err(error) = sent {
            lock(&self.pending).waiting.remove(&id);
            match error.kind() {
                // It died: reported as such by `ending`.
                io::ErrorKind::BrokenPipe | io::ErrorKind::ConnectionReset => self.close(),
                _ => self.stop(format!("it did not take a request: {error}")),
            }
            return Err(self.ending().to_owned());
        }
        match receiver.recv_timeout(limit) {
            Ok(reply) => Ok(reply),
            Err(RecvTimeoutError::Timeout) => {
                lock(&self.pending).waiting.remove(&id);
                let limit = seconds(limit);
                self.stop(format!("another call did not finish within {limit}"));
                // Waits for the process to end, so that all it printed is shown.
                let _ = self.ending();
                Err(format!(
                    "did not finish within {limit}, the time limit; its host process was stopped{}",
                    self.stderr.report(&self.file)
                ))
            }
            Err(RecvTimeoutError::Disconnected) => Err(self.ending().to_owned()),
        }
    }

    /// Reads answers and hands each to its caller, until the host closes the channel or
    /// breaks the protocol.
    fn read_answers(&self, reader: Box<dyn Read + Send>, max_frame: u64) {
        let mut reader = BufReader::new(reader);
        let broken = loop {
            let header = match protocol::read_header(&mut reader) {
                Ok(Some(header)) => header,
                Ok(None) => break None,
                // It ended without reading all that was sent to it.
                Err(error) if error.kind() == io::ErrorKind::ConnectionReset => break None,
                Err(error) => break Some(format!("it sent a broken answer ({error})")),
            };
            if header.len > max_frame {
                break Some(format!(
                    "it sent an answer of {} bytes, more than the output limit",
                    header.len
                ));
            }
            match protocol::read_payload(&mut reader, header.len) {
                Ok(payload) => {
                    let waiting = lock(&self.pending).waiting.remove(&header.id);
                    if let Some(sender) = waiting {
                        // The caller may have given up (time limit): then nobody listens.
                        let _ = sender.send(Reply {
                            status: header.kind,
                            payload,
                        });
                    }
                }
                Err(error) => break Some(format!("it sent a broken answer ({error})")),
            }
        };
        match broken {
            Some(problem) => self.stop(problem),
            None => self.close(),
        }
    }

    /// No more calls: those waiting see the channel close.
    fn close(&self) {
        let mut pending = lock(&self.pending);
        pending.open = false;
        pending.waiting.clear();
    }

    /// Stops the host (the first reason given is kept) and fails the calls in flight.
    fn stop(&self, reason: String) {
        lock(&self.stopped).get_or_insert(reason);
        self.close();
        let _ = lock(&self.child).kill();
    }

    /// How the host ended, with the end of its standard error: the message of every call
    /// that fails because of it. Waits for the process to end.
    fn ending(&self) -> &str {
        self.ending.get_or_init(|| {
            let status = self.reap();
            let what = match lock(&self.stopped).clone() {
                Some(reason) => format!("its host process was stopped: {reason}"),
                None => format!("its host process {}", describe_exit(status)),
            };
            format!("{what}{}", self.stderr.report(&self.file))
        })
    }

    /// Waits for the process to end (it has closed the channel, so it is ending; one that
    /// only closed the channel is killed after a while), and for its error stream to close.
    fn reap(&self) -> Option<ExitStatus> {
        let deadline = Instant::now() + Duration::from_secs(2);
        let mut child = lock(&self.child);
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                _ => {
                    let _ = child.kill();
                    break child.wait().ok();
                }
            }
        };
        // A process the plugin started may keep the stream open: do not wait for it long.
        self.stderr.wait_closed(Duration::from_secs(1));
        status
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        let child = self.child.get_mut().unwrap_or_else(PoisonError::into_inner);
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// A host process just started, with its ends of the channel.
struct Started {
    reader: Box<dyn Read + Send>,
    writer: Box<dyn Write + Send>,
    child: Child,
}

/// Starts `command` with a channel: on Unix a socket as its standard input, read and
/// written, and the error pipe as both its standard output and standard error.
#[cfg(unix)]
fn start_with_channel(
    command: &mut Command,
    stderr: io::PipeWriter,
    settings: &PluginSettings,
) -> io::Result<Started> {
    use std::os::fd::OwnedFd;
    use std::os::unix::net::UnixStream;
    let (ours, theirs) = UnixStream::pair()?;
    command
        .stdin(Stdio::from(OwnedFd::from(theirs)))
        .stdout(stderr.try_clone()?)
        .stderr(stderr);
    let child = command.spawn()?;
    // A host that stops reading must not block a caller past the time limit.
    ours.set_write_timeout(Some(settings.time_limit.max(Duration::from_millis(1))))?;
    Ok(Started {
        reader: Box::new(ours.try_clone()?),
        writer: Box::new(ours),
        child,
    })
}

/// Starts `command` with a channel: its standard input and output (a plugin that prints to
/// standard output breaks it, which the frames' magic catches), its standard error captured.
#[cfg(not(unix))]
fn start_with_channel(
    command: &mut Command,
    stderr: io::PipeWriter,
    _: &PluginSettings,
) -> io::Result<Started> {
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(stderr);
    let mut child = command.spawn()?;
    let (Some(input), Some(output)) = (child.stdin.take(), child.stdout.take()) else {
        return Err(io::Error::other("the host's pipes are missing"));
    };
    Ok(Started {
        reader: Box::new(output),
        writer: Box::new(input),
        child,
    })
}

/// `was killed by signal 6 (SIGABRT)`, `exited with status 3`.
fn describe_exit(status: Option<ExitStatus>) -> String {
    let Some(status) = status else {
        return "ended, its exit status unknown".to_owned();
    };
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            let name = signal_name(signal).map_or(String::new(), |name| format!(" ({name})"));
            let hint = if signal == 6 {
                ": the plugin aborted (std::process::abort, or a panic in a plugin built with panic = \"abort\")"
            } else {
                ""
            };
            return format!("was killed by signal {signal}{name}{hint}");
        }
    }
    match status.code() {
        Some(code) => format!("exited with status {code}"),
        None => "ended".to_owned(),
    }
}

#[cfg(unix)]
fn signal_name(signal: i32) -> Option<&'static str> {
    Some(match signal {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        5 => "SIGTRAP",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        24 => "SIGXCPU",
        25 => "SIGXFSZ",
        31 => "SIGSYS",
        _ => return None,
    })
}

/// `60 s`, `0.5 s`.
pub(crate) fn seconds(duration: Duration) -> String {
    let secs = duration.as_secs_f64();
    if secs.fract() == 0.0 {
        format!("{secs:.0} s")
    } else {
        format!("{secs} s")
    }
}

/// The end of a host's standard error.
#[derive(Default)]
struct Tail {
    state: Mutex<TailState>,
    closed: Condvar,
}

#[derive(Default)]
struct TailState {
    bytes: Vec<u8>,
    /// Whether the start was dropped.
    cut: bool,
    closed: bool,
}

impl Tail {
    /// Keeps reading until the stream closes, so that the host never blocks on a full pipe.
    fn read_from(&self, mut stream: impl Read) {
        let mut chunk = [0u8; 8192];
        loop {
            match stream.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => {
                    let mut state = lock(&self.state);
                    state.bytes.extend_from_slice(&chunk[..n]);
                    if state.bytes.len() > 2 * TAIL_BYTES {
                        let excess = state.bytes.len() - TAIL_BYTES;
                        state.bytes.drain(..excess);
                        state.cut = true;
                    }
                }
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        lock(&self.state).closed = true;
        self.closed.notify_all();
    }

    fn wait_closed(&self, limit: Duration) {
        let state = lock(&self.state);
        let _ = self
            .closed
            .wait_timeout_while(state, limit, |state| !state.closed);
    }

    /// The last lines, each on a line of its own after the plugin's file: `\nFILE: LINE`.
    fn report(&self, file: &Path) -> String {
        let state = lock(&self.state);
        let text = String::from_utf8_lossy(&state.bytes);
        let mut lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        let mut cut = state.cut;
        if lines.len() > TAIL_LINES {
            lines.drain(..lines.len() - TAIL_LINES);
            cut = true;
        }
        let file = file.display();
        let mut out = String::new();
        if cut {
            out.push_str(&format!("\n{file}: … (earlier lines not shown)"));
        }
        for line in lines {
            // Control characters (colours, cursor moves) are not passed to the terminal.
            let line: String = line
                .chars()
                .map(|c| {
                    if c.is_control() && c != '\t' {
                        '\u{fffd}'
                    } else {
                        c
                    }
                })
                .collect();
            out.push_str(&format!("\n{file}: {line}"));
        }
        out
    }
}

/// Locks a mutex; a panic elsewhere while it was held leaves data that is still usable here.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tail_keeps_the_end_and_prefixes_every_line_with_the_file() {
        let tail = Tail::default();
        let mut text = String::new();
        for i in 0..100 {
            text.push_str(&format!("line {i}\n"));
        }
        text.push_str("\u{1b}[31mred\u{1b}[0m\n");
        tail.read_from(text.as_bytes());
        let report = tail.report(Path::new("/p/libx.so"));
        let lines: Vec<&str> = report.lines().skip(1).collect();
        assert_eq!(lines.len(), TAIL_LINES + 1);
        assert_eq!(lines[0], "/p/libx.so: … (earlier lines not shown)");
        assert_eq!(lines[TAIL_LINES - 1], "/p/libx.so: line 99");
        assert_eq!(lines[TAIL_LINES], "/p/libx.so: \u{fffd}[31mred\u{fffd}[0m");
    }

    #[test]
    fn no_output_reports_nothing() {
        let tail = Tail::default();
        tail.read_from(&b""[..]);
        assert_eq!(tail.report(Path::new("x")), "");
    }

    #[test]
    fn seconds_read_naturally() {
        assert_eq!(seconds(Duration::from_secs(60)), "60 s");
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5 s");
    }
}
