//! The cost of running a plugin out of process against in process, with the Markdown plugin
//! on the sample report: starting a host (once per plugin per run) and one export (once per
//! report), from one thread and from several at once.
//!
//! ```sh
//! cargo bench -p nianbao-plugins --bench modes
//! BENCH_EXPORTS=2000 cargo bench -p nianbao-plugins --bench modes
//! BENCH_HOST=target/release/nianbao cargo bench -p nianbao-plugins --bench modes   # another host program
//! BENCH_LIBRARY=path/to/libother.so cargo bench -p nianbao-plugins --bench modes   # another plugin
//! ```

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use nianbao_core::{Exporter, OptionValues};
use nianbao_plugins::{HostCommand, Plugin, PluginSettings};

fn settings_out_of_process() -> PluginSettings {
    let mut settings = common::out_of_process("");
    if let Some(host) = std::env::var_os("BENCH_HOST") {
        settings.host = HostCommand::program(host);
    }
    settings
}

/// The median of `rounds` timings of `f`.
fn median(rounds: usize, mut f: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..rounds).map(|_| f()).collect();
    times.sort();
    times[rounds / 2]
}

/// Processor time (user and system) of a process so far, from `/proc` (Linux), in ticks.
fn cpu_ticks(pid: &str) -> u64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0;
    };
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let field = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    field(11) + field(12)
}

/// Processor time of this process and its children (the plugin hosts), in ticks.
fn cpu_ticks_with_hosts() -> u64 {
    let mut children: Vec<String> = Vec::new();
    for task in std::fs::read_dir("/proc/self/task")
        .into_iter()
        .flatten()
        .flatten()
    {
        let list = std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
        children.extend(list.split_whitespace().map(str::to_owned));
    }
    cpu_ticks("self") + children.iter().map(|pid| cpu_ticks(pid)).sum::<u64>()
}

/// Ticks of `/proc` times: 100 a second on Linux.
const TICK: Duration = Duration::from_millis(10);

/// Wall time and processor time (the tool's and the hosts') per export, of `exports` exports
/// spread over `threads` threads; `serialize` makes the threads take turns, as a host that
/// runs one call at a time would.
fn per_export(
    plugin: &Plugin,
    options: &OptionValues,
    exports: usize,
    threads: usize,
    serialize: bool,
) -> (Duration, Duration) {
    let turn = Mutex::new(());
    let cpu = cpu_ticks_with_hosts();
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                for _ in 0..exports / threads {
                    let _turn = serialize.then(|| turn.lock().expect("not poisoned"));
                    let bytes = plugin.export(common::input(), options).expect("exports");
                    assert!(!bytes.is_empty());
                }
            });
        }
    });
    let done = (exports - exports % threads) as u32;
    let wall = started.elapsed() / done;
    let cpu = TICK * (cpu_ticks_with_hosts() - cpu) as u32 / done;
    (wall, cpu)
}

fn micros(d: Duration) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6)
}

fn main() {
    // `cargo bench` passes `--bench`; nothing to filter.
    let exports: usize = std::env::var("BENCH_EXPORTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let library = match std::env::var_os("BENCH_LIBRARY") {
        Some(library) => library.into(),
        None => common::build_library_in("nianbao-markdown", true),
    };
    let library = library.as_path();
    let outside_settings = settings_out_of_process();
    let inside_settings = common::in_process();

    let load = |settings: &PluginSettings| -> (&'static Plugin, Duration) {
        let started = Instant::now();
        let plugin = nianbao_plugins::load(Path::new(library), settings).expect("loads");
        (plugin, started.elapsed())
    };
    let (inside, _) = load(&inside_settings);
    // A library is mapped once per process: time fresh copies, as a run loads its plugins.
    let copies = common::scratch("bench-copies");
    let mut copy = 0;
    let start_inside = median(9, || {
        copy += 1;
        let file = copies.join(format!("lib{copy}{}", std::env::consts::DLL_SUFFIX));
        std::fs::copy(library, &file).expect("copy");
        let started = Instant::now();
        nianbao_plugins::load(&file, &inside_settings).expect("loads");
        started.elapsed()
    });
    let start_outside = median(9, || load(&outside_settings).1);
    let (outside, _) = load(&outside_settings);
    let options =
        nianbao_core::resolve_options(inside.id(), &inside.options(), []).expect("defaults");
    let size = inside
        .export(common::input(), &options)
        .expect("exports")
        .len();

    let request = serde_json::to_vec(&nianbao_core::Interchange::new(common::input()))
        .expect("JSON")
        .len();
    println!(
        "plugin {} on the sample report ({request} bytes of request, {size} bytes of output), {exports} exports a round, median of 5 rounds",
        inside.id()
    );
    println!(
        "loading the plugin: in process {} (load, describe), out of process {} (host start, load, describe)",
        micros(start_inside),
        micros(start_outside)
    );
    // Warm both up.
    per_export(inside, &options, 50, 1, false);
    per_export(outside, &options, 50, 1, false);
    println!("per export: wall time, then processor time of the tool and its hosts");
    for threads in [1, 2, 4] {
        // Rounds interleaved, so that a change in the machine's load hits every variant.
        let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..5 {
            a.push(per_export(inside, &options, exports, threads, false));
            b.push(per_export(outside, &options, exports, threads, false));
            if threads > 1 {
                c.push(per_export(outside, &options, exports, threads, true));
            }
        }
        let show = |runs: &[(Duration, Duration)]| {
            let mut walls: Vec<Duration> = runs.iter().map(|r| r.0).collect();
            let mut cpus: Vec<Duration> = runs.iter().map(|r| r.1).collect();
            walls.sort();
            cpus.sort();
            format!(
                "{} ({} cpu)",
                micros(walls[walls.len() / 2]),
                micros(cpus[cpus.len() / 2])
            )
        };
        let mut line = format!(
            "{threads} thread(s): in process {}, out of process {}",
            show(&a),
            show(&b)
        );
        if threads > 1 {
            line.push_str(&format!(", out of process one call at a time {}", show(&c)));
        }
        println!("{line}");
    }
}
