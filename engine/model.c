/* SPDX-License-Identifier: MIT */
/* model.c — project lifetime, and the public accessors for reading a project (those of
 * its scores, in hundredths, and its formulas are the scoring layer's: score.c). */
#include "model.h"

#include "alloc.h"
#include "text.h"
#include "value.h"

#include <errno.h>
#include <string.h>

const jx_str jx_str_empty = {"", 0};

jx_str jx_str_trimmed_plain(jx_str s)
{
    jx_text_span t = jx_text_trim(s.s, s.n, JX_TEXT_BLANKS);
    s.s = t.s;
    s.n = (uint32_t)t.n;
    return s;
}

bool jx_str_same_text(jx_str a, jx_str b)
{
    a = jx_str_trimmed(a);
    b = jx_str_trimmed(b);
    return a.n == b.n && memcmp(a.s, b.s, a.n) == 0;
}

bool jx_indicator_qualitative(const jx_indicator *ind)
{
    return ind->target.sign == JX_SIGN_QUAL || ind->target.is_text;
}

void jx_project_init(jx_project *p, const jx_allocator *alloc)
{
    memset(p, 0, sizeof *p);
    p->alloc = jx_alloc_or_default(alloc);
    jx_arena_init(&p->arena, p->alloc);
    jx_diags_init(&p->diags, p->alloc);
    jx_project_reset(p);
}

/* Releases the caller's data of p. */
static void project_drop_user(jx_project *p)
{
    if (p->user && p->user_free)
        p->user_free(p->user);
    p->user = NULL;
    p->user_free = NULL;
}

void jx_project_set_user_data(jx_project *p, void *data, void (*free_fn)(void *data))
{
    if (!p)
        return;
    project_drop_user(p);
    p->user = data;
    p->user_free = data ? free_fn : NULL;
}

void *jx_project_user_data(const jx_project *p)
{
    return p ? p->user : NULL;
}

void jx_project_reset(jx_project *p)
{
    project_drop_user(p);
    jx_arena_reset(&p->arena);
    jx_diags_clear(&p->diags);
    jx_project_forget_formulas(p);
    p->src.file = "";
    p->src.text = NULL;
    p->src.len = 0;
    p->name = p->dept = p->org = p->money_unit = jx_str_empty;
    p->goal = p->outcome = p->deviation = p->remedy = jx_str_empty;
    memset(&p->plain, 0, sizeof p->plain);
    p->has_year = false;
    p->year = 0;
    p->has_claimed_total = false;
    p->claimed_total = jx_dec_from_int(0);
    p->claimed_grade = JX_GRADE_NONE;
    memset(&p->pos, 0, sizeof p->pos);
    memset(&p->total_pos, 0, sizeof p->total_pos);
    memset(&p->grade_pos, 0, sizeof p->grade_pos);
    memset(&p->close_pos, 0, sizeof p->close_pos);
    p->nfunds = p->ngroups = p->ninds = 0;
    p->scored = false;
    p->vetted = false;
    p->decimals = 2;
    p->total = -1;
    p->grade = JX_GRADE_NONE;
    p->exec_separate = false;
    p->exec_score = 0;
    p->exec_points = jx_dec_from_int(0);
    p->exec_formula = "";
    p->policy_name = "";
    p->band_note = "";
    p->group_source_order = false;
}

void jx_project_free(jx_project *p)
{
    project_drop_user(p);
    jx_arena_free(&p->arena);
    jx_diags_free(&p->diags);
    if (p->formulas) {
        jx_arena_free(&p->formulas->arena);
        jx_free(p->alloc, p->formulas, sizeof *p->formulas);
        p->formulas = NULL;
    }
    jx_free(p->alloc, p->funds, p->funds_cap * sizeof *p->funds);
    jx_free(p->alloc, p->groups, p->groups_cap * sizeof *p->groups);
    jx_free(p->alloc, p->inds, p->inds_cap * sizeof *p->inds);
    p->funds = NULL;
    p->groups = NULL;
    p->inds = NULL;
    p->nfunds = p->ngroups = p->ninds = 0;
    p->funds_cap = p->groups_cap = p->inds_cap = 0;
}

bool jx_project_formula_store(jx_project *p)
{
    if (p->formulas)
        return true;
    p->formulas = jx_calloc(p->alloc, sizeof *p->formulas);
    if (!p->formulas)
        return false;
    jx_arena_init(&p->formulas->arena, p->alloc);
    return true;
}

void jx_project_forget_formulas(jx_project *p)
{
    jx_formula_store *st = p->formulas;
    if (!st || !st->text) /* nothing asked for since the last scoring: nothing to forget */
        return;
    jx_arena_reset(&st->arena);
    st->text = NULL;
    st->ntext = 0;
}

jx_str jx_project_str(jx_project *p, const char *s, size_t n)
{
    if (n == 0)
        return jx_str_empty;
    char *c = jx_arena_strndup(&p->arena, s, n);
    if (!c) {
        p->diags.oom = 1;
        return jx_str_empty;
    }
    jx_str r = {c, (uint32_t)n};
    return r;
}

jx_diag *jx_project_diag_add(jx_project *p, jx_severity sev, const char *code, jx_pos pos,
                             const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    jx_diag *d = jx_diags_vadd(&p->diags, &p->arena, sev, code, &p->src, pos, fmt, ap);
    va_end(ap);
    return d;
}

/* The code of every method, in the order of jx_method, with its length (model.h). */
const jx_str jx_method_codes[] = {
#define METHOD_CODE(c) {c, sizeof c - 1}
    [JX_METHOD_NONE] = METHOD_CODE(""),
    [JX_METHOD_GE_MET] = METHOD_CODE("ge-met"),
    [JX_METHOD_GE_RATIO] = METHOD_CODE("ge-ratio"),
    [JX_METHOD_EQ_MET] = METHOD_CODE("eq-met"),
    [JX_METHOD_EQ_RATIO] = METHOD_CODE("eq-ratio"),
    [JX_METHOD_EQ_OVER] = METHOD_CODE("eq-over"),
    [JX_METHOD_EQ_ZERO] = METHOD_CODE("eq-zero"),
    [JX_METHOD_LE_MET] = METHOD_CODE("le-met"),
    [JX_METHOD_LE_LINEAR] = METHOD_CODE("le-linear"),
    [JX_METHOD_LE_RATIO] = METHOD_CODE("le-ratio"),
    [JX_METHOD_LE_ZERO] = METHOD_CODE("le-zero"),
    [JX_METHOD_NEGATIVE] = METHOD_CODE("negative-actual"),
    [JX_METHOD_QUAL_MET] = METHOD_CODE("qualitative-met"),
    [JX_METHOD_QUAL_JUDGED] = METHOD_CODE("qualitative-judged"),
    [JX_METHOD_QUAL_CLAIMED] = METHOD_CODE("qualitative-claimed"),
    [JX_METHOD_QUAL_UNJUDGED] = METHOD_CODE("qualitative-unjudged"),
    [JX_METHOD_MISSING_ACTUAL] = METHOD_CODE("missing-actual"),
    [JX_METHOD_TEXT_ACTUAL] = METHOD_CODE("text-actual"),
    [JX_METHOD_NOT_APPLICABLE] = METHOD_CODE("not-applicable"),
    [JX_METHOD_EXECUTION] = METHOD_CODE("execution-rate"),
    [JX_METHOD_QUAL_OUT_OF_BAND] = METHOD_CODE("qualitative-out-of-band"),
#undef METHOD_CODE
};
_Static_assert(sizeof jx_method_codes / sizeof jx_method_codes[0] == JX_METHOD_COUNT,
               "a code for every method");

const char *jx_method_code(jx_method m) { return jx_method_code_str(m).s; }

const jx_str jx_sign_texts[] = {
#define SIGN_TEXT(t) {t, sizeof t - 1}
    [JX_SIGN_NONE] = SIGN_TEXT(""), [JX_SIGN_GE] = SIGN_TEXT("≥"), [JX_SIGN_GT] = SIGN_TEXT(">"),
    [JX_SIGN_EQ] = SIGN_TEXT("="),  [JX_SIGN_LT] = SIGN_TEXT("<"),  [JX_SIGN_LE] = SIGN_TEXT("≤"),
    [JX_SIGN_QUAL] = SIGN_TEXT(""),
#undef SIGN_TEXT
};
_Static_assert(sizeof jx_sign_texts / sizeof jx_sign_texts[0] == JX_SIGN_COUNT, "a text for every sign");
size_t jx_method_code_len(jx_method m) { return jx_method_code_str(m).n; }

const char *jx_judge_name(jx_judge j)
{
    switch (j) {
    case JX_JUDGE_MET: return "达成";
    case JX_JUDGE_PARTLY: return "部分达成";
    case JX_JUDGE_UNMET: return "未达成";
    default: return "";
    }
}

const char *jx_grade_name(jx_grade g)
{
    switch (g) {
    case JX_GRADE_EXCELLENT: return "优";
    case JX_GRADE_GOOD: return "良";
    case JX_GRADE_FAIR: return "中";
    case JX_GRADE_POOR: return "差";
    default: return "";
    }
}

const char *jx_strerror(jx_result rc)
{
    switch (rc) {
    case JX_OK: return "成功";
    case JX_ERR_NOMEM: return "内存不足";
    case JX_ERR_IO: return "读写文件失败";
    case JX_ERR_INPUT: return "输入有错误";
    case JX_ERR_USAGE: return "参数无效";
    case JX_ERR_NOTFOUND: return "找不到指定的评分办法或文件";
    case JX_ERR_LIMIT: return "超出上限";
    case JX_ROW: return "读到一个项目";
    case JX_DONE: return "输入已读完";
    }
    return "未知的结果代码";
}

const char *jx_errno_text(int err)
{
    switch (err) {
    case ENOENT: return "文件或文件夹不存在";
    case EACCES: return "没有访问权限";
    case EPERM: return "不允许这样操作";
    case EISDIR: return "这是一个文件夹";
    case ENOTDIR: return "路径中有一段不是文件夹";
    case ENOSPC: return "磁盘空间不足";
#if defined(EDQUOT)
    case EDQUOT: return "超出磁盘配额";
#endif
    case EROFS: return "文件系统只读";
    case EEXIST: return "文件已存在";
    case EMFILE: return "打开的文件过多";
    case ENFILE: return "系统打开的文件过多";
    case ENAMETOOLONG: return "文件名过长";
    case ELOOP: return "符号链接层数过多";
    case EIO: return "输入输出错误";
    case EPIPE: return "输出的另一端已关闭";
    case ENOMEM: return "内存不足";
    case EFBIG: return "文件过大";
    case EBUSY: return "设备或资源正忙";
    case ENXIO: return "设备不存在";
    case ENODEV: return "设备不存在";
    case EINVAL: return "参数无效";
    case ETXTBSY: return "文件正被使用";
    case EAGAIN: return "资源暂时不可用";
    case EBADF: return "文件描述符无效";
    default: return strerror(err);
    }
}

const char *jx_version(void)
{
    return JX_VERSION;
}

int jx_version_number(void)
{
    return JX_VERSION_NUMBER;
}

const char *jx_project_name(const jx_project *p) { return p->name.s; }
const char *jx_project_org(const jx_project *p) { return p->org.s; }
const char *jx_project_dept(const jx_project *p) { return p->dept.s; }
const char *jx_project_file(const jx_project *p) { return p->src.file; }
uint32_t jx_project_line(const jx_project *p) { return p->pos.line; }
size_t jx_project_indicator_count(const jx_project *p) { return p->ninds; }

const jx_indicator *jx_project_indicator(const jx_project *p, size_t i)
{
    return i < p->ninds ? &p->inds[i] : NULL;
}

jx_grade jx_project_grade(const jx_project *p) { return p->scored ? p->grade : JX_GRADE_NONE; }

jx_grade jx_project_claimed_grade(const jx_project *p) { return p->claimed_grade; }
size_t jx_project_diag_count(const jx_project *p) { return p->diags.n; }

const jx_diag *jx_project_diag(const jx_project *p, size_t i)
{
    return i < p->diags.n ? &p->diags.v[i] : NULL;
}

size_t jx_project_error_count(const jx_project *p) { return p->diags.errors; }

const char *jx_indicator_name(const jx_indicator *ind) { return ind->name.s; }


const char *jx_indicator_level1(const jx_indicator *ind)
{
    const jx_group *g = jx_indicator_group_at(ind, 1);
    return g ? g->name.s : "";
}

const char *jx_indicator_level2(const jx_indicator *ind)
{
    const jx_group *g = jx_indicator_group_at(ind, 2);
    return g ? g->name.s : "";
}

const char *jx_indicator_method(const jx_indicator *ind) { return jx_method_code(ind->method); }
uint32_t jx_indicator_line(const jx_indicator *ind) { return ind->pos.line; }

/* ---------------------------------------------------- what was written (jixiao.h) */

/* d into *out, 1; the public decimal is the model's number. */
static int put_decimal(jx_dec d, jx_decimal *out)
{
    if (out)
        *out = (jx_decimal){d.v, d.scale};
    return 1;
}

int jx_project_year(const jx_project *p) { return p->has_year ? p->year : 0; }
const char *jx_project_money_unit(const jx_project *p) { return p->money_unit.s; }
const char *jx_project_goal(const jx_project *p) { return p->goal.s; }
const char *jx_project_outcome(const jx_project *p) { return p->outcome.s; }
const char *jx_project_deviation(const jx_project *p) { return p->deviation.s; }
const char *jx_project_remedy(const jx_project *p) { return p->remedy.s; }
size_t jx_project_funds_count(const jx_project *p) { return p->nfunds; }

const char *jx_project_funds_source(const jx_project *p, size_t i)
{
    return i < p->nfunds ? p->funds[i].source.s : NULL;
}

int jx_project_funds_amount(const jx_project *p, size_t i, jx_funds_amount which, jx_decimal *out)
{
    if (i >= p->nfunds)
        return 0;
    const jx_funds *f = &p->funds[i];
    switch (which) {
    case JX_FUNDS_INITIAL: return f->has_initial ? put_decimal(f->initial, out) : 0;
    case JX_FUNDS_BUDGET: return f->has_budget ? put_decimal(f->budget, out) : 0;
    case JX_FUNDS_SPENT: return f->has_spent ? put_decimal(f->spent, out) : 0;
    default: return 0;
    }
}

const char *jx_indicator_sign(const jx_indicator *ind) { return jx_indicator_sign_str(ind).s; }

const char *jx_indicator_target(const jx_indicator *ind) { return ind->target.present ? ind->target.text.s : ""; }
const char *jx_indicator_actual(const jx_indicator *ind) { return ind->actual.present ? ind->actual.text.s : ""; }

/* The number of v: 1 when it is one. */
static int value_number(const jx_value *v, jx_decimal *out)
{
    return v->present && !v->is_text && v->sign != JX_SIGN_QUAL ? put_decimal(v->num, out) : 0;
}

int jx_indicator_target_number(const jx_indicator *ind, jx_decimal *out) { return value_number(&ind->target, out); }
int jx_indicator_actual_number(const jx_indicator *ind, jx_decimal *out) { return value_number(&ind->actual, out); }
int jx_indicator_percent(const jx_indicator *ind) { return ind->target.percent; }
const char *jx_indicator_unit(const jx_indicator *ind) { return ind->target.unit.s ? ind->target.unit.s : ""; }
const char *jx_indicator_reason(const jx_indicator *ind) { return ind->reason.s; }
const char *jx_indicator_judge(const jx_indicator *ind) { return jx_judge_name(ind->judge); }

int jx_indicator_claimed(const jx_indicator *ind, jx_decimal *out)
{
    return ind->has_claim ? put_decimal(ind->claim, out) : 0;
}

int jx_indicator_not_applicable(const jx_indicator *ind) { return ind->not_applicable; }

const char *jx_indicator_last_year(const jx_indicator *ind) { return jx_history_str(&ind->last_year); }
const char *jx_indicator_year_before(const jx_indicator *ind) { return jx_history_str(&ind->year_before); }
const char *jx_indicator_basis(const jx_indicator *ind) { return ind->basis.s; }
