/* SPDX-License-Identifier: MIT */
/* parser.c — recursive-descent parser of the rule DSL (after Lua's lparser.c).
 *
 * The parser pulls tokens from the stateless lexer (lexer.c) over one item of text
 * held in memory: a project the reader hands it (framed, or with its end found while
 * parsing: see "framing"), or a 评分办法 block. It tracks the current line number and
 * the offset of the current line's start as it passes NEWLINE tokens, so a position
 * costs nothing until a diagnostic needs it. Nothing is allocated per token; strings
 * go into the project's (or policy's) arena. Ordinary lines — indicators, group
 * heads, project statements — are read by byte scanners instead of tokens, to the same
 * result (see "ordinary indicator lines").
 *
 * Every error is reported, not only the first: a bad statement or indicator is
 * skipped to the end of its line and parsing goes on.
 *
 * Policy block keywords and their ASCII aliases:
 *   评分办法 policy        等级 bands            反向 reverse
 *   线性 linear            比例 ratio            定性 qualitative
 *   定性区间 qualitative_bands                   超额提示 over_target
 *   预算执行率 execution_rate                     不单列 inline
 *   单列 separate          分 points             封顶 cap
 *   不适用 not_applicable  剔除 drop             按比例折算 rescale
 *   小数 decimals          达成 met  部分达成 partly  未达成 unmet
 *   优 excellent  良 good  中 fair            一级分值 level1_points
 *   执行偏差 execution_gap
 */
#include "parser.h"

#include "alloc.h"
#include "frame.h"
#include "lexer.h"

#include <assert.h>
#include <endian.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Sets n bytes at p to zero: sixteen bytes a store where SSE2 is there (memset of a
 * few hundred bytes becomes "rep stos", slow to start; the empty asm keeps the
 * compiler from turning the loop back into it), the rest by memset. n is known when
 * compiled (ZERO), so the loop is unrolled whole: a line's indicator (544 bytes) is
 * 34 stores, not 17 turns of a loop. */
static inline void zero_bytes(void *p, size_t n)
{
    char *c = (char *)p;
    size_t k = 0;
#if defined(__SSE2__)
#if defined(__GNUC__) && !defined(__clang__) /* gcc: clang fails its pragma at -O1 (the fuzzers) */
#pragma GCC unroll 64
#endif
    for (; k + 32 <= n; k += 32) {
        _mm_storeu_si128((__m128i *)(void *)(c + k), _mm_setzero_si128());
        _mm_storeu_si128((__m128i *)(void *)(c + k + 16), _mm_setzero_si128());
#if defined(__GNUC__)
        __asm__("" : "+r"(c));
#endif
    }
#endif
    if (k < n)
        memset(c + k, 0, n - k);
}

/* Sets *obj to all zero bytes. */
#define ZERO(obj) zero_bytes((obj), sizeof *(obj))

/* For the byte scanners of the fast paths: inlined, so their state stays in registers.
 * Also for the line paths of groups and statements (line_group, line_stmt, line_close_at,
 * group2_body), once or twice each: a call for every line cost more than the copies. */
#define LS_INLINE static inline __attribute__((always_inline))

/*
 * The last search for a byte: the first one at or after `from` is at next - 1, or there was
 * none before the end (next - 1 >= end); next 0 when nothing was searched. Asked again from
 * anywhere in [from, next), the answer is the same, so a line of many indicators is
 * searched once, not once for each (the end only ever moves back).
 */
typedef struct find_cache {
    uint32_t from;
    uint32_t next;
} find_cache;

/* The state of one parse: the text, the current token and where diagnostics go. */
typedef struct parser {
    const char *text;      /* the item text; offsets are relative to it */
    size_t end;            /* parsing stops here */
    size_t avail;          /* bytes readable from text (for looking past end) */
    jx_source src;         /* the text as diagnostics quote it */
    jx_diags *diags;       /* where diagnostics go */
    jx_arena *arena;       /* where strings go */
    jx_project *p;         /* the project being filled, or NULL for a policy */
    jx_value_reader *vr;   /* reads values (NULL for a policy) */
    const jx_keyword_index *kwix; /* the keyword index, or NULL to use jx_keyword_lookup */
    bool utf8;             /* text[0..avail) is valid UTF-8 (jx_item_text.utf8) */
    jx_token_kind tk;      /* kind of the current token */
    jx_keyword kw;         /* its keyword when it is a WORD, else JX_KW_NONE */
    uint32_t off;          /* offset of the current token */
    uint32_t len;          /* its length in bytes */
    uint32_t line;         /* file line of the current token */
    uint32_t line_start;   /* offset of the start of that line */
    uint32_t prev_end;     /* end offset of the previous non-blank token */
    uint32_t prev_line;    /* its line */
    uint32_t prev_line_start; /* its line's start */
    uint32_t bad_byte_end; /* end of the last invalid byte reported (values spanning it stay quiet) */
    uint32_t col_off;      /* an offset on the current line whose column is known… */
    uint32_t col;          /* …and that column, so columns are counted once per line */
    uint32_t span_len;     /* bytes of the span last asked for at col_off (0: none)… */
    uint32_t span_chars;   /* …its characters… */
    int span_bad;          /* …and whether they were counted with a bad byte on the line */
    find_cache nl;         /* the next '\n', for ls_start and looks_like_group */
    uint32_t lines_end;    /* just past the last '\n' of text[0..end), so a line starting before it
                              has its '\n' before end, and end <= JX_LIMIT_LINE, so no line
                              is too long; 0 when either is not known (see ls_start_fresh) */
    find_cache brace;      /* the next '{', for looks_like_group */
    int framing;           /* the item's end is not known: it is found as the reader's framer finds
                              it, while parsing (jx_parse_project_framing) */
    int fdepth;            /* framing: the framer's depth of braces so far */
    int fended;            /* framing: the item's end was found; end is set to it */
    int fcounting;         /* framing and !fended: braces and line starts are counted as the
                              framer counts them (one flag, tested at every brace) */
    int fbail;             /* framing: met a '#', which the framer may read otherwise than the lexer */
    uint32_t fend_line;    /* framing: the line at the item's end… */
    uint32_t fend_lstart;  /* …and the offset of its start */
    int brace_left;        /* line_group left a level-2 group's '{' as the current token, an
                              indicator following it on its line (see group2_body) */
    uint32_t long_line;    /* the last line reported longer than JX_LIMIT_LINE (0: none) */
    int many_inds;         /* more than JX_LIMIT_INDICATORS indicators were reported */
    int quiet;             /* while looking ahead: report nothing */
    int unclosed;          /* a missing '}' was reported (the enclosing ones are not) */
    int nomem;             /* memory ran out */
} parser;

/* ------------------------------------------------------------- diagnostics */

/* Adds a diagnostic at pos (unless looking ahead). */
static void __attribute__((format(printf, 5, 6)))
report(parser *ps, jx_severity sev, const char *code, jx_pos pos, const char *fmt, ...)
{
    if (ps->quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    if (!jx_diags_vadd(ps->diags, ps->arena, sev, code, &ps->src, pos, fmt, ap))
        ps->nomem = 1;
    va_end(ap);
}

/* s[0..n) for a message: cut after JX_DIAG_QUOTE_COLS columns with "…" (jx_diag_quote), so
 * a message stays short however long the text it names. */
static const char *span_quote(parser *ps, const char *s, size_t n)
{
    const char *q = jx_diag_quote(ps->arena, s, n);
    if (!q) {
        ps->nomem = 1;
        return "";
    }
    return q;
}

/* The current token for a message (see span_quote). */
static const char *tok_quote(parser *ps)
{
    return span_quote(ps, ps->text + ps->off, ps->len);
}

/*
 * Characters in s[0..n): bytes that do not continue a UTF-8 sequence. The same count
 * as jx_text_utf8_count for valid text; a line with a bad byte uses jx_text_utf8_count instead.
 */
static uint32_t char_count(const parser *ps, const char *s, size_t n)
{
    if (ps->bad_byte_end > ps->line_start)
        return jx_text_utf8_count(s, n);
    /* Eight bytes at a time: a continuation byte is 10xxxxxx, so its bit 7 is set and
     * its bit 6 (moved to bit 7 by the shift) is clear; the flags are then added up
     * byte-wise by one multiplication. */
    const uint64_t high = 0x8080808080808080u, ones = 0x0101010101010101u;
    size_t i = 0, cont = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        cont += (((x & ~(x << 1) & high) >> 7) * ones) >> 56;
    }
    if (i + 4 <= n) { /* the same on four bytes */
        uint32_t x;
        memcpy(&x, s + i, 4);
        cont += (((x & ~(x << 1) & 0x80808080u) >> 7) * 0x01010101u) >> 24;
        i += 4;
    }
    for (; i < n; i++)
        cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return (uint32_t)(n - cont);
}

/*
 * The position of text[off .. off+len) on the current line. Positions are asked for
 * left to right, so the column is counted on from the last one asked (as jx_pos_at
 * would count it from the line start), and the characters of that one's span, counted
 * for its width, are not counted again (unless a bad byte found since changed how
 * characters are counted on this line). ascii: the span is ASCII, its width its length.
 */
static jx_pos pos_span(parser *ps, uint32_t off, uint32_t len, bool ascii)
{
    int bad = ps->bad_byte_end > ps->line_start;
    if (ps->col_off < ps->line_start || off < ps->col_off) {
        ps->col_off = ps->line_start;
        ps->col = 1;
        ps->span_len = 0;
    } else if (ps->span_len && off - ps->col_off >= ps->span_len && bad == ps->span_bad) {
        ps->col += ps->span_chars;
        ps->col_off += ps->span_len;
    }
    if (off != ps->col_off) /* most often asked where the column is known */
        ps->col += char_count(ps, ps->text + ps->col_off, off - ps->col_off);
    ps->col_off = off;
    jx_pos p;
    p.off = off;
    p.line = ps->line;
    p.col = ps->col;
    p.width = !len ? 1 : ascii ? len : char_count(ps, ps->text + off, len);
    ps->span_len = len;
    ps->span_chars = p.width;
    ps->span_bad = bad;
    if (p.width == 0)
        p.width = 1;
    return p;
}

/* The position of text[off .. off+len) (see pos_span). */
static jx_pos pos_at(parser *ps, uint32_t off, uint32_t len)
{
    return pos_span(ps, off, len, false);
}

/* The position of the current token; a number's width is its length (ASCII only). */
static jx_pos tok_pos(parser *ps)
{
    return pos_span(ps, ps->off, ps->len, ps->tk == JX_TK_NUMBER);
}

/* find_byte searching, the answer then kept in fc: for a caller that knows fc holds no
 * answer for from, or that it would be the same (see ls_start_name). */
LS_INLINE size_t find_byte_new(parser *ps, find_cache *fc, char c, uint32_t from)
{
    size_t at;
    if (c == '\n') {
        at = jx_find_newline(ps->text, from, ps->end);
    } else {
        const char *p = memchr(ps->text + from, c, ps->end - from);
        at = p ? (size_t)(p - ps->text) : ps->end;
    }
    fc->from = from;
    fc->next = (uint32_t)at + 1;
    return at;
}

/* The offset of the first byte c at or after from, or ps->end or more when there is none
 * before ps->end; through fc (see find_cache). */
LS_INLINE size_t find_byte(parser *ps, find_cache *fc, char c, uint32_t from)
{
    if (fc->next && from >= fc->from && from < fc->next)
        return fc->next - 1;
    return find_byte_new(ps, fc, c, from);
}

/*
 * Sets ps->lines_end for text[0..end): just past its last '\n', looked for among its last
 * 256 bytes only (where the reader's item ends, after whole lines or a '}'), so a long
 * last line costs no search for every item; 0 when there is none there, or end is past
 * JX_LIMIT_LINE (a line might then be too long).
 */
static void lines_end_set(parser *ps)
{
    size_t end = ps->end, stop = end < 256 ? 0 : end - 256, k = end;
    while (k > stop && ps->text[k - 1] != '\n') /* most often none: end follows a '\n' */
        k--;
    ps->lines_end = k > stop && end <= JX_LIMIT_LINE ? (uint32_t)k : 0;
}

/* ----------------------------------------------------------------- framing */

/*
 * Parsing an item whose end is not known yet (jx_parse_project_framing), the parser
 * finds that end the way the reader's framer does, from the tokens and lines it goes
 * through: after the '}' that brings the depth of braces back to 0, or at the start of
 * a line whose first word is 项目. The end is then set there, so what follows is what
 * the parser would have met on the framed item. A '#' anywhere outside a string stops
 * this (fbail) where the framer may read it otherwise than the lexer — inside a word, or
 * a comment after a byte the framer does not look past (framer_reads_comment) — and the
 * item is framed first.
 */

/* Ends the item at offset end, on line fend_line starting at lstart. */
static void frame_ends(parser *ps, uint32_t end, uint32_t lstart)
{
    ps->fended = 1;
    ps->fcounting = 0;
    ps->end = end;
    ps->lines_end = 0; /* not known below the new end: each line's '\n' is searched for */
    ps->fend_line = ps->line;
    ps->fend_lstart = lstart;
}

/* Counts the brace token at off (kind tk) as the framer does. */
static inline void frame_brace(parser *ps, jx_token_kind tk, uint32_t off)
{
    if (!ps->fcounting)
        return;
    if (tk == JX_TK_LBRACE)
        ps->fdepth++;
    else if (--ps->fdepth <= 0)
        frame_ends(ps, off + 1, ps->line_start);
}

/*
 * True when the reader's framer (jx_frame_item, frame.c) reads the comment token the
 * lexer starts at off as a comment too, to the same newline: the framer takes a '#' for
 * one only at a line start or after the bytes jx_frame_comment_after names. After anything
 * else — a digit, a sign character, ％ — it reads on through the line and may count a
 * brace or a quote the lexer does not; framing then stops (fbail).
 */
static inline bool framer_reads_comment(const char *text, uint32_t off)
{
    unsigned char b = off > 0 ? (unsigned char)text[off - 1] : '\n';
    return b == '\n' || jx_frame_comment_after(b);
}

/* ------------------------------------------------------------------ tokens */

/* Moves to the next token, skipping blanks and comments and reporting bad bytes. */
static void advance(parser *ps)
{
    if (ps->tk != JX_TK_EOF && ps->tk != JX_TK_NEWLINE) {
        ps->prev_end = ps->off + ps->len;
        ps->prev_line = ps->line;
        ps->prev_line_start = ps->line_start;
    }
    uint32_t off = ps->off + ps->len;
    if (ps->tk == JX_TK_NEWLINE) {
        ps->line++;
        ps->line_start = off;
        if (ps->fcounting && jx_line_starts_project(ps->text, off, ps->end))
            frame_ends(ps, off, off); /* a line starting with 项目 ends the item */
        off = (uint32_t)jx_text_skip_spaces(ps->text, off, ps->end); /* indentation */
    }
    for (;;) {
        size_t n;
        /* the common blanks (spaces, tabs) without the lexer */
        off = (uint32_t)jx_text_skip_spaces(ps->text, off, ps->end);
        jx_token_kind k = jx_lex(ps->text + off, ps->end - off, &n);
        ps->off = off;
        ps->len = (uint32_t)n;
        ps->kw = JX_KW_NONE;
        if (off + n - ps->line_start > JX_LIMIT_LINE && ps->long_line != ps->line && k != JX_TK_NEWLINE) {
            ps->long_line = ps->line;
            report(ps, JX_SEV_ERROR, "syntax", pos_at(ps, off, 1), "这一行过长：一行最多 %u 字节",
                   JX_LIMIT_LINE);
        }
        if (n > JX_LIMIT_TOKEN && k != JX_TK_SPACE && k != JX_TK_COMMENT) {
            /* reported once and skipped, as an invalid byte is: what it leaves missing is
             * explained by it (bad_byte_end) */
            if (off >= ps->bad_byte_end && !ps->quiet)
                report(ps, JX_SEV_ERROR, "syntax", pos_at(ps, off, 1), "“%s”过长：%zu 字节，一个词、数字或字符串最多 %u 字节",
                       span_quote(ps, ps->text + off, n), n, JX_LIMIT_TOKEN);
            ps->bad_byte_end = off + (uint32_t)n;
            /* skipped, but still looked at as the framer will (a '#' in a word, below) */
            if (ps->framing && k == JX_TK_WORD && memchr(ps->text + off, '#', n))
                ps->fbail = 1;
            off += (uint32_t)n;
            continue;
        }
        if (k == JX_TK_SPACE || k == JX_TK_COMMENT) {
            if (k == JX_TK_COMMENT && !framer_reads_comment(ps->text, off))
                ps->fbail = 1;
            off += (uint32_t)n;
            continue;
        }
        if (k == JX_TK_INVALID) {
            unsigned char b = (unsigned char)ps->text[off];
            if (off >= ps->bad_byte_end) {
                if (b >= 0x80)
                    report(ps, JX_SEV_ERROR, "syntax", tok_pos(ps), "无效的 UTF-8 字节 0x%02X", b);
                else
                    report(ps, JX_SEV_ERROR, "syntax", tok_pos(ps), "无效的控制字符 0x%02X", b);
                ps->bad_byte_end = off + 1;
            }
            off += (uint32_t)n;
            continue;
        }
        if (k == JX_TK_UNTERMINATED) {
            if (!ps->quiet)
                report(ps, JX_SEV_ERROR, "syntax", pos_at(ps, off, 1), "字符串缺少结尾的引号“\"”");
            k = JX_TK_STRING;
        }
        if (k == JX_TK_STRING && off >= ps->bad_byte_end) {
            size_t bad = jx_lex_first_bad_byte(ps->text + off, n);
            if (bad < n) {
                unsigned char b = (unsigned char)ps->text[off + bad];
                report(ps, JX_SEV_ERROR, "syntax", pos_at(ps, off + (uint32_t)bad, 1),
                       b >= 0x80 ? "无效的 UTF-8 字节 0x%02X" : "无效的控制字符 0x%02X", b);
                ps->bad_byte_end = off + (uint32_t)n;
            }
        }
        ps->tk = k;
        if (k == JX_TK_WORD) {
            ps->kw = ps->kwix ? jx_keyword_find(ps->kwix, ps->text + off, n)
                              : jx_keyword_lookup(ps->text + off, n);
            if (ps->framing && memchr(ps->text + off, '#', n))
                ps->fbail = 1;
        } else if (k == JX_TK_LBRACE || k == JX_TK_RBRACE) {
            frame_brace(ps, k, off);
        }
        return;
    }
}

/* True at the end of a statement or indicator line: newline, ';', '}' or the end. */
static int at_end(const parser *ps)
{
    return ps->tk == JX_TK_NEWLINE || ps->tk == JX_TK_SEMI || ps->tk == JX_TK_RBRACE ||
           ps->tk == JX_TK_EOF;
}

/* Skips newlines and ';'. */
static void skip_blank_lines(parser *ps)
{
    while (ps->tk == JX_TK_NEWLINE || ps->tk == JX_TK_SEMI)
        advance(ps);
}

/*
 * Error recovery: skips to the end of the current line (a NEWLINE, ';', or a '}' that
 * closes an enclosing block, which is left for the caller), jumping over any
 * brace-balanced block on the way.
 */
static void skip_line(parser *ps)
{
    int depth = 0;
    for (;;) {
        if (ps->tk == JX_TK_EOF)
            return;
        if (depth == 0 && (ps->tk == JX_TK_NEWLINE || ps->tk == JX_TK_SEMI || ps->tk == JX_TK_RBRACE))
            return;
        if (ps->tk == JX_TK_LBRACE)
            depth++;
        else if (ps->tk == JX_TK_RBRACE)
            depth--;
        advance(ps);
    }
}

/* A string copied into the arena. Inline: most are a few bytes, which a call costs more than. */
LS_INLINE jx_str arena_str(parser *ps, const char *s, size_t n)
{
    if (n == 0)
        return jx_str_empty;
    char *c = jx_arena_strndup(ps->arena, s, n);
    if (!c) {
        ps->nomem = 1;
        return jx_str_empty;
    }
    jx_str r = {c, (uint32_t)n};
    return r;
}

/* The contents of the STRING token text[off .. off+len), unescaped, in the arena: \" and
 * \\ stand for themselves, \n and \r for a line feed and a carriage return (the escapes of
 * jx_text_dsl_escape, text.h); a backslash before anything else is itself. */
static jx_str string_value_at(parser *ps, uint32_t off, uint32_t len)
{
    const char *s = ps->text + off + 1;
    size_t n = len - 1;
    if (n > 0 && s[n - 1] == '"' && len >= 2)
        n--; /* drop the closing quote (absent when unterminated) */
    if (!memchr(s, '\\', n))
        return arena_str(ps, s, n);
    char *buf = jx_arena_alloc(ps->arena, n + 1);
    if (!buf) {
        ps->nomem = 1;
        return jx_str_empty;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n && (s[i + 1] == 'n' || s[i + 1] == 'r')) {
            buf[k++] = s[++i] == 'n' ? '\n' : '\r';
            continue;
        }
        if (s[i] == '\\' && i + 1 < n && (s[i + 1] == '"' || s[i + 1] == '\\'))
            i++;
        buf[k++] = s[i];
    }
    buf[k] = '\0';
    jx_str r = {buf, (uint32_t)k};
    return r;
}

/* The contents of the current STRING token, unescaped, in the arena. */
static jx_str string_value(parser *ps)
{
    return string_value_at(ps, ps->off, ps->len);
}

/* A NAME (WORD or STRING) at the current token, in the arena; the caller advances. */
static jx_str name_value(parser *ps)
{
    if (ps->tk == JX_TK_STRING)
        return string_value(ps);
    return arena_str(ps, ps->text + ps->off, ps->len);
}

/* True when the current token can be a NAME. */
static int at_name(const parser *ps)
{
    return ps->tk == JX_TK_STRING || ps->tk == JX_TK_WORD;
}

/* Reports the missing closer of the block opened at open (a '{'), at where it was expected. */
static void missing_close(parser *ps, jx_pos open)
{
    jx_pos at;
    if (ps->unclosed)
        return; /* the innermost unclosed block was named; its parents are cut by the same end */
    ps->unclosed = 1;
    if (ps->tk == JX_TK_EOF) {
        /* Cut by the next 项目 line? Point at that keyword; else just after the last token. */
        size_t n = 0;
        uint32_t off = ps->off;
        jx_token_kind k;
        while ((k = jx_lex(ps->text + off, ps->avail - off, &n)) == JX_TK_SPACE)
            off += (uint32_t)n;
        if (k == JX_TK_WORD && jx_keyword_lookup(ps->text + off, n) == JX_KW_PROJECT)
            at = pos_at(ps, off, (uint32_t)n);
        else
            at = jx_pos_at(ps->text, ps->prev_line_start, ps->prev_line ? ps->prev_line : ps->line,
                           ps->prev_end, 0);
    } else {
        at = tok_pos(ps);
    }
    report(ps, JX_SEV_ERROR, "syntax", at, "缺少“}”：第 %u 行第 %u 列的“{”没有闭合",
           (unsigned)open.line, (unsigned)open.col);
}

/* Reports the current token as unexpected, with what was wanted. */
static void unexpected(parser *ps, const char *wanted)
{
    if (ps->bad_byte_end > ps->line_start && ps->bad_byte_end <= ps->off + ps->len)
        return; /* an invalid byte on this line was reported and explains this */
    if (ps->tk == JX_TK_EOF)
        report(ps, JX_SEV_ERROR, "syntax", tok_pos(ps), "这里应有%s，却到了文件末尾", wanted);
    else if (ps->tk == JX_TK_NEWLINE)
        report(ps, JX_SEV_ERROR, "syntax", pos_at(ps, ps->off, 0), "这里应有%s，却到了行尾", wanted);
    else
        report(ps, JX_SEV_ERROR, "syntax", tok_pos(ps), "这里应有%s，却是“%s”", wanted,
               tok_quote(ps));
}

/* ------------------------------------------------------------------ values */

/* True when a WORD keyword ends a value span: an indicator attribute or a project statement. */
static inline int ends_value(jx_keyword kw)
{
    return jx_keyword_ends_value(kw);
}

/*
 * True when the current WORD, a keyword that ends values, met in a value past its sign,
 * is a word of the value (its unit: "≥85 分", "≥3项目 权重 10") rather than the next
 * attribute: not followed by a value of its own (jx_keyword_in_value).
 */
static int keyword_in_value(const parser *ps)
{
    uint32_t after = ps->off + ps->len;
    return jx_keyword_in_value(ps->kw, ps->text + after, ps->end - after, ps->kwix);
}

/*
 * value := the maximal run of tokens up to the next newline, ';', '}', '{', STRING or
 *          keyword that ends values — a keyword past the value's sign being taken into
 *          the value when no value of its own follows it (keyword_in_value).
 * Consumes the run and returns its byte span in *off / *len (len 0 when empty).
 */
static void value_span(parser *ps, uint32_t *off, uint32_t *len)
{
    *off = ps->off;
    uint32_t last = ps->off;
    bool begun = false; /* a token other than a sign was taken */
    while (!at_end(ps) && ps->tk != JX_TK_LBRACE && ps->tk != JX_TK_STRING) {
        if (ends_value(ps->kw) && !(begun && keyword_in_value(ps)))
            break;
        begun = begun || ps->tk != JX_TK_SIGN;
        last = ps->off + ps->len;
        advance(ps);
    }
    *len = last - *off;
}

/* Appends the text s of ind as "%s" would: up to its first NUL. A text lying in the
 * indicator's plain copy has none, being without control characters (jx_indicator_plain):
 * its length is s.n, without a look for one. */
static void put_ind_text(jx_sbuf *b, const jx_indicator *ind, jx_str s)
{
    jx_sbuf_put(b, s.s, jx_indicator_plain(ind, s) ? s.n : strnlen(s.s, s.n));
}

/*
 * Warns that the actual of ind, a number, is written with a sign (vague-actual), as the
 * line's fast path and parse_indicator both report it:
 *
 *     指标“NAME”的实际完成值“TEXT”带有计算符号，按 NUMBER[%] UNIT计分
 *
 * the number as jx_dec_format writes it ("≥5.50个" is read as 5.5 个). Nearly a tenth of
 * the indicators of a file may draw it, so the message is put together piece by piece in
 * the arena and kept there (jx_diags_add_kept), as the checks put theirs, not formatted:
 * the same bytes as the format would give, each text up to its first NUL as "%s" takes it.
 */
static void report_vague_actual(parser *ps, const jx_indicator *ind)
{
    if (ps->quiet)
        return;
    static const char head[] = "指标“", mid[] = "”的实际完成值“", by[] = "”带有计算符号，按 ", tail[] = "计分";
#define PUT_PIECE(w) jx_sbuf_put(&b, (w), sizeof(w) - 1)
    const jx_value *v = &ind->actual;
    char num[JX_DEC_BUFSZ];
    jx_dec_format(v->num, num, sizeof num);
    /* room for all of it, so the text never grows past it */
    size_t bound = sizeof head + ind->name.n + sizeof mid + v->text.n + sizeof by + sizeof num + 2 + v->unit.n +
                   sizeof tail;
    char *m = jx_arena_alloc(ps->arena, bound);
    if (!m) {
        ps->nomem = 1;
        return;
    }
    jx_sbuf b;
    jx_sbuf_init(&b, m, bound, ps->arena);
    PUT_PIECE(head);
    put_ind_text(&b, ind, ind->name);
    PUT_PIECE(mid);
    put_ind_text(&b, ind, v->text);
    PUT_PIECE(by);
    jx_sbuf_str(&b, num);
    if (v->percent)
        JX_SBUF_LIT(&b, "%");
    JX_SBUF_LIT(&b, " ");
    put_ind_text(&b, ind, v->unit);
    PUT_PIECE(tail);
#undef PUT_PIECE
    if (b.oom || !jx_diags_add_kept(ps->diags, ps->arena, JX_SEV_WARNING, "vague-actual", &ps->src, v->pos,
                                    jx_sbuf_cstr(&b)))
        ps->nomem = 1;
}

/*
 * Reads the span [off, off+len) with jx_value_read into v. what names the field in
 * messages (年度指标值, 实际完成值); ind_name names the indicator. Returns 1 when read.
 */
static int read_value(parser *ps, uint32_t off, uint32_t len, jx_value *v, const char *what,
                      const char *ind_name)
{
    const char *detail = "";
    const char *s = ps->text + off;
    jx_value_status st = jx_value_read(ps->vr, ps->arena, s, len, v, &detail);
    jx_pos pos = pos_at(ps, off, len);
    v->pos = pos;
    if (st == JX_VALUE_OK) {
        v->present = true;
        v->is_text = false;
        v->text = arena_str(ps, s, len);
        return 1;
    }
    if (st == JX_VALUE_NOMEM) {
        ps->nomem = 1;
        return 0;
    }
    if (ps->bad_byte_end > off && ps->bad_byte_end <= off + len)
        return 0; /* the bad byte inside was reported already */
    if (!detail)
        detail = "";
    if (st == JX_VALUE_BAD_SIGN)
        report(ps, JX_SEV_ERROR, "syntax", pos, "指标“%s”的%s“%s”计算符号有误：%s", ind_name, what,
               span_quote(ps, s, len), detail);
    else if (st == JX_VALUE_TOO_LONG)
        report(ps, JX_SEV_ERROR, "syntax", pos, "指标“%s”的%s“%s”数字过长：%s", ind_name, what,
               span_quote(ps, s, len), detail);
    else
        report(ps, JX_SEV_ERROR, "syntax", pos, "指标“%s”的%s%s，应写作数字（可带计算符号、%%和单位，如 ≥60个）或%s",
               ind_name, what, detail, strcmp(what, "年度指标值") == 0 ? "定性 \"文字\"" : "引号中的文字");
    return 0;
}

/* The name of the field a number belongs to, for a message: what, or “group”的分值 when
 * group is given (built only when a message needs it). */
static const char *field_name(parser *ps, const char *what, const char *group)
{
    if (!group)
        return what;
    const char *s = jx_arena_printf(ps->arena, "“%s”的分值", group);
    return s ? s : "分值";
}

/*
 * number := NUMBER | a span jx_value_read reads as a plain number (no sign, %, unit)
 * what names the field for the error 权重应为数字，这里是“三十”; for a group's points it
 * is NULL and group names the group. Returns 1 when read; *pos gets the number's position.
 */
static int parse_number(parser *ps, const char *what, const char *group, jx_dec *out, jx_pos *pos)
{
    if (ps->tk == JX_TK_NUMBER) {
        *pos = tok_pos(ps);
        jx_dec_status st = jx_dec_parse(ps->text + ps->off, ps->len, out);
        if (st != JX_DEC_OK) {
            report(ps, JX_SEV_ERROR, "syntax", *pos, "%s“%s”数字过长", field_name(ps, what, group),
                   tok_quote(ps));
            advance(ps);
            return 0;
        }
        advance(ps);
        return 1;
    }
    uint32_t off, len;
    if (ps->tk == JX_TK_STRING) {
        off = ps->off;
        len = ps->len;
        advance(ps);
    } else {
        value_span(ps, &off, &len);
    }
    if (len == 0) {
        unexpected(ps, field_name(ps, what, group));
        return 0;
    }
    *pos = pos_at(ps, off, len);
    if (ps->vr && ps->text[off] != '"') {
        jx_value v;
        memset(&v, 0, sizeof v);
        const char *detail = NULL;
        jx_value_status st = jx_value_read(ps->vr, ps->arena, ps->text + off, len, &v, &detail);
        if (st == JX_VALUE_NOMEM) {
            ps->nomem = 1;
            return 0;
        }
        if (st == JX_VALUE_OK && v.sign == JX_SIGN_NONE && !v.percent && v.unit.n == 0) {
            *out = v.num;
            return 1;
        }
    }
    if (!(ps->bad_byte_end > off && ps->bad_byte_end <= off + len))
        report(ps, JX_SEV_ERROR, "syntax", *pos, "%s应为数字，这里是“%s”",
               field_name(ps, what, group), span_quote(ps, ps->text + off, len));
    return 0;
}

/* ------------------------------------------------------------- indicators */

/* Reports the current keyword as given twice for the indicator named ind. */
static void repeated_attr(parser *ps, const char *ind)
{
    report(ps, JX_SEV_ERROR, "syntax", tok_pos(ps), "指标“%s”的“%s”重复", ind, tok_quote(ps));
}

/* Reports the current keyword as given twice in owner ("项目", "资金"). */
static void repeated_stmt(parser *ps, const char *owner)
{
    report(ps, JX_SEV_ERROR, "syntax", tok_pos(ps), "%s的“%s”重复", owner, tok_quote(ps));
}

/* A value written as none in a history attribute: `/` or `-` alone. */
static bool history_none(const char *s, uint32_t len)
{
    return len == 1 && (s[0] == '/' || s[0] == '-');
}

/* A number of the history read without a sign reads as '=', as a target does (no warning). */
static void history_sign(jx_value *h)
{
    if (h->present && !h->is_text && h->sign == JX_SIGN_NONE) {
        h->sign = JX_SIGN_EQ;
        h->implicit = true;
    }
}

/*
 * history := [定性] STRING | value | '/' | '-'
 * The value after 上年 or 前年 (the keyword just passed) into *h; what names it in
 * messages (上年指标值). Returns 1 when read (see jx_indicator.last_year for what a
 * value written as none leaves in *h).
 */
static int parse_history(parser *ps, jx_value *h, const char *what, const char *nm)
{
    bool qual = ps->kw == JX_KW_QUALITATIVE;
    if (qual)
        advance(ps);
    if (ps->tk == JX_TK_STRING) {
        h->pos = tok_pos(ps);
        h->text = string_value(ps);
        h->sign = JX_SIGN_QUAL;
        h->is_text = true;
        h->present = true;
        advance(ps);
        return 1;
    }
    if (qual) {
        unexpected(ps, "定性指标值（带引号的文字）");
        return 0;
    }
    uint32_t off, len;
    value_span(ps, &off, &len);
    if (len == 0) {
        unexpected(ps, what);
        return 0;
    }
    if (history_none(ps->text + off, len)) {
        h->pos = pos_at(ps, off, len);
        h->text = arena_str(ps, ps->text + off, len);
        return 1;
    }
    if (!read_value(ps, off, len, h, what, nm))
        return 0;
    history_sign(h);
    return 1;
}

/*
 * indicator := NAME target { attr } END
 * target    := 定性 STRING | value
 * attr      := 权重 NUMBER | 实际 (STRING | value) | 偏差 STRING | 评定 JUDGE
 *            | 得分 NUMBER | 不适用 | 上年 history | 前年 history | 依据 STRING
 */
static void parse_indicator(parser *ps, uint32_t group)
{
    jx_project *p = ps->p;
    if (p->ninds >= JX_LIMIT_INDICATORS) {
        /* reported once; the rest are read past, so the project stays bounded */
        if (!ps->many_inds)
            report(ps, JX_SEV_ERROR, "syntax", tok_pos(ps), "项目的指标过多：一个项目最多 %u 个指标",
                   JX_LIMIT_INDICATORS);
        ps->many_inds = 1;
        skip_line(ps);
        return;
    }
    if (JX_GROW(p->alloc, p->inds, p->inds_cap, p->ninds + 1) != 0) {
        ps->nomem = 1;
        skip_line(ps);
        return;
    }
    jx_indicator ind;
    memset(&ind, 0, sizeof ind);
    ind.project = p;
    ind.group = group;
    ind.reason = jx_str_empty;
    ind.target.unit = ind.target.text = jx_str_empty;
    ind.actual.unit = ind.actual.text = jx_str_empty;
    ind.last_year.unit = ind.last_year.text = jx_str_empty;
    ind.year_before.unit = ind.year_before.text = jx_str_empty;
    ind.basis = jx_str_empty;
    ind.score = -1;
    ind.formula = "";
    ind.pos = tok_pos(ps);
    ind.name = name_value(ps);
    const char *nm = ind.name.s;
    advance(ps);

    /* target */
    if (ps->kw == JX_KW_QUALITATIVE) {
        advance(ps);
        if (ps->tk != JX_TK_STRING) {
            unexpected(ps, "定性指标值（带引号的文字）");
            skip_line(ps);
            return;
        }
        ind.target.pos = tok_pos(ps);
        ind.target.text = string_value(ps);
        ind.target.sign = JX_SIGN_QUAL;
        ind.target.is_text = true;
        ind.target.present = true;
        advance(ps);
    } else {
        uint32_t off, len;
        value_span(ps, &off, &len);
        if (len == 0) {
            if (ps->tk == JX_TK_STRING)
                report(ps, JX_SEV_ERROR, "syntax", tok_pos(ps),
                       "指标“%s”的年度指标值是文字，定性指标应写作：定性 %s", nm, tok_quote(ps));
            else
                report(ps, JX_SEV_ERROR, "syntax", ind.pos, "指标“%s”缺少年度指标值", nm);
            skip_line(ps);
            return;
        }
        if (!read_value(ps, off, len, &ind.target, "年度指标值", nm)) {
            skip_line(ps);
            return;
        }
        if (ind.target.sign == JX_SIGN_NONE) {
            ind.target.sign = JX_SIGN_EQ;
            ind.target.implicit = true;
            report(ps, JX_SEV_WARNING, "implicit-sign", ind.target.pos,
                   "指标“%s”的年度指标值“%s”没有计算符号，按“=%s”计分", nm, ind.target.text.s,
                   ind.target.text.s);
        }
    }

    /* attributes */
    bool seen_reason = false, seen_judge = false;
    while (!at_end(ps)) {
        jx_keyword kw = ps->kw;
        switch (kw) {
        case JX_KW_WEIGHT:
            if (ind.has_weight) {
                repeated_attr(ps, nm);
                skip_line(ps);
                return;
            }
            advance(ps);
            if (!parse_number(ps, "权重", NULL, &ind.weight, &ind.weight_pos)) {
                skip_line(ps);
                return;
            }
            ind.has_weight = true;
            break;
        case JX_KW_SCORE:
            if (ind.has_claim) {
                repeated_attr(ps, nm);
                skip_line(ps);
                return;
            }
            advance(ps);
            if (!parse_number(ps, "得分", NULL, &ind.claim, &ind.claim_pos)) {
                skip_line(ps);
                return;
            }
            ind.has_claim = true;
            break;
        case JX_KW_ACTUAL:
            if (ind.actual.present) {
                repeated_attr(ps, nm);
                skip_line(ps);
                return;
            }
            advance(ps);
            if (ps->tk == JX_TK_STRING) {
                ind.actual.pos = tok_pos(ps);
                ind.actual.text = string_value(ps);
                ind.actual.is_text = true;
                ind.actual.present = true;
                advance(ps);
            } else {
                uint32_t off, len;
                value_span(ps, &off, &len);
                if (len == 0) {
                    unexpected(ps, "实际完成值");
                    skip_line(ps);
                    return;
                }
                if (!read_value(ps, off, len, &ind.actual, "实际完成值", nm)) {
                    skip_line(ps);
                    return;
                }
                if (ind.actual.sign != JX_SIGN_NONE)
                    report_vague_actual(ps, &ind);
            }
            break;
        case JX_KW_REASON:
            if (seen_reason) {
                repeated_attr(ps, nm);
                skip_line(ps);
                return;
            }
            advance(ps);
            if (ps->tk != JX_TK_STRING) {
                unexpected(ps, "带引号的偏差原因");
                skip_line(ps);
                return;
            }
            ind.reason = string_value(ps);
            seen_reason = true;
            advance(ps);
            break;
        case JX_KW_JUDGE:
            if (seen_judge) {
                repeated_attr(ps, nm);
                skip_line(ps);
                return;
            }
            advance(ps);
            if (ps->kw == JX_KW_MET)
                ind.judge = JX_JUDGE_MET;
            else if (ps->kw == JX_KW_PARTLY)
                ind.judge = JX_JUDGE_PARTLY;
            else if (ps->kw == JX_KW_UNMET)
                ind.judge = JX_JUDGE_UNMET;
            else {
                unexpected(ps, "评定（达成、部分达成或未达成）");
                skip_line(ps);
                return;
            }
            seen_judge = true;
            advance(ps);
            break;
        case JX_KW_NOT_APPLICABLE:
            if (ind.not_applicable) {
                repeated_attr(ps, nm);
                skip_line(ps);
                return;
            }
            ind.not_applicable = true;
            advance(ps);
            break;
        case JX_KW_LAST_YEAR:
        case JX_KW_YEAR_BEFORE: {
            jx_value *h = kw == JX_KW_LAST_YEAR ? &ind.last_year : &ind.year_before;
            if (h->pos.line) {
                repeated_attr(ps, nm);
                skip_line(ps);
                return;
            }
            advance(ps);
            if (!parse_history(ps, h, kw == JX_KW_LAST_YEAR ? "上年指标值" : "前年指标值", nm)) {
                skip_line(ps);
                return;
            }
            break;
        }
        case JX_KW_BASIS:
            if (ind.basis_pos.line) {
                repeated_attr(ps, nm);
                skip_line(ps);
                return;
            }
            advance(ps);
            if (ps->tk != JX_TK_STRING) {
                unexpected(ps, "带引号的指标值确定依据");
                skip_line(ps);
                return;
            }
            ind.basis_pos = tok_pos(ps);
            ind.basis = string_value(ps);
            advance(ps);
            break;
        default:
            if (ps->tk == JX_TK_LBRACE)
                report(ps, JX_SEV_ERROR, "syntax", tok_pos(ps),
                       "指标“%s”后面不能有“{”：指标只能分两级（一级指标、二级指标）", nm);
            else
                report(ps, JX_SEV_ERROR, "syntax", tok_pos(ps), "指标“%s”里有不认识的“%s”", nm,
                       tok_quote(ps));
            skip_line(ps);
            return;
        }
    }
    if (!ind.has_weight)
        report(ps, JX_SEV_WARNING, "missing-weight", ind.pos, "指标“%s”没有权重，计分时按权重 0 计",
               nm);
    p->inds[p->ninds++] = ind;
}

/* ------------------------------------------------ ordinary indicator lines */

/*
 * Most lines of a project are indicators written plainly, one to a line:
 *
 *     接入系统数量 ≥390个/月 权重 6 实际 444个/月 偏差 "两个系统推迟" 得分 6
 *
 * line_indicator reads such a line byte by byte, without tokens, to the indicator,
 * warnings and parser state parse_indicator reaches on it, and copies the line into
 * the arena once for all of the indicator's strings. It takes only what it can read
 * exactly as the lexer and the value reader would: a name of letters, digits, a few
 * ASCII marks and CJK characters; a target that is 定性 "…" or a value without blanks
 * in it (a sign ≥ ≤ ≧ ≦ > < = >= <= == ＞ ＜ ＝ or none, a number, % or ％, a unit of
 * letters, '/' and CJK characters); then 权重 N, 得分 N, 实际 (value or "…"), 偏差 "…",
 * 评定 达成|部分达成|未达成, 不适用, 上年 and 前年 (value or "…") and 依据 "…", each at
 * most once, spelt in Chinese (a history written as none, `/` or `-`, is left); strings
 * without a backslash or a bad byte; spaces and tabs between; the end of the line at
 * a newline, ';' or '}', or a comment after a space or tab, which the line is then read
 * without (ls_comment: how imported text marks each line's table row). Anything else, it
 * leaves for parse_indicator, which reads it and reports what is wrong, and changes
 * nothing.
 */

/* The bytes of the words line_indicator knows. */
static const char LW_WEIGHT[] = "权重", LW_ACTUAL[] = "实际", LW_REASON[] = "偏差", LW_JUDGE[] = "评定",
                  LW_SCORE[] = "得分", LW_NA[] = "不适用", LW_QUAL[] = "定性", LW_MET[] = "达成",
                  LW_PARTLY[] = "部分达成", LW_UNMET[] = "未达成", LW_LAST[] = "上年", LW_BEFORE[] = "前年",
                  LW_BASIS[] = "依据";

/* What a byte is to line_indicator. The classes a name holds are the last ones, from
 * LC_LETTER on (ls_name takes them as a range). */
enum {
    LC_OTHER = 0, /* anything it leaves to the parser */
    LC_BLANK,     /* space, tab: the commonest blanks of the language (JX_TEXT_DSL); the lexer takes the others */
    LC_LETTER,    /* A-Z a-z: a name or a unit */
    LC_DIGIT,     /* 0-9: a name or a number */
    LC_MARK,      /* ( ) * + - . : _ : in a name */
    LC_SLASH,     /* '/': in a name or a unit */
    LC_CJK        /* E1, E4..EC: the lead of a CJK character that a word goes on with */
};

/* The class of every byte (see above). */
static const unsigned char line_class[256] = {
    [' '] = LC_BLANK, ['\t'] = LC_BLANK, ['A' ... 'Z'] = LC_LETTER, ['a' ... 'z'] = LC_LETTER,
    ['0' ... '9'] = LC_DIGIT, ['('] = LC_MARK, [')'] = LC_MARK, ['*'] = LC_MARK, ['+'] = LC_MARK,
    ['-'] = LC_MARK, ['.'] = LC_MARK, [':'] = LC_MARK, ['_'] = LC_MARK, ['/'] = LC_SLASH,
    [0xE1] = LC_CJK, [0xE4 ... 0xEC] = LC_CJK,
};

/*
 * Where line_indicator is on the line. The scan is set on one line whose '\n' lies before
 * end, so a loop stops at the '\n' without testing the end, and a byte after one that is
 * not the '\n' can always be read. end is just past that '\n' or past a later one
 * (parser.lines_end: the line's own is then not searched for); what is read up to end and
 * past the line's '\n' never decides anything, as each scanner says.
 */
typedef struct line_scan {
    const unsigned char *s; /* the item text */
    uint32_t i;             /* the byte looked at */
    uint32_t end;           /* just past the line's '\n' or a later one; text[i..end) is readable */
    uint32_t cont;          /* continuation bytes from the line start to i, for columns;
                               UINT32_MAX past a comment, whose bytes are not counted */
    bool utf8;              /* the text is valid UTF-8 (parser.utf8): a lead byte is surely
                               followed by its continuation bytes */
} line_scan;

/* A value without quotes as line_indicator read it. */
typedef struct line_value {
    uint32_t off;      /* its first byte */
    uint32_t len;      /* its length */
    uint32_t cont;     /* continuation bytes before it on the line */
    uint32_t wcont;    /* continuation bytes in it */
    jx_sign sign;      /* the sign written, NONE when none */
    jx_dec num;        /* the number */
    bool percent;      /* % or ％ followed the number */
    uint32_t unit_off; /* the unit's first byte */
    size_t unit_len;   /* its length once the unit words are applied */
    bool unit_cut;     /* a unit word was taken off the end of the unit */
} line_value;

/* A string as line_indicator read it. */
typedef struct line_string {
    uint32_t off;  /* its opening quote */
    uint32_t len;  /* its length, quotes included */
    uint32_t cont; /* continuation bytes before it on the line */
    uint32_t wcont; /* continuation bytes in it */
    bool plain;    /* it holds no ',', tab or return (see jx_indicator.plain) */
} line_string;

/* Sets a scan at text[from], ending at end (see line_scan). */
LS_INLINE void ls_set(line_scan *ls, const parser *ps, uint32_t from, uint32_t end)
{
    ls->s = (const unsigned char *)ps->text;
    ls->i = from;
    ls->end = end;
    ls->cont = 0;
    ls->utf8 = ps->utf8;
}

/* The first '\n' at or after from, as find_byte (find_byte_new when fresh) finds it: out of
 * line, asked only where lines_end does not answer (ls_start_fresh). */
static __attribute__((noinline)) size_t ls_find_nl(parser *ps, uint32_t from, bool fresh)
{
    return fresh ? find_byte_new(ps, &ps->nl, '\n', from) : find_byte(ps, &ps->nl, '\n', from);
}

/*
 * Starts a scan at text[from] on the line starting at lstart whose '\n' is at nl (at
 * ps->end or past it when there is none before the item's end); false when there is none
 * (the item's last line) or the line is longer than JX_LIMIT_LINE (left to advance, which
 * reports it).
 */
LS_INLINE bool ls_start_at(line_scan *ls, const parser *ps, uint32_t lstart, uint32_t from, size_t nl)
{
    if (nl >= ps->end || nl - lstart > JX_LIMIT_LINE)
        return false;
    ls_set(ls, ps, from, (uint32_t)nl + 1);
    return true;
}

/*
 * Starts a scan at text[from] on the line starting at lstart, ending at or past the first
 * '\n' after from (before the item's end); false when there is none (the item's last line)
 * or the line is longer than JX_LIMIT_LINE (left to advance, which reports it).
 *
 * Below lines_end the line's '\n' is not searched for (a pass over the line before the
 * scan's own): the scan ends at lines_end, just past a '\n' at or after the line's, and
 * the line is no longer than JX_LIMIT_LINE, all that ls_start_at checks. Past it (the
 * item's last line, or an item longer than JX_LIMIT_LINE), the '\n' is searched for, by
 * find_byte, or by find_byte_new when `fresh` says that ps->nl holds no answer for from
 * (or that it would be the same, see ls_start_name).
 */
LS_INLINE bool ls_start_fresh(line_scan *ls, parser *ps, uint32_t lstart, uint32_t from, bool fresh)
{
    if (from < ps->lines_end) {
        assert(ps->text[ps->lines_end - 1] == '\n' && ps->lines_end <= ps->end && ps->end <= JX_LIMIT_LINE);
        ls_set(ls, ps, from, ps->lines_end);
        return true;
    }
    return ls_start_at(ls, ps, lstart, from, ls_find_nl(ps, from, fresh));
}

/* ls_start_fresh, ps->nl asked first. */
static inline bool ls_start(line_scan *ls, parser *ps, uint32_t lstart, uint32_t from)
{
    return ls_start_fresh(ls, ps, lstart, from, false);
}

/*
 * The first line after the current NEWLINE that is not blank (spaces and tabs before its
 * '\n', as skip_blank_lines passes it): sets *line and *lstart to its number and start and
 * *first to the offset of its first byte past its indentation; false when the item ends
 * first. Only spaces, tabs and '\n' are passed: nothing advance reports or the framer
 * counts, and no line of them starts a project.
 */
LS_INLINE bool ls_next_first(const parser *ps, uint32_t *line, uint32_t *lstart, uint32_t *first)
{
    uint32_t l = ps->line + 1, start = ps->off + ps->len;
    for (;;) {
        uint32_t i;
#if defined(__SSE2__)
        /* Most indentation ends within the line's first sixteen bytes: one step finds its
         * end, spaces and tabs alike, where at least sixteen bytes are left before the
         * item's end (the first byte that is no blank is then surely before it). A longer
         * run, and the item's last bytes, are passed by jx_text_skip_spaces. */
        unsigned blank = 0xFFFF;
        if (start + 16 <= ps->end) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(ps->text + start));
            blank = (unsigned)_mm_movemask_epi8(
                _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\t'))));
        }
        if (blank != 0xFFFF) {
            i = start + (uint32_t)__builtin_ctz(~blank);
        } else
#endif
        {
            i = (uint32_t)jx_text_skip_spaces(ps->text, start, ps->end);
            if (i >= ps->end)
                return false;
        }
        if (ps->text[i] == '\n') { /* a blank line */
            l++;
            start = i + 1;
            continue;
        }
        *line = l;
        *lstart = start;
        *first = i;
        return true;
    }
}

/* True when c may start a name (ls_name): a letter or the lead of a CJK character. */
LS_INLINE bool ls_name_lead(unsigned char c)
{
    unsigned cls = line_class[c];
    return cls == LC_LETTER || cls == LC_CJK;
}

/*
 * Starts a scan at `first`, the first byte of the line starting at lstart past its
 * indentation (ls_next_first); false when it is something other than a letter or a CJK
 * character (a blank line ending in "\r\n", '}', a string …), or the line has no '\n'
 * (the item's last line).
 */
LS_INLINE bool ls_start_name(line_scan *ls, parser *ps, uint32_t lstart, uint32_t first)
{
    /* A '\n' searched for is searched for without asking ps->nl first: the line is one
     * ls_next_first found, and every search before was from an earlier line, whose '\n' is
     * before lstart; so any answer ps->nl holds for `first` is that there is no '\n' before
     * the end, which this search finds again. */
    return ls_name_lead((unsigned char)ps->text[first]) && ls_start_fresh(ls, ps, lstart, first, true);
}

#if defined(__SSE2__)
/* The number of bits set in a 16-bit mask, from a table: __builtin_popcount is a call
 * on the x86-64 baseline, without the popcnt instruction. */
static const unsigned char ls_pop8[256] = {
#define LS_P2(n) n, n + 1, n + 1, n + 2
#define LS_P4(n) LS_P2(n), LS_P2(n + 1), LS_P2(n + 1), LS_P2(n + 2)
#define LS_P6(n) LS_P4(n), LS_P4(n + 1), LS_P4(n + 1), LS_P4(n + 2)
    LS_P6(0), LS_P6(1), LS_P6(1), LS_P6(2)
#undef LS_P6
#undef LS_P4
#undef LS_P2
};

LS_INLINE uint32_t ls_pop16(unsigned m)
{
    return (uint32_t)ls_pop8[m & 0xFF] + ls_pop8[(m >> 8) & 0xFF];
}

/*
 * The sixteen bytes of the line from i, for a mask of them: loaded at i where sixteen
 * bytes are left before the scan's end; else the sixteen that end there (the text's
 * bytes before i, read but not used), *sh set to the bytes before i in them, which the
 * caller shifts out of its masks. False, where the text holds fewer than sixteen bytes
 * up to the scan's end: the caller reads byte by byte. Nothing past the scan's end is
 * read either way (the reader's item may end there); the bytes past the line's '\n' are
 * read but, the '\n' stopping the caller's mask first, never used.
 */
LS_INLINE bool ls_chunk(const line_scan *ls, uint32_t i, __m128i *x, unsigned *sh)
{
    if (ls->end - i >= 16) {
        *x = _mm_loadu_si128((const __m128i *)(const void *)(ls->s + i));
        *sh = 0;
        return true;
    }
    if (ls->end < 16)
        return false;
    *x = _mm_loadu_si128((const __m128i *)(const void *)(ls->s + ls->end - 16));
    *sh = 16 - (ls->end - i);
    return true;
}

/* The bytes of x that are continuation bytes (0x80..0xBF), as a mask. */
LS_INLINE unsigned ls_cont_mask(__m128i x)
{
    return (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(x, _mm_set1_epi8(-64)));
}
#endif

/* Skips spaces and tabs (most often a single space). */
LS_INLINE void ls_blanks(line_scan *ls)
{
    if (ls->s[ls->i] == ' ' && ls->s[ls->i + 1] > ' ') { /* no blank after it: a byte above ' ' */
        ls->i++;
        return;
    }
    while (line_class[ls->s[ls->i]] == LC_BLANK)
        ls->i++;
}

/* Skips the blank at i, known to be one (the word before it was read up to a blank), and
 * any after it. */
LS_INLINE void ls_blanks_past(line_scan *ls)
{
    assert(line_class[ls->s[ls->i]] == LC_BLANK);
    do
        ls->i++;
    while (line_class[ls->s[ls->i]] == LC_BLANK);
}

/* True when the bytes at i are the word w (n bytes) followed by a blank (or, with eol, by
 * the line's end). The words hold no '\n', so none matches past the line's '\n'. */
LS_INLINE bool ls_word_is(const line_scan *ls, const char *w, uint32_t n, bool eol)
{
    if (ls->end - ls->i <= n || !jx_text_same((const char *)ls->s + ls->i, w, n))
        return false;
    unsigned char c = ls->s[ls->i + n];
    return line_class[c] == LC_BLANK || (eol && (c == '\n' || c == '\r' || c == ';' || c == '}'));
}

/* True when the two bytes after the lead byte at p are continuation bytes, looked at one
 * by one: the second only when the first is one, and so not the line's '\n', past which
 * nothing is read. Out of line: only text not known to be valid needs it (ls_cjk). */
static __attribute__((noinline, cold)) bool ls_cont2(const unsigned char *p)
{
    return (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80;
}

/* True when the lead byte at p (E1..EF) is followed by two continuation bytes: surely so
 * in valid text (utf8). */
LS_INLINE bool ls_cjk(bool utf8, const unsigned char *p)
{
    return utf8 || ls_cont2(p);
}

/*
 * A comment at i, read as the lexer reads one: a '#' at a token start, then anything up
 * to the line's newline, which the comment stops before ("\n", or "\r\n" when the byte
 * before the '\n' is '\r'). Taken only after a space or tab, where the reader's framer
 * reads a comment too (framer_reads_comment), so it never stops framing. Moves i to that
 * newline, setting *len to its length, and cont to UINT32_MAX; false, changing nothing,
 * for anything else.
 */
LS_INLINE bool ls_comment(line_scan *ls, uint32_t *len)
{
    if (ls->s[ls->i] != '#' || line_class[ls->s[ls->i - 1]] != LC_BLANK)
        return false;
    /* the line's '\n', before end; nl - 1 >= i, the '#' at worst */
    uint32_t nl = (uint32_t)jx_find_newline((const char *)ls->s, ls->i, ls->end);
    assert(nl < ls->end);
    *len = ls->s[nl - 1] == '\r' ? 2 : 1;
    ls->i = nl + 1 - *len;
    ls->cont = UINT32_MAX;
    return true;
}

/*
 * The end of the line at i: a newline ("\n" or "\r\n"), ';' or '}', or a comment running
 * to the newline (ls_comment, which moves i to the newline). Sets *tk and *len and returns
 * true; false for anything else.
 */
LS_INLINE bool ls_eol(line_scan *ls, jx_token_kind *tk, uint32_t *len)
{
    unsigned char c = ls->s[ls->i];
    if (c >= 0x80) /* the commonest case, a CJK attribute word, tested first */
        return false;
    switch (c) {
    case '\n':
        *tk = JX_TK_NEWLINE;
        *len = 1;
        return true;
    case '\r':
        if (ls->s[ls->i + 1] != '\n')
            return false;
        *tk = JX_TK_NEWLINE;
        *len = 2;
        return true;
    case ';':
        *tk = JX_TK_SEMI;
        *len = 1;
        return true;
    case '}':
        *tk = JX_TK_RBRACE;
        *len = 1;
        return true;
    case '#':
        if (!ls_comment(ls, len))
            return false;
        *tk = JX_TK_NEWLINE;
        return true;
    default:
        return false;
    }
}

/* True when the byte at i ends a token as a blank or the line's end does. */
LS_INLINE bool ls_at_break(const line_scan *ls)
{
    unsigned char c = ls->s[ls->i];
    return line_class[c] == LC_BLANK || c == '\n' || c == '\r' || c == ';' || c == '}';
}

/*
 * A name at i, whose first byte is known to start one (ls_name_lead: a letter or the lead
 * of a CJK character): then letters, digits, marks and CJK characters up to a blank or
 * the line's end; one WORD to the lexer. False when it is not that, or longer than
 * JX_LIMIT_TOKEN (left to advance, which reports it).
 */
LS_INLINE bool ls_name_led(line_scan *ls)
{
    /* p walks the name and cjk counts its CJK characters, in locals the compiler keeps in
     * registers, and utf8 is read once: no store to *ls and no load of ls->utf8 a step */
    const unsigned char *start = ls->s + ls->i, *p = start;
    unsigned cls;
    assert(ls_name_lead(*p));
    bool utf8 = ls->utf8;
    uint32_t cjk = 0; /* two continuation bytes each */
    for (;;) {
        cls = line_class[*p];
        if (cls == LC_CJK) {
            if (!ls_cjk(utf8, p))
                return false;
            p += 3;
            cjk++;
        } else if (cls >= LC_LETTER) { /* a letter, digit, mark or '/': LC_CJK, the last, is above */
            p++;
        } else {
            break;
        }
    }
    ls->i = (uint32_t)(p - ls->s);
    ls->cont += 2 * cjk;
    return ls_at_break(ls) && (size_t)(p - start) <= JX_LIMIT_TOKEN;
}

/* A name at i, as ls_name_led reads one; false too when its first byte starts none. */
LS_INLINE bool ls_name(line_scan *ls)
{
    return ls_name_lead(ls->s[ls->i]) && ls_name_led(ls);
}

/* The sign at i, moving past it; JX_SIGN_NONE when there is none. */
LS_INLINE jx_sign ls_sign(line_scan *ls)
{
    const unsigned char *s = ls->s + ls->i;
    switch (s[0]) {
    case '>':
        ls->i += s[1] == '=' ? 2 : 1;
        return s[1] == '=' ? JX_SIGN_GE : JX_SIGN_GT;
    case '<':
        ls->i += s[1] == '=' ? 2 : 1;
        return s[1] == '=' ? JX_SIGN_LE : JX_SIGN_LT;
    case '=':
        ls->i += s[1] == '=' ? 2 : 1;
        return JX_SIGN_EQ;
    case 0xE2: /* ≤ ≥ ≦ ≧ */
        if (s[1] != 0x89 || s[2] < 0xA4 || s[2] > 0xA7)
            return JX_SIGN_NONE;
        ls->i += 3;
        ls->cont += 2;
        return s[2] == 0xA4 || s[2] == 0xA6 ? JX_SIGN_LE : JX_SIGN_GE;
    case 0xEF: /* ＜ ＝ ＞ */
        if (s[1] != 0xBC || s[2] < 0x9C || s[2] > 0x9E)
            return JX_SIGN_NONE;
        ls->i += 3;
        ls->cont += 2;
        return s[2] == 0x9C ? JX_SIGN_LT : s[2] == 0x9D ? JX_SIGN_EQ : JX_SIGN_GT;
    default:
        return JX_SIGN_NONE;
    }
}

/*
 * A number at i, digits[.digits], into *out as jx_dec_parse reads it. False when there
 * is no digit or it has more digits than a jx_dec surely holds.
 */
LS_INLINE bool ls_number(line_scan *ls, jx_dec *out)
{
    const unsigned char *s = ls->s;
    uint32_t i = ls->i, start = i;
    uint64_t v = 0; /* wraps past 20 digits, which are refused below */
    unsigned d;
    while ((d = (unsigned)s[i] - '0') < 10) {
        v = v * 10 + d;
        i++;
    }
    uint32_t digits = i - start;
    if (digits == 0 || digits > JX_DEC_MAX_DIGITS)
        return false;
    int32_t scale = 0;
    if (s[i] == '.' && (unsigned)s[i + 1] - '0' < 10) {
        uint32_t frac = ++i;
        while ((d = (unsigned)s[i] - '0') < 10) {
            v = v * 10 + d;
            i++;
        }
        scale = (int32_t)(i - frac);
        if (scale > JX_DEC_MAX_SCALE || digits + (uint32_t)scale > JX_DEC_MAX_DIGITS)
            return false;
    }
    out->v = (int64_t)v;
    out->scale = scale;
    ls->i = i;
    return true;
}

/* The attribute words line_indicator reads, as bits of the set it has seen. */
enum { A_WEIGHT = 1, A_SCORE = 2, A_ACTUAL = 4, A_REASON = 8, A_JUDGE = 16, A_NA = 32, A_LAST = 64,
       A_BEFORE = 128, A_BASIS = 256 };

/* The first six bytes of w (a word of two CJK characters, or the first two of 不适用) as
 * one little-endian number, as ls_attr reads them from the line. */
LS_INLINE uint64_t ls_six(const char *w)
{
    uint64_t x = 0;
    for (int k = 5; k >= 0; k--)
        x = x << 8 | (unsigned char)w[k];
    return x;
}

/* The first eight bytes of w as one little-endian number (see ls_six). */
LS_INLINE uint64_t ls_eight(const char *w)
{
    return ls_six(w) | (uint64_t)(unsigned char)w[6] << 48 | (uint64_t)(unsigned char)w[7] << 56;
}

/*
 * The attribute word at i followed by a blank (不适用 also by the line's end), as one of
 * the A_ bits; 0 when there is none. The word's first six bytes and the byte after them
 * are loaded once and compared as a number with each word's, where ls_word_is would
 * compare them word by word. Every word needs eight bytes up to the line's end: six, a
 * blank and the '\n' (不适用, nine and its end, needs ten, which ls_word_is checks); fewer
 * hold none, and are not loaded. Up to the scan's end, past the line's '\n' (ls_start_fresh),
 * the eight may hold that '\n' and bytes after it: the word's six bytes (no '\n' among
 * them) or its blank then differ, and the last byte is not looked at.
 */
LS_INLINE unsigned ls_attr(const line_scan *ls)
{
    if (ls->end - ls->i < 8)
        return 0;
    uint64_t w; /* the bytes i .. i+7, all before end */
    memcpy(&w, ls->s + ls->i, 8);
    w = le64toh(w);
    uint64_t six = w & 0xFFFFFFFFFFFFu;
    unsigned what;
    if (six == ls_six(LW_WEIGHT))
        what = A_WEIGHT;
    else if (six == ls_six(LW_ACTUAL))
        what = A_ACTUAL;
    else if (six == ls_six(LW_SCORE))
        what = A_SCORE;
    else if (six == ls_six(LW_REASON))
        what = A_REASON;
    else if (six == ls_six(LW_JUDGE))
        what = A_JUDGE;
    else if (six == ls_six(LW_NA))
        return ls_word_is(ls, LW_NA, 9, true) ? A_NA : 0;
    else if (six == ls_six(LW_LAST))
        what = A_LAST;
    else if (six == ls_six(LW_BEFORE))
        what = A_BEFORE;
    else if (six == ls_six(LW_BASIS))
        what = A_BASIS;
    else
        return 0;
    return line_class[(unsigned char)(w >> 48)] == LC_BLANK ? what : 0;
}

/*
 * True when the unit just read, spelt like kw, a keyword that ends values, is sure to be
 * the value's unit as keyword_in_value decides: kw is not 不适用 and the line goes on, past
 * blanks, with its end or with one of the attribute words line_indicator reads (权重 实际
 * 得分 偏差 评定 不适用 上年 前年 依据 as whole words). Anything else is left to the parser.
 */
LS_INLINE bool ls_unit_keyword(const line_scan *ls, jx_keyword kw)
{
    if (kw == JX_KW_NOT_APPLICABLE)
        return false;
    line_scan at = *ls;
    jx_token_kind tk;
    uint32_t len;
    ls_blanks(&at);
    return ls_eol(&at, &tk, &len) || ls_attr(&at) != 0;
}

/*
 * A value at i: [sign] number [% | ％] [unit], ended by a blank or the line's end, whose
 * unit is not a keyword that ends a value unless ls_unit_keyword makes it the unit
 * ("≥3项目 权重 10"). Read as jx_value_read reads it; false when it is not such a value
 * or jx_value_read must decide.
 */
LS_INLINE bool ls_value(line_scan *ls, const parser *ps, line_value *v)
{
    v->off = ls->i;
    v->cont = ls->cont;
    v->sign = ls_sign(ls);
    if (!ls_number(ls, &v->num))
        return false;
    v->percent = false;
    const unsigned char *s = ls->s;
    if (s[ls->i] == '%') {
        v->percent = true;
        ls->i++;
    } else if (s[ls->i] == 0xEF && s[ls->i + 1] == 0xBC && s[ls->i + 2] == 0x85) { /* ％ */
        v->percent = true;
        ls->i += 3;
        ls->cont += 2;
    }
    v->unit_off = ls->i;
    /* p walks the unit and cjk counts its CJK characters, as in ls_name; a CJK character,
     * the commonest in a unit, is tested for first */
    bool utf8 = ls->utf8;
    const unsigned char *p = s + ls->i;
    uint32_t cjk = 0; /* two continuation bytes each */
    for (;;) {
        unsigned char c = *p;
        if (c >= 0xE4 && c <= 0xE9 && ls_cjk(utf8, p) && (c != 0xE4 || p[1] >= 0xB8)) {
            p += 3; /* U+4E00..U+9FFF, as the value reader takes a unit */
            cjk++;
        } else if (line_class[c] == LC_LETTER || line_class[c] == LC_SLASH) {
            p++;
        } else {
            break;
        }
    }
    ls->i = (uint32_t)(p - s);
    ls->cont += 2 * cjk;
    v->unit_len = ls->i - v->unit_off;
    v->len = ls->i - v->off;
    v->wcont = ls->cont - v->cont;
    if (!ls_at_break(ls) || v->len > 512)
        return false;
    if (v->unit_len > 0) {
        const char *u = (const char *)s + v->unit_off;
        jx_keyword kw = ps->kwix ? jx_keyword_find(ps->kwix, u, v->unit_len) : jx_keyword_lookup(u, v->unit_len);
        if (ends_value(kw) && !ls_unit_keyword(ls, kw))
            return false; /* "≥60%权重 30": the word may be the next attribute */
        size_t n = v->unit_len;
        if (jx_value_unit_words_quick(u, &n, &v->percent, &v->sign) != JX_VALUE_OK)
            return false;
        v->unit_cut = n != v->unit_len;
        v->unit_len = n;
    } else {
        v->unit_cut = false;
    }
    return true;
}

/* A string at i without a backslash, a bad byte or a control character other than tab
 * and return, ended by a blank or the line's end; false when it is not such a string or
 * is longer than JX_LIMIT_TOKEN. */
LS_INLINE bool ls_string(line_scan *ls, line_string *str)
{
    const unsigned char *s = ls->s;
    str->off = ls->i;
    str->cont = ls->cont;
    str->plain = true;
    uint32_t i = ls->i + 1, cont = ls->cont;
    for (;;) {
#if defined(__SSE2__)
        /* in valid text, sixteen bytes a step (ls_chunk) up to the first that is not a
         * plain character: a quote, a backslash, a control byte, 0x7F or ','; the
         * continuation bytes before it counted from a mask. A step may end inside a
         * character, whose continuation bytes the next counts; the byte stopped at is
         * ASCII, so the loop below goes on from a character's start. */
        __m128i x;
        unsigned sh;
        while (ls->utf8 && ls_chunk(ls, i, &x, &sh)) {
            __m128i stop = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))),
                _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F)), _mm_cmpeq_epi8(x, _mm_set1_epi8(','))),
                             _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F))));
            unsigned m = (unsigned)_mm_movemask_epi8(stop) >> sh;
            unsigned c = ls_cont_mask(x) >> sh;
            if (m == 0) { /* sh is 0: the line's '\n' stops a chunk that ends the line */
                cont += ls_pop16(c);
                i += 16;
                continue;
            }
            unsigned k = (unsigned)__builtin_ctz(m);
            cont += ls_pop16(c & ((1u << k) - 1));
            i += k;
            break;
        }
#endif
        unsigned char c = s[i];
        if (c == '"')
            break;
        if (c >= 0x80 && ls->utf8) { /* a character's bytes, one at a time */
            cont += c < 0xC0;
            i++;
        } else if (c >= 0x80) {
            size_t k = jx_text_utf8_len((const char *)s + i, ls->end - i);
            if (k == 0)
                return false;
            i += (uint32_t)k;
            cont += (uint32_t)k - 1;
        } else if (c == '\\' || c == '\n' || c == 0x7F || (c < 0x20 && c != '\t' && c != '\r')) {
            return false;
        } else {
            if (c < 0x20 || c == ',')
                str->plain = false;
            i++;
        }
    }
    ls->i = i + 1;
    ls->cont = cont;
    str->len = ls->i - str->off;
    str->wcont = cont - str->cont;
    return ls_at_break(ls) && str->len <= JX_LIMIT_TOKEN;
}

/* What line_indicator did. */
typedef enum line_result {
    LINE_DONE, /* the indicator was read; the parser is at its line's end */
    LINE_NONE, /* no indicator name starts the next line (a blank line, '}' …); nothing changed */
    LINE_LEFT  /* the line is left to parse_indicator; nothing changed */
} line_result;

/* The position of text[off .. off+len) on the line starting at lstart, given the
 * continuation bytes before it and in it. */
static jx_pos line_pos(uint32_t line, uint32_t lstart, uint32_t off, uint32_t len, uint32_t cont, uint32_t wcont)
{
    jx_pos p;
    p.off = off;
    p.line = line;
    p.col = off - lstart - cont + 1;
    p.width = len - wcont;
    if (p.width == 0)
        p.width = 1;
    return p;
}

/* A string in the line's copy: n bytes at c, NUL-terminated there; jx_str_empty when n is 0. */
LS_INLINE jx_str line_str(char *c, uint32_t n)
{
    if (n == 0)
        return jx_str_empty;
    c[n] = '\0';
    jx_str r = {c, n};
    return r;
}

/* The value v read by ls_value into *out, its text and unit in the line's copy (which starts at base). */
LS_INLINE bool line_value_keep(parser *ps, const line_value *v, char *copy, uint32_t base, uint32_t line,
                            uint32_t lstart, jx_value *out)
{
    out->sign = v->sign;
    out->percent = v->percent;
    out->num = v->num;
    out->present = true;
    out->pos = line_pos(line, lstart, v->off, v->len, v->cont, v->wcont);
    out->text = line_str(copy + (v->off - base), v->len);
    out->unit = jx_str_empty;
    if (v->unit_len > 0) {
        const char *u = copy + (v->unit_off - base);
        if (v->unit_cut) {
            char *c = jx_arena_strndup(ps->arena, u, v->unit_len);
            if (!c)
                return false;
            u = c;
        }
        out->unit.s = u;
        out->unit.n = (uint32_t)v->unit_len;
    }
    return true;
}

/*
 * Leaves the parser as the general path leaves it once a line read by a fast path is
 * done: on the token that ends it (end_tk, a newline or '}', at off, len bytes), the
 * last token before it ending at last, on line `line` starting at lstart. cont is the
 * number of continuation bytes between lstart and off when known, so the column of off
 * is known and the next position on the line is counted on from there (a line of many
 * ';'-separated indicators is counted once, not from its start for each); UINT32_MAX
 * when not known.
 */
static void line_leave(parser *ps, uint32_t line, uint32_t lstart, uint32_t last,
                       jx_token_kind end_tk, uint32_t off, uint32_t len, uint32_t cont)
{
    ps->line = line;
    ps->line_start = lstart;
    ps->prev_end = last;
    ps->prev_line = line;
    ps->prev_line_start = lstart;
    ps->tk = end_tk;
    ps->kw = JX_KW_NONE;
    ps->off = off;
    ps->len = len;
    ps->col_off = cont == UINT32_MAX ? lstart : off;
    ps->col = cont == UINT32_MAX ? 1 : off - lstart - cont + 1;
    ps->span_len = 0;
    if (end_tk == JX_TK_RBRACE)
        frame_brace(ps, end_tk, off);
}

/* The first line after the current NEWLINE that is not blank, as ls_next_first finds it. */
typedef struct next_line {
    uint32_t line, lstart, first;
} next_line;

/* line_indicator's values, strings and numbers are set where read and used only under the
 * bit of `seen` set there (or is_qual, hist_text), which gcc cannot follow: it warns that
 * they may be used unset. They are not cleared to quiet it (see there); the warning is off
 * for that function alone. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
/*
 * Reads an ordinary indicator line into group: the line after the current NEWLINE, nx
 * (NULL when there is none), or the rest of the line whose current WORD (not a keyword)
 * is an indicator's name.
 */
static line_result line_indicator(parser *ps, uint32_t group, const next_line *nx)
{
    line_scan ls;
    uint32_t line, lstart;
    if (ps->p->ninds >= JX_LIMIT_INDICATORS)
        return LINE_LEFT; /* parse_indicator reports it */
    if (ps->tk == JX_TK_NEWLINE) {
        if (!nx || !ls_start_name(&ls, ps, nx->lstart, nx->first))
            return LINE_NONE;
        line = nx->line;
        lstart = nx->lstart;
    } else if (((ps->tk == JX_TK_LBRACE && ps->brace_left) || (ps->tk == JX_TK_WORD && ps->kw == JX_KW_NONE)) &&
               ps->bad_byte_end <= ps->line_start) {
        /* the name after a group's '{' (left by line_group), or the current word */
        uint32_t from = ps->tk == JX_TK_WORD ? ps->off : (uint32_t)jx_text_skip_spaces(ps->text, ps->off + 1, ps->end);
        if (!ls_start(&ls, ps, ps->line_start, from) || !ls_name_lead(ls.s[ls.i]))
            return LINE_LEFT;
        line = ps->line;
        lstart = ps->line_start;
        /* continuation bytes before the name, so its column is known: counted on from the
         * last position known on the line (pos_span), never from the line's start again */
        ls.cont = ls.i - lstart - (pos_span(ps, ls.i, 0, true).col - 1);
    } else {
        return LINE_NONE;
    }

    /* the name, its first byte looked at above */
    uint32_t name_off = ls.i, name_cont = ls.cont;
    if (!ls_name_led(&ls))
        return LINE_LEFT;
    uint32_t name_len = ls.i - name_off;
    if ((ps->kwix ? jx_keyword_find(ps->kwix, ps->text + name_off, name_len)
                  : jx_keyword_lookup(ps->text + name_off, name_len)) != JX_KW_NONE)
        return LINE_LEFT;
    uint32_t name_wcont = ls.cont - name_cont;
    ls_blanks(&ls);

    /* the target */
    /* a value, a string and a number's place are set where they are read and used only
     * when read (seen, is_qual, hist_text): none is cleared first, which cost a twentieth of
     * the line's time for the values and 3 M instructions on 100,003 indicators for the
     * strings and numbers; hist_text is read for either history word seen */
    line_value target, actual, hist[2];
    line_string qual, actual_str, reason, hist_str[2], basis;
    bool hist_text[2] = {false, false}; /* [0] 上年, [1] 前年: written as a string */
    bool is_qual = ls_word_is(&ls, LW_QUAL, 6, false), plain = true;
    if (is_qual) {
        ls.i += 6;
        ls.cont += 4;
        ls_blanks(&ls);
        if (ls.s[ls.i] != '"' || !ls_string(&ls, &qual))
            return LINE_LEFT;
        plain = qual.plain;
    } else if (!ls_value(&ls, ps, &target)) {
        return LINE_LEFT;
    }
    uint32_t last = ls.i;

    /* the attributes, each at most once */
    unsigned seen = 0;
    bool actual_text = false;
    jx_judge judge = JX_JUDGE_NONE;
    jx_dec weight, claim;
    uint32_t weight_off, weight_len, weight_cont, claim_off, claim_len, claim_cont;
    jx_token_kind end_tk;
    uint32_t end_len;
    for (;;) {
        /* the commonest case first: one space, then a byte of an attribute word, which
         * neither is a blank nor ends the line */
        if (ls.s[ls.i] == ' ' && ls.s[ls.i + 1] >= 0x80) {
            ls.i++;
        } else {
            ls_blanks(&ls);
            if (ls_eol(&ls, &end_tk, &end_len))
                break;
        }
        unsigned what = ls_attr(&ls);
        if (what == 0)
            return LINE_LEFT;
        if (seen & what)
            return LINE_LEFT;
        seen |= what;
        if (what == A_NA) {
            ls.i += 9;
            ls.cont += 6;
            last = ls.i;
            continue;
        }
        ls.cont += 4;
        if (ls.s[ls.i + 7] > ' ') { /* one blank (ls_attr saw it), the commonest case */
            ls.i += 7;
        } else {
            ls.i += 6;
            ls_blanks_past(&ls);
        }
        switch (what) {
        case A_WEIGHT:
            weight_off = ls.i;
            weight_cont = ls.cont;
            if (!ls_number(&ls, &weight) || !ls_at_break(&ls))
                return LINE_LEFT;
            weight_len = ls.i - weight_off;
            break;
        case A_SCORE:
            claim_off = ls.i;
            claim_cont = ls.cont;
            if (!ls_number(&ls, &claim) || !ls_at_break(&ls))
                return LINE_LEFT;
            claim_len = ls.i - claim_off;
            break;
        case A_ACTUAL:
            if (ls.s[ls.i] == '"') {
                actual_text = true;
                if (!ls_string(&ls, &actual_str))
                    return LINE_LEFT;
                plain = plain && actual_str.plain;
            } else if (!ls_value(&ls, ps, &actual)) {
                return LINE_LEFT;
            }
            break;
        case A_REASON:
            if (ls.s[ls.i] != '"' || !ls_string(&ls, &reason))
                return LINE_LEFT;
            plain = plain && reason.plain;
            break;
        case A_LAST:
        case A_BEFORE: {
            int h = what == A_BEFORE;
            if (ls.s[ls.i] == '"') {
                hist_text[h] = true;
                if (!ls_string(&ls, &hist_str[h]))
                    return LINE_LEFT;
                plain = plain && hist_str[h].plain;
            } else if (!ls_value(&ls, ps, &hist[h])) {
                return LINE_LEFT;
            }
            break;
        }
        case A_BASIS:
            if (ls.s[ls.i] != '"' || !ls_string(&ls, &basis))
                return LINE_LEFT;
            plain = plain && basis.plain;
            break;
        default: /* A_JUDGE */
            if (ls_word_is(&ls, LW_MET, 6, true)) {
                judge = JX_JUDGE_MET;
                ls.i += 6;
                ls.cont += 4;
            } else if (ls_word_is(&ls, LW_PARTLY, 12, true)) {
                judge = JX_JUDGE_PARTLY;
                ls.i += 12;
                ls.cont += 8;
            } else if (ls_word_is(&ls, LW_UNMET, 9, true)) {
                judge = JX_JUDGE_UNMET;
                ls.i += 9;
                ls.cont += 6;
            } else {
                return LINE_LEFT;
            }
            break;
        }
        last = ls.i;
    }

    /* the line reads: keep it as parse_indicator would */
    jx_project *p = ps->p;
    if (p->ninds >= p->inds_cap && JX_GROW(p->alloc, p->inds, p->inds_cap, p->ninds + 1) != 0) {
        ps->nomem = 1;
        return LINE_LEFT;
    }
    char *copy = jx_arena_alloc(ps->arena, last - name_off + 1);
    if (!copy) {
        ps->nomem = 1;
        return LINE_LEFT;
    }
    jx_copy_short(copy, ps->text + name_off, last - name_off);
    copy[last - name_off] = '\0';
    jx_indicator *ind = &p->inds[p->ninds];
    ZERO(ind);
    ind->project = p;
    ind->group = group;
    ind->score = -1;
    ind->formula = "";
    if (plain) {
        ind->plain = copy;
        ind->plain_len = last - name_off;
    }
    ind->pos = line_pos(line, lstart, name_off, name_len, name_cont, name_wcont);
    ind->name = line_str(copy, name_len);
    const char *nm = ind->name.s;
    if (is_qual) {
        ind->target.pos = line_pos(line, lstart, qual.off, qual.len, qual.cont, qual.wcont);
        ind->target.text = line_str(copy + (qual.off + 1 - name_off), qual.len - 2);
        ind->target.unit = jx_str_empty;
        ind->target.sign = JX_SIGN_QUAL;
        ind->target.is_text = true;
        ind->target.present = true;
    } else {
        if (!line_value_keep(ps, &target, copy, name_off, line, lstart, &ind->target))
            return LINE_LEFT;
    }
    ind->actual.unit = ind->actual.text = jx_str_empty;
    if (seen & A_ACTUAL) {
        if (actual_text) {
            ind->actual.pos = line_pos(line, lstart, actual_str.off, actual_str.len, actual_str.cont, actual_str.wcont);
            ind->actual.text = line_str(copy + (actual_str.off + 1 - name_off), actual_str.len - 2);
            ind->actual.is_text = true;
            ind->actual.present = true;
        } else if (!line_value_keep(ps, &actual, copy, name_off, line, lstart, &ind->actual)) {
            return LINE_LEFT;
        }
    }
    ind->reason = (seen & A_REASON) ? line_str(copy + (reason.off + 1 - name_off), reason.len - 2) : jx_str_empty;
    ind->last_year.unit = ind->last_year.text = ind->year_before.unit = ind->year_before.text = jx_str_empty;
    for (int h = 0; h < 2 && (seen & (A_LAST | A_BEFORE)); h++) { /* most lines have neither */
        jx_value *hv = h ? &ind->year_before : &ind->last_year;
        if (!(seen & (h ? A_BEFORE : A_LAST)))
            continue;
        if (hist_text[h]) {
            const line_string *hs = &hist_str[h];
            hv->pos = line_pos(line, lstart, hs->off, hs->len, hs->cont, hs->wcont);
            hv->text = line_str(copy + (hs->off + 1 - name_off), hs->len - 2);
            hv->sign = JX_SIGN_QUAL;
            hv->is_text = true;
            hv->present = true;
        } else if (!line_value_keep(ps, &hist[h], copy, name_off, line, lstart, hv)) {
            return LINE_LEFT;
        } else {
            history_sign(hv);
        }
    }
    ind->basis = (seen & A_BASIS) ? line_str(copy + (basis.off + 1 - name_off), basis.len - 2) : jx_str_empty;
    if (seen & A_BASIS)
        ind->basis_pos = line_pos(line, lstart, basis.off, basis.len, basis.cont, basis.wcont);
    if (seen & A_WEIGHT) {
        ind->has_weight = true;
        ind->weight = weight;
        ind->weight_pos = line_pos(line, lstart, weight_off, weight_len, weight_cont, 0);
    }
    if (seen & A_SCORE) {
        ind->has_claim = true;
        ind->claim = claim;
        ind->claim_pos = line_pos(line, lstart, claim_off, claim_len, claim_cont, 0);
    }
    ind->judge = judge;
    ind->not_applicable = (seen & A_NA) != 0;
    p->ninds++;
    if (!is_qual && ind->target.sign == JX_SIGN_NONE) {
        ind->target.sign = JX_SIGN_EQ;
        ind->target.implicit = true;
        report(ps, JX_SEV_WARNING, "implicit-sign", ind->target.pos,
               "指标“%s”的年度指标值“%s”没有计算符号，按“=%s”计分", nm, ind->target.text.s, ind->target.text.s);
    }
    if ((seen & A_ACTUAL) && !actual_text && ind->actual.sign != JX_SIGN_NONE)
        report_vague_actual(ps, ind);
    if (!ind->has_weight)
        report(ps, JX_SEV_WARNING, "missing-weight", ind->pos, "指标“%s”没有权重，计分时按权重 0 计", nm);

    /* the parser as advance leaves it at the line's end */
    line_leave(ps, line, lstart, last, end_tk, ls.i, end_len, ls.cont);
    return LINE_DONE;
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

/*
 * A group's head written plainly on the first line after the current NEWLINE that is
 * not blank, line `line` starting at lstart, whose scan `at` ls_start_name started: a
 * name as line_indicator takes one, not a keyword, an optional number, then '{' (the
 * line may end there, in a comment too, as ls_comment takes one). Adds the group of
 * level and parent as group_head would and moves past its '{' as group_head does —
 * except that a level-2 '{' followed on its line by a name is left the current token,
 * with brace_left set, for group2_body to hand to line_indicator. Returns the group's
 * index, or -1 having changed nothing on any other line.
 */
LS_INLINE long line_group(parser *ps, int level, uint32_t parent, const line_scan *at, uint32_t line, uint32_t lstart)
{
    line_scan ls = *at;
    uint32_t name_off = ls.i;
    if (!ls_name_led(&ls)) /* its first byte ls_start_name looked at */
        return -1;
    uint32_t name_len = ls.i - name_off, name_wcont = ls.cont, last = ls.i;
    ls_blanks(&ls);
    jx_dec points = {0, 0};
    bool has_points = line_class[ls.s[ls.i]] == LC_DIGIT;
    if (has_points) {
        if (!ls_number(&ls, &points))
            return -1;
        last = ls.i;
        ls_blanks(&ls);
    }
    if (ls.s[ls.i] != '{')
        return -1;
    if ((ps->kwix ? jx_keyword_find(ps->kwix, ps->text + name_off, name_len)
                  : jx_keyword_lookup(ps->text + name_off, name_len)) != JX_KW_NONE)
        return -1;
    jx_project *p = ps->p;
    if (p->ngroups >= p->groups_cap && JX_GROW(p->alloc, p->groups, p->groups_cap, p->ngroups + 1) != 0) {
        ps->nomem = 1;
        return -1;
    }
    /* every member set below, none zeroed first (a member added to jx_group is set here too) */
    jx_group *g = &p->groups[p->ngroups];
    g->level = level;
    g->parent = parent;
    g->pos = line_pos(line, lstart, name_off, name_len, 0, name_wcont);
    g->name = arena_str(ps, ps->text + name_off, name_len);
    g->plain = g->name.s;
    g->has_points = has_points;
    g->points = points;
    g->open_pos = line_pos(line, lstart, ls.i, 1, ls.cont, 0);
    g->score = 0;

    /* the parser past the '{', as advance leaves it */
    ps->line = line;
    ps->line_start = lstart;
    ps->prev_line = line;
    ps->prev_line_start = lstart;
    ps->kw = JX_KW_NONE;
    uint32_t brace = ls.i++, end_len = 1;
    frame_brace(ps, JX_TK_LBRACE, brace);
    ls_blanks(&ls);
    /* the column known on the line: of what follows the '{' and its blanks (an indicator's
     * name, whose position line_indicator then asks for without counting) */
    ps->col_off = ls.i;
    ps->col = ls.i - lstart - ls.cont + 1;
    ps->span_len = 0;
    unsigned char next = ls.s[ls.i];
    if (next == '\n' || next == '}' || ls_comment(&ls, &end_len)) { /* the line ends, or the group there */
        ps->prev_end = brace + 1;
        ps->tk = next == '}' ? JX_TK_RBRACE : JX_TK_NEWLINE;
        ps->off = ls.i;
        ps->len = end_len;
        if (next == '}')
            frame_brace(ps, JX_TK_RBRACE, ls.i);
    } else {
        ps->prev_end = last;
        ps->tk = JX_TK_LBRACE;
        ps->off = brace;
        ps->len = 1;
        /* an indicator after a level-2 '{' is for line_indicator (see group2_body) */
        if (level == 1 || !ls_name_lead(next))
            advance(ps);
        else
            ps->brace_left = 1;
    }
    return (long)p->ngroups++;
}

/*
 * A '}' that closes a group, with nothing after it on its line but spaces and tabs: the
 * current token (a line line_indicator or line_group ended with it), or at `brace`, the
 * first byte past the indentation of the first line after the current NEWLINE that is not
 * blank (ls_next_first), line `line` starting at lstart. Moves past it to its line's
 * newline ("\n" or "\r\n") and returns true, leaving the parser as skip_blank_lines and
 * advance leave it there (a line holding only a '}' never starts a project, so the framer
 * is told of the brace alone); false, having changed nothing, on any other line (a
 * comment, a U+3000, more after the '}', a line longer than JX_LIMIT_LINE), which the
 * general path reads.
 */
LS_INLINE bool line_close_at(parser *ps, uint32_t line, uint32_t lstart, uint32_t brace)
{
    uint32_t nl = brace + 1, nl_len = 1;
    if (nl >= ps->end || ps->text[nl] != '\n') { /* the commonest line, "}\n", needs no more */
        nl = (uint32_t)jx_text_skip_spaces(ps->text, nl, ps->end);
        if (nl < ps->end && ps->text[nl] == '\r' && nl + 1 < ps->end)
            nl_len = 2;
        if (nl + nl_len > ps->end || ps->text[nl + nl_len - 1] != '\n')
            return false;
    }
    if (nl + nl_len - lstart > JX_LIMIT_LINE)
        return false;
    if (ps->tk == JX_TK_NEWLINE) { /* the '}' read as advance reads it */
        ps->line = line;
        ps->line_start = lstart;
        frame_brace(ps, JX_TK_RBRACE, brace);
    }
    ps->prev_end = brace + 1; /* then the newline after it */
    ps->prev_line = line;
    ps->prev_line_start = lstart;
    ps->tk = JX_TK_NEWLINE;
    ps->kw = JX_KW_NONE;
    ps->off = nl;
    ps->len = nl_len;
    return true;
}

/* Which of a project's one-time statements were seen (a second one is an error). */
typedef struct stmt_seen {
    bool dept, org, goal, outcome, dev, remedy, unit; /* 主管部门 … 整改措施, 金额单位 */
} stmt_seen;

/* The bytes of the statement keywords line_stmt knows, and of 项目 (project_word). */
static const char LW_PROJECT[] = "项目", LW_DEPT[] = "主管部门", LW_ORG[] = "单位", LW_YEAR[] = "年度",
                  LW_MONEY_UNIT[] = "金额单位", LW_FUNDS[] = "资金", LW_GOAL[] = "年度目标", LW_OUTCOME[] = "完成情况",
                  LW_DEVIATION[] = "偏离原因", LW_REMEDY[] = "整改措施", LW_INITIAL[] = "年初预算", LW_BUDGET[] = "全年预算",
                  LW_SPENT[] = "全年执行";

/*
 * The amount word at i followed by a blank, as ls_word_is finds it: 0 for 年初预算, 1 for
 * 全年预算, 2 for 全年执行, -1 for none. Their first eight bytes, loaded once, tell them
 * apart (as ls_attr tells the attribute words apart by six), so the line is compared
 * with one word, not with each in turn. The words hold no '\n' (see ls_attr).
 */
LS_INLINE int ls_amount(const line_scan *ls)
{
    if (ls->end - ls->i <= 12) /* 12 bytes and a blank before the scan's end */
        return -1;
    uint64_t w; /* the bytes i .. i+7 */
    memcpy(&w, ls->s + ls->i, 8);
    w = le64toh(w);
    const char *word;
    int k;
    if (w == ls_eight(LW_INITIAL))
        word = LW_INITIAL, k = 0;
    else if (w == ls_eight(LW_BUDGET))
        word = LW_BUDGET, k = 1;
    else if (w == ls_eight(LW_SPENT))
        word = LW_SPENT, k = 2;
    else
        return -1;
    return jx_text_same((const char *)ls->s + ls->i + 8, word + 8, 4) && line_class[ls->s[ls->i + 12]] == LC_BLANK
               ? k
               : -1;
}

/* Moves past the blanks and checks that the line ends there: true with its end token. */
LS_INLINE bool ls_line_end(line_scan *ls, jx_token_kind *tk, uint32_t *len)
{
    ls_blanks(ls);
    return ls_eol(ls, tk, len);
}

/*
 * A project statement written plainly on the line after the current NEWLINE that is not
 * blank, line `line` starting at lstart, whose scan `at` ls_start_name started, read as
 * parse_project_body and end_stmt read it: 主管部门, 单位, 年度目标, 完成情况, 偏离原因 or
 * 整改措施 with a string, 年度 with a four-digit year, 金额单位 with a word, 资金 with
 * an optional source word and one to three amounts, the line ending as ls_eol takes it
 * (a comment included). Sets what it read and leaves the parser at the line's end;
 * returns false and changes nothing on any other line (one that repeats a statement
 * included).
 */
LS_INLINE bool line_stmt(parser *ps, stmt_seen *seen, const line_scan *at, uint32_t line, uint32_t lstart)
{
    line_scan ls = *at;
    jx_project *p = ps->p;
    jx_str *dst = NULL;
    const char **dst_plain = NULL;
    bool *flag = NULL;
    uint32_t klen = 12;
    jx_token_kind end_tk = JX_TK_NEWLINE;
    uint32_t end_len = 0, kw_off = ls.i, last = ls.i;
    /* The second byte of the first character tells the keywords apart but for 年度 and
     * 年度目标 (主 E4 B8, 单 E5 8D, 年 E5 B9, 完 E5 AE, 偏 E5 81, 整 E6 95, 金 E9 87, 资 E8 B5),
     * so each line is compared with one keyword (two for 年), not with each in turn; the
     * comparison takes in the first byte. s[i] is not the line's '\n', so s[i + 1] can be
     * read. */
    enum { S_STRING, S_YEAR, S_UNIT, S_FUNDS } stmt = S_STRING;
    switch (ls.s[ls.i + 1]) {
    case 0xB8:
        if (!ls_word_is(&ls, LW_DEPT, 12, false))
            return false;
        dst = &p->dept, dst_plain = &p->plain.dept, flag = &seen->dept;
        break;
    case 0x8D:
        if (!ls_word_is(&ls, LW_ORG, 6, false))
            return false;
        dst = &p->org, dst_plain = &p->plain.org, flag = &seen->org, klen = 6;
        break;
    case 0xB9:
        if (ls_word_is(&ls, LW_GOAL, 12, false))
            dst = &p->goal, dst_plain = &p->plain.goal, flag = &seen->goal;
        else if (ls_word_is(&ls, LW_YEAR, 6, false))
            stmt = S_YEAR;
        else
            return false;
        break;
    case 0xAE:
        if (!ls_word_is(&ls, LW_OUTCOME, 12, false))
            return false;
        dst = &p->outcome, dst_plain = &p->plain.outcome, flag = &seen->outcome;
        break;
    case 0x81:
        if (!ls_word_is(&ls, LW_DEVIATION, 12, false))
            return false;
        dst = &p->deviation, dst_plain = &p->plain.deviation, flag = &seen->dev;
        break;
    case 0x95:
        if (!ls_word_is(&ls, LW_REMEDY, 12, false))
            return false;
        dst = &p->remedy, dst_plain = &p->plain.remedy, flag = &seen->remedy;
        break;
    case 0x87:
        if (!ls_word_is(&ls, LW_MONEY_UNIT, 12, false))
            return false;
        stmt = S_UNIT;
        break;
    case 0xB5:
        if (!ls_word_is(&ls, LW_FUNDS, 6, false))
            return false;
        stmt = S_FUNDS;
        break;
    default:
        return false;
    }
    if (stmt == S_STRING) { /* KEYWORD STRING */
        if (*flag)
            return false;
        ls.i += klen;
        ls_blanks(&ls);
        line_string str;
        if (ls.s[ls.i] != '"' || !ls_string(&ls, &str))
            return false;
        last = ls.i;
        if (!ls_line_end(&ls, &end_tk, &end_len))
            return false;
        jx_str v = arena_str(ps, ps->text + str.off + 1, str.len - 2);
        if (ps->nomem)
            return false;
        *dst = v;
        *dst_plain = str.plain ? v.s : NULL;
        *flag = true;
    } else if (stmt == S_YEAR) { /* 年度 YYYY */
        if (p->has_year)
            return false;
        ls.i += 6;
        ls_blanks(&ls);
        jx_dec y;
        if (!ls_number(&ls, &y) || y.scale != 0 || y.v < 1000 || y.v > 9999)
            return false;
        last = ls.i;
        if (!ls_line_end(&ls, &end_tk, &end_len))
            return false;
        p->has_year = true;
        p->year = (int)y.v;
    } else if (stmt == S_UNIT) { /* 金额单位 WORD */
        if (seen->unit)
            return false;
        ls.i += 12;
        ls_blanks(&ls);
        uint32_t w = ls.i;
        if (!ls_name(&ls))
            return false;
        last = ls.i;
        if (!ls_line_end(&ls, &end_tk, &end_len))
            return false;
        jx_str v = arena_str(ps, ps->text + w, last - w);
        if (ps->nomem)
            return false;
        p->money_unit = v;
        p->plain.money_unit = v.s; /* a word: letters, digits, marks and CJK characters */
        seen->unit = true;
    } else { /* 资金 [SOURCE] 年初预算 N 全年预算 N 全年执行 N, any of them */
        ls.i += 6;
        ls_blanks(&ls);
        uint32_t src_off = 0, src_len = 0;
        jx_dec amounts[3];
        unsigned got = 0;
        for (;;) {
            int which = ls_amount(&ls);
            if (which < 0) {
                if (got || src_len)
                    break;
                src_off = ls.i; /* the source: a word that is not a keyword */
                if (!ls_name(&ls) || line_class[ls.s[ls.i]] != LC_BLANK)
                    return false;
                src_len = ls.i - src_off;
                if ((ps->kwix ? jx_keyword_find(ps->kwix, ps->text + src_off, src_len)
                              : jx_keyword_lookup(ps->text + src_off, src_len)) != JX_KW_NONE)
                    return false;
                ls_blanks(&ls);
                continue;
            }
            if (got & (1u << which))
                return false;
            got |= 1u << which;
            ls.i += 12;
            ls_blanks(&ls);
            if (!ls_number(&ls, &amounts[which]) || !ls_at_break(&ls))
                return false;
            last = ls.i;
            ls_blanks(&ls);
        }
        if (got == 0 || !ls_eol(&ls, &end_tk, &end_len))
            return false;
        if (JX_GROW(p->alloc, p->funds, p->funds_cap, p->nfunds + 1) != 0) {
            ps->nomem = 1;
            return false;
        }
        /* the row set in its place, every member, none zeroed first (a member added to
         * jx_funds is set here too), counted once it is whole */
        jx_funds *f = &p->funds[p->nfunds];
        f->pos = line_pos(line, lstart, kw_off, 6, 0, 4);
        f->source = src_len ? arena_str(ps, ps->text + src_off, src_len)
                            : arena_str(ps, "年度资金总额", strlen("年度资金总额"));
        if (ps->nomem)
            return false;
        f->source_plain = f->source.s; /* a word, or the default's */
        f->has_initial = (got & 1u) != 0;
        f->has_budget = (got & 2u) != 0;
        f->has_spent = (got & 4u) != 0;
        f->initial = f->has_initial ? amounts[0] : jx_dec_from_int(0);
        f->budget = f->has_budget ? amounts[1] : jx_dec_from_int(0);
        f->spent = f->has_spent ? amounts[2] : jx_dec_from_int(0);
        p->nfunds++;
    }

    /* the parser as end_stmt leaves it at the line's end */
    line_leave(ps, line, lstart, last, end_tk, ls.i, end_len, UINT32_MAX);
    return true;
}

/* ------------------------------------------------------------------ groups */

/*
 * Looks ahead from a NAME: true when it opens a group, NAME [number] '{' on one
 * line. The parser state is left unchanged.
 */
static int looks_like_group(parser *ps)
{
    /* No '{' before the end of the line: no group, without lexing the line twice. (A
     * '{' inside a string or comment would not count, and only makes the look longer.)
     * Both searches are cached, so the names of a long line are not each searched on. */
    uint32_t from = ps->off + ps->len;
    size_t nl = find_byte(ps, &ps->nl, '\n', from);
    if (find_byte(ps, &ps->brace, '{', from) >= (nl < ps->end ? nl : ps->end))
        return 0;
    parser save = *ps;
    ps->quiet = 1;
    advance(ps);
    /* Stopping at every keyword that ends values answers as value_span would: a keyword
     * it takes as a unit is followed by the line's end or by another such keyword, so a
     * run of them never reaches a '{' (the last one is followed by something else and
     * ends the span there). */
    while (!at_end(ps) && ps->tk != JX_TK_LBRACE && ps->tk != JX_TK_STRING && !ends_value(ps->kw))
        advance(ps);
    int yes = ps->tk == JX_TK_LBRACE, bail = ps->fbail;
    *ps = save;
    ps->fbail |= bail; /* a '#' seen looking ahead is on this line all the same */
    return yes;
}

/*
 * Parses `NAME [number] '{'` of a group into a new jx_group of level and parent,
 * leaving the current token after the '{'. Returns the group index, or -1 after
 * reporting an error (the line is then skipped).
 */
static long group_head(parser *ps, int level, uint32_t parent)
{
    jx_project *p = ps->p;
    if (JX_GROW(p->alloc, p->groups, p->groups_cap, p->ngroups + 1) != 0) {
        ps->nomem = 1;
        skip_line(ps);
        return -1;
    }
    jx_group g;
    memset(&g, 0, sizeof g);
    g.level = level;
    g.parent = parent;
    g.pos = tok_pos(ps);
    g.name = name_value(ps);
    if (ps->tk == JX_TK_WORD && !memchr(g.name.s, '\\', g.name.n) && !memchr(g.name.s, ',', g.name.n))
        g.plain = g.name.s; /* a word is valid UTF-8 without quotes or control characters */
    advance(ps);
    if (ps->tk != JX_TK_LBRACE) {
        if (!parse_number(ps, NULL, g.name.s, &g.points, &g.open_pos)) {
            skip_line(ps);
            return -1;
        }
        g.has_points = true;
    }
    if (ps->tk != JX_TK_LBRACE) {
        unexpected(ps, "“{”");
        skip_line(ps);
        return -1;
    }
    g.open_pos = tok_pos(ps);
    advance(ps);
    p->groups[p->ngroups] = g;
    return (long)p->ngroups++;
}

/* Skips a block whose '{' was just consumed, up to and including its '}'. */
static void skip_block(parser *ps)
{
    int depth = 1;
    while (ps->tk != JX_TK_EOF) {
        if (ps->tk == JX_TK_LBRACE)
            depth++;
        else if (ps->tk == JX_TK_RBRACE && --depth == 0) {
            advance(ps);
            return;
        }
        advance(ps);
    }
}

/* The body of the level-2 group gi, whose '{' was just read (or is the current token,
 * an indicator after it on its line, when line_group read the head), to its '}'. */
LS_INLINE void group2_body(parser *ps, long gi)
{
    if (ps->brace_left) {
        line_result lr = line_indicator(ps, (uint32_t)gi, NULL);
        ps->brace_left = 0;
        if (lr != LINE_DONE)
            advance(ps);
    }
    for (;;) {
        line_result lr = LINE_NONE;
        if (ps->tk == JX_TK_NEWLINE) {
            /* the next line that is not blank, looked at once: an indicator or the '}' */
            next_line nx;
            if (ls_next_first(ps, &nx.line, &nx.lstart, &nx.first)) {
                if (ps->text[nx.first] != '}')
                    lr = line_indicator(ps, (uint32_t)gi, &nx);
                else if (line_close_at(ps, nx.line, nx.lstart, nx.first))
                    return;
            }
        } else if (ps->tk == JX_TK_RBRACE) { /* the '}' that ended an indicator's line */
            if (line_close_at(ps, ps->line, ps->line_start, ps->off))
                return;
        } else {
            lr = line_indicator(ps, (uint32_t)gi, NULL);
        }
        if (lr == LINE_DONE)
            continue;
        skip_blank_lines(ps);
        if (ps->tk == JX_TK_RBRACE) {
            advance(ps);
            return;
        }
        if (ps->tk == JX_TK_EOF || ps->kw == JX_KW_PROJECT) {
            missing_close(ps, ps->p->groups[gi].open_pos);
            return;
        }
        if (lr == LINE_NONE && line_indicator(ps, (uint32_t)gi, NULL) == LINE_DONE)
            continue; /* after blank lines */
        if (!at_name(ps) || ends_value(ps->kw)) {
            unexpected(ps, "三级指标名称");
            skip_line(ps);
            continue;
        }
        if (looks_like_group(ps)) {
            report(ps, JX_SEV_ERROR, "syntax", tok_pos(ps),
                   "“%s”是第三层分组：指标只能分两级（一级指标、二级指标）", tok_quote(ps));
            while (ps->tk != JX_TK_LBRACE)
                advance(ps);
            advance(ps);
            skip_block(ps);
            continue;
        }
        parse_indicator(ps, (uint32_t)gi);
    }
}

/*
 * group2 := NAME [NUMBER] '{' { indicator } '}'
 * (a group inside it would be a third level: an error, and the block is skipped)
 */
static void parse_group2(parser *ps, uint32_t parent)
{
    long gi = group_head(ps, 2, parent);
    if (gi >= 0)
        group2_body(ps, gi);
}

/* The body of the level-1 group gi, whose '{' was just read, to its '}'. */
static void group1_body(parser *ps, long gi)
{
    for (;;) {
        /* the next line that is not blank, looked at once: a group's head or a '}' */
        uint32_t line, lstart, first;
        if (ps->tk == JX_TK_NEWLINE && ls_next_first(ps, &line, &lstart, &first)) {
            line_scan ls;
            if (ls_start_name(&ls, ps, lstart, first)) {
                long g2 = line_group(ps, 2, (uint32_t)gi, &ls, line, lstart);
                if (g2 >= 0) {
                    group2_body(ps, g2);
                    continue;
                }
            } else if (ps->text[first] == '}' && line_close_at(ps, line, lstart, first)) {
                return;
            }
        } else if (ps->tk == JX_TK_RBRACE && line_close_at(ps, ps->line, ps->line_start, ps->off)) {
            return;
        }
        skip_blank_lines(ps);
        if (ps->tk == JX_TK_RBRACE) {
            advance(ps);
            return;
        }
        if (ps->tk == JX_TK_EOF || ps->kw == JX_KW_PROJECT) {
            missing_close(ps, ps->p->groups[gi].open_pos);
            return;
        }
        if (at_name(ps) && !ends_value(ps->kw) && looks_like_group(ps)) {
            parse_group2(ps, (uint32_t)gi);
            continue;
        }
        if (at_name(ps))
            report(ps, JX_SEV_ERROR, "syntax", tok_pos(ps),
                   "指标“%s”直接写在一级指标“%s”里：应放在二级指标的“{ }”中", tok_quote(ps),
                   ps->p->groups[gi].name.s);
        else
            unexpected(ps, "二级指标名称");
        skip_line(ps);
    }
}

/* group1 := NAME [NUMBER] '{' { group2 } '}' */
static void parse_group1(parser *ps)
{
    long gi = group_head(ps, 1, 0);
    if (gi >= 0)
        group1_body(ps, gi);
}

/* ---------------------------------------------------------------- projects */

/* STRING statement value into *dst; reports a repeat or a missing string. */
static void string_stmt(parser *ps, jx_str *dst, bool *seen)
{
    if (*seen) {
        repeated_stmt(ps, "项目");
        skip_line(ps);
        return;
    }
    advance(ps);
    if (ps->tk != JX_TK_STRING) {
        unexpected(ps, "带引号的文字");
        skip_line(ps);
        return;
    }
    *dst = string_value(ps);
    *seen = true;
    advance(ps);
}

/* 资金 [SOURCE] amount { amount }, amount := (年初预算 | 全年预算 | 全年执行) NUMBER, each at
 * most once: a target table gives only 年初预算 (see jx_funds for an amount not given). */
static void parse_funds(parser *ps)
{
    jx_project *p = ps->p;
    jx_funds f;
    memset(&f, 0, sizeof f);
    f.pos = tok_pos(ps);
    f.source = arena_str(ps, "年度资金总额", strlen("年度资金总额"));
    advance(ps);
    if (ps->tk == JX_TK_STRING || (ps->tk == JX_TK_WORD && ps->kw == JX_KW_NONE)) {
        f.source = name_value(ps);
        advance(ps);
    }
    bool got[3] = {false, false, false};
    while (!at_end(ps)) {
        int which = ps->kw == JX_KW_INITIAL ? 0 : ps->kw == JX_KW_BUDGET ? 1 : ps->kw == JX_KW_SPENT ? 2 : -1;
        if (which < 0) {
            unexpected(ps, "年初预算、全年预算或全年执行");
            skip_line(ps);
            return;
        }
        if (got[which]) {
            repeated_stmt(ps, "资金");
            skip_line(ps);
            return;
        }
        const char *what = jx_keyword_name(ps->kw);
        advance(ps);
        jx_dec *dst = which == 0 ? &f.initial : which == 1 ? &f.budget : &f.spent;
        jx_pos np;
        if (!parse_number(ps, what, NULL, dst, &np)) {
            skip_line(ps);
            return;
        }
        got[which] = true;
    }
    if (!got[0] && !got[1] && !got[2]) {
        report(ps, JX_SEV_ERROR, "syntax", f.pos, "资金“%s”没有金额：应写年初预算、全年预算、全年执行中的至少一项",
               f.source.s);
        return;
    }
    f.has_initial = got[0];
    f.has_budget = got[1];
    f.has_spent = got[2];
    if (JX_GROW(p->alloc, p->funds, p->funds_cap, p->nfunds + 1) != 0) {
        ps->nomem = 1;
        return;
    }
    p->funds[p->nfunds++] = f;
}

/* GRADE := 优 | 良 | 中 | 差; sets the claimed grade, reporting anything else. */
static void parse_verdict(parser *ps)
{
    jx_project *p = ps->p;
    if (p->claimed_grade != JX_GRADE_NONE) {
        repeated_stmt(ps, "项目");
        skip_line(ps);
        return;
    }
    advance(ps);
    jx_grade g = ps->kw == JX_KW_EXCELLENT ? JX_GRADE_EXCELLENT
               : ps->kw == JX_KW_GOOD    ? JX_GRADE_GOOD
               : ps->kw == JX_KW_FAIR    ? JX_GRADE_FAIR
               : ps->kw == JX_KW_POOR    ? JX_GRADE_POOR
                                         : JX_GRADE_NONE;
    if (g == JX_GRADE_NONE) {
        unexpected(ps, "结论（优、良、中或差）");
        skip_line(ps);
        return;
    }
    p->claimed_grade = g;
    p->grade_pos = tok_pos(ps);
    advance(ps);
}

/* Ends a statement: anything left on its line is an error, and skipped. */
static void end_stmt(parser *ps)
{
    if (!at_end(ps)) {
        report(ps, JX_SEV_ERROR, "syntax", tok_pos(ps), "多余的“%s”", tok_quote(ps));
        skip_line(ps);
    }
}

/*
 * The rest of a project's head line written plainly, the current token being its 项目:
 * a string without a backslash (ls_string) as the name, then '{' and the line's end
 * (a newline, or a comment after a blank, as ls_comment takes one). Sets the name and
 * *open, the '{''s position, and leaves the parser on the newline as advance leaves it
 * past the '{'; false, having changed nothing, on any other line (a name without
 * quotes, a '{' on the next line, anything after it, a line longer than JX_LIMIT_LINE).
 * The string ls_string takes holds no bad byte, so advance would have reported none.
 */
static bool line_project_head(parser *ps, jx_pos *open)
{
    line_scan ls;
    uint32_t lstart = ps->line_start, from = ps->off + ps->len;
    if (ps->bad_byte_end > lstart || !ls_start(&ls, ps, lstart, from))
        return false;
    ls_blanks(&ls);
    line_string str;
    if (ls.s[ls.i] != '"' || !ls_string(&ls, &str))
        return false;
    ls_blanks(&ls);
    if (ls.s[ls.i] != '{')
        return false;
    uint32_t brace = ls.i++, brace_cont = ls.cont, end_len;
    jx_token_kind end_tk;
    if (!ls_line_end(&ls, &end_tk, &end_len) || end_tk != JX_TK_NEWLINE)
        return false;
    jx_str name = arena_str(ps, ps->text + str.off + 1, str.len - 2);
    if (ps->nomem)
        return false;
    ps->p->name = name;
    ps->p->plain.name = str.plain ? name.s : NULL;
    /* ls.cont counted from `from`: the continuation bytes before it are counted on from
     * the column of the 项目 just asked for (pos_span), as line_indicator does */
    uint32_t cont = from - lstart - (pos_span(ps, from, 0, true).col - 1) + brace_cont;
    *open = line_pos(ps->line, lstart, brace, 1, cont, 0);
    frame_brace(ps, JX_TK_LBRACE, brace);
    ps->prev_end = brace + 1;
    ps->prev_line = ps->line;
    ps->prev_line_start = lstart;
    ps->tk = JX_TK_NEWLINE;
    ps->kw = JX_KW_NONE;
    ps->off = ls.i;
    ps->len = end_len;
    return true;
}

/*
 * The rest of a project's head, the current token being its 项目, read by the lexer: the
 * name, then '{' (on a later line too), setting *open to its position and moving past
 * it. False, having reported it, when there is no '{'.
 */
static bool project_head(parser *ps, jx_pos *open)
{
    advance(ps);
    if (!at_name(ps) || ps->kw != JX_KW_NONE) {
        unexpected(ps, "项目名称");
        if (ps->tk != JX_TK_LBRACE)
            skip_line(ps);
    } else {
        ps->p->name = name_value(ps);
        advance(ps);
    }
    skip_blank_lines(ps);
    if (ps->tk != JX_TK_LBRACE) {
        unexpected(ps, "“{”");
        return false;
    }
    *open = tok_pos(ps);
    advance(ps);
    return true;
}

/*
 * Moves to the '}' at brace, the first byte past the indentation of the first line after
 * the current NEWLINE that is not blank (ls_next_first), line `line` starting at lstart,
 * as skip_blank_lines does, and sets *pos to its position as tok_pos then gives it (and
 * the column state as it leaves it), the column known at once: only spaces and tabs come
 * before the '}' on its line. It is no more than JX_LIMIT_LINE bytes into its line, so
 * advance would have reported nothing.
 */
static void line_brace(parser *ps, uint32_t line, uint32_t lstart, uint32_t brace, jx_pos *pos)
{
    assert(ps->text[brace] == '}' && brace + 1 - lstart <= JX_LIMIT_LINE);
    ps->line = line;
    ps->line_start = lstart;
    ps->tk = JX_TK_RBRACE;
    ps->kw = JX_KW_NONE;
    ps->off = brace;
    ps->len = 1;
    frame_brace(ps, JX_TK_RBRACE, brace);
    pos->off = brace;
    pos->line = line;
    pos->col = brace - lstart + 1;
    pos->width = 1;
    ps->col_off = brace;
    ps->col = pos->col;
    ps->span_len = 1;
    ps->span_chars = 1;
    ps->span_bad = ps->bad_byte_end > lstart;
}

/* Moves past the project's '}', the current token: nothing may follow it on its line. */
static void project_end(parser *ps)
{
    advance(ps);
    if (ps->tk != JX_TK_EOF)
        end_stmt(ps);
}

/*
 * project := 项目 NAME '{' { stmt } '}'
 * stmt    := 主管部门 STRING | 单位 STRING | 年度 NUMBER | 金额单位 WORD | 年度目标 STRING
 *          | 完成情况 STRING | 偏离原因 STRING | 整改措施 STRING | 资金 …
 *          | 总分 NUMBER [结论 GRADE] | 结论 GRADE | group1
 * Out of line: inlined into parse_item, with the line paths inlined into it (line_stmt,
 * line_group), it takes more instructions.
 */
static __attribute__((noinline)) void parse_project_body(parser *ps)
{
    jx_project *p = ps->p;
    p->pos = tok_pos(ps);
    jx_pos open;
    if (!line_project_head(ps, &open) && !project_head(ps, &open))
        return;
    stmt_seen seen = {false, false, false, false, false, false, false};
    for (;;) {
        /* the next line that is not blank, looked at once: a statement, a group's head or
         * the project's '}' */
        uint32_t line, lstart, first;
        if (ps->tk == JX_TK_NEWLINE && ls_next_first(ps, &line, &lstart, &first)) {
            line_scan ls;
            if (ls_start_name(&ls, ps, lstart, first)) {
                if (line_stmt(ps, &seen, &ls, line, lstart))
                    continue;
                long g1 = line_group(ps, 1, 0, &ls, line, lstart);
                if (g1 >= 0) {
                    group1_body(ps, g1);
                    continue;
                }
            } else if (ps->text[first] == '}' && first - lstart < JX_LIMIT_LINE) {
                line_brace(ps, line, lstart, first, &p->close_pos);
                project_end(ps);
                return;
            }
        }
        skip_blank_lines(ps);
        switch (ps->tk) {
        case JX_TK_RBRACE:
            p->close_pos = tok_pos(ps);
            project_end(ps);
            return;
        case JX_TK_EOF:
            missing_close(ps, open);
            return;
        default:
            break;
        }
        switch (ps->kw) {
        case JX_KW_PROJECT:
            missing_close(ps, open);
            return;
        case JX_KW_DEPT:
            string_stmt(ps, &p->dept, &seen.dept);
            break;
        case JX_KW_ORG:
            string_stmt(ps, &p->org, &seen.org);
            break;
        case JX_KW_GOAL:
            string_stmt(ps, &p->goal, &seen.goal);
            break;
        case JX_KW_OUTCOME:
            string_stmt(ps, &p->outcome, &seen.outcome);
            break;
        case JX_KW_DEVIATION:
            string_stmt(ps, &p->deviation, &seen.dev);
            break;
        case JX_KW_REMEDY:
            string_stmt(ps, &p->remedy, &seen.remedy);
            break;
        case JX_KW_YEAR: {
            if (p->has_year) {
                repeated_stmt(ps, "项目");
                skip_line(ps);
                break;
            }
            advance(ps);
            jx_dec y;
            jx_pos yp;
            if (!parse_number(ps, "年度", NULL, &y, &yp)) {
                skip_line(ps);
                break;
            }
            if (y.scale != 0 || y.v < 1000 || y.v > 9999) {
                report(ps, JX_SEV_ERROR, "syntax", yp, "年度应为四位整数");
                break;
            }
            p->has_year = true;
            p->year = (int)y.v;
            break;
        }
        case JX_KW_MONEY_UNIT:
            if (seen.unit) {
                repeated_stmt(ps, "项目");
                skip_line(ps);
                break;
            }
            advance(ps);
            if (!at_name(ps)) {
                unexpected(ps, "金额单位（如 万元）");
                skip_line(ps);
                break;
            }
            p->money_unit = name_value(ps);
            seen.unit = true;
            advance(ps);
            break;
        case JX_KW_FUNDS:
            parse_funds(ps);
            break;
        case JX_KW_TOTAL:
            if (p->has_claimed_total) {
                repeated_stmt(ps, "项目");
                skip_line(ps);
                break;
            }
            advance(ps);
            if (!parse_number(ps, "总分", NULL, &p->claimed_total, &p->total_pos)) {
                skip_line(ps);
                break;
            }
            p->has_claimed_total = true;
            if (ps->kw == JX_KW_VERDICT)
                parse_verdict(ps);
            break;
        case JX_KW_VERDICT:
            parse_verdict(ps);
            break;
        case JX_KW_POLICY:
            report(ps, JX_SEV_ERROR, "syntax", tok_pos(ps),
                   "评分办法不能写在项目文件里，请用 --policy 指定");
            skip_line(ps);
            break;
        default:
            if (ps->tk == JX_TK_WORD && ps->kw == JX_KW_NONE && !looks_like_group(ps)) {
                report(ps, JX_SEV_ERROR, "syntax", tok_pos(ps), "未知的关键字“%s”", tok_quote(ps));
                skip_line(ps);
            } else if (at_name(ps) && ps->kw == JX_KW_NONE) {
                parse_group1(ps);
                continue;
            } else {
                unexpected(ps, "项目的内容");
                skip_line(ps);
            }
            continue;
        }
        end_stmt(ps);
    }
}

/* Sets up ps over text[start .. end) with file line first_line at text[0], before its
 * first token (which advance, or project_word, then reads). */
static void parser_init(parser *ps, const char *file, const char *text, size_t start, size_t end,
                        size_t avail, uint32_t first_line, const jx_keyword_index *kwix, int framing,
                        jx_diags *diags, jx_arena *arena)
{
    memset(ps, 0, sizeof *ps);
    ps->diags = diags; /* before the first token, which may already be reported */
    ps->arena = arena;
    ps->framing = framing;
    ps->fcounting = framing;
    ps->kwix = kwix;
    ps->text = text;
    ps->end = end;
    ps->avail = avail;
    ps->src.file = file;
    ps->src.text = text;
    ps->src.len = avail;
    ps->line = first_line;
    ps->line_start = 0;
    lines_end_set(ps);
    /* count lines between text[0] and start */
    for (size_t i = 0; i < start; i++)
        if (text[i] == '\n') {
            ps->line++;
            ps->line_start = (uint32_t)i + 1;
        }
    ps->col_off = ps->line_start;
    ps->col = 1;
    ps->off = (uint32_t)start;
    ps->len = 0;
    ps->tk = JX_TK_SPACE;
}

/*
 * The item's first token, just set up by parser_init, when it is 项目 followed by a blank
 * (the head of nearly every item), past spaces and tabs: read as advance reads it, without
 * the lexer and the keyword table; false, having changed nothing, for anything else,
 * which advance reads. Nothing on the way is reported: a word is no longer than
 * JX_LIMIT_TOKEN, the line no longer than JX_LIMIT_LINE so far, and there is no '#'.
 */
static bool project_word(parser *ps)
{
    uint32_t off = (uint32_t)jx_text_skip_spaces(ps->text, ps->off, ps->end);
    if (ps->end - off <= 6 || !jx_text_same(ps->text + off, LW_PROJECT, 6) ||
        line_class[(unsigned char)ps->text[off + 6]] != LC_BLANK || off + 6 - ps->line_start > JX_LIMIT_LINE)
        return false;
    ps->prev_end = ps->off; /* the end of the empty token parser_init starts at */
    ps->prev_line = ps->line;
    ps->prev_line_start = ps->line_start;
    ps->tk = JX_TK_WORD;
    ps->kw = JX_KW_PROJECT;
    ps->off = off;
    ps->len = 6;
    return true;
}

jx_result jx_parse_project(jx_project *p, jx_value_reader *vr, const jx_item_text *item)
{
    return jx_parse_project_indexed(p, vr, NULL, item);
}

/* Parses the item of p (framing: finding its end as it goes, into *frame). */
static jx_result parse_item(jx_project *p, jx_value_reader *vr, const jx_keyword_index *kwix,
                            const jx_item_text *item, jx_item_frame *frame)
{
    parser ps;
    p->src.file = item->file;
    p->src.text = item->text;
    p->src.len = item->avail;
    p->src.utf8 = item->utf8;
    parser_init(&ps, item->file, item->text, item->start, item->end, item->avail, item->first_line,
                kwix, frame != NULL, &p->diags, &p->arena);
    if (!project_word(&ps))
        advance(&ps);
    ps.p = p;
    ps.vr = vr;
    ps.utf8 = ps.src.utf8 = item->utf8;
    if (ps.kw != JX_KW_PROJECT)
        unexpected(&ps, "“项目”");
    else if (item->end - item->start > JX_LIMIT_PROJECT && !frame)
        report(&ps, JX_SEV_ERROR, "syntax", tok_pos(&ps), "项目过大：一个项目最多 %u 字节", JX_LIMIT_PROJECT);
    else if (item->end - item->start > JX_LIMIT_PROJECT)
        ps.fbail = 1; /* framed first, then refused above */
    else
        parse_project_body(&ps);
    if (frame) {
        frame->found = ps.fended && !ps.fbail;
        frame->end = ps.end;
        frame->end_line = ps.fend_line;
        frame->end_lstart = ps.fend_lstart;
    }
    return ps.nomem || p->diags.oom || p->arena.oom ? JX_ERR_NOMEM : JX_OK;
}

jx_result jx_parse_project_indexed(jx_project *p, jx_value_reader *vr, const jx_keyword_index *kwix,
                                   const jx_item_text *item)
{
    return parse_item(p, vr, kwix, item, NULL);
}

jx_result jx_parse_project_framing(jx_project *p, jx_value_reader *vr, const jx_keyword_index *kwix,
                                   const jx_item_text *item, jx_item_frame *frame)
{
    return parse_item(p, vr, kwix, item, frame);
}

/* ---------------------------------------------------------------- policies */

/* A percentage: NUMBER ['%']. */
static int policy_pct(parser *ps, const char *what, jx_dec *out)
{
    if (ps->tk != JX_TK_NUMBER) {
        report(ps, JX_SEV_ERROR, "syntax", tok_pos(ps), "%s应为数字，这里是“%s”", what,
               tok_quote(ps));
        return 0;
    }
    if (jx_dec_parse(ps->text + ps->off, ps->len, out) != JX_DEC_OK) {
        report(ps, JX_SEV_ERROR, "syntax", tok_pos(ps), "%s“%s”数字过长", what, tok_quote(ps));
        return 0;
    }
    advance(ps);
    if (ps->tk == JX_TK_PERCENT)
        advance(ps);
    return 1;
}

/* Expects keyword kw (reporting what was wanted); advances past it. */
static int policy_expect(parser *ps, jx_keyword kw)
{
    if (ps->kw != kw) {
        char want[64];
        snprintf(want, sizeof want, "“%s”", jx_keyword_name(kw));
        unexpected(ps, want);
        return 0;
    }
    advance(ps);
    return 1;
}

/* 一级分值 NAME N [分] { NAME N [分] }: replaces any earlier list; checked in policy.c. */
static int policy_level1(parser *ps, jx_policy *pol)
{
    pol->nlevel1 = 0;
    do {
        if (!at_name(ps) || ps->kw != JX_KW_NONE) {
            unexpected(ps, "一级指标的名称");
            return 0;
        }
        if (pol->nlevel1 == JX_LEVEL1_MAX) {
            report(ps, JX_SEV_ERROR, "syntax", tok_pos(ps), "一级分值最多列 %d 个一级指标", JX_LEVEL1_MAX);
            return 0;
        }
        jx_level1_points *e = &pol->level1[pol->nlevel1];
        e->pos = tok_pos(ps);
        e->names = name_value(ps);
        advance(ps);
        if (ps->tk != JX_TK_NUMBER) {
            unexpected(ps, "一级指标的分值（数字）");
            return 0;
        }
        if (jx_dec_parse(ps->text + ps->off, ps->len, &e->points) != JX_DEC_OK) {
            report(ps, JX_SEV_ERROR, "syntax", tok_pos(ps), "一级分值“%s”数字过长", tok_quote(ps));
            return 0;
        }
        advance(ps);
        if (ps->kw == JX_KW_POINTS)
            advance(ps);
        pol->nlevel1++;
    } while (!at_end(ps));
    return 1;
}

/*
 * setting := 等级 优 N 良 N 中 N | 反向 (线性 | 比例)
 *          | 定性 达成 N% 部分达成 N% 未达成 N%
 *          | 定性区间 达成 N% N% 部分达成 N% N% 未达成 N% N%
 *          | 超额提示 N% | 预算执行率 (不单列 | 单列 N 分 [封顶])
 *          | 不适用 (剔除 | 按比例折算) | 小数 N | 一级分值 NAME N [分] … | 执行偏差 N%
 * Returns 1 when the setting was read whole.
 */
static int policy_setting(parser *ps, jx_policy *pol)
{
    static const jx_keyword judges[3] = {JX_KW_MET, JX_KW_PARTLY, JX_KW_UNMET};
    static const jx_keyword grades[3] = {JX_KW_EXCELLENT, JX_KW_GOOD, JX_KW_FAIR};
    switch (ps->kw) {
    case JX_KW_BANDS:
        advance(ps);
        for (int i = 0; i < 3; i++)
            if (!policy_expect(ps, grades[i]) || !policy_pct(ps, "等级分数线", &pol->bands[i]))
                return 0;
        return 1;
    case JX_KW_REVERSE:
        advance(ps);
        if (ps->kw == JX_KW_LINEAR)
            pol->reverse = JX_REVERSE_LINEAR;
        else if (ps->kw == JX_KW_RATIO)
            pol->reverse = JX_REVERSE_RATIO;
        else {
            unexpected(ps, "“线性”或“比例”");
            return 0;
        }
        advance(ps);
        return 1;
    case JX_KW_QUALITATIVE:
        advance(ps);
        for (int i = 0; i < 3; i++)
            if (!policy_expect(ps, judges[i]) || !policy_pct(ps, "定性百分比", &pol->qual_pct[i]))
                return 0;
        return 1;
    case JX_KW_QUAL_BANDS:
        pol->qual_bands_pos = tok_pos(ps);
        advance(ps);
        for (int i = 0; i < 3; i++)
            if (!policy_expect(ps, judges[i]) || !policy_pct(ps, "定性区间", &pol->qual_band_lo[i]) ||
                !policy_pct(ps, "定性区间", &pol->qual_band_hi[i]))
                return 0;
        return 1;
    case JX_KW_OVER_TARGET:
        advance(ps);
        return policy_pct(ps, "超额提示", &pol->over_pct);
    case JX_KW_EXEC_RATE:
        advance(ps);
        if (ps->kw == JX_KW_INLINE) {
            pol->exec_separate = false;
            pol->layout_total = jx_dec_from_int(100);
            advance(ps);
            return 1;
        }
        if (!policy_expect(ps, JX_KW_SEPARATE) || !policy_pct(ps, "预算执行率分值", &pol->exec_points))
            return 0;
        if (ps->kw == JX_KW_POINTS)
            advance(ps);
        pol->exec_separate = true;
        pol->exec_cap = false;
        if (ps->kw == JX_KW_CAP) {
            pol->exec_cap = true;
            advance(ps);
        }
        {
            __int128 rest = jx_dec_scaled(jx_dec_from_int(100), pol->exec_points.scale) - pol->exec_points.v;
            pol->layout_total.v = (int64_t)rest;
            pol->layout_total.scale = pol->exec_points.scale;
        }
        return 1;
    case JX_KW_NOT_APPLICABLE:
        advance(ps);
        if (ps->kw == JX_KW_DROP)
            pol->na_rule = JX_NA_DROP;
        else if (ps->kw == JX_KW_RESCALE)
            pol->na_rule = JX_NA_RESCALE;
        else {
            unexpected(ps, "“剔除”或“按比例折算”");
            return 0;
        }
        advance(ps);
        return 1;
    case JX_KW_DECIMALS: {
        advance(ps);
        jx_dec d;
        jx_pos dp = tok_pos(ps);
        if (!policy_pct(ps, "小数", &d))
            return 0;
        if (d.scale != 0 || d.v < 0 || d.v > 4) {
            report(ps, JX_SEV_ERROR, "syntax", dp, "小数应为 0 到 4 的整数");
            return 0;
        }
        pol->decimals = (int)d.v;
        return 1;
    }
    case JX_KW_LEVEL1_POINTS:
        advance(ps);
        return policy_level1(ps, pol);
    case JX_KW_EXEC_GAP:
        advance(ps);
        return policy_pct(ps, "执行偏差", &pol->exec_gap_pct);
    default:
        if (ps->tk == JX_TK_WORD)
            report(ps, JX_SEV_ERROR, "syntax", tok_pos(ps), "未知的关键字“%s”", tok_quote(ps));
        else
            unexpected(ps, "评分办法的设置");
        return 0;
    }
}

/* policy_block := 评分办法 STRING '{' { setting } '}' */
jx_result jx_parse_policy_text(jx_policy *pol, const char *file, const char *text, size_t len)
{
    parser ps;
    parser_init(&ps, file, text, 0, len, len, 1, NULL, 0, &pol->diags, &pol->arena);
    advance(&ps);
    skip_blank_lines(&ps);
    if (ps.kw != JX_KW_POLICY) {
        unexpected(&ps, "“评分办法”");
        return ps.nomem ? JX_ERR_NOMEM : JX_ERR_INPUT;
    }
    pol->pos = tok_pos(&ps);
    advance(&ps);
    if (at_name(&ps) && ps.kw == JX_KW_NONE) {
        pol->name = name_value(&ps);
        advance(&ps);
    } else {
        unexpected(&ps, "评分办法的名称");
    }
    skip_blank_lines(&ps);
    if (ps.tk != JX_TK_LBRACE) {
        unexpected(&ps, "“{”");
        return ps.nomem ? JX_ERR_NOMEM : JX_ERR_INPUT;
    }
    jx_pos open = tok_pos(&ps);
    advance(&ps);
    for (;;) {
        skip_blank_lines(&ps);
        if (ps.tk == JX_TK_RBRACE) {
            advance(&ps);
            break;
        }
        if (ps.tk == JX_TK_EOF) {
            missing_close(&ps, open);
            break;
        }
        if (!policy_setting(&ps, pol))
            skip_line(&ps);
        else
            end_stmt(&ps);
    }
    skip_blank_lines(&ps);
    if (ps.tk != JX_TK_EOF) {
        report(&ps, JX_SEV_ERROR, "syntax", tok_pos(&ps), "评分办法文件只能有一个“评分办法”块，多余的“%s”",
               tok_quote(&ps));
    }
    if (ps.nomem || pol->diags.oom || pol->arena.oom)
        return JX_ERR_NOMEM;
    return pol->diags.errors ? JX_ERR_INPUT : JX_OK;
}
