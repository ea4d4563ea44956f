//! What the user sees: the language, how much to say, colours, and standard output and error
//! written so that a closed pipe (`nianbao formats | head -1`) ends the output quietly.
//!
//! Every message comes from the CLI's catalogue (`i18n/en.ftl`, `i18n/zh-CN.ftl`) in the
//! user's language; keys, rule ids and `file:line:col` are never translated.

use std::io::{self, Write};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicBool, Ordering};

use anstream::{AutoStream, ColorChoice};
use anstyle::{AnsiColor, Style};
use nianbao::Severity;
use nianbao::i18n::{Arg, Catalogue, Lang};

static MESSAGES: LazyLock<Catalogue> = LazyLock::new(|| {
    // The files are part of the binary and a unit test reads them, so they cannot be invalid.
    Catalogue::new(
        include_str!("../i18n/en.ftl"),
        include_str!("../i18n/zh-CN.ftl"),
    )
    .unwrap_or_else(|error| panic!("{error}"))
});

/// The CLI's messages in both languages.
pub fn messages() -> &'static Catalogue {
    &MESSAGES
}

/// How much the user wants to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// `-q`: errors only.
    Quiet,
    /// Findings of `check`, one summary line per report, the files written, progress.
    Normal,
    /// `-v`: also every finding of the reports `render` and `publish` write, and the plugins.
    Verbose,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorWhen {
    // (No doc comments here: clap would print them, in English, as the values' help.)
    // On a terminal, unless `NO_COLOR` is set.
    #[default]
    Auto,
    // Even into a pipe or with `NO_COLOR`.
    Always,
    Never,
}

impl ColorWhen {
    /// The word as written on the command line.
    pub fn parse(text: &str) -> Option<ColorWhen> {
        match text {
            "auto" => Some(ColorWhen::Auto),
            "always" => Some(ColorWhen::Always),
            "never" => Some(ColorWhen::Never),
            _ => None,
        }
    }

    /// For clap's own output (help, usage errors).
    pub fn for_clap(self) -> clap::ColorChoice {
        match self {
            ColorWhen::Auto => clap::ColorChoice::Auto,
            ColorWhen::Always => clap::ColorChoice::Always,
            ColorWhen::Never => clap::ColorChoice::Never,
        }
    }

    /// Whether to colour `stream`: `auto` asks the terminal and honours `NO_COLOR`,
    /// `CLICOLOR` and `CLICOLOR_FORCE`.
    fn resolve<S: anstream::stream::RawStream>(self, stream: &S) -> ColorChoice {
        match self {
            ColorWhen::Always => ColorChoice::Always,
            ColorWhen::Never => ColorChoice::Never,
            ColorWhen::Auto => match AutoStream::choice(stream) {
                ColorChoice::Auto => ColorChoice::Never,
                resolved => resolved,
            },
        }
    }
}

/// One of the two output streams.
struct Stream {
    color: ColorChoice,
    /// Set once a write failed: nothing more is written there.
    closed: AtomicBool,
    /// Set when the failure was not a closed pipe (a full disk behind `> file`).
    failed: AtomicBool,
}

impl Stream {
    fn new(color: ColorChoice) -> Stream {
        Stream {
            color,
            closed: AtomicBool::new(false),
            failed: AtomicBool::new(false),
        }
    }

    fn write<S>(&self, raw: S, text: &str)
    where
        S: anstream::stream::RawStream + anstream::stream::AsLockedWrite,
    {
        if self.closed.load(Ordering::Relaxed) {
            return;
        }
        let mut stream = AutoStream::new(raw, self.color);
        let written = stream
            .write_all(text.as_bytes())
            .and_then(|()| stream.flush());
        if let Err(error) = written {
            // A reader that has gone (`| head -1`) has all it wanted: stop writing, quietly.
            // The command still finishes its work, so no output file or manifest is lost.
            self.closed.store(true, Ordering::Relaxed);
            if error.kind() != io::ErrorKind::BrokenPipe {
                self.failed.store(true, Ordering::Relaxed);
            }
        }
    }
}

/// The user's language, verbosity and the two output streams.
pub struct Ui {
    /// The language of every message.
    pub lang: Lang,
    /// How much to say.
    pub level: Level,
    out: Stream,
    err: Stream,
}

impl Ui {
    /// A UI in `lang` at `level`, colouring as `color` says.
    pub fn new(lang: Lang, level: Level, color: ColorWhen) -> Ui {
        Ui {
            lang,
            level,
            out: Stream::new(color.resolve(&io::stdout())),
            err: Stream::new(color.resolve(&io::stderr())),
        }
    }

    /// The message `id` in the user's language.
    pub fn t(&self, id: &str, args: &[(&str, Arg)]) -> String {
        messages().text(self.lang, id, args)
    }

    /// Whether only errors are wanted.
    pub fn quiet(&self) -> bool {
        self.level == Level::Quiet
    }

    /// Whether every detail is wanted.
    pub fn verbose(&self) -> bool {
        self.level == Level::Verbose
    }

    /// Writes a line to standard output.
    pub fn out(&self, line: &str) {
        self.out_raw(&format!("{line}\n"));
    }

    /// Writes text as it is to standard output.
    pub fn out_raw(&self, text: &str) {
        self.out.write(io::stdout(), text);
    }

    /// Writes a line to standard error.
    pub fn err(&self, line: &str) {
        self.err.write(io::stderr(), &format!("{line}\n"));
    }

    /// `nianbao: error: {message}` on standard error.
    pub fn error(&self, message: &str) {
        let word = paint(&self.t("error-word", &[]), error_style());
        self.err(&self.t(
            "error-line",
            &[("error", word.into()), ("message", message.into())],
        ));
    }

    /// A note or progress line on standard error, unless `-q`.
    pub fn note(&self, line: &str) {
        if !self.quiet() {
            self.err(line);
        }
    }

    /// `wrote PATH` on standard output, unless `-q`.
    pub fn wrote(&self, path: &std::path::Path) {
        if !self.quiet() {
            let path = path.display().to_string();
            self.out(&self.t("wrote", &[("path", path.into())]));
        }
    }

    /// The severity's word, coloured where colour is on.
    pub fn severity(&self, severity: Severity) -> String {
        let (id, style) = match severity {
            Severity::Error => ("severity-error", error_style()),
            Severity::Warning => (
                "severity-warning",
                Style::new().bold().fg_color(Some(AnsiColor::Yellow.into())),
            ),
            Severity::Info => (
                "severity-info",
                Style::new().bold().fg_color(Some(AnsiColor::Cyan.into())),
            ),
        };
        paint(&self.t(id, &[]), style)
    }

    /// Whether writing to standard output failed for another reason than a closed pipe.
    pub fn output_failed(&self) -> bool {
        self.out.failed.load(Ordering::Relaxed)
    }
}

fn error_style() -> Style {
    Style::new().bold().fg_color(Some(AnsiColor::Red.into()))
}

/// `text` between the style's escape codes; the stream strips them where colour is off.
fn paint(text: &str, style: Style) -> String {
    format!("{style}{text}{style:#}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_message() {
        let (missing_zh, missing_en) = messages().differences();
        assert!(
            missing_zh.is_empty(),
            "missing in zh-CN.ftl: {missing_zh:?}"
        );
        assert!(missing_en.is_empty(), "missing in en.ftl: {missing_en:?}");
    }

    #[test]
    fn colour_is_stripped_where_it_is_off() {
        let mut plain = Vec::new();
        let mut stream = AutoStream::new(&mut plain, ColorChoice::Never);
        let word = paint("error", error_style());
        stream.write_all(word.as_bytes()).expect("write");
        assert_eq!(String::from_utf8_lossy(&plain), "error");
        assert!(word.contains("\u{1b}["), "{word:?}");
    }
}
