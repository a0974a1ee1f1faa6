/* SPDX-License-Identifier: MIT */
/* lexer.c — the stateless tokenizer of the rule DSL (after SQLite's tokenize.c).
 *
 * jx_lex looks at the bytes at s and says what token starts there and how long it
 * is. It keeps no state and allocates nothing; the parser calls it in a loop. Its
 * blanks are the language's (JX_TEXT_DSL) and its idea of valid UTF-8 text.h's.
 */
#include "lexer.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* True for ％ (U+FF05). */
static int is_wide_percent(const unsigned char *s, size_t n)
{
    return n >= 3 && s[0] == 0xEF && s[1] == 0xBC && s[2] == 0x85;
}

/*
 * Length of the sign character at s, or 0. Sign characters: ASCII < > =, "!="'s '!',
 * the mathematical relations U+2260–U+226F (≠ ≤ ≥ ≦ ≧ …), ≈ (U+2248) and the
 * full-width ＜ ＝ ＞ (U+FF1C–U+FF1E). Wrong ones (≠, =<) are lexed as signs too so
 * the value reader can name them.
 */
static size_t sign_char_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c == '<' || c == '>' || c == '=')
        return 1;
    if (c == '!' && n >= 2 && s[1] == '=')
        return 1;
    if (n >= 3 && c == 0xE2 && s[1] == 0x89 && ((s[2] >= 0xA0 && s[2] <= 0xAF) || s[2] == 0x88))
        return 3;
    if (n >= 3 && c == 0xEF && s[1] == 0xBC && s[2] >= 0x9C && s[2] <= 0x9E)
        return 3;
    return 0;
}

/* True when c is an ASCII control character other than tab, newline and return. */
static int is_control(unsigned c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
}

/* True when a word cannot continue at s: a blank, a delimiter, a sign, an invalid byte. */
static int ends_word(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    switch (c) {
    case ' ': case '\t': case '\r': case '\n': case '{': case '}': case ';': case '"': case '%':
        return 1;
    default:
        break;
    }
    if (is_control(c) || jx_text_blank_at((const char *)s, n, JX_TEXT_DSL) || is_wide_percent(s, n) ||
        sign_char_len(s, n))
        return 1;
    return jx_text_utf8_len((const char *)s, n) == 0;
}

/* What the first byte of a token says about the token (see jx_lex). */
enum {
    LF_WORD = 0,  /* an ASCII byte that starts a word */
    LF_NEWLINE,   /* '\n' */
    LF_CR,        /* '\r': a newline before '\n', else a blank */
    LF_PUNCT,     /* ; { } %: a token of one byte */
    LF_HASH,      /* '#': a comment */
    LF_QUOTE,     /* '"': a string */
    LF_BLANK,     /* space, tab */
    LF_SIGN,      /* < > = */
    LF_BANG,      /* '!': a sign before '=', else a word */
    LF_DIGIT,     /* 0-9: a number */
    LF_PLUSMINUS, /* + -: a number before a digit, else a word */
    LF_INVALID,   /* a control character, or a byte that never starts a character */
    LF_LEAD,      /* the lead of a multi-byte character: a word when the character is valid */
    LF_SPECIAL    /* E2, E3, EF: also the leads of signs, U+3000 and ％ */
};

/* The class of every byte as the first byte of a token. */
static const unsigned char lex_first[256] = {
    [0x00 ... 0x08] = LF_INVALID, ['\t'] = LF_BLANK, ['\n'] = LF_NEWLINE,
    [0x0B ... 0x0C] = LF_INVALID, ['\r'] = LF_CR, [0x0E ... 0x1F] = LF_INVALID,
    [' '] = LF_BLANK, ['!'] = LF_BANG, ['"'] = LF_QUOTE, ['#'] = LF_HASH, ['%'] = LF_PUNCT,
    ['+'] = LF_PLUSMINUS, ['-'] = LF_PLUSMINUS, ['0' ... '9'] = LF_DIGIT, [';'] = LF_PUNCT,
    ['<' ... '>'] = LF_SIGN, ['{'] = LF_PUNCT, ['}'] = LF_PUNCT, [0x7F] = LF_INVALID,
    [0x80 ... 0xC1] = LF_INVALID, [0xC2 ... 0xE1] = LF_LEAD, [0xE2 ... 0xE3] = LF_SPECIAL,
    [0xE4 ... 0xEE] = LF_LEAD, [0xEF] = LF_SPECIAL, [0xF0 ... 0xF4] = LF_LEAD,
    [0xF5 ... 0xFF] = LF_INVALID,
};

/* What a byte does inside a word. */
enum {
    LW_END = 0, /* ends it: a blank, a delimiter, a sign, a control or invalid byte */
    LW_ASCII,   /* one more ASCII byte of the word */
    LW_LEAD,    /* the lead of a multi-byte character: the word goes on if it is valid */
    LW_CJK,     /* E1, E4..EC: the lead of a 3-byte character that is valid whenever its two
                   continuation bytes are (no overlong form or surrogate starts so) */
    LW_SPECIAL, /* E2, E3, EF: may be a blank, a sign or ％, which end the word */
    LW_BANG     /* '!': ends the word before '=' */
};

/* The class of every byte inside a word. */
static const unsigned char lex_word[256] = {
    ['!'] = LW_BANG, ['#' ... '$'] = LW_ASCII, ['&' ... ':'] = LW_ASCII,
    ['?' ... 'z'] = LW_ASCII, ['|'] = LW_ASCII, ['~'] = LW_ASCII,
    [0xC2 ... 0xE0] = LW_LEAD, [0xE1] = LW_CJK, [0xE2 ... 0xE3] = LW_SPECIAL,
    [0xE4 ... 0xEC] = LW_CJK, [0xED ... 0xEE] = LW_LEAD, [0xEF] = LW_SPECIAL,
    [0xF0 ... 0xF4] = LW_LEAD,
};

/* Length of the word starting at s, whose first character (i bytes) is known to be valid. */
static size_t word_len(const unsigned char *s, size_t n, size_t i)
{
    while (i < n) {
        size_t k;
        unsigned cls = lex_word[s[i]];
        /* the usual bytes first, tested by plain branches (a jump table mispredicts) */
        if (cls == LW_CJK) {
            if (n - i < 3 || !jx_text_cont2(s + i + 1))
                return i;
            i += 3;
            continue;
        }
        if (cls == LW_ASCII) {
            i++;
            continue;
        }
        switch (cls) {
        case LW_LEAD:
            if ((k = jx_text_utf8_len((const char *)s + i, n - i)) == 0)
                return i;
            i += k;
            continue;
        case LW_SPECIAL:
            if (ends_word(s + i, n - i))
                return i;
            i += jx_text_utf8_len((const char *)s + i, n - i); /* valid: ends_word checked it */
            continue;
        case LW_BANG:
            if (i + 1 < n && s[i + 1] == '=')
                return i;
            i++;
            continue;
        default:
            return i;
        }
    }
    return i;
}

/* Length of the run of sign characters at s, which starts with one. */
static size_t sign_run_len(const unsigned char *s, size_t n)
{
    size_t i = 0, k;
    while (i < n && (k = sign_char_len(s + i, n - i)) > 0)
        i += k;
    return i;
}

/* Length of the number at s: [+-]?digits[.digits], s[0] or s[1] being a digit. */
static size_t number_len(const unsigned char *s, size_t n)
{
    size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i + 1 < n && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    return i;
}

/* The token at a lead byte: a word when its character is valid, else an invalid byte. */
static jx_token_kind lead_token(const unsigned char *s, size_t n, size_t *len)
{
    size_t i = jx_text_utf8_len((const char *)s, n);
    if (i == 0) {
        *len = 1;
        return JX_TK_INVALID;
    }
    *len = word_len(s, n, i);
    return JX_TK_WORD;
}

/*
 * The token kinds, decided by the first byte's class: newline, punctuation, comment,
 * string, blanks, invalid byte, ％, sign, number, and a word for everything else. A
 * lead byte of E2, E3 or EF is looked at further, since U+3000, ％ and the sign
 * characters start with those.
 */
jx_token_kind jx_lex(const char *text, size_t n, size_t *len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i;
    if (n == 0) {
        *len = 0;
        return JX_TK_EOF;
    }
    unsigned cls = lex_first[s[0]];
    /* the usual tokens first, tested by plain branches (a jump table mispredicts) */
    if (cls == LF_LEAD)
        return lead_token(s, n, len);
    if (cls == LF_DIGIT) {
        *len = number_len(s, n);
        return JX_TK_NUMBER;
    }
    if (cls == LF_NEWLINE) {
        *len = 1;
        return JX_TK_NEWLINE;
    }
    switch (cls) {
    case LF_NEWLINE:
        *len = 1;
        return JX_TK_NEWLINE;
    case LF_CR:
        if (n >= 2 && s[1] == '\n') {
            *len = 2;
            return JX_TK_NEWLINE;
        }
        *len = jx_text_blank_run(text, n, JX_TEXT_DSL);
        return JX_TK_SPACE;
    case LF_PUNCT:
        *len = 1;
        return s[0] == ';' ? JX_TK_SEMI : s[0] == '{' ? JX_TK_LBRACE : s[0] == '}' ? JX_TK_RBRACE
                                                                                    : JX_TK_PERCENT;
    case LF_HASH:
        for (i = 1; i < n && s[i] != '\n'; i++)
            ;
        if (i > 1 && s[i - 1] == '\r' && i < n)
            i--;
        *len = i;
        return JX_TK_COMMENT;
    case LF_QUOTE:
        for (i = 1; i < n && s[i] != '\n'; i++) {
            if (s[i] == '\\' && i + 1 < n && (s[i + 1] == '"' || s[i + 1] == '\\'))
                i++;
            else if (s[i] == '"') {
                *len = i + 1;
                return JX_TK_STRING;
            }
        }
        if (i > 1 && s[i - 1] == '\r')
            i--;
        *len = i;
        return JX_TK_UNTERMINATED;
    case LF_BLANK:
        *len = jx_text_blank_run(text, n, JX_TEXT_DSL);
        return JX_TK_SPACE;
    case LF_INVALID:
        *len = 1;
        return JX_TK_INVALID;
    case LF_SIGN:
        *len = sign_run_len(s, n);
        return JX_TK_SIGN;
    case LF_BANG:
        if (n >= 2 && s[1] == '=') {
            *len = sign_run_len(s, n);
            return JX_TK_SIGN;
        }
        *len = word_len(s, n, 1);
        return JX_TK_WORD;
    case LF_DIGIT:
        *len = number_len(s, n);
        return JX_TK_NUMBER;
    case LF_PLUSMINUS:
        if (n >= 2 && s[1] >= '0' && s[1] <= '9') {
            *len = number_len(s, n);
            return JX_TK_NUMBER;
        }
        *len = word_len(s, n, 1);
        return JX_TK_WORD;
    case LF_SPECIAL:
        if (jx_text_blank_at(text, n, JX_TEXT_DSL)) { /* U+3000 */
            *len = jx_text_blank_run(text, n, JX_TEXT_DSL);
            return JX_TK_SPACE;
        }
        if (is_wide_percent(s, n)) {
            *len = 3;
            return JX_TK_PERCENT;
        }
        if (sign_char_len(s, n) > 0) {
            *len = sign_run_len(s, n);
            return JX_TK_SIGN;
        }
        return lead_token(s, n, len);
    case LF_LEAD:
        return lead_token(s, n, len);
    default: /* LF_WORD */
        *len = word_len(s, n, 1);
        return JX_TK_WORD;
    }
}

size_t jx_lex_first_bad_byte(const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < n) {
        if (s[i] < 0x80) {
            if (is_control(s[i]) && s[i] != '\r')
                return i;
            i++;
            continue;
        }
        size_t k = jx_text_utf8_len((const char *)s + i, n - i);
        if (k == 0)
            return i;
        i += k;
    }
    return n;
}

bool jx_lex_bare_name(const char *s, size_t n)
{
    size_t len;
    if (n == 0 || memchr(s, '#', n))
        return false;
    if (jx_lex(s, n, &len) != JX_TK_WORD || len != n)
        return false;
    return jx_keyword_lookup(s, n) == JX_KW_NONE;
}

/* True when d[i..limit) starts with the bytes of 项目 or project (a word may go on). */
static bool at_project_bytes(const char *d, size_t i, size_t limit)
{
    return (limit - i >= 6 && memcmp(d + i, "项目", 6) == 0) ||
           (limit - i >= 7 && memcmp(d + i, "project", 7) == 0);
}

/*
 * A quick look at a line starting at d[off] (off < limit): false when its first bytes
 * show it cannot start with the 项目 keyword, so that most lines are never lexed. Only
 * lines starting with a blank, 项 or p are taken.
 */
static bool may_start_project(const char *d, size_t off, size_t limit)
{
    unsigned char f = (unsigned char)d[off];
    if (f == 0xE9 || f == 'p')
        return at_project_bytes(d, off, limit);
    if (f == 0xE3) /* U+3000 */
        return true;
    if (f != ' ' && f != '\t')
        return false;
    size_t i = jx_text_skip_spaces(d, off, limit);
    /* a lone '\r' or U+3000 continues the blanks: leave those lines to the lexer */
    return i == limit || d[i] == '\r' || (unsigned char)d[i] == 0xE3 || at_project_bytes(d, i, limit);
}

bool jx_line_starts_project(const char *d, size_t off, size_t limit)
{
    if (off >= limit || !may_start_project(d, off, limit))
        return false;
    size_t n;
    jx_token_kind k = jx_lex(d + off, limit - off, &n);
    if (k == JX_TK_SPACE) {
        off += n;
        k = jx_lex(d + off, limit - off, &n);
    }
    return k == JX_TK_WORD && jx_keyword_lookup(d + off, n) == JX_KW_PROJECT;
}

const char *jx_token_kind_name(jx_token_kind k)
{
    static const char *const names[] = {
        "EOF", "NEWLINE", "SEMI", "LBRACE", "RBRACE", "STRING", "NUMBER", "PERCENT",
        "SIGN", "WORD", "COMMENT", "SPACE", "INVALID", "UNTERMINATED",
    };
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

bool jx_keyword_in_value(jx_keyword kw, const char *rest, size_t n, const jx_keyword_index *ix)
{
    if (!jx_keyword_ends_value(kw))
        return true;
    if (kw == JX_KW_NOT_APPLICABLE)
        return false; /* a flag: nothing after it could be missing */
    size_t off = 0, len;
    jx_token_kind k;
    while ((k = jx_lex(rest + off, n - off, &len)) == JX_TK_SPACE)
        off += len;
    switch (k) {
    case JX_TK_EOF:
    case JX_TK_NEWLINE:
    case JX_TK_SEMI:
    case JX_TK_RBRACE:
    case JX_TK_COMMENT:
        return true; /* the line ends: nothing is there to be the keyword's value */
    case JX_TK_WORD: {
        jx_keyword next = ix ? jx_keyword_find(ix, rest + off, len) : jx_keyword_lookup(rest + off, len);
        if (next == JX_KW_QUALITATIVE && (kw == JX_KW_LAST_YEAR || kw == JX_KW_YEAR_BEFORE))
            return false; /* 上年 定性 "…": the history's own value */
        return jx_keyword_ends_value(next);
    }
    default:
        return false; /* a number, a string, a sign, '{' …: the keyword's own value */
    }
}
