//! Writing output files whole or not at all.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use nianbao::i18n::Lang;

use crate::ui::messages;

/// A file that could not be written, and why.
#[derive(Debug)]
pub struct WriteError {
    /// The file.
    pub path: PathBuf,
    /// The system's reason.
    pub source: io::Error,
}

impl WriteError {
    /// `cannot write PATH: reason`, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        messages().text(
            lang,
            "write-failed",
            &[
                ("path", self.path.display().to_string().into()),
                ("error", self.source.to_string().into()),
            ],
        )
    }
}

/// Writes `bytes` to `path` atomically: see [`write_with`].
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_with(path, |file| file.write_all(bytes))
}

/// Writes a temporary file beside `path` with `fill` and renames it into place, so a reader,
/// or a run that fails half-way, sees the old file or the new one, never a part of one.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), WriteError> {
    let fail = |source: io::Error| WriteError {
        path: path.to_owned(),
        source,
    };
    let temporary = temporary_path(path).ok_or_else(|| {
        fail(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path has no file name",
        ))
    })?;
    let written = (|| {
        let mut file = File::create(&temporary)?;
        fill(&mut file)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if let Err(error) = written {
        let _ = fs::remove_file(&temporary);
        return Err(fail(error));
    }
    Ok(())
}

/// `dir/.name.PID.tmp`: hidden, unique per process, in the same directory so that the rename
/// stays on one file system.
fn temporary_path(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_string_lossy();
    Some(path.with_file_name(format!(".{name}.{}.tmp", std::process::id())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("nianbao-output-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temporary directory");
        dir
    }

    #[test]
    fn a_write_that_fails_half_way_keeps_the_old_file_and_leaves_no_temporary() {
        let dir = scratch("fail");
        let path = dir.join("report.pdf");
        fs::write(&path, "old report").expect("write");
        let result = write_with(&path, |file| {
            file.write_all(b"half of the new")?;
            Err(io::Error::other("disk full"))
        });
        let message = result.expect_err("the write fails").message(Lang::En);
        assert!(
            message.contains("report.pdf") && message.contains("disk full"),
            "{message}"
        );
        assert_eq!(fs::read_to_string(&path).expect("read"), "old report");
        assert_eq!(
            fs::read_dir(&dir).expect("dir").count(),
            1,
            "no temporary file is left"
        );
    }

    #[test]
    fn a_successful_write_replaces_the_file_whole() {
        let dir = scratch("ok");
        let path = dir.join("report.txt");
        fs::write(&path, "old").expect("write");
        write_atomically(&path, "新的年报".as_bytes()).expect("writes");
        assert_eq!(fs::read_to_string(&path).expect("read"), "新的年报");
        assert_eq!(fs::read_dir(&dir).expect("dir").count(), 1);
    }
}
