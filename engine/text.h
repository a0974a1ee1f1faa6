/* SPDX-License-Identifier: MIT */
/* text.h — the text rules the whole library shares, each defined once: what a blank
 * is, what valid UTF-8 is and how bytes that are not are mended, and how a text is
 * escaped in a JSON string, in HTML and in a string of the rule language.
 *
 * A layer below everything else: it includes nothing of the project, and every other
 * file that needs one of these rules calls it here instead of keeping its own. The
 * small functions the tokenizer and the table readers call for every byte are inline
 * below; the rest are in text.c.
 */
#ifndef JX_TEXT_H
#define JX_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/** A piece of text: s[0..n), not NUL-terminated. */
typedef struct jx_text_span {
    const char *s; /* bytes, not NUL-terminated; NULL when not set */
    size_t n;      /* length */
} jx_text_span;

/* ------------------------------------------------------------------ blanks */

/*
 * The blank characters, one set: the ASCII blanks space, tab, LF, VT, FF and CR, and the
 * Unicode spaces NFKC reads as a space — U+00A0 (no-break space), U+2000..U+200A (en
 * quad … hair space), U+202F (narrow no-break space), U+205F (medium mathematical
 * space) and U+3000 (ideographic space). That is every blank the readers of tables and
 * cells took, and what the value reader already read as a space through NFKC: the
 * spaces Excel, WPS and Word put in a cell besides the space bar. U+FEFF, U+200B and
 * the other invisible format characters are no blanks: NFKC keeps them.
 *
 * Each function takes which blanks its caller means, one of:
 */

/** Every blank of the set. */
#define JX_TEXT_BLANKS 0u

/**
 * The blanks but a line break (LF, or CR before LF): for text whose lines matter, as
 * the line breaks inside a table cell do. A lone CR is a blank.
 */
#define JX_TEXT_NO_BREAK 1u

/**
 * The blanks of the rule language (docs/dsl.md): space, tab, a lone CR and U+3000.
 * Narrower for three reasons: its lines matter (no line break); VT and FF are control
 * characters, which it reports as errors; and the other Unicode spaces are characters of
 * a word, as the lexer, the parser's line scanner and the streaming reader's framing all
 * read them (each classifies bytes by tables built on these four), so a rule file reads
 * the same through every one of them.
 */
#define JX_TEXT_DSL 3u

/** Bit of JX_TEXT_DSL: of the blanks, only space, tab, CR and U+3000. */
#define JX_TEXT_ONLY_DSL_ 2u

/**
 * Bytes of the blank (of the kind `how`) at s[0..n), 0 when s does not start with one
 * (n may be 0). A blank cut short at n is none.
 */
static inline size_t jx_text_blank_at(const char *s, size_t n, unsigned how)
{
    if (n == 0)
        return 0;
    const unsigned char *u = (const unsigned char *)s;
    switch (u[0]) {
    case ' ':
    case '\t':
        return 1;
    case '\n':
        return (how & JX_TEXT_NO_BREAK) ? 0 : 1;
    case '\r':
        return (how & JX_TEXT_NO_BREAK) && n >= 2 && u[1] == '\n' ? 0 : 1;
    case '\v':
    case '\f':
        return (how & JX_TEXT_ONLY_DSL_) ? 0 : 1;
    case 0xE3:
        return n >= 3 && u[1] == 0x80 && u[2] == 0x80 ? 3 : 0;
    case 0xC2:
        return !(how & JX_TEXT_ONLY_DSL_) && n >= 2 && u[1] == 0xA0 ? 2 : 0;
    case 0xE2:
        if ((how & JX_TEXT_ONLY_DSL_) || n < 3)
            return 0;
        if (u[1] == 0x80)
            return (u[2] >= 0x80 && u[2] <= 0x8A) || u[2] == 0xAF ? 3 : 0;
        return u[1] == 0x81 && u[2] == 0x9F ? 3 : 0;
    default:
        return 0;
    }
}

/** Bytes of the blank (of the kind `how`) that ends s[0..n), 0 when none. Inline: the
 * end of every name trimmed is asked, and is nearly always no blank. */
static inline size_t jx_text_blank_before(const char *s, size_t n, unsigned how)
{
    /* A blank is one ASCII byte, or C2 A0, or three bytes led by E2 or E3. The byte a
     * blank of w bytes would start with is ASCII, C2, or E2/E3 — never a continuation
     * byte — so at most one w can match, and the match is a whole character. */
    const unsigned char *u = (const unsigned char *)s;
    if (n > 0) { /* the usual end, a letter or a CJK character, is none of them */
        unsigned char c = u[n - 1];
        if ((c > ' ' && c < 0x80) || c >= 0xC0 ||
            (c >= 0x80 && c != 0xA0 && (n < 3 || (u[n - 3] != 0xE2 && u[n - 3] != 0xE3))))
            return 0;
    }
    for (size_t w = 1; w <= 3 && w <= n; w++)
        if (jx_text_blank_at(s + n - w, w, how) == w)
            return w;
    return 0;
}

/** True when s[0..n) surely neither starts nor ends with a blank of any kind, told for the
 * usual name of CJK characters by three bytes: a first byte above E3 leads no blank, and
 * no blank ends in a continuation byte other than A0 three bytes after a lead above E3
 * (see jx_text_blank_before). False tells nothing: jx_text_blank_at and _before decide. */
static inline bool jx_text_unblanked_ends(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    return n >= 3 && u[0] > 0xE3 && u[n - 1] >= 0x80 && u[n - 1] != 0xA0 && u[n - 3] > 0xE3;
}

/**
 * True when a[0..n) and b[0..n) are the same bytes. Inline, without a call to memcmp, for
 * the short texts compared most (a unit, a keyword on a line): up to 16 bytes by two
 * overlapping loads from each end (never past either; with n known when compiled, one
 * branch), longer ones by memcmp.
 */
static inline bool jx_text_same(const char *a, const char *b, size_t n)
{
    if (n >= 8) {
        if (n > 16)
            return memcmp(a, b, n) == 0;
        uint64_t a0, a1, b0, b1;
        memcpy(&a0, a, 8);
        memcpy(&a1, a + n - 8, 8);
        memcpy(&b0, b, 8);
        memcpy(&b1, b + n - 8, 8);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    if (n >= 4) {
        uint32_t a0, a1, b0, b1;
        memcpy(&a0, a, 4);
        memcpy(&a1, a + n - 4, 4);
        memcpy(&b0, b, 4);
        memcpy(&b1, b + n - 4, 4);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    return n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
}

/** Bytes of the run of blanks (of the kind `how`) at the start of s[0..n). */
static inline size_t jx_text_blank_run(const char *s, size_t n, unsigned how)
{
    size_t i = 0, k;
    while (i < n && (k = jx_text_blank_at(s + i, n - i, how)) != 0)
        i += k;
    return i;
}

/**
 * s[0..n) without the blanks (of the kind `how`) at either end; points into s.
 * Invariant: the result neither starts nor ends with such a blank, and cuts no character.
 */
jx_text_span jx_text_trim(const char *s, size_t n, unsigned how);

/** True when s[0..n) holds nothing but blanks (of the kind `how`); true for n == 0. */
bool jx_text_is_blank(const char *s, size_t n, unsigned how);

/**
 * The offset of the first byte of s[i..n) that is not an ASCII space or tab, or n: the
 * commonest blanks (indentation) skipped sixteen spaces a step where SSE2 is there. A
 * first step only: a caller that takes the other blanks reads on with jx_text_blank_at.
 */
static inline size_t jx_text_skip_spaces(const char *s, size_t i, size_t n)
{
#if defined(__SSE2__)
    const __m128i sp = _mm_set1_epi8(' ');
    while (n - i >= 16) {
        unsigned mask = (unsigned)_mm_movemask_epi8(
            _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i)), sp));
        if (mask != 0xFFFF) {
            i += (size_t)__builtin_ctz(~mask);
            break;
        }
        i += 16;
    }
#endif
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

/* ------------------------------------------------------------------- UTF-8 */

/*
 * Valid UTF-8 is the Unicode standard's (table 3-7): a lead byte C2..F4 and as many
 * continuation bytes (80..BF) as it says, with no overlong form (E0 80..9F, F0 80..8F),
 * no surrogate (ED A0..BF) and nothing past U+10FFFF (F4 90..). Every byte that does not
 * start such a sequence is one invalid byte: a stray continuation byte, C0, C1, F5..FF,
 * and the lead of a sequence that is cut short or broken, alone (the bytes after it are
 * read afresh). Wherever text is shown or written, an invalid byte stands as one U+FFFD.
 */

/** The replacement character U+FFFD in UTF-8. */
#define JX_TEXT_FFFD "\xEF\xBF\xBD"

/** True when s[0] and s[1] are both continuation bytes (10xxxxxx), tested together. */
static inline bool jx_text_cont2(const unsigned char *s)
{
    uint16_t two;
    memcpy(&two, s, 2);
    return (two & 0xC0C0) == 0x8080;
}

/**
 * Length of the valid UTF-8 sequence at s[0..n) (n > 0), 0 when s[0] starts none.
 * The common characters (ASCII, and the 3-byte ones led by E1..EC, EE or EF — CJK and
 * the full-width forms — which can be neither overlong nor surrogates) are decided
 * first.
 */
static inline size_t jx_text_utf8_len(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && n >= 3)
        return jx_text_cont2(s + 1) ? 3 : 0;
    if (c < 0xC2 || c > 0xF4)
        return 0;
    size_t k = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (n < k)
        return 0;
    for (size_t i = 1; i < k; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if (c == 0xE0 && s[1] < 0xA0)
        return 0; /* overlong */
    if (c == 0xED && s[1] > 0x9F)
        return 0; /* surrogate */
    if (c == 0xF0 && s[1] < 0x90)
        return 0; /* overlong */
    if (c == 0xF4 && s[1] > 0x8F)
        return 0; /* beyond U+10FFFF */
    return k;
}

/**
 * Decodes the character at s[0..n): stores its code point, or -1 for an invalid byte,
 * and returns the bytes it takes (1 for an invalid byte; 0, with -1, only when n is 0).
 */
size_t jx_text_utf8_decode(const char *s, size_t n, int32_t *cp);

/** Writes code point cp (at most U+10FFFF, no surrogate) as UTF-8 into out[4]; returns its length. */
size_t jx_text_utf8_put(char *out, uint32_t cp);

/** Characters in s[0..n): valid sequences, each invalid byte counting as one. */
uint32_t jx_text_utf8_count(const char *s, size_t n);

/** What a scan of bytes as UTF-8 found. */
typedef struct jx_text_scan {
    size_t first_bad;  /* offset of the first invalid byte, or n when there is none */
    size_t multibyte;  /* valid sequences of two or more bytes */
    size_t bad;        /* invalid bytes */
} jx_text_scan;

/** Scans s[0..n) as UTF-8: thirty-two bytes a step where the CPU has AVX2, sixteen where
 * it has SSSE3 (text.c). */
jx_text_scan jx_text_utf8_scan(const char *s, size_t n);

/** The same at most step bytes a step (32, 16; 0 for the plain path), so that each width
 * can be checked on a CPU that has the widest: the CPU's widest when it lacks step. */
jx_text_scan jx_text_utf8_scan_step(const char *s, size_t n, unsigned step);

/** The same a character at a time: what the fast path is checked against. */
jx_text_scan jx_text_utf8_scan_plain(const char *s, size_t n);

/** True when s[0..n) is valid UTF-8 (jx_text_utf8_scan(s, n).bad is 0), found without
 * counting anything: for a caller that asks no more. */
bool jx_text_utf8_valid(const char *s, size_t n);

/** The same at most step bytes a step, as jx_text_utf8_scan_step. */
bool jx_text_utf8_valid_step(const char *s, size_t n, unsigned step);

/**
 * Copies s[0..n) into out (room for 3n bytes) with every invalid byte replaced by
 * U+FFFD; returns the bytes written. For each run of invalid bytes on_bad (when not
 * NULL) gets the offset in out of the run's first U+FFFD, the run's length in bytes and
 * its first byte. Invariant: the output is valid UTF-8, one U+FFFD for each invalid
 * byte (jx_text_utf8_scan finds no bad byte in it), and valid text is copied unchanged.
 */
size_t jx_text_utf8_mend(const char *s, size_t n, char *out,
                         void (*on_bad)(void *ud, size_t out_off, size_t nbytes, unsigned char first), void *ud);

/* ---------------------------------------------------------------- escaping */

/*
 * Escaping for JSON, for HTML and for a string of the rule language, in two steps so
 * that a writer copies the bytes that need nothing in runs: jx_text_X_plain says how many bytes from s go out as they are,
 * then jx_text_X_escape gives what stands for the bytes where the run stopped. The one
 * loop over the two steps is the report layer's jx_out_escaped; an escaper is the pair,
 * jx_text_json_escaper or jx_text_html_escaper.
 *
 * Invariant: what the loop writes for JSON is valid UTF-8 with no '"', '\\' or
 * U+0000..U+001F left unescaped, so between quotes it is a JSON string whatever s held;
 * for HTML (of valid UTF-8 s) it holds no & < > " ' and no control character HTML forbids.
 */

/** Bytes the longest escape takes. */
#define JX_TEXT_ESCAPE_MAX 6

/**
 * Bytes at the start of s[0..n) that go into a JSON string as they are: valid UTF-8
 * other than '"', '\\' and the control characters U+0000..U+001F (DEL and the C1
 * controls are written as they are: JSON allows them).
 */
size_t jx_text_json_plain(const char *s, size_t n);

/**
 * The escape of the byte at s[0..n) (n > 0) where jx_text_json_plain stopped, into
 * out; returns its length and sets *used to the bytes it stands for (always 1): \" \\ \b
 * \f \n \r \t, \u00XX (lower-case hex) for the other control characters, and \ufffd for
 * an invalid byte. A byte that needs no escape is given back as it is.
 */
size_t jx_text_json_escape(const char *s, size_t n, char out[JX_TEXT_ESCAPE_MAX], size_t *used);

/**
 * Bytes at the start of s[0..n) that go into HTML text (or a quoted attribute) as they
 * are: all but & < > " ', and the control characters HTML does not allow — U+0000..U+001F
 * other than tab, LF and CR, DEL, and the C1 controls U+0080..U+009F. s is valid UTF-8
 * (every text is checked where it enters: the rule reader, the table readers), so
 * nothing else is decoded.
 */
size_t jx_text_html_plain(const char *s, size_t n);

/**
 * The escape of the character at s[0..n) (n > 0) where jx_text_html_plain stopped,
 * into out; returns its length and sets *used to the bytes it stands for: &amp; &lt;
 * &gt; &quot; &#39;, and U+FFFD for a control character (2 bytes for a C1 control). A
 * byte that needs no escape is given back as it is.
 */
size_t jx_text_html_escape(const char *s, size_t n, char out[JX_TEXT_ESCAPE_MAX], size_t *used);

/**
 * Bytes at the start of s[0..n) that go into a "string" of the rule language
 * (docs/dsl.md) as they are: all but '"', '\\', LF and CR. The strings of the rule text
 * the library writes (the importer's, `score --format jx`) are escaped so, and the
 * parser reads back exactly the bytes escaped (string_value_at, parser.c).
 */
size_t jx_text_dsl_plain(const char *s, size_t n);

/**
 * The escape of the byte at s[0..n) (n > 0) where jx_text_dsl_plain stopped, into out;
 * returns its length and sets *used to 1: \" \\ \n \r. A byte that needs no escape is
 * given back as it is. Other control characters are given back as they are: the rule
 * language has no escape for them, and the parser refuses them with an error.
 */
size_t jx_text_dsl_escape(const char *s, size_t n, char out[JX_TEXT_ESCAPE_MAX], size_t *used);

/** An escaper: its two steps, as above. */
typedef struct jx_text_escaper {
    size_t (*plain)(const char *s, size_t n);
    size_t (*escape)(const char *s, size_t n, char out[JX_TEXT_ESCAPE_MAX], size_t *used);
} jx_text_escaper;

extern const jx_text_escaper jx_text_json_escaper, jx_text_html_escaper, jx_text_dsl_escaper;

#endif
