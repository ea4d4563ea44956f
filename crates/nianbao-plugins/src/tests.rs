use std::path::{Path, PathBuf};

use nianbao_core::{
    DOCUMENT_SCHEMA_VERSION, ExportError, ExportInput, Exporter, INTERCHANGE_SCHEMA_VERSION,
    OptionSpec, OptionValues, Origin, Registry,
};
use nianbao_plugin_sdk::abi::{PluginInfo, STATUS_ERROR, STATUS_OK, STATUS_PANIC};

use super::*;

/// An exporter that only has an id and an extension.
struct Named(&'static str, &'static str);

impl Exporter for Named {
    fn id(&self) -> &str {
        self.0
    }
    fn extension(&self) -> &str {
        self.1
    }
    fn media_type(&self) -> &str {
        "text/plain"
    }
    fn description(&self) -> &str {
        ""
    }
    fn version(&self) -> &str {
        "1"
    }
    fn options(&self) -> Vec<OptionSpec> {
        Vec::new()
    }
    fn export(&self, _: ExportInput<'_>, _: &OptionValues) -> Result<Vec<u8>, ExportError> {
        Ok(Vec::new())
    }
}

fn registry(entries: &[(&'static str, &'static str, Origin)]) -> Registry {
    let mut registry = Registry::default();
    for (id, extension, origin) in entries {
        let exporter: &'static Named = Box::leak(Box::new(Named(id, extension)));
        registry
            .add(exporter, origin.clone())
            .expect("distinct ids");
    }
    registry
}

fn info(id: &str, extension: &str) -> PluginInfo {
    PluginInfo {
        id: id.to_owned(),
        extension: extension.to_owned(),
        media_type: "text/plain; charset=utf-8".to_owned(),
        description: "d".to_owned(),
        version: "1.0.0".to_owned(),
        options: Vec::new(),
        sdk_version: "0.1.0".to_owned(),
        document_schema: DOCUMENT_SCHEMA_VERSION,
        interchange_schema: INTERCHANGE_SCHEMA_VERSION,
    }
}

fn check(info: &PluginInfo) -> Result<PluginInfo, PluginError> {
    let json = serde_json::to_vec(info).expect("JSON");
    check_description(Path::new("/p/libx.so"), STATUS_OK, &json)
}

fn problem(error: PluginError) -> (String, Option<String>) {
    let id = error.format_id().map(str::to_owned);
    match error {
        PluginError::BadDescription { problem, .. } => (problem, id),
        other => panic!("not a bad description: {other}"),
    }
}

#[test]
fn extensions_are_one_to_sixteen_lowercase_letters_and_digits() {
    for good in ["md", "txt", "x", "mp4", "0123456789abcdef"] {
        assert!(check(&info("f", good)).is_ok(), "{good}");
    }
    for bad in [
        "",
        "md/x",
        "MD",
        ".md",
        "tar.gz",
        "a b",
        "0123456789abcdefg",
        "é",
        "../x",
    ] {
        let (message, id) = problem(check(&info("f", bad)).expect_err(bad));
        assert!(
            message.starts_with("its extension \"")
                && message.ends_with("is not 1 to 16 of a-z and 0-9"),
            "{message}"
        );
        assert_eq!(id.as_deref(), Some("f"), "the id is known for the listing");
    }
}

#[test]
fn ids_fit_in_commands() {
    for good in ["md", "my-format", "Markdown_2", "中文"] {
        assert!(check(&info(good, "md")).is_ok(), "{good}");
    }
    for bad in [
        "",
        "a,b",
        "a.b",
        "a=b",
        "a/b",
        "a b",
        "a\u{1b}b",
        &"x".repeat(65),
    ] {
        let (message, _) = problem(check(&info(bad, "md")).expect_err(bad));
        assert!(message.starts_with("its id "), "{message}");
    }
}

#[test]
fn a_long_value_is_cut_in_the_message_and_control_characters_escaped() {
    let (message, _) = problem(check(&info("f", &"y".repeat(10_000_000))).expect_err("long"));
    assert!(message.len() < 200, "{}", message.len());
    assert!(message.contains("…\" (10000000 bytes)"), "{message}");
    let (message, _) = problem(check(&info("f", "\u{1b}[2J")).expect_err("escape"));
    assert!(message.contains("\"\\u{1b}[2J\""), "{message}");
}

#[test]
fn descriptions_of_other_schemas_and_failed_descriptions_are_refused() {
    let mut old = info("f", "md");
    old.interchange_schema = 0;
    let (message, _) = problem(check(&old).expect_err("interchange 0"));
    assert!(
        message.starts_with("built for interchange schema 0 (SDK 0.1.0)"),
        "{message}"
    );
    let file = Path::new("/p/libx.so");
    let error = check_description(file, STATUS_PANIC, b"boom").expect_err("panic");
    assert_eq!(
        error.to_string(),
        "plugin /p/libx.so: panicked while describing itself: boom"
    );
    let error = check_description(file, STATUS_ERROR, b"no").expect_err("error");
    assert_eq!(
        error.to_string(),
        "plugin /p/libx.so: describing itself failed: no"
    );
    assert_eq!(error.format_id(), None);
}

#[test]
fn formats_that_share_an_extension_clash_naming_both_origins() {
    let plugin = PathBuf::from("/p/libfaulty.so");
    let registry = registry(&[
        ("txt", "txt", Origin::BuiltIn),
        ("html", "html", Origin::BuiltIn),
        ("faulty", "txt", Origin::Plugin(plugin.clone())),
    ]);
    assert_eq!(extension_clashes(&registry, ["txt", "html"]), vec![]);
    assert_eq!(extension_clashes(&registry, ["txt", "txt"]), vec![]);
    assert_eq!(extension_clashes(&registry, ["faulty", "nope"]), vec![]);
    let clashes = extension_clashes(&registry, ["html", "faulty", "txt"]);
    assert_eq!(
        clashes,
        vec![ExtensionClash {
            extension: "txt".to_owned(),
            formats: vec![
                ("faulty".to_owned(), Origin::Plugin(plugin)),
                ("txt".to_owned(), Origin::BuiltIn)
            ],
        }]
    );
    assert_eq!(
        clashes[0].to_string(),
        "formats `faulty` (/p/libfaulty.so) and `txt` (the built-in exporter) both write `.txt` files: render them into different folders"
    );
}

#[test]
fn the_unusable_behind_a_format_are_those_claiming_it_else_those_that_could_not_say() {
    let bad = |name: &str, id: Option<&str>| PluginError::BadDescription {
        file: PathBuf::from(name),
        problem: "p".to_owned(),
        id: id.map(str::to_owned),
    };
    let loaded = Loaded {
        plugins: Vec::new(),
        unusable: vec![
            bad("a.so", Some("md")),
            PluginError::NotALibrary {
                file: PathBuf::from("b.so"),
                reason: "r".to_owned(),
            },
            PluginError::Directory {
                dir: PathBuf::from("/nope"),
                reason: std::io::ErrorKind::NotFound.into(),
            },
            bad("c.so", Some("csv")),
        ],
    };
    let files = |id: &str| -> Vec<PathBuf> {
        (loaded.unusable_for(id).iter())
            .map(|e| e.file().to_owned())
            .collect()
    };
    assert_eq!(files("md"), [PathBuf::from("a.so")]);
    assert_eq!(files("xlsx"), [PathBuf::from("b.so")]);
}

#[test]
fn the_host_command_ends_with_the_host_argument_and_the_library() {
    let command = HostCommand::program("/bin/host")
        .arg("--quiet")
        .env("K", "V")
        .command(Path::new("/p/lib x.so"));
    assert_eq!(command.get_program(), "/bin/host");
    let args: Vec<_> = command.get_args().collect();
    assert_eq!(args, ["--quiet", HOST_ARGUMENT, "/p/lib x.so"]);
    assert_eq!(command.get_envs().count(), 1);
    let own = HostCommand::current_exe().command(Path::new("l.so"));
    assert_eq!(
        Path::new(own.get_program()),
        std::env::current_exe().expect("a path")
    );
}
