#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of `jixiao import` reading workbooks: an .xlsx twin of a
# tab-separated 绩效目标表, its 一级/二级 cells merged down the rows, imports to the same
# rule text; the choice of sheet; a corrupt or truncated workbook is an error (exit 1).
# The workbooks are made by openpyxl (tests/tables/zj-target/README.md).
# Usage: test_import_workbook.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

zj=$here/../tables/zj-target
has() { if grep -qF -- "$2" "$1"; then ok; else fail "$1 lacks: $2"; sed 's/^/  | /' "$1"; fi; }

# --- the same rule text as the tab-separated twin -----------------------------------------
expect 0 "import table.txt" -- "$bin" import "$zj/table.txt"
tail -n +2 "$work/out" >"$work/txt.out"
sed "s|$zj/table.txt|F|; s/[[:space:]]*$//" "$work/err" | grep -v '^F：项目' >"$work/txt.err"
expect 0 "import table.xlsx" -- "$bin" import "$zj/table.xlsx"
tail -n +2 "$work/out" >"$work/xlsx.out"
sed "s|$zj/table.xlsx|F|; s/[[:space:]]*$//" "$work/err" | grep -v '^F：项目' >"$work/xlsx.err"
if [ -s "$work/txt.out" ] && cmp -s "$work/txt.out" "$work/xlsx.out"; then ok; else
  fail "xlsx imports to other rule text"; diff "$work/txt.out" "$work/xlsx.out" | head -20; fi
# the same findings at the same rows (the quoted line loses only its trailing tabs)
if cmp -s "$work/txt.err" "$work/xlsx.err"; then ok; else fail "other findings"; diff "$work/txt.err" "$work/xlsx.err" | head; fi
has "$work/out" "# 由“$zj/table.xlsx”导入（表格格式 zj-target，编码 xlsx）"
# 6 projects and 28 indicators, as from the text (counted in tests/golden/import-zj-target)
has "$work/err" "项目 6 个，指标 28 条"

# --- from a pipe or standard input -------------------------------------------------------
# A workbook in a regular file is read from the file as the reader needs it; one on a pipe
# or standard input is read whole first: the same rule text all three ways.
expect 0 "table.xlsx on standard input" -- "$bin" import - <"$zj/table.xlsx"
tail -n +2 "$work/out" >"$work/stdin.out"
if [ -s "$work/stdin.out" ] && cmp -s "$work/txt.out" "$work/stdin.out"; then ok; else
  fail "xlsx on standard input: other rule text"; diff "$work/txt.out" "$work/stdin.out" | head; fi
expect 0 "table.xlsx through a pipe" -- "$bin" import <(cat "$zj/table.xlsx")
tail -n +2 "$work/out" >"$work/pipe.out"
if [ -s "$work/pipe.out" ] && cmp -s "$work/txt.out" "$work/pipe.out"; then ok; else
  fail "xlsx through a pipe: other rule text"; diff "$work/txt.out" "$work/pipe.out" | head; fi

# --- the rule text a reader imports -----------------------------------------------------
# audit, score and vet read a table through the importer, whose rule text is held in memory
# up to 1 MiB and past that in a file in $TMPDIR (test_reader's test_import_held_in_a_file);
# a table this size never needs one, so a temporary folder that cannot be used changes
# nothing: the same report.
expect 1 "audit table.xlsx (it finds an error)" -- "$bin" audit --format json "$zj/table.xlsx"
cp "$work/out" "$work/audit.json"
expect 1 "audit table.xlsx without a temporary directory" -- env TMPDIR="$work/no-such-dir" "$bin" audit --format json "$zj/table.xlsx"
if [ -s "$work/audit.json" ] && cmp -s "$work/audit.json" "$work/out"; then ok; else
  fail "audit without a temporary directory: other report"; diff "$work/audit.json" "$work/out" | head; fi
has "$work/audit.json" '"summary":{"projects":6'

# --- which sheet -----------------------------------------------------------------------
expect 0 "two.xlsx" -- "$bin" import "$zj/two.xlsx"
has "$work/err" "warning: 只导入了工作表“绩效目标表”；工作簿中还有 1 张可识别的工作表未导入：“目标表（复制）”（用 --sheet 选择） [sheets-not-imported]"
tail -n +2 "$work/out" >"$work/two.out"
if cmp -s "$work/txt.out" "$work/two.out"; then ok; else fail "two.xlsx: other rule text"; fi
expect 0 "--sheet by number" -- "$bin" import --sheet 3 "$zj/two.xlsx"
if ! grep -q 'sheets-not-imported' "$work/err"; then ok; else fail "--sheet: no warning"; fi
tail -n +2 "$work/out" >"$work/three.out"
if cmp -s "$work/txt.out" "$work/three.out"; then ok; else fail "--sheet 3: other rule text"; fi
expect 0 "--sheet by name" -- "$bin" import --sheet 目标表（复制） "$zj/two.xlsx"
expect 1 "--sheet of notes" -- "$bin" import --sheet 说明 "$zj/two.xlsx"
has "$work/err" "无法识别表格格式"
expect 1 "--sheet missing" -- "$bin" import --sheet 9 "$zj/two.xlsx"
has "$work/err" "工作簿中没有工作表“9”；共有 3 个工作表：“说明”、“绩效目标表”、“目标表（复制）”"

# --- broken workbooks -------------------------------------------------------------------
head -c 3000 "$zj/table.xlsx" >"$work/cut.xlsx"
expect 1 "truncated xlsx" -- "$bin" import "$work/cut.xlsx"
has "$work/err" "[table]"
printf 'PK\003\004 not really a zip' >"$work/fake.xlsx"
expect 1 "not a zip" -- "$bin" import "$work/fake.xlsx"
# and the same workbook as --actuals: a clear error, exit 1
expect 1 "truncated xlsx as actuals" -- "$bin" score --actuals "$work/cut.xlsx" "$here/../tables/demo.jx"
has "$work/err" "[table]"

# --- number formats: a percent cell is the percent a person sees ---------------------------
# tests/tables/percent.xlsx, written by openpyxl:
#   ws.append(["日常运维经费", "301001-大数据发展管理中心", "系统可用率", 0.97]); number_format "0%"
#   满意率 0.9312 as "0.00%", 服务人次 1200 as "#,##0", 巡检次数 12, 工作效率 "提升"
# 系统可用率 97% ≥ 95% → 20.00; 满意率 93.12% ≥ 90% → 10.00; 服务人次 1200 ≥ 1000 → 20.00
expect 0 "percent cells" -- "$bin" score --actuals "$here/../tables/percent.xlsx" --format csv "$here/../tables/demo.jx"
has "$work/out" "日常运维经费,产出指标,质量指标,系统可用率,≥95%,97%,20,20.00,ge-met,100.00,优,"
has "$work/out" "日常运维经费,满意度指标,服务对象满意度,满意率,≥90%,93.12%,10,10.00,ge-met,100.00,优,"
has "$work/out" "日常运维经费,产出指标,数量指标,服务人次,≥1000人次,1200,20,20.00,ge-met,100.00,优,"

# --- actuals in a workbook: the sheets whose header is recognised, a title above it ---------
# tests/tables/sheets.xlsx (openpyxl): 填表说明 (a note), then 实际完成值 with a merged
# title in row 1 and the header in row 3 (项目名称, 预算单位, …). 302001: 服务人次 900 →
# 18.00, 满意率 0.85 as 0% → 85% → 10 × 85 / 90 = 9.44; the rest missing: 27.44
expect 0 "actuals workbook" -- "$bin" score --actuals "$here/../tables/sheets.xlsx" --format csv "$here/../tables/demo.jx"
has "$work/out" "日常运维经费,满意度指标,服务对象满意度,满意率,≥90%,85%,10,9.44,ge-ratio,27.44,差,"
has "$work/err" "note: 工作表“填表说明”没有可识别的表头（项目、三级指标、实际完成值，或项目、全年预算等项目列），未读取 [actuals]"
expect 1 "actuals --sheet of the note" -- "$bin" score --actuals "$here/../tables/sheets.xlsx" --sheet 1 "$here/../tables/demo.jx"
has "$work/err" "sheets.xlsx[填表说明]:1:1: error: 表头缺少“实际完成值”列 [actuals]"
expect 0 "actuals --sheet by name" -- "$bin" score --actuals "$here/../tables/sheets.xlsx" --sheet 实际完成值 "$here/../tables/demo.jx"

# --- a password-protected workbook: refused as such, exit 1 ------------------------------
xls_data=$here/../unit/data/xls
for f in encrypted.xlsx encrypted.xls; do
  expect 1 "$f as actuals" -- "$bin" score --actuals "$xls_data/$f" "$here/../tables/demo.jx"
  has "$work/err" "密码"
  expect 1 "$f imported" -- "$bin" import "$xls_data/$f"
  has "$work/err" "密码"
done

# --- audit reads tables with --encoding and --sheet too ----------------------------------
# (both tables end with 绍兴市疫情管控平台, whose weights add up to 10 + 20 + 10 = 40, not
# 100: weight-sum is an error on it, so the audit exits 1 with every project read)
iconv -f UTF-8 -t GB18030 "$zj/table.txt" >"$work/gb.txt"
expect 1 "audit --encoding gbk" -- "$bin" audit --format csv --encoding gbk "$work/gb.txt"
has "$work/out" "2021年重点人员管控组保障经费"
expect 1 "audit --encoding utf-8 on GB18030 bytes" -- "$bin" audit --encoding utf-8 "$work/gb.txt"
expect 1 "audit --sheet" -- "$bin" audit --sheet 目标表（复制） "$zj/two.xlsx"
if ! grep -q 'sheets-not-imported' "$work/err"; then ok; else fail "audit --sheet: no warning"; fi

finish test_import_workbook
