/* SPDX-License-Identifier: MIT */
/* width.c — display widths, via utf8proc's tables. */
#include "width.h"

#include <utf8proc.h>

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
        if (c >= 0xE4 && c <= 0xE9 && n - i >= 3 && jx_text_cont2((const unsigned char *)s + i + 1) &&
            (c != 0xE4 || (unsigned char)s[i + 1] >= 0xB8)) {
            w += 2;
            i += 3;
            continue;
        }
        int32_t cp;
        i += jx_text_utf8_decode(s + i, n - i, &cp);
        w += (size_t)jx_char_width(cp);
    }
    return w;
}
