//! Writing output files whole or not at all, and keeping an output folder to one writer.
//!
//! Every file is written to a temporary file beside it and renamed into place, so a reader,
//! or a run that fails or is killed half-way, sees the old file or the new one, never a part
//! of one. The temporary file has an unpredictable name (`.nianbao-XXXXXXXXXXXX.tmp`) and is
//! created exclusively (`O_EXCL`), so a link planted in the folder is never written through;
//! the rename replaces a link at the destination, not what it points to. A killed run leaves
//! its temporary files behind: the next run into the folder removes them
//! ([`remove_leftovers`]).

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use nianbao::i18n::Lang;

use crate::ui::messages;

/// The start of every temporary file's name: hidden, and ours.
pub const TEMPORARY_PREFIX: &str = ".nianbao-";
/// The end of every temporary file's name.
pub const TEMPORARY_SUFFIX: &str = ".tmp";
/// Random characters in a temporary file's name (62 possible each).
const TEMPORARY_RANDOM: usize = 12;

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

/// Writes a temporary file beside `path` with `fill`, flushes it to the disk and renames it
/// into place. On failure the temporary file is removed and `path` is as it was.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), WriteError> {
    let fail = |source: io::Error| WriteError {
        path: path.to_owned(),
        source,
    };
    if path.file_name().is_none() {
        return Err(fail(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path has no file name",
        )));
    }
    // In the same directory, so that the rename stays on one file system.
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = temporary_builder().tempfile_in(dir).map_err(fail)?;
    fill(temporary.as_file_mut()).map_err(fail)?;
    // Flushed before the rename: after a crash the name points to the whole new file or to
    // the old one, never to an empty or partial file.
    temporary.as_file().sync_all().map_err(fail)?;
    // A failed persist gives the temporary file back; dropping it removes it.
    temporary.persist(path).map_err(|error| fail(error.error))?;
    Ok(())
}

fn temporary_builder() -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(TEMPORARY_PREFIX)
        .suffix(TEMPORARY_SUFFIX)
        .rand_bytes(TEMPORARY_RANDOM);
    // `tempfile` creates files readable by their owner only; an output file is the user's
    // ordinary file, as `File::create` makes it (0666 less the umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder
}

/// Whether `name` is one of our temporary files.
pub fn is_temporary(name: &str) -> bool {
    name.len() > TEMPORARY_PREFIX.len() + TEMPORARY_SUFFIX.len()
        && name.starts_with(TEMPORARY_PREFIX)
        && name.ends_with(TEMPORARY_SUFFIX)
}

/// Removes the temporary files that killed runs left in `dir` (not in its sub-folders): all
/// of them, or those last modified more than `older_than` ago. Only files and links are
/// removed, never folders. Returns how many were removed; a folder that does not exist has
/// none.
///
/// Without `older_than` a temporary file that another run is writing now would be removed
/// too (its rename then fails): only a run that holds the folder's lock ([`lock_folder`])
/// may clean without an age.
pub fn remove_leftovers(dir: &Path, older_than: Option<Duration>) -> io::Result<usize> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(error) => return Err(error),
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries {
        let entry = entry?;
        if !entry.file_name().to_str().is_some_and(is_temporary) {
            continue;
        }
        // The entry itself, not what a link points to.
        let Ok(metadata) = entry.path().symlink_metadata() else {
            continue;
        };
        if metadata.is_dir() {
            continue;
        }
        if let Some(age) = older_than {
            let modified = metadata.modified().unwrap_or(now);
            if now.duration_since(modified).unwrap_or_default() < age {
                continue;
            }
        }
        match fs::remove_file(entry.path()) {
            Ok(()) => removed += 1,
            // Removed meanwhile by another run's clean-up.
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(error),
        }
    }
    Ok(removed)
}

/// Flushes `dir`'s entries (names created, renamed, removed) to the disk, so that after a
/// power cut they are there in the order they were made. Where folders cannot be flushed
/// (Windows, file systems that refuse it), nothing.
pub fn sync_folder(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        match File::open(dir)?.sync_all() {
            // EINVAL, ENOTSUP: this file system does not flush folders; nothing to wait for.
            Err(error)
                if matches!(
                    error.kind(),
                    io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
                ) =>
            {
                Ok(())
            }
            other => other,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// An exclusive lock on an output folder, held until dropped (or the process ends, however it
/// ends: the system releases it).
#[derive(Debug)]
pub struct FolderLock {
    _file: File,
}

/// Why a folder could not be locked.
#[derive(Debug)]
pub enum LockError {
    /// Another process holds the lock.
    Busy,
    /// The system cannot lock there (e.g. some network file systems), or cannot open it.
    Unavailable(io::Error),
}

/// Takes the exclusive lock of `dir`, without waiting.
///
/// On Unix the lock is on the folder itself (`flock`), so the folder gets no extra file. On
/// other systems, where a folder cannot be opened as a file, it is on
/// `dir/.nianbao.lock`, which stays (removing a lock file while another process waits on it
/// would let a third one in).
pub fn lock_folder(dir: &Path) -> Result<FolderLock, LockError> {
    #[cfg(unix)]
    let file = File::open(dir).map_err(LockError::Unavailable)?;
    #[cfg(not(unix))]
    let file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join(".nianbao.lock"))
        .map_err(LockError::Unavailable)?;
    match file.try_lock() {
        Ok(()) => Ok(FolderLock { _file: file }),
        Err(fs::TryLockError::WouldBlock) => Err(LockError::Busy),
        Err(fs::TryLockError::Error(error)) => Err(LockError::Unavailable(error)),
    }
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

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
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
        assert_eq!(names(&dir), ["report.pdf"], "no temporary file is left");
    }

    #[test]
    fn a_successful_write_replaces_the_file_whole() {
        let dir = scratch("ok");
        let path = dir.join("report.txt");
        fs::write(&path, "old").expect("write");
        write_atomically(&path, "新的年报".as_bytes()).expect("writes");
        assert_eq!(fs::read_to_string(&path).expect("read"), "新的年报");
        assert_eq!(names(&dir), ["report.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn output_files_get_the_usual_permissions_not_the_temporary_files_private_ones() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("mode");
        let path = dir.join("report.txt");
        write_atomically(&path, b"x").expect("writes");
        let mode = fs::metadata(&path).expect("metadata").permissions().mode();
        let ordinary = {
            let probe = dir.join("probe");
            File::create(&probe).expect("create");
            fs::metadata(&probe).expect("metadata").permissions().mode()
        };
        assert_eq!(mode & 0o777, ordinary & 0o777);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_the_destination_is_replaced_not_written_through() {
        let dir = scratch("link");
        let victim = dir.join("victim");
        fs::write(&victim, "precious").expect("write");
        let path = dir.join("report.txt");
        std::os::unix::fs::symlink(&victim, &path).expect("symlink");
        write_atomically(&path, b"report").expect("writes");
        assert_eq!(fs::read_to_string(&victim).expect("read"), "precious");
        assert!(!path.symlink_metadata().expect("meta").is_symlink());
        assert_eq!(fs::read_to_string(&path).expect("read"), "report");
    }

    #[test]
    fn temporary_names_are_unpredictable_and_recognised() {
        let dir = scratch("names");
        let first = temporary_builder().tempfile_in(&dir).expect("create");
        let second = temporary_builder().tempfile_in(&dir).expect("create");
        let name = |t: &tempfile::NamedTempFile| {
            t.path()
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        assert_ne!(name(&first), name(&second));
        assert!(is_temporary(&name(&first)), "{}", name(&first));
        assert_eq!(
            name(&first).len(),
            TEMPORARY_PREFIX.len() + TEMPORARY_RANDOM + TEMPORARY_SUFFIX.len()
        );
        assert!(!is_temporary(".nianbao-.tmp") && !is_temporary("report.tmp"));
    }

    #[test]
    fn leftovers_are_removed_and_nothing_else() {
        let dir = scratch("leftovers");
        for name in [".nianbao-abcdefghijkl.tmp", "report.txt", ".other.tmp"] {
            fs::write(dir.join(name), "x").expect("write");
        }
        fs::create_dir(dir.join(".nianbao-folder.tmp")).expect("mkdir");
        // Young files are kept when an age is asked for.
        assert_eq!(
            remove_leftovers(&dir, Some(Duration::from_secs(3600))).expect("clean"),
            0
        );
        assert_eq!(remove_leftovers(&dir, None).expect("clean"), 1);
        assert_eq!(
            names(&dir),
            [".nianbao-folder.tmp", ".other.tmp", "report.txt"]
        );
        assert_eq!(
            remove_leftovers(&dir.join("missing"), None).expect("clean"),
            0
        );
    }

    #[test]
    fn a_locked_folder_cannot_be_locked_again_until_released() {
        let dir = scratch("lock");
        let lock = lock_folder(&dir).expect("locks");
        assert!(matches!(lock_folder(&dir), Err(LockError::Busy)));
        drop(lock);
        assert!(lock_folder(&dir).is_ok());
    }
}
