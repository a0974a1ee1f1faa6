/* SPDX-License-Identifier: MIT */
/* shared_client.c — a client that sees only <jixiao.h> and links only libjixiao.so:
 * parses samples/yuecheng-2024.jx, scores it under "default", renders JSON into memory
 * and checks, through a counting allocator, that every allocation is given back.
 * Usage: shared_client SAMPLES_DIR */
#include <jixiao.h>

#include "counter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed, failed;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (cond)                                                                \
            passed++;                                                            \
        else {                                                                   \
            failed++;                                                            \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                        \
    } while (0)

/** The JSON output, collected in memory. */
typedef struct buffer {
    char *data; /* NUL-terminated */
    size_t len; /* bytes */
} buffer;

static size_t buffer_write(void *ud, const char *data, size_t len)
{
    buffer *b = ud;
    char *nd = realloc(b->data, b->len + len + 1);
    if (!nd)
        return 0;
    memcpy(nd + b->len, data, len);
    b->data = nd;
    b->len += len;
    b->data[b->len] = '\0';
    return len;
}

/* What the first project of samples/yuecheng-2024.jx says, read through the accessors, as
 * its lines 6-36 write it: 年度 2024, 金额单位 万元, two 资金 rows (年度资金总额 0/0/0 and
 * 一般公共预算资金 366/358.35/358.35), 接入系统数量 ≥60个 权重 30 实际 ≥60个 得分 30, 工作效率
 * 定性 "提升" 实际 "提升" 得分 15, 执行率 ≥95% 实际 100%. */
static void check_written(const jx_project *p)
{
    jx_decimal d = {-1, -1};
    CHECK(jx_project_year(p) == 2024);
    CHECK(strcmp(jx_project_money_unit(p), "万元") == 0);
    CHECK(strncmp(jx_project_goal(p), "提高电子政务云资源集约利用水平", 15) == 0);
    CHECK(strcmp(jx_project_remedy(p), "") == 0);
    CHECK(jx_project_funds_count(p) == 2);
    CHECK(strcmp(jx_project_funds_source(p, 1), "一般公共预算资金") == 0);
    CHECK(jx_project_funds_source(p, 2) == NULL);
    CHECK(jx_project_funds_amount(p, 1, JX_FUNDS_BUDGET, &d) == 1 && d.v == 35835 && d.scale == 2);
    CHECK(jx_project_funds_amount(p, 1, JX_FUNDS_INITIAL, &d) == 1 && d.v == 366 && d.scale == 0);
    CHECK(jx_project_funds_amount(p, 0, JX_FUNDS_SPENT, &d) == 1 && d.v == 0);
    CHECK(jx_project_funds_amount(p, 5, JX_FUNDS_SPENT, &d) == 0);
    const jx_indicator *ind = jx_project_indicator(p, 0);
    CHECK(strcmp(jx_indicator_name(ind), "接入系统数量") == 0);
    CHECK(strcmp(jx_indicator_sign(ind), "≥") == 0);
    CHECK(strcmp(jx_indicator_target(ind), "≥60个") == 0);
    CHECK(jx_indicator_target_number(ind, &d) == 1 && d.v == 60 && d.scale == 0);
    CHECK(strcmp(jx_indicator_unit(ind), "个") == 0 && !jx_indicator_percent(ind));
    CHECK(strcmp(jx_indicator_actual(ind), "≥60个") == 0);
    CHECK(jx_indicator_claimed(ind, &d) == 1 && d.v == 30);
    CHECK(strcmp(jx_indicator_last_year(ind), "") == 0 && strcmp(jx_indicator_basis(ind), "") == 0);
    const jx_indicator *rate = jx_project_indicator(p, 2);
    CHECK(strcmp(jx_indicator_name(rate), "执行率") == 0 && jx_indicator_percent(rate));
    CHECK(jx_indicator_actual_number(rate, &d) == 1 && d.v == 100);
    const jx_indicator *q = jx_project_indicator(p, 3);
    CHECK(strcmp(jx_indicator_name(q), "工作效率") == 0);
    CHECK(strcmp(jx_indicator_sign(q), "定性") == 0 && strcmp(jx_indicator_target(q), "提升") == 0);
    CHECK(jx_indicator_target_number(q, &d) == 0);
    CHECK(strcmp(jx_indicator_judge(q), "") == 0 && !jx_indicator_not_applicable(q));
}

/* Option structs carry their size (JX_OPTIONS_INIT): 0 and the full size are taken, a size
 * short of the 0.1 layout is a usage error. */
static void check_options(const jx_policy *pol)
{
    jx_vet *vt = NULL;
    jx_vet_options vo = JX_OPTIONS_INIT(jx_vet_options);
    vo.min_severity = JX_SEV_WARNING;
    CHECK(vo.size == sizeof vo);
    CHECK(jx_vet_create(&vt, pol, &vo, NULL) == JX_OK);
    jx_vet_destroy(vt);
    vo.size = 0;
    CHECK(jx_vet_create(&vt, pol, &vo, NULL) == JX_OK);
    jx_vet_destroy(vt);
    vo.size = 1;
    CHECK(jx_vet_create(&vt, pol, &vo, NULL) == JX_ERR_USAGE);
    jx_audit *au = NULL;
    jx_audit_options ao = JX_OPTIONS_INIT(jx_audit_options);
    CHECK(jx_audit_create(&au, pol, &ao, NULL) == JX_OK);
    jx_audit_destroy(au);
    ao.size = sizeof ao.size;
    CHECK(jx_audit_create(&au, pol, &ao, NULL) == JX_ERR_USAGE);
    jx_import *imp = NULL;
    jx_import_options io = {.size = 3};
    CHECK(jx_import_open_memory(&imp, "t.csv", "项目,三级指标,指标值\n甲,乙,1\n", 40, &io, NULL) == JX_ERR_USAGE);
    jx_import_close(imp);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: shared_client SAMPLES_DIR\n");
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/yuecheng-2024.jx", argv[1]);
    counter count = COUNTER_INIT;
    jx_allocator alloc = {counting_alloc, &count};
    buffer out = {NULL, 0};

    jx_policy *pol = NULL;
    jx_reader *rd = NULL;
    jx_writer *wr = NULL;
    CHECK(jx_policy_open(&pol, "default", &alloc) == JX_OK);
    CHECK(jx_reader_open(&rd, path, &alloc) == JX_OK);
    CHECK(jx_writer_create(&wr, JX_FORMAT_JSON, 0, buffer_write, &out, &alloc) == JX_OK);
    if (pol)
        check_options(pol);
    int projects = 0;
    if (pol && rd && wr) {
        jx_project *p = NULL;
        while (jx_reader_next(rd, &p) == JX_ROW) {
            projects++;
            CHECK(jx_project_error_count(p) == 0);
            CHECK(jx_score(p, pol) == JX_OK);
            /* every indicator meets its target: the weights sum to 100.00 → 优 */
            CHECK(jx_project_total_cents(p) == 10000);
            CHECK(jx_project_grade(p) == JX_GRADE_EXCELLENT);
            CHECK(jx_project_claimed_total_cents(p) == 10000);
            if (projects == 1)
                check_written(p);
            CHECK(jx_writer_project(wr, p) == JX_OK);
        }
        CHECK(jx_writer_finish(wr) == JX_OK);
    }
    CHECK(projects == 2);
    CHECK(count.calls > 0); /* the library really used the caller's allocator */
    jx_writer_destroy(wr);
    jx_reader_close(rd);
    jx_policy_close(pol);
    CHECK(count.blocks == 0);
    CHECK(count.bytes == 0);

    CHECK(out.data != NULL);
    if (out.data) {
        CHECK(strncmp(out.data, "{\"jixiao\":\"" JX_VERSION "\",\"policy\":\"财政部2020\",\"projects\":[", 50) == 0);
        const char *first = strstr(out.data, "\"total\":100.00,\"grade\":\"优\"");
        CHECK(first != NULL);
        CHECK(first && strstr(first + 1, "\"total\":100.00,\"grade\":\"优\"") != NULL);
        CHECK(strstr(out.data, "\"name\":\"越城区网络安全运营中心项目\"") != NULL);
        /* the JSON read back through the importer: the same two projects, scored alike */
        jx_policy *pol2 = NULL;
        jx_reader *back = NULL;
        CHECK(jx_policy_open(&pol2, "default", NULL) == JX_OK);
        CHECK(jx_reader_open_import_memory(&back, "out.json", out.data, strlen(out.data), NULL, NULL) == JX_OK);
        CHECK(jx_reader_imported(back) == 1);
        int again = 0;
        jx_project *p = NULL;
        while (back && pol2 && jx_reader_next(back, &p) == JX_ROW) {
            again++;
            CHECK(jx_score(p, pol2) == JX_OK);
            CHECK(jx_project_total_cents(p) == 10000 && jx_project_grade(p) == JX_GRADE_EXCELLENT);
        }
        CHECK(again == 2);
        jx_reader_close(back);
        jx_policy_close(pol2);
    }
    free(out.data);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
