# nianbao-core 的中文消息：读取错误、检查结果、提示。
# 这里的每个消息编号在 en.ftl 中也有（单元测试会检查）。

## 值是什么、应当是什么

value-table = 一个表
value-array = 含 { $count } 个值的数组
value-integer = 整数 { $value }
value-number = 数 { $value }
value-text = 文字“{ $value }”
value-date = 日期 { $value }
expected-table = 一个表
expected-text = 一段文字（加引号）
expected-year = 年份，如 2024
expected-date = 日期，如 2025-01-20
expected-counts = { $count } 个或 { $with_total } 个件数组成的数组
expected-notes = 以单元格键为名的注释表
expected-cell-keys = 单元格键组成的数组
expected-format = 文字 "2021"

## 读取报告文件

read-io = 无法读取文件：{ $error }
read-directory = 这是一个文件夹，不是报告文件
read-not-utf8 = 文件不是 UTF-8 文本（请以 UTF-8 编码另存）
read-empty = 文件是空的
read-syntax = 不是有效的 { $syntax }：{ $message }
read-unknown-key-suggest = 未知的键 `{ $key }`；是否应为 `{ $suggestion }`？
read-unknown-key = 未知的键 `{ $key }`；此处可用的键：{ $known }
read-missing-hint = 缺少此项：每份报告都必须填写（{ $hint }）
read-missing = 缺少此项：每份报告都必须填写
read-wrong-type = 应为{ $expected }，实为{ $found }
read-wrong-length = 应有 { $count } 个或 { $with_total } 个值（{ $columns }，可加{ $total }），实有 { $found } 个
read-bad-count = { $rule }：件数应为大于等于 0 的整数，实为{ $found }
read-count-too-large = { $rule }：件数最多为 999,999,999，实为 { $found }
read-number-as-text = { $rule }：数字被写成了文字“{ $text }”：请去掉引号，写作 { $digits }
read-full-width-digits = { $rule }：全角数字“{ $text }”：请用半角数字写作 { $digits }
read-thousands-separator = { $rule }：“{ $text }”带有千位分隔符，在数组中 1,295 会被读成两个数：请写作 { $digits }
read-empty-cell = { $rule }：单元格为空：请填 0；本行不适用时填 "/"
read-not-a-count = { $rule }：“{ $text }”不是件数；带注释的件数写作 "22（其中修订16件）"，不适用的单元格写作 "/"
read-group-as-one-row = { $group }在格式中有 { $count } 行，每行单独填写：{ $rows }
read-other-as-one-row = 。报告把（六）其他处理印成一行的：把这一行的数填在 other.other，另外两行填 0，并在 [notes] 中说明
read-unknown-cell-suggest = `{ $key }` 不是单元格键，也不是表（table2、table3、table4）；是否应为 `{ $suggestion }`？
read-unknown-cell = `{ $key }` 不是单元格键，也不是表（table2、table3、table4）
read-bad-decimal = T2-TYPES：金额以万元为单位，应为大于等于 0 的小数（如 4166.241619 或 "4166.241619"），实为{ $found }
read-empty-agency = 发布机关名称为空
read-year-out-of-range = 报告年度应在 2008 至 2100 之间，实为 { $year }
read-bad-code = 统一社会信用代码应为 18 位字母和数字，实为“{ $code }”
read-empty-note = 注释为空
read-unknown-format = 未知的格式“{ $format }”：本工具读取 format = "2021"（国办公开办函〔2021〕30号）

## 检查结果：应为（expected）是表格推算的值，实为（found）是报告所填的值

finding-struct-sections-empty = { $section }没有内容；请在 [text] 的 { $key } = """…""" 中填写
finding-struct-sections-fees = { $section }未说明本年度收取信息处理费的情况（2021 年起的年报都应说明）
finding-t2-valid-ge = { $cell }：现行有效件数 { $in_force } 小于本年制发件数 { $issued } − 本年废止件数 { $repealed } = { $expected }
finding-t3-row-total = { $cell }：总计为 { $found }，但六类申请人之和为 { $expected }（{ $terms }）
finding-t3-results-sum = { $cell }：（七）总计为 { $found }，但（一）至（六）共 { $rows } 行办理结果之和为 { $expected }
finding-t3-balance = { $column }：一、本年新收 { $new } + 二、上年结转 { $carried } = { $expected }，但三（七）总计 { $results } + 四、结转下年度继续办理 { $forward } = { $found }
finding-t4-group-total = { $cell }：总计为 { $found }，但结果维持 + 结果纠正 + 其他结果 + 尚未审结 = { $terms } = { $expected }
finding-x-carry = { $cell }：{ $year } 年的上年结转为 { $found }，但 { $last_year } 年报告的结转下年度继续办理为 { $expected }
finding-x-stock = { $cell }：上年现行有效 { $before } + 本年制发 { $issued } − 本年废止 { $repealed } = { $expected }，本报告为 { $found }
finding-txt-table = 正文称“{ $sentence }”（{ $found }），但{ $cell }为 { $expected }

## 关于上年报告的提示

note-name-changed = 上年报告的发布机关为{ $previous }，本年为{ $current }：视为同一机关（可在两份报告的 meta.code 中填写统一社会信用代码以确认），已比对跨年度规则
note-not-consecutive = 上年报告的年度为 { $previous }，不是 { $expected }：未比对跨年度规则
note-other-agency = 上年报告的统一社会信用代码为 { $previous }，本年为 { $current }：不是同一机关，未比对跨年度规则

## 加固：真实报告不会有的内容

read-duplicate-key = 键 `{ $key }` 出现了两次
read-control-character = 文字中含有控制字符 { $code }，报告中不应有此字符：请删除
read-too-long = { $what }有 { $length } 个字符，超过任何真实报告（最多 { $limit } 个）
limit-file = 文件
limit-agency = 发布机关名称
limit-title = 标题
limit-paragraph = 段落
limit-section = 章节
limit-note = 注释
limit-field = 文字
