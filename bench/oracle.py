#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""oracle.py — an independent scorer for the files jx_gen writes.

    python3 bench/oracle.py FILE                        # NAME<TAB>TOTAL<TAB>GRADE per project
    python3 bench/oracle.py FILE --check TOTALS.tsv     # compare with jixiao's totals
    python3 bench/oracle.py --from-json REPORT.json     # jixiao's JSON report as that TSV

This is the benchmark's check of exactness: every project total jixiao computes on a
synthetic file must equal the one computed here. To be a check at all it shares nothing
with the engine: it is written from the written rules only (the official scoring rules,
docs/scoring.md, docs/dsl.md and the default policy rules/default.jx, read as a
specification), never from the C code that scores, and it neither loads nor runs jixiao.
It uses the Python standard library alone, and no binary floating point: numbers are
read as decimal.Decimal, and each score is one exact quotient of integers, rounded once,
half up, to hundredths.

It reads exactly the part of the rule language that bench/gen.c writes and refuses
anything else with the line it stopped at, rather than guess:

- 项目 "NAME" { … } blocks with 主管部门, 单位, 年度, 金额单位, 资金, 年度目标 (and the
  other statements of a project, which change no score);
- first- and second-level groups with declared points, a second-level group written
  over several lines, on one line around one indicator, or empty (`{}`);
- indicators `NAME TARGET 权重 W [实际 ACTUAL] [得分 S] [偏差 "…"]` where TARGET is
  a sign (≥ ≤ = ＝, also > <) with a number, an optional % and an optional unit
  (个, 人次, 个/月, 小时, 天, 万元, …), or 定性 "TEXT"; ACTUAL is a number with optional
  % and unit, the target restated with its sign, or "TEXT" [评定 达成|部分达成|未达成].

The rules applied (default policy 财政部2020, T target, A actual, w weight):

- no actual: 0. A quantitative actual written with a sign is scored at its number.
  An actual below 0: 0.
- ≥ (and >): A ≥ T gives w, else w × A / T.
- = : A = T gives w; T = 0 and A ≠ 0 gives 0; A < T gives w × A / T; A > T gives w.
- ≤ (and <): A ≤ T gives w; T = 0 gives 0; A ≥ 2T gives 0; else w × (2T − A) / T
  (反向 线性, computed as that one quotient).
- 定性: the 评定 written gives its share of w (达成 100 %, 部分达成 70 %, 未达成 30 %);
  without a 评定, an actual text equal to the target is 达成; a differing text without a
  评定 gives 0. A 评定 written beside a text equal to the target still decides: the
  official rules grade a 定性 indicator by its 评定, and docs/checks.md reads an equal
  text as 达成 only where no 评定 is given. A 得分 claimed with a 评定 (or with an actual equal to the target) is the
  score when it lies in the 评定's band (达成 [80 %, 100 %], 部分达成 [60 %, 80 %),
  未达成 [0 %, 60 %) of w), else min(得分, the band's top), 0 when negative.
- times in 分钟, 小时 and 天 convert; other units are compared as the numbers stand.
- every score is rounded half up to 2 decimals; the total is the sum of the rounded
  scores; the grade is 优 from 90, 良 from 80, 中 from 60, else 差, and it is withheld
  (written —) when the weights do not add up to 100 (every indicator here has one).
"""

import argparse
import json
import re
import sys
from decimal import Decimal

# ------------------------------------------------------------------ the rules

FULL_MARKS = Decimal(100)
GRADE_BANDS = ((9000, "优"), (8000, "良"), (6000, "中"))  # lower bounds in cents, inclusive
GRADE_LOW = "差"
GRADE_WITHHELD = "—"

# share of the weight per 评定, and the band a claimed 得分 must lie in, in percent:
# (share, low, high, high included)
QUAL_SHARE = {"达成": 100, "部分达成": 70, "未达成": 30}
QUAL_BAND = {"达成": (80, 100, True), "部分达成": (60, 80, False), "未达成": (0, 60, False)}

# units of time, in minutes; any two of them convert
TIME_UNITS = {"分钟": 1, "小时": 60, "天": 1440}

ZERO = Decimal(0)


def cents_of(num, den=1):
    """round_half_up(100 × num / den) for num ≥ 0 and den > 0, exactly, as an integer."""
    n1, d1 = Decimal(num).as_integer_ratio()
    n2, d2 = Decimal(den).as_integer_ratio()
    top = 100 * n1 * d2
    bottom = d1 * n2
    return (2 * top + bottom) // (2 * bottom)


def sign_kind(sign):
    """'ge', 'eq' or 'le' for a sign as written (full-width = reads as =)."""
    if sign in ("≥", ">", "＞"):
        return "ge"
    if sign in ("≤", "<", "＜"):
        return "le"
    return "eq"


def quantitative_cents(kind, w, t, a):
    """The score in cents of a quantitative indicator with target t and actual a."""
    if a < ZERO:
        return 0
    if kind == "ge":
        if a >= t:
            return cents_of(w)
        return cents_of(w * a, t)
    if kind == "eq":
        if a == t:
            return cents_of(w)
        if t == ZERO:
            return 0
        if a < t:
            return cents_of(w * a, t)
        return cents_of(w)
    # le, linear
    if a <= t:
        return cents_of(w)
    if t == ZERO or a >= 2 * t:
        return 0
    return cents_of(w * (2 * t - a), t)


def qualitative_cents(w, target, text, judged, claimed):
    """The score in cents of a 定性 indicator."""
    if judged is None and text == target:
        judged = "达成"
    if judged is None:
        if claimed is not None:
            raise ValueError("a 定性 得分 with neither 评定 nor an actual equal to the target")
        return 0
    if claimed is None:
        return cents_of(w * QUAL_SHARE[judged], 100)
    low, high, high_in = QUAL_BAND[judged]
    if claimed < ZERO:
        return 0
    # 100 × 得分 against the band's percentages of w, compared exactly
    c100 = claimed * 100
    inside = c100 >= w * low and (c100 <= w * high if high_in else c100 < w * high)
    if inside or c100 <= w * high:
        return cents_of(claimed)  # inside the band, or below it: the claim (never raised)
    return cents_of(w * high, 100)  # above the band: its top


def grade_of(total_cents):
    for bound, grade in GRADE_BANDS:
        if total_cents >= bound:
            return grade
    return GRADE_LOW


def format_cents(c):
    return "%s%d.%02d" % ("-" if c < 0 else "", abs(c) // 100, abs(c) % 100)


# ------------------------------------------------------------------ reading

_STR = r'"((?:[^"\\]|\\.)*)"'
_NUM = r"(\d+(?:\.\d+)?)"
_SIGN = r"(≥|≤|=|＝|>|<|＞|＜)"
_UNIT = r'([^\s%"{};#]*)'

RE_PROJECT = re.compile(r"^项目 " + _STR + r" \{$")
RE_GROUP_OPEN = re.compile(r"^(\S+) " + _NUM + r" \{$")
RE_GROUP_EMPTY = re.compile(r"^(\S+) " + _NUM + r" \{\}$")
RE_GROUP_ONE = re.compile(r"^(\S+) " + _NUM + r" \{ (.*) \}$")
RE_STATEMENT = re.compile(r"^(主管部门|单位|年度|金额单位|资金|年度目标|完成情况|偏离原因|整改措施|总分|结论)(?: |$)")
RE_INDICATOR = re.compile(
    r"^(\S+) "                                   # 1 name
    r"(?:定性 " + _STR + r"|"                     # 2 qualitative target text
    + _SIGN + _NUM + r"(%)?" + _UNIT + r")"       # 3 sign 4 number 5 % 6 unit
    r" 权重 " + _NUM +                            # 7 weight
    r"(?: 实际 (?:" + _STR +                      # 8 actual text
    r"(?: 评定 (达成|部分达成|未达成))?|"          # 9 评定
    + _SIGN + r"?" + _NUM + r"(%)?" + _UNIT + r"))?"  # 10 sign 11 number 12 % 13 unit
    r"(?: 得分 " + _NUM + r")?"                   # 14 claimed score
    r"(?: 偏差 " + _STR + r")?$"                  # 15 reason
)
RE_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "r": "\r", '"': '"', "\\": "\\"}


def unescape(s):
    if "\\" not in s:
        return s
    return RE_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), s)


class InputError(Exception):
    """A line outside the part of the rule language this scorer reads."""


class Project:
    __slots__ = ("name", "cents", "weights", "count")

    def __init__(self, name):
        self.name = name
        self.cents = 0
        self.weights = ZERO
        self.count = 0

    def add(self, text):
        """Scores one indicator line and adds it to the total."""
        m = RE_INDICATOR.match(text)
        if m is None:
            raise ValueError("indicator not understood")
        (_name, qtarget, tsign, tnum, tpct, tunit, wtxt, atext, judged,
         asign, anum, apct, aunit, claimed, _reason) = m.groups()
        w = Decimal(wtxt)
        if w > FULL_MARKS:
            raise ValueError("weight above 100")
        self.weights += w
        self.count += 1
        claim = Decimal(claimed) if claimed is not None else None
        if qtarget is not None:
            if anum is not None:
                raise ValueError("a number for a 定性 target")
            if atext is None:
                return  # no actual: 0
            self.cents += qualitative_cents(w, unescape(qtarget), unescape(atext), judged, claim)
            return
        if atext is not None:
            if judged is not None:
                raise ValueError("评定 on a quantitative indicator")
            return  # a text actual for a number: 0
        if anum is None:
            return  # no actual: 0
        t = Decimal(tnum)
        a = Decimal(anum)
        if apct is None and not aunit:
            apct, aunit = tpct, tunit  # an actual with neither % nor unit takes the target's
        if (tpct is None) != (apct is None):
            raise ValueError("percent against a unit")
        if tunit != aunit and tunit in TIME_UNITS and aunit in TIME_UNITS:
            t *= TIME_UNITS[tunit]
            a *= TIME_UNITS[aunit]
        self.cents += quantitative_cents(sign_kind(tsign), w, t, a)

    def result(self):
        """(name, total in cents, grade)."""
        if self.weights != FULL_MARKS:
            return self.name, self.cents, GRADE_WITHHELD
        return self.name, self.cents, grade_of(self.cents)


def read_projects(stream, path):
    """Yields (name, total cents, grade) for each project of a jx_gen file, in order."""
    depth = 0  # 0 outside, 1 project, 2 first-level group, 3 second-level group
    project = None
    lineno = 0
    try:
        for lineno, raw in enumerate(stream, 1):
            line = raw.strip(" \t\r\n\u3000")
            if depth == 3:
                if line == "}":
                    depth = 2
                elif line:
                    project.add(line)
                continue
            if not line or line.startswith("#"):
                continue
            if depth == 2:
                if line == "}":
                    depth = 1
                elif RE_GROUP_OPEN.match(line):
                    depth = 3
                elif RE_GROUP_EMPTY.match(line):
                    pass
                else:
                    m = RE_GROUP_ONE.match(line)
                    if m is None:
                        raise ValueError("second-level group not understood")
                    project.add(m.group(3))
            elif depth == 1:
                if line == "}":
                    yield project.result()
                    project = None
                    depth = 0
                elif RE_GROUP_OPEN.match(line):
                    depth = 2
                elif not RE_STATEMENT.match(line):
                    raise ValueError("project statement not understood")
            else:
                m = RE_PROJECT.match(line)
                if m is None:
                    raise ValueError("expected 项目 \"NAME\" {")
                project = Project(unescape(m.group(1)))
                depth = 1
    except ValueError as e:
        raise InputError("%s:%d: %s" % (path, lineno, e)) from None
    if depth != 0:
        raise InputError("%s:%d: file ends inside a project" % (path, lineno))


# ------------------------------------------------------------------ jixiao's side

def tsv_rows(stream):
    """(name, total, grade) rows of a NAME<TAB>TOTAL<TAB>GRADE file."""
    for raw in stream:
        raw = raw.rstrip("\r\n")
        if not raw:
            continue
        parts = raw.split("\t")
        if len(parts) != 3:
            raise InputError("not NAME<TAB>TOTAL<TAB>GRADE: %r" % raw)
        yield parts[0], parts[1], parts[2]


def from_json(path, out):
    """Writes NAME<TAB>TOTAL<TAB>GRADE for each project of jixiao's JSON report.

    jixiao writes one project per line, so each line is decoded alone and memory stays
    at one project; any other layout is read whole (memory grows with the report)."""
    decoder = json.JSONDecoder(parse_float=Decimal)

    def emit(p):
        total = p.get("total")
        total = "" if total is None else format_cents(cents_of(Decimal(total)))
        grade = p.get("grade") or GRADE_WITHHELD
        out.write("%s\t%s\t%s\n" % (p["name"], total, grade))

    with open(path, encoding="utf-8-sig") as f:
        first = f.readline()
        if first.startswith("{") and first.rstrip().endswith('"projects":['):
            for raw in f:
                line = raw.strip()
                if not line.startswith("{"):
                    continue
                p, _end = decoder.raw_decode(line)
                emit(p)
            return
        whole = json.loads(first + f.read(), parse_float=Decimal)
    for p in whole["projects"]:
        emit(p)


# ------------------------------------------------------------------ main

def main(argv):
    ap = argparse.ArgumentParser(
        description="Independent scorer of jx_gen files: prints NAME<TAB>TOTAL<TAB>GRADE per "
                    "project, in file order, reading one project at a time.")
    ap.add_argument("file", nargs="?", help="a file written by jx_gen ('-' for standard input)")
    ap.add_argument("--check", metavar="TSV",
                    help="compare with jixiao's NAME<TAB>TOTAL<TAB>GRADE lines; prints "
                         "'projects N' and 'mismatches M', the first 10 mismatches on "
                         "standard error, and exits 1 on any mismatch")
    ap.add_argument("--from-json", metavar="JSON",
                    help="write jixiao's JSON report (score --format json) as NAME<TAB>TOTAL<TAB>GRADE "
                         "lines; one project is held at a time when the report has one per line, "
                         "as jixiao writes it, else the whole report is read into memory")
    args = ap.parse_args(argv)

    out = sys.stdout
    if args.from_json:
        if args.file or args.check:
            ap.error("--from-json takes no FILE and no --check")
        from_json(args.from_json, out)
        return 0
    if not args.file:
        ap.error("FILE is required")

    stream = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8-sig")
    try:
        if not args.check:
            for name, cents, grade in read_projects(stream, args.file):
                out.write("%s\t%s\t%s\n" % (name, format_cents(cents), grade))
            return 0
        with open(args.check, encoding="utf-8-sig") as theirs:
            rows = tsv_rows(theirs)
            count = 0
            mismatches = 0
            extra = 0
            for name, cents, grade in read_projects(stream, args.file):
                mine = (name, format_cents(cents), grade)
                other = next(rows, None)
                if other is None:
                    extra += 1
                    continue
                count += 1
                if other != mine:
                    mismatches += 1
                    if mismatches <= 10:
                        sys.stderr.write("mismatch %d: oracle %s | jixiao %s\n"
                                         % (count, "\t".join(mine), "\t".join(other)))
            leftover = sum(1 for _ in rows)
        out.write("projects %d\n" % (count + extra))
        out.write("mismatches %d\n" % mismatches)
        if extra or leftover:
            sys.stderr.write("project counts differ: oracle %d, jixiao %d\n"
                             % (count + extra, count + leftover))
            return 1
        return 1 if mismatches else 0
    except InputError as e:
        sys.stderr.write("oracle: %s\n" % e)
        return 2
    finally:
        if stream is not sys.stdin:
            stream.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
