//! Fuzzing on stable Rust: structure-aware mutations of report files (TOML and JSON), run
//! through the reader, the checks and every built-in exporter in process, and, for a smaller
//! number, through the `nianbao` binary. Whatever the input: no panic, exit codes 0, 1 or 2
//! only, error messages of bounded length, no output over a bound, no terminal control
//! character in the text output.
//!
//! Each case is built from the example report by 1 to 4 mutations drawn from a generator
//! seeded with the seed and the case's number, so any case can be run again alone. The
//! mutations change values (boundary numbers, long, empty, Unicode, control and invisible
//! characters), types (a number becomes text, an array a table), keys (renamed, removed,
//! duplicated, unknown ones added), lengths (arrays cut or grown, text repeated) and, after
//! writing the file, its text (cut, a line repeated or removed, a byte order mark, stray
//! characters).
//!
//! In CI a few hundred cases run in seconds. To run longer:
//!
//! ```sh
//! NIANBAO_FUZZ_CASES=100000 cargo test --release -p nianbao-tests --test fuzz -- --nocapture
//! NIANBAO_FUZZ_SEED=7 NIANBAO_FUZZ_CASES=5000 cargo test -p nianbao-tests --test fuzz
//! NIANBAO_FUZZ_SEED=7 NIANBAO_FUZZ_CASE=4711 cargo test -p nianbao-tests --test fuzz  # one case
//! ```
//!
//! `NIANBAO_FUZZ_CASES` is the number of in-process cases of each syntax (150 by default);
//! the binary runs one case in 20 of that (at least 8). Half the cases are mutated gently
//! (counts in range, text a reader takes) so that they reach the exporters; the PDF exporter
//! runs on one case in 16 in process (it takes 0.6 s a report in a debug build). A failing case is written to
//! `$TMPDIR/nianbao-fuzz-failures/` and named in the message with its seed and number.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::Instant;

use nianbao::i18n::Lang;
use nianbao::{ExportInput, Syntax, check, lower, parse_report};
use nianbao_tests::{example, example_source, nianbao_command, scratch, stderr};

/// The default seed: CI runs the same cases every time.
const DEFAULT_SEED: u64 = 14;
/// In-process cases of each syntax by default.
const DEFAULT_CASES: u64 = 150;
/// The PDF exporter is the slow one (0.6 s a report in a debug build, against 90 ms for the
/// five others together): it runs on one case in this many in process, and on every case
/// that reaches the binary.
const PDF_EVERY: u64 = 16;
/// No error message is longer (quoted values are cut to 80 characters).
const MAX_MESSAGE: usize = 2_000;

/// What any output file may weigh: the fonts and fixed parts, and a bounded growth per input
/// byte (the JSON format writes each value with its keys, labels and place).
fn output_bound(input_len: usize) -> usize {
    16 * 1024 * 1024 + 64 * input_len
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok()?.trim().parse().ok()
}

fn seed() -> u64 {
    env_u64("NIANBAO_FUZZ_SEED").unwrap_or(DEFAULT_SEED)
}

/// The case numbers to run: `NIANBAO_FUZZ_CASE` alone, or `0..count`.
fn cases(count: u64) -> Vec<u64> {
    match env_u64("NIANBAO_FUZZ_CASE") {
        Some(case) => vec![case],
        None => (0..count).collect(),
    }
}

fn in_process_cases() -> u64 {
    env_u64("NIANBAO_FUZZ_CASES").unwrap_or(DEFAULT_CASES)
}

/// SplitMix64: small, fast and enough to pick mutations; no dependency.
struct Rng(u64);

impl Rng {
    fn for_case(seed: u64, salt: u64, case: u64) -> Rng {
        let mut rng = Rng(seed ^ salt.rotate_left(32) ^ case.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Numbers at and around every limit a reader or a sum could trip on.
fn number(rng: &mut Rng) -> i64 {
    rng.pick(&[
        0,
        1,
        -1,
        7,
        26,
        999_999_999,
        1_000_000_000,
        i64::from(i32::MAX),
        i64::from(u32::MAX),
        1 << 53,
        i64::MAX,
        i64::MIN,
        2008,
        2100,
        1900,
        99_999,
    ])
}

/// Text that has broken exporters or readers somewhere: control and invisible characters,
/// right-to-left, combining marks, astral characters, markup, very long text.
fn text(rng: &mut Rng) -> String {
    let pieces = [
        "",
        " ",
        "示例",
        "\u{1b}[31m红\u{1b}[0m",
        "a\u{0}b",
        "\u{7f}\u{85}\u{9b}",
        "\u{200b}\u{200d}\u{2060}",
        "\u{feff}",
        "\u{202e}txt.exe",
        "e\u{301}\u{302}\u{303}\u{304}",
        "𠀀𪚥😀👩‍👩‍👧",
        "<script>alert(1)</script>&amp;",
        "\"'\\",
        "\t\r\n",
        "\n\n\n",
        "一、总体情况",
        "%PDF-1.7",
        "]]>",
        "{{ $var }}",
        "\u{fffd}\u{fffe}",
        "\u{e000}",
        "１２３",
        "null",
    ];
    let mut text = String::new();
    for _ in 0..=rng.below(4) {
        text.push_str(rng.pick(&pieces));
    }
    match rng.below(12) {
        // Past the length limits of a field, a paragraph, a section, or a spreadsheet cell.
        0 => text
            .repeat(rng.pick(&[40, 300, 12_000, 40_000]))
            .chars()
            .take(120_000)
            .collect(),
        1 => "长".repeat(rng.pick(&[201, 10_001, 32_768])),
        _ => text,
    }
}

/// Text a reader should take: Unicode of every kind, invisible format characters (dropped
/// or drawn as nothing, never a failure), markup, lengths up to the limits.
fn gentle_text(rng: &mut Rng) -> String {
    let pieces = [
        "示例市示例局",
        "𠀀𪚥😀👩‍👩‍👧",
        "e\u{301}\u{302}",
        "\u{200b}\u{200d}\u{2060}",
        "\u{feff}",
        "مرحبا",
        "\u{202e}txt.exe\u{202c}",
        "<b>&amp;</b>\"'\\",
        "１２３ＡＢＣ",
        "一、总体情况",
        "（一）主动公开情况",
        "22（其中修订16件）",
        "%PDF-1.7 ]]> {{ $var }}",
        "\u{e000}\u{fffd}",
        "ﷺ",
        "ǅǈǋ",
        " ",
    ];
    let mut text = String::new();
    for _ in 0..=rng.below(5) {
        text.push_str(rng.pick(&pieces));
    }
    if rng.chance(8) {
        let long = text.repeat(rng.pick(&[50, 400, 2_000]));
        // Under the limit of a paragraph (10,000 characters).
        text = long.chars().take(9_999).collect();
    }
    text
}

/// A mutation that keeps the report readable (most of the time): counts within range, text
/// a reader takes, paragraphs added, removed or repeated.
fn mutate_gently(rng: &mut Rng, root: &mut serde_json::Value) {
    use serde_json::Value;
    let mut all = Vec::new();
    places(root, &mut Vec::new(), &mut all);
    let path = all[rng.below(all.len())].clone();
    let Some(node) = at(root, &path) else {
        return;
    };
    match node {
        Value::Number(_) => *node = Value::from(rng.pick(&[0, 1, 7, 26, 999, 999_999_999])),
        Value::String(s) => {
            *s = match rng.below(3) {
                0 => gentle_text(rng),
                1 => format!("{s}{}", gentle_text(rng)),
                _ => s.chars().take(rng.below(s.chars().count() + 1)).collect(),
            }
        }
        Value::Array(items) if items.iter().all(Value::is_string) => match rng.below(3) {
            0 => items.clear(),
            1 => {
                for _ in 0..rng.pick(&[1, 5, 60]) {
                    items.push(Value::from(gentle_text(rng)));
                }
            }
            _ => {
                let copy = items.clone();
                items.extend(copy);
            }
        },
        _ => {}
    }
}

/// A value of any kind, as JSON (TOML values are made from it).
fn any_value(rng: &mut Rng, depth: usize) -> serde_json::Value {
    use serde_json::Value;
    match rng.below(if depth > 2 { 5 } else { 7 }) {
        0 => Value::from(number(rng)),
        1 => Value::from(rng.pick(&[0.5, -0.0, 1e300, 4166.241619, 1e-9])),
        2 => Value::from(text(rng)),
        3 => Value::from(rng.chance(2)),
        4 => Value::Null,
        5 => Value::Array(
            (0..rng.pick(&[0, 1, 6, 7, 8, 100]))
                .map(|_| any_value(rng, depth + 1))
                .collect(),
        ),
        _ => Value::Object(
            (0..rng.below(4))
                .map(|_| (random_key(rng), any_value(rng, depth + 1)))
                .collect(),
        ),
    }
}

fn random_key(rng: &mut Rng) -> String {
    rng.pick(&[
        "agency",
        "year",
        "published",
        "format",
        "granted",
        "in_force",
        "unknown_key",
        "",
        "中文键",
        "a.b",
        "\u{1b}",
        "Agency",
    ])
    .to_string()
}

/// Every place in the tree, as a path of object keys and array indices.
fn places(value: &serde_json::Value, path: &mut Vec<Step>, all: &mut Vec<Vec<Step>>) {
    all.push(path.clone());
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                path.push(Step::Key(key.clone()));
                places(child, path, all);
                path.pop();
            }
        }
        serde_json::Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                path.push(Step::Index(index));
                places(child, path, all);
                path.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn at<'a>(value: &'a mut serde_json::Value, path: &[Step]) -> Option<&'a mut serde_json::Value> {
    let mut node = value;
    for step in path {
        node = match step {
            Step::Key(key) => node.get_mut(key.as_str())?,
            Step::Index(index) => node.get_mut(*index)?,
        };
    }
    Some(node)
}

/// One structural mutation at a random place of the tree.
fn mutate_tree(rng: &mut Rng, root: &mut serde_json::Value) {
    use serde_json::Value;
    let mut all = Vec::new();
    places(root, &mut Vec::new(), &mut all);
    let path = all[rng.below(all.len())].clone();
    // The parent, for the mutations of keys.
    if let (Some(Step::Key(key)), true) = (path.last(), rng.chance(3)) {
        let parent_path = &path[..path.len() - 1];
        let Some(Value::Object(parent)) = at(root, parent_path) else {
            return;
        };
        match rng.below(4) {
            0 => {
                parent.remove(key);
            }
            1 => {
                if let Some(child) = parent.remove(key) {
                    let renamed = match rng.below(3) {
                        0 => key.to_uppercase(),
                        1 => format!("{key}_"),
                        _ => key.chars().rev().collect(),
                    };
                    parent.insert(renamed, child);
                }
            }
            2 => {
                parent.insert(random_key(rng), any_value(rng, 1));
            }
            _ => {
                parent.insert(format!("{key}\u{200b}"), Value::from(1));
            }
        }
        return;
    }
    let Some(node) = at(root, &path) else {
        return;
    };
    match (node, rng.below(6)) {
        // The same kind of value, at a limit.
        (node @ Value::Number(_), 0..=2) => *node = Value::from(number(rng)),
        (Value::String(s), 0..=2) => {
            *s = match rng.below(3) {
                0 => text(rng),
                1 => format!("{s}{}", text(rng)),
                _ => s.repeat(rng.below(50) + 2).chars().take(200_000).collect(),
            }
        }
        (Value::Array(items), 0..=2) => match rng.below(3) {
            0 => items.truncate(rng.below(items.len() + 1)),
            1 => {
                let last = items.last().cloned().unwrap_or(Value::from(0));
                for _ in 0..rng.pick(&[1, 2, 50]) {
                    items.push(last.clone());
                }
            }
            _ => {
                if !items.is_empty() {
                    let index = rng.below(items.len());
                    items[index] = any_value(rng, 2);
                }
            }
        },
        (Value::Object(map), 0..=2) => {
            map.insert(random_key(rng), any_value(rng, 1));
        }
        // Another kind of value: text for a number, a table for an array ….
        (node @ Value::Number(_), _) if rng.chance(2) => *node = Value::from(node.to_string()),
        (node, _) => *node = any_value(rng, 1),
    }
}

/// TOML has no null; a null becomes a random text (the JSON cases keep them).
fn to_toml(value: &serde_json::Value) -> Option<toml::Value> {
    use serde_json::Value;
    Some(match value {
        Value::Null => toml::Value::String("null".to_owned()),
        Value::Bool(b) => toml::Value::Boolean(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            None => toml::Value::Float(n.as_f64()?),
        },
        Value::String(s) => toml::Value::String(s.clone()),
        Value::Array(items) => toml::Value::Array(items.iter().filter_map(to_toml).collect()),
        Value::Object(map) => toml::Value::Table(
            map.iter()
                .filter_map(|(k, v)| Some((k.clone(), to_toml(v)?)))
                .collect(),
        ),
    })
}

/// Mutations of the written text: what a careless editor or a broken transfer does.
fn mutate_text(rng: &mut Rng, text: &mut String, syntax: Syntax) {
    let lines: Vec<&str> = text.lines().collect();
    match rng.below(7) {
        0 => {
            let mut cut = rng.below(text.len() + 1);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
        }
        1 if !lines.is_empty() => {
            // A line twice: in TOML a key defined twice; in JSON a duplicate key.
            let index = rng.below(lines.len());
            let mut again: Vec<&str> = lines.clone();
            again.insert(index, lines[index]);
            *text = again.join("\n");
        }
        2 if !lines.is_empty() => {
            let mut fewer = lines.clone();
            fewer.remove(rng.below(lines.len()));
            *text = fewer.join("\n");
        }
        3 => text.insert(0, '\u{feff}'),
        4 => {
            let mut at = rng.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let stray = rng.pick(&["\u{1b}", "\0", "\"", "{", "]", "=", "\u{85}", "\r", "#"]);
            text.insert_str(at, stray);
        }
        5 if syntax == Syntax::Json => {
            // A duplicate key at the top, which serde_json would take silently.
            *text = text.replacen('{', "{\"format\": \"2021\",", 1);
        }
        _ => {
            // A whole other document: an empty one, a top-level array, a scalar.
            *text = rng
                .pick(&[
                    "",
                    "[]",
                    "null",
                    "42",
                    "\"text\"",
                    "format = 2021",
                    "[meta]",
                ])
                .to_string();
        }
    }
}

/// The file of case `case`: the example as TOML or JSON, mutated.
fn make_case(syntax: Syntax, case: u64) -> String {
    let mut rng = Rng::for_case(seed(), syntax as u64, case);
    let mut tree = serde_json::to_value(example()).expect("the example serializes");
    // Half the cases are mutated gently, so that most of them reach the exporters; the others
    // roughly, for the reader.
    if case.is_multiple_of(2) {
        for _ in 0..=rng.below(6) {
            mutate_gently(&mut rng, &mut tree);
        }
    } else {
        for _ in 0..=rng.below(4) {
            mutate_tree(&mut rng, &mut tree);
        }
    }
    let mut text = match syntax {
        Syntax::Json => {
            if rng.chance(2) {
                serde_json::to_string_pretty(&tree).expect("JSON")
            } else {
                serde_json::to_string(&tree).expect("JSON")
            }
        }
        Syntax::Toml => match to_toml(&tree).map(|t| toml::to_string(&t)) {
            Some(Ok(text)) => text,
            // A tree TOML cannot write (e.g. an array of arrays of tables): the source as it
            // is, mutated as text below.
            _ => example_source(),
        },
    };
    if case % 2 == 1 && rng.chance(3) {
        mutate_text(&mut rng, &mut text, syntax);
    }
    text
}

fn extension(syntax: Syntax) -> &'static str {
    match syntax {
        Syntax::Toml => "toml",
        Syntax::Json => "json",
    }
}

/// Keeps a failing case where it can be found and says how to run it again.
fn failed(syntax: Syntax, case: u64, text: &str, what: &str) -> ! {
    let dir = std::env::temp_dir().join("nianbao-fuzz-failures");
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join(format!("seed{}-case{case}.{}", seed(), extension(syntax)));
    let _ = std::fs::write(&file, text);
    panic!(
        "{what}\n  input: {}\n  again: NIANBAO_FUZZ_SEED={} NIANBAO_FUZZ_CASE={case} cargo test -p nianbao-tests --test fuzz",
        file.display(),
        seed()
    );
}

/// Characters that must not reach a terminal from a message or the text output: C0 and C1
/// controls (ESC starts the terminal's escape sequences), but line breaks and tabs.
fn is_terminal_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\t' | '\r')
}

/// What one case came to.
enum Outcome {
    /// Refused by the reader.
    Refused,
    /// Refused by the reader, whose message quotes a control character as it is.
    RefusedEchoingControl(String),
    /// Read, checked and rendered.
    Rendered,
}

/// Reads, checks, lowers and exports one file in process.
fn run_in_process(registry: &nianbao::Registry, syntax: Syntax, case: u64, text: &str) -> Outcome {
    let file = PathBuf::from(format!("case-{case}.{}", extension(syntax)));
    let pdf = case.is_multiple_of(PDF_EVERY);
    let result = catch_unwind(AssertUnwindSafe(|| -> Result<Outcome, String> {
        let report = match parse_report(text, syntax, &file) {
            Ok(report) => report,
            Err(error) => {
                let mut outcome = Outcome::Refused;
                for lang in [Lang::En, Lang::Zh] {
                    let message = error.message(lang);
                    if message.chars().count() > MAX_MESSAGE {
                        return Err(format!("a message of {} chars", message.chars().count()));
                    }
                    if message.chars().any(is_terminal_control) {
                        outcome = Outcome::RefusedEchoingControl(message);
                    }
                }
                return Ok(outcome);
            }
        };
        let findings = check(&report, None);
        let document = lower(&report);
        let input = ExportInput {
            document: &document,
            findings: &findings,
        };
        for entry in registry.iter() {
            let exporter = entry.exporter;
            if exporter.id() == "pdf" && !pdf {
                continue;
            }
            let options = registry
                .options(exporter.id(), [])
                .map_err(|e| e.to_string())?;
            // An exporter may refuse a report, with a message; it may not panic.
            if let Ok(bytes) = exporter.export(input, &options) {
                if bytes.len() > output_bound(text.len()) {
                    return Err(format!("{} wrote {} bytes", exporter.id(), bytes.len()));
                }
                if exporter.id() == "txt" {
                    let text = String::from_utf8_lossy(&bytes);
                    if let Some(c) = text.chars().find(|&c| is_terminal_control(c)) {
                        return Err(format!("txt output holds U+{:04X}", u32::from(c)));
                    }
                }
            }
        }
        Ok(Outcome::Rendered)
    }));
    match result {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(what)) => failed(syntax, case, text, &what),
        Err(_) => failed(syntax, case, text, "panicked (the panic is printed above)"),
    }
}

/// Runs the in-process cases of `syntax`; with `strict`, a reader's message that quotes a
/// control character fails too.
fn fuzz_in_process(syntax: Syntax, strict: bool) {
    let registry = nianbao::registry().expect("the built-in formats");
    let started = Instant::now();
    let cases = cases(in_process_cases());
    let (mut rendered, mut echoes) = (0, Vec::new());
    for &case in &cases {
        let text = make_case(syntax, case);
        match run_in_process(&registry, syntax, case, &text) {
            Outcome::Rendered => rendered += 1,
            Outcome::Refused => {}
            Outcome::RefusedEchoingControl(message) if strict => failed(
                syntax,
                case,
                &text,
                &format!("a control character in the message: {message:?}"),
            ),
            Outcome::RefusedEchoingControl(message) => echoes.push((case, message)),
        }
    }
    eprintln!(
        "{:?}: {} cases ({rendered} read and rendered) in {:.1} s",
        syntax,
        cases.len(),
        started.elapsed().as_secs_f64()
    );
    if let Some((case, message)) = echoes.first() {
        eprintln!(
            "{:?}: {} messages quote a control character as it is (known, see \
             reader_messages_never_quote_control_characters), e.g. case {case}: {message:?}",
            syntax,
            echoes.len()
        );
    }
    // The mutations must not all be refused at once, or the exporters are never fuzzed.
    assert!(
        cases.len() < 20 || rendered * 3 >= cases.len(),
        "only {rendered} of {} cases were read: the mutations are too rough",
        cases.len()
    );
}

#[test]
fn mutated_toml_reports_never_panic_the_reader_or_the_exporters() {
    fuzz_in_process(Syntax::Toml, false);
}

#[test]
fn mutated_json_reports_never_panic_the_reader_or_the_exporters() {
    fuzz_in_process(Syntax::Json, false);
}

// Fails today: the reader quotes a refused key or value with its control characters (ESC,
// NUL) as they are, and `nianbao check` prints them to the terminal. `render` and `publish`
// escape them (`batch::Failure::message`); the reader's messages should.
#[test]
fn reader_messages_never_quote_control_characters() {
    fuzz_in_process(Syntax::Toml, true);
    fuzz_in_process(Syntax::Json, true);
}

fn size_under(dir: &Path) -> Vec<(PathBuf, u64)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| Some((e.path(), e.metadata().ok()?.len())))
        .collect()
}

#[test]
fn the_binary_exits_0_1_or_2_on_mutated_reports_and_never_panics() {
    let count = (in_process_cases() / 20).max(8);
    let dir = scratch("fuzz-binary");
    let started = Instant::now();
    for case in cases(count) {
        let syntax = if case.is_multiple_of(2) {
            Syntax::Toml
        } else {
            Syntax::Json
        };
        let text = make_case(syntax, case);
        let file = dir.join(format!("case-{case}.{}", extension(syntax)));
        std::fs::write(&file, &text).expect("write the case");
        let out = dir.join(format!("out-{case}"));
        let render = nianbao_command()
            .arg("render")
            .arg(&file)
            .args(["--to", "txt,html,json,xlsx,docx,pdf", "--force", "-o"])
            .arg(&out)
            .output()
            .expect("nianbao runs");
        let check = nianbao_command()
            .args(["check", "--json"])
            .arg(&file)
            .output()
            .expect("nianbao runs");
        for (command, output) in [("render", &render), ("check", &check)] {
            let err = stderr(output);
            if !matches!(output.status.code(), Some(0..=2)) {
                failed(
                    syntax,
                    case,
                    &text,
                    &format!("{command}: {:?}: {err}", output.status),
                );
            }
            if err.contains("panicked") || err.contains("RUST_BACKTRACE") {
                failed(syntax, case, &text, &format!("{command} panicked: {err}"));
            }
            // `render` escapes what the reader quotes; `check` does not yet (see
            // reader_messages_never_quote_control_characters).
            if command == "render" && err.chars().any(is_terminal_control) {
                failed(
                    syntax,
                    case,
                    &text,
                    &format!("a control character on stderr: {err:?}"),
                );
            }
            if err.chars().count() > 20 * MAX_MESSAGE {
                failed(
                    syntax,
                    case,
                    &text,
                    &format!("{command}: {} chars on stderr", err.len()),
                );
            }
        }
        if check.status.code() != Some(2)
            && serde_json::from_slice::<serde_json::Value>(&check.stdout).is_err()
        {
            failed(syntax, case, &text, "check --json printed no JSON");
        }
        for (path, bytes) in size_under(&out) {
            if bytes as usize > output_bound(text.len()) {
                failed(
                    syntax,
                    case,
                    &text,
                    &format!("{} is {bytes} bytes", path.display()),
                );
            }
        }
        let _ = std::fs::remove_dir_all(&out);
        let _ = std::fs::remove_file(&file);
    }
    eprintln!(
        "binary: {count} cases in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
