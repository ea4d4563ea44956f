//! `nianbao`: check and render 政府信息公开工作年度报告 (国办公开办函〔2021〕30号).
//!
//! The binary only parses arguments, calls the library and maps outcomes to exit codes:
//! 0 success (warnings allowed), 1 a report has errors, 2 usage, input or environment error.

mod batch;
mod commands;
mod findings;
mod output;
mod publish;
mod registry;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Checks and renders 政府信息公开工作年度报告 in the national format of 国办公开办函〔2021〕30号.
#[derive(Debug, Parser)]
#[command(name = "nianbao", version, about, max_term_width = 100)]
struct Cli {
    /// A directory whose dynamic libraries are loaded as exporter plugins (repeatable; see
    /// also NIANBAO_PLUGIN_PATH).
    #[arg(long = "plugin-dir", value_name = "DIR", global = true)]
    plugin_dirs: Vec<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write a report-file template: every row present, zeros, each key labelled in Chinese.
    New {
        /// 发布机关, e.g. 威海市环翠区商务局.
        #[arg(long)]
        agency: String,
        /// 报告年度, e.g. 2024.
        #[arg(long)]
        year: u16,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Check reports against the format's consistency rules.
    Check {
        /// Report files (.toml or .json).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Last year's report of the same agency, for the cross-year rules (X-CARRY, X-STOCK).
        #[arg(long)]
        previous: Option<PathBuf>,
        /// Print the findings as one JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Render reports to one or more formats.
    Render {
        /// Report files (.toml or .json).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Comma-separated format ids, e.g. pdf,xlsx,html,txt (see `nianbao formats`).
        #[arg(long, value_delimiter = ',', required = true)]
        to: Vec<String>,
        /// Output directory.
        #[arg(short, long, default_value = ".")]
        output: PathBuf,
        /// An exporter option, FORMAT.KEY=VALUE, e.g. txt.width=72. Repeatable.
        #[arg(long = "option", value_name = "FMT.KEY=VALUE")]
        options: Vec<String>,
        /// Render even a report whose checks find errors.
        #[arg(long)]
        force: bool,
    },
    /// Render reports for several recipients, each with its own formats and options.
    Publish {
        /// Report files (.toml or .json).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The recipients file: [[recipient]] name, formats, options.
        #[arg(long)]
        recipients: PathBuf,
        /// Output directory; each recipient gets a folder in it, and manifest.json lists every file.
        #[arg(short, long, default_value = ".")]
        output: PathBuf,
        /// Render even a report whose checks find errors.
        #[arg(long)]
        force: bool,
    },
    /// List the available formats with their options.
    Formats {
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let plugin_dirs = cli.plugin_dirs;
    let load_registry = || registry::load(&plugin_dirs);
    let result = match cli.command {
        Command::New {
            agency,
            year,
            output,
            force,
        } => commands::new(&agency, year, output.as_deref(), force),
        Command::Check {
            files,
            previous,
            json,
        } => commands::check(&files, previous.as_deref(), json),
        Command::Render {
            files,
            to,
            output,
            options,
            force,
        } => load_registry().and_then(|registry| {
            commands::render(&registry, &files, &to, &output, &options, force)
        }),
        Command::Publish {
            files,
            recipients,
            output,
            force,
        } => load_registry()
            .and_then(|registry| publish::publish(&registry, &files, &recipients, &output, force)),
        Command::Formats { json } => {
            load_registry().and_then(|registry| commands::formats(&registry, json))
        }
    };
    match result {
        Ok(outcome) => outcome.into(),
        Err(error) => {
            eprintln!("nianbao: error: {error:#}");
            Outcome::InputErrors.into()
        }
    }
}
