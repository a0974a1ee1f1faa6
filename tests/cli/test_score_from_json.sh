#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `score` reads back what `score --format json` wrote (through the importer, as
# `--from json` or by its name): on every sample and every seed's import, the second
# scoring gives each project the same total and grade, each indicator the same score, and
# the same findings (code and severity, as many of each) as the first. A value's spelling
# may come back canonical (＝4次 as =4次), so the messages are not compared.
# Usage: test_score_from_json.sh /path/to/jixiao
. "$(dirname "$0")/lib.sh"

seeds=$here/../import/seeds
samples=$here/../../samples
inputs=()
for s in "$samples"/*.jx; do inputs+=("$s"); done
for s in "$seeds"/*.txt; do
  n=$(basename "$s" .txt)
  "$bin" import -o "$work/$n.jx" "$s" 2>/dev/null
  inputs+=("$work/$n.jx")
done

same() {
  python3 - "$1" "$2" <<'PY'
import collections, json, sys
def key(p):
    return (p["name"], p["total"], p["grade"],
            sorted(collections.Counter((w["code"], w["severity"]) for w in p["warnings"]).items()),
            [(i["path"], i["score"]) for i in p["indicators"]])
a, b = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:3])
ka, kb = [key(p) for p in a["projects"]], [key(p) for p in b["projects"]]
if ka != kb:
    for x, y in zip(ka, kb):
        if x != y:
            print("first differing project:", x[0], x[1:3], "then", y[1:3])
            break
    sys.exit(1)
if not ka or not any(p["warnings"] for p in a["projects"]):
    sys.exit(2)  # nothing compared
PY
}

for f in "${inputs[@]}"; do
  n=$(basename "$f" .jx)
  "$bin" score --format json -o "$work/$n.json" "$f" 2>/dev/null
  "$bin" score --format json -o "$work/$n.back.json" --from json "$work/$n.json" 2>"$work/$n.err"
  if same "$work/$n.json" "$work/$n.back.json"; then ok; else fail "$n: --from json scores differently"; fi
  # by its name, without --from: the same
  "$bin" score --format json -o "$work/$n.named.json" "$work/$n.json" 2>/dev/null
  if same "$work/$n.json" "$work/$n.named.json"; then ok; else fail "$n: a .json file read by its name"; fi
done
expect 2 "an unknown --from" -- "$bin" score --from nothing "$work/yuecheng-2024.json"
finish test_score_from_json
