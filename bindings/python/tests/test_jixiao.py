# SPDX-License-Identifier: MIT
"""Tests of the jixiao Python package against the shared library named by JIXIAO_LIBRARY.

They build nothing: JIXIAO_LIBRARY must name libjixiao (the file, or the build folder
holding it). The inputs are the repository's samples and test tables, found from this
file's place (bindings/python/tests/) or from JIXIAO_SOURCE_DIR.

Two kinds of oracle are used:
- the golden outputs of the jixiao program in tests/golden/ (its JSON for the same input)
  check the plumbing: what the package returns is what the C writers wrote, number for
  number;
- numbers worked out by hand — from the comments of samples/wangan-2025-review.jx,
  tests/tables/demo.jx and tests/audit/inflated/, and from the worked examples of
  docs/scoring.md — check the scores themselves.
"""

import contextlib
import json
import os
import re
import unittest
from decimal import Decimal
from pathlib import Path

import jixiao
from jixiao.model import json_object

ROOT = Path(os.environ.get("JIXIAO_SOURCE_DIR") or Path(__file__).resolve().parents[3])
SAMPLES = ROOT / "samples"
TABLES = ROOT / "tests" / "tables"
GOLDEN = ROOT / "tests" / "golden"
D = Decimal


def setUpModule():
    if not os.environ.get("JIXIAO_LIBRARY"):
        raise RuntimeError("set JIXIAO_LIBRARY to libjixiao.so (or the build folder holding it)")
    if not (SAMPLES / "yuecheng-2024.jx").is_file():
        raise RuntimeError("the repository's samples are not at %s (set JIXIAO_SOURCE_DIR)" % ROOT)


@contextlib.contextmanager
def cwd(path):
    """Runs the block in folder path (the golden cases name their files relative to it)."""
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def load_golden(case):
    """The JSON a golden case expects, read as the package reads the library's JSON."""
    text = (GOLDEN / case / "expected.out").read_text(encoding="utf-8")
    return json.loads(text, parse_float=Decimal, object_pairs_hook=json_object)


def floats_in(value, where="$"):
    """Paths of every float in a parsed document (there should be none)."""
    if isinstance(value, float):
        return [where]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in floats_in(v, "%s.%s" % (where, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in floats_in(v, "%s[%d]" % (where, i))]
    return []


class LibraryTest(unittest.TestCase):
    def test_loaded_from_env(self):
        env = os.path.realpath(os.environ["JIXIAO_LIBRARY"])
        got = os.path.realpath(jixiao.library_path())
        if os.path.isdir(env):
            self.assertEqual(os.path.dirname(got), env)
        else:
            self.assertEqual(got, env)

    def test_version_is_the_projects(self):
        # the version is set once, in CMakeLists.txt's project(), and built into the library
        cmake = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
        want = re.search(r"project\(jixiao VERSION ([0-9.]+)", cmake).group(1)
        self.assertEqual(jixiao.version(), want)
        number = jixiao.version_number()
        if number is not None:  # JX_VERSION_NUMBER: major × 10000 + minor × 100 + patch
            major, minor, patch = (int(x) for x in want.split("."))
            self.assertEqual(number, major * 10000 + minor * 100 + patch)

    def test_builtin_policies(self):
        self.assertIn("default", jixiao.builtin_policies())
        self.assertIn("central", jixiao.builtin_policies())

    def test_code_name(self):
        self.assertEqual(jixiao.code_name("weight-sum"), "权重合计不符")
        self.assertIsNone(jixiao.code_name("no-such-code"))


class SourceRuleTest(unittest.TestCase):
    def test_text_or_path(self):
        self.assertTrue(jixiao.is_rule_text('项目 "x" {}'))
        self.assertTrue(jixiao.is_rule_text('project "x" {}'))
        self.assertTrue(jixiao.is_rule_text("\ufeff  项目 x {}"))
        self.assertTrue(jixiao.is_rule_text("# a comment\n"))
        self.assertFalse(jixiao.is_rule_text("project.jx"))
        self.assertFalse(jixiao.is_rule_text("项目.jx"))
        self.assertFalse(jixiao.is_rule_text("samples/yuecheng-2024.jx"))

    def test_explicit_keywords(self):
        text = (SAMPLES / "wangan-2025-review.jx").read_text(encoding="utf-8")
        by_text = jixiao.score(text=text, name="wangan.jx")
        by_bytes = jixiao.score(text=text.encode("utf-8"), name="wangan.jx")
        by_path = jixiao.score(path=SAMPLES / "wangan-2025-review.jx")
        self.assertEqual(by_text[0].file, "wangan.jx")
        self.assertEqual(by_text[0].findings[0].file, "wangan.jx")
        self.assertEqual(by_path[0].file, str(SAMPLES / "wangan-2025-review.jx"))
        for r in (by_bytes, by_path):
            self.assertEqual(r[0].total, by_text[0].total)
        with self.assertRaises(TypeError):
            jixiao.score(SAMPLES / "wangan-2025-review.jx", text=text)
        with self.assertRaises(TypeError):
            jixiao.score(path=SAMPLES / "wangan-2025-review.jx", name="x")


class ScoreSamplesTest(unittest.TestCase):
    def test_yuecheng_as_the_program_writes_it(self):
        # Oracle: the jixiao program's JSON of the same file (tests/golden/score-json), so
        # this checks the plumbing (reader → jx_score → JSON writer → Python), not the rules.
        want = load_golden("score-json")
        with cwd(GOLDEN / "score-json"):
            got = jixiao.score("yuecheng-2024.jx")
        self.assertEqual(got.policy, want["policy"])
        self.assertEqual([p.data for p in got], want["projects"])
        self.assertEqual(len(got), 2)

    def test_yuecheng_totals(self):
        got = jixiao.score(str(SAMPLES / "yuecheng-2024.jx"))
        self.assertEqual([p.name for p in got], ["越城区电子政务云资源服务项目", "越城区网络安全运营中心项目"])
        for p in got:
            self.assertEqual(p.total, D("100.00"))
            self.assertEqual(p.grade, "优")
            self.assertEqual(p.claimed_total, D("100"))
            self.assertEqual(p.claimed_grade, "优")
            self.assertEqual(p.year, 2024)
            self.assertEqual(p.org, "301001-绍兴市越城区大数据发展管理中心（本级）")
            self.assertEqual(p.dept, "301-大数据管理")
            self.assertEqual(p.errors, [])
        # the sample's header: its actuals copy the targets, "检查时会给出 10 条 vague-actual 警告"
        vague = [d for p in got for d in p.findings if d.code == "vague-actual"]
        self.assertEqual(len(vague), 10)
        self.assertTrue(all(d.severity == "warning" for d in vague))
        first = vague[0]
        self.assertEqual((first.line, first.column), (19, 41))  # 实际 ≥60个 of 接入系统数量
        self.assertIn("接入系统数量", first.message)
        funds = got[1].funds[1]
        self.assertEqual((funds.source, funds.budget, funds.spent), ("一般公共预算资金", D("77.5"), D("74.93")))

    def test_wangan_by_hand(self):
        # The scores worked out in the comments at the top of samples/wangan-2025-review.jx.
        want = {
            "漏洞扫描": ("16.67", "eq-ratio"),          # 20 × 10 / 12 = 16.666…
            "渗透测试": ("7.50", "ge-ratio"),           # 10 × 3 / 4
            "安全培训人次": ("10.00", "ge-met"),        # 260 ≥ 200
            "高危漏洞修复率": ("9.61", "ge-ratio"),     # 10 × 91.3 / 95 = 9.6105…
            "安全事件响应时间": ("3.75", "le-linear"),  # 5 × (2 × 120 − 150) / 120
            "执行率": ("4.91", "ge-ratio"),             # 5 × 93.27 / 95 = 4.9089…
            "重大安全事故": ("10.00", "eq-met"),
            "网络安全态势": ("3.50", "qualitative-claimed"),
            "隐患平均处置时长": ("11.25", "le-linear"),  # 15 × (2 × 24 − 30) / 24
            "服务对象满意率": ("10.00", "ge-met"),
        }
        [p] = jixiao.score(SAMPLES / "wangan-2025-review.jx")
        self.assertEqual({i.name: (str(i.score), i.method) for i in p.indicators}, want)
        self.assertEqual(sum(i.score for i in p.indicators), D("87.19"))
        self.assertEqual(p.total, D("87.19"))
        self.assertEqual(p.grade, "良")  # 80 ≤ 87.19 < 90
        level1 = {g.name: g.score for g in p.groups if g.level == 1}
        self.assertEqual(level1, {"产出指标": D("52.44"), "效益指标": D("24.75"), "满意度指标": D("10.00")})
        ind = p.indicator("漏洞扫描")
        self.assertEqual(ind.path, ["产出指标", "数量指标", "漏洞扫描"])
        self.assertEqual((ind.level1, ind.level2, ind.target, ind.actual, ind.unit, ind.weight),
                         ("产出指标", "数量指标", "=12次", "10次", "次", D("20")))
        self.assertEqual(ind.formula, "16.67 = 20 × 10 / 12")
        self.assertEqual(ind.line, 39)
        # 260 / 200 = 130% ≥ 120%: over-target, a warning kept on the project, not raised
        [over] = [d for d in p.findings if d.code == "over-target"]
        self.assertEqual((over.severity, over.line), ("warning", 41))

    def test_docs_scoring_worked_examples(self):
        # Rows of "Worked examples (default policy)" in docs/scoring.md, weights adding up to 100.
        text = (
            '项目 "计分规则示例" {\n'
            "    年度 2025\n"
            "    产出指标 60 {\n"
            "        数量指标 60 {\n"
            "            接入系统数量 ≥60个 权重 30 实际 45个\n"      # 30 × 45 / 60 = 22.50
            "            漏洞扫描 =4次 权重 20 实际 3次\n"            # 20 × 3 / 4 = 15.00
            "            巡检次数 ≥200 权重 10 实际 100.1\n"          # 10 × 100.1 / 200 = 5.005 → 5.01
            "        }\n"
            "    }\n"
            "    效益指标 30 {\n"
            "        社会效益 30 {\n"
            "            隐患处置时长 ≤24小时 权重 15 实际 30小时\n"  # 15 × (48 − 30) / 24 = 11.25
            '            工作效率 定性 "提升" 权重 15 实际 "有所提升" 评定 部分达成\n'  # 15 × 70% = 10.50
            "        }\n"
            "    }\n"
            "    满意度指标 10 {\n"
            "        服务对象满意度 10 {\n"
            "            满意人数 ≥3 权重 10 实际 2\n"                # 10 × 2 / 3 = 6.666… → 6.67
            "        }\n"
            "    }\n"
            "}\n"
        )
        [p] = jixiao.score(text)
        got = {i.name: i.score for i in p.indicators}
        self.assertEqual(got, {"接入系统数量": D("22.50"), "漏洞扫描": D("15.00"), "巡检次数": D("5.01"),
                               "隐患处置时长": D("11.25"), "工作效率": D("10.50"), "满意人数": D("6.67")})
        # 22.50 + 15.00 + 5.01 + 11.25 + 10.50 + 6.67 = 70.93: 60 ≤ 70.93 < 80, 中
        self.assertEqual(p.total, D("70.93"))
        self.assertEqual(p.grade, "中")
        self.assertIsNone(p.claimed_total)
        self.assertIsNone(p.claimed_grade)
        self.assertEqual(p.file, "<text>")

    def test_weight_sum_error_is_kept_not_raised(self):
        # tests/golden/score-rules-weight-sum/weights-110.jx, worked out in its comment:
        # 50.00 + 40.00 + 19.50 = 109.50, weights 110 ≠ 100: weight-sum is an error, the
        # project is still scored, its 结论 withheld.
        [p] = jixiao.score(GOLDEN / "score-rules-weight-sum" / "weights-110.jx")
        self.assertEqual(p.total, D("109.50"))
        self.assertIsNone(p.grade)
        self.assertEqual([d.code for d in p.errors], ["weight-sum"])
        self.assertEqual([d.code for d in p.warnings], ["points-mismatch", "points-mismatch"])

    def test_policy_by_name_file_or_text(self):
        sample = SAMPLES / "wangan-2025-review.jx"
        default = jixiao.score(sample)
        from_file = jixiao.score(sample, policy=ROOT / "rules" / "default.jx")
        from_text = jixiao.score(sample, policy=(ROOT / "rules" / "default.jx").read_text(encoding="utf-8"))
        for r in (from_file, from_text):
            self.assertEqual(r.policy, "财政部2020")
            self.assertEqual([p.data for p in r], [p.data for p in default])
        central = jixiao.score(sample, policy="central")
        self.assertEqual(central.policy, "中央部门自评")


class ErrorTest(unittest.TestCase):
    def test_parse_error_in_a_file(self):
        # tests/golden/score-syntax-error/bad.jx: "≠" is no sign, at line 4, column 20;
        # the file's second project is good and is scored.
        with self.assertRaises(jixiao.InputError) as cm:
            jixiao.score(GOLDEN / "score-syntax-error" / "bad.jx")
        e = cm.exception
        self.assertIsInstance(e, jixiao.JixiaoError)
        self.assertEqual(e.code, 3)
        [d] = e.errors
        self.assertEqual((d.line, d.column, d.severity, d.code), (4, 20, "error", "syntax"))
        self.assertTrue(d.file.endswith("bad.jx"))
        self.assertIn("≠", d.message)
        self.assertIn("bad.jx:4:20: error:", str(e))
        self.assertEqual(d.source_line.strip(), "接入系统数量 ≠60个 权重 30 实际 45")
        self.assertEqual([(p.name, p.total) for p in e.result], [("好项目", D("100.00"))])

    def test_parse_error_in_text(self):
        line3 = "        数量指标 100 { 巡检次数 ≠12次 权重 100 实际 12次 }"
        text = '项目 "x" {\n    产出指标 100 {\n' + line3 + "\n    }\n}\n"
        with self.assertRaises(jixiao.InputError) as cm:
            jixiao.score(text, name="inline.jx")
        [d] = cm.exception.errors
        self.assertEqual(d.file, "inline.jx")
        self.assertEqual(d.line, 3)
        # columns count characters, not bytes: "≠" is the 25th character (the 41st byte)
        self.assertEqual(d.column, line3.index("≠") + 1)
        self.assertEqual(d.column, 25)
        self.assertTrue(d.text.startswith("inline.jx:3:25: error: "))

    def test_text_outside_projects(self):
        with self.assertRaises(jixiao.InputError) as cm:
            jixiao.score('hello\n项目 "x" {\n    年度 2024\n}\n')
        [d] = cm.exception.errors
        self.assertEqual((d.line, d.column, d.code), (1, 1, "syntax"))
        self.assertEqual([p.name for p in cm.exception.result], ["x"])

    def test_missing_file(self):
        with self.assertRaises(jixiao.FileError) as cm:
            jixiao.score(ROOT / "no-such-file.jx")
        self.assertEqual(cm.exception.code, 2)
        self.assertTrue(cm.exception.diagnostics)

    def test_unknown_policy(self):
        with self.assertRaises(jixiao.NotFoundError) as cm:
            jixiao.score(SAMPLES / "wangan-2025-review.jx", policy="no-such-policy")
        self.assertEqual(cm.exception.diagnostics[0].code, "policy")


class ActualsTest(unittest.TestCase):
    # tests/tables/demo.jx, hand-worked in its comment:
    #   301001: every indicator met, 总分 100.00 → 优;
    #   302001: 服务人次 20 × 900 / 1000 = 18.00, 巡检次数 20 × 11 / 12 = 18.33,
    #           满意率 10 × 85 / 90 = 9.44; 总分 95.77 → 优.
    FORMS = ["actuals.xlsx", "actuals.xls", "actuals-gb18030.csv", "actuals-utf16.txt", "actuals-bom.csv"]

    def test_every_saved_form(self):
        for form in self.FORMS:
            with self.subTest(form=form):
                got = jixiao.score(TABLES / "demo.jx", actuals=TABLES / form)
                self.assertEqual([(p.org, p.total, p.grade) for p in got],
                                 [("301001-大数据发展管理中心", D("100.00"), "优"),
                                  ("302001-数据资源中心", D("95.77"), "优")])
                second = {i.name: i.score for i in got[1].indicators}
                self.assertEqual((second["服务人次"], second["巡检次数"], second["满意率"]),
                                 (D("18.00"), D("18.33"), D("9.44")))
                self.assertEqual(got[1].indicator("服务人次").reason, "受疫情影响, 服务人次减少")

    def test_without_actuals_nothing_is_met(self):
        got = jixiao.score(TABLES / "demo.jx")
        self.assertEqual([p.total for p in got], [D("0.00"), D("0.00")])
        self.assertTrue(all(d.code == "missing-actual" for p in got for d in p.warnings if d.code.startswith("missing-a")))

    def test_encoding_given(self):
        got = jixiao.score(TABLES / "demo.jx", actuals=TABLES / "actuals-gb18030.csv", encoding="gb18030")
        self.assertEqual(got[1].total, D("95.77"))
        with self.assertRaises(jixiao.UsageError):
            jixiao.score(TABLES / "demo.jx", actuals=TABLES / "actuals-gb18030.csv", encoding="latin-9")


class VetTest(unittest.TestCase):
    TEXT = (
        '项目 "示例项目" {\n'
        '    单位 "101001-示例单位"\n'
        "    年度 2025\n"
        "    产出指标 60 {\n"
        "        数量指标 60 {\n"
        "            培训人次 ≥200人次 权重 60\n"
        "        }\n"
        "    }\n"
        "    效益指标 30 {\n"
        '        社会效益 30 { 工作效率 定性 "提升" 权重 30 }\n'
        "    }\n"
        "    满意度指标 10 {\n"
        "        服务对象满意度 10 { 满意率 ≥100% 权重 10 }\n"
        "    }\n"
        "}\n"
    )

    def test_known_findings(self):
        # docs/vet.md: no 年度目标 → missing-goal; 产出 without 质量/时效/成本 → missing-level2
        # (both 完整性); a 定性 target of only "提升" → vague-target (相关性); a 满意度 target
        # of 100% → satisfaction-target (适当性). Warnings under 3 aspects ≥ 审核退回 2 → 中.
        report = jixiao.vet(self.TEXT)
        [p] = report["projects"]
        self.assertEqual(p["result"], "中")
        found = {f["code"]: (f["severity"], f["aspect"], f["source"]) for f in p["findings"]}
        self.assertEqual(found["missing-goal"], ("warning", "完整性", "<text>:1:1"))
        self.assertEqual(found["missing-level2"][:2], ("warning", "完整性"))
        self.assertEqual(found["vague-target"][:2], ("warning", "相关性"))
        self.assertEqual(found["satisfaction-target"], ("warning", "适当性", "<text>:13:26"))
        self.assertEqual(report.summary["results"], {"优": 0, "良": 0, "中": 1, "差": 0})
        self.assertEqual(report.diagnostics, [])

    def test_syntax_error_is_vetted_not_raised(self):
        # a project whose text has an error is 差 in the 审核 (docs/vet.md, The result)
        report = jixiao.vet(GOLDEN / "score-syntax-error" / "bad.jx")
        self.assertEqual([p["result"] for p in report["projects"]], ["差", "良"])


class AuditTest(unittest.TestCase):
    def test_as_the_program_writes_it(self):
        # Oracle: the program's JSON (tests/golden/audit-json, run in that folder).
        with cwd(GOLDEN / "audit-json"):
            got = jixiao.audit("../../audit/inflated")
        self.assertEqual(dict(got), load_golden("audit-json"))

    def test_sample_as_the_program_draws_it(self):
        # tests/golden/audit-sample-json: --sample 20% --seed 42 --by 单位 --weight funds
        with cwd(GOLDEN / "audit-sample-json"):
            got = jixiao.audit(["../../audit/sample"], sample="20%", seed=42, by="单位", weight_funds=True)
        self.assertEqual(dict(got), load_golden("audit-sample-json"))

    def test_inflated_by_hand(self):
        # a-road.jx: 30.00 + 20.00 + 27.00 + 9.44 = 86.44 → 良, claimed 100 / 优;
        # b-waste.jx: 15.00 + 22.50 + 30.00 + 10.00 = 77.50 → 中, claimed 95 / 优.
        got = jixiao.audit(ROOT / "tests" / "audit" / "inflated")
        by_file = {os.path.basename(p["file"]): p for p in got.projects}
        road, waste = by_file["a-road.jx"], by_file["b-waste.jx"]
        self.assertEqual((road["total"], road["grade"], road["difference"]), (D("86.44"), "良", D("13.56")))
        self.assertEqual((waste["total"], waste["grade"], waste["difference"]), (D("77.50"), "中", D("17.50")))
        self.assertEqual(got.summary["projects"], 5)

    def test_a_table_in_the_folder(self):
        # tests/audit/mixed/001_….txt is seed 001's 自评表 as PDF text, read through the
        # importer beside two rule files: its two forms begin at lines 1042 and 1193 (the
        # title 项目支出绩效自评表), their 资金 rows say 全年预算 358.35 / 全年执行 358.35 and
        # 77.5 / 74.93 (lines 1068 and 1219), and every indicator is at full marks, so each
        # totals 100.00 as claimed. 2 + 2 (b-claims-hold.jx) + 1 (sub/wangan.jx) projects.
        mixed = ROOT / "tests" / "audit" / "mixed"
        got = jixiao.audit(mixed)
        by_name = {p["name"]: p for p in got.projects}
        cloud, ops = by_name["越城区电子政务云资源服务项目"], by_name["越城区网络安全运营中心项目"]
        for p, line, budget, spent in ((cloud, 1042, "358.35", "358.35"), (ops, 1193, "77.5", "74.93")):
            self.assertEqual(os.path.basename(p["file"]), "001_79da5c65fa76b1ff.txt")
            self.assertEqual(p["line"], line)
            self.assertEqual((p["funds"]["budget"], p["funds"]["spent"]), (D(budget), D(spent)))
            self.assertEqual((p["total"], p["claimed_total"]), (D("100.00"), D("100.00")))
        self.assertEqual(got.summary["projects"], 5)
        # the vet reads the same table the same way
        vetted = {(p["name"], p["line"]) for p in jixiao.vet(mixed)["projects"]}
        self.assertLessEqual({(cloud["name"], 1042), (ops["name"], 1193)}, vetted)
        self.assertEqual(len(vetted), 5)

    def test_sample_needs_a_seed(self):
        with self.assertRaises(ValueError):
            jixiao.audit(ROOT / "tests" / "audit" / "inflated", sample=2)


class DecimalTest(unittest.TestCase):
    def test_numbers_are_decimal(self):
        [p] = jixiao.score(SAMPLES / "wangan-2025-review.jx")
        self.assertIs(type(p.total), Decimal)
        self.assertEqual(str(p.total), "87.19")
        for ind in p.indicators:
            self.assertIs(type(ind.score), Decimal)
            self.assertIs(type(ind.weight), Decimal)  # written "weight":20 in the JSON
        for f in p.funds:
            self.assertIs(type(f.budget), Decimal)
        self.assertEqual(floats_in(p.data), [])
        self.assertIs(type(p.year), int)
        self.assertIs(type(p.line), int)

    def test_reports_hold_no_float(self):
        self.assertEqual(floats_in(dict(jixiao.vet(VetTest.TEXT))), [])
        got = jixiao.audit(ROOT / "tests" / "audit" / "inflated", sample="40%", seed=1)
        self.assertEqual(floats_in(dict(got)), [])
        self.assertIs(type(got.summary["inflation"]["mean"]), Decimal)


if __name__ == "__main__":
    unittest.main()
