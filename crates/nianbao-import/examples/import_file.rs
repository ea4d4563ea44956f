//! Imports one file and prints the report file, the sources and what is missing.
//!
//! `cargo run -p nianbao-import --example import_file -- FILE [--partial] [--blank-as-zero]`

use std::path::PathBuf;

use nianbao_import::{ImportOptions, import, to_report_file};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
    else {
        eprintln!("usage: import_file FILE [--partial] [--blank-as-zero]");
        std::process::exit(2);
    };
    let options = ImportOptions {
        partial: args.iter().any(|a| a == "--partial"),
        blank_as_zero: args.iter().any(|a| a == "--blank-as-zero"),
        ..ImportOptions::default()
    };
    match import(&path, &options) {
        Ok(imported) => {
            print!("{}", to_report_file(&imported, options.partial));
            eprintln!(
                "{}: {} of {} cells, sections {:?}, {} missing",
                path.display(),
                imported.cells_found,
                imported.cells_printed,
                imported.sections_found,
                imported.missing.len()
            );
        }
        // Incomplete (the error lists what is missing) or unreadable: exit 2, as the CLI does.
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(2);
        }
    }
}
