//! `nianbao`: check and render 政府信息公开工作年度报告 (国办公开办函〔2021〕30号).
//!
//! The binary only parses arguments, calls the library and maps outcomes to exit codes:
//! 0 success (warnings allowed), 1 a report has errors, 2 usage, input or environment error.
//! It speaks Chinese when the locale does (`LANG`, `LC_ALL`, `LC_MESSAGES` starting `zh`) and
//! English otherwise; `--lang` decides. Every text, `--help` included, comes from
//! `i18n/{en,zh-CN}.ftl`.

mod batch;
mod commands;
mod errors;
mod findings;
mod help;
mod import;
mod output;
mod publish;
mod registry;
mod ui;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::builder::ValueHint;
use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};
use nianbao::i18n::Lang;

use crate::commands::{RenderArgs, SdkChoice};
use crate::import::{ImportArgs, NewFormat};
use crate::registry::PluginArgs;
use crate::ui::{ColorWhen, Level, Ui};

// The help texts are set from the catalogue at run time (`help::localize`): ids
// `about-<command>` and `arg-<command>-<argument id>`.
#[derive(Debug, Parser)]
#[command(
    name = "nianbao",
    version,
    max_term_width = 100,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Cli {
    #[arg(long = "plugin-dir", value_name = "DIR", global = true, value_hint = ValueHint::DirPath)]
    plugin_dirs: Vec<PathBuf>,
    #[arg(long, global = true)]
    plugins_in_process: bool,
    #[arg(
        long,
        value_name = "SECONDS",
        global = true,
        default_value = "60",
        value_parser = parse_seconds
    )]
    plugin_timeout: Duration,
    #[arg(long, value_name = "LANG", global = true, value_parser = parse_lang)]
    lang: Option<Lang>,
    #[arg(long, value_name = "WHEN", global = true)]
    color: Option<ColorWhen>,
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    #[arg(short, long, global = true)]
    verbose: bool,
    #[arg(short, long, global = true, action = ArgAction::Help)]
    help: Option<bool>,
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    New {
        #[arg(long, value_name = "NAME")]
        agency: String,
        #[arg(long, value_name = "YEAR")]
        year: u16,
        #[arg(short, long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        output: Option<PathBuf>,
        #[arg(long)]
        force: bool,
        #[arg(long, value_name = "FORMAT", value_enum, default_value_t = NewFormat::Toml)]
        to: NewFormat,
    },
    Import {
        #[arg(required = true, value_hint = ValueHint::FilePath)]
        files: Vec<PathBuf>,
        #[arg(short, long, value_name = "DIR", default_value = ".", value_hint = ValueHint::DirPath)]
        output: PathBuf,
        #[arg(long)]
        force: bool,
        #[arg(long)]
        partial: bool,
        #[arg(long)]
        blank_as_zero: bool,
        #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        summary: Option<PathBuf>,
        #[arg(short, long, value_name = "N", value_parser = parse_jobs)]
        jobs: Option<u16>,
    },
    Check {
        #[arg(required = true, value_hint = ValueHint::FilePath)]
        files: Vec<PathBuf>,
        #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        previous: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    Render {
        #[arg(required = true, value_hint = ValueHint::FilePath)]
        files: Vec<PathBuf>,
        #[arg(long, value_name = "FORMATS", value_delimiter = ',', required = true)]
        to: Vec<String>,
        #[arg(short, long, value_name = "DIR", default_value = ".", value_hint = ValueHint::DirPath)]
        output: PathBuf,
        #[arg(long = "option", value_name = "FMT.KEY=VALUE")]
        options: Vec<String>,
        #[arg(long)]
        force: bool,
        #[arg(short, long, value_name = "N", value_parser = parse_jobs)]
        jobs: Option<u16>,
    },
    Publish {
        #[arg(required = true, value_hint = ValueHint::FilePath)]
        files: Vec<PathBuf>,
        #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        recipients: PathBuf,
        #[arg(short, long, value_name = "DIR", default_value = ".", value_hint = ValueHint::DirPath)]
        output: PathBuf,
        #[arg(long)]
        force: bool,
        #[arg(short, long, value_name = "N", value_parser = parse_jobs)]
        jobs: Option<u16>,
    },
    Formats {
        #[arg(long)]
        json: bool,
    },
    #[command(subcommand_required = true, disable_help_subcommand = true)]
    Plugin {
        #[command(subcommand)]
        command: PluginCommand,
    },
    Completions {
        shell: clap_complete::Shell,
    },
    Man {
        command: Option<String>,
    },
    Help {
        command: Vec<String>,
    },
}

/// `nianbao plugin …`: for plugin authors.
#[derive(Debug, Subcommand)]
enum PluginCommand {
    New {
        #[arg(value_name = "NAME")]
        name: String,
        #[arg(short, long, value_name = "DIR", value_hint = ValueHint::DirPath)]
        output: Option<PathBuf>,
        #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath, conflicts_with = "sdk_git")]
        sdk_path: Option<PathBuf>,
        #[arg(long, value_name = "URL", value_hint = ValueHint::Url)]
        sdk_git: Option<String>,
        #[arg(long, value_name = "TAG", requires = "sdk_git")]
        sdk_tag: Option<String>,
    },
}

fn parse_jobs(text: &str) -> Result<u16, String> {
    (text.parse::<u16>().ok())
        .filter(|&jobs| jobs > 0)
        .ok_or_else(|| "1 – 65535".to_owned())
}

/// A time limit in seconds, e.g. `60` or `0.5`; more than zero.
fn parse_seconds(text: &str) -> Result<Duration, String> {
    (text.trim().parse::<f64>().ok())
        .filter(|seconds| *seconds > 0.0)
        .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok())
        .ok_or_else(|| "> 0 (60, 0.5)".to_owned())
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::parse(text).ok_or_else(|| "zh | en".to_owned())
}

/// How a command ended, when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    Success,
    ReportErrors,
    InputErrors,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        match outcome {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::ReportErrors => ExitCode::from(1),
            Outcome::InputErrors => ExitCode::from(2),
        }
    }
}

/// `--lang` and `--color` as given, read before clap parses: the help and clap's own errors
/// are already in the language and colours asked for.
fn prescan(args: &[OsString]) -> (Option<Lang>, Option<ColorWhen>) {
    let (mut lang, mut color) = (None, None);
    let mut args = args.iter().skip(1).map(|arg| arg.to_string_lossy());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        let mut value = |name: &str| match arg.strip_prefix(name) {
            Some("") => args.next().map(|value| value.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_owned),
            None => None,
        };
        if let Some(value) = value("--lang") {
            lang = Lang::parse(&value).or(lang);
        } else if let Some(value) = value("--color") {
            color = ColorWhen::parse(&value).or(color);
        }
    }
    (lang, color)
}

fn main() -> ExitCode {
    // A process started as a plugin host serves its plugin and exits here, before anything
    // of the command line (arguments, language, colours) is looked at.
    nianbao_plugins::run_host_if_requested();
    let args: Vec<OsString> = std::env::args_os().collect();
    let (lang, color) = prescan(&args);
    let lang = lang.unwrap_or_else(Lang::from_env);
    let color = color.unwrap_or_default();
    let command = help::localize(Cli::command(), lang).color(color.for_clap());
    let parsed = (command.clone().try_get_matches_from(&args))
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => return help::exit_on(&error, &Ui::new(lang, Level::Normal, color)),
    };
    let level = match (cli.quiet, cli.verbose) {
        (true, _) => Level::Quiet,
        (_, true) => Level::Verbose,
        _ => Level::Normal,
    };
    let ui = Ui::new(cli.lang.unwrap_or(lang), level, cli.color.unwrap_or(color));
    let result = run(&ui, cli, command);
    let outcome = match result {
        Ok(outcome) => outcome,
        Err(error) => {
            ui.error(&error.to_string());
            Outcome::InputErrors
        }
    };
    if ui.output_failed() {
        ui.error(&ui.t("stdout-failed", &[]));
        return Outcome::InputErrors.into();
    }
    outcome.into()
}

fn run(ui: &Ui, cli: Cli, command: clap::Command) -> anyhow::Result<Outcome> {
    let plugins = PluginArgs {
        dirs: cli.plugin_dirs,
        in_process: cli.plugins_in_process,
        time_limit: cli.plugin_timeout,
    };
    let load_registry = || registry::load(ui, &plugins);
    let jobs = |jobs: Option<u16>| jobs.map(usize::from);
    match cli.command {
        Command::New {
            agency,
            year,
            output,
            force,
            to: NewFormat::Toml,
        } => commands::new(ui, &agency, year, output.as_deref(), force),
        Command::New {
            agency,
            year,
            output,
            force,
            to: NewFormat::Xlsx,
        } => import::new_workbook(ui, &agency, year, output.as_deref(), force),
        Command::Import {
            files,
            output,
            force,
            partial,
            blank_as_zero,
            summary,
            jobs: workers,
        } => import::import(
            ui,
            ImportArgs {
                files: &files,
                out_dir: &output,
                force,
                partial,
                blank_as_zero,
                summary: summary.as_deref(),
                jobs: jobs(workers),
            },
        ),
        Command::Check {
            files,
            previous,
            json,
        } => commands::check(ui, &files, previous.as_deref(), json),
        Command::Render {
            files,
            to,
            output,
            options,
            force,
            jobs: workers,
        } => {
            let registry = load_registry()?;
            let args = RenderArgs {
                files: &files,
                formats: &to,
                out_dir: &output,
                options: &options,
                force,
                jobs: jobs(workers),
            };
            commands::render(ui, &registry, args)
        }
        Command::Publish {
            files,
            recipients,
            output,
            force,
            jobs: workers,
        } => {
            let registry = load_registry()?;
            publish::publish(
                ui,
                &registry,
                &files,
                &recipients,
                &output,
                force,
                jobs(workers),
            )
        }
        Command::Formats { json } => commands::formats(ui, &load_registry()?, json),
        Command::Plugin {
            command:
                PluginCommand::New {
                    name,
                    output,
                    sdk_path,
                    sdk_git,
                    sdk_tag,
                },
        } => {
            let sdk = match (sdk_path, sdk_git) {
                (Some(path), _) => SdkChoice::Path(path),
                (None, Some(url)) => SdkChoice::Git { url, tag: sdk_tag },
                (None, None) => SdkChoice::ThisBuild,
            };
            commands::plugin_new(ui, &name, output.as_deref(), sdk)
        }
        Command::Completions { shell } => help::completions(ui, command, shell),
        Command::Man { command: name } => help::man(ui, command, name.as_deref()),
        Command::Help { command: names } => help::help(ui, command, &names),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_definition_is_consistent() {
        Cli::command().debug_assert();
        help::localize(Cli::command(), Lang::Zh).debug_assert();
        help::localize(Cli::command(), Lang::En).debug_assert();
    }

    #[test]
    fn lang_and_color_are_read_before_parsing() {
        assert_eq!(
            prescan(&os(&[
                "nianbao",
                "check",
                "--lang",
                "zh",
                "--color=never",
                "a.toml"
            ])),
            (Some(Lang::Zh), Some(ColorWhen::Never))
        );
        assert_eq!(
            prescan(&os(&[
                "nianbao",
                "--lang=en",
                "check",
                "--",
                "--lang",
                "zh"
            ])),
            (Some(Lang::En), None)
        );
        assert_eq!(prescan(&os(&["nianbao", "--language", "zh"])), (None, None));
    }

    #[test]
    fn plugin_timeouts_are_positive_seconds() {
        assert_eq!(parse_seconds("60"), Ok(Duration::from_secs(60)));
        assert_eq!(parse_seconds("0.5"), Ok(Duration::from_millis(500)));
        for bad in ["0", "-1", "NaN", "inf", "1e400", "soon", ""] {
            assert!(parse_seconds(bad).is_err(), "{bad}");
        }
        let cli = Cli::try_parse_from(["nianbao", "formats"]).expect("parses");
        assert_eq!(cli.plugin_timeout, Duration::from_secs(60));
        assert!(!cli.plugins_in_process);
    }

    #[test]
    fn plugin_new_takes_one_way_to_the_sdk() {
        let parse = |args: &[&str]| {
            Cli::try_parse_from([&["nianbao", "plugin", "new", "csv"][..], args].concat())
        };
        assert!(parse(&[]).is_ok());
        assert!(
            parse(&[
                "--sdk-git",
                "https://example.invalid/nianbao",
                "--sdk-tag",
                "v0.1.0"
            ])
            .is_ok()
        );
        assert!(
            parse(&[
                "--sdk-path",
                "sdk",
                "--sdk-git",
                "https://example.invalid/n"
            ])
            .is_err()
        );
        assert!(
            parse(&["--sdk-tag", "v0.1.0"]).is_err(),
            "a tag needs --sdk-git"
        );
        assert!(Cli::try_parse_from(["nianbao", "plugin"]).is_err());
    }
}
