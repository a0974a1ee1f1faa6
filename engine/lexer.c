/* lexer.c — the stateless tokenizer of the rule DSL (after SQLite's tokenize.c).
 *
 * jx_lex looks at the bytes at s and says what token starts there and how long it
 * is. It keeps no state and allocates nothing; the parser calls it in a loop.
 */
#include "lexer.h"

#include <stdint.h>

/*
 * Length of the valid UTF-8 sequence at s (n > 0 bytes remain), or 0 when s[0] does
 * not start one (stray continuation byte, overlong form, surrogate, beyond U+10FFFF,
 * or a sequence cut short).
 */
static inline size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    /* the common case: a CJK character, E1..EC followed by two continuation bytes */
    if (c >= 0xE1 && c <= 0xEC && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80)
        return 3;
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

/* True for the ideographic space U+3000, which counts as a blank. */
static int is_wide_space(const unsigned char *s, size_t n)
{
    return n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80;
}

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

/* Length of the blank run at s (spaces, tabs, lone returns, U+3000); 0 when none. */
static size_t blank_len(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (s[i] == ' ' || s[i] == '\t' || (s[i] == '\r' && !(i + 1 < n && s[i + 1] == '\n')))
            i++;
        else if (is_wide_space(s + i, n - i))
            i += 3;
        else
            break;
    }
    return i;
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
    if (is_control(c) || is_wide_space(s, n) || is_wide_percent(s, n) || sign_char_len(s, n))
        return 1;
    return utf8_seq_len(s, n) == 0;
}

jx_token_kind jx_lex(const char *text, size_t n, size_t *len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i;
    if (n == 0) {
        *len = 0;
        return JX_TK_EOF;
    }
    switch (s[0]) {
    case '\n':
        *len = 1;
        return JX_TK_NEWLINE;
    case '\r':
        if (n >= 2 && s[1] == '\n') {
            *len = 2;
            return JX_TK_NEWLINE;
        }
        break;
    case ';':
        *len = 1;
        return JX_TK_SEMI;
    case '{':
        *len = 1;
        return JX_TK_LBRACE;
    case '}':
        *len = 1;
        return JX_TK_RBRACE;
    case '%':
        *len = 1;
        return JX_TK_PERCENT;
    case '#':
        for (i = 1; i < n && s[i] != '\n'; i++)
            ;
        if (i > 1 && s[i - 1] == '\r' && i < n)
            i--;
        *len = i;
        return JX_TK_COMMENT;
    case '"':
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
    default:
        break;
    }
    if ((i = blank_len(s, n)) > 0) {
        *len = i;
        return JX_TK_SPACE;
    }
    if (is_control(s[0]) || utf8_seq_len(s, n) == 0) {
        *len = 1;
        return JX_TK_INVALID;
    }
    if (is_wide_percent(s, n)) {
        *len = 3;
        return JX_TK_PERCENT;
    }
    if ((i = sign_char_len(s, n)) > 0) {
        size_t k;
        while (i < n && (k = sign_char_len(s + i, n - i)) > 0)
            i += k;
        *len = i;
        return JX_TK_SIGN;
    }
    /* NUMBER: [+-]?digits[.digits] */
    i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
    if (i < n && s[i] >= '0' && s[i] <= '9') {
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i + 1 < n && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
            i++;
            while (i < n && s[i] >= '0' && s[i] <= '9')
                i++;
        }
        *len = i;
        return JX_TK_NUMBER;
    }
    /* WORD: everything else up to a blank, delimiter, sign or invalid byte. ASCII
     * bytes are decided by one test; multi-byte characters are validated, and only
     * those starting with E2, E3 or EF can be blanks, signs or ％. */
    i = utf8_seq_len(s, n);
    if (i == 0)
        i = 1;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            if (c <= ' ' || c == '{' || c == '}' || c == ';' || c == '"' || c == '%' || c == '<' ||
                c == '>' || c == '=' || c == 0x7F || (c == '!' && i + 1 < n && s[i + 1] == '='))
                break;
            i++;
            continue;
        }
        if ((c == 0xE2 || c == 0xE3 || c == 0xEF) && ends_word(s + i, n - i))
            break;
        size_t k = utf8_seq_len(s + i, n - i);
        if (k == 0)
            break;
        i += k;
    }
    *len = i;
    return JX_TK_WORD;
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
        size_t k = utf8_seq_len(s + i, n - i);
        if (k == 0)
            return i;
        i += k;
    }
    return n;
}

const char *jx_token_kind_name(jx_token_kind k)
{
    static const char *const names[] = {
        "EOF", "NEWLINE", "SEMI", "LBRACE", "RBRACE", "STRING", "NUMBER", "PERCENT",
        "SIGN", "WORD", "COMMENT", "SPACE", "INVALID", "UNTERMINATED",
    };
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}
