# Messages of the nianbao command line in English.
# Every id here is also in zh-CN.ftl (a unit test checks it). Keys, rule ids, option names and
# file:line:col are never translated.

## Output

error-word = error
error-line = nianbao: { $error }: { $message }
wrote = wrote { $path }
severity-error = error
severity-warning = warning
severity-info = info
finding-values = : expected { $expected }, found { $found }
summary-ok = { $file }: ok, every check passed
summary-counts = { $file }: { $errors } { $errors ->
        [one] error
       *[other] errors
    }, { $warnings } { $warnings ->
        [one] warning
       *[other] warnings
    }, { $notes } { $notes ->
        [one] note
       *[other] notes
    }
previous-note = { $file }: note: { $note }
progress-reports = reports
stdout-failed = cannot write to standard output
write-failed = cannot write { $path }: { $error }
cannot-create-dir = cannot create the output directory { $path }: { $error }

## nianbao new

new-agency-empty = --agency is empty: give the 发布机关, e.g. --agency 威海市环翠区商务局
new-year-out-of-range = --year { $year } is out of range: the report year is 2008 to 2100
new-exists = { $path } already exists; use --force to overwrite it

## nianbao check

previous-unreadable = --previous: { $error }

## nianbao render and publish

render-no-format = --to names no format; see `nianbao formats`
render-option-syntax = --option { $option }: write it as FORMAT.KEY=VALUE, e.g. --option txt.width=72
render-option-not-in-to = --option { $option } is for format `{ $format }`, which is not in --to { $formats }
same-stem = { $first } and { $second } would both be written as { $stem }.*; rename one
not-rendered = nianbao: { $file } not rendered: it has errors (use --force to render it anyway)
rendered-despite-errors = nianbao: { $file }: rendered despite its errors (--force)
reports-failed = nianbao: { $failed } of { $total } reports failed
export-failed = { $file }: the { $format } exporter failed: { $message }
recipients-unreadable = cannot read the recipients file { $path }: { $error }
recipients-none = no [[recipient]] is listed
recipient-bad-name = recipient "{ $name }": { $problem }
recipient-name-empty = the name is empty
recipient-name-leaves = a name may not contain '/', '\', '..' or NUL: it becomes a folder under the output directory
recipients-share-folder = recipients "{ $first }" and "{ $second }" would share the folder "{ $folder }"; give them distinct names
recipient-no-formats = recipient "{ $name }" lists no formats
recipient-options-not-in-formats = recipient "{ $name }" has options for `{ $format }`, which is not in its formats
recipient-option-type = recipient "{ $name }": option { $format }.{ $key } = { $value } is not true/false, a whole number or text
recipient-error = recipient "{ $name }": { $error }
failure-has-errors = { $file }: not rendered: it has errors (use --force to render it anyway)
report-format-failed = { $file }: { $format }: { $message }
recipient-format-twice = recipient "{ $name }" lists `{ $format }` twice
recipient-name-invisible = the name contains the control or invisible character { $code }, which makes look-alike names
recipient-name-too-long = the name is { $chars } characters ({ $bytes } bytes) long; at most { $max_chars } characters and { $max_bytes } bytes
recipient-name-dot = a folder name may not end in a dot (Windows drops it)
recipient-name-reserved = the name is reserved: manifest.json is the manifest's, names starting with .nianbao are nianbao's own files
recipient-name-device = { $device } is a device name on Windows, not a folder name (with any extension)
publish-locked = { $dir } is locked by another nianbao publish into the same folder; run this one again when that one has finished
publish-not-locked = nianbao: warning: cannot lock { $dir } ({ $error }); publishing without the lock: do not run two publishes into it at once
leftovers-not-removed = nianbao: cannot remove the temporary files of an interrupted run in { $path }: { $error }
manifest-not-retired = cannot remove the old manifest { $path }: { $error }
cannot-sync-dir = cannot flush the folder { $path } to disk: { $error }

## Formats, options, plugins

registry-unknown-format = unknown format `{ $id }`; available formats: { $available }
registry-unknown-option = unknown option `{ $format }.{ $key }`; { $format } takes: { $available }
registry-unknown-option-none = unknown option `{ $format }.{ $key }`; { $format } takes: no options
registry-option-with-default = { $key } (default { $default })
registry-bad-option-value = option `{ $format }.{ $key }` takes { $expected }, found `{ $value }`
registry-duplicate-id = format id `{ $id }` is claimed twice: by { $first } and by { $second }
takes-integer-range = a whole number from { $min } to { $max }
takes-integer-min = a whole number ≥ { $min }
takes-integer-max = a whole number ≤ { $max }
takes-integer = a whole number
takes-choice = one of { $choices }
takes-text = text
takes-bool = true or false
origin-built-in = built-in
origin-built-in-exporter = the built-in exporter
plugin-directory = plugin directory { $dir }: { $reason }
plugin-not-a-library = plugin { $file }: not a loadable library: { $reason }
plugin-abi-mismatch = plugin { $file }: built for plugin ABI version { $plugin }, this nianbao speaks version { $host }; rebuild it with the matching nianbao-plugin-sdk
plugin-clash = plugin { $file }: { $clash }
plugin-other = { $message }
plugin-loaded = nianbao: plugin { $id } { $version } from { $file }

# What `nianbao formats` says of the built-in formats in Chinese. In English it shows the
# exporters' own words, which these repeat.
format-txt = Plain text for terminals and e-mail, tables drawn with box-drawing characters
format-html = A self-contained web page for the portal, readable on desktop, phone and paper
format-xlsx = Excel workbook: one printable sheet per official table, a 数据 sheet of keyed values, the text
format-pdf = A4 PDF for download, print and archive: official layout, PDF/A, searchable text, subset fonts
format-json = For systems: every value by its stable key, the findings of the checks and the laid-out document, each with its schema version
format-docx = Word document to edit, sign off and seal: GB/T 9704 page, the official tables as Word tables
option-txt-width = page width in display columns (a Han character takes 2)
option-html-fragment = emit only the report's <article> with its scoped styles, for pasting into a content-management system
option-xlsx-formulas = write the 总计 cells as SUM formulas (values cached); refused when a total is not the sum of its cells
option-json-pretty = Indent the JSON, one key a line; false writes one compact line
option-pdf-style = page style: default (for reading) or gbt9704 (the official page of GB/T 9704-2012)
option-pdf-standard = PDF/A level the file conforms to and is checked against, or none
option-pdf-tagged = tagged PDF: headings, paragraphs and tables for screen readers (a-2a and a-3a imply it)
option-pdf-font = font file (.ttf, .otf, .ttc) for body text and tables, e.g. 仿宋; empty for the bundled Noto Serif SC
option-pdf-font-index = face of font in a collection (.ttc), from 0
option-pdf-title-font = font file (.ttf, .otf, .ttc) for the title, e.g. 小标宋; empty for the bundled Noto Sans SC Bold
option-pdf-title-font-index = face of title_font in a collection (.ttc), from 0
option-pdf-heading-font = font file (.ttf, .otf, .ttc) for first-level headings and captions, e.g. 黑体; empty for the title font
option-pdf-heading-font-index = face of heading_font in a collection (.ttc), from 0
option-pdf-subheading-font = font file (.ttf, .otf, .ttc) for second-level headings, e.g. 楷体; empty for the heading font (default style) or the body font (gbt9704)
option-pdf-subheading-font-index = face of subheading_font in a collection (.ttc), from 0
option-docx-style = official: GB/T 9704 page (仿宋 3号 on the 22 × 28 grid, — 1 — page numbers); plain: Word's default page, 宋体 小四
option-docx-body-font = font for body text, e.g. 仿宋; empty for the style's (仿宋_GB2312 or 宋体)
option-docx-title-font = font for the title, e.g. 华文中宋; empty for the style's (方正小标宋简体 or 黑体)
option-docx-heading-font = font for 一、 headings and table titles; empty for 黑体
option-docx-subheading-font = font for （一） headings, e.g. 楷体; empty for the style's (楷体_GB2312 or 楷体)
option-docx-table-font = font for table cells and page numbers; empty for 宋体
option-docx-latin-font = font for Latin letters and digits; empty for Times New Roman

## Help: about-<command> and arg-<command>-<argument>

help-usage = Usage:
heading-commands = Commands
heading-global = Global options
heading-arguments = Arguments
heading-options = Options
unknown-command = unknown command `{ $command }`; see nianbao --help

about-nianbao = Checks and renders 政府信息公开工作年度报告 in the national format of 国办公开办函〔2021〕30号.
arg-nianbao-plugin-dirs = A directory whose dynamic libraries are loaded as exporter plugins (repeatable; see also NIANBAO_PLUGIN_PATH).
arg-nianbao-lang = The language of messages and help: zh or en (default: from LC_ALL, LC_MESSAGES, LANG).
arg-nianbao-color = Colour the severities: auto (on a terminal, unless NO_COLOR is set), always, never.
arg-nianbao-quiet = Print errors only.
arg-nianbao-verbose = Print more: every finding of the reports render and publish write, and the plugins loaded.
arg-nianbao-help = Print help.
arg-nianbao-version = Print version.

about-new = Write a report-file template: every row present, zeros, each key labelled in Chinese.
arg-new-agency = 发布机关, e.g. 威海市环翠区商务局.
arg-new-year = 报告年度, e.g. 2024.
arg-new-output = Write to this file instead of standard output.
arg-new-force = Overwrite an existing file.

about-check = Check reports against the format's consistency rules.
arg-check-files = Report files (.toml or .json).
arg-check-previous = Last year's report of the same agency, for the cross-year rules (X-CARRY, X-STOCK).
arg-check-json = Print the findings as one JSON array.

about-render = Render reports to one or more formats.
arg-render-files = Report files (.toml or .json).
arg-render-to = Comma-separated format ids, e.g. pdf,xlsx,html,txt (see `nianbao formats`).
arg-render-output = Output directory.
arg-render-options = An exporter option, FORMAT.KEY=VALUE, e.g. txt.width=72. Repeatable.
arg-render-force = Render even a report whose checks find errors.
arg-render-jobs = Render N reports at once (default: four per core, or RAYON_NUM_THREADS).

about-publish = Render reports for several recipients, each with its own formats and options.
arg-publish-files = Report files (.toml or .json).
arg-publish-recipients = The recipients file: [[recipient]] name, formats, options.
arg-publish-output = Output directory; each recipient gets a folder in it, and manifest.json lists every file.
arg-publish-force = Render even a report whose checks find errors.
arg-publish-jobs = Render N reports at once (default: four per core, or RAYON_NUM_THREADS).

about-formats = List the available formats with their options.
arg-formats-json = Print as JSON.

about-completions = Print a shell completion script, e.g. nianbao completions bash > /etc/bash_completion.d/nianbao.
arg-completions-shell = The shell: bash, zsh, fish, powershell or elvish.

about-man = Print the man page (roff) of the program or of one command, e.g. nianbao man | man -l -.
arg-man-command = A command, e.g. check, for its own page.

about-help = Print the help of the program or of a command.
arg-help-command = The command, e.g. check.

## Usage errors (clap's own words are used in English; these in other languages)

usage-empty-value = a value is required for '{ $arg }' but none was supplied
usage-invalid-value = invalid value '{ $value }' for '{ $arg }'; possible values: { $valid }
usage-unknown-argument = unexpected argument '{ $arg }' found
usage-unknown-command = unrecognized subcommand '{ $command }'
usage-missing-argument = the following required arguments were not provided: { $args }
usage-missing-command = a command is required
usage-bad-value = invalid value '{ $value }' for '{ $arg }': { $reason }
usage-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
usage-other = { $detail }
usage-tip = tip: did you mean '{ $suggestion }'?
usage-more = For more information, try '--help'.

## The man page

man-manual = nianbao manual
man-name = NAME
man-synopsis = SYNOPSIS
man-description = DESCRIPTION
man-version = VERSION
man-options = OPTIONS
man-commands = COMMANDS
man-exit-status = EXIT STATUS
man-exit-0 = Success; warnings allowed.
man-exit-1 = A report has errors: check found errors, render or publish refused a report, or an imported report has errors.
man-exit-2 = A usage, input or environment error: an unreadable or malformed file, an unknown format or option, a format that failed, an input that could not be imported, a plugin asked for that cannot be used.
man-environment = ENVIRONMENT
man-env-lang = The language of messages: Chinese when the first of them that is set starts with zh, English otherwise; --lang decides over them.
man-env-no-color = When set and not empty: no colours with --color auto.
man-env-plugin-path = More plugin directories, as a path list separated by `:`.
man-env-rayon = How many reports render and publish work on at once when --jobs is not given.
man-see-also = SEE ALSO
man-guide = The user guide in Chinese, docs/用户指南.md in the nianbao sources.

## Plugins out of process, unusable libraries, extension clashes, nianbao plugin new

arg-nianbao-plugins-in-process = Run plugins inside nianbao's own process: faster to start, but a plugin that hangs, prints or crashes takes nianbao with it, and --plugin-timeout does not apply.
arg-nianbao-plugin-timeout = The longest one plugin call may take, in seconds, e.g. 2.5; then the plugin's process is stopped and the call fails.
plugin-unusable-note = nianbao: unusable: { $error }
plugin-mode-out-of-process = runs in a process of its own
plugin-mode-in-process = runs inside nianbao's process (--plugins-in-process)
formats-plugin-versions = plugin: SDK { $sdk }, ABI { $abi }, document schema { $document }, interchange schema { $interchange }; { $mode }
formats-unusable = unusable: { $error }
unknown-format-unusable-claims = `{ $id }` is the format of a plugin library that cannot be used:
unknown-format-unusable-maybe = these plugin libraries cannot be used; one of them may have `{ $id }`:
unknown-format-plugin-hint = hint: a plugin's format is available when its library is in a directory given with --plugin-dir DIR or listed in NIANBAO_PLUGIN_PATH (directories separated by `{ $separator }`); see `nianbao formats`
extension-clash-format = `{ $id }` ({ $origin })
extension-clash = formats { $first } and { $last } { $count ->
        [2] both
       *[other] all
    } write `.{ $extension }` files: render them into different folders
about-plugin = Tools for plugin authors.
about-plugin-new = Write a new exporter plugin crate for format NAME, ready to test and build: Cargo.toml, src/lib.rs with one option, tests on the sample report.
arg-plugin-new-name = The format id: 1 to 16 of a-z and 0-9, e.g. csv; also the file extension.
arg-plugin-new-output = The crate's directory (default: nianbao-NAME); created if missing, else it must be empty.
arg-plugin-new-sdk-path = Depend on the SDK in this directory: crates/nianbao-plugin-sdk of a nianbao checkout, or the checkout (default: the sources this nianbao was built from).
arg-plugin-new-sdk-git = Depend on the SDK in this nianbao git repository instead.
arg-plugin-new-sdk-tag = With --sdk-git: the tag of the nianbao version that will load the plugin, e.g. v0.1.0.
plugin-new-bad-id = the format id `{ $id }` is not 1 to 16 of a-z and 0-9: it is also the file extension and part of the crate's name
plugin-new-not-empty = { $dir } already exists and is not empty; choose another directory with -o DIR
plugin-new-not-sdk = --sdk-path { $path }: neither it nor its crates/nianbao-plugin-sdk is the nianbao-plugin-sdk crate; give the SDK's directory in a nianbao checkout, or the checkout
plugin-new-sdk-unknown = the SDK's sources this nianbao was built from are gone, and the SDK is not on crates.io: give --sdk-path DIR (crates/nianbao-plugin-sdk of a nianbao checkout) or --sdk-git URL [--sdk-tag TAG] (the nianbao repository)
plugin-new-sdk = it depends on nianbao-plugin-sdk = { $dependency }
plugin-new-next =
    next: test it, build it and see nianbao list it:
      cd { $dir } && cargo test && cargo build --release && nianbao --plugin-dir target/release formats

## nianbao import, nianbao new --to xlsx

about-import = Import reports from filled workbooks and published reports (web pages, Word, PDF, text, JSON) into report files, and check them.
arg-import-files = The files: .xlsx/.xls workbooks (the one nianbao new --to xlsx writes, the xlsx format's, any with the official labels), .html pages, .docx, .pdf (needs pdftotext), .txt, .json.
arg-import-output = Output directory: each input gives <name>.toml there.
arg-import-force = Overwrite existing report files and the --summary file.
arg-import-partial = Write what was found even when values are missing, each gap commented out and marked 缺; such a file is not checked, and reads only once the gaps are filled in.
arg-import-blank-as-zero = Read a blank table cell as 0 (its comment says so); otherwise a blank cell is a gap.
arg-import-summary = Also write the review sheet, .xlsx or .csv (UTF-8 with BOM): per input its agency, year, file, import status and every finding.
arg-import-jobs = Import N files at once (default: four per core, or RAYON_NUM_THREADS).
arg-new-to = What to write: toml (a report file, the default) or xlsx (a workbook to fill in, the official tables with only the value cells open; needs -o FILE).
new-xlsx-needs-output = --to xlsx writes a workbook: name the file with -o FILE, e.g. -o 年报填报表.xlsx
import-exists = { $path } already exists; use --force to overwrite it
import-summary-extension = --summary { $path }: the review sheet is written as .xlsx or .csv; name the file so
import-summary-failed = cannot write the review sheet { $path }: { $error }
import-would-replace-input = { $file }: its report file { $output } would replace the input itself; write it elsewhere with -o DIR
import-file-does-not-read = { $file }: the report file made of it does not read back, so it was not written (a bug of nianbao; please report it): { $error }
import-summary = { $file }: { $sections } of 6 sections found, { $cells } of { $total } table cells read; { $checks }
import-checks-ok = ok, every check passed
import-checks-counts = { $errors } { $errors ->
        [one] error
       *[other] errors
    }, { $warnings } { $warnings ->
        [one] warning
       *[other] warnings
    }, { $notes } { $notes ->
        [one] note
       *[other] notes
    }
import-checks-skipped = { $missing } { $missing ->
        [one] value
       *[other] values
    } missing: written with the gaps marked, not checked
import-not-written-missing = { $missing } { $missing ->
        [one] value
       *[other] values
    } missing: not written
import-not-written = not written
import-incomplete = { $file }: { $count } of the report's values could not be found:
import-incomplete-hint = nothing was written; --partial writes what was found, with the gaps marked
import-partial = { $file }: { $count } of the report's values could not be found; they are marked 缺 in { $output }:
import-missing-more = … ({ $count } in all)
import-warning = { $file }: note: { $warning }
import-unreadable = cannot read { $path }: { $error }
import-unknown-kind = { $path }: not a kind of file nianbao imports (.xlsx, .xls, .html, .docx, .pdf, .txt, .json, .toml)
import-not-a-report = { $path }: not a 政府信息公开工作年度报告: { $reason }
import-pdftotext-missing = { $path }: reading a PDF needs pdftotext, which was not found; install the Debian package poppler-utils (apt-get install poppler-utils)
import-pdf-encrypted = { $path }: the PDF is encrypted (password-protected); its text cannot be read
import-pdf-no-text = { $path }: the PDF has no text to read ({ $pages } { $pages ->
        [one] page
       *[other] pages
    }, { $chars } characters): scanned pages or text drawn as outlines need OCR first
import-pdftotext-failed = { $path }: pdftotext failed: { $message }
import-workbook-encrypted = { $path }: the workbook is password-protected; save it without a password and import it again
import-workbook-unreadable = { $path }: cannot read the workbook: { $message }
import-docx-unreadable = { $path }: cannot read the Word document: { $message }
