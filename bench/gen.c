/* SPDX-License-Identifier: MIT */
/* gen.c — jx_gen: writes a synthetic rule-DSL file of many projects for measurements.
 *
 *     jx_gen [-p PROJECTS] [-n INDICATORS] [-s SEED] [-o FILE]
 *
 * Each project looks like a real 项目支出绩效自评表: department, unit, year, funds
 * rows, a goal, then 产出 / 效益 / 满意度 groups with 10–20 indicators whose weights
 * sum to 100 (产出 60, 效益 30, 满意度 10) and whose groups declare the sum of their
 * children. Targets mix ≥ ≤ = and 定性, percents and units; actuals fall around the
 * target, a few restate it with its sign (vague), a few are missing, and indicators
 * that fall short carry a 偏差 text. The same seed gives the same bytes.
 *
 * Generation stops after PROJECTS projects (default 1000) or, when -n is given, at
 * the end of the first project that reaches INDICATORS indicators.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_args.h"
#include "rng.h"


/* ---------------------------------------------------------------- words */

static const char *const gen_places[] = {"越城区", "柯桥区", "上虞区", "诸暨市", "嵊州市", "新昌县",
                                        "滨海新区", "镜湖新区"};
static const char *const gen_subjects[] = {"道路养护", "农村饮用水", "政务云资源", "网络安全运营",
                                          "垃圾分类", "老年食堂", "义务教育", "河道保洁",
                                          "公共文化", "基层医疗", "应急物资", "智慧城管"};
static const char *const gen_depts[] = {"301-大数据管理", "205-交通运输", "118-教育", "402-卫生健康",
                                       "330-农业农村", "512-综合执法"};

/** What an indicator measures and how its target is written. */
typedef enum gen_kind {
    GEN_COUNT_GE,   /* ≥N unit: counts of things done */
    GEN_RATE_GE,    /* ≥P%: rates that should be high */
    GEN_TIME_LE,    /* ≤N 小时/天: response times */
    GEN_RATE_LE,    /* ≤P%: rates that should be low */
    GEN_EXACT_EQ,   /* =N unit: a fixed number of events */
    GEN_COST_LE,    /* ≤N 万元: costs */
    GEN_QUAL        /* 定性 "提升" */
} gen_kind;

/** Name stems, one list per kind; each stem is combined with a subject word. */
static const char *const gen_things[] = {"接入系统", "巡查", "培训", "检测", "维修", "宣传活动",
                                        "走访", "设备", "服务", "督查"};
static const char *const gen_count_units[] = {"个", "次", "人次", "场", "台", "个/月", "人"};
static const char *const gen_rate_high[] = {"完成率", "合格率", "覆盖率", "及时率", "达标率",
                                           "执行率", "满意率"};
static const char *const gen_rate_low[] = {"投诉率", "故障率", "事故发生率", "差错率"};
static const char *const gen_time_units[] = {"小时", "天"};
static const char *const gen_quals[] = {"提升", "有效提升", "明显改善", "持续改善", "逐步提高"};
static const char *const gen_reasons[] = {"受天气影响推迟", "任务划转", "采购延期", "按实际结算"};

/** Level-2 groups under each level-1 group, with the level-1 points. */
static const char *const gen_output_groups[] = {"数量指标", "质量指标", "时效指标", "成本指标"};
static const char *const gen_benefit_groups[] = {"经济效益", "社会效益", "生态效益", "可持续影响"};

/* -------------------------------------------------------------- writing */

/** Splits total into n ≥ 1 positive integer parts (total ≥ n) into parts[]. */
static void gen_split(bench_rng *r, int total, int n, int *parts)
{
    for (int i = 0; i < n; i++)
        parts[i] = 1;
    for (int left = total - n; left > 0; left--)
        parts[bench_below(r, (uint32_t)n)]++;
}

/** The names already given in one project, so none repeats. */
typedef struct gen_names {
    char v[24][96]; /* the names */
    int n;          /* how many */
} gen_names;

/** Makes name[] unique among names (appending serial when taken) and records it. */
static void gen_unique(gen_names *names, char *name, size_t size, int serial)
{
    for (int i = 0; i < names->n; i++) {
        if (strcmp(names->v[i], name) == 0) {
            size_t len = strlen(name);
            snprintf(name + len, size - len, "%d", serial);
            break;
        }
    }
    if (names->n < (int)BENCH_COUNT(names->v))
        snprintf(names->v[names->n++], sizeof names->v[0], "%s", name);
}

/** The kinds of indicator each level-2 group holds, in the order of its level-1 list. */
static const gen_kind gen_output_kinds[4][2] = {
    {GEN_COUNT_GE, GEN_EXACT_EQ}, /* 数量指标 */
    {GEN_RATE_GE, GEN_RATE_LE},   /* 质量指标 */
    {GEN_TIME_LE, GEN_RATE_GE},   /* 时效指标 */
    {GEN_COST_LE, GEN_COST_LE},   /* 成本指标 */
};
static const gen_kind gen_benefit_kinds[4][2] = {
    {GEN_QUAL, GEN_COUNT_GE},  /* 经济效益 */
    {GEN_QUAL, GEN_RATE_LE},   /* 社会效益 */
    {GEN_QUAL, GEN_RATE_GE},   /* 生态效益 */
    {GEN_QUAL, GEN_TIME_LE},   /* 可持续影响 */
};

/**
 * Writes one indicator of the given kind and weight into out (a line without
 * indentation). serial makes the name unique within its project when the words
 * alone would repeat.
 */
static void gen_indicator(bench_rng *r, gen_names *names, gen_kind kind, int serial, int weight, char *out,
                          size_t size)
{
    const char *thing = gen_things[bench_below(r, BENCH_COUNT(gen_things))];
    char name[128], target[64], actual[64];
    int met = bench_chance(r, 75);
    int vague = bench_chance(r, 8);
    int missing = bench_chance(r, 2);
    actual[0] = '\0';

    switch (kind) {
    case GEN_COUNT_GE: {
        const char *unit = gen_count_units[bench_below(r, BENCH_COUNT(gen_count_units))];
        int t = bench_range(r, 2, 400);
        int a = met ? t + bench_range(r, 0, t / 5) : bench_range(r, t / 2, t - 1);
        snprintf(name, sizeof name, "%s数量", thing);
        snprintf(target, sizeof target, "≥%d%s", t, unit);
        snprintf(actual, sizeof actual, "%d%s", a, unit);
        break;
    }
    case GEN_RATE_GE: {
        int t = bench_range(r, 80, 99);
        int cents = met ? bench_range(r, t * 100, 10000) : bench_range(r, (t - 20) * 100, t * 100 - 1);
        snprintf(name, sizeof name, "%s%s", thing, gen_rate_high[bench_below(r, BENCH_COUNT(gen_rate_high))]);
        snprintf(target, sizeof target, "≥%d%%", t);
        snprintf(actual, sizeof actual, "%d.%02d%%", cents / 100, cents % 100);
        break;
    }
    case GEN_TIME_LE: {
        const char *unit = gen_time_units[bench_below(r, BENCH_COUNT(gen_time_units))];
        int t = bench_range(r, 1, 72);
        int a = met ? bench_range(r, 0, t) : bench_range(r, t + 1, 2 * t + 1);
        snprintf(name, sizeof name, "%s响应时间", thing);
        snprintf(target, sizeof target, "≤%d%s", t, unit);
        snprintf(actual, sizeof actual, "%d%s", a, unit);
        break;
    }
    case GEN_RATE_LE: {
        int t = bench_range(r, 1, 10);
        int tenths = met ? bench_range(r, 0, t * 10) : bench_range(r, t * 10 + 1, t * 20);
        snprintf(name, sizeof name, "%s%s", thing, gen_rate_low[bench_below(r, BENCH_COUNT(gen_rate_low))]);
        snprintf(target, sizeof target, "≤%d%%", t);
        snprintf(actual, sizeof actual, "%d.%d%%", tenths / 10, tenths % 10);
        break;
    }
    case GEN_EXACT_EQ: {
        const char *unit = gen_count_units[bench_below(r, 3)];
        int t = bench_range(r, 1, 12);
        int a = met ? t : bench_range(r, 0, t - 1);
        snprintf(name, sizeof name, "%s次数", thing);
        /* the tables write = in full width about as often as in ASCII */
        snprintf(target, sizeof target, "%s%d%s", bench_chance(r, 50) ? "＝" : "=", t, unit);
        snprintf(actual, sizeof actual, "%d%s", a, unit);
        break;
    }
    case GEN_COST_LE: {
        int t = bench_range(r, 10, 900);
        int cents = met ? bench_range(r, t * 80, t * 100) : bench_range(r, t * 100 + 1, t * 130);
        snprintf(name, sizeof name, "%s成本", thing);
        snprintf(target, sizeof target, "≤%d万元", t);
        snprintf(actual, sizeof actual, "%d.%02d万元", cents / 100, cents % 100);
        break;
    }
    case GEN_QUAL:
    default: {
        const char *q = gen_quals[bench_below(r, BENCH_COUNT(gen_quals))];
        snprintf(name, sizeof name, "%s成效", thing);
        snprintf(target, sizeof target, "定性 \"%s\"", q);
        if (met)
            snprintf(actual, sizeof actual, "\"%s\"", q);
        else
            snprintf(actual, sizeof actual, "\"%s\" 评定 部分达成",
                     gen_quals[bench_below(r, BENCH_COUNT(gen_quals))]);
        vague = 0;
        break;
    }
    }
    if (vague)
        snprintf(actual, sizeof actual, "%s", target);
    gen_unique(names, name, sizeof name, serial);

    int len = snprintf(out, size, "%s %s 权重 %d", name, target, weight);
    if (!missing)
        len += snprintf(out + len, size - (size_t)len, " 实际 %s", actual);
    if (met && !missing)
        len += snprintf(out + len, size - (size_t)len, " 得分 %d", weight);
    else
        snprintf(out + len, size - (size_t)len, " 偏差 \"%s\"", gen_reasons[bench_below(r, BENCH_COUNT(gen_reasons))]);
}

/** Writes a level-1 group of `points` points holding n indicators spread over its level-2 groups. */
static int gen_level1(FILE *f, bench_rng *r, const char *name, int points, const char *const *groups,
                      const gen_kind (*kinds)[2], int ngroups, int n, int *serial, gen_names *names)
{
    int weights[32], per_group[8] = {0};
    gen_split(r, points, n, weights);
    for (int i = 0; i < n; i++)
        per_group[bench_below(r, (uint32_t)ngroups)]++;
    fprintf(f, "    %s %d {\n", name, points);
    int w = 0;
    char line[512];
    for (int g = 0; g < ngroups; g++) {
        int sum = 0;
        for (int i = 0; i < per_group[g]; i++)
            sum += weights[w + i];
        if (per_group[g] == 0) {
            fprintf(f, "        %s 0 {}\n", groups[g]);
            continue;
        }
        if (per_group[g] == 1) {
            /* a group of one is written on one line, as the tables are transcribed */
            gen_indicator(r, names, kinds[g][bench_below(r, 2)], ++*serial, weights[w++], line, sizeof line);
            fprintf(f, "        %s %d { %s }\n", groups[g], sum, line);
            continue;
        }
        fprintf(f, "        %s %d {\n", groups[g], sum);
        for (int i = 0; i < per_group[g]; i++) {
            gen_indicator(r, names, kinds[g][bench_below(r, 2)], ++*serial, weights[w++], line, sizeof line);
            fprintf(f, "            %s\n", line);
        }
        fprintf(f, "        }\n");
    }
    return n;
}

/** Writes project number no (1-based); returns its indicator count. */
static int gen_project(FILE *f, bench_rng *r, long no)
{
    const char *place = gen_places[bench_below(r, BENCH_COUNT(gen_places))];
    const char *subject = gen_subjects[bench_below(r, BENCH_COUNT(gen_subjects))];
    const char *dept = gen_depts[bench_below(r, BENCH_COUNT(gen_depts))];
    int count = bench_range(r, 10, 20);
    /* 满意度 holds one indicator, 效益 a quarter of the rest, 产出 the others */
    int benefit = 1 + (count - 1) / 4;
    int output = count - 1 - benefit;
    int budget = bench_range(r, 5, 2000);
    int spent = budget - bench_range(r, 0, budget / 10);

    fprintf(f, "项目 \"%s%s项目%06ld\" {\n", place, subject, no);
    fprintf(f, "    主管部门 \"%s\"\n    单位 \"%s%s服务中心\"\n    年度 2024\n    金额单位 万元\n", dept,
            place, subject);
    fprintf(f, "    资金 年度资金总额 年初预算 %d 全年预算 %d 全年执行 %d\n", budget, budget, spent);
    fprintf(f, "    资金 一般公共预算资金 年初预算 %d 全年预算 %d 全年执行 %d\n", budget, budget, spent);
    fprintf(f, "    年度目标 \"做好%s%s工作，提升服务质量。\"\n\n", place, subject);
    int serial = 0;
    gen_names names;
    names.n = 0;
    gen_level1(f, r, "产出指标", 60, gen_output_groups, gen_output_kinds, 4, output, &serial, &names);
    fprintf(f, "    }\n");
    gen_level1(f, r, "效益指标", 30, gen_benefit_groups, gen_benefit_kinds, 4, benefit, &serial, &names);
    fprintf(f, "    }\n");
    int sat = bench_range(r, 85, 95);
    int got = sat + bench_range(r, -3, 4);
    fprintf(f, "    满意度指标 10 {\n        服务对象满意度 10 { 服务对象满意率 ≥%d%% 权重 10 实际 %d%% %s }\n    }\n}\n\n",
            sat, got, got >= sat ? "得分 10" : "偏差 \"部分对象反映响应偏慢\"");
    return count;
}

static void gen_usage(FILE *f)
{
    fputs("用法：jx_gen [-p 项目数] [-n 指标数] [-s 种子] [-o 文件]\n"
          "生成用于测量的合成规则文件；同一种子生成相同的内容。\n",
          f);
}

/** Parses a non-negative decimal argument; exits with usage on anything else. */
int main(int argc, char **argv)
{
    bench_gen_args args = {.projects = 1000, .indicators = -1, .seed = 1};
    int code = bench_gen_parse(argc, argv, "pnso", gen_usage, &args);
    if (code >= 0)
        return code;
    FILE *f = bench_gen_open("jx_gen", &args);
    if (!f)
        return 3;
    bench_rng r = {args.seed};
    fprintf(f, "# 合成测量数据（jx_gen，种子 %" PRIu64 "）\n\n", args.seed);
    long long written = 0;
    for (long no = 1; args.indicators >= 0 ? written < args.indicators : no <= args.projects; no++)
        written += gen_project(f, &r, no);
    return bench_gen_close("jx_gen", &args, f);
}
