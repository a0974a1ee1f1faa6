/* SPDX-License-Identifier: MIT */
/* import_cells.c — cleaning, joining and recognising the cells of budget documents' tables.
 *
 * Inside a cell the blanks are JX_TEXT_NO_BREAK: a line break in a cell is one of the
 * cell's lines, kept, and never dropped or joined over as a blank is. */
#include "import_cells.h"

#include "text.h"

#include <string.h>

/** True for the code points of CJK text: ideographs, kana, CJK and full-width punctuation. */
static bool cell_cjk(int32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x2FFF) || (cp >= 0x3001 && cp <= 0x303F) ||
           (cp >= 0x3040 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFF01 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6);
}

/** Bytes of the HTML tag at s[0..n) (`<p>`, `</b>`, `<ol style="…">`, `<br/>`), 0 when there is none. */
static size_t cell_tag_at(const char *s, size_t n)
{
    if (n < 3 || s[0] != '<')
        return 0;
    size_t i = 1;
    if (s[i] == '/')
        i++;
    if (i >= n || !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
        return 0;
    for (; i < n && i < 400; i++) {
        if (s[i] == '>')
            return i + 1;
        if (s[i] == '<' || s[i] == '\n')
            return 0;
    }
    return 0;
}

/** The last code point of out[0..n), -1 when out is empty. */
static int32_t cell_last_cp(const char *out, size_t n)
{
    if (n == 0)
        return -1;
    size_t i = n - 1;
    while (i > 0 && ((unsigned char)out[i] & 0xC0) == 0x80)
        i--;
    int32_t cp;
    jx_text_utf8_decode(out + i, n - i, &cp);
    return cp;
}

const char *jx_cell_clean(jx_imp *im, const char *s, size_t n, unsigned flags)
{
    if (n > JX_CELL_MAX || !(flags & (JX_CELL_MARKUP | JX_CELL_JOIN)))
        return jx_imp_str(im, s, n);
    char buf[JX_CELL_MAX];
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t t = (flags & JX_CELL_MARKUP) ? cell_tag_at(s + i, n - i) : 0;
        if (t) {
            i += t;
            continue;
        }
        size_t b = jx_text_blank_at(s + i, n - i, JX_TEXT_NO_BREAK);
        if (b && (flags & JX_CELL_JOIN)) {
            size_t j = i;
            while (j < n && (b = jx_text_blank_at(s + j, n - j, JX_TEXT_NO_BREAK)) != 0)
                j += b;
            int32_t next = -1;
            if (j < n)
                jx_text_utf8_decode(s + j, n - j, &next);
            if (!(cell_cjk(cell_last_cp(buf, k)) && cell_cjk(next))) {
                memcpy(buf + k, s + i, j - i);
                k += j - i;
            }
            i = j;
            continue;
        }
        buf[k++] = s[i++];
    }
    return jx_imp_str(im, buf, k);
}

size_t jx_cell_split(jx_imp *im, const jx_imp_line *line, const char **c, size_t max, unsigned flags)
{
    size_t rn[JX_CELL_ROW_MAX];
    size_t n = jx_imp_split_tabs(line, c, rn, max < JX_CELL_ROW_MAX ? max : JX_CELL_ROW_MAX);
    for (size_t i = 0; i < n; i++)
        c[i] = jx_cell_clean(im, c[i], rn[i], flags);
    return n;
}

const char *jx_cell_join(jx_imp *im, const char *a, const char *sep, const char *b)
{
    size_t an = strlen(a), bn = strlen(b);
    if (an == 0)
        return bn ? jx_imp_str(im, b, bn) : a;
    if (bn == 0)
        return a;
    jx_imp_span part[3] = {{a, an}, {sep, strlen(sep)}, {b, bn}};
    return jx_imp_join(im, part, 3);
}

const char *jx_cell_key(const char *s, char *out, size_t cap)
{
    static const struct { const char *from, *to; } wide[] = {
        {"（", "("}, {"）", ")"}, {"：", ":"},
    };
    size_t n = strlen(s), k = 0;
    for (size_t i = 0; i < n;) {
        size_t t = cell_tag_at(s + i, n - i);
        size_t b = t ? 0 : jx_text_blank_at(s + i, n - i, JX_TEXT_NO_BREAK);
        if (t || b) {
            i += t + b;
            continue;
        }
        const char *piece = s + i;
        size_t pn = 1, adv = 1;
        for (size_t w = 0; w < sizeof wide / sizeof wide[0]; w++) {
            size_t fn = strlen(wide[w].from);
            if (n - i >= fn && memcmp(s + i, wide[w].from, fn) == 0) {
                piece = wide[w].to;
                pn = 1;
                adv = fn;
                break;
            }
        }
        if (k + pn >= cap) {
            out[0] = '\0';
            return out;
        }
        memcpy(out + k, piece, pn);
        k += pn;
        i += adv;
    }
    if (k > 0 && out[k - 1] == ':')
        k--;
    out[k] = '\0';
    return out;
}

const char *jx_cell_key_n(const char *s, size_t n, char *out, size_t cap)
{
    char text[JX_CELL_KEY_MAX];
    if (n >= sizeof text) {
        out[0] = '\0';
        return out;
    }
    memcpy(text, s, n);
    text[n] = '\0';
    return jx_cell_key(text, out, cap);
}

bool jx_cell_is(const char *s, const char *word)
{
    char key[JX_CELL_KEY_MAX];
    return strcmp(jx_cell_key(s, key, sizeof key), word) == 0;
}

bool jx_cell_starts(const char *s, const char *prefix)
{
    char key[JX_CELL_KEY_MAX];
    jx_cell_key(s, key, sizeof key);
    return key[0] != '\0' && strncmp(key, prefix, strlen(prefix)) == 0;
}

/** Bytes of the next character of s[0..n) for comparing; *twin is its ASCII form when it is full-width punctuation. */
static size_t cell_fold(const char *s, size_t n, const char **twin)
{
    static const struct { const char *wide, *ascii; } fold[] = {
        {"，", ","}, {"；", ";"}, {"：", ":"}, {"（", "("}, {"）", ")"}
    };
    for (size_t i = 0; i < sizeof fold / sizeof fold[0]; i++) {
        size_t fn = strlen(fold[i].wide);
        if (n >= fn && memcmp(s, fold[i].wide, fn) == 0) {
            *twin = fold[i].ascii;
            return fn;
        }
    }
    *twin = NULL;
    return 1;
}

bool jx_cell_same(const char *s, const char *t)
{
    size_t sn = strlen(s), tn = strlen(t), i = 0, j = 0, b;
    for (;;) {
        while (i < sn && (b = jx_text_blank_at(s + i, sn - i, JX_TEXT_NO_BREAK)) != 0)
            i += b;
        while (j < tn && (b = jx_text_blank_at(t + j, tn - j, JX_TEXT_NO_BREAK)) != 0)
            j += b;
        if (i == sn || j == tn)
            return i == sn && j == tn;
        const char *sw, *tw;
        size_t sk = cell_fold(s + i, sn - i, &sw), tk = cell_fold(t + j, tn - j, &tw);
        char sc = sw ? sw[0] : s[i], tc = tw ? tw[0] : t[j];
        if (sc != tc)
            return false;
        i += sk;
        j += tk;
    }
}

/** The first code point of s after leading blanks, -1 when s is blank. */
static int32_t cell_first_cp(const char *s)
{
    size_t n = strlen(s), i = 0, b;
    while (i < n && (b = jx_text_blank_at(s + i, n - i, JX_TEXT_NO_BREAK)) != 0)
        i += b;
    if (i == n)
        return -1;
    int32_t cp;
    jx_text_utf8_decode(s + i, n - i, &cp);
    return cp;
}

bool jx_cell_valueish(const char *s)
{
    int32_t cp = cell_first_cp(s);
    if (cp < 0)
        return false;
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || strchr("$/-<>=+.\\~", (int)cp) != NULL;
    static const int32_t signs[] = {0x2265, 0x2264, 0x2267, 0x2266, 0xFF1E, 0xFF1C, 0xFF1D,
                                    0x2014, 0xFF0D, 0x2248, 0x2260};
    for (size_t i = 0; i < sizeof signs / sizeof signs[0]; i++)
        if (cp == signs[i])
            return true;
    return cp >= 0xFF10 && cp <= 0xFF19; /* full-width digits */
}

bool jx_cell_bare_sign(const char *s)
{
    static const char *const signs[] = {
        "≥", "≤", "≧", "≦", ">", "<", "=", ">=", "<=", "==", "＞", "＜", "＝",
        "\\geq", "\\leq", "\\ge", "\\le", "\\gt", "\\lt",
    };
    char key[64];
    size_t n = strlen(s), k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '$' || s[i] == ' ')
            continue;
        if (k + 1 >= sizeof key)
            return false;
        key[k++] = s[i];
    }
    key[k] = '\0';
    for (size_t i = 0; i < sizeof signs / sizeof signs[0]; i++)
        if (strcmp(key, signs[i]) == 0)
            return true;
    return false;
}

/** True when key ends with suffix. */
static bool cell_ends(const char *key, const char *suffix)
{
    size_t kn = strlen(key), sn = strlen(suffix);
    return kn >= sn && memcmp(key + kn - sn, suffix, sn) == 0;
}

/** True when key is one of the NULL-terminated words. */
static bool cell_in(const char *key, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        if (strcmp(key, words[i]) == 0)
            return true;
    return false;
}

bool jx_cell_level1_word(const char *s)
{
    static const char *const words[] = {
        "产出指标", "效益指标", "满意度指标", "成本指标", "投入指标", "过程指标", "投入管理指标",
        "产出目标", "效果目标", "影响力目标", "投入与目标管理", "满意度", "产出", "效益", NULL,
    };
    char key[JX_CELL_KEY_MAX];
    return cell_in(jx_cell_key(s, key, sizeof key), words);
}

bool jx_cell_level2_word(const char *s)
{
    static const char *const words[] = {
        "数量", "质量", "时效", "成本", "经济效益", "社会效益", "生态效益", "环境效益", "可持续影响",
        "满意度", "服务对象满意度", "长效管理", "人力资源", "部门协助", "配套设施", "信息共享", "其它",
        "其他", "投入管理", "财务管理", "项目管理", "资产管理", "工作目标管理", "预算和财务管理",
        "绩效管理", "履职效益", "履职目标和主要任务完成情况", NULL,
    };
    static const char *const suffixes[] = {
        "数量指标", "质量指标", "时效指标", "成本指标", "效益指标", "满意度指标", "影响指标", NULL,
    };
    char key[JX_CELL_KEY_MAX];
    jx_cell_key(s, key, sizeof key);
    if (cell_in(key, words))
        return true;
    for (size_t i = 0; suffixes[i]; i++)
        if (cell_ends(key, suffixes[i]))
            return true;
    return false;
}

bool jx_cell_category_like(const char *s)
{
    char key[JX_CELL_KEY_MAX];
    jx_cell_key(s, key, sizeof key);
    if (key[0] == '\0')
        return false;
    return jx_cell_level1_word(s) || jx_cell_level2_word(s) || cell_ends(key, "指标") ||
           cell_ends(key, "指");
}

bool jx_cell_ascii_number(const char *s)
{
    if (!*s)
        return false;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            return false;
    }
    return true;
}

bool jx_cell_year(const char *s, size_t n, char out[5])
{
    for (size_t i = 0; i + 4 <= n; i++) {
        const char *d = s + i;
        if (!((d[0] == '1' && d[1] == '9') || (d[0] == '2' && d[1] == '0')) || d[2] < '0' ||
            d[2] > '9' || d[3] < '0' || d[3] > '9')
            continue;
        if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
            continue;
        size_t j = i + 4, b;
        while (j < n && (b = jx_text_blank_at(s + j, n - j, JX_TEXT_NO_BREAK)) != 0)
            j += b;
        if (n - j >= 3 && memcmp(s + j, "年", 3) == 0) {
            memcpy(out, d, 4);
            out[4] = '\0';
            return true;
        }
    }
    return false;
}

bool jx_cell_line_blank(const jx_imp_line *line)
{
    return jx_text_is_blank(line->s, line->n, JX_TEXT_BLANKS);
}

void jx_cell_set(jx_imp *im, jx_imp_field f, uint32_t row, const char *s)
{
    jx_imp_set(im, f, row, s, strlen(s));
}

void jx_cell_name_project(jx_imp *im, uint32_t row, const char *name, const char *whole_suffix)
{
    if (whole_suffix) {
        jx_cell_set(im, JX_IMP_NAME, row, jx_cell_join(im, name, "", whole_suffix));
        jx_cell_set(im, JX_IMP_DEPT, row, name);
        jx_cell_set(im, JX_IMP_ORG, row, name);
    } else {
        jx_cell_set(im, JX_IMP_NAME, row, name);
    }
    if (!name[0])
        jx_imp_warn(im, row, "missing-name", "项目名称为空");
}
