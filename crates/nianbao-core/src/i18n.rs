//! Messages in Chinese and English, from Fluent catalogues.
//!
//! Every message a user reads — read errors, findings, notes, and the command line's own —
//! comes from a catalogue with one file per language (`i18n/zh-CN.ftl`, `i18n/en.ftl` beside
//! the crate that shows it). Keys, rule ids and `file:line:col` stay as they are in both
//! languages. A message missing in one language falls back to English, and a test of each
//! crate fails when the two files do not have the same ids.
//!
//! ```
//! use nianbao_core::i18n::{Catalogue, Lang};
//!
//! let catalogue = Catalogue::new(
//!     "greeting = Hello, { $name }!\n",
//!     "greeting = 你好，{ $name }！\n",
//! )
//! .unwrap();
//! assert_eq!(catalogue.text(Lang::Zh, "greeting", &[("name", "世界".into())]), "你好，世界！");
//! assert_eq!(catalogue.text(Lang::En, "greeting", &[("name", "world".into())]), "Hello, world!");
//! ```

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The language messages are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// 简体中文.
    Zh,
    /// English.
    #[default]
    En,
}

impl Lang {
    /// The language of the environment: the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that
    /// is set and not empty; Chinese when it starts with `zh`, English otherwise.
    pub fn from_env() -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty());
        match locale {
            Some(locale) if locale.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// `zh` or `en` (also `zh-CN`, `zh_CN.UTF-8`, `en-US` …).
    pub fn parse(text: &str) -> Option<Lang> {
        let text = text.to_ascii_lowercase();
        if text.starts_with("zh") {
            Some(Lang::Zh)
        } else if text.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// A value for a placeable of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text, shown as it is.
    Text(String),
    /// A number, shown with the language's plural rules available to the message.
    Number(i64),
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_owned())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<i64> for Arg {
    fn from(number: i64) -> Arg {
        Arg::Number(number)
    }
}

impl From<usize> for Arg {
    fn from(number: usize) -> Arg {
        Arg::Number(i64::try_from(number).unwrap_or(i64::MAX))
    }
}

impl From<u64> for Arg {
    fn from(number: u64) -> Arg {
        Arg::Number(i64::try_from(number).unwrap_or(i64::MAX))
    }
}

/// A catalogue file that Fluent cannot read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the {lang} message catalogue is not valid Fluent: {problem}")]
pub struct CatalogueError {
    /// `en` or `zh-CN`.
    pub lang: &'static str,
    /// What is wrong.
    pub problem: String,
}

/// The messages of one program part in both languages.
pub struct Catalogue {
    en: FluentBundle<FluentResource>,
    zh: FluentBundle<FluentResource>,
    ids: (Vec<String>, Vec<String>),
}

impl Catalogue {
    /// A catalogue from the English and the Chinese Fluent sources.
    pub fn new(en: &str, zh: &str) -> Result<Catalogue, CatalogueError> {
        let (en, en_ids) = bundle("en", en)?;
        let (zh, zh_ids) = bundle("zh-CN", zh)?;
        Ok(Catalogue {
            en,
            zh,
            ids: (en_ids, zh_ids),
        })
    }

    /// The message `id` in `lang` with `args`; in English when `lang` lacks it, and the id
    /// itself when neither has it (a test of each crate rules that out).
    pub fn text(&self, lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Text(text) => FluentValue::from(text.as_str()),
                // Fluent keeps numbers as f64: past 2^53 they would print rounded.
                Arg::Number(number) if number.unsigned_abs() < 1 << 53 => {
                    FluentValue::from(*number)
                }
                Arg::Number(number) => FluentValue::from(number.to_string()),
            };
            fluent_args.set(*name, value);
        }
        let bundles = match lang {
            Lang::Zh => [&self.zh, &self.en],
            Lang::En => [&self.en, &self.zh],
        };
        for bundle in bundles {
            let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            return text.into_owned();
        }
        id.to_owned()
    }

    /// The message ids of the English file and of the Chinese file, for completeness tests.
    pub fn ids(&self) -> (&[String], &[String]) {
        (&self.ids.0, &self.ids.1)
    }

    /// The ids one language has and the other lacks: (missing in Chinese, missing in English).
    pub fn differences(&self) -> (Vec<String>, Vec<String>) {
        let (en, zh) = self.ids();
        let missing = |from: &[String], in_: &[String]| {
            (from.iter())
                .filter(|id| !in_.contains(id))
                .cloned()
                .collect()
        };
        (missing(en, zh), missing(zh, en))
    }
}

fn bundle(
    lang: &'static str,
    source: &str,
) -> Result<(FluentBundle<FluentResource>, Vec<String>), CatalogueError> {
    let fail = |problem: String| CatalogueError { lang, problem };
    let resource = FluentResource::try_new(source.to_owned())
        .map_err(|(_, errors)| fail(format!("{errors:?}")))?;
    let ids = (resource.entries())
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_owned()),
            _ => None,
        })
        .collect();
    let locale = lang.parse().map_err(|error| fail(format!("{error:?}")))?;
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    // No invisible isolation marks around placeables: the text goes to terminals and files.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .map_err(|errors| fail(format!("{errors:?}")))?;
    Ok((bundle, ids))
}

static CORE: LazyLock<Catalogue> = LazyLock::new(|| {
    // The files are part of the crate and a unit test reads them, so they cannot be invalid.
    Catalogue::new(
        include_str!("../i18n/en.ftl"),
        include_str!("../i18n/zh-CN.ftl"),
    )
    .unwrap_or_else(|error| panic!("{error}"))
});

/// The core's catalogue: read errors, findings and notes.
pub fn messages() -> &'static Catalogue {
    &CORE
}

#[cfg(test)]
mod tests {
    use super::{Lang, messages};

    #[test]
    fn both_languages_have_every_message() {
        let (missing_zh, missing_en) = messages().differences();
        assert!(
            missing_zh.is_empty(),
            "missing in zh-CN.ftl: {missing_zh:?}"
        );
        assert!(missing_en.is_empty(), "missing in en.ftl: {missing_en:?}");
        assert!(messages().ids().0.len() > 20);
    }

    #[test]
    fn large_numbers_print_whole() {
        let catalogue = super::Catalogue::new("n = { $n }\n", "n = { $n }\n").expect("valid");
        let text = catalogue.text(Lang::En, "n", &[("n", i64::MAX.into())]);
        assert_eq!(text, "9223372036854775807");
        assert_eq!(catalogue.text(Lang::Zh, "n", &[("n", 42i64.into())]), "42");
    }

    #[test]
    fn the_locale_picks_the_language() {
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::parse("zh-TW"), Some(Lang::Zh));
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
