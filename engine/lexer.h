/* SPDX-License-Identifier: MIT */
/* lexer.h — the tokens of the rule DSL, one at a time, with no hidden state. */
#ifndef JX_LEXER_H
#define JX_LEXER_H

#include "text.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/**
 * The offset of the first '\n' in s[i..n), or n: sixteen bytes a step where SSE2 is
 * there, inline (lines are short; a library call costs more than the search).
 */
static inline size_t jx_find_newline(const char *s, size_t i, size_t n)
{
#if defined(__SSE2__)
    const __m128i nl = _mm_set1_epi8('\n');
    while (n - i >= 16) {
        unsigned mask = (unsigned)_mm_movemask_epi8(
            _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i)), nl));
        if (mask)
            return i + (size_t)__builtin_ctz(mask);
        i += 16;
    }
#endif
    const char *p = memchr(s + i, '\n', n - i);
    return p ? (size_t)(p - s) : n;
}

/** The kinds of token the DSL is made of. */
typedef enum jx_token_kind {
    JX_TK_EOF = 0,  /* end of the text */
    JX_TK_NEWLINE,  /* "\n" (a "\r\n" pair is one token) */
    JX_TK_SEMI,     /* ";" */
    JX_TK_LBRACE,   /* "{" */
    JX_TK_RBRACE,   /* "}" */
    JX_TK_STRING,   /* "…" on one line, with \" and \\ escapes (the parser also reads \n, \r) */
    JX_TK_NUMBER,   /* ASCII [+-]?digits[.digits] */
    JX_TK_PERCENT,  /* % or ％ */
    JX_TK_SIGN,     /* a run of sign characters: ≥ ≤ = > < >= <= == ＞ ＜ ＝ ≧ ≦, also wrong ones (≠ =< …) */
    JX_TK_WORD,     /* a maximal run of other characters */
    JX_TK_COMMENT,  /* "#" to the end of the line (without the newline) */
    JX_TK_SPACE,    /* blanks of the language (JX_TEXT_DSL): spaces, tabs, lone CRs, U+3000 */
    JX_TK_INVALID,  /* a byte that is not valid UTF-8, or a control character */
    JX_TK_UNTERMINATED /* a string without its closing quote on the same line (up to the newline) */
} jx_token_kind;

/**
 * The kind of the token starting at s[0] (n bytes remain) and, in *len, its length in
 * bytes. n == 0 gives JX_TK_EOF with *len 0. Never reads past s[n-1].
 */
jx_token_kind jx_lex(const char *s, size_t n, size_t *len);

/**
 * Offset of the first byte of s[0..n) that is not valid UTF-8 or is a control
 * character (tab excepted), or n when there is none. Used on the inside of strings.
 */
size_t jx_lex_first_bad_byte(const char *s, size_t n);

/**
 * True when s[0..n) can be written as a bare NAME of the rule language: one WORD token,
 * not a keyword, and without '#' (which the reader's framer may take for a comment).
 * A name that is not is written as a "string" (jx_text_dsl_escaper, text.h). The rule
 * text the library writes (the importer, `score --format jx`) decides so.
 */
bool jx_lex_bare_name(const char *s, size_t n);

/**
 * True when the line starting at d[off] (off <= limit) begins, after blanks, with the
 * word 项目 or project: where the reader ends an item whose '}' is missing.
 */
bool jx_line_starts_project(const char *d, size_t off, size_t limit);

/** A short name of a token kind for tests and messages ("WORD", "NUMBER", …). */
const char *jx_token_kind_name(jx_token_kind k);

/** The keywords of the DSL; each has a Chinese spelling and an ASCII alias. */
typedef enum jx_keyword {
    JX_KW_NONE = 0, /* not a keyword */
    JX_KW_PROJECT, /* 项目 project */
    JX_KW_DEPT, /* 主管部门 dept */
    JX_KW_ORG, /* 单位 org */
    JX_KW_YEAR, /* 年度 year */
    JX_KW_MONEY_UNIT, /* 金额单位 money_unit */
    JX_KW_FUNDS, /* 资金 funds */
    JX_KW_INITIAL, /* 年初预算 initial */
    JX_KW_BUDGET, /* 全年预算 budget */
    JX_KW_SPENT, /* 全年执行 spent */
    JX_KW_GOAL, /* 年度目标 goal */
    JX_KW_OUTCOME, /* 完成情况 outcome */
    JX_KW_DEVIATION, /* 偏离原因 deviation */
    JX_KW_REMEDY, /* 整改措施 remedy */
    JX_KW_TOTAL, /* 总分 total */
    JX_KW_VERDICT, /* 结论 verdict */
    JX_KW_WEIGHT, /* 权重 weight */
    JX_KW_ACTUAL, /* 实际 actual */
    JX_KW_REASON, /* 偏差 reason */
    JX_KW_JUDGE, /* 评定 grade */
    JX_KW_SCORE, /* 得分 score */
    JX_KW_QUALITATIVE, /* 定性 qualitative */
    JX_KW_NOT_APPLICABLE, /* 不适用 not_applicable */
    JX_KW_MET, /* 达成 met */
    JX_KW_PARTLY, /* 部分达成 partly */
    JX_KW_UNMET, /* 未达成 unmet */
    JX_KW_EXCELLENT, /* 优 excellent */
    JX_KW_GOOD, /* 良 good */
    JX_KW_FAIR, /* 中 fair */
    JX_KW_POOR, /* 差 poor */
    JX_KW_POLICY, /* 评分办法 policy */
    JX_KW_BANDS, /* 等级 bands */
    JX_KW_REVERSE, /* 反向 reverse */
    JX_KW_LINEAR, /* 线性 linear */
    JX_KW_RATIO, /* 比例 ratio */
    JX_KW_QUAL_BANDS, /* 定性区间 qualitative_bands */
    JX_KW_OVER_TARGET, /* 超额提示 over_target */
    JX_KW_EXEC_RATE, /* 预算执行率 execution_rate */
    JX_KW_INLINE, /* 不单列 inline */
    JX_KW_SEPARATE, /* 单列 separate */
    JX_KW_POINTS, /* 分 points */
    JX_KW_CAP, /* 封顶 cap */
    JX_KW_DROP, /* 剔除 drop */
    JX_KW_RESCALE, /* 按比例折算 rescale */
    JX_KW_DECIMALS, /* 小数 decimals */
    JX_KW_LEVEL1_POINTS, /* 一级分值 level1_points */
    JX_KW_EXEC_GAP, /* 执行偏差 execution_gap */
    JX_KW_LAST_YEAR, /* 上年 last_year */
    JX_KW_YEAR_BEFORE, /* 前年 year_before */
    JX_KW_BASIS, /* 依据 basis */
    JX_KW_COUNT_ /* number of keyword kinds */
} jx_keyword;

/** The keyword spelled by the word s[0..n) (Chinese or ASCII alias), or JX_KW_NONE. */
jx_keyword jx_keyword_lookup(const char *s, size_t n);

/** Slots of a jx_keyword_index (a power of two, over twice the number of spellings). */
#define JX_KEYWORD_SLOTS 256

/** Bits of the filter of a jx_keyword_index on the first three bytes of a word. */
#define JX_KEYWORD_FIRST_BITS 4096

/** The shortest and the longest spelling of a keyword, in bytes. */
#define JX_KEYWORD_MIN_LEN 3
#define JX_KEYWORD_MAX_LEN 17

/**
 * The keyword table hashed for jx_keyword_find: built once (by each reader), then
 * only read, so a word is found or refused in one or two steps. Most words are no
 * keyword, and most of those are refused by their length or their first three bytes
 * without a step into the table.
 */
typedef struct jx_keyword_index {
    uint64_t first[JX_KEYWORD_FIRST_BITS / 64]; /* bit jx_keyword_first3(w) set for every spelling w */
    unsigned char slot[JX_KEYWORD_SLOTS];       /* 1 + the table entry in each slot, 0 when empty */
} jx_keyword_index;

/** Fills ix from the keyword table. */
void jx_keyword_index_init(jx_keyword_index *ix);

/** The bit of the first three bytes of a word in jx_keyword_index.first. */
static inline unsigned jx_keyword_first3(const unsigned char *s)
{
    uint32_t x = (uint32_t)s[0] | (uint32_t)s[1] << 8 | (uint32_t)s[2] << 16;
    return (x * 0x9E3779B1u) >> (32 - 12);
}

/** jx_keyword_find past its filter: the table steps. */
jx_keyword jx_keyword_find_hashed(const jx_keyword_index *ix, const char *s, size_t n);

/** The keyword spelled by s[0..n), as jx_keyword_lookup gives it, found through ix. */
static inline jx_keyword jx_keyword_find(const jx_keyword_index *ix, const char *s, size_t n)
{
    if (n < JX_KEYWORD_MIN_LEN || n > JX_KEYWORD_MAX_LEN)
        return JX_KW_NONE;
    unsigned h = jx_keyword_first3((const unsigned char *)s);
    if (!(ix->first[h / 64] >> (h % 64) & 1))
        return JX_KW_NONE;
    return jx_keyword_find_hashed(ix, s, n);
}

/** The Chinese spelling of a keyword ("权重"), "" for JX_KW_NONE. */
const char *jx_keyword_name(jx_keyword kw);

/** The keywords that end a value: an indicator's attributes (权重 实际 偏差 评定 得分
 * 不适用 上年 前年 依据), 定性, and the project statements (项目 主管部门 单位 年度 金额单位 资金 年初预算
 * 全年预算 全年执行 年度目标 完成情况 偏离原因 整改措施 总分 结论). */
#define JX_KW_ENDS_VALUE_MASK                                                                              \
    ((UINT64_C(1) << JX_KW_WEIGHT) | (UINT64_C(1) << JX_KW_ACTUAL) | (UINT64_C(1) << JX_KW_REASON) |        \
     (UINT64_C(1) << JX_KW_JUDGE) | (UINT64_C(1) << JX_KW_SCORE) | (UINT64_C(1) << JX_KW_QUALITATIVE) |     \
     (UINT64_C(1) << JX_KW_NOT_APPLICABLE) | (UINT64_C(1) << JX_KW_PROJECT) | (UINT64_C(1) << JX_KW_DEPT) | \
     (UINT64_C(1) << JX_KW_ORG) | (UINT64_C(1) << JX_KW_YEAR) | (UINT64_C(1) << JX_KW_MONEY_UNIT) |         \
     (UINT64_C(1) << JX_KW_FUNDS) | (UINT64_C(1) << JX_KW_INITIAL) | (UINT64_C(1) << JX_KW_BUDGET) |        \
     (UINT64_C(1) << JX_KW_SPENT) | (UINT64_C(1) << JX_KW_GOAL) | (UINT64_C(1) << JX_KW_OUTCOME) |          \
     (UINT64_C(1) << JX_KW_DEVIATION) | (UINT64_C(1) << JX_KW_REMEDY) | (UINT64_C(1) << JX_KW_TOTAL) |      \
     (UINT64_C(1) << JX_KW_VERDICT) | (UINT64_C(1) << JX_KW_LAST_YEAR) |                                     \
     (UINT64_C(1) << JX_KW_YEAR_BEFORE) | (UINT64_C(1) << JX_KW_BASIS))

_Static_assert(JX_KW_COUNT_ <= 64, "JX_KW_ENDS_VALUE_MASK holds a bit per keyword");

/**
 * True when kw is a keyword that ends a value: a value (a target, an actual, a number
 * written otherwise than as plain digits) runs up to such a word — unless the word is
 * the value's unit (jx_keyword_in_value). Other keywords (分, 优, 达成, 比例 …) are
 * words like any other inside a value.
 */
static inline bool jx_keyword_ends_value(jx_keyword kw)
{
    return (JX_KW_ENDS_VALUE_MASK >> (unsigned)kw) & 1;
}

/**
 * Whether a word spelt like the keyword kw, met inside a value past its sign (after
 * its number), belongs to the value — as its unit or a word of it — rather than
 * ending it. rest[0..n) is the text after the word, up to the item's end; ix is the
 * keyword index or NULL (jx_keyword_lookup is then used).
 *
 * A keyword that does not end values (jx_keyword_ends_value) always belongs. 不适用,
 * which takes no value of its own, never does. Any other ending keyword belongs to
 * the value unless it is followed by its own value: it belongs when what follows it on
 * its line, past blanks, is the line's end (a newline, ';', '}', a comment or the end
 * of the text) or another keyword that ends values — except 定性 after 上年 or 前年,
 * which is that history's own value (`≥60 上年 定性 "…"`). So in `≥85 分`, `≥3项目 权重 10`,
 * `实际 4 项目` the keyword-like word is a unit, and in `≥60 权重 30` 权重 is the
 * weight. docs/dsl.md ("Units spelt like keywords") states the rule.
 */
bool jx_keyword_in_value(jx_keyword kw, const char *rest, size_t n, const jx_keyword_index *ix);

#endif
