/* SPDX-License-Identifier: MIT */
/* value.h — the one normaliser of target and actual texts: sign, number, percent, unit.
 *
 * The parser hands it the whole value as written ("≥60个", "＞ ６０ ％", ">= 95 %",
 * "=1年", "100%", "≥1,000人次"); the importers hand it table cells through
 * jx_value_classify and jx_value_classify_cells. Common forms are read by a
 * hand-written fast path; anything else is NFKC-normalised (utf8proc) and matched with
 * PCRE2. docs/dsl.md lists every form and how it reads. The numeric columns of tables
 * (得分, 复核得分, 扣分, 权重, amounts) are read by jx_value_read_plain_number.
 *
 * Thousands separators: everywhere a number is read, "1,200" is 1200 and
 * "12,345,678.5" is 12345678.5 (also "１，２００" and "1，200"). A grouping is 1 to 3
 * digits, the first not 0, then groups of a comma and exactly three digits, then
 * maybe a fraction, which has no separators. Any other comma between digits ("1,20",
 * "1,2345", "1,,200", "1,200,00", "0,5", ",100") makes the text unreadable with the
 * detail “…”中的逗号不是千位分隔符（千位分隔应为 1,234 的形式）: it is never read as a
 * decimal point nor as two numbers.
 */
#ifndef JX_VALUE_H
#define JX_VALUE_H

#include "arena.h"
#include "model.h"
#include "text.h"

#include <stdbool.h>
#include <stdint.h>

/** Outcome of jx_value_read. */
typedef enum jx_value_status {
    JX_VALUE_OK = 0,        /* read; out is filled */
    JX_VALUE_BAD_SIGN,      /* starts with something sign-like that is not ≥ ≤ = > < (≠, =<, =>, ≈ …) */
    JX_VALUE_UNREADABLE,    /* not a number with optional sign, % and unit */
    JX_VALUE_TOO_LONG,      /* the number has too many digits or decimals for jx_dec */
    JX_VALUE_NOMEM          /* memory ran out */
} jx_value_status;

/** Compiled patterns and scratch space, reused for every value of a handle. */
typedef struct jx_value_reader jx_value_reader;

/** A value reader allocating through alloc (NULL: default); NULL when memory ran out. */
jx_value_reader *jx_value_reader_create(const jx_allocator *alloc);

/** Releases a value reader; NULL is a no-op. */
void jx_value_reader_destroy(jx_value_reader *vr);

/** How a sign is written in rule text: "≥" ">" "=" "<" "≤"; "" for none and for 定性. */
const char *jx_sign_text(jx_sign sign);

/**
 * Reads s[0..n). On JX_VALUE_OK sets out->sign (JX_SIGN_NONE when no sign was
 * written), out->percent, out->num and out->unit (NFKC form, copied into ar; "" when
 * none) and leaves out's other fields alone. A product reads as its value ("7*24 小时"
 * is 168 小时). Otherwise sets *detail to a short Chinese phrase for the error message
 * that starts with the value quoted when it concerns the whole value ("“60~80”是数值范围，
 * 计分只能用一个数", "“2023年底前”是日期或序数，不是数值") or names the bad sign
 * ("“≠” 不是计算符号"); static or in ar.
 */
jx_value_status jx_value_read(jx_value_reader *vr, jx_arena *ar, const char *s, size_t n,
                              jx_value *out, const char **detail);

/**
 * The last step of reading a value for a caller that has found its parts itself, in a
 * text the fast path of jx_value_read takes whole: a sign (or none) written as
 * value_sign_at reads it, a number, an optional % or ％, and a unit of ASCII letters,
 * '/' and CJK characters (U+4E00–U+9FFF) with nothing between them. Applies the unit
 * words (百分比, 以上, 以内, 以下, 内) to *unit_len, *percent and *sign as
 * jx_value_read does. Returns JX_VALUE_OK when jx_value_read would read the text to
 * these parts (its unit then the first *unit_len bytes of unit); any other status
 * means the caller must read the text with jx_value_read, which explains it (the words
 * contradict the sign or repeat the percent, or the unit makes the number a date or an
 * estimate).
 */
jx_value_status jx_value_unit_words(const char *unit, size_t *unit_len, bool *percent, jx_sign *sign);

/**
 * jx_value_unit_words, answering without a call for the usual unit: one whose last byte
 * ends no unit word (比 上 内 下) and that is too short to be a date or an estimate.
 */
static inline jx_value_status jx_value_unit_words_quick(const char *unit, size_t *unit_len, bool *percent,
                                                        jx_sign *sign)
{
    size_t n = *unit_len;
    if (n < 6) {
        unsigned char last = n ? (unsigned char)unit[n - 1] : 0;
        if (last != 0x94 && last != 0x8A && last != 0x85 && last != 0x8B && last != ' ' && last != '\t')
            return JX_VALUE_OK;
    }
    return jx_value_unit_words(unit, unit_len, percent, sign);
}

/**
 * Reads the numeric cell s[0..n) of a table — a 得分, 复核得分 or 扣分, a 权重, an
 * amount — into *out. This is the one place such a cell is read; it needs no reader
 * and allocates nothing.
 *
 * The cell is, with blanks around it ignored (JX_TEXT_BLANKS, text.h):
 * an optional '-' or '+', digits, optionally grouped by thousands as described at the
 * top of this file ("78,000"), and an optional '.' and fraction digits without
 * separators ("78,000.00", "-2.5", "007"). The full-width digits, comma, point and
 * signs (０–９ ， ． ＋ －) read as their ASCII forms, as NFKC would make them. Nothing
 * else may be in the cell: no sign word, %, unit, "分", inner blank or second number.
 * *out is exact, its scale the decimals as written ("78,000.00" is {7800000, 2}).
 *
 * Returns JX_VALUE_OK with *detail "", or leaves *out alone and returns
 *   JX_VALUE_UNREADABLE  *detail "中的逗号不是千位分隔符（千位分隔应为 1,234 的形式）" when
 *                        the cell would be a number without its commas ("1,20",
 *                        "1,2345", ",100", "1,,200", "1,200,00", "0,5", "1.234,5"),
 *                        else "不是数字" ("abc", "", "1.", "1 200", "10分", "60%");
 *   JX_VALUE_TOO_LONG    *detail "位数过多，最多 18 位数字、9 位小数" (more than
 *                        JX_DEC_MAX_DIGITS significant digits or JX_DEC_MAX_SCALE decimals).
 * *detail is static text meant to follow the cell quoted in the caller's message:
 *     "第 %u 行的得分“%.*s”%s" → 第 5 行的得分“1,20”中的逗号不是千位分隔符（…）
 * It agrees with jx_value_read: whatever it reads, jx_value_read reads as the same
 * jx_dec with no sign, % or unit (the converse does not hold: jx_value_read also
 * takes products such as "7*24" and LaTeX such as "$95$").
 */
jx_value_status jx_value_read_plain_number(const char *s, size_t n, jx_dec *out, const char **detail);

/**
 * True when detail, as jx_value_read or jx_value_read_plain_number gave it, refuses a
 * comma that groups no thousands ("1,20"): in a numeric column of a table that is an
 * error at the cell, where other words are a text actual scored 0.
 */
bool jx_value_detail_is_bad_grouping(const char *detail);

/** What a table cell's value is, as the importers see it. */
typedef enum jx_value_kind {
    JX_VALUE_KIND_NUMBER = 0, /* a sign (maybe none), a number, % and unit: out is filled */
    JX_VALUE_KIND_TEXT,       /* words with no number to score by ("及时", "每周五", "2023年底前"): a 定性 value */
    JX_VALUE_KIND_EMPTY,      /* nothing, a sign with nothing after it ("="), or "-" / "/" */
    JX_VALUE_KIND_UNREADABLE, /* holds numbers the reader cannot make sense of; *detail says why */
    JX_VALUE_KIND_NOMEM       /* memory ran out */
} jx_value_kind;

/**
 * Classifies a cell s[0..n) the way an importer needs it (spaces around it ignored):
 * EMPTY for nothing, a sign alone ("=", "$\geq$") or dashes and slashes ("-", "/");
 * TEXT for words with no number other than a date or ordinal ("及时", "2023年底前"),
 * decided without the slow path when the cell holds only CJK, letters and punctuation;
 * NUMBER for what jx_value_read reads, with out set as it sets it; UNREADABLE for the
 * rest (a sign before words, a range, several numbers…), with *detail as
 * jx_value_read gives it. *detail is "" unless the cell is unreadable.
 */
jx_value_kind jx_value_classify(jx_value_reader *vr, jx_arena *ar, const char *s, size_t n,
                                jx_value *out, const char **detail);

/**
 * Classifies a value that a table spreads over up to three cells: the sign column
 * (计算符号: "≥", "＝", "定性", or ""), the value (指标值: "90", "≥60个", "及时") and the
 * unit column (计量单位: "人次", "(%)", "%", "定性指标", ""). An empty value cell is
 * EMPTY whatever the others hold. A "定性" sign or a "定性指标" unit makes the value a
 * text. Otherwise the cells are joined — the unit cell's brackets dropped, a unit the
 * value already ends with not repeated, a sign written in both cells once — and
 * classified as by jx_value_classify. When the result is a text, *text is the text to
 * keep: the value cell, followed by the unit cell unless that is a percent sign or
 * 定性指标 ("及时处理" from 定性 | 及时处理 | (%)). When it is unreadable, *text is the
 * joined cells, for the message. Otherwise *text is NULL. Strings are in ar.
 */
jx_value_kind jx_value_classify_cells(jx_value_reader *vr, jx_arena *ar, const char *sign,
                                      const char *value, const char *unit, jx_value *out,
                                      const char **text, const char **detail);

/** How two numbers are put in one unit to be compared (jx_value_common_unit). */
typedef struct jx_value_common {
    int64_t ka, kb;   /* what a's and b's numbers are multiplied by to be in the common unit */
    bool percent;     /* the common unit is % */
    const char *unit; /* the common unit: a's, or b's when a's was converted; "" when none */
    int converted;    /* 0 both as written, 1 a converted to b's unit, 2 b converted to a's */
} jx_value_common;

/** jx_value_common_unit past its usual case: a and b, which neither take one the other's
 * unit nor have the same, compared as time units. */
bool jx_value_common_time_unit(const jx_value *a, const jx_value *b, jx_value_common *out);

/**
 * The one rule of comparable units, for scoring an actual against its target and for
 * a target against 上年 or 前年: a and b (numbers) compare when both are % or have the
 * same unit, when b has neither % nor unit (it takes a's), or when both are time units
 * (毫秒 秒 分钟 小时 天 周 and their ASCII forms), converted exactly to the finer of the
 * two (ka or kb the whole ratio, ≤ 604 800 000). Returns false, with *out as for a's
 * unit and both factors 1, when they do not compare. Inline: the usual case, the same
 * unit or none, is a few comparisons, asked of every quantitative indicator.
 */
static inline bool jx_value_common_unit(const jx_value *a, const jx_value *b, jx_value_common *out)
{
    *out = (jx_value_common){.ka = 1, .kb = 1, .percent = a->percent, .unit = a->unit.s ? a->unit.s : ""};
    if ((!b->percent && b->unit.n == 0) || (a->percent == b->percent && jx_str_same_bytes(a->unit, b->unit)))
        return true;
    return jx_value_common_time_unit(a, b, out);
}

/** jx_value_fraction_of_percent once a is % and b has neither % nor unit. */
bool jx_value_fraction_of_percent_num(const jx_value *a, const jx_value *b);

/**
 * True when b is likely a percentage of a written as a fraction: 0 < b ≤ 1 with neither %
 * nor unit against a % value a above 1 (0.97 against ≥95%) — what a spreadsheet writes
 * when a percent cell loses its format (an .xls read without its formats, a cell typed
 * 0.97). The scoring scores it as written and warns (percent-fraction); the 审核 compares
 * a year so written as b × 100 %. Inline: asked of every quantitative indicator, and
 * nearly always answered by the units.
 */
static inline bool jx_value_fraction_of_percent(const jx_value *a, const jx_value *b)
{
    return a->percent && !b->percent && b->unit.n == 0 && jx_value_fraction_of_percent_num(a, b);
}

#endif
