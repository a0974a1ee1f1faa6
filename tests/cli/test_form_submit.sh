#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-program tests of the 自评表 as it is handed in (`jixiao score`, the formats text,
# html, md, xlsx, txt):
#   - `--findings none` leaves out the findings appendix under each form and nothing else:
#     the output is the `--findings appendix` output with the appendix cut out (worked
#     out here per format from where the appendix begins and ends, below), the exit
#     status is that of the appendix run, whose findings go to standard error; json and csv ignore it;
#   - the foot to sign (填报人 · 审核人 · 联系电话 · 填报日期, in that order) comes once per
#     project, after 自评结论 and before the appendix; in the workbook within the print area;
#   - the 其他需说明的问题 row of the printed form (html) after 整改措施及建议, before 绩效指标;
#   - a file given by an absolute path is named by its file name alone in every format's
#     output, a relative one as given.
# Usage: test_form_submit.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

read_book() { python3 "$here/xlsx_read.py" "$@"; }
samples=$(cd "$here/../../samples" && pwd)
export TMPDIR=$work/tmp
mkdir -p "$TMPDIR"

# count FILE TEXT N: FILE holds TEXT on exactly N lines
count() {
  local n
  n=$(grep -cF -- "$2" "$1")
  if [ "$n" = "$3" ]; then ok; else fail "$1: “$2” on $n lines, want $3"; fi
}
# lacks FILE TEXT: FILE does not hold TEXT
lacks() { if grep -qF -- "$2" "$1"; then fail "$1 holds: $2"; else ok; fi; }
# same FILE1 FILE2 WHAT: the files are the same bytes
same() { if cmp -s "$1" "$2"; then ok; else fail "$3"; diff "$1" "$2" | head -20 | sed 's/^/  | /'; fi; }

# cut_appendix FORMAT IN OUT: IN with each form's appendix cut out, as the format draws it
# (render_*.c), and prints how many were cut: text — the blank line before "错误（", "警告（"
# or "提示（" and every line after it up to the blank line before the next form's title
# (项目支出绩效自评表) or the end; txt — the blank line before "检查发现（" and the lines up
# to the blank line before the next form's rule "----------" or the end; md — the blank line
# before "### 检查发现（" and the lines up to the blank line before the next "## " or the
# end; html — "<h2>附：检查发现（" to the "</table>" that closes its table.
cut_appendix() {
  python3 - "$@" <<'EOF'
import re, sys
fmt, src, dst = sys.argv[1:4]
s = open(src, encoding="utf-8").read()
if fmt == "text":
    pat = r"(?<=\n)\n(?:错误|警告|提示)（.*?\n(?=\n项目支出绩效自评表\n|\Z)"
elif fmt == "txt":
    pat = r"(?<=\n)\n检查发现（.*?\n(?=\n----------\n|\Z)"
elif fmt == "md":
    pat = r"(?<=\n)\n### 检查发现（.*?\n(?=\n## |\Z)"
else:
    pat = r"<h2>附：检查发现（.*?</table>\n"
out, n = re.subn(pat, "", s, flags=re.S)
open(dst, "w", encoding="utf-8").write(out)
print(n)
EOF
}

yc=$samples/yuecheng-2024.jx   # two projects: 7 and 8 findings (the golden score-text)
wa=$samples/wangan-2025-review.jx # one project, one warning

# --- --findings none: the appendix run with its appendix cut out -------------------------
for fmt in text txt md html; do
  "$bin" score --format "$fmt" "$yc" "$wa" >"$work/a.$fmt" 2>"$work/a.err"
  acode=$?
  "$bin" score --format "$fmt" --findings none "$yc" "$wa" >"$work/n.$fmt" 2>"$work/n.err"
  ncode=$?
  if [ "$ncode" = "$acode" ] && [ "$acode" = 0 ]; then ok; else fail "$fmt: exit $ncode with none, $acode with the appendix"; fi
  # the findings the appendices held (7 + 8 + 1) go to standard error instead, one
  # `file:line:col: severity:` line each (with the source line quoted under it)
  if [ ! -s "$work/a.err" ]; then ok; else fail "$fmt: the appendix run wrote to standard error"; fi
  nd=$(grep -cE '^[^ ].*\.jx:[0-9]+:[0-9]+: (warning|note): ' "$work/n.err")
  if [ "$nd" = 16 ]; then ok; else fail "$fmt: $nd findings on standard error with none, want 16"; fi
  # three forms, three appendices (7, 8 and 1 findings) cut
  cuts=$(cut_appendix "$fmt" "$work/a.$fmt" "$work/cut.$fmt")
  if [ "$cuts" = 3 ]; then ok; else fail "$fmt: $cuts appendices cut, want 3"; fi
  same "$work/cut.$fmt" "$work/n.$fmt" "$fmt: --findings none is not the appendix run without its appendices"
  # --findings appendix is the default
  "$bin" score --format "$fmt" --findings appendix "$yc" "$wa" >"$work/d.$fmt" 2>/dev/null
  same "$work/a.$fmt" "$work/d.$fmt" "$fmt: --findings appendix is not the default"
done
# nothing of a finding is left: no code, no position, no file name
for fmt in text txt md html; do
  lacks "$work/n.$fmt" "vague-actual"
  lacks "$work/n.$fmt" "over-target"
  lacks "$work/n.$fmt" "检查发现"
  lacks "$work/n.$fmt" ".jx"
done
lacks "$work/n.text" "警告（"

# the workbook: the same sheets, and on each project's sheet the same cells down to the
# foot; after it the appendix run has a blank row, 警告（N） and a row per finding, the
# none run nothing. The print area (the form and its foot) is the same.
"$bin" score --format xlsx -o "$work/a.xlsx" "$yc" "$wa" 2>/dev/null
"$bin" score --format xlsx --findings none -o "$work/n.xlsx" "$yc" "$wa" 2>/dev/null
read_book sheets "$work/a.xlsx" >"$work/as"
read_book sheets "$work/n.xlsx" >"$work/ns"
same "$work/as" "$work/ns" "xlsx: the sheets differ"
# the foot's row, after 自评结论 and a blank row: 24 for 越城区电子政务云资源服务项目
# (自评结论 at 22, test_xlsx.sh); 26 for 越城区网络安全运营中心项目, whose 目标偏离原因分析
# takes row 10, the indicators' head 11, 产出指标 6 rows (数量 3, 质量, 时效, 成本 1 each)
# 12–17, 效益指标 4 rows 18–21, 满意度 22, 总分 23, 自评结论 24; 29 for 区政务网络安全运营项目
# (自评结论 27, test_xlsx.sh). The findings, 7, 8 and 1, after another blank row.
for spec in "1 0 0" "2 24 7" "3 26 8" "4 29 1"; do
  set -- $spec
  read_book cells "$work/a.xlsx" "$1" >"$work/ac$1"
  read_book cells "$work/n.xlsx" "$1" >"$work/nc$1"
  if [ "$2" = 0 ]; then
    same "$work/ac$1" "$work/nc$1" "xlsx: the list differs"
    continue
  fi
  python3 - "$work/ac$1" "$work/nc$1" "$2" "$3" <<'EOF' >"$work/why" && ok || { fail "xlsx sheet: $(cat "$work/why")"; }
import re, sys
a, n, foot, nfind = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
def rows(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        ref, _, v = line.rstrip("\n").partition("\t")
        out[ref] = v
    return out
ca, cn = rows(a), rows(n)
row = lambda ref: int(re.sub(r"[A-Z]", "", ref))
upto = {k: v for k, v in ca.items() if row(k) <= foot}
if upto != cn or not cn.get("A%d" % foot, "").startswith("填报人："):
    print("none differs from the appendix run down to the foot, or its foot is not at", foot)
    sys.exit(1)
below = sorted((row(k), v) for k, v in ca.items() if row(k) > foot)
want = [foot + 2 + i for i in range(nfind + 1)]
if [r for r, _ in below] != want or not below[0][1].startswith("警告（%d）" % nfind):
    print("appendix rows", below[:2], "want", want[:2])
    sys.exit(1)
EOF
  read_book setup "$work/a.xlsx" "$1" | grep Print_Area >"$work/ap"
  read_book setup "$work/n.xlsx" "$1" | grep Print_Area >"$work/np"
  same "$work/ap" "$work/np" "xlsx sheet $1: the print area differs"
  count "$work/np" "\$A\$1:\$H\$$2" 1
done

# json and csv ignore it: the same bytes
for fmt in json csv; do
  "$bin" score --format "$fmt" "$yc" "$wa" >"$work/a.$fmt" 2>/dev/null
  "$bin" score --format "$fmt" --findings none "$yc" "$wa" >"$work/n.$fmt" 2>/dev/null
  same "$work/a.$fmt" "$work/n.$fmt" "$fmt: --findings none changed it"
done

# a project with errors after scoring (weight-sum) keeps its exit status 1 and its errors on
# standard error
w110=$here/../golden/score-rules-weight-sum/weights-110.jx
expect 1 "weight-sum with the appendix" -- "$bin" score "$w110"
cp "$work/err" "$work/w.err"
expect 1 "weight-sum without the appendix" -- "$bin" score --findings none "$w110"
# …and the rest of its findings with them: every line of the appendix run's standard error is there
if grep -vxF -f "$work/err" "$work/w.err" | grep -q .; then fail "weight-sum: errors lost with --findings none"; else ok; fi
lacks "$work/out" "错误（"

# usage: an unknown way, no way; --help lists the option
expect 2 "--findings bogus" -- "$bin" score --findings bogus "$yc"
if grep -qF "未知的 --findings 方式“bogus”，可用 appendix、none" "$work/err"; then ok; else fail "--findings bogus: $(cat "$work/err")"; fi
if [ ! -s "$work/out" ]; then ok; else fail "--findings bogus wrote a report"; fi
expect 2 "--findings without a way" -- "$bin" score "$yc" --findings
expect 0 "score --help" -- "$bin" score --help
if grep -qE '^  --findings 方式 +appendix（默认）' "$work/out"; then ok; else fail "score --help lacks --findings"; fi

# --- the foot: once per project, in order, after 自评结论 and before the appendix --------------
# text: one line each form, the four labels in order, after the bands and before 警告（
count "$work/a.text" "填报人：____________    审核人：____________    联系电话：____________    填报日期：____年____月____日" 3
count "$work/n.text" "填报人：" 3
if python3 - "$work/a.text" <<'EOF'; then ok; else fail "text: the foot is not between 自评结论 and the appendix"; fi
import sys
s = open(sys.argv[1], encoding="utf-8").read()
forms = s.split("项目支出绩效自评表\n")[1:]
sys.exit(0 if len(forms) == 3 and all(f.index("自评结论") < f.index("填报人：") < f.index("警告（") for f in forms) else 1)
EOF
# txt: a line for each label, nothing after "：", once per form
for label in 填报人 审核人 联系电话 填报日期; do
  if [ "$(grep -cx "$label：" "$work/a.txt")" = 3 ]; then ok; else fail "txt: $label： not on 3 lines"; fi
done
if [ "$(grep -A3 -x '填报人：' "$work/a.txt" | grep -v -- -- | tr '\n' ' ')" = "$(printf '%s ' 填报人： 审核人： 联系电话： 填报日期： 填报人： 审核人： 联系电话： 填报日期： 填报人： 审核人： 联系电话： 填报日期：)" ]; then ok; else fail "txt: the foot's lines are not in order"; fi
# md: a table of the four heads over the blanks, once per form
count "$work/a.md" "| 填报人 | 审核人 | 联系电话 | 填报日期 |" 3
count "$work/a.md" "| 　　　　　　 | 　　　　　　 | 　　　　　　 | 　　年　　月　　日 |" 3
# html: a paragraph under each form's table, each label before its ruled blank
count "$work/a.html" '<p class="foot"><span>填报人：<span class="blank">　　　　　　</span></span><span>审核人：<span class="blank">　　　　　　</span></span><span>联系电话：<span class="blank">　　　　　　</span></span><span>填报日期：<span class="blank">　　年　　月　　日</span></span></p>' 3
count "$work/a.html" "p.foot .blank { border-bottom: 0.75pt solid #000; }" 1
# …between the form's table (its 自评结论) and the appendix: the line after the foot opens the
# appendix; the one before it closes the form's table
if [ "$(grep -A1 '^<p class="foot">' "$work/a.html" | grep -c '^<h2>附：检查发现（')" = 3 ] &&
   [ "$(grep -B1 '^<p class="foot">' "$work/a.html" | grep -c '^</tbody>$')" = 0 ] &&
   [ "$(grep -B1 '^<p class="foot">' "$work/a.html" | grep -c '^</table>$')" = 3 ]; then ok; else
  fail "html: the foot is not between the form's table and the appendix"; fi
# the workbook: one 填报人 cell per project sheet (A24, A26, A29: above), none on the list
for n in 2 3 4; do
  count "$work/ac$n" "填报人：" 1
  count "$work/ac$n" "填报日期：　　年　　月　　日" 1
done
count "$work/ac1" "填报人" 0

# --- the 其他需说明的问题 row (html): after 整改措施及建议, before 绩效指标, its value empty ---------
count "$work/a.html" '<tr><th scope="row" colspan="2">其他需说明的问题</th><td colspan="7" class="l"></td></tr>' 3
if python3 - "$work/a.html" <<'EOF'; then ok; else fail "html: 其他需说明的问题 is not after 整改措施及建议 and before 绩效指标"; fi
import sys
s = open(sys.argv[1], encoding="utf-8").read()
forms = s.split('<section class="sheet">')[1:]
sys.exit(0 if len(forms) == 3 and all(f.index("整改措施及建议") < f.index("其他需说明的问题") < f.index("绩效指标") for f in forms) else 1)
EOF

# --- file names: absolute ones by their name, relative ones as given --------------------------
# $samples is absolute: no output may name the folder it is in
for fmt in text txt md html; do
  "$bin" score --format "$fmt" "$yc" "$wa" >"$work/abs.$fmt" 2>/dev/null
  lacks "$work/abs.$fmt" "$samples"
  lacks "$work/abs.$fmt" "/samples/"
done
# …and each finding names the file: text and txt "yuecheng-2024.jx:19:41", md the same after
# the code, html the file once above each appendix ("文件：yuecheng-2024.jx") and line:col
count "$work/abs.text" "  yuecheng-2024.jx:19:41 [vague-actual]" 1
count "$work/abs.text" "  wangan-2025-review.jx:41:43 [over-target]" 1
count "$work/abs.txt" "- 警告 vague-actual yuecheng-2024.jx:19:41 " 1
count "$work/abs.md" '1. 警告 `vague-actual` yuecheng-2024.jx:19:41：' 1
count "$work/abs.html" '<p class="file">文件：yuecheng-2024.jx</p>' 2
count "$work/abs.html" '<p class="file">文件：wangan-2025-review.jx</p>' 1
count "$work/abs.html" '<td>vague-actual</td><td>19:41</td>' 1
"$bin" score --format xlsx -o "$work/abs.xlsx" "$yc" "$wa" 2>/dev/null
mkdir "$work/unz" && (cd "$work/unz" && unzip -q "$work/abs.xlsx")
if grep -rqF "$samples" "$work/unz"; then fail "xlsx: the folder is named in $(grep -rlF "$samples" "$work/unz")"; else ok; fi
read_book cells "$work/abs.xlsx" 2 >"$work/absc"
count "$work/absc" "	yuecheng-2024.jx:19:41 [vague-actual] " 1
# relative: as given, from the folder the command runs in
(cd "$here/.." && "$bin" score --format text ../samples/yuecheng-2024.jx >"$work/rel.text" 2>/dev/null)
count "$work/rel.text" "  ../samples/yuecheng-2024.jx:19:41 [vague-actual]" 1
(cd "$here/.." && "$bin" score --format html ../samples/wangan-2025-review.jx >"$work/rel.html" 2>/dev/null)
count "$work/rel.html" '<p class="file">文件：../samples/wangan-2025-review.jx</p>' 1
# standard error keeps the path as given (it is not the form): a syntax error names it
printf '项目 坏 {\n  一级指标 产出指标 {\n' >"$work/bad.jx"
expect 1 "syntax error, absolute" -- "$bin" score "$work/bad.jx"
if grep -qF "$work/bad.jx:" "$work/err"; then ok; else fail "stderr does not name $work/bad.jx"; cat "$work/err"; fi

finish test_form_submit
