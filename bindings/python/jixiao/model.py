# SPDX-License-Identifier: MIT
"""The Python objects the package returns: diagnostics, scored projects, reports.

Every number that is a score, a weight, a total or an amount of money is a
decimal.Decimal, exactly as the C library wrote it (never a float). Counts, lines,
columns and years are int.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Dict, List, Optional

# Keys of the library's JSON documents whose numbers are scores, weights or money: a whole
# number written without a decimal point ("weight":20) is read as Decimal too.
DECIMAL_KEYS = frozenset(
    {
        "total",
        "claimed_total",
        "score",
        "claimed",
        "weight",
        "points",
        "initial",
        "budget",
        "spent",
        "rate",
        "difference",
        "mean",
        "percent",
        "funds",
        "full_marks",
        "not_applicable_points",
    }
)


def json_object(pairs):
    """object_pairs_hook for json.loads: a dict whose DECIMAL_KEYS hold Decimal, not int."""
    out = {}
    for k, v in pairs:
        if k in DECIMAL_KEYS and type(v) is int:
            v = Decimal(v)
        out[k] = v
    return out


def _dec(v):
    """A number of a report as Decimal (None stays None)."""
    if v is None or isinstance(v, Decimal):
        return v
    if isinstance(v, int) and not isinstance(v, bool):
        return Decimal(v)
    raise TypeError("expected a number, got %r" % (v,))


@dataclass(frozen=True)
class Diagnostic:
    """One diagnostic of the library (struct jx_diag): a parse error, a finding, a note.

    severity is "error", "warning" or "note"; code the stable machine code ("syntax",
    "weight-sum", "vague-actual", …); message one line of Chinese. line and column are
    1-based, column counting characters; line 0 means no position. text is the whole
    diagnostic as compilers print it (jx_diag_format): "file:line:col: error: message",
    the source line and carets under the column.
    """

    severity: str
    code: str
    message: str
    file: str
    line: int
    column: int
    width: int = 1
    source_line: Optional[str] = None
    source_column: int = 0
    text: str = field(default="", repr=False, compare=False)

    def __str__(self):
        if self.text:
            return self.text
        where = self.file
        if self.line:
            where += ":%d:%d" % (self.line, self.column)
        return "%s: %s: %s [%s]" % (where, self.severity, self.message, self.code)

    @property
    def is_error(self):
        return self.severity == "error"

    @property
    def code_name(self):
        """The Chinese name of the code (jx_code_name), or None for a code the library does not use."""
        from . import _core

        return _core.code_name(self.code)


@dataclass
class Fund:
    """One 资金 row: its 资金来源, 年初预算, 全年预算, 全年执行 (None when not given) and 执行率 in %."""

    source: str
    initial: Optional[Decimal]
    budget: Optional[Decimal]
    spent: Optional[Decimal]
    rate: Optional[Decimal]

    @classmethod
    def from_json(cls, d):
        return cls(d.get("source", ""), _dec(d.get("initial")), _dec(d.get("budget")), _dec(d.get("spent")),
                   _dec(d.get("rate")))


@dataclass
class Group:
    """A 一级 or 二级 group of indicators: its path of names, level (1 or 2), points and score."""

    path: List[str]
    level: int
    points: Optional[Decimal]
    score: Optional[Decimal]

    @property
    def name(self):
        return self.path[-1] if self.path else ""

    @classmethod
    def from_json(cls, d):
        return cls(list(d.get("path", [])), d.get("level", 0), _dec(d.get("points")), _dec(d.get("score")))


@dataclass
class Indicator:
    """One indicator (三级指标) as the 自评表 lists it, scored.

    path is [一级指标, 二级指标, 三级指标] (fewer names for an indicator directly in a 一级
    group); target the 年度指标值 as written ("≥60个"); actual the 实际完成值 (None when
    none); unit its 计量单位; weight the 权重 (None when none); score the recomputed score;
    claimed the 得分 the department wrote (None when none); method the scoring method's
    code ("ge-ratio", …, docs/scoring.md); formula the score with the numbers put in;
    source "file:line:column" of the indicator.
    """

    path: List[str]
    target: Optional[str]
    actual: Optional[str]
    unit: Optional[str]
    weight: Optional[Decimal]
    score: Optional[Decimal]
    claimed: Optional[Decimal]
    method: Optional[str]
    formula: Optional[str]
    source: Optional[str] = None
    sign: Optional[str] = None
    reason: Optional[str] = None
    judge: Optional[str] = None
    not_applicable: bool = False
    last_year: Optional[str] = None
    year_before: Optional[str] = None
    basis: Optional[str] = None

    @property
    def name(self):
        """The 三级指标."""
        return self.path[-1] if self.path else ""

    @property
    def level1(self):
        """The 一级指标, "" when none."""
        return self.path[0] if len(self.path) > 1 else ""

    @property
    def level2(self):
        """The 二级指标, "" when none."""
        return self.path[1] if len(self.path) > 2 else ""

    def _position(self):
        if not self.source:
            return 0, 0
        parts = self.source.rsplit(":", 2)
        nums = []
        for p in parts[1:]:
            nums.append(int(p) if p.isdigit() else 0)
        while len(nums) < 2:
            nums.append(0)
        return nums[0], nums[1]

    @property
    def line(self):
        """The indicator's line in its file (from source), 0 when unknown."""
        return self._position()[0]

    @property
    def column(self):
        """The indicator's column in its file (from source), 0 when unknown."""
        return self._position()[1]

    @classmethod
    def from_json(cls, d):
        return cls(
            path=list(d.get("path", [])),
            target=d.get("target"),
            actual=d.get("actual"),
            unit=d.get("unit"),
            weight=_dec(d.get("weight")),
            score=_dec(d.get("score")),
            claimed=_dec(d.get("claimed")),
            method=d.get("method"),
            formula=d.get("formula"),
            source=d.get("source"),
            sign=d.get("sign"),
            reason=d.get("reason"),
            judge=d.get("judge"),
            not_applicable=bool(d.get("not_applicable", False)),
            last_year=d.get("last_year"),
            year_before=d.get("year_before"),
            basis=d.get("basis"),
        )


@dataclass
class Project:
    """A scored project: the fields of the JSON writer (docs/reports.md), findings from the library.

    org is the 单位 (预算单位) and dept the 主管部门 ("" when not written); year None when
    not written. total and grade are the recomputed 总分 and 自评结论 (grade None when it is
    withheld, e.g. under the error weight-sum); claimed_total and claimed_grade what the
    department wrote (None when nothing). findings holds every diagnostic of the project
    after scoring — errors, warnings and notes — as Diagnostic objects. data is the
    project's object of the JSON document, as parsed.
    """

    name: str
    file: str
    line: int
    dept: str
    org: str
    year: Optional[int]
    money_unit: str
    funds: List[Fund]
    groups: List[Group]
    indicators: List[Indicator]
    total: Optional[Decimal]
    grade: Optional[str]
    claimed_total: Optional[Decimal]
    claimed_grade: Optional[str]
    goal: str = ""
    outcome: str = ""
    deviation: str = ""
    remedy: str = ""
    full_marks: Optional[Decimal] = None
    not_applicable_points: Optional[Decimal] = None
    execution: Optional[Dict[str, Any]] = None
    findings: List[Diagnostic] = field(default_factory=list)
    data: Dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def errors(self):
        """Findings of severity "error" (weight-sum, qualitative-band: the project is still scored)."""
        return [d for d in self.findings if d.severity == "error"]

    @property
    def warnings(self):
        return [d for d in self.findings if d.severity == "warning"]

    @property
    def notes(self):
        return [d for d in self.findings if d.severity == "note"]

    def indicator(self, name):
        """The first indicator whose 三级指标 is name; KeyError when there is none."""
        for ind in self.indicators:
            if ind.name == name:
                return ind
        raise KeyError(name)

    @classmethod
    def from_json(cls, d, findings=()):
        return cls(
            name=d.get("name", ""),
            file=d.get("file", ""),
            line=d.get("line", 0),
            dept=d.get("dept", ""),
            org=d.get("org", ""),
            year=d.get("year"),
            money_unit=d.get("money_unit", ""),
            funds=[Fund.from_json(f) for f in d.get("funds", [])],
            groups=[Group.from_json(g) for g in d.get("groups", [])],
            indicators=[Indicator.from_json(i) for i in d.get("indicators", [])],
            total=_dec(d.get("total")),
            grade=d.get("grade"),
            claimed_total=_dec(d.get("claimed_total")),
            claimed_grade=d.get("claimed_grade"),
            goal=d.get("goal", ""),
            outcome=d.get("outcome", ""),
            deviation=d.get("deviation", ""),
            remedy=d.get("remedy", ""),
            full_marks=_dec(d.get("full_marks")),
            not_applicable_points=_dec(d.get("not_applicable_points")),
            execution=d.get("execution"),
            findings=list(findings),
            data=d,
        )


class ScoreResult(list):
    """What score() returns: a list of Project, in the order read.

    diagnostics holds what belongs to no project: the policy's warnings and the actuals
    table's (actuals-unused, …). policy is the name of the policy scored under.
    """

    def __init__(self, projects=(), diagnostics=(), policy=""):
        super().__init__(projects)
        self.diagnostics = list(diagnostics)
        self.policy = policy

    def project(self, name, org=None):
        """The project called name (and of 单位 org when given); KeyError when none, or several."""
        hits = [p for p in self if p.name == name and (org is None or p.org == org)]
        if len(hits) != 1:
            raise KeyError(name if not hits else "%s: %d projects; give org=" % (name, len(hits)))
        return hits[0]


class Report(dict):
    """What vet() and audit() return: the report's JSON document as a dict (docs/vet.md,
    docs/audit.md), plus diagnostics: what the report does not hold — the policy's
    warnings and the warnings of importing tables."""

    def __init__(self, doc=None, diagnostics=()):
        super().__init__(doc or {})
        self.diagnostics = list(diagnostics)

    @property
    def projects(self):
        return self.get("projects", [])

    @property
    def summary(self):
        return self.get("summary", {})


@dataclass
class Imported:
    """What import_table() returns: the rule text it wrote and what it read.

    text is the rule language, one 项目 block per project; format the table format used
    ("csv", …); encoding what the bytes were read as; projects, indicators, rows, skipped
    and not_understood the counts of jx_import_*; diagnostics every diagnostic of the
    import (skipped-row notes included).
    """

    text: str
    format: str
    encoding: str
    projects: int
    indicators: int
    rows: int
    skipped: int
    not_understood: int
    diagnostics: List[Diagnostic] = field(default_factory=list)
