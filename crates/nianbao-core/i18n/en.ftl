# Messages of nianbao-core in English: read errors, findings, notes.
# Every id here is also in zh-CN.ftl (a unit test checks it).

## What a value is or should be

value-table = a table
value-array = an array of { $count } values
value-integer = the integer { $value }
value-number = the number { $value }
value-text = the string "{ $value }"
value-date = the date { $value }
expected-table = a table
expected-text = a string
expected-year = a year such as 2024
expected-date = a date such as 2025-01-20
expected-counts = an array of { $count } or { $with_total } counts
expected-notes = a table of notes by cell key
expected-cell-keys = an array of cell keys
expected-format = the string "2021"

## Reading a report file

read-io = cannot read the file: { $error }
read-directory = is a directory, not a report file
read-not-utf8 = the file is not UTF-8 text (save it as UTF-8)
read-empty = the file is empty
read-syntax = not valid { $syntax }: { $message }
read-unknown-key-suggest = unknown key `{ $key }`; did you mean `{ $suggestion }`?
read-unknown-key = unknown key `{ $key }`; known keys here: { $known }
read-missing-hint = missing: every report states this ({ $hint })
read-missing = missing: every report states this
read-wrong-type = expected { $expected }, found { $found }
read-wrong-length = expected { $count } or { $with_total } values ({ $columns }, optionally { $total }), found { $found }
read-bad-count = { $rule }: a count is a whole number ≥ 0, found { $found }
read-count-too-large = { $rule }: a count is at most 999,999,999, found { $found }
read-number-as-text = { $rule }: the number is written as text, "{ $text }": write { $digits } without quotes
read-full-width-digits = { $rule }: full-width digits "{ $text }": write { $digits } with the digits 0–9
read-thousands-separator = { $rule }: "{ $text }" has a thousands separator; in an array 1,295 reads as two numbers: write { $digits }
read-empty-cell = { $rule }: the cell is empty: write 0, or "/" when the row does not apply
read-not-a-count = { $rule }: "{ $text }" is not a count; a count with a note is written "22（其中修订16件）", a cell that does not apply "/"
read-group-as-one-row = { $group } has { $count } rows in the format, each its own line: { $rows }
read-other-as-one-row = . A report that prints （六）其他处理 as one row: enter its numbers as other.other and zeros in the other two, and say so in [notes]
read-unknown-cell-suggest = `{ $key }` is not a cell key or a table (table2, table3, table4); did you mean `{ $suggestion }`?
read-unknown-cell = `{ $key }` is not a cell key or a table (table2, table3, table4)
read-bad-decimal = T2-TYPES: the amount in 万元 is a decimal number ≥ 0 (e.g. 4166.241619 or "4166.241619"), found { $found }
read-empty-agency = the agency name is empty
read-year-out-of-range = the report year is 2008 to 2100, found { $year }
read-bad-code = 统一社会信用代码 has 18 letters and digits, found "{ $code }"
read-empty-note = the note is empty
read-unknown-format = unknown format "{ $format }": this tool reads format = "2021" (国办公开办函〔2021〕30号)

## Findings: expected is what the tables imply, found what the report states

finding-struct-sections-empty = section { $section } has no text; write it under [text] { $key } = """…"""
finding-struct-sections-fees = section { $section } does not state the 信息处理费 collected this year, which every report since 2021 does
finding-t2-valid-ge = { $cell }: 现行有效件数 { $in_force } is less than 本年制发件数 { $issued } − 本年废止件数 { $repealed } = { $expected }
finding-t3-row-total = { $cell }: 总计 is { $found }, but the six applicant columns add up to { $expected } ({ $terms })
finding-t3-results-sum = { $cell }: （七）总计 is { $found }, but the { $rows } result rows （一）–（六） add up to { $expected }
finding-t3-balance = { $column }: 一、本年新收 { $new } + 二、上年结转 { $carried } = { $expected }, but 三（七）总计 { $results } + 四、结转下年度继续办理 { $forward } = { $found }
finding-t4-group-total = { $cell }: 总计 is { $found }, but 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = { $terms } = { $expected }
finding-x-carry = { $cell }: { $year } 上年结转 is { $found }, but the { $last_year } report carried forward { $expected } (四、结转下年度继续办理)
finding-x-stock = { $cell }: { $before } last year + { $issued } issued − { $repealed } repealed = { $expected }, the report says { $found }
finding-txt-table = the text says “{ $sentence }” ({ $found }), but { $cell } is { $expected }

## Notes about last year's report

note-name-changed = last year's report is by { $previous }, this one by { $current }: taken as the same agency (add meta.code, the 统一社会信用代码, to both to be sure); cross-year rules applied
note-not-consecutive = last year's report is for { $previous }, not { $expected }: cross-year rules not applied
note-other-agency = last year's report has 统一社会信用代码 { $previous }, this one { $current }: another agency, cross-year rules not applied

## Hardening: what no real report has

read-duplicate-key = the key `{ $key }` is given twice
read-control-character = the text holds the control character { $code }, which no report prints: remove it
read-too-long = the { $what } has { $length } characters, more than any real report ({ $limit } at most)
limit-file = file
limit-agency = agency name
limit-title = title
limit-paragraph = paragraph
limit-section = section
limit-note = note
limit-field = text
