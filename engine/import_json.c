/* SPDX-License-Identifier: MIT */
/* import_json.c — the json table format: jixiao's own `score --format json`, read back.
 *
 * So that `audit` and `import` take a department's scored JSON as they take its rules:
 * every field the model holds is in that document (docs/reports.md), and this reader
 * puts each back where the CSV reader would put a cell — project fields, 资金 rows, the
 * points of every group (also one without indicators), and per indicator its path,
 * target and actual as written, 权重, 偏差, 评定, 不适用 and the claimed 得分. What the
 * scoring recomputes (score, method, formula, total, grade, full_marks, execution,
 * warnings) is not read: the claims come back as claims ("claimed", "claimed_total",
 * "claimed_grade"), never the recomputed numbers.
 *
 * The tree is cJSON's. cJSON reads numbers as doubles, and no float may carry a number of
 * the scoring path, so the numbers are taken as written instead: json_numbers() lists
 * the number tokens of the text in order, and since cJSON keeps members and elements in
 * the order of the text, the n-th number item of the tree (in document order) is the
 * n-th token; json_number_ids() writes that index into each item's valueint.
 *
 * A document that is JSON but not jixiao's scores (an audit, a 复核, anything else) is
 * an error naming what was expected; it is recognised by its bytes, never by a file name.
 */
#include "import.h"

#include "alloc.h"

#include <cjson/cJSON.h>

#include <assert.h>
#include <limits.h>
#include <stdbool.h>
#include <string.h>

/** What every document of jixiao's begins with (write_json.c, doc_head). */
#define JSON_HEAD "{\"jixiao\":\""

/** Where the text starts after a BOM and blanks. */
static size_t json_start(const char *text, size_t len)
{
    size_t i = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
        i++;
    return i;
}

/** Sure (100) of jixiao's own document; for other JSON just sure enough to be picked
 * (40, import.c's least) when no table format is surer, so its read says what is wrong. */
static int json_detect(const char *text, size_t len)
{
    size_t i = json_start(text, len);
    if (len - i >= strlen(JSON_HEAD) && memcmp(text + i, JSON_HEAD, strlen(JSON_HEAD)) == 0)
        return 100;
    if (i < len && (text[i] == '{' || text[i] == '['))
        return 40;
    return 0;
}

/** The number tokens of a text, in order. */
typedef struct json_nums {
    const char **s; /* where each starts */
    size_t *n;      /* its length */
    size_t count, cap_s, cap_n;
} json_nums;

/** Lists the number tokens of text[0..len) outside strings. 0, or -1 when memory ran out. */
static int json_numbers(const jx_allocator *alloc, const char *text, size_t len, json_nums *out)
{
    for (size_t i = 0; i < len;) {
        char c = text[i];
        if (c == '"') {
            for (i++; i < len && text[i] != '"'; i++)
                if (text[i] == '\\')
                    i++;
            i++;
            continue;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            size_t j = i;
            while (j < len && (text[j] == '-' || text[j] == '+' || text[j] == '.' || text[j] == 'e' ||
                               text[j] == 'E' || (text[j] >= '0' && text[j] <= '9')))
                j++;
            if (JX_GROW(alloc, out->s, out->cap_s, out->count + 1) != 0 ||
                JX_GROW(alloc, out->n, out->cap_n, out->count + 1) != 0)
                return -1;
            out->s[out->count] = text + i;
            out->n[out->count++] = j - i;
            i = j;
            continue;
        }
        i++;
    }
    return 0;
}

/** Numbers the number items of the tree under it in document order, from *next. */
static void json_number_ids(cJSON *it, size_t *next)
{
    for (; it; it = it->next) {
        if (cJSON_IsNumber(it))
            it->valueint = *next < INT_MAX ? (int)(*next)++ : INT_MAX;
        else if (it->child)
            json_number_ids(it->child, next);
    }
}

/** The state of one read. */
typedef struct json_reader {
    jx_imp *im;          /* the model */
    const json_nums *nums; /* the number tokens */
    uint32_t row;        /* the line of the project being read */
    int oom;             /* memory ran out */
} json_reader;

/** Member key of obj as a string in the model's arena: a string as it is, a number as
 * written, "" for null, absent or anything else. */
static const char *json_cell(json_reader *r, const cJSON *obj, const char *key)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    const char *s = "";
    size_t n = 0;
    if (cJSON_IsString(it)) {
        s = it->valuestring;
        n = strlen(s);
    } else if (cJSON_IsNumber(it) && it->valueint >= 0 && (size_t)it->valueint < r->nums->count) {
        s = r->nums->s[it->valueint];
        n = r->nums->n[it->valueint];
    }
    return n ? jx_imp_str(r->im, s, n) : "";
}

/** Element i of array arr as a string ("" when absent or not a string), in the model's arena. */
static const char *json_elem(json_reader *r, const cJSON *arr, int i)
{
    const cJSON *it = cJSON_GetArrayItem(arr, i);
    return cJSON_IsString(it) ? jx_imp_str(r->im, it->valuestring, strlen(it->valuestring)) : "";
}

/** Sets project field f from member key of obj. */
static void json_field(json_reader *r, const cJSON *obj, const char *key, jx_imp_field f)
{
    const char *v = json_cell(r, obj, key);
    if (*v && jx_imp_set(r->im, f, r->row, v, strlen(v)) != 0)
        r->oom = 1;
}

/** Reads one project object. */
static void json_project(json_reader *r, const cJSON *pj)
{
    jx_imp *im = r->im;
    if (!jx_imp_begin(im, r->row)) {
        r->oom = 1;
        return;
    }
    static const struct {
        const char *key;
        jx_imp_field f;
    } fields[] = {
        {"name", JX_IMP_NAME},          {"dept", JX_IMP_DEPT},       {"org", JX_IMP_ORG},
        {"year", JX_IMP_YEAR},          {"money_unit", JX_IMP_MONEY_UNIT}, {"goal", JX_IMP_GOAL},
        {"outcome", JX_IMP_OUTCOME},    {"deviation", JX_IMP_DEVIATION}, {"remedy", JX_IMP_REMEDY},
        {"claimed_total", JX_IMP_CLAIMED_TOTAL}, {"claimed_grade", JX_IMP_CLAIMED_GRADE},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        json_field(r, pj, fields[i].key, fields[i].f);
    const cJSON *it;
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(pj, "funds"))
    {
        jx_imp_funds *f = jx_imp_funds_add(im, r->row);
        if (!f) {
            r->oom = 1;
            return;
        }
        f->source = json_cell(r, it, "source");
        f->initial = json_cell(r, it, "initial");
        f->budget = json_cell(r, it, "budget");
        f->spent = json_cell(r, it, "spent");
    }
    /* every group, with its points ("" when none), so one without indicators comes back */
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(pj, "groups"))
    {
        const cJSON *path = cJSON_GetObjectItemCaseSensitive(it, "path");
        int n = cJSON_GetArraySize(path);
        const char *l1 = json_elem(r, path, 0), *l2 = n > 1 ? json_elem(r, path, 1) : "";
        if (*l1 && jx_imp_points_add(im, r->row, l1, l2, json_cell(r, it, "points")) != 0)
            r->oom = 1;
    }
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(pj, "indicators"))
    {
        jx_imp_indicator *ind = jx_imp_indicator_add(im, r->row);
        if (!ind) {
            r->oom = 1;
            return;
        }
        const cJSON *path = cJSON_GetObjectItemCaseSensitive(it, "path");
        ind->level1 = json_elem(r, path, 0);
        ind->level2 = json_elem(r, path, 1);
        ind->name = json_elem(r, path, 2);
        /* the target's text as written carries its sign and unit; only 定性 needs saying */
        const char *sign = json_cell(r, it, "sign");
        ind->sign = strcmp(sign, "定性") == 0 ? sign : "";
        ind->target = json_cell(r, it, "target");
        ind->actual = json_cell(r, it, "actual");
        ind->weight = json_cell(r, it, "weight");
        ind->score = json_cell(r, it, "claimed");
        ind->reason = json_cell(r, it, "reason");
        ind->judge = json_cell(r, it, "judge");
        ind->not_applicable = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "not_applicable")) ? "是" : "";
        ind->last_year = json_cell(r, it, "last_year");
        ind->year_before = json_cell(r, it, "year_before");
        ind->basis = json_cell(r, it, "basis");
    }
}

/** The line of text[off]: 1 + the newlines before it. */
static uint32_t json_line_of(const char *text, size_t off)
{
    uint32_t line = 1;
    for (size_t i = 0; i < off; i++)
        line += text[i] == '\n';
    return line;
}

/** True when the document is jixiao's scores: a "jixiao" member, a "projects" array of
 * objects with "indicators" arrays, and none of the audit's or the 复核's members. */
static bool json_is_scores(const cJSON *doc)
{
    if (!cJSON_IsObject(doc) || !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(doc, "jixiao")) ||
        cJSON_GetObjectItemCaseSensitive(doc, "min_severity") || cJSON_GetObjectItemCaseSensitive(doc, "sheets"))
        return false;
    const cJSON *projects = cJSON_GetObjectItemCaseSensitive(doc, "projects"), *p;
    if (!cJSON_IsArray(projects))
        return false;
    cJSON_ArrayForEach(p, projects)
    {
        if (!cJSON_IsObject(p) || !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(p, "indicators")) ||
            !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(p, "name")))
            return false;
    }
    return true;
}

/** Reads text[0..len) as jixiao's scores into im. */
static int json_read(jx_imp *im, const char *text, size_t len)
{
    const jx_allocator *alloc = jx_imp_alloc(im);
    size_t start = json_start(text, len);
    const char *end = NULL;
    cJSON *doc = cJSON_ParseWithLengthOpts(text + start, len - start, &end, false);
    if (!doc) {
        size_t off = end && end >= text + start ? (size_t)(end - text) : start;
        jx_imp_error(im, json_line_of(text, off), "json-syntax",
                     "JSON 在第 %u 行不合语法，无法读取（jixiao 读回的是 score --format json 的输出）",
                     (unsigned)json_line_of(text, off));
        return 0;
    }
    if (!json_is_scores(doc)) {
        jx_imp_error(im, 1, "not-scores",
                     "这个 JSON 不是 jixiao 的评分输出：只能读回 jixiao score --format json 写出的文件（有 jixiao、projects，"
                     "每个项目有 name 和 indicators；审核和复核的 JSON 不能读回）");
        cJSON_Delete(doc);
        return 0;
    }
    json_nums nums = {0};
    json_reader r = {.im = im, .nums = &nums};
    size_t parsed = end && end >= text + start && end <= text + len ? (size_t)(end - text) : len;
    if (json_numbers(alloc, text + start, parsed - start, &nums) != 0) {
        r.oom = 1;
    } else {
        size_t next = 0;
        json_number_ids(doc, &next);
        assert(next == nums.count); /* cJSON and json_numbers see the same tokens */
    }
    /* each project on a line of its own (write_json.c); the lines around them are the
     * document's head and tail */
    size_t pos = 0, k = 0;
    jx_imp_line line = {0};
    const cJSON *projects = cJSON_GetObjectItemCaseSensitive(doc, "projects");
    int nproj = cJSON_GetArraySize(projects);
    while (!r.oom && jx_imp_next_line(text, len, &pos, &line)) {
        size_t b = 0;
        while (b < line.n && (line.s[b] == ',' || line.s[b] == ' ' || line.s[b] == '\t'))
            b++;
        bool head = line.n - b >= 9 && memcmp(line.s + b, "{\"name\":", 8) == 0;
        if (head && k < (size_t)nproj) {
            r.row = line.row;
            json_project(&r, cJSON_GetArrayItem(projects, (int)k++));
        } else if (line.n > 0) {
            jx_imp_row(im, line.row, JX_IMP_ROW_SKIPPED, "JSON 的开头或结尾");
        }
    }
    /* a document written otherwise (one line, or reformatted): its projects at its line 1 */
    for (r.row = 1; !r.oom && k < (size_t)nproj; k++)
        json_project(&r, cJSON_GetArrayItem(projects, (int)k));
    jx_free(alloc, nums.s, nums.cap_s * sizeof *nums.s);
    jx_free(alloc, nums.n, nums.cap_n * sizeof *nums.n);
    cJSON_Delete(doc);
    if (r.oom || jx_imp_oom(im))
        return -1;
    return jx_imp_finish(im);
}

const jx_imp_format jx_imp_json = {"json", "jixiao score --format json 写出的评分结果", json_detect, json_read};
