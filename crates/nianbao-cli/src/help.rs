//! The command line described in the user's language: `--help`, clap's usage errors, shell
//! completions and the man page, all from the one clap definition with the catalogue's texts.

use std::fmt::Write as _;

use clap::error::{ContextKind, ErrorKind};
use clap::{Command, Error};
use nianbao::i18n::{Arg, Lang};

use crate::Outcome;
use crate::ui::{Ui, messages};

/// The clap command with every about and help text from the catalogue in `lang`: the about of
/// command `c` is `about-<c>` (`about-nianbao` for the program), the help of its argument `a`
/// is `arg-<c>-<a>`; a command inside another is named by both (`plugin new` is
/// `plugin-new`). In Chinese clap's own headings (Usage, Arguments, Options, Commands) are
/// replaced too, and defaults and possible values are left to the help texts, which say them.
pub fn localize(command: Command, lang: Lang) -> Command {
    localize_command(command, "nianbao", lang)
}

fn localize_command(mut command: Command, path: &str, lang: Lang) -> Command {
    let t = |id: &str| messages().text(lang, id, &[]);
    let is_zh = lang == Lang::Zh;
    command = command.about(t(&format!("about-{path}")));
    if is_zh {
        command = command
            .help_template(format!(
                "{{before-help}}{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
                t("help-usage")
            ))
            .subcommand_help_heading(t("heading-commands"));
    }
    let ids: Vec<String> = (command.get_arguments())
        .map(|arg| arg.get_id().to_string())
        .collect();
    for id in ids {
        let help = t(&format!("arg-{path}-{}", id.replace('_', "-")));
        command = command.mut_arg(&id, |arg| {
            // The program's own options are global: under their own heading everywhere.
            let heading = if path == "nianbao" {
                Some(t("heading-global"))
            } else if !is_zh {
                None
            } else if arg.is_positional() {
                Some(t("heading-arguments"))
            } else {
                Some(t("heading-options"))
            };
            let arg = match heading {
                Some(heading) => arg.help_heading(heading),
                None => arg,
            };
            let arg = arg.help(help);
            if arg.get_action().takes_values() {
                // The help texts name the values an argument takes; in Chinese they also say
                // the default, which clap would print in English.
                arg.hide_possible_values(true).hide_default_value(is_zh)
            } else {
                arg
            }
        });
    }
    let names: Vec<String> = (command.get_subcommands())
        .map(|sub| sub.get_name().to_owned())
        .collect();
    for name in names {
        let sub_path = command_path(path, &name);
        command = command.mut_subcommand(&name, |sub| localize_command(sub, &sub_path, lang));
    }
    command
}

/// The name of subcommand `name` of the command named `path` in the catalogue's ids.
fn command_path(path: &str, name: &str) -> String {
    if path == "nianbao" {
        name.to_owned()
    } else {
        format!("{path}-{name}")
    }
}

/// Prints what clap has to say — the help, the version, or a usage error in the user's
/// language — and returns its exit code (0 for help and version, 2 for errors).
pub fn exit_on(error: &Error, ui: &Ui) -> std::process::ExitCode {
    let code = error.exit_code();
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            ui.out_raw(&error.render().ansi().to_string());
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            ui.err(error.render().ansi().to_string().trim_end());
        }
        _ if ui.lang == Lang::En => ui.err(error.render().ansi().to_string().trim_end()),
        _ => ui.err(&usage_error(error, ui)),
    }
    std::process::ExitCode::from(u8::try_from(code).unwrap_or(2))
}

/// A usage error in the user's language, laid out as clap lays it out: the error, a tip, the
/// usage, where to read more.
fn usage_error(error: &Error, ui: &Ui) -> String {
    let context = |kind: ContextKind| error.get(kind).map(|value| value.to_string());
    let value = |kind: ContextKind| Arg::from(context(kind).unwrap_or_default());
    let message = match error.kind() {
        ErrorKind::InvalidValue if context(ContextKind::InvalidValue).as_deref() == Some("") => ui
            .t(
                "usage-empty-value",
                &[("arg", value(ContextKind::InvalidArg))],
            ),
        ErrorKind::InvalidValue => ui.t(
            "usage-invalid-value",
            &[
                ("arg", value(ContextKind::InvalidArg)),
                ("value", value(ContextKind::InvalidValue)),
                ("valid", value(ContextKind::ValidValue)),
            ],
        ),
        ErrorKind::UnknownArgument => ui.t(
            "usage-unknown-argument",
            &[("arg", value(ContextKind::InvalidArg))],
        ),
        ErrorKind::InvalidSubcommand => ui.t(
            "usage-unknown-command",
            &[("command", value(ContextKind::InvalidSubcommand))],
        ),
        ErrorKind::MissingRequiredArgument => ui.t(
            "usage-missing-argument",
            &[("args", value(ContextKind::InvalidArg))],
        ),
        ErrorKind::MissingSubcommand => ui.t("usage-missing-command", &[]),
        ErrorKind::ValueValidation => ui.t(
            "usage-bad-value",
            &[
                ("arg", value(ContextKind::InvalidArg)),
                ("value", value(ContextKind::InvalidValue)),
                (
                    "reason",
                    std::error::Error::source(error)
                        .map(ToString::to_string)
                        .unwrap_or_default()
                        .into(),
                ),
            ],
        ),
        ErrorKind::ArgumentConflict => ui.t(
            "usage-conflict",
            &[
                ("arg", value(ContextKind::InvalidArg)),
                ("other", value(ContextKind::PriorArg)),
            ],
        ),
        _ => {
            // Rare kinds (wrong number of values, bad UTF-8): clap's own words.
            let rendered = error.render().to_string();
            let first = rendered.lines().next().unwrap_or_default();
            let detail = first.strip_prefix("error: ").unwrap_or(first).to_owned();
            ui.t("usage-other", &[("detail", detail.into())])
        }
    };
    let word = ui.t("error-word", &[]);
    let mut text = ui.t(
        "error-line",
        &[("error", word.into()), ("message", message.into())],
    );
    let suggestion = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(context);
    if let Some(suggestion) = suggestion {
        let tip = ui.t("usage-tip", &[("suggestion", suggestion.into())]);
        let _ = write!(text, "\n\n  {tip}");
    }
    if let Some(usage) = context(ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        let _ = write!(text, "\n\n{}{usage}", ui.t("help-usage", &[]));
    }
    let _ = write!(text, "\n\n{}", ui.t("usage-more", &[]));
    text
}

/// `nianbao help [COMMAND]…`: the long help of the program or of a command.
pub fn help(ui: &Ui, mut command: Command, names: &[String]) -> anyhow::Result<Outcome> {
    command.build();
    let mut target = &mut command;
    for name in names {
        target = match target.find_subcommand_mut(name) {
            Some(sub) => sub,
            None => anyhow::bail!(ui.t("unknown-command", &[("command", name.as_str().into())])),
        };
    }
    ui.out_raw(&target.render_long_help().ansi().to_string());
    Ok(Outcome::Success)
}

/// `nianbao completions SHELL`: the completion script, with the descriptions in the user's
/// language.
pub fn completions(
    ui: &Ui,
    mut command: Command,
    shell: clap_complete::Shell,
) -> anyhow::Result<Outcome> {
    // Generated into memory: clap_complete panics when its writer fails, and standard output
    // may be a closed pipe.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "nianbao", &mut script);
    ui.out_raw(&String::from_utf8_lossy(&script));
    Ok(Outcome::Success)
}

/// `nianbao man [COMMAND]`: the man page of the program or of one command, in roff, in the
/// user's language (section names included), with exit status and environment on the
/// program's page.
pub fn man(ui: &Ui, mut command: Command, name: Option<&str>) -> anyhow::Result<Outcome> {
    command.build();
    let version = command.get_version().unwrap_or_default().to_owned();
    let (page, title) = match name {
        None => (command.clone(), "nianbao".to_owned()),
        Some(name) => match command.find_subcommand(name) {
            Some(sub) => (sub.clone(), format!("nianbao-{name}")),
            None => anyhow::bail!(ui.t("unknown-command", &[("command", name.into())])),
        },
    };
    let man = clap_mangen::Man::new(page)
        .title(title.to_uppercase())
        .section("1")
        .source(format!("nianbao {version}"))
        .manual(ui.t("man-manual", &[]));
    let mut roff = Vec::new();
    man.render(&mut roff)?;
    let roff = String::from_utf8_lossy(&roff);
    let mut text = String::with_capacity(roff.len() + 2048);
    for line in roff.lines() {
        // clap_mangen names its sections in English; the rest of the page is in the user's
        // language, and so are these.
        let section = match line {
            ".SH NAME" => Some("man-name"),
            ".SH SYNOPSIS" => Some("man-synopsis"),
            ".SH DESCRIPTION" => Some("man-description"),
            ".SH VERSION" => Some("man-version"),
            ".SH OPTIONS" => Some("man-options"),
            ".SH SUBCOMMANDS" => Some("man-commands"),
            _ => None,
        };
        match section {
            Some(id) => {
                let _ = writeln!(text, ".SH \"{}\"", roff_text(&ui.t(id, &[])));
            }
            None => {
                text.push_str(line);
                text.push('\n');
                if line.starts_with(".TH ") {
                    // No hyphenation: it would cut NIANBAO_PLUGIN_PATH and option names.
                    text.push_str(".nh\n");
                }
            }
        }
    }
    if name.is_none() {
        text.push_str(&man_sections(ui));
    }
    ui.out_raw(&text);
    Ok(Outcome::Success)
}

/// Exit status, environment and the user guide, for the program's page.
fn man_sections(ui: &Ui) -> String {
    let mut roff = String::new();
    let mut section = |heading: &str, items: &[(&str, &str)]| {
        let _ = writeln!(roff, ".SH \"{}\"", roff_text(&ui.t(heading, &[])));
        for (term, id) in items {
            let _ = writeln!(
                roff,
                ".TP\n\\fB{}\\fR\n{}",
                roff_text(term),
                roff_text(&ui.t(id, &[]))
            );
        }
    };
    section(
        "man-exit-status",
        &[
            ("0", "man-exit-0"),
            ("1", "man-exit-1"),
            ("2", "man-exit-2"),
        ],
    );
    section(
        "man-environment",
        &[
            ("LANG, LC_ALL, LC_MESSAGES", "man-env-lang"),
            ("NO_COLOR", "man-env-no-color"),
            ("NIANBAO_PLUGIN_PATH", "man-env-plugin-path"),
            ("RAYON_NUM_THREADS", "man-env-rayon"),
        ],
    );
    let _ = writeln!(
        roff,
        ".SH \"{}\"\n{}",
        roff_text(&ui.t("man-see-also", &[])),
        roff_text(&ui.t("man-guide", &[]))
    );
    roff
}

/// Text for a roff line or a quoted macro argument: backslashes, hyphens and double quotes
/// escaped, no control character at the start.
fn roff_text(text: &str) -> String {
    let escaped = (text.replace('\\', "\\e").replace('-', "\\-")).replace('"', "\\(dq");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Cli;
    use clap::CommandFactory;

    /// Every command and argument has its texts in the catalogue.
    #[test]
    fn every_command_and_argument_has_its_help_in_both_languages() {
        fn walk(command: &Command, path: &str, ids: &mut Vec<String>) {
            ids.push(format!("about-{path}"));
            for arg in command.get_arguments() {
                ids.push(format!(
                    "arg-{path}-{}",
                    arg.get_id().as_str().replace('_', "-")
                ));
            }
            for sub in command.get_subcommands() {
                walk(sub, &command_path(path, sub.get_name()), ids);
            }
        }
        let mut ids = Vec::new();
        walk(&Cli::command(), "nianbao", &mut ids);
        let (en, zh) = messages().ids();
        let missing: Vec<&String> = (ids.iter())
            .filter(|id| !en.contains(id) || !zh.contains(id))
            .collect();
        assert!(missing.is_empty(), "no help text for {missing:?}");
    }

    #[test]
    fn roff_text_is_escaped() {
        assert_eq!(roff_text(".x -q \\"), "\\&.x \\-q \\e");
    }
}
