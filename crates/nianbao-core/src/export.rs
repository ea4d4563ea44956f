//! The exporter interface and the registry of exporters.
//!
//! An exporter turns a lowered [`Document`] (and, if it wants the raw numbers, the
//! [`Report`]) into the bytes of one file format. Built-in exporters register themselves with
//! [`inventory`] through [`BuiltinExporter`]; [`Registry::builtin`] collects them, sorted by id.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::model::Report;

/// What an exporter is given.
#[derive(Debug, Clone, Copy)]
pub struct ExportInput<'a> {
    /// The report as read and checked.
    pub report: &'a Report,
    /// The report lowered for presentation.
    pub document: &'a Document,
}

/// A file format the tool can write.
pub trait Exporter: Send + Sync {
    /// Short id used in `--to` and recipients files, e.g. `txt`.
    fn id(&self) -> &str;
    /// File extension without the dot.
    fn extension(&self) -> &str;
    /// Media type, e.g. `text/plain; charset=utf-8`.
    fn media_type(&self) -> &str;
    /// One line saying what the format is for.
    fn description(&self) -> &str;
    /// The exporter's version.
    fn version(&self) -> &str;
    /// The options it takes, with defaults.
    fn options(&self) -> Vec<OptionSpec>;
    /// Writes the report; `options` holds a value for every key of [`Exporter::options`].
    fn export(
        &self,
        input: ExportInput<'_>,
        options: &OptionValues,
    ) -> Result<Vec<u8>, ExportError>;

    /// Writes the report to `writer`.
    fn export_to(
        &self,
        input: ExportInput<'_>,
        options: &OptionValues,
        writer: &mut dyn std::io::Write,
    ) -> Result<(), ExportError> {
        let bytes = self.export(input, options)?;
        writer.write_all(&bytes).map_err(|error| {
            ExportError::new(format!("cannot write the {} output: {error}", self.id()))
        })
    }
}

/// An exporter's failure.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct ExportError {
    /// What went wrong, in words for the user.
    pub message: String,
}

impl ExportError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> ExportError {
        ExportError {
            message: message.into(),
        }
    }
}

/// An option an exporter takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptionSpec {
    /// The key, as in `--option txt.width=80`.
    pub key: String,
    /// The default value.
    pub default: OptionValue,
    /// What it does.
    pub description: String,
}

impl OptionSpec {
    /// An option with this key, default and description.
    pub fn new(key: &str, default: OptionValue, description: &str) -> OptionSpec {
        OptionSpec {
            key: key.to_owned(),
            default,
            description: description.to_owned(),
        }
    }
}

/// A value of an option; its kind is the kind of the option's default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OptionValue {
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Integer(i64),
    /// Text, e.g. a path.
    Text(String),
}

impl OptionValue {
    fn kind(&self) -> &'static str {
        match self {
            OptionValue::Bool(_) => "true or false",
            OptionValue::Integer(_) => "a whole number",
            OptionValue::Text(_) => "text",
        }
    }

    /// Parses command-line text as a value of the same kind as `self`.
    fn parse_like(&self, text: &str) -> Option<OptionValue> {
        match self {
            OptionValue::Bool(_) => match text {
                "true" | "yes" | "1" => Some(OptionValue::Bool(true)),
                "false" | "no" | "0" => Some(OptionValue::Bool(false)),
                _ => None,
            },
            OptionValue::Integer(_) => text.parse().ok().map(OptionValue::Integer),
            OptionValue::Text(_) => Some(OptionValue::Text(text.to_owned())),
        }
    }

    fn same_kind(&self, other: &OptionValue) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

impl fmt::Display for OptionValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptionValue::Bool(b) => write!(f, "{b}"),
            OptionValue::Integer(i) => write!(f, "{i}"),
            OptionValue::Text(t) => write!(f, "{t}"),
        }
    }
}

/// Option values given to an exporter: one per option it declares, defaults filled in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OptionValues(pub BTreeMap<String, OptionValue>);

impl OptionValues {
    /// A boolean option, if set and boolean.
    pub fn bool(&self, key: &str) -> Option<bool> {
        match self.0.get(key)? {
            OptionValue::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// An integer option, if set and an integer.
    pub fn integer(&self, key: &str) -> Option<i64> {
        match self.0.get(key)? {
            OptionValue::Integer(i) => Some(*i),
            _ => None,
        }
    }

    /// A text option, if set and text.
    pub fn text(&self, key: &str) -> Option<&str> {
        match self.0.get(key)? {
            OptionValue::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// A built-in exporter, registered with `inventory::submit!` in its own crate.
pub struct BuiltinExporter(pub &'static dyn Exporter);

inventory::collect!(BuiltinExporter);

/// Where an exporter comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the tool.
    BuiltIn,
    /// Loaded from this dynamic library.
    Plugin(PathBuf),
}

impl Origin {
    /// `the built-in exporter` or the plugin file, for messages.
    pub fn describe(&self) -> String {
        match self {
            Origin::BuiltIn => "the built-in exporter".to_owned(),
            Origin::Plugin(path) => path.display().to_string(),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::BuiltIn => f.write_str("built-in"),
            Origin::Plugin(path) => write!(f, "{}", path.display()),
        }
    }
}

/// An exporter with its origin.
pub struct Registered {
    /// The exporter.
    pub exporter: &'static dyn Exporter,
    /// Where it comes from.
    pub origin: Origin,
}

/// The exporters available now, sorted by id.
#[derive(Default)]
pub struct Registry {
    entries: Vec<Registered>,
}

/// A format id or option that the registry cannot resolve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryError {
    /// No exporter has this id.
    #[error("unknown format `{id}`; available formats: {}", .available.join(", "))]
    UnknownFormat {
        /// The id asked for.
        id: String,
        /// The ids there are.
        available: Vec<String>,
    },
    /// The exporter has no option with this key.
    #[error("unknown option `{format}.{key}`; {format} takes: {}", if .available.is_empty() { "no options".to_owned() } else { .available.join(", ") })]
    UnknownOption {
        /// The format id.
        format: String,
        /// The key asked for.
        key: String,
        /// The keys it has.
        available: Vec<String>,
    },
    /// The value does not fit the option.
    #[error("option `{format}.{key}` takes {expected}, found `{value}`")]
    BadOptionValue {
        /// The format id.
        format: String,
        /// The option key.
        key: String,
        /// The value given.
        value: String,
        /// What the option takes.
        expected: String,
    },
    /// Two exporters have the same id.
    #[error("format id `{id}` is claimed twice: by {first} and by {second}")]
    DuplicateId {
        /// The id.
        id: String,
        /// Where the one already registered comes from.
        first: String,
        /// Where the new one comes from.
        second: String,
    },
}

impl Registry {
    /// The built-in exporters linked into this program.
    ///
    /// Only crates the program names are linked; `nianbao::registry()` names them all.
    pub fn builtin() -> Result<Registry, RegistryError> {
        let mut registry = Registry::default();
        for builtin in inventory::iter::<BuiltinExporter> {
            registry.add(builtin.0, Origin::BuiltIn)?;
        }
        Ok(registry)
    }

    /// Adds an exporter; an id that is already taken is refused.
    pub fn add(
        &mut self,
        exporter: &'static dyn Exporter,
        origin: Origin,
    ) -> Result<(), RegistryError> {
        if let Some(existing) = self
            .entries
            .iter()
            .find(|e| e.exporter.id() == exporter.id())
        {
            return Err(RegistryError::DuplicateId {
                id: exporter.id().to_owned(),
                first: existing.origin.describe(),
                second: origin.describe(),
            });
        }
        let at = self
            .entries
            .partition_point(|e| e.exporter.id() < exporter.id());
        self.entries.insert(at, Registered { exporter, origin });
        Ok(())
    }

    /// Every exporter, sorted by id.
    pub fn iter(&self) -> impl Iterator<Item = &Registered> {
        self.entries.iter()
    }

    /// The exporter with this id.
    pub fn get(&self, id: &str) -> Result<&Registered, RegistryError> {
        self.entries
            .iter()
            .find(|e| e.exporter.id() == id)
            .ok_or_else(|| RegistryError::UnknownFormat {
                id: id.to_owned(),
                available: self
                    .entries
                    .iter()
                    .map(|e| e.exporter.id().to_owned())
                    .collect(),
            })
    }

    /// The option values for format `id`: its defaults, overridden by `given` (key, value),
    /// where a value is command-line text or a typed value from a recipients file.
    pub fn options<'v>(
        &self,
        id: &str,
        given: impl IntoIterator<Item = (&'v str, GivenValue<'v>)>,
    ) -> Result<OptionValues, RegistryError> {
        resolve_options(id, &self.get(id)?.exporter.options(), given)
    }
}

/// The option values of format `id` whose options are `specs`: the defaults, overridden by
/// `given`. Unknown keys and values of the wrong kind are errors that say what is allowed.
pub fn resolve_options<'v>(
    id: &str,
    specs: &[OptionSpec],
    given: impl IntoIterator<Item = (&'v str, GivenValue<'v>)>,
) -> Result<OptionValues, RegistryError> {
    let mut values: BTreeMap<String, OptionValue> = specs
        .iter()
        .map(|spec| (spec.key.clone(), spec.default.clone()))
        .collect();
    for (key, given) in given {
        let Some(spec) = specs.iter().find(|spec| spec.key == key) else {
            return Err(RegistryError::UnknownOption {
                format: id.to_owned(),
                key: key.to_owned(),
                available: specs
                    .iter()
                    .map(|spec| format!("{} (default {})", spec.key, spec.default))
                    .collect(),
            });
        };
        let value = match given {
            GivenValue::Text(text) => spec.default.parse_like(text),
            GivenValue::Typed(value) => spec.default.same_kind(value).then(|| value.clone()),
        };
        let value = value.ok_or_else(|| RegistryError::BadOptionValue {
            format: id.to_owned(),
            key: key.to_owned(),
            value: match given {
                GivenValue::Text(text) => text.to_owned(),
                GivenValue::Typed(value) => value.to_string(),
            },
            expected: spec.default.kind().to_owned(),
        })?;
        values.insert(key.to_owned(), value);
    }
    Ok(OptionValues(values))
}

/// An option value as given by a user.
#[derive(Debug, Clone, Copy)]
pub enum GivenValue<'v> {
    /// Text from the command line, parsed according to the option's kind.
    Text(&'v str),
    /// A typed value, e.g. from a recipients file.
    Typed(&'v OptionValue),
}
