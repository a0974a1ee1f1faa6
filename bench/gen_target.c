/* SPDX-License-Identifier: MIT */
/* gen_target.c — jx_gen_target: writes a synthetic 市级部门预算项目绩效目标表 (the
 * zj-target format of `jixiao import`, tab-separated) for measurements.
 *
 *     jx_gen_target [-n INDICATORS] [-s SEED] [-o FILE]
 *
 * The text is shaped like the table a 部门预算 PDF gives when its text is taken out
 * (engine/import_zj_target.c): one table per department, each after its preamble
 * (title with the year, 部门名称：【253】市…局, 单位：元) and the two header rows; a code
 * row for the 部门 and one for each 单位; then projects, the first row of each carrying
 * its name, its 资金安排 (总计, 一般公共预算, now and then 政府性基金) and usually a
 * 总体绩效目标, the rows after it only the indicator columns. Each project has 10–20
 * indicators over the three levels — 产出 (数量 / 质量 / 时效 / 成本), 效益 (经济 / 社会 /
 * 生态 / 可持续影响) and 满意度 — in the mixed order of the tables, with signs ≥ ≤ = > <
 * and 定性, units (次 个 人次 (%) 分钟 元/日 个/月 …) and 指标权重 in fives summing to 100.
 * Pages of 30–50 rows end in a blank line, often with a page number, and a page gains
 * or loses an empty cell before the indicator columns, as the PDF's pages do.
 *
 * Exactly INDICATORS indicators are written (default 10000): the last project is cut
 * short to the count. The same seed gives the same bytes (splitmix64, as bench/gen.c).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_args.h"
#include "rng.h"

#define GT_PICK(r, a) ((a)[bench_below((r), BENCH_COUNT(a))])

/* ---------------------------------------------------------------- words */

static const char *const gt_cities[] = {"绍兴", "嘉兴", "湖州", "金华", "台州", "衢州", "丽水", "舟山"};
static const char *const gt_bureaus[] = {"大数据", "交通运输", "教育", "卫生健康", "农业农村", "综合执法",
                                         "民政", "文化广电旅游", "生态环境", "住房和城乡建设"};
static const char *const gt_units[] = {"局本级", "保障中心", "信息中心", "服务中心", "发展中心"};
static const char *const gt_subjects[] = {"电子政务外网运维", "政务云资源租赁", "网络安全运营", "视频会议保障",
                                          "城市大脑通用平台", "数据共享交换平台", "农村饮用水提标",
                                          "道路养护", "垃圾分类", "老年食堂运营", "公共文化服务", "基层医疗能力提升",
                                          "应急物资储备", "河道保洁", "智慧城管", "业务培训"};
static const char *const gt_kinds[] = {"项目", "运维项目", "建设项目", "服务项目", "保障经费", "专项经费"};
static const char *const gt_goals[] = {
    "实现该项目建设内容的正常高效运行",
    "保障相关工作的顺利开展，提升服务质量。",
    "完成年度建设任务，系统稳定运行，服务对象满意度达到90%以上。",
    "通过项目实施，进一步提升数据共享和业务协同水平，为部门决策提供支撑，保障系统全年安全稳定运行。",
    "按合同约定完成运维服务，故障及时排除，保障业务连续性。",
    "做好年度资金支付工作，确保资金使用规范、安全、有效。",
};
static const char *const gt_things[] = {"系统", "平台", "设备", "培训", "巡检", "维修", "宣传", "走访", "督查",
                                        "检测"};

/* ------------------------------------------------------------ indicators */

/** One indicator row: the columns from 一级指标 to 指标权重. */
typedef struct gt_ind {
    const char *level1; /* 产出指标, 效益指标, 满意度指标 */
    const char *level2; /* 数量指标 … */
    char name[96];      /* 三级指标 */
    char sign[16];      /* 计算符号: ≥ ≤ = > < 定性 */
    char value[32];     /* 指标值 */
    char unit[32];      /* 计量单位, empty for 定性 */
    int weight;         /* 指标权重 */
} gt_ind;

/** What a count measures, the unit it is counted in and the largest target. */
static const struct {
    const char *stem, *unit;
    int most;
} gt_counted[] = {
    {"系统接入", "个", 60},     {"设备巡检", "次", 365},    {"业务培训", "人次", 5000}, {"设备采购", "台", 200},
    {"宣传活动", "场", 50},     {"入户走访", "户", 20000},  {"专项督查", "次", 24},     {"系统维护", "次", 365},
    {"质量检测", "次", 1200},   {"系统开发", "套", 6},      {"视频会议保障", "场", 200}, {"运维报表", "份", 12},
    {"驻场人员", "人", 8},      {"网站监测", "个/月", 40},
};

/** Writes a count target into ind: ≥ or = N unit. */
static void gt_count(bench_rng *r, gt_ind *ind)
{
    uint32_t k = bench_below(r, BENCH_COUNT(gt_counted));
    int most = gt_counted[k].most;
    snprintf(ind->name, sizeof ind->name, "%s%s", gt_counted[k].stem, bench_chance(r, 50) ? "数量" : "次数");
    snprintf(ind->sign, sizeof ind->sign, "%s", bench_chance(r, 80) ? "≥" : "=");
    snprintf(ind->value, sizeof ind->value, "%d", bench_range(r, most > 10 ? most / 10 : 1, most));
    snprintf(ind->unit, sizeof ind->unit, "%s", gt_counted[k].unit);
}

/** Writes a rate that should be high: ≥ / = / > P (%). */
static void gt_rate_high(bench_rng *r, gt_ind *ind, const char *name)
{
    static const char *const signs[] = {"≥", "≥", "≥", "=", ">"};
    snprintf(ind->name, sizeof ind->name, "%s", name);
    snprintf(ind->sign, sizeof ind->sign, "%s", GT_PICK(r, signs));
    int p = ind->sign[0] == '=' ? 100 : bench_range(r, 85, 100);
    if (ind->sign[0] == '>' && p == 100)
        p = 99;
    snprintf(ind->value, sizeof ind->value, "%d", p);
    snprintf(ind->unit, sizeof ind->unit, "%s", bench_chance(r, 85) ? "(%)" : "%");
}

/** Writes a rate that should be low: ≤ / < P (%), P from 0.1 to 5. */
static void gt_rate_low(bench_rng *r, gt_ind *ind, const char *name)
{
    int tenths = bench_chance(r, 50) ? bench_range(r, 1, 9) : 10 * bench_range(r, 1, 5);
    snprintf(ind->name, sizeof ind->name, "%s", name);
    snprintf(ind->sign, sizeof ind->sign, "%s", bench_chance(r, 90) ? "≤" : "<");
    if (tenths % 10)
        snprintf(ind->value, sizeof ind->value, "%d.%d", tenths / 10, tenths % 10);
    else
        snprintf(ind->value, sizeof ind->value, "%d", tenths / 10);
    snprintf(ind->unit, sizeof ind->unit, "(%%)");
}

/** Writes a qualitative target: 定性, one of the n words, no unit. */
static void gt_qual(bench_rng *r, gt_ind *ind, const char *name, const char *const *words, uint32_t n)
{
    snprintf(ind->name, sizeof ind->name, "%s", name);
    snprintf(ind->sign, sizeof ind->sign, "定性");
    snprintf(ind->value, sizeof ind->value, "%s", words[bench_below(r, n)]);
    ind->unit[0] = '\0';
}

/** The words of 定性 targets: on time, and lasting effect. */
static const char *const gt_timely[] = {"及时", "按时完成", "及时处理"};
static const char *const gt_lasting[] = {"健全", "逐步完善", "有效提升", "明显改善"};

/** Writes a number target: sign, N from lo to hi, unit. */
static void gt_number(bench_rng *r, gt_ind *ind, const char *name, const char *sign, int lo, int hi, const char *unit)
{
    snprintf(ind->name, sizeof ind->name, "%s", name);
    snprintf(ind->sign, sizeof ind->sign, "%s", sign);
    snprintf(ind->value, sizeof ind->value, "%d", bench_range(r, lo, hi));
    snprintf(ind->unit, sizeof ind->unit, "%s", unit);
}

/** Fills an 产出指标 indicator: its 二级指标 and target. */
static void gt_output(bench_rng *r, gt_ind *ind)
{
    char name[96];
    const char *thing = GT_PICK(r, gt_things);
    ind->level1 = "产出指标";
    switch (bench_below(r, 10)) {
    case 0: case 1: case 2: case 3:
        ind->level2 = "数量指标";
        gt_count(r, ind);
        break;
    case 4: case 5:
        ind->level2 = "质量指标";
        if (bench_chance(r, 50)) {
            snprintf(name, sizeof name, "%s验收合格率", thing);
            gt_rate_high(r, ind, name);
        } else {
            snprintf(name, sizeof name, "%s%s", thing, bench_chance(r, 50) ? "故障率" : "差错率");
            gt_rate_low(r, ind, name);
        }
        break;
    case 6: case 7:
        ind->level2 = "时效指标";
        switch (bench_below(r, 4)) {
        case 0:
            gt_number(r, ind, "故障排除速度", "≤", 10, 60, "分钟");
            break;
        case 1:
            gt_number(r, ind, "问题响应时间", "≤", 1, 24, "小时");
            break;
        case 2:
            snprintf(name, sizeof name, "%s完成及时性", thing);
            gt_qual(r, ind, name, gt_timely, BENCH_COUNT(gt_timely));
            break;
        default:
            gt_rate_high(r, ind, "业务处理及时率");
            break;
        }
        break;
    default:
        ind->level2 = "成本指标";
        if (bench_chance(r, 80)) {
            snprintf(name, sizeof name, "%s单位成本", thing);
            gt_number(r, ind, name, "≤", 100, 5000, bench_chance(r, 50) ? "元/次" : "元/日");
        } else {
            /* as the tables do now and then: a rate to reach, filed under 成本指标 */
            gt_rate_high(r, ind, "预算执行率");
        }
        break;
    }
}

/** Fills an 效益指标 indicator: its 二级指标 and target. */
static void gt_benefit(bench_rng *r, gt_ind *ind)
{
    char name[96];
    const char *thing = GT_PICK(r, gt_things);
    ind->level1 = "效益指标";
    switch (bench_below(r, 4)) {
    case 0:
        ind->level2 = "经济效益指标";
        if (bench_chance(r, 50))
            gt_rate_high(r, ind, "资金使用率");
        else
            gt_number(r, ind, "节约运维资金", "≥", 5, 200, "万元");
        break;
    case 1:
        ind->level2 = "社会效益指标";
        switch (bench_below(r, 3)) {
        case 0:
            gt_rate_high(r, ind, "数据共享率");
            break;
        case 1:
            gt_number(r, ind, "公共主页访问量", "≥", 500, 5000, "个/月");
            break;
        default:
            gt_number(r, ind, "受益人数", "≥", 100, 90000, "人次");
            break;
        }
        break;
    case 2:
        ind->level2 = "生态效益指标";
        snprintf(name, sizeof name, "%s无纸化办公率", thing);
        gt_rate_high(r, ind, name);
        break;
    default:
        ind->level2 = "可持续影响指标";
        if (bench_chance(r, 50))
            gt_number(r, ind, "系统使用年限", "≥", 3, 8, "年");
        else
            gt_qual(r, ind, "长效管理机制", gt_lasting, BENCH_COUNT(gt_lasting));
        break;
    }
}

/** Fills a 满意度指标 indicator. */
static void gt_satisfaction(bench_rng *r, gt_ind *ind)
{
    static const char *const who[] = {"服务对象", "用户使用", "参训学员", "受评单位", "服务人群"};
    char name[96];
    ind->level1 = "满意度指标";
    ind->level2 = "服务对象满意度指标";
    snprintf(name, sizeof name, "%s满意度", GT_PICK(r, who));
    gt_rate_high(r, ind, name);
    if (ind->sign[0] == '=')
        snprintf(ind->sign, sizeof ind->sign, "≥");
    snprintf(ind->value, sizeof ind->value, "%d", bench_range(r, 85, 98));
}

/** True when inds[i]'s name is one of inds[0..i)'s. */
static int gt_taken(const gt_ind *inds, int i)
{
    for (int k = 0; k < i; k++)
        if (strcmp(inds[k].name, inds[i].name) == 0)
            return 1;
    return 0;
}

/* -------------------------------------------------------------- writing */

/** Where the table stands: rows on this page, the page's shift of the indicator columns. */
typedef struct gt_page {
    int rows;  /* rows left on the page */
    int no;    /* page number */
    int shift; /* -1, 0 or +1 empty cells before 一级指标, against the header */
} gt_page;

/** Starts a row: ends the page when it is full (blank line, maybe a page number). */
static void gt_row(FILE *f, bench_rng *r, gt_page *pg)
{
    if (pg->rows-- > 0)
        return;
    pg->no++;
    if (bench_chance(r, 60))
        fprintf(f, "\n- %d -\n", pg->no);
    else
        fputc('\n', f);
    pg->rows = bench_range(r, 30, 50) - 1;
    int s = bench_below(r, 10);
    pg->shift = s < 6 ? 0 : s < 8 ? -1 : 1;
}

/** Writes the indicator columns of ind, with a trailing empty cell now and then. */
static void gt_cells(FILE *f, bench_rng *r, const gt_ind *ind)
{
    fprintf(f, "%s\t%s\t%s\t%s\t%s\t%s\t%d%s\n", ind->level1, ind->level2, ind->name, ind->sign, ind->value,
            ind->unit, ind->weight, bench_chance(r, 30) ? "\t" : "");
}

/** Writes an amount in 元 with thousands separators and two decimals. */
static void gt_amount(char *out, size_t size, long long yuan)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%lld", yuan), len = 0;
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            len += snprintf(out + len, size - (size_t)len, ",");
        len += snprintf(out + len, size - (size_t)len, "%c", digits[i]);
    }
    snprintf(out + len, size - (size_t)len, ".00");
}

/** Writes project number no with count indicators; returns count. */
static int gt_project(FILE *f, bench_rng *r, gt_page *pg, const char *city, long no, int count)
{
    gt_ind inds[20];
    /* 满意度 one or two, 效益 about a quarter, 产出 the rest (the last project may be short) */
    int sat = count >= 3 ? 1 + (count >= 14 && bench_chance(r, 30)) : 0;
    int benefit = count >= 2 ? 1 + (count - 1) / 4 : 0;
    for (int i = 0; i < count; i++) {
        /* a name already given is drawn again; after a few tries it takes a number */
        for (int tries = 0;; tries++) {
            if (i < sat)
                gt_satisfaction(r, &inds[i]);
            else if (i < sat + benefit)
                gt_benefit(r, &inds[i]);
            else
                gt_output(r, &inds[i]);
            if (!gt_taken(inds, i))
                break;
            if (tries == 8) {
                size_t len = strlen(inds[i].name);
                snprintf(inds[i].name + len, sizeof inds[i].name - len, "（%d）", i + 1);
                break;
            }
        }
    }
    /* the tables list a project's indicators in no order of level */
    for (int i = count - 1; i > 0; i--) {
        int k = (int)bench_below(r, (uint32_t)i + 1);
        gt_ind t = inds[i];
        inds[i] = inds[k];
        inds[k] = t;
    }
    /* 指标权重 in fives: 20 fives over the indicators, at least one each */
    int fives[20];
    for (int i = 0; i < count; i++)
        fives[i] = 1;
    for (int left = 20 - count; left > 0; left--)
        fives[bench_below(r, (uint32_t)count)]++;
    for (int i = 0; i < count; i++)
        inds[i].weight = 5 * fives[i];

    gt_row(f, r, pg);
    long long general = (long long)bench_range(r, 2, 3000) * 1000 * (bench_chance(r, 20) ? 10 : 1);
    /* a second source only where the 资金安排 cells line up with the header */
    long long fund = pg->shift == 0 && bench_chance(r, 10) ? (long long)bench_range(r, 1, 500) * 1000 : 0;
    char total[40], gen[40], fnd[40];
    gt_amount(total, sizeof total, general + fund);
    gt_amount(gen, sizeof gen, general);
    gt_amount(fnd, sizeof fnd, fund);
    const char *goal = bench_chance(r, 85) ? GT_PICK(r, gt_goals) : "";
    fprintf(f, "\t%d年%s市%s%s%06ld\t%s\t%s\t%s\t\t", 2024, city, GT_PICK(r, gt_subjects), GT_PICK(r, gt_kinds), no,
            total, gen, fund ? fnd : "");
    /* the 资金安排 cells: 总计 and four sources in the header; a shifted page has one fewer or one more */
    fputs(pg->shift < 0 ? "" : pg->shift > 0 ? "\t\t" : "\t", f);
    fprintf(f, "%s\t", goal);
    gt_cells(f, r, &inds[0]);
    for (int i = 1; i < count; i++) {
        gt_row(f, r, pg);
        for (int c = 0; c < 8 + pg->shift; c++)
            fputc('\t', f);
        gt_cells(f, r, &inds[i]);
    }
    return count;
}

/** Writes one department's table (preamble, header rows, code rows, projects); returns indicators. */
static long long gt_department(FILE *f, bench_rng *r, long dept, long *no, long long left)
{
    const char *city = GT_PICK(r, gt_cities);
    const char *bureau = GT_PICK(r, gt_bureaus);
    int code = 100 + (int)(dept % 900);
    fprintf(f, "2024年市级部门预算项目绩效目标表\n\n部门名称：【%d】市%s局\n\n单位：元\n\n", code, bureau);
    fputs("单位编码\t单位名称(项目名称)\t资金安排\t\t\t\t\t总体绩效目标\t一级指标\t二级指标\t三级指标\t计算符号"
          "\t指标值\t计量单位\t指标权重\n"
          "\t\t总计\t一般公共预算\t政府性基金\t专户资金\t其他资金\t\t\t\t\t\t\t\t\n",
          f);
    gt_page pg = {bench_range(r, 25, 45), 1, 0};
    gt_row(f, r, &pg);
    fprintf(f, "%d\t市%s局\t\t\t\t\t\t\t\t\t\t\t\t\t\n", code, bureau);
    long long written = 0;
    int units = bench_range(r, 1, 4);
    for (int u = 1; u <= units && written < left; u++) {
        gt_row(f, r, &pg);
        fprintf(f, "%d%03d\t%s市%s%s\t\t\t\t\t\t\t\t\t\t\t\t\t\n", code, u, city, bureau,
                u == 1 ? gt_units[0] : gt_units[1 + bench_below(r, BENCH_COUNT(gt_units) - 1)]);
        int projects = bench_range(r, 5, 30);
        for (int p = 0; p < projects && written < left; p++) {
            long long rest = left - written;
            int count = bench_range(r, 10, 20);
            if (count > rest)
                count = (int)rest;
            written += gt_project(f, r, &pg, city, ++*no, count);
        }
    }
    fputs("\n注：本表金额单位为元。\n\n", f);
    return written;
}

static void gt_usage(FILE *f)
{
    fputs("用法：jx_gen_target [-n 指标数] [-s 种子] [-o 文件]\n"
          "生成用于测量的合成市级部门预算项目绩效目标表（制表符分隔）；同一种子生成相同的内容。\n",
          f);
}

/** Parses a non-negative decimal argument; exits with usage on anything else. */
int main(int argc, char **argv)
{
    bench_gen_args args = {.indicators = 10000, .seed = 1};
    int code = bench_gen_parse(argc, argv, "nso", gt_usage, &args);
    if (code >= 0)
        return code;
    FILE *f = bench_gen_open("jx_gen_target", &args);
    if (!f)
        return 3;
    bench_rng r = {args.seed};
    long long written = 0;
    long no = 0;
    for (long dept = 1; written < args.indicators; dept++)
        written += gt_department(f, &r, dept, &no, args.indicators - written);
    return bench_gen_close("jx_gen_target", &args, f);
}
