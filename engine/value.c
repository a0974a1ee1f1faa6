/* SPDX-License-Identifier: MIT */
/* value.c — reading target and actual texts: sign, number, percent, unit.
 *
 * Two paths. The fast path is a hand-written scanner over the bytes as written; it
 * takes the forms nearly every table uses ("≥60个", "=1年", "100%", "＞ 95 %", "<10ms")
 * and allocates nothing but the copy of the unit. Whatever it does not take goes to
 * the slow path: the text is NFKC-normalised with utf8proc (so "＝４次" reads "=4次")
 * and matched against the rows of value_forms[], PCRE2 patterns compiled once per
 * process and shared by every reader (value_shared). Every row captures the same four groups, so a new form is a new row:
 *
 *     1 sign   2 number   3 percent   4 unit
 *
 * After either path the unit goes through the word tables below: "百分比" is a
 * percent sign spelt out, and the suffixes 以上 / 以内 / 以下 carry a sign when none
 * was written. So "-0%以内" reads as ≤ 0 % (a deviation of at most zero), and
 * "60个以上" as ≥ 60 个. A written sign that contradicts its suffix ("≥5%以内") is
 * a bad sign. A product ("7*24 小时", "5×8小时") reads as its value, 168 小时; a unit a
 * PDF split with spaces ("人 次") is joined back ("人次"). "1080P" and "100M" read as
 * a number with the unit "P" / "M". A number may group its thousands with commas
 * ("≥1,000人次", "12,345,678.5", "１，２００"): the fast path reads ASCII groupings
 * itself, the slow path has a row for them.
 *
 * What reads as no number is explained rather than just refused: a number that is
 * only part of a date or an ordinal ("2023年底前", "第1季度") makes the text a
 * qualitative one for the importers; a comma that groups no thousands ("1,20"), a
 * range ("60~80"), an approximation ("约5次") or several numbers get a detail of
 * their own (value_refusals[]).
 *
 * jx_value_read_plain_number reads the numeric cells of tables (得分, 扣分, weights,
 * amounts) by hand, with the same rule for thousands and no PCRE2.
 *
 * Blanks: a cell is trimmed of text.h's blanks (JX_TEXT_BLANKS) before it is read. Inside
 * a value the fast path steps over ASCII spaces and tabs only (jx_text_skip_spaces); any
 * other blank sends the value to the slow path, where NFKC has made it a space.
 *
 * PCRE2 allocates through the reader's jx_allocator, but for the shared rows (malloc).
 * Its running out — when the patterns are compiled, JIT-compiled or matched — is
 * JX_VALUE_NOMEM, never a value
 * that does not read (value_match).
 */
#include "value.h"

#include "alloc.h"
#include "diag.h"
#include "text.h"
#include "value_internal.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <utf8proc.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ word tables */

/*
 * Sign spellings, read byte by byte since nearly every value starts with one:
 *   ≥ ≧ >= \geq \ge  → JX_SIGN_GE      ≤ ≦ <= \leq \le → JX_SIGN_LE
 *   > ＞ \gt          → JX_SIGN_GT      < ＜ \lt         → JX_SIGN_LT
 *   = == ＝           → JX_SIGN_EQ
 * Bad on their own: ≠ ≈ ≒ ~ ～ ± ≮ ≯. Right after a sign, any sign character is bad
 * too ("=<", ">>", "=≥").
 */

/** Byte c of s[i..n), or -1 past the end. */
static int value_byte(const char *s, size_t i, size_t n)
{
    return i < n ? (unsigned char)s[i] : -1;
}

/** True when s[i..n) starts with the NUL-terminated word w. */
static bool value_starts(const char *s, size_t i, size_t n, const char *w)
{
    size_t len = strlen(w);
    return n - i >= len && memcmp(s + i, w, len) == 0;
}

/** The sign spelt at s[i..n), setting *len to its bytes; JX_SIGN_NONE (len 0) when none. */
static jx_sign value_sign_at(const char *s, size_t i, size_t n, size_t *len)
{
    int c = value_byte(s, i, n), c1 = value_byte(s, i + 1, n), c2 = value_byte(s, i + 2, n);
    *len = 0;
    switch (c) {
    case '>':
        *len = c1 == '=' ? 2 : 1;
        return c1 == '=' ? JX_SIGN_GE : JX_SIGN_GT;
    case '<':
        *len = c1 == '=' ? 2 : 1;
        return c1 == '=' ? JX_SIGN_LE : JX_SIGN_LT;
    case '=':
        *len = c1 == '=' ? 2 : 1;
        return JX_SIGN_EQ;
    case 0xE2: /* U+2264 ≤, U+2265 ≥, U+2266 ≦, U+2267 ≧ */
        if (c1 != 0x89)
            return JX_SIGN_NONE;
        *len = 3;
        switch (c2) {
        case 0xA4: case 0xA6: return JX_SIGN_LE;
        case 0xA5: case 0xA7: return JX_SIGN_GE;
        }
        *len = 0;
        return JX_SIGN_NONE;
    case 0xEF: /* U+FF1C ＜, U+FF1D ＝, U+FF1E ＞ */
        if (c1 != 0xBC)
            return JX_SIGN_NONE;
        *len = 3;
        switch (c2) {
        case 0x9C: return JX_SIGN_LT;
        case 0x9D: return JX_SIGN_EQ;
        case 0x9E: return JX_SIGN_GT;
        }
        *len = 0;
        return JX_SIGN_NONE;
    case '\\': {
        static const struct { const char *text; jx_sign sign; } latex[] = {
            {"\\geq", JX_SIGN_GE}, {"\\leq", JX_SIGN_LE}, {"\\ge", JX_SIGN_GE},
            {"\\le", JX_SIGN_LE},  {"\\gt", JX_SIGN_GT},  {"\\lt", JX_SIGN_LT},
        };
        for (size_t k = 0; k < sizeof latex / sizeof latex[0]; k++) {
            if (value_starts(s, i, n, latex[k].text)) {
                *len = strlen(latex[k].text);
                return latex[k].sign;
            }
        }
        return JX_SIGN_NONE;
    }
    }
    return JX_SIGN_NONE;
}

/**
 * The length in bytes of a bad sign character at s[i..n), 0 when there is none.
 * after_sign: also count the sign characters themselves (a second sign is bad).
 */
static size_t value_bad_sign_at(const char *s, size_t i, size_t n, bool after_sign)
{
    int c = value_byte(s, i, n), c1 = value_byte(s, i + 1, n), c2 = value_byte(s, i + 2, n);
    if (c == '~')
        return 1;
    if (c == 0xC2 && c1 == 0xB1) /* ± */
        return 2;
    if (c == 0xE2 && c1 == 0x89 && (c2 == 0xA0 || c2 == 0x88 || c2 == 0x92 || c2 == 0xAE || c2 == 0xAF))
        return 3; /* ≠ ≈ ≒ ≮ ≯ */
    if (c == 0xEF && c1 == 0xBD && c2 == 0x9E) /* ～ */
        return 3;
    if (after_sign && c != '\\') {
        size_t len;
        if (value_sign_at(s, i, n, &len) != JX_SIGN_NONE)
            return c < 0x80 ? 1 : len; /* one ASCII character, or the whole full-width one */
    }
    return 0;
}

/** A word after the number that changes how the value reads. */
typedef struct value_unit_word {
    const char *suffix; /* the unit ends with this */
    size_t len;         /* its length in bytes */
    bool percent;       /* the word means a percent sign */
    jx_sign sign;       /* the sign it implies, JX_SIGN_NONE when none */
} value_unit_word;

static const value_unit_word value_unit_words[] = {
#define VALUE_WORD(w) w, sizeof w - 1
    {VALUE_WORD("百分比"), true, JX_SIGN_NONE},
    {VALUE_WORD("以上"), false, JX_SIGN_GE},
    {VALUE_WORD("以内"), false, JX_SIGN_LE},
    {VALUE_WORD("以下"), false, JX_SIGN_LE},
    {VALUE_WORD("内"), false, JX_SIGN_LE}, /* "24小时内": within */
#undef VALUE_WORD
};

/* ---------------------------------------------------------- pattern table */

/* The pieces the rows share. NUM is the only number form jx_dec_parse takes; GNUM is
 * a number with thousands separators (see "Numbers as people write them" below). A
 * unit holds no digit, except right after a Latin letter ("m2" from "㎡"), so
 * "12月31日" or "5个/月3次" never read as one number and a unit. */
#define SP "[ \\t]*"
#define SIGN "(≥|≤|≧|≦|>=|<=|==|=|>|<)"
#define NUM "([+-]?[0-9]+(?:\\.[0-9]+)?)"
#define GROUPING "[1-9][0-9]{0,2}(?:,[0-9]{3})+"
#define GNUM "([+-]?" GROUPING "(?:\\.[0-9]+)?)"
#define UNIT_BODY "[^ \\t0-9.%~*×+=<>≥≤≧≦±≠≈,，;；、(（](?:[^ \\t0-9]|(?<=[A-Za-z])[0-9])*"
#define UNIT "(" UNIT_BODY ")"
#define SPACED_UNIT_BODY "[\\p{Han}/]+(?:[ \\t]+[\\p{Han}/]+)+"
#define FACTOR "[0-9]+(?:\\.[0-9]+)?"

const char *jx_sign_text(jx_sign sign)
{
    return jx_sign_str(sign).s;
}

/** One accepted form of a value: a pattern capturing sign, number, percent and unit. */
typedef struct value_form {
    const char *name;    /* what the row is for */
    const char *pattern; /* groups: 1 sign, 2 number, 3 percent, 4 unit (any may not take part) */
    bool product;        /* group 2 is factors joined by * × x ("7*24"), read as their product */
    bool spaced;         /* group 4 may hold spaces, dropped from the unit ("人 次") */
    bool grouped;        /* group 2 has thousands separators ("1,200"), dropped when it is read */
} value_form;

static const value_form value_forms[] = {
    /* "＞ ６０ ％", "= 4 次", "12 个月", "2000000 人次/年" (after NFKC) */
    {"plain", "^" SP SIGN "?" SP NUM SP "(%)?" SP UNIT "?" SP "$", false, false, false},
    /* "$\geq 1900$ 核", "$95\%$" — values pasted from typeset tables */
    {"latex", "^" SP "\\$" SP "(\\\\geq|\\\\leq|\\\\ge|\\\\le|\\\\gt|\\\\lt|≥|≤|>=|<=|=|>|<)?" SP NUM SP
              "(\\\\%|%)?" SP "\\$" SP UNIT "?" SP "$", false, false, false},
    /* "7*24 小时", "5×8小时", "7x24小时": round-the-clock service, read as 168 小时 */
    {"product", "^" SP SIGN "?" SP "(" FACTOR "(?:" SP "[*×xX]" SP FACTOR ")+)" SP "(%){0}" SP UNIT "?" SP "$",
     true, false, false},
    /* "436528 人 次", "≥500 用 户": a unit a PDF broke with spaces, joined back */
    {"spaced unit", "^" SP SIGN "?" SP NUM SP "(%)?" SP "(" SPACED_UNIT_BODY ")" SP "$", false, true, false},
    /* "1,200", "≥1,000人次", "12,345,678.5元", "1,200 人 次"; "１，２００" and "1，200" after
     * NFKC: a number with thousands separators, with a unit as the plain and spaced-unit
     * rows take it */
    {"thousands", "^" SP SIGN "?" SP GNUM SP "(%)?" SP "(" UNIT_BODY "|" SPACED_UNIT_BODY ")?" SP "$", false, true,
     true},
};

#define VALUE_FORM_COUNT (sizeof value_forms / sizeof value_forms[0])

/*
 * Numbers that are part of a date or an ordinal, not a quantity. Matched over the
 * NFKC text of a value that did not read: when every digit lies inside one of them
 * the text is a qualitative one ("2023年底前", "每月5日前", "第1季度", "2021-12-31").
 */
#define DATE_WORD "(?:底|末|初|前|后|中|度|份|上旬|中旬|下旬|以前|之前|以后|之后)"
static const char value_date_pattern[] =
    "第" SP "[0-9]+"                                                 /* 第1季度, 第3批 */
    "|[0-9]{4}" SP "[-./]" SP "[0-9]{1,2}(?:" SP "[-./]" SP "[0-9]{1,2})?" /* 2021-12-31 */
    "|[0-9]{1,4}" SP "年(?=" SP "(?:[0-9]|" DATE_WORD "))"           /* 2023年底, 2020年6月 */
    "|(?<=年)" SP "[0-9]{1,2}" SP "月"                                /* (2020年)6月 */
    "|[0-9]{1,2}" SP "月" SP "[0-9]{1,2}" SP "[日号]"                  /* 12月31日 */
    "|[0-9]{1,2}" SP "月(?=" SP DATE_WORD ")"                         /* 6月底前, 9月份 */
    "|[0-9]{1,2}" SP "[日号](?=" SP "(?:前|后|之前|以前|之后|以后|止))" /* 5日前 */
    "|[0-9]" SP "季度"                                                /* 1季度 */
    "|[0-9]{1,2}" SP ":" SP "[0-9]{2}";                               /* 17:00 */

/** A form that does not read, recognised to say why (matched over the NFKC text). */
typedef struct value_refusal {
    const char *name;    /* what the row is for */
    const char *pattern; /* matches the refused form */
    const char *detail;  /* the detail, after the quoted value */
} value_refusal;

/* The detail of a comma that does not group thousands, here and in jx_value_read_plain_number. */
#define VALUE_COMMA_DETAIL "中的逗号不是千位分隔符（千位分隔应为 1,234 的形式）"

bool jx_value_detail_is_bad_grouping(const char *detail)
{
    size_t n = detail ? strlen(detail) : 0, k = sizeof VALUE_COMMA_DETAIL - 1;
    return n >= k && memcmp(detail + n - k, VALUE_COMMA_DETAIL, k) == 0;
}

/* A run of digits and commas with a comma before a digit that is not a thousands
 * grouping (GROUPING, maybe with one comma after it that no digit follows, as in
 * "1,200, 300"), nor one inside a fraction ("0.123,456"). */
#define BAD_GROUPING "(?=[0-9,]*,[0-9])(?!(?<![0-9]\\.)" GROUPING ",?(?![0-9,]))[0-9,]+"

static const value_refusal value_refusals[] = {
    /* "1,20", "1,2345", "1,,200", "1,200,00", "0,5", "60,80", and ",100" at the start: a
     * comma that does not group thousands is read neither as a decimal point nor as
     * two numbers. Other commas ("60, 80", "5个,200人") separate numbers. */
    {"not thousands", "(?<![0-9,])(?=[0-9])" BAD_GROUPING "|^" SP "\\$?" SP SIGN "?" SP "[+-]?" BAD_GROUPING,
     VALUE_COMMA_DETAIL},
    /* "60~80", "60%-80%", "3至5天", "1,000~2,000": a target has one bound */
    {"range", "^" SP "\\$?" SP SIGN "?" SP "[+-]?[0-9]+(?:,[0-9]{3})*(?:\\.[0-9]+)?" SP "%?" SP
              "[^ \\t0-9~〜\\-—–―至到]*" SP "(?:~|〜|-|—|–|―|至|到)" SP "[+-]?[0-9]",
     "是数值范围，计分只能用一个数"},
    /* "约5次", "大约 90%", "5次左右": an estimate is no target */
    {"approximate", "^" SP "(?:约|大约|大概|接近)" SP "[0-9]|[0-9][^0-9]*(?:左右|上下)" SP "$",
     "是约数，计分需要确切的数"},
    /* "≥5个/月3次", "6月完成80%", "1,000个/月3次", "5个,200人": more than one number, not
     * all of them in dates. A comma between a digit and three digits is a thousands
     * separator (the first row took every other comma between digits), so "1,000 km h"
     * holds one number */
    {"several numbers", "[0-9](?:[^0-9.,]|\\.(?![0-9])|(?<![0-9]),|,(?![0-9]{3}(?![0-9])))+[0-9]",
     "含有多个数，无法确定按哪个计分"},
};

#define VALUE_REFUSAL_COUNT (sizeof value_refusals / sizeof value_refusals[0])

/* Texts longer than this are not values; they are refused without normalising. */
#define VALUE_MAX_BYTES 512

/* ----------------------------------------------------------------- reader */

/*
 * The compiled rows. Compiling them with JIT takes about 0.14 ms, more than reading a
 * small file, so one set serves every reader of the process (value_shared): it is
 * compiled by the first reader that needs it, under value_shared_lock, and never
 * changed or freed after. PCRE2 matches a compiled pattern from any number of threads
 * at once; what a match writes goes to the reader's own match data. The set's memory
 * comes from the C library's malloc, as no reader's allocator outlives its reader:
 * 8.5 KB of patterns, and 42 KB of machine code the JIT maps itself. A reader made by jx_value_reader_create_interpreted compiles a
 * set of its own, without JIT, through its allocator.
 */
typedef struct value_patterns {
    pcre2_code *forms[VALUE_FORM_COUNT];       /* value_forms[], compiled */
    pcre2_code *date;                          /* value_date_pattern, compiled */
    pcre2_code *refusals[VALUE_REFUSAL_COUNT]; /* value_refusals[], compiled */
    int jit;                                   /* 1 when every row was JIT-compiled */
} value_patterns;

struct jx_value_reader {
    const jx_allocator *alloc;                   /* everything the reader owns comes from here */
    pcre2_general_context *gctx;                 /* routes PCRE2's memory through alloc */
    const value_patterns *pat;                   /* the rows: &value_shared, or &own */
    value_patterns own;                          /* the reader's own rows (interpreted readers) */
    pcre2_match_data *md;                        /* match results, reused for every match */
    bool pcre_nomem;                             /* an allocation of PCRE2's through alloc failed */
    int32_t *nfkc;                               /* scratch buffer for utf8proc */
    size_t nfkc_cap;                             /* its capacity in code points */
    size_t slow_count;                           /* reads that took the slow path */
    size_t match_count;                          /* PCRE2 matches run */
};

/*
 * PCRE2's memory. Every block PCRE2 asks for — contexts, compiled patterns, the JIT
 * compiler's working memory, match data and the interpreter's backtracking frames
 * (kept in the match data) — comes from the reader's allocator through the general
 * context, whose user data is the reader (the shared set's from malloc, the user data
 * NULL). PCRE2 frees without a size, and jx_allocator wants one: each block carries it.
 * A failed allocation is also noted (vr->pcre_nomem, or value_shared_nomem), because
 * pcre2_jit_compile does not tell it apart from a missing JIT or executable memory.
 */
typedef union value_block_head {
    size_t size;      /* bytes the caller asked for */
    max_align_t align; /* keeps the block after the head aligned */
} value_block_head;

static bool value_shared_nomem; /* the shared set's malloc failed; under value_shared_lock */

static void *value_pcre_malloc(PCRE2_SIZE size, void *ud)
{
    jx_value_reader *vr = ud;
    value_block_head *h = vr ? jx_malloc(vr->alloc, sizeof *h + size) : malloc(sizeof *h + size);
    if (!h) {
        if (vr)
            vr->pcre_nomem = true;
        else
            value_shared_nomem = true;
        return NULL;
    }
    h->size = size;
    return h + 1;
}

static void value_pcre_free(void *p, void *ud)
{
    if (p) {
        jx_value_reader *vr = ud;
        value_block_head *h = (value_block_head *)p - 1;
        if (vr)
            jx_free(vr->alloc, h, sizeof *h + h->size);
        else
            free(h);
    }
}

/**
 * Compiles one pattern into set under cctx, JIT-compiled when jit is set and possible
 * (clearing set->jit when not); NULL when memory ran out, which *nomem tells apart from
 * a JIT that is not there.
 */
static pcre2_code *value_compile(value_patterns *set, pcre2_compile_context *cctx, const char *pattern, bool jit,
                                 bool *nomem)
{
    int err;
    PCRE2_SIZE erroff;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &err, &erroff, cctx);
    if (!re)
        return NULL;
    if (!jit) {
        set->jit = 0;
        return re;
    }
    /* JIT is a speed-up only: without it (no JIT support, no executable memory)
     * the interpreter matches the same way. Memory the allocator refused is no
     * such case: the set is not made. */
    *nomem = false;
    if (pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) != 0) {
        if (*nomem) {
            pcre2_code_free(re);
            return NULL;
        }
        set->jit = 0;
    }
    return re;
}

/** Frees the rows of set (any of them NULL). */
static void value_patterns_free(value_patterns *set)
{
    for (size_t i = 0; i < VALUE_FORM_COUNT; i++)
        pcre2_code_free(set->forms[i]);
    pcre2_code_free(set->date);
    for (size_t i = 0; i < VALUE_REFUSAL_COUNT; i++)
        pcre2_code_free(set->refusals[i]);
    memset(set, 0, sizeof *set);
}

/** Compiles every row into set through gctx; false (set emptied) when memory ran out. */
static bool value_patterns_compile(value_patterns *set, pcre2_general_context *gctx, bool jit, bool *nomem)
{
    pcre2_compile_context *cctx = pcre2_compile_context_create(gctx);
    if (!cctx)
        return false;
    set->jit = 1;
    bool ok = true;
    for (size_t i = 0; ok && i < VALUE_FORM_COUNT; i++)
        ok = (set->forms[i] = value_compile(set, cctx, value_forms[i].pattern, jit, nomem)) != NULL;
    if (ok)
        ok = (set->date = value_compile(set, cctx, value_date_pattern, jit, nomem)) != NULL;
    for (size_t i = 0; ok && i < VALUE_REFUSAL_COUNT; i++)
        ok = (set->refusals[i] = value_compile(set, cctx, value_refusals[i].pattern, jit, nomem)) != NULL;
    pcre2_compile_context_free(cctx);
    if (!ok)
        value_patterns_free(set);
    return ok;
}

static pthread_mutex_t value_shared_lock = PTHREAD_MUTEX_INITIALIZER;
static value_patterns value_shared;   /* the process's rows, once value_shared_ready */
static bool value_shared_ready;       /* under value_shared_lock; never cleared once set */

/**
 * The shared rows, compiled on first use; NULL when memory ran out (the next call
 * tries again). The compiling general context is kept with the set, which
 * pcre2_code_free never needs after the process's last reader.
 */
static const value_patterns *value_shared_get(void)
{
    static pcre2_general_context *gctx;
    const value_patterns *set = NULL;
    pthread_mutex_lock(&value_shared_lock);
    if (!value_shared_ready) {
        if (!gctx)
            gctx = pcre2_general_context_create(value_pcre_malloc, value_pcre_free, NULL);
        if (gctx && value_patterns_compile(&value_shared, gctx, true, &value_shared_nomem))
            value_shared_ready = true;
    }
    if (value_shared_ready)
        set = &value_shared;
    pthread_mutex_unlock(&value_shared_lock);
    return set;
}

/**
 * A value reader on alloc: on the shared rows when jit is set, else on rows of its own
 * compiled without JIT; NULL when memory ran out.
 */
static jx_value_reader *value_reader_new(const jx_allocator *alloc, bool jit)
{
    const jx_allocator *a = jx_alloc_or_default(alloc);
    jx_value_reader *vr = jx_calloc(a, sizeof *vr);
    if (!vr)
        return NULL;
    vr->alloc = a;
    vr->gctx = pcre2_general_context_create(value_pcre_malloc, value_pcre_free, vr);
    if (!vr->gctx)
        goto fail;
    if (jit)
        vr->pat = value_shared_get();
    else if (value_patterns_compile(&vr->own, vr->gctx, false, &vr->pcre_nomem))
        vr->pat = &vr->own;
    if (!vr->pat)
        goto fail;
    vr->md = pcre2_match_data_create(8, vr->gctx);
    if (!vr->md)
        goto fail;
    return vr;
fail:
    jx_value_reader_destroy(vr);
    return NULL;
}

jx_value_reader *jx_value_reader_create(const jx_allocator *alloc)
{
    return value_reader_new(alloc, true);
}

jx_value_reader *jx_value_reader_create_interpreted(const jx_allocator *alloc)
{
    return value_reader_new(alloc, false);
}

/**
 * Matches re against t[0..tn) from offset off into vr->md. Returns the number of
 * groups set (> 0) on a match, 0 when there is none, -1 when PCRE2 ran out of memory.
 * The interpreter allocates its backtracking frames (through vr's allocator) and has
 * limits on heap, depth and steps; a failure on any of them is memory running out,
 * never "no match", which would make a valid value read as unreadable. The JIT's
 * machine stack running short is retried in the interpreter.
 */
static int value_match(jx_value_reader *vr, const pcre2_code *re, const char *t, size_t tn, size_t off)
{
    vr->match_count++;
    int rc = pcre2_match(re, (PCRE2_SPTR)t, tn, off, PCRE2_NO_UTF_CHECK, vr->md, NULL);
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
        rc = pcre2_match(re, (PCRE2_SPTR)t, tn, off, PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT, vr->md, NULL);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc < 0)
        return -1;
    /* 0: more groups than the match data holds, which the patterns never have */
    return rc > 0 ? rc : (int)pcre2_get_ovector_count(vr->md);
}

void jx_value_reader_destroy(jx_value_reader *vr)
{
    if (!vr)
        return;
    const jx_allocator *a = vr->alloc;
    pcre2_match_data_free(vr->md);
    value_patterns_free(&vr->own);
    pcre2_general_context_free(vr->gctx);
    jx_free(a, vr->nfkc, vr->nfkc_cap * sizeof *vr->nfkc);
    jx_free(a, vr, sizeof *vr);
}

size_t jx_value_reader_slow_count(const jx_value_reader *vr)
{
    return vr ? vr->slow_count : 0;
}

size_t jx_value_reader_match_count(const jx_value_reader *vr)
{
    return vr ? vr->match_count : 0;
}

int jx_value_reader_uses_jit(const jx_value_reader *vr)
{
    return vr ? vr->pat->jit : 0;
}

/* ------------------------------------------------- numbers as people write them */

/*
 * A number as people write it in a table: an optional sign, digits, maybe grouped by
 * thousands ("12,345,678"), and an optional fraction ("12,345,678.5"). A grouping is 1
 * to 3 digits, the first not 0, then groups of a comma and exactly three digits; the
 * fraction has no separators. A comma anywhere else ("1,20", "1,2345", ",100",
 * "1,,200", "1,200,00", "0,5", "1.234,5") makes the text no number: it is read neither
 * as a decimal point nor as two numbers. The full-width digits, comma, point and signs
 * (０–９ ， ． ＋ －) read as their ASCII forms, as NFKC makes them; here without
 * utf8proc. The value rows with GNUM and the fast path's groupings are read the same
 * way, by value_plain_parse.
 */

/* The detail of a text that is no number, after the text quoted. */
#define VALUE_NOT_NUMBER_DETAIL "不是数字"

#define VALUE_STR2(x) #x
#define VALUE_STR(x) VALUE_STR2(x)
/* The detail of a number with too many digits, after the number quoted (as value_finish says it). */
#define VALUE_TOO_LONG_DETAIL \
    "位数过多，最多 " VALUE_STR(JX_DEC_MAX_DIGITS) " 位数字、" VALUE_STR(JX_DEC_MAX_SCALE) " 位小数"

/**
 * The ASCII character of a plain number at s[i..n), setting *len to the bytes it
 * takes: a digit, ',', '.', '+' or '-' as written, or its full-width form (U+FF10–FF19,
 * U+FF0C ，, U+FF0E ．, U+FF0B ＋, U+FF0D －). 0 (len 1) for anything else.
 */
static char value_plain_char(const char *s, size_t i, size_t n, size_t *len)
{
    unsigned char c = (unsigned char)s[i];
    *len = 1;
    if ((c >= '0' && c <= '9') || c == ',' || c == '.' || c == '+' || c == '-')
        return (char)c;
    if (c == 0xEF && n - i >= 3 && (unsigned char)s[i + 1] == 0xBC) {
        unsigned char c2 = (unsigned char)s[i + 2];
        *len = 3;
        if (c2 >= 0x90 && c2 <= 0x99)
            return (char)('0' + (c2 - 0x90));
        switch (c2) {
        case 0x8B: return '+';
        case 0x8C: return ',';
        case 0x8D: return '-';
        case 0x8E: return '.';
        }
        *len = 1;
    }
    return 0;
}

/** What value_plain_scan makes of a text. */
typedef enum value_plain_shape {
    VALUE_PLAIN_NUMBER, /* a number, its commas (if any) a thousands grouping */
    VALUE_PLAIN_COMMA,  /* a number once its commas are dropped, but they group no thousands */
    VALUE_PLAIN_OTHER   /* no number, with or without commas */
} value_plain_shape;

/** The shape of s[0..n), every byte of it, as the characters value_plain_char reads. */
static value_plain_shape value_plain_scan(const char *s, size_t n)
{
    size_t i = 0, len;
    size_t int_digits = 0, frac_digits = 0, group = 0, groups = 0;
    bool point = false, grouping = true;
    char first = 0;
    if (n > 0) {
        char c = value_plain_char(s, 0, n, &len);
        if (c == '+' || c == '-')
            i = len;
    }
    for (; i < n; i += len) {
        char c = value_plain_char(s, i, n, &len);
        if (c >= '0' && c <= '9') {
            if (point) {
                frac_digits++;
            } else {
                if (int_digits++ == 0)
                    first = c;
                group++;
            }
        } else if (c == ',') {
            /* the first group 1 to 3 digits not starting with 0, every later one 3 */
            if (point || (groups == 0 ? group < 1 || group > 3 || first == '0' : group != 3))
                grouping = false;
            groups++;
            group = 0;
        } else if (c == '.' && !point) {
            point = true;
            if (groups > 0 && group != 3)
                grouping = false;
        } else {
            return VALUE_PLAIN_OTHER;
        }
    }
    if (!point && groups > 0 && group != 3)
        grouping = false;
    if (int_digits == 0 || (point && frac_digits == 0))
        return VALUE_PLAIN_OTHER;
    return groups == 0 || grouping ? VALUE_PLAIN_NUMBER : VALUE_PLAIN_COMMA;
}

/**
 * Parses s[0..n), of the shape VALUE_PLAIN_NUMBER, into *out as jx_dec_parse parses
 * it once the commas are dropped and the full-width characters made ASCII.
 */
static jx_dec_status value_plain_parse(const char *s, size_t n, jx_dec *out)
{
    /* a sign, 18 digits, a point and 9 decimals; leading zeros are dropped (a grouping
     * has none), so a number that does not fit has too many digits or decimals */
    char buf[1 + JX_DEC_MAX_DIGITS + 1 + JX_DEC_MAX_SCALE];
    size_t k = 0, len, int_digits = 0; /* int_digits: those of the integer part in buf */
    bool point = false;
    for (size_t i = 0; i < n; i += len) {
        char c = value_plain_char(s, i, n, &len);
        if (c == ',' || c == '+')
            continue;
        if (c == '.') {
            point = true;
        } else if (c != '-' && !point) {
            if (int_digits == 1 && buf[k - 1] == '0') {
                k--; /* "007": a leading 0 before another digit is dropped */
                int_digits--;
            }
            int_digits++;
        }
        if (k == sizeof buf)
            return JX_DEC_TOO_LONG;
        buf[k++] = c;
    }
    return jx_dec_parse(buf, k, out);
}

jx_value_status jx_value_read_plain_number(const char *s, size_t n, jx_dec *out, const char **detail)
{
    jx_text_span t = jx_text_trim(s, n, JX_TEXT_BLANKS);
    s = t.s;
    n = t.n;
    switch (value_plain_scan(s, n)) {
    case VALUE_PLAIN_NUMBER:
        break;
    case VALUE_PLAIN_COMMA:
        *detail = VALUE_COMMA_DETAIL;
        return JX_VALUE_UNREADABLE;
    default:
        *detail = VALUE_NOT_NUMBER_DETAIL;
        return JX_VALUE_UNREADABLE;
    }
    jx_dec_status st = value_plain_parse(s, n, out);
    if (st == JX_DEC_OK) {
        *detail = "";
        return JX_VALUE_OK;
    }
    *detail = st == JX_DEC_TOO_LONG ? VALUE_TOO_LONG_DETAIL : VALUE_NOT_NUMBER_DETAIL;
    return st == JX_DEC_TOO_LONG ? JX_VALUE_TOO_LONG : JX_VALUE_UNREADABLE;
}

/* ---------------------------------------------------------------- helpers */

/** Sets *detail to “s”无法识别为数值 and returns JX_VALUE_UNREADABLE (or NOMEM). */
static jx_value_status value_unreadable(jx_arena *ar, const char *s, size_t n, const char **detail)
{
    const char *q = jx_diag_quote(ar, s, n);
    *detail = q ? jx_arena_printf(ar, "“%s”无法识别为数值", q) : NULL;
    return *detail ? JX_VALUE_UNREADABLE : JX_VALUE_NOMEM;
}

/**
 * Looks for a bad sign at the start of s[0..n) (after spaces): one of ≠ ≈ ~ … on its
 * own, or a sign followed by another sign character. Returns JX_VALUE_OK when there
 * is none, else JX_VALUE_BAD_SIGN (or NOMEM) with *detail naming what was written.
 */
static jx_value_status value_check_sign(jx_arena *ar, const char *s, size_t n, const char **detail)
{
    size_t i = jx_text_skip_spaces(s, 0, n);
    size_t bad = value_bad_sign_at(s, i, n, false);
    if (bad > 0) {
        *detail = jx_arena_printf(ar, "“%.*s” 不是计算符号", (int)bad, s + i);
        return *detail ? JX_VALUE_BAD_SIGN : JX_VALUE_NOMEM;
    }
    size_t len;
    if (value_sign_at(s, i, n, &len) == JX_SIGN_NONE)
        return JX_VALUE_OK;
    size_t j = jx_text_skip_spaces(s, i + len, n);
    bad = value_bad_sign_at(s, j, n, true);
    if (bad == 0)
        return JX_VALUE_OK;
    size_t end = j + bad;
    *detail = jx_arena_printf(ar, "“%.*s” 不是计算符号", (int)(end - i), s + i);
    return *detail ? JX_VALUE_BAD_SIGN : JX_VALUE_NOMEM;
}

/**
 * Applies the unit words to a read value: strips 百分比 / 以上 / 以内 / 以下 from the
 * end of the unit, setting the percent flag or the implied sign. Returns
 * JX_VALUE_BAD_SIGN when the implied sign contradicts the written one,
 * JX_VALUE_UNREADABLE when the percent is written twice ("60%百分比"), else JX_VALUE_OK.
 * *word is set to the word that caused a refusal.
 */
static jx_value_status value_unit_words_apply(const char *unit, size_t *unit_len, bool *percent, jx_sign *sign,
                                              const char **word)
{
    bool changed = true;
    while (changed && *unit_len > 0) {
        changed = false;
        for (size_t k = 0; k < sizeof value_unit_words / sizeof value_unit_words[0]; k++) {
            const value_unit_word *w = &value_unit_words[k];
            *word = w->suffix;
            size_t len = w->len;
            /* the last byte first: most units end in none of the words */
            if (*unit_len < len || unit[*unit_len - 1] != w->suffix[len - 1] ||
                memcmp(unit + *unit_len - len, w->suffix, len) != 0)
                continue;
            if (w->percent) {
                if (*percent)
                    return JX_VALUE_UNREADABLE; /* "%百分比" */
                *percent = true;
            } else if (*sign == JX_SIGN_NONE) {
                *sign = w->sign;
            } else {
                bool ge = *sign == JX_SIGN_GE || *sign == JX_SIGN_GT;
                bool le = *sign == JX_SIGN_LE || *sign == JX_SIGN_LT;
                if ((w->sign == JX_SIGN_GE && !ge) || (w->sign == JX_SIGN_LE && !le))
                    return JX_VALUE_BAD_SIGN;
            }
            *unit_len -= len;
            changed = true;
            break;
        }
    }
    /* what is left may have had spaces before the word ("个 以上") */
    while (*unit_len > 0 && (unit[*unit_len - 1] == ' ' || unit[*unit_len - 1] == '\t'))
        (*unit_len)--;
    return JX_VALUE_OK;
}

/** The parts of a value found by either path, before they are checked and stored. */
typedef struct value_parts {
    jx_sign sign;     /* written sign, NONE when none */
    const char *num;  /* the number's bytes (factors joined by * × x for a product) */
    size_t num_len;   /* their length */
    bool product;     /* num is a product of factors */
    bool grouped;     /* num has thousands separators ("1,200") */
    bool spaced;      /* the unit may hold spaces to drop */
    bool percent;     /* % written */
    const char *unit; /* the unit's bytes (NFKC form) */
    size_t unit_len;  /* their length, 0 when none */
} value_parts;

/** The length of a product sign at s[i..n) (* × x X), 0 when there is none. */
static size_t value_times_at(const char *s, size_t i, size_t n)
{
    int c = value_byte(s, i, n);
    if (c == '*' || c == 'x' || c == 'X')
        return 1;
    return c == 0xC3 && value_byte(s, i + 1, n) == 0x97 ? 2 : 0; /* × */
}

/**
 * Parses the number of p into *out: a plain number, one with thousands separators
 * ("1,200" is 1200), or the product of the factors of a product ("7*24" is 168).
 * JX_DEC_TOO_LONG when a factor or the product does not fit a jx_dec.
 */
static jx_dec_status value_number(const value_parts *p, jx_dec *out)
{
    if (p->grouped)
        return value_plain_parse(p->num, p->num_len, out);
    if (!p->product)
        return jx_dec_parse(p->num, p->num_len, out);
    const char *s = p->num;
    size_t n = p->num_len, i = 0;
    __int128 v = 1;
    int32_t scale = 0;
    for (;;) {
        size_t j = i;
        while (j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.'))
            j++;
        jx_dec f;
        jx_dec_status st = jx_dec_parse(s + i, j - i, &f);
        if (st != JX_DEC_OK)
            return st;
        v *= f.v; /* both below 10^18: no overflow in 128 bits */
        scale += f.scale;
        if (scale > JX_DEC_MAX_SCALE || v >= jx_pow10_128(JX_DEC_MAX_DIGITS))
            return JX_DEC_TOO_LONG;
        /* over the spaces, the product sign and the spaces to the next factor */
        j = jx_text_skip_spaces(s, j, n);
        if (j >= n)
            break;
        i = jx_text_skip_spaces(s, j + value_times_at(s, j, n), n);
    }
    out->v = (int64_t)v;
    out->scale = scale;
    return JX_DEC_OK;
}

/* Words a date unit starts with after 年 / 月 / 日 / 号: "2023年底前", "6月份", "5日前". */
static const char *const value_date_words[] = {
    "底", "末", "初", "前", "后", "中", "度", "份", "上旬", "中旬", "下旬", "以前", "之前", "以后", "之后",
};

/**
 * True when unit[0..n) makes the number before it no quantity: a date (年 / 月 / 日 /
 * 号 followed by a date word: "年底前", "月份"; or 季度: "1季度"), or an estimate
 * ("次左右", "人上下"). A bare 年, 月 or 日 is a quantity ("=1年", "12个月", "≤10日").
 */
static bool value_not_quantity(const char *unit, size_t n)
{
    if (n < 6)
        return false; /* every such unit is two characters or more */
    /* the last byte of 右 and 下, and the first character, say whether a word can match */
    unsigned char last = (unsigned char)unit[n - 1];
    if ((last == 0xB3 || last == 0x8B) &&
        (memcmp(unit + n - 6, "左右", 6) == 0 || memcmp(unit + n - 6, "上下", 6) == 0))
        return true;
    uint32_t first = (uint32_t)(unsigned char)unit[0] << 16 | (uint32_t)(unsigned char)unit[1] << 8 |
                     (unsigned char)unit[2];
    if (first == 0xE5ADA3 /* 季 */)
        return memcmp(unit, "季度", 6) == 0;
    if (first != 0xE5B9B4 /* 年 */ && first != 0xE69C88 /* 月 */ && first != 0xE697A5 /* 日 */ &&
        first != 0xE58FB7 /* 号 */)
        return false;
    for (size_t w = 0; w < sizeof value_date_words / sizeof value_date_words[0]; w++)
        if (value_starts(unit, 3, n, value_date_words[w]))
            return true;
    return false;
}

/**
 * Turns found parts into out: parses the number (multiplying a product), applies unit
 * words, copies the unit without the spaces a PDF left in it. Returns
 * JX_VALUE_UNREADABLE with *explain set (and *detail untouched) when the unit makes
 * the number no quantity (value_not_quantity); the caller says why.
 */
static jx_value_status value_finish(jx_arena *ar, const char *s, size_t n, value_parts *p, jx_value *out,
                                    const char **detail, bool *explain)
{
    jx_dec num;
    jx_dec_status ds = value_number(p, &num);
    if (ds == JX_DEC_TOO_LONG) {
        *detail = jx_arena_printf(ar, "“%.*s”" VALUE_TOO_LONG_DETAIL, (int)p->num_len, p->num);
        return *detail ? JX_VALUE_TOO_LONG : JX_VALUE_NOMEM;
    }
    if (ds != JX_DEC_OK)
        return value_unreadable(ar, s, n, detail);
    jx_sign written = p->sign;
    const char *word = "";
    jx_value_status st = value_unit_words_apply(p->unit, &p->unit_len, &p->percent, &p->sign, &word);
    if (st == JX_VALUE_UNREADABLE)
        return value_unreadable(ar, s, n, detail);
    if (st != JX_VALUE_OK) {
        *detail = jx_arena_printf(ar, "计算符号“%s”与“%s”矛盾", jx_sign_text(written), word);
        return *detail ? JX_VALUE_BAD_SIGN : JX_VALUE_NOMEM;
    }
    if (value_not_quantity(p->unit, p->unit_len)) {
        *explain = true;
        return JX_VALUE_UNREADABLE;
    }
    const char *unit = "";
    size_t unit_len = 0;
    if (p->unit_len > 0) {
        char *u = jx_arena_strndup(ar, p->unit, p->unit_len);
        if (!u)
            return JX_VALUE_NOMEM;
        unit_len = p->unit_len;
        if (p->spaced) {
            /* "人 次" from a PDF: drop the spaces in place */
            size_t k = 0;
            for (size_t i = 0; i < unit_len; i++)
                if (u[i] != ' ' && u[i] != '\t')
                    u[k++] = u[i];
            u[k] = '\0';
            unit_len = k;
        }
        unit = u;
    }
    out->sign = p->sign;
    out->percent = p->percent;
    out->num = num;
    out->unit.s = unit;
    out->unit.n = (uint32_t)unit_len;
    return JX_VALUE_OK;
}

/* -------------------------------------------------------------- fast path */

/** True for the bytes a fast-path unit may hold: ASCII letters, '/', and CJK U+4E00–U+9FFF. */
static bool value_fast_unit(const char *s, size_t i, size_t n)
{
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/') {
            i++;
        } else if (c >= 0xE4 && c <= 0xE9 && n - i >= 3) {
            /* U+4E00..U+9FFF: lead E4..E9, and for E4 the second byte ≥ B8 */
            if (!jx_text_cont2((const unsigned char *)s + i + 1) || (c == 0xE4 && (unsigned char)s[i + 1] < 0xB8))
                return false;
            i += 3;
        } else {
            return false;
        }
    }
    return true;
}

/** True when c is an ASCII digit. */
static bool value_digit(char c)
{
    return c >= '0' && c <= '9';
}

/** True when s[0..3) are three ASCII digits. */
static bool value_digits3(const char *s)
{
    return value_digit(s[0]) && value_digit(s[1]) && value_digit(s[2]);
}

/**
 * Scans the common forms. Returns 1 with *p filled when s[0..n) is one of them, 0
 * when the slow path must decide. Never allocates.
 */
static int value_fast_scan(const char *s, size_t n, value_parts *p)
{
    size_t i = jx_text_skip_spaces(s, 0, n), len;
    p->sign = value_sign_at(s, i, n, &len);
    if (len > 0 && s[i] == '\\')
        return 0; /* LaTeX spellings belong to their own row */
    i = jx_text_skip_spaces(s, i + len, n);
    size_t start = i;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    size_t digits = i;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == digits)
        return 0;
    p->grouped = i < n && s[i] == ',';
    if (p->grouped) {
        /* thousands: 1 to 3 digits, the first not 0, then groups of ',' and three digits
         * as GROUPING has them; any other comma is for the slow path to explain */
        if (i - digits > 3 || s[digits] == '0')
            return 0;
        while (n - i >= 4 && s[i] == ',' && value_digits3(s + i + 1) && (n - i == 4 || !value_digit(s[i + 4])))
            i += 4;
        if (i < n && s[i] == ',')
            return 0;
    }
    if (i < n && s[i] == '.') {
        size_t frac = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == frac)
            return 0;
    }
    p->num = s + start;
    p->num_len = i - start;
    p->product = false;
    p->spaced = false;
    i = jx_text_skip_spaces(s, i, n);
    p->percent = false;
    if (i < n && s[i] == '%') {
        p->percent = true;
        i++;
    } else if (n - i >= 3 && (unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBC &&
               (unsigned char)s[i + 2] == 0x85) { /* ％ */
        p->percent = true;
        i += 3;
    }
    i = jx_text_skip_spaces(s, i, n);
    size_t end = n;
    while (end > i && (s[end - 1] == ' ' || s[end - 1] == '\t'))
        end--;
    if (!value_fast_unit(s, i, end))
        return 0;
    p->unit = s + i;
    p->unit_len = end - i;
    return 1;
}

jx_value_status jx_value_unit_words(const char *unit, size_t *unit_len, bool *percent, jx_sign *sign)
{
    const char *word;
    if (*unit_len == 0)
        return JX_VALUE_OK;
    unsigned char last = (unsigned char)unit[*unit_len - 1];
    if (last != 0x94 && last != 0x8A && last != 0x85 && last != 0x8B && last != ' ' && last != '\t')
        /* no unit word ends so (比 上 内 下), and there are no blanks to drop */
        return value_not_quantity(unit, *unit_len) ? JX_VALUE_UNREADABLE : JX_VALUE_OK;
    jx_value_status st = value_unit_words_apply(unit, unit_len, percent, sign, &word);
    if (st != JX_VALUE_OK)
        return st;
    return value_not_quantity(unit, *unit_len) ? JX_VALUE_UNREADABLE : JX_VALUE_OK;
}

/* -------------------------------------------------------------- slow path */

/** NFKC of s[0..n) into the reader's scratch buffer; sets *out and *out_len. <0 on failure. */
static int value_nfkc(jx_value_reader *vr, const char *s, size_t n, const char **out, size_t *out_len)
{
    const utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE;
    utf8proc_ssize_t need = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, NULL, 0, opts);
    if (need < 0)
        return -1; /* invalid UTF-8 */
    if ((size_t)need + 1 > vr->nfkc_cap) {
        size_t cap = vr->nfkc_cap;
        if (jx_grow(vr->alloc, (void **)&vr->nfkc, &cap, (size_t)need + 1, sizeof *vr->nfkc) != 0)
            return -2;
        vr->nfkc_cap = cap;
    }
    utf8proc_ssize_t got = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, vr->nfkc,
                                              need, opts);
    if (got < 0 || got > need)
        return -1;
    utf8proc_ssize_t bytes = utf8proc_reencode(vr->nfkc, got, opts);
    if (bytes < 0)
        return -1;
    *out = (const char *)vr->nfkc;
    *out_len = (size_t)bytes;
    return 0;
}

/** The text of capture group g of the last match, setting *len; NULL when it did not take part. */
static const char *value_group(jx_value_reader *vr, const char *s, int rc, int g, size_t *len)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(vr->md);
    if (g >= rc || ov[2 * g] == PCRE2_UNSET) {
        *len = 0;
        return NULL;
    }
    *len = ov[2 * g + 1] - ov[2 * g];
    return s + ov[2 * g];
}

/**
 * Matches the normalised text t[0..tn) against value_forms[]; 1 with *p filled, 0 when
 * none fits, -1 when memory ran out.
 */
static int value_slow_match(jx_value_reader *vr, const char *t, size_t tn, value_parts *p)
{
    for (size_t k = 0; k < VALUE_FORM_COUNT; k++) {
        int rc = value_match(vr, vr->pat->forms[k], t, tn, 0);
        if (rc < 0)
            return -1;
        if (rc == 0)
            continue;
        size_t len;
        const char *g = value_group(vr, t, rc, 1, &len);
        p->sign = JX_SIGN_NONE;
        if (g) {
            size_t slen;
            /* the sign group holds exactly one spelling value_sign_at knows */
            p->sign = value_sign_at(g, 0, len, &slen);
        }
        p->num = value_group(vr, t, rc, 2, &p->num_len);
        p->product = value_forms[k].product;
        p->grouped = value_forms[k].grouped;
        p->spaced = value_forms[k].spaced;
        p->percent = value_group(vr, t, rc, 3, &len) != NULL;
        p->unit = value_group(vr, t, rc, 4, &p->unit_len);
        if (!p->unit)
            p->unit = "";
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------- read */

/** True when s[0..n) holds an ASCII digit or a full-width one (U+FF10..U+FF19). */
static bool value_has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9')
            return true;
        if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBC && (unsigned char)s[i + 2] >= 0x90 &&
            (unsigned char)s[i + 2] <= 0x99)
            return true;
    }
    return false;
}

/** True when s[0..n) starts (after spaces and a LaTeX '$') with a sign. */
static bool value_starts_with_sign(const char *s, size_t n)
{
    size_t i = jx_text_skip_spaces(s, 0, n), len;
    if (i < n && s[i] == '$')
        i = jx_text_skip_spaces(s, i + 1, n);
    return value_sign_at(s, i, n, &len) != JX_SIGN_NONE;
}

/**
 * Says why the value s[0..n) (NFKC form t[0..tn)) did not read. *words is set when
 * it is a qualitative text: no sign, and no digit outside dates and ordinals
 * ("提升", "2023年底前"). *detail names the reason: a date, a range, an estimate,
 * several numbers, or just 无法识别为数值. Returns JX_VALUE_UNREADABLE, or NOMEM.
 */
static jx_value_status value_explain(jx_value_reader *vr, jx_arena *ar, const char *s, size_t n, const char *t,
                                     size_t tn, const char **detail, bool *words)
{
    bool dates = false, digits = false;
    size_t off = 0;
    for (;;) {
        int rc = value_match(vr, vr->pat->date, t, tn, off);
        if (rc < 0)
            return JX_VALUE_NOMEM;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(vr->md);
        size_t end = rc > 0 ? ov[0] : tn;
        if (value_has_digit(t + off, end - off))
            digits = true;
        if (rc <= 0)
            break;
        dates = true;
        off = ov[1]; /* every date holds a digit, so a match is never empty */
    }
    const char *q = jx_diag_quote(ar, s, n);
    if (!q)
        return JX_VALUE_NOMEM;
    const char *why = "无法识别为数值";
    if (!digits) {
        *words = !value_starts_with_sign(t, tn);
        if (dates)
            why = "是日期或序数，不是数值";
    } else {
        for (size_t k = 0; k < VALUE_REFUSAL_COUNT; k++) {
            int rc = value_match(vr, vr->pat->refusals[k], t, tn, 0);
            if (rc < 0)
                return JX_VALUE_NOMEM;
            if (rc > 0) {
                why = value_refusals[k].detail;
                break;
            }
        }
    }
    *detail = jx_arena_printf(ar, "“%s”%s", q, why);
    return *detail ? JX_VALUE_UNREADABLE : JX_VALUE_NOMEM;
}

/**
 * jx_value_read, also saying through *words whether a text that did not read is a
 * qualitative one (see value_explain); *words is false whenever the status is not
 * JX_VALUE_UNREADABLE.
 */
static jx_value_status value_read(jx_value_reader *vr, jx_arena *ar, const char *s, size_t n, jx_value *out,
                                  const char **detail, bool *words)
{
    static const char empty[] = "";
    value_parts parts;
    bool explain = false;
    *detail = empty;
    *words = false;
    if (n > VALUE_MAX_BYTES) {
        *words = !value_has_digit(s, n) && !value_starts_with_sign(s, n);
        return value_unreadable(ar, s, n, detail);
    }

    jx_value_status st = value_check_sign(ar, s, n, detail);
    if (st != JX_VALUE_OK)
        return st;
    if (value_fast_scan(s, n, &parts)) {
        st = value_finish(ar, s, n, &parts, out, detail, &explain);
        if (!explain)
            return st;
    }

    vr->slow_count++;
    const char *t;
    size_t tn;
    int nr = value_nfkc(vr, s, n, &t, &tn);
    if (nr == -2)
        return JX_VALUE_NOMEM;
    if (nr < 0) {
        *detail = "数值中含有无效的 UTF-8 字节";
        return JX_VALUE_UNREADABLE;
    }
    if (!explain) {
        /* full-width spellings of bad signs ("＝＜") show up only now */
        st = value_check_sign(ar, t, tn, detail);
        if (st != JX_VALUE_OK)
            return st;
        int m = value_slow_match(vr, t, tn, &parts);
        if (m < 0)
            return JX_VALUE_NOMEM;
        if (m > 0) {
            st = value_finish(ar, s, n, &parts, out, detail, &explain);
            if (!explain)
                return st;
        }
    }
    return value_explain(vr, ar, s, n, t, tn, detail, words);
}

jx_value_status jx_value_read(jx_value_reader *vr, jx_arena *ar, const char *s, size_t n,
                              jx_value *out, const char **detail)
{
    bool words;
    return value_read(vr, ar, s, n, out, detail, &words);
}

/* ------------------------------------------------------------ comparing */

/* A time unit and its length in milliseconds (as written, NFKC). */
static const struct {
    const char *name;
    int64_t ms;
} value_time_units[] = {
    {"毫秒", 1},         {"ms", 1},           {"秒", 1000},          {"秒钟", 1000},
    {"s", 1000},         {"分钟", 60000},     {"min", 60000},        {"小时", 3600000},
    {"h", 3600000},      {"天", 86400000},    {"日", 86400000},      {"d", 86400000},
    {"周", 604800000},   {"星期", 604800000},
};

/* The length of a time unit in milliseconds, 0 when unit is not one. */
static int64_t value_time_unit_ms(jx_str unit)
{
    for (size_t i = 0; i < sizeof value_time_units / sizeof value_time_units[0]; i++)
        if (strcmp(unit.s, value_time_units[i].name) == 0)
            return value_time_units[i].ms;
    return 0;
}

/* jx_value_common_unit (value.h) has set *out for a's unit and tried the rest. */
bool jx_value_common_time_unit(const jx_value *a, const jx_value *b, jx_value_common *out)
{
    int64_t ams = a->percent ? 0 : value_time_unit_ms(a->unit);
    int64_t bms = b->percent ? 0 : value_time_unit_ms(b->unit);
    if (ams == 0 || bms == 0)
        return false;
    if (bms > ams) {
        out->kb = bms / ams; /* every length is a whole multiple of each shorter one */
        out->converted = 2;
    } else {
        out->ka = ams / bms;
        out->unit = b->unit.s;
        out->converted = 1;
    }
    return true;
}

/* The numbers' part of jx_value_fraction_of_percent (value.h): a above 1, 0 < b ≤ 1. */
bool jx_value_fraction_of_percent_num(const jx_value *a, const jx_value *b)
{
    return jx_dec_cmp(a->num, jx_dec_from_int(1)) > 0 && jx_dec_cmp(b->num, jx_dec_from_int(0)) > 0 &&
           jx_dec_cmp(b->num, jx_dec_from_int(1)) <= 0;
}

/* ------------------------------------------------------------ classifying */

/** The length of the UTF-8 character at s[i..n) when it is one of the NUL-terminated list, else 0. */
static size_t value_char_in(const char *s, size_t i, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (value_starts(s, i, n, *list))
            return strlen(*list);
    return 0;
}

/** Trims the blanks (JX_TEXT_BLANKS) from both ends of *s[0..*n). */
static void value_trim(const char **s, size_t *n)
{
    jx_text_span t = jx_text_trim(*s, *n, JX_TEXT_BLANKS);
    *s = t.s;
    *n = t.n;
}

/*
 * Cells that hold no value: nothing, a sign alone ("=", "≥", "$\geq$": a table that
 * put the number in the next column), or dashes and slashes ("-", "/", "——": the
 * 前年 / 上年 columns of a new project).
 */
static bool value_blank(const char *s, size_t n)
{
    static const char *const marks[] = {"-", "/", "－", "／", "—", "–", "―", NULL};
    size_t i = 0, len;
    while (i < n && ((len = value_char_in(s, i, n, marks)) > 0 ||
                     (len = jx_text_blank_at(s + i, n - i, JX_TEXT_BLANKS)) > 0))
        i += len;
    if (i == n)
        return true; /* nothing, or only dashes, slashes and blanks */
    i = 0;
    bool dollar = s[0] == '$';
    if (dollar)
        i = jx_text_skip_spaces(s, 1, n);
    value_sign_at(s, i, n, &len);
    i = jx_text_skip_spaces(s, i + len, n);
    if (dollar && i < n && s[i] == '$')
        i = jx_text_skip_spaces(s, i + 1, n);
    return i == n && (len > 0 || dollar);
}

/*
 * Characters that make a text words and nothing else: CJK ideographs (U+4E00–U+9FFF),
 * ASCII letters, blanks (JX_TEXT_BLANKS), and the punctuation of Chinese prose. A text
 * made only of them holds no digit and no sign even after NFKC, so it is classified
 * without the slow path.
 */
static bool value_plain_words(const char *s, size_t n)
{
    static const char *const punct[] = {"、", "，", "。", "；", "：", "“", "”", "（", "）", "《", "》", NULL};
    size_t i = 0, len;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            i++;
        } else if ((len = jx_text_blank_at(s + i, n - i, JX_TEXT_BLANKS)) > 0) {
            i += len;
        } else if (c >= 0xE4 && c <= 0xE9 && n - i >= 3 && jx_text_cont2((const unsigned char *)s + i + 1) &&
                   !(c == 0xE4 && (unsigned char)s[i + 1] < 0xB8)) {
            i += 3; /* U+4E00..U+9FFF */
        } else if ((len = value_char_in(s, i, n, punct)) > 0) {
            i += len;
        } else {
            return false;
        }
    }
    return true;
}

/** jx_value_classify over the trimmed s[0..n). */
static jx_value_kind value_classify(jx_value_reader *vr, jx_arena *ar, const char *s, size_t n, jx_value *out,
                                    const char **detail)
{
    *detail = "";
    if (value_blank(s, n))
        return JX_VALUE_KIND_EMPTY;
    if (value_plain_words(s, n))
        return JX_VALUE_KIND_TEXT;
    bool words;
    jx_value_status st = value_read(vr, ar, s, n, out, detail, &words);
    if (st == JX_VALUE_OK)
        return JX_VALUE_KIND_NUMBER;
    if (st == JX_VALUE_NOMEM)
        return JX_VALUE_KIND_NOMEM;
    return words ? JX_VALUE_KIND_TEXT : JX_VALUE_KIND_UNREADABLE;
}

jx_value_kind jx_value_classify(jx_value_reader *vr, jx_arena *ar, const char *s, size_t n,
                                jx_value *out, const char **detail)
{
    value_trim(&s, &n);
    return value_classify(vr, ar, s, n, out, detail);
}

/** True when the unit cell u[0..n) says the value is qualitative: 定性指标, 定性. */
static bool value_unit_qualitative(const char *u, size_t n)
{
    return (n == strlen("定性") && memcmp(u, "定性", n) == 0) ||
           (n == strlen("定性指标") && memcmp(u, "定性指标", n) == 0);
}

/** True when the unit cell u[0..n) (brackets dropped) is only a percent sign. */
static bool value_unit_percent(const char *u, size_t n)
{
    return (n == 1 && u[0] == '%') || (n == strlen("％") && memcmp(u, "％", n) == 0);
}

/**
 * The text to keep for a qualitative value: the value cell, followed by the unit
 * cell unless that is empty, a percent sign (a form's default beside a word) or the
 * word 定性指标. NULL when memory ran out.
 */
static const char *value_text(jx_arena *ar, const char *v, size_t vn, const char *u, size_t un)
{
    if (un == 0 || value_unit_percent(u, un) || value_unit_qualitative(u, un))
        un = 0;
    return jx_arena_printf(ar, "%.*s%.*s", (int)vn, v, (int)un, u);
}

jx_value_kind jx_value_classify_cells(jx_value_reader *vr, jx_arena *ar, const char *sign,
                                      const char *value, const char *unit, jx_value *out,
                                      const char **text, const char **detail)
{
    size_t sn = strlen(sign), vn = strlen(value), un = strlen(unit);
    value_trim(&sign, &sn);
    value_trim(&value, &vn);
    value_trim(&unit, &un);
    *text = NULL;
    *detail = "";
    /* the unit column's brackets: "(%)", "（个）" */
    if (un >= 2 && unit[0] == '(' && unit[un - 1] == ')') {
        unit++;
        un -= 2;
    } else if (un >= 6 && value_starts(unit, 0, un, "（") && value_starts(unit, un - 3, un, "）")) {
        unit += 3;
        un -= 6;
    }
    if (vn == 0 || value_blank(value, vn))
        return JX_VALUE_KIND_EMPTY; /* "=" with nothing after it, "定性" with no text */
    if ((sn == strlen("定性") && memcmp(sign, "定性", sn) == 0) || value_unit_qualitative(unit, un)) {
        *text = value_text(ar, value, vn, unit, un);
        return *text ? JX_VALUE_KIND_TEXT : JX_VALUE_KIND_NOMEM;
    }
    /* a sign written in both cells once: "≥" and "≥90" */
    size_t cell_len, value_len;
    jx_sign cell_sign = value_sign_at(sign, 0, sn, &cell_len);
    if (cell_len == sn && cell_sign != JX_SIGN_NONE &&
        value_sign_at(value, 0, vn, &value_len) == cell_sign)
        sn = 0;
    bool repeated = un > 0 && vn >= un && memcmp(value + vn - un, unit, un) == 0;
    const char *joined = jx_arena_printf(ar, "%.*s%.*s%.*s", (int)sn, sign, (int)vn, value,
                                         repeated ? 0 : (int)un, unit);
    if (!joined)
        return JX_VALUE_KIND_NOMEM;
    jx_value_kind k = value_classify(vr, ar, joined, strlen(joined), out, detail);
    if (k == JX_VALUE_KIND_TEXT)
        *text = value_text(ar, value, vn, unit, un);
    else if (k == JX_VALUE_KIND_UNREADABLE)
        *text = joined;
    if ((k == JX_VALUE_KIND_TEXT || k == JX_VALUE_KIND_UNREADABLE) && !*text)
        return JX_VALUE_KIND_NOMEM;
    return k;
}
