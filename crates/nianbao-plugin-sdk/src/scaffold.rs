//! Writes a new plugin crate, ready to build and test: what `nianbao plugin new NAME` does.
//!
//! ```no_run
//! use nianbao_plugin_sdk::scaffold::{SdkDependency, write_plugin_crate};
//!
//! let sdk = SdkDependency::Path("/src/nianbao/crates/nianbao-plugin-sdk".into());
//! let files = write_plugin_crate("nianbao-csv".as_ref(), "csv", &sdk)?;
//! for file in files {
//!     println!("wrote {}", file.display());
//! }
//! # Ok::<(), nianbao_plugin_sdk::scaffold::ScaffoldError>(())
//! ```
//!
//! The crate (`nianbao-ID`, a `cdylib` and an `rlib`) has an exporter of format `ID` that
//! writes the report as text with one option, `tables`, and two tests that run it on the
//! sample report through [`crate::testing::run_on_sample`]. It is a workspace of its own, so
//! it builds wherever it is written.

use std::path::{Path, PathBuf};

const CARGO_TOML: &str = include_str!("../template/Cargo.toml.in");
const LIB_RS: &str = include_str!("../template/lib.rs.in");
const GITIGNORE: &str = "/target\n";

/// How the new crate depends on this SDK, which is not on crates.io.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SdkDependency {
    /// The SDK's directory in a checkout of nianbao: `{ path = "…" }`.
    Path(PathBuf),
    /// The nianbao git repository: `{ git = "…", tag = "…" }`; cargo finds the SDK in it by
    /// its package name.
    Git {
        /// The repository's URL.
        url: String,
        /// The tag of the nianbao version that will load the plugin, e.g. `v0.1.0`; `None`
        /// for the default branch.
        tag: Option<String>,
    },
}

impl SdkDependency {
    /// This SDK's own directory, where the running nianbao was built from, if it is still
    /// there (a build from a checkout, or `cargo install --git`, which keeps its checkout).
    pub fn this_build() -> Option<SdkDependency> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        dir.join("Cargo.toml")
            .is_file()
            .then(|| SdkDependency::Path(dir.to_owned()))
    }

    /// The dependency as the value of a `Cargo.toml` key.
    pub fn to_toml(&self) -> String {
        match self {
            SdkDependency::Path(path) => {
                format!("{{ path = {} }}", toml_string(&path.to_string_lossy()))
            }
            SdkDependency::Git { url, tag: None } => format!("{{ git = {} }}", toml_string(url)),
            SdkDependency::Git {
                url,
                tag: Some(tag),
            } => format!(
                "{{ git = {}, tag = {} }}",
                toml_string(url),
                toml_string(tag)
            ),
        }
    }
}

/// Why the crate was not written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScaffoldError {
    /// The format id does not fit: it is also the extension and part of the crate's name.
    #[error(
        "the format id `{id}` is not 1 to 16 of a-z and 0-9 (it is also the file extension and part of the crate's name)"
    )]
    BadId {
        /// The id given.
        id: String,
    },
    /// The directory exists and is not empty.
    #[error("{} already exists and is not empty", .dir.display())]
    NotEmpty {
        /// The directory.
        dir: PathBuf,
    },
    /// A file or directory cannot be written.
    #[error("cannot write {}: {source}", .path.display())]
    Io {
        /// What was being written.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
}

/// Writes a plugin crate for format `id` into `dir` (created if missing; if it exists, it
/// must be empty) and returns the files written: `Cargo.toml`, `src/lib.rs`, `.gitignore`.
pub fn write_plugin_crate(
    dir: &Path,
    id: &str,
    sdk: &SdkDependency,
) -> Result<Vec<PathBuf>, ScaffoldError> {
    let fits = (1..=16).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if !fits {
        return Err(ScaffoldError::BadId { id: id.to_owned() });
    }
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| ScaffoldError::Io { path, source }
    };
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(io(dir))?;
        if entries.next().is_some() {
            return Err(ScaffoldError::NotEmpty {
                dir: dir.to_owned(),
            });
        }
    }
    let src = dir.join("src");
    std::fs::create_dir_all(&src).map_err(io(&src))?;
    let fill = |template: &str| {
        template
            .replace("{{ID}}", id)
            .replace("{{STRUCT}}", &struct_name(id))
            .replace("{{SDK}}", &sdk.to_toml())
    };
    let files = [
        (dir.join("Cargo.toml"), fill(CARGO_TOML)),
        (src.join("lib.rs"), fill(LIB_RS)),
        (dir.join(".gitignore"), GITIGNORE.to_owned()),
    ];
    let mut written = Vec::new();
    for (path, text) in files {
        std::fs::write(&path, text).map_err(io(&path))?;
        written.push(path);
    }
    Ok(written)
}

/// `csv` → `CsvExporter`; `3mf` → `X3mfExporter` (a name cannot start with a digit).
fn struct_name(id: &str) -> String {
    let mut chars = id.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase());
    match first {
        Some(c) if c.is_ascii_alphabetic() => format!("{c}{}Exporter", chars.as_str()),
        _ => format!("X{id}Exporter"),
    }
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_dependencies_are_written_as_cargo_reads_them() {
        assert_eq!(struct_name("csv"), "CsvExporter");
        assert_eq!(struct_name("3mf"), "X3mfExporter");
        assert_eq!(
            SdkDependency::Path(r#"C:\src\nb "x""#.into()).to_toml(),
            r#"{ path = "C:\\src\\nb \"x\"" }"#
        );
        let git = SdkDependency::Git {
            url: "https://example.invalid/nianbao".to_owned(),
            tag: Some("v0.1.0".to_owned()),
        };
        assert_eq!(
            git.to_toml(),
            r#"{ git = "https://example.invalid/nianbao", tag = "v0.1.0" }"#
        );
    }

    #[test]
    fn ids_that_cannot_be_an_extension_and_full_directories_are_refused() {
        let sdk = SdkDependency::Path("sdk".into());
        let dir = std::env::temp_dir().join(format!("nianbao-scaffold-{}", std::process::id()));
        for id in ["", "CSV", "my-format", "a/b", "x".repeat(17).as_str()] {
            let error = write_plugin_crate(&dir, id, &sdk).expect_err(id);
            assert!(matches!(error, ScaffoldError::BadId { .. }), "{error}");
        }
        assert!(!dir.exists(), "nothing written");
        std::fs::create_dir_all(&dir).expect("a directory");
        std::fs::write(dir.join("notes.txt"), "mine").expect("write");
        let error = write_plugin_crate(&dir, "csv", &sdk).expect_err("not empty");
        assert!(matches!(error, ScaffoldError::NotEmpty { .. }), "{error}");
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn the_template_is_filled_everywhere() {
        let dir =
            std::env::temp_dir().join(format!("nianbao-scaffold-fill-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let files =
            write_plugin_crate(&dir, "csv", &SdkDependency::Path("/sdk".into())).expect("written");
        assert_eq!(files.len(), 3);
        for file in &files {
            let text = std::fs::read_to_string(file).expect("read");
            assert!(!text.contains("{{"), "{}: {text}", file.display());
        }
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("read");
        assert!(manifest.contains("name = \"nianbao-csv\""));
        assert!(manifest.contains("nianbao-plugin-sdk = { path = \"/sdk\" }"));
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
