/* width.c — UTF-8 decoding and display widths, via utf8proc's tables. */
#include "width.h"

#include <utf8proc.h>

size_t jx_utf8_decode(const char *s, size_t n, int32_t *cp)
{
    if (n == 0) {
        *cp = -1;
        return 0;
    }
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    /* a 3-byte character led by E1..EF but ED (CJK, full-width forms) cannot be overlong
     * or a surrogate: valid whenever its continuation bytes are, decoded here */
    if (c >= 0xE1 && c != 0xED && c <= 0xEF && n >= 3 && ((unsigned char)s[1] & 0xC0) == 0x80 &&
        ((unsigned char)s[2] & 0xC0) == 0x80) {
        *cp = (int32_t)(((c & 0x0Fu) << 12) | (((unsigned char)s[1] & 0x3Fu) << 6) |
                        ((unsigned char)s[2] & 0x3Fu));
        return 3;
    }
    utf8proc_int32_t out;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out);
    if (k <= 0) {
        *cp = -1;
        return 1;
    }
    *cp = out;
    return (size_t)k;
}

int jx_char_width(int32_t cp)
{
    if (cp < 0)
        return 1;
    if (cp < 0x80)
        return cp >= 0x20 && cp != 0x7f ? 1 : (cp == '\t' ? 1 : 0);
    int w = utf8proc_charwidth(cp);
    return w < 0 ? 1 : w;
}

size_t jx_display_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            w += (c >= 0x20 && c != 0x7f) || c == '\t';
            i++;
            continue;
        }
        /* the CJK Unified Ideographs U+4E00..U+9FFF are all wide (East Asian Width W;
         * tests check that utf8proc agrees): E4 B8.. to E9, two continuation bytes */
        if (c >= 0xE4 && c <= 0xE9 && n - i >= 3 && ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
            ((unsigned char)s[i + 2] & 0xC0) == 0x80 && (c != 0xE4 || (unsigned char)s[i + 1] >= 0xB8)) {
            w += 2;
            i += 3;
            continue;
        }
        int32_t cp;
        i += jx_utf8_decode(s + i, n - i, &cp);
        w += (size_t)jx_char_width(cp);
    }
    return w;
}
