//! The plugin host: the process that loads one plugin library and answers the tool's
//! requests, so that whatever the plugin does (loop, abort, print) happens outside the tool.
//!
//! The tool starts it with the channel as standard input (a socket on Unix, read and written)
//! and one pipe as both standard output and standard error, so that anything the plugin
//! prints lands in the captured error stream, never in the protocol nor in the tool's output.

use std::ffi::OsStr;
use std::io::{self, BufReader, Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError, mpsc};

use nianbao_plugin_sdk::abi::PluginTable;

use crate::library;
use crate::protocol::{
    self, EXPORT, HOST_ERROR, LOAD, LOAD_FAILED, LoadRequest, PROTOCOL_VERSION, TOO_LARGE,
};

/// The argument that makes a program a plugin host: `PROGRAM [ARGS…] __nianbao-plugin-host
/// LIBRARY`. See [`crate::run_host_if_requested`].
pub const HOST_ARGUMENT: &str = "__nianbao-plugin-host";

/// Stack of the threads that run exports: as much as a main thread gets, for plugins that
/// recurse deeply.
const EXPORT_STACK: usize = 8 << 20;

/// If this process was started as a plugin host (its first argument is [`HOST_ARGUMENT`]),
/// serves the plugin until the tool closes the channel and exits; otherwise returns at once.
///
/// A program that starts plugin hosts with [`crate::HostCommand::current_exe`] (the default)
/// calls this first thing in `main`, before parsing its arguments:
///
/// ```no_run
/// // The first line of `main`:
/// nianbao_plugins::run_host_if_requested();
/// // … the program as usual
/// ```
pub fn run_host_if_requested() {
    let mut args = std::env::args_os().skip(1);
    if args.next().as_deref() != Some(OsStr::new(HOST_ARGUMENT)) {
        return;
    }
    let code = match (args.next(), args.next()) {
        (Some(library), None) => serve(Path::new(&library)),
        _ => {
            eprintln!("usage: {HOST_ARGUMENT} LIBRARY (started by nianbao, not by hand)");
            2
        }
    };
    std::process::exit(code)
}

/// The channel to the tool.
struct Channel {
    reader: Box<dyn Read + Send>,
    writer: Box<dyn Write + Send>,
}

/// The channel: standard input, a socket the tool also reads from.
#[cfg(unix)]
fn channel() -> io::Result<Channel> {
    use std::os::fd::AsFd;
    let socket = std::os::unix::net::UnixStream::from(io::stdin().as_fd().try_clone_to_owned()?);
    Ok(Channel {
        reader: Box::new(socket.try_clone()?),
        writer: Box::new(socket),
    })
}

/// The channel: standard input and standard output (where the tool cannot give a socket, a
/// plugin printing to standard output breaks the channel, which the frames' magic catches).
#[cfg(not(unix))]
fn channel() -> io::Result<Channel> {
    Ok(Channel {
        reader: Box::new(io::stdin()),
        writer: Box::new(io::stdout()),
    })
}

/// Serves the plugin in `library`; returns the exit code.
fn serve(library: &Path) -> i32 {
    match serve_channel(library) {
        Ok(()) => 0,
        Err(error) => {
            eprintln!("plugin host: {error}");
            1
        }
    }
}

fn serve_channel(library: &Path) -> io::Result<()> {
    let Channel { reader, writer } = channel()?;
    let mut reader = BufReader::new(reader);
    let writer = Arc::new(Mutex::new(writer));
    let answer = |kind: u32, id: u64, payload: &[u8]| {
        let mut writer = writer.lock().unwrap_or_else(PoisonError::into_inner);
        protocol::write_frame(&mut *writer, kind, id, payload)
    };

    let Some(header) = protocol::read_header(&mut reader)? else {
        return Ok(());
    };
    let payload = protocol::read_payload(&mut reader, header.len)?;
    if header.kind != LOAD {
        return answer(
            HOST_ERROR,
            header.id,
            b"the first request must load the plugin",
        );
    }
    let request: LoadRequest = match serde_json::from_slice(&payload) {
        Ok(
            request @ LoadRequest {
                protocol: PROTOCOL_VERSION,
                ..
            },
        ) => request,
        _ => {
            let message = format!("the plugin host speaks protocol {PROTOCOL_VERSION} only");
            return answer(HOST_ERROR, header.id, message.as_bytes());
        }
    };
    let table = match library::open(library) {
        Ok(table) => table,
        Err(problem) => {
            let problem = serde_json::to_vec(&problem).map_err(io::Error::other)?;
            return answer(LOAD_FAILED, header.id, &problem);
        }
    };
    library::describe(table, |status, bytes| {
        answer(status as u32, header.id, bytes)
    })?;

    let workers = Workers::new();
    while let Some(header) = protocol::read_header(&mut reader)? {
        let payload = protocol::read_payload(&mut reader, header.len)?;
        if header.kind != EXPORT {
            answer(HOST_ERROR, header.id, b"unknown request")?;
            continue;
        }
        let writer = Arc::clone(&writer);
        let limit = request.output_limit;
        workers.run(Box::new(move || {
            let written = export(table, &payload, limit, |kind, bytes| {
                let mut writer = writer.lock().unwrap_or_else(PoisonError::into_inner);
                protocol::write_frame(&mut *writer, kind, header.id, bytes)
            });
            if written.is_err() {
                // The tool is gone: nothing is left to do.
                std::process::exit(0);
            }
        }))?;
    }
    // The tool closed the channel: exit now, even if an export still runs.
    std::process::exit(0)
}

/// A job of a worker.
type Job = Box<dyn FnOnce() + Send>;

/// The threads that run exports: every request runs at once, on an idle thread or, when none
/// is idle, on a new one (the tool sends only as many requests at once as it has threads, and
/// a plugin's export may be called from several threads at once). Reusing threads saves
/// starting one per report.
struct Workers {
    sender: mpsc::Sender<Job>,
    receiver: Arc<Mutex<mpsc::Receiver<Job>>>,
    /// Threads waiting for a job and not yet promised one.
    idle: Arc<AtomicUsize>,
}

impl Workers {
    fn new() -> Workers {
        let (sender, receiver) = mpsc::channel();
        Workers {
            sender,
            receiver: Arc::new(Mutex::new(receiver)),
            idle: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// Runs `job` now: promises it an idle thread, or starts one. A job never waits for a
    /// busy thread, so a call that never returns holds up no other.
    fn run(&self, job: Job) -> io::Result<()> {
        let promised = (self.idle)
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1))
            .is_ok();
        if !promised {
            let receiver = Arc::clone(&self.receiver);
            let idle = Arc::clone(&self.idle);
            std::thread::Builder::new()
                .stack_size(EXPORT_STACK)
                .spawn(move || {
                    loop {
                        let job = receiver
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .recv();
                        let Ok(job) = job else { return };
                        job();
                        idle.fetch_add(1, Ordering::AcqRel);
                    }
                })?;
        }
        self.sender
            .send(job)
            .map_err(|_| io::Error::other("the workers are gone"))
    }
}

/// Runs one export and sends its answer with `send`.
fn export(
    table: &PluginTable,
    request: &[u8],
    limit: u64,
    send: impl FnOnce(u32, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    library::export(table, request, |status, bytes| {
        if bytes.len() as u64 > limit {
            send(TOO_LARGE, &(bytes.len() as u64).to_le_bytes())
        } else {
            send(status as u32, bytes)
        }
    })
}
