# nianbao 命令行的中文消息。
# 这里的每个消息编号在 en.ftl 中也有（单元测试会检查）。键名、规则编号、选项名和
# “文件:行:列”一律不翻译。

## 输出

error-word = 错误
error-line = nianbao: { $error }：{ $message }
wrote = 已写出 { $path }
severity-error = 错误
severity-warning = 警告
severity-info = 提示
finding-values = ：应为 { $expected }，实为 { $found }
summary-ok = { $file }: 通过，所有检查均未发现问题
summary-counts = { $file }: { $errors } 个错误，{ $warnings } 个警告，{ $notes } 个提示
previous-note = { $file }: 提示：{ $note }
progress-reports = 份报告
stdout-failed = 无法写入标准输出
write-failed = 无法写入 { $path }：{ $error }
cannot-create-dir = 无法创建输出文件夹 { $path }：{ $error }

## nianbao new

new-agency-empty = --agency 为空：请给出发布机关，如 --agency 威海市环翠区商务局
new-year-out-of-range = --year { $year } 超出范围：报告年度应在 2008 至 2100 之间
new-exists = { $path } 已存在；如要覆盖，请加 --force

## nianbao check

previous-unreadable = --previous：{ $error }

## nianbao render 和 publish

render-no-format = --to 没有给出格式；可用的格式见 nianbao formats
render-option-syntax = --option { $option }：应写作 格式.键=值，如 --option txt.width=72
render-option-not-in-to = --option { $option } 是格式 `{ $format }` 的选项，但 --to { $formats } 中没有这个格式
same-stem = { $first } 和 { $second } 会写成同名的文件 { $stem }.*；请给其中一个改名
not-rendered = nianbao: { $file } 有错误，未生成（如仍要生成，请加 --force）
rendered-despite-errors = nianbao: { $file }: 虽有错误，仍已生成（--force）
reports-failed = nianbao: 共 { $total } 份报告，其中 { $failed } 份未能完成
export-failed = { $file }: 生成 { $format } 格式失败：{ $message }
recipients-unreadable = 无法读取接收方清单 { $path }：{ $error }
recipients-none = 清单中没有任何 [[recipient]]
recipient-bad-name = 接收方“{ $name }”：{ $problem }
recipient-name-empty = 名称为空
recipient-name-leaves = 名称中不能有 '/'、'\'、'..' 或 NUL：名称会用作输出文件夹下的子文件夹名
recipients-share-folder = 接收方“{ $first }”和“{ $second }”会用同一个文件夹“{ $folder }”；请给它们不同的名称
recipient-no-formats = 接收方“{ $name }”没有列出格式（formats）
recipient-options-not-in-formats = 接收方“{ $name }”给出了 `{ $format }` 的选项，但它的 formats 中没有这个格式
recipient-option-type = 接收方“{ $name }”：选项 { $format }.{ $key } = { $value } 不是 true/false、整数或文字
recipient-error = 接收方“{ $name }”：{ $error }
failure-has-errors = { $file }: 有错误，未生成（如仍要生成，请加 --force）
report-format-failed = { $file }: { $format }：{ $message }
recipient-format-twice = 接收方“{ $name }”把 `{ $format }` 列了两次
recipient-name-invisible = 名称中有控制字符或不可见字符 { $code }，会造成看起来相同的名称
recipient-name-too-long = 名称长 { $chars } 个字符（{ $bytes } 字节）；最多 { $max_chars } 个字符、{ $max_bytes } 字节
recipient-name-dot = 文件夹名不能以句点结尾（Windows 会去掉它）
recipient-name-reserved = 这个名称已被保留：manifest.json 是清单文件的名称，以 .nianbao 开头的名称留给 nianbao 自己的文件
recipient-name-device = { $device } 是 Windows 的设备名（带任何扩展名都是），不能用作文件夹名
publish-locked = { $dir } 正由另一个 nianbao publish 写入，已被锁定；请等它完成后再运行
publish-not-locked = nianbao: 警告：无法锁定 { $dir }（{ $error }）；将不加锁继续发布：请勿同时向它运行两个 publish
leftovers-not-removed = nianbao: 无法删除 { $path } 中中断的运行留下的临时文件：{ $error }
manifest-not-retired = 无法删除旧的清单 { $path }：{ $error }
cannot-sync-dir = 无法把文件夹 { $path } 写入磁盘：{ $error }

## 格式、选项、插件

registry-unknown-format = 未知的格式 `{ $id }`；可用的格式：{ $available }
registry-unknown-option = 未知的选项 `{ $format }.{ $key }`；{ $format } 的选项有：{ $available }
registry-unknown-option-none = 未知的选项 `{ $format }.{ $key }`；{ $format } 没有选项
registry-option-with-default = { $key }（默认 { $default }）
registry-bad-option-value = 选项 `{ $format }.{ $key }` 应为{ $expected }，实为 `{ $value }`
registry-duplicate-id = 格式 `{ $id }` 被注册了两次：{ $first } 和 { $second }
takes-integer-range = { $min } 至 { $max } 的整数
takes-integer-min = 不小于 { $min } 的整数
takes-integer-max = 不大于 { $max } 的整数
takes-integer = 整数
takes-choice = 以下之一：{ $choices }
takes-text = 文字
takes-bool = true 或 false
origin-built-in = 内置
origin-built-in-exporter = 内置导出器
plugin-directory = 插件文件夹 { $dir }：{ $reason }
plugin-not-a-library = 插件 { $file }：不是可加载的动态库：{ $reason }
plugin-abi-mismatch = 插件 { $file }：按插件 ABI 第 { $plugin } 版构建，本程序使用第 { $host } 版；请用对应版本的 nianbao-plugin-sdk 重新构建
plugin-clash = 插件 { $file }：{ $clash }
plugin-other = { $message }
plugin-loaded = nianbao: 已加载插件 { $id } { $version }（{ $file }）

# nianbao formats 中内置格式的中文说明。
format-txt = 纯文本，用于终端和邮件；表格用制表线画出
format-html = 独立的网页，用于门户网站；电脑、手机上阅读和打印都合适
format-xlsx = Excel 工作簿，交政务公开办：每张官方表格一个可打印的工作表，另有按键列出数值的“数据”表和“正文”表
format-pdf = A4 PDF，用于下载、打印、盖章和存档：官方版式，PDF/A，文字可搜索，嵌入字体子集
format-json = 供信息系统读取：按固定键列出每个数值、检查结果和排好版的文档，各带结构版本号
format-docx = Word 文档，用于修改、签批和盖章：GB/T 9704 版面，官方表格为 Word 表格
option-txt-width = 每行宽度，按显示列计算（一个汉字占 2 列）
option-html-fragment = 只输出报告的 <article> 及其样式，用于粘贴到网站内容管理系统
option-xlsx-formulas = 把“总计”单元格写成 SUM 公式（同时保存数值）；合计不等于各项之和的报告不能用
option-json-pretty = 缩进排版，每个键一行；false 时写成紧凑的一行
option-pdf-style = 版面：default（便于阅读）或 gbt9704（GB/T 9704-2012 公文版面）
option-pdf-standard = 文件遵循并据以检查的 PDF/A 级别，或 none
option-pdf-tagged = 带标记的 PDF：为读屏软件标出标题、段落和表格（a-2a、a-3a 自动带标记）
option-pdf-font = 正文和表格的字体文件（.ttf、.otf、.ttc），如仿宋；留空用自带的 Noto Serif SC
option-pdf-font-index = 字体集（.ttc）中 font 的序号，从 0 起
option-pdf-title-font = 标题的字体文件（.ttf、.otf、.ttc），如小标宋；留空用自带的 Noto Sans SC Bold
option-pdf-title-font-index = 字体集（.ttc）中 title_font 的序号，从 0 起
option-pdf-heading-font = 一级标题和表名的字体文件（.ttf、.otf、.ttc），如黑体；留空用标题字体
option-pdf-heading-font-index = 字体集（.ttc）中 heading_font 的序号，从 0 起
option-pdf-subheading-font = 二级标题的字体文件（.ttf、.otf、.ttc），如楷体；留空时 default 版面用一级标题字体，gbt9704 用正文字体
option-pdf-subheading-font-index = 字体集（.ttc）中 subheading_font 的序号，从 0 起
option-docx-style = official：GB/T 9704 版面（仿宋 3号，22 × 28 版心，— 1 — 式页码）；plain：Word 默认版面，宋体小四
option-docx-body-font = 正文字体，如仿宋；留空按版面（仿宋_GB2312 或宋体）
option-docx-title-font = 标题字体，如华文中宋；留空按版面（方正小标宋简体或黑体）
option-docx-heading-font = “一、”级标题和表名的字体；留空用黑体
option-docx-subheading-font = “（一）”级标题的字体，如楷体；留空按版面（楷体_GB2312 或楷体）
option-docx-table-font = 表格和页码的字体；留空用宋体
option-docx-latin-font = 西文字母和数字的字体；留空用 Times New Roman

## 帮助：about-<命令> 和 arg-<命令>-<参数>

help-usage = 用法：
heading-commands = 命令
heading-global = 全局选项
heading-arguments = 参数
heading-options = 选项
unknown-command = 未知的命令 `{ $command }`；见 nianbao --help

about-nianbao = 检查并生成政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）。
arg-nianbao-plugin-dirs = 从这个文件夹加载导出插件（动态库）；可多次给出，另见环境变量 NIANBAO_PLUGIN_PATH。
arg-nianbao-lang = 消息和帮助的语言：zh（中文）或 en（英文）；默认按 LC_ALL、LC_MESSAGES、LANG 判断。
arg-nianbao-color = 是否用颜色标出错误和警告：auto（在终端上用，设置了 NO_COLOR 时不用）、always（总是用）、never（不用）；默认 auto。
arg-nianbao-quiet = 只显示错误。
arg-nianbao-verbose = 显示更多：render、publish 时列出每份报告的全部检查结果，以及加载的插件。
arg-nianbao-help = 显示帮助。
arg-nianbao-version = 显示版本。

about-new = 生成报告文件模板：各行齐全，数字都是 0，每个键都注明官方中文名称。
arg-new-agency = 发布机关，如 威海市环翠区商务局。
arg-new-year = 报告年度，如 2024。
arg-new-output = 写入这个文件；不给出时显示在屏幕上（标准输出）。
arg-new-force = 覆盖已有的文件。

about-check = 按年报格式的规则检查报告：表格是否平衡、合计是否相符、正文与表格是否一致。
arg-check-files = 报告文件（.toml 或 .json），可给出多个。
arg-check-previous = 同一机关上一年度的报告，用于跨年度检查（X-CARRY、X-STOCK）。
arg-check-json = 以一个 JSON 数组输出检查结果。

about-render = 把报告生成为一种或多种格式的文件。
arg-render-files = 报告文件（.toml 或 .json），可给出多个。
arg-render-to = 要生成的格式，用逗号分隔，如 pdf,xlsx,html,txt（可用的格式见 nianbao formats）。
arg-render-output = 输出文件夹；默认为当前文件夹。
arg-render-options = 导出选项，写作 格式.键=值，如 txt.width=72；可多次给出。
arg-render-force = 即使检查发现错误也照样生成。
arg-render-jobs = 同时处理 N 份报告（默认每个处理器核心 4 份，或按 RAYON_NUM_THREADS）。

about-publish = 按接收方清单，为每个接收方生成它需要的格式，用它的选项。
arg-publish-files = 报告文件（.toml 或 .json），可给出多个。
arg-publish-recipients = 接收方清单文件：每个 [[recipient]] 写 name、formats、options。
arg-publish-output = 输出文件夹，默认为当前文件夹；每个接收方一个子文件夹，manifest.json 列出写出的每个文件。
arg-publish-force = 即使检查发现错误也照样生成。
arg-publish-jobs = 同时处理 N 份报告（默认每个处理器核心 4 份，或按 RAYON_NUM_THREADS）。

about-formats = 列出可用的格式及其选项。
arg-formats-json = 以 JSON 输出。

about-completions = 输出命令行补全脚本，如 nianbao completions bash > /etc/bash_completion.d/nianbao。
arg-completions-shell = Shell 名称：bash、zsh、fish、powershell 或 elvish。

about-man = 输出程序或某个命令的 man 手册页（roff 格式），如 nianbao man | man -l -。
arg-man-command = 命令名，如 check，输出这个命令的手册页。

about-help = 显示程序或某个命令的帮助。
arg-help-command = 命令名，如 check。

## 命令行用法错误

usage-empty-value = { $arg } 需要一个值
usage-invalid-value = { $arg } 的值“{ $value }”无效；可用的值：{ $valid }
usage-unknown-argument = 不认识的参数“{ $arg }”
usage-unknown-command = 不认识的命令“{ $command }”
usage-missing-argument = 缺少必须给出的参数：{ $args }
usage-missing-command = 请给出一个命令
usage-bad-value = { $arg } 的值“{ $value }”无效：{ $reason }
usage-conflict = { $arg } 不能与 { $other } 同时使用
usage-other = 命令行有误：{ $detail }
usage-tip = 提示：是不是要写“{ $suggestion }”？
usage-more = 加上 --help 可查看帮助。

## man 手册页

man-manual = nianbao 手册
man-name = 名称
man-synopsis = 概要
man-description = 说明
man-version = 版本
man-options = 选项
man-commands = 命令
man-exit-status = 退出状态
man-exit-0 = 成功（可以有警告）。
man-exit-1 = 报告有错误：check 发现了错误，render、publish 拒绝生成某份报告，或导入的报告有错误。
man-exit-2 = 用法、输入或环境错误：文件无法读取或写法有误、未知的格式或选项、某种格式生成失败、输入无法导入、所要的插件无法使用。
man-environment = 环境变量
man-env-lang = 消息的语言：其中第一个已设置的变量以 zh 开头时用中文，否则用英文；--lang 优先于它们。
man-env-no-color = 设置了且不为空时，--color auto 不用颜色。
man-env-plugin-path = 更多的插件文件夹（路径列表，以 `:` 分隔）。
man-env-rayon = 未给出 --jobs 时，render 和 publish 同时处理的报告数。
man-see-also = 另见
man-guide = 中文用户指南：nianbao 源代码中的 docs/用户指南.md。

## 插件在独立进程中运行、不可用的插件库、扩展名冲突、nianbao plugin new

arg-nianbao-plugins-in-process = 在 nianbao 自身进程内运行插件：启动更快，但插件卡住、向标准输出打印或崩溃时会连带 nianbao，且 --plugin-timeout 不起作用。
arg-nianbao-plugin-timeout = 一次插件调用最长可用的秒数（默认 60），如 2.5；超时后插件进程被终止，这次调用失败。
plugin-unusable-note = nianbao: 不可用：{ $error }
plugin-mode-out-of-process = 在独立进程中运行
plugin-mode-in-process = 在 nianbao 进程内运行（--plugins-in-process）
formats-plugin-versions = 插件：SDK { $sdk }，ABI { $abi }，文档 schema { $document }，交换 schema { $interchange }；{ $mode }
formats-unusable = 不可用：{ $error }
unknown-format-unusable-claims = `{ $id }` 是一个无法使用的插件库的格式：
unknown-format-unusable-maybe = 以下插件库无法使用，其中可能有提供 `{ $id }` 的：
unknown-format-plugin-hint = 提示：插件的库文件位于 --plugin-dir DIR 给出的文件夹或 NIANBAO_PLUGIN_PATH 列出的文件夹（文件夹之间用 `{ $separator }` 分隔）中时，它的格式才可用；参见 `nianbao formats`
extension-clash-format = `{ $id }`（{ $origin }）
extension-clash = 格式 { $first } 和 { $last } 写出的文件扩展名都是 .{ $extension }，不能生成到同一个文件夹：请把它们分别生成到不同的文件夹
about-plugin = 插件作者用的工具。
about-plugin-new = 为格式 NAME 写出一个新的导出插件 crate，可直接测试和构建：Cargo.toml、带一个选项的 src/lib.rs、用样例报告的测试。
arg-plugin-new-name = 格式 id：1 至 16 个 a-z、0-9 字符，如 csv；也是文件扩展名。
arg-plugin-new-output = crate 的文件夹（默认 nianbao-NAME）；不存在则创建，已存在则须为空。
arg-plugin-new-sdk-path = 依赖这个文件夹中的 SDK：nianbao 源代码中的 crates/nianbao-plugin-sdk，或源代码文件夹本身（默认：构建这个 nianbao 所用的源代码）。
arg-plugin-new-sdk-git = 改为依赖这个 nianbao git 仓库中的 SDK。
arg-plugin-new-sdk-tag = 与 --sdk-git 一起用：将加载插件的 nianbao 版本的标签，如 v0.1.0。
plugin-new-bad-id = 格式 id `{ $id }` 不是 1 至 16 个 a-z、0-9 字符：它也是文件扩展名和 crate 名称的一部分
plugin-new-not-empty = { $dir } 已存在且不为空；请用 -o DIR 另选一个文件夹
plugin-new-not-sdk = --sdk-path { $path }：它和其中的 crates/nianbao-plugin-sdk 都不是 nianbao-plugin-sdk crate；请给出 nianbao 源代码中 SDK 的文件夹，或源代码文件夹本身
plugin-new-sdk-unknown = 构建这个 nianbao 所用的 SDK 源代码已不在原处，SDK 也没有发布到 crates.io：请给出 --sdk-path DIR（nianbao 源代码中的 crates/nianbao-plugin-sdk）或 --sdk-git URL [--sdk-tag TAG]（nianbao 的仓库）
plugin-new-sdk = 它依赖 nianbao-plugin-sdk = { $dependency }
plugin-new-next =
    接下来：测试、构建，并看 nianbao 是否列出它：
      cd { $dir } && cargo test && cargo build --release && nianbao --plugin-dir target/release formats

## nianbao import 和 nianbao new --to xlsx

about-import = 把填好的工作簿和已发布的报告（网页、Word、PDF、文本、JSON）导入为报告文件，并加以检查。
arg-import-files = 要导入的文件：.xlsx/.xls 工作簿（nianbao new --to xlsx 生成的填报表、xlsx 格式导出的工作簿、使用官方表格标签的任何工作簿）、.html 网页、.docx、.pdf（需要 pdftotext）、.txt、.json；可给出多个。
arg-import-output = 输出文件夹，默认为当前文件夹；每个输入文件在其中生成一个 <文件名>.toml。
arg-import-force = 覆盖已有的报告文件和 --summary 文件。
arg-import-partial = 有数值没找到时，也写出已找到的部分：每处缺项注释掉并标“缺”；这样的文件不做检查，补全缺项后才能读取。
arg-import-blank-as-zero = 把空白的表格单元格读作 0（其注释会注明）；不加此项时，空白单元格算作缺项。
arg-import-summary = 同时写出审查表，.xlsx 或 .csv（带 BOM 的 UTF-8）：每个输入文件的发布机关、年度、文件名、导入状态和每一条检查结果。
arg-import-jobs = 同时导入 N 个文件（默认每个处理器核心 4 个，或按 RAYON_NUM_THREADS）。
arg-new-to = 生成什么：toml（报告文件，默认）或 xlsx（供填写的工作簿：官方表格，只有数值单元格可填写；须用 -o FILE 给出文件）。
new-xlsx-needs-output = --to xlsx 生成的是工作簿：请用 -o FILE 给出文件名，如 -o 年报填报表.xlsx
import-exists = { $path } 已存在；如要覆盖，请加 --force
import-summary-extension = --summary { $path }：审查表只能写成 .xlsx 或 .csv，请按此给文件命名
import-summary-failed = 无法写入审查表 { $path }：{ $error }
import-would-replace-input = { $file }：它的报告文件 { $output } 会覆盖这个输入文件本身；请用 -o DIR 写到别的文件夹
import-file-does-not-read = { $file }：由它生成的报告文件无法读回，因此没有写出（这是 nianbao 的缺陷，请报告）：{ $error }
import-summary = { $file }: 找到 6 个部分中的 { $sections } 个，读取表格单元格 { $cells }/{ $total }；{ $checks }
import-checks-ok = 通过，所有检查均未发现问题
import-checks-counts = { $errors } 个错误，{ $warnings } 个警告，{ $notes } 个提示
import-checks-skipped = 缺 { $missing } 项：已写出并标明缺项，未做检查
import-not-written-missing = 缺 { $missing } 项：未写出
import-not-written = 未写出
import-incomplete = { $file }：报告中有 { $count } 项数值没有找到：
import-incomplete-hint = 没有写出任何文件；加 --partial 可写出已找到的部分，并标明缺项
import-partial = { $file }：报告中有 { $count } 项数值没有找到，已在 { $output } 中标为“缺”：
import-missing-more = ……（共 { $count } 项）
import-warning = { $file }: 提示：{ $warning }
import-unreadable = 无法读取 { $path }：{ $error }
import-unknown-kind = { $path }：不是 nianbao 能导入的文件类型（.xlsx、.xls、.html、.docx、.pdf、.txt、.json、.toml）
import-not-a-report = { $path }：不是政府信息公开工作年度报告：{ $reason }
import-pdftotext-missing = { $path }：读取 PDF 需要 pdftotext，但没有找到；请安装 Debian 软件包 poppler-utils（apt-get install poppler-utils）
import-pdf-encrypted = { $path }：PDF 已加密（设有密码），无法读取其中的文字
import-pdf-no-text = { $path }：PDF 中没有可读取的文字（{ $pages } 页，{ $chars } 个字符）：扫描件或转为曲线的文字须先做文字识别（OCR）
import-pdftotext-failed = { $path }：pdftotext 出错：{ $message }
import-workbook-encrypted = { $path }：工作簿设有密码；请去掉密码另存后再导入
import-workbook-unreadable = { $path }：无法读取工作簿：{ $message }
import-docx-unreadable = { $path }：无法读取 Word 文档：{ $message }
