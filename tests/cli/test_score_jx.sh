#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `score --format jx`: for every sample and every imported seed, the rule text written (A)
# is written again the same byte for byte from A, and A scores as its source did —
# per project the total, grade and claims, per indicator (by path) score, method and
# claim, and the codes of the findings. Then the merge: demo.jx scored with the actuals
# table holds every actual and reason of the table, and scores as demo-filled.jx (demo.jx
# with the same actuals written in by hand, tests/tables/README.md).
# Usage: test_score_jx.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"
root=$(cd "$here/../.." && pwd)

# same_scores A.json B.json WHAT: the scoring fields of two `score --format json` agree
same_scores() {
  if python3 - "$1" "$2" <<'EOF'; then ok; else fail "$3: scores differ"; fi
import json, sys
from collections import Counter

def fields(path):
    doc = json.load(open(path, encoding="utf-8"))
    seen, out = Counter(), {}
    for p in doc["projects"]:
        key = (p["name"], p["org"])
        seen[key] += 1  # projects sharing a name and 单位 are told apart by their order
        inds = {tuple(i["path"]): (i["score"], i["method"], i["claimed"]) for i in p["indicators"]}
        codes = sorted(w["code"] for w in p.get("warnings", []))
        out[key + (seen[key],)] = (p["total"], p["grade"], p["claimed_total"], p["claimed_grade"], inds, codes)
    return out

a, b = fields(sys.argv[1]), fields(sys.argv[2])
if a != b:
    for k in sorted(set(a) | set(b), key=str):
        if a.get(k) != b.get(k):
            print("  |", k, "\n  | source:", a.get(k), "\n  | jx:    ", b.get(k))
    sys.exit(1)
if not a:
    print("  | no project scored")
    sys.exit(1)
EOF
}

# round_trip SOURCE NAME: A = jx of SOURCE; jx of A == A; A scores as SOURCE
round_trip() {
  local src=$1 name=$2
  "$bin" score --format jx "$src" >"$work/$name.a.jx" 2>"$work/$name.a.err"
  local code=$?
  "$bin" score --format jx "$work/$name.a.jx" >"$work/$name.b.jx" 2>"$work/$name.b.err"
  local code2=$?
  # the exit code is that of the source (1 when a project scored with errors)
  if [ "$code" = "$code2" ] && [ "$code" -le 1 ]; then ok; else fail "$name: exit $code then $code2"; tail -n 3 "$work/$name.b.err"; fi
  if cmp -s "$work/$name.a.jx" "$work/$name.b.jx"; then ok; else
    fail "$name: not idempotent"; diff "$work/$name.a.jx" "$work/$name.b.jx" | head -n 10; fi
  "$bin" score --format json "$src" >"$work/$name.src.json" 2>/dev/null
  "$bin" score --format json "$work/$name.a.jx" >"$work/$name.a.json" 2>/dev/null
  same_scores "$work/$name.src.json" "$work/$name.a.json" "$name"
}

for f in "$root"/samples/*.jx; do
  round_trip "$f" "$(basename "$f" .jx)"
done

# the seeds, imported as tests/cli/test_import_seeds.sh imports them
for f in "$root"/tests/import/seeds/*.txt; do
  name=$(basename "$f" .txt)
  if "$bin" import -o "$work/$name.jx" "$f" 2>/dev/null; then ok; else fail "$name: import exit $?"; continue; fi
  round_trip "$work/$name.jx" "$name"
done

# --- awkward texts: quotes, backslashes, '#', full-width, keyword-like words and units,
# a name starting with a digit, claims on some indicators only. 30 × 45 / 60 = 22.50,
# =4次 A = T → 20.00, 定性 部分达成 → 10 × 70% = 7.00, ≥85分 actual 90分 → 40.00;
# claims: 22.5 on the first only, 总分 90 alone
cat >"$work/odd.jx" <<'EOF'
项目 "引号\"与\\反斜杠 # 不是注释" {
    主管部门 "３０１－大数据　管理"
    偏离原因 "权重 30 实际 45个"
    产出指标 70 { "数量#指标" 70 {
        "权重" ≥60个 权重 30 实际 45个 偏差 "见 \"附件\" \\ 第2页" 得分 22.5
        "60天办结" =4次 权重 20 实际 4次
        评分项 ≥85分 权重 20 实际 90分
    } }
    效益指标 30 { 社会效益 30 { 群众评价 定性 "好" 权重 10 实际 "较好" 评定 部分达成 ; 项目数 ≥3项目 权重 20 实际 3项目 } }
    总分 90
}
EOF
round_trip "$work/odd.jx" odd
# read back as written: a few lines checked by hand
has() { if grep -qF -- "$2" "$1"; then ok; else fail "$1 lacks: $2"; sed 's/^/  | /' "$1"; fi; }
has "$work/odd.a.jx" '项目 "引号\"与\\反斜杠 # 不是注释" {'
has "$work/odd.a.jx" '            "权重" ≥60个 权重 30 实际 45个 偏差 "见 \"附件\" \\ 第2页" 得分 22.5'
has "$work/odd.a.jx" '            评分项 ≥85分 权重 20 实际 90分'
has "$work/odd.a.jx" '            项目数 ≥3项目 权重 20 实际 3项目'
has "$work/odd.a.jx" '    总分 90'
if grep -v '^#' "$work/odd.a.jx" | grep -q '结论'; then fail "odd: a 结论 was made up"; else ok; fi

# --- a reason with a line break, from a quoted CSV cell, comes back as one
printf '项目,单位,三级指标,实际完成值,偏差原因\n日常运维经费,302001-数据资源中心,巡检次数,11,"第一行\n第二行"\n' >"$work/nl.csv"
"$bin" score --actuals "$work/nl.csv" --format jx "$root/tests/tables/demo.jx" >"$work/nl.jx" 2>/dev/null
has "$work/nl.jx" '巡检次数 =12次 权重 20 实际 11次 偏差 "第一行\n第二行"'
"$bin" score --format jx "$work/nl.jx" >"$work/nl2.jx" 2>/dev/null
if cmp -s "$work/nl.jx" "$work/nl2.jx"; then ok; else fail "line break: not idempotent"; fi

# --- the merge: demo.jx with tests/tables/actuals-bom.csv. Read from the table
# (tests/tables/README.md): 301001 服务人次 1,200 巡检次数 12 系统可用率 97% 工作效率 提升
# 满意率 93%; 302001 服务人次 900 “受疫情影响, 服务人次减少”, 巡检次数 11 “设备更换顺延一次”,
# 系统可用率 97%, 工作效率 提升, 满意率 85%. A number without a unit takes the target's
# unit as it is read (docs/dsl.md, Values), and is written with it.
"$bin" score --actuals "$root/tests/tables/actuals-bom.csv" --format jx "$root/tests/tables/demo.jx" \
  >"$work/merged.jx" 2>"$work/merged.err"
code=$?
if [ "$code" = 0 ]; then ok; else fail "merge: exit $code"; cat "$work/merged.err"; fi
python3 - "$work/merged.jx" <<'EOF' && ok || fail "merge: actuals missing"
import sys
text = open(sys.argv[1], encoding="utf-8").read()
blocks = text.split('\n项目 ')[1:]
want = {
    "301001": ["服务人次 ≥1000人次 权重 20 实际 1200人次\n", "巡检次数 =12次 权重 20 实际 12次\n",
               "系统可用率 ≥95% 权重 20 实际 97%\n", '工作效率 定性 "提升" 权重 30 实际 "提升"\n',
               "满意率 ≥90% 权重 10 实际 93%\n"],
    "302001": ['服务人次 ≥1000人次 权重 20 实际 900人次 偏差 "受疫情影响, 服务人次减少"\n',
               '巡检次数 =12次 权重 20 实际 11次 偏差 "设备更换顺延一次"\n',
               "系统可用率 ≥95% 权重 20 实际 97%\n", '工作效率 定性 "提升" 权重 30 实际 "提升"\n',
               "满意率 ≥90% 权重 10 实际 85%\n"],
}
assert len(blocks) == 2, len(blocks)
for b in blocks:
    org = "301001" if "301001-" in b else "302001"
    for line in want[org]:
        assert line in b, (org, line)
EOF
"$bin" score --format json "$work/merged.jx" >"$work/merged.json" 2>/dev/null
"$bin" score --format json "$root/tests/tables/demo-filled.jx" >"$work/filled.json" 2>/dev/null
same_scores "$work/filled.json" "$work/merged.json" "merge vs demo-filled.jx"
# 302001's total worked out in demo.jx's header: 95.77
if grep -q '"total":95.77' "$work/merged.json"; then ok; else fail "merge: 302001 total not 95.77"; fi

finish test_score_jx
