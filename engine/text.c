/* SPDX-License-Identifier: MIT */
/* text.c — the shared text rules (text.h): blanks, UTF-8 and its mending, and JSON,
 * HTML and rule-language string escaping. Each rule is written here once; the byte tables below are the only
 * place that says which bytes a JSON string or HTML text holds as they are. */
#include "text.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ------------------------------------------------------------------ blanks */

jx_text_span jx_text_trim(const char *s, size_t n, unsigned how)
{
    size_t k = jx_text_blank_run(s, n, how);
    s += k;
    n -= k;
    while (n > 0 && (k = jx_text_blank_before(s, n, how)) != 0)
        n -= k;
    jx_text_span t = {s, n};
    assert(jx_text_blank_at(t.s, t.n, how) == 0 && (t.n == 0 || jx_text_blank_before(t.s, t.n, how) == 0));
    return t;
}

bool jx_text_is_blank(const char *s, size_t n, unsigned how)
{
    return jx_text_blank_run(s, n, how) == n;
}

/* ------------------------------------------------------------------- UTF-8 */

size_t jx_text_utf8_decode(const char *s, size_t n, int32_t *cp)
{
    if (n == 0) {
        *cp = -1;
        return 0;
    }
    const unsigned char *u = (const unsigned char *)s;
    size_t k = jx_text_utf8_len(s, n);
    switch (k) {
    case 1:
        *cp = u[0];
        return 1;
    case 2:
        *cp = (int32_t)((u[0] & 0x1Fu) << 6 | (u[1] & 0x3Fu));
        return 2;
    case 3:
        *cp = (int32_t)((u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu));
        return 3;
    case 4:
        *cp = (int32_t)((u[0] & 0x07u) << 18 | (u[1] & 0x3Fu) << 12 | (u[2] & 0x3Fu) << 6 | (u[3] & 0x3Fu));
        return 4;
    default:
        *cp = -1;
        return 1;
    }
}

size_t jx_text_utf8_put(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

uint32_t jx_text_utf8_count(const char *s, size_t n)
{
    uint32_t count = 0;
    for (size_t i = 0; i < n; count++) {
        uint64_t w; /* eight ASCII bytes a step: eight characters */
        while (n - i >= 8 && (memcpy(&w, s + i, 8), (w & 0x8080808080808080u) == 0)) {
            i += 8;
            count += 8;
        }
        if (i == n)
            break;
        size_t k = jx_text_utf8_len(s + i, n - i);
        i += k ? k : 1;
    }
    return count;
}

/* The plain path: a character at a time, ASCII eight bytes a step. */
jx_text_scan jx_text_utf8_scan_plain(const char *bytes, size_t n)
{
    const unsigned char *s = (const unsigned char *)bytes;
    jx_text_scan r = {n, 0, 0};
    for (size_t i = 0; i < n;) {
        if (s[i] < 0x80) {
            i++;
            uint64_t w; /* then eight ASCII bytes a step */
            while (n - i >= 8 && (memcpy(&w, s + i, 8), (w & 0x8080808080808080u) == 0))
                i += 8;
            continue;
        }
        size_t k = jx_text_utf8_len(bytes + i, n - i);
        if (k == 0) {
            if (r.bad++ == 0)
                r.first_bad = i;
            i++;
        } else {
            r.multibyte++;
            i += k;
        }
    }
    return r;
}

/*
 * The fast path: thirty-two bytes a step with AVX2, or sixteen with SSSE3, by the lookup
 * algorithm of Keiser and Lemire ("Validating UTF-8 in less than one instruction per
 * byte", 2021). Each byte is classified by the high nibble of the byte before it, the low
 * nibble of the byte before it and its own high nibble (three table lookups, pshufb); the
 * three classes ANDed are not zero exactly where two adjacent bytes cannot stand together
 * in UTF-8 (a lead without its continuation, a stray continuation, an overlong form, a
 * surrogate, a code point past U+10FFFF). A third or fourth byte is checked against the lead two or three
 * bytes back. It only says whether a block is valid: text with any invalid byte is
 * scanned again by the plain path, which finds and counts them (bad bytes are rare: a
 * file in the wrong encoding is one error and no more of it is read). The multibyte
 * count is the count of lead bytes (0xC0 and above), which in valid text start exactly
 * the sequences of two or more bytes. tests/unit/test_text_utf8_fast.c checks it against
 * the plain path.
 */
#if defined(__x86_64__)
#include <immintrin.h>

#define U8_TOO_SHORT (1 << 0)  /* 11______ 0_______ or 11______ 11______ */
#define U8_TOO_LONG (1 << 1)   /* 0_______ 10______ */
#define U8_OVERLONG_3 (1 << 2) /* 11100000 100_____ */
#define U8_TOO_LARGE (1 << 3)  /* 11110100 1001____, 11110100 101_____, 11110101+ */
#define U8_SURROGATE (1 << 4)  /* 11101101 101_____ */
#define U8_OVERLONG_2 (1 << 5) /* 1100000_ 10______ */
#define U8_TOO_LARGE_1000 (1 << 6) /* 11110101+ 1000____ and the like */
#define U8_OVERLONG_4 (1 << 6) /* 11110000 1000____ */
#define U8_TWO_CONTS (1 << 7)  /* 10______ 10______ */
#define U8_CARRY (U8_TOO_SHORT | U8_TOO_LONG | U8_TWO_CONTS)

/* The classes of a byte by its predecessor's high nibble, its predecessor's low nibble
 * and its own high nibble. */
static const unsigned char u8_byte_1_high[16] = {
    U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG,
    U8_TWO_CONTS, U8_TWO_CONTS, U8_TWO_CONTS, U8_TWO_CONTS, U8_TOO_SHORT | U8_OVERLONG_2, U8_TOO_SHORT,
    U8_TOO_SHORT | U8_OVERLONG_3 | U8_SURROGATE, U8_TOO_SHORT | U8_TOO_LARGE | U8_TOO_LARGE_1000 | U8_OVERLONG_4};
static const unsigned char u8_byte_1_low[16] = {
    U8_CARRY | U8_OVERLONG_3 | U8_OVERLONG_2 | U8_OVERLONG_4, U8_CARRY | U8_OVERLONG_2, U8_CARRY, U8_CARRY,
    U8_CARRY | U8_TOO_LARGE, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
    U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
    U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
    U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
    U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000 | U8_SURROGATE, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
    U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000};
static const unsigned char u8_byte_2_high[16] = {
    U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT,
    U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_OVERLONG_3 | U8_TOO_LARGE_1000 | U8_OVERLONG_4,
    U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_OVERLONG_3 | U8_TOO_LARGE,
    U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_SURROGATE | U8_TOO_LARGE,
    U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_SURROGATE | U8_TOO_LARGE, U8_TOO_SHORT, U8_TOO_SHORT,
    U8_TOO_SHORT, U8_TOO_SHORT};

/* The byte-pair errors at each byte of x, given prev1 (the bytes one back). */
__attribute__((target("ssse3"))) static inline __m128i u8_special(__m128i x, __m128i prev1)
{
    const __m128i low4 = _mm_set1_epi8(0x0F);
    const __m128i byte_1_high_tbl = _mm_loadu_si128((const __m128i *)(const void *)u8_byte_1_high);
    const __m128i byte_1_low_tbl = _mm_loadu_si128((const __m128i *)(const void *)u8_byte_1_low);
    const __m128i byte_2_high_tbl = _mm_loadu_si128((const __m128i *)(const void *)u8_byte_2_high);
    __m128i b1h = _mm_shuffle_epi8(byte_1_high_tbl, _mm_and_si128(_mm_srli_epi16(prev1, 4), low4));
    __m128i b1l = _mm_shuffle_epi8(byte_1_low_tbl, _mm_and_si128(prev1, low4));
    __m128i b2h = _mm_shuffle_epi8(byte_2_high_tbl, _mm_and_si128(_mm_srli_epi16(x, 4), low4));
    return _mm_and_si128(_mm_and_si128(b1h, b1l), b2h);
}

/* The errors of the block x, given prev, the sixteen bytes before it: not zero where
 * two adjacent bytes clash (u8_special) or a third or fourth byte does not follow its
 * lead two or three bytes back. */
__attribute__((target("ssse3"))) static inline __m128i u8_block_err(__m128i x, __m128i prev)
{
    const __m128i third = _mm_set1_epi8((char)(0xE0 - 0x80)), fourth = _mm_set1_epi8((char)(0xF0 - 0x80));
    __m128i prev1 = _mm_alignr_epi8(x, prev, 15);
    __m128i prev2 = _mm_alignr_epi8(x, prev, 14);
    __m128i prev3 = _mm_alignr_epi8(x, prev, 13);
    __m128i must23 = _mm_or_si128(_mm_subs_epu8(prev2, third), _mm_subs_epu8(prev3, fourth));
    __m128i must23_80 = _mm_and_si128(must23, _mm_set1_epi8((char)0x80));
    return _mm_xor_si128(must23_80, u8_special(x, prev1));
}

/* Validates s[0..m) sixteen bytes a step, m a multiple of 16, the byte before s taken as
 * ASCII: true when no two adjacent bytes clash and every third and fourth byte follows its
 * lead; a sequence cut by the end of s is left to the caller. Counts the lead bytes. */
__attribute__((target("ssse3"))) static bool u8_blocks(const unsigned char *s, size_t m, size_t *leads)
{
    __m128i prev = _mm_setzero_si128(), err = _mm_setzero_si128();
    const __m128i lead = _mm_set1_epi8((char)0xBF);
    /* the lead bytes are counted a byte lane each (acc, at most 255 steps), then summed */
    __m128i acc = _mm_setzero_si128(), sum = _mm_setzero_si128();
    unsigned steps = 0;
    for (size_t i = 0; i < m; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        if (_mm_movemask_epi8(_mm_or_si128(x, prev)) == 0) { /* ASCII after ASCII */
            prev = x;
            continue;
        }
        if (++steps == 255) {
            sum = _mm_add_epi64(sum, _mm_sad_epu8(acc, _mm_setzero_si128()));
            acc = _mm_setzero_si128();
            steps = 0;
        }
        err = _mm_or_si128(err, u8_block_err(x, prev));
        /* lead bytes: 0xC0 and above, which as signed bytes are -64 … -1: above 0xBF (-65), below 0 */
        __m128i is_lead = _mm_and_si128(_mm_cmpgt_epi8(x, lead), _mm_cmplt_epi8(x, _mm_setzero_si128()));
        acc = _mm_sub_epi8(acc, is_lead); /* a lane's -1 adds one */
        prev = x;
    }
    sum = _mm_add_epi64(sum, _mm_sad_epu8(acc, _mm_setzero_si128()));
    *leads = (size_t)_mm_cvtsi128_si64(sum) + (size_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(sum, sum));
    return _mm_movemask_epi8(_mm_cmpeq_epi8(err, _mm_setzero_si128())) == 0xFFFF;
}

/* The byte-pair errors at each byte of x, given prev1: u8_special thirty-two bytes wide
 * (each 128-bit lane looks its nibbles up in its own copy of the tables). */
__attribute__((target("avx2"))) static inline __m256i u8_special32(__m256i x, __m256i prev1)
{
    const __m256i low4 = _mm256_set1_epi8(0x0F);
    const __m256i byte_1_high_tbl =
        _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)u8_byte_1_high));
    const __m256i byte_1_low_tbl =
        _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)u8_byte_1_low));
    const __m256i byte_2_high_tbl =
        _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)u8_byte_2_high));
    __m256i b1h = _mm256_shuffle_epi8(byte_1_high_tbl, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), low4));
    __m256i b1l = _mm256_shuffle_epi8(byte_1_low_tbl, _mm256_and_si256(prev1, low4));
    __m256i b2h = _mm256_shuffle_epi8(byte_2_high_tbl, _mm256_and_si256(_mm256_srli_epi16(x, 4), low4));
    return _mm256_and_si256(_mm256_and_si256(b1h, b1l), b2h);
}

/* The bytes u8_block_err32_k subtracts, thirty-two of each, so that a byte two back of
 * 0xE0 or more (three back, of 0xF0 or more) leaves its high bit set: a continuation byte
 * must stand here. */
typedef struct u8_lead_k {
    __m256i third, fourth; /* 0xE0 - 0x80, 0xF0 - 0x80 */
} u8_lead_k;

__attribute__((target("avx2"))) static inline u8_lead_k u8_lead_consts(void)
{
    u8_lead_k k = {_mm256_set1_epi8((char)(0xE0 - 0x80)), _mm256_set1_epi8((char)(0xF0 - 0x80))};
    return k;
}

/* u8_block_err thirty-two bytes wide. The bytes one, two and three back cross the middle
 * of the register, which alignr does not (it shifts each 128-bit lane alone): they are
 * taken from [prev's high lane, x's low lane] instead. k is u8_lead_consts()'s
 * (u8_block_err32 makes it; a loop may make it once). */
__attribute__((target("avx2"))) static inline __m256i u8_block_err32_k(__m256i x, __m256i prev, u8_lead_k k)
{
    __m256i mid = _mm256_permute2x128_si256(prev, x, 0x21); /* [prev's high lane, x's low lane] */
    __m256i prev1 = _mm256_alignr_epi8(x, mid, 15);
    __m256i prev2 = _mm256_alignr_epi8(x, mid, 14);
    __m256i prev3 = _mm256_alignr_epi8(x, mid, 13);
    __m256i must23 = _mm256_or_si256(_mm256_subs_epu8(prev2, k.third), _mm256_subs_epu8(prev3, k.fourth));
    __m256i must23_80 = _mm256_and_si256(must23, _mm256_set1_epi8((char)0x80));
    return _mm256_xor_si256(must23_80, u8_special32(x, prev1));
}

__attribute__((target("avx2"))) static inline __m256i u8_block_err32(__m256i x, __m256i prev)
{
    return u8_block_err32_k(x, prev, u8_lead_consts());
}

/* u8_blocks thirty-two bytes a step with AVX2, m a multiple of 32. */
__attribute__((target("avx2"))) static bool u8_blocks32(const unsigned char *s, size_t m, size_t *leads)
{
    const __m256i zero = _mm256_setzero_si256();
    __m256i prev = zero, err = zero;
    const __m256i lead = _mm256_set1_epi8((char)0xBF);
    __m256i acc = zero, sum = zero; /* lead bytes a lane each, at most 255 steps, then summed */
    unsigned steps = 0;
    for (size_t i = 0; i < m; i += 32) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
        if (_mm256_movemask_epi8(_mm256_or_si256(x, prev)) == 0) { /* ASCII after ASCII */
            prev = x;
            continue;
        }
        if (++steps == 255) {
            sum = _mm256_add_epi64(sum, _mm256_sad_epu8(acc, zero));
            acc = zero;
            steps = 0;
        }
        err = _mm256_or_si256(err, u8_block_err32(x, prev));
        __m256i is_lead = _mm256_and_si256(_mm256_cmpgt_epi8(x, lead), _mm256_cmpgt_epi8(zero, x));
        acc = _mm256_sub_epi8(acc, is_lead);
        prev = x;
    }
    sum = _mm256_add_epi64(sum, _mm256_sad_epu8(acc, zero));
    __m128i half = _mm_add_epi64(_mm256_castsi256_si128(sum), _mm256_extracti128_si256(sum, 1));
    *leads = (size_t)_mm_cvtsi128_si64(half) + (size_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(half, half));
    return _mm256_testz_si256(err, err);
}

/* The widest step the CPU has, asked once: 32 (AVX2), 16 (SSSE3) or 0. Threads racing
 * store the same answer. */
static unsigned u8_widest(void)
{
    static int widest = -1;
    int w = __atomic_load_n(&widest, __ATOMIC_RELAXED);
    if (w < 0) {
        w = __builtin_cpu_supports("avx2") ? 32 : __builtin_cpu_supports("ssse3") ? 16 : 0;
        __atomic_store_n(&widest, w, __ATOMIC_RELAXED);
    }
    return (unsigned)w;
}

jx_text_scan jx_text_utf8_scan_step(const char *bytes, size_t n, unsigned step)
{
    unsigned widest = u8_widest();
    if (step > widest)
        step = widest;
    if (step == 0 || n < 64)
        return jx_text_utf8_scan_plain(bytes, n);
    const unsigned char *s = (const unsigned char *)bytes;
    size_t m = n & ~(size_t)(step - 1), leads;
    if (!(step == 32 ? u8_blocks32(s, m, &leads) : u8_blocks(s, m, &leads)))
        return jx_text_utf8_scan_plain(bytes, n);
    /* a sequence whose lead lies in the last three bytes of the blocks may run past them:
     * it, and the rest, go to the plain path */
    size_t k = m;
    if (s[m - 1] >= 0xC0)
        k = m - 1;
    else if (s[m - 2] >= 0xE0)
        k = m - 2;
    else if (s[m - 3] >= 0xF0)
        k = m - 3;
    for (size_t i = k; i < m; i++)
        leads -= s[i] >= 0xC0;
    jx_text_scan tail = jx_text_utf8_scan_plain(bytes + k, n - k);
    jx_text_scan r = {n, leads + tail.multibyte, tail.bad};
    if (tail.bad)
        r.first_bad = k + tail.first_bad;
    return r;
}

jx_text_scan jx_text_utf8_scan(const char *bytes, size_t n)
{
    return jx_text_utf8_scan_step(bytes, n, 32);
}

/*
 * Validity alone, for the callers that only ask whether a text is valid (the reader's
 * check of what it read, a JSON string): the blocks as u8_blocks takes them, without
 * counting leads, and the bytes after the last whole block as the last step-wide stretch
 * of the text, read with the step before it (both inside the text, n >= 64) as its
 * predecessor: its byte pairs over the blocks already checked are checked again, and
 * clash no more than they did. Then no sequence may be cut by the end: no lead among the
 * last three bytes that needs more bytes than follow it.
 */
__attribute__((target("ssse3"))) static bool u8_valid16(const unsigned char *s, size_t n)
{
    __m128i prev = _mm_setzero_si128(), err = _mm_setzero_si128();
    size_t i = 0;
    for (; n - i >= 16; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        if (_mm_movemask_epi8(_mm_or_si128(x, prev)) != 0) /* not ASCII after ASCII */
            err = _mm_or_si128(err, u8_block_err(x, prev));
        prev = x;
    }
    if (i < n)
        err = _mm_or_si128(err, u8_block_err(_mm_loadu_si128((const __m128i *)(const void *)(s + n - 16)),
                                             _mm_loadu_si128((const __m128i *)(const void *)(s + n - 32))));
    return _mm_movemask_epi8(_mm_cmpeq_epi8(err, _mm_setzero_si128())) == 0xFFFF;
}

/* The three bytes json_escapes32 compares with, thirty-two of each. */
typedef struct json_escape_k {
    __m256i ctl, quote, bs;
} json_escape_k;

__attribute__((target("avx2"))) static inline json_escape_k json_escape_consts(void)
{
    json_escape_k k = {_mm256_set1_epi8(0x1F), _mm256_set1_epi8('"'), _mm256_set1_epi8('\\')};
    return k;
}

/* The bytes of x a JSON string escapes (below 0x20, '"', '\\'): 0xFF lanes. */
__attribute__((target("avx2"))) static inline __m256i json_escapes32(__m256i x, json_escape_k k)
{
    return _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_max_epu8(x, k.ctl), k.ctl),
                           _mm256_or_si256(_mm256_cmpeq_epi8(x, k.quote), _mm256_cmpeq_epi8(x, k.bs)));
}

/*
 * The blocks of s[0..n) (n >= 64) thirty-two bytes a step, as u8_valid16 takes them
 * sixteen: the errors of each that is not ASCII after ASCII, and the last 32 bytes read
 * again with the 32 before them; with json, also every byte a JSON string escapes
 * (json_escapes32). Zero when there is none. json is a constant where it is inlined, so
 * each caller gets a loop of its own.
 */
__attribute__((target("avx2"), always_inline)) static inline __m256i u8_scan32(const unsigned char *s, size_t n,
                                                                               bool json)
{
    const __m256i zero = _mm256_setzero_si256();
    __m256i prev = zero, err = zero;
    json_escape_k k = json_escape_consts();
    u8_lead_k lead = u8_lead_consts();
    /* made once: opaque to the compiler, which otherwise builds them anew each block,
     * three instructions each, the loop having no registers to spare */
    __asm__("" : "+x"(lead.third), "+x"(lead.fourth));
    if (json)
        __asm__("" : "+x"(k.ctl), "+x"(k.quote), "+x"(k.bs));
    size_t i = 0;
    for (; n - i >= 32; i += 32) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
        if (json)
            err = _mm256_or_si256(err, json_escapes32(x, k));
        if (_mm256_movemask_epi8(_mm256_or_si256(x, prev)) != 0) /* not ASCII after ASCII */
            err = _mm256_or_si256(err, u8_block_err32_k(x, prev, lead));
        prev = x;
    }
    if (i < n) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(s + n - 32));
        if (json)
            err = _mm256_or_si256(err, json_escapes32(x, k));
        err = _mm256_or_si256(
            err, u8_block_err32_k(x, _mm256_loadu_si256((const __m256i *)(const void *)(s + n - 64)), lead));
    }
    return err;
}

__attribute__((target("avx2"))) static bool u8_valid32(const unsigned char *s, size_t n)
{
    __m256i err = u8_scan32(s, n, false);
    return _mm256_testz_si256(err, err);
}

bool jx_text_utf8_valid_step(const char *bytes, size_t n, unsigned step)
{
    unsigned widest = u8_widest();
    if (step > widest)
        step = widest;
    if (step == 0 || n < 64)
        return jx_text_utf8_scan_plain(bytes, n).bad == 0;
    const unsigned char *s = (const unsigned char *)bytes;
    return (step == 32 ? u8_valid32(s, n) : u8_valid16(s, n)) && s[n - 1] < 0xC0 && s[n - 2] < 0xE0 &&
           s[n - 3] < 0xF0;
}

bool jx_text_utf8_valid(const char *bytes, size_t n)
{
    return jx_text_utf8_valid_step(bytes, n, 32);
}

/*
 * jx_text_json_plain's test of a text of 16 to 63 bytes (a name, a 单位, a source of
 * funds) as a whole, with AVX2: true when no byte of it needs an escape and it is valid
 * UTF-8. It is read from a zeroed 64-byte copy, whose NULs after the text are ASCII: a
 * sequence cut by the end clashes with the first of them, as u8_block_err32 finds; they
 * are left out of the escape test. The copy is two overlapping stores of the text's
 * first and last 16 or 32 bytes over the zeros.
 */
__attribute__((target("avx2"))) static bool json_plain64(const char *s, size_t n)
{
    _Alignas(32) unsigned char b[64];
    const __m256i zero = _mm256_setzero_si256();
    _mm256_store_si256((__m256i *)(void *)b, zero);
    _mm256_store_si256((__m256i *)(void *)(b + 32), zero);
    if (n >= 32) {
        __m256i head = _mm256_loadu_si256((const __m256i *)(const void *)s);
        __m256i tail = _mm256_loadu_si256((const __m256i *)(const void *)(s + n - 32));
        _mm256_store_si256((__m256i *)(void *)b, head);
        _mm256_storeu_si256((__m256i *)(void *)(b + n - 32), tail);
    } else {
        __m128i head = _mm_loadu_si128((const __m128i *)(const void *)s);
        __m128i tail = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
        _mm_store_si128((__m128i *)(void *)b, head);
        _mm_storeu_si128((__m128i *)(void *)(b + n - 16), tail);
    }
    const __m256i x0 = _mm256_load_si256((const __m256i *)(const void *)b);
    const __m256i x1 = _mm256_load_si256((const __m256i *)(const void *)(b + 32));
    const json_escape_k k = json_escape_consts();
    uint64_t esc = (uint32_t)_mm256_movemask_epi8(json_escapes32(x0, k)) |
                   (uint64_t)(uint32_t)_mm256_movemask_epi8(json_escapes32(x1, k)) << 32;
    if (esc & ((UINT64_C(1) << n) - 1))
        return false;
    if (_mm256_movemask_epi8(_mm256_or_si256(x0, x1)) == 0) /* ASCII */
        return true;
    __m256i err = _mm256_or_si256(u8_block_err32(x0, zero), u8_block_err32(x1, x0));
    return _mm256_testz_si256(err, err);
}

/*
 * The same test of a text of 64 bytes or more (a message, a 年度目标), in one pass: the
 * escapes and the UTF-8 of each 32 bytes together (u8_scan32, as u8_valid32 reads the
 * blocks), then no sequence cut by the end.
 */
__attribute__((target("avx2"))) static bool json_plain_long(const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    __m256i err = u8_scan32(s, n, true);
    return _mm256_testz_si256(err, err) && s[n - 1] < 0xC0 && s[n - 2] < 0xE0 && s[n - 3] < 0xF0;
}

/* Whether all of s[0..n) (n >= 16) is plain, where the CPU has AVX2 (json_plain64 below
 * 64 bytes, json_plain_long from 64 on): 1 plain, 0 not, -1 not asked (no AVX2). */
static int json_plain_whole(const char *s, size_t n)
{
    if (u8_widest() != 32)
        return -1;
    return n < 64 ? json_plain64(s, n) : json_plain_long(s, n);
}
#else
jx_text_scan jx_text_utf8_scan_step(const char *bytes, size_t n, unsigned step)
{
    (void)step;
    return jx_text_utf8_scan_plain(bytes, n);
}

jx_text_scan jx_text_utf8_scan(const char *bytes, size_t n)
{
    return jx_text_utf8_scan_plain(bytes, n);
}

static int json_plain_whole(const char *s, size_t n)
{
    (void)s;
    (void)n;
    return -1;
}

bool jx_text_utf8_valid_step(const char *bytes, size_t n, unsigned step)
{
    (void)step;
    return jx_text_utf8_scan_plain(bytes, n).bad == 0;
}

bool jx_text_utf8_valid(const char *bytes, size_t n)
{
    return jx_text_utf8_scan_plain(bytes, n).bad == 0;
}
#endif

size_t jx_text_utf8_mend(const char *bytes, size_t n, char *out,
                         void (*on_bad)(void *ud, size_t out_off, size_t nbytes, unsigned char first), void *ud)
{
    const unsigned char *s = (const unsigned char *)bytes;
    /* valid text, nearly always: one copy */
    if (jx_text_utf8_scan(bytes, n).bad == 0) {
        memcpy(out, bytes, n);
        return n;
    }
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t k = jx_text_utf8_len(bytes + i, n - i);
        if (k > 0) {
            memcpy(out + o, s + i, k);
            o += k;
            i += k;
            continue;
        }
        /* a run of invalid bytes (all >= 0x80: an ASCII byte is always valid) */
        size_t run = o, first = i;
        while (i < n && jx_text_utf8_len(bytes + i, n - i) == 0) {
            memcpy(out + o, JX_TEXT_FFFD, 3);
            o += 3;
            i++;
        }
        if (on_bad)
            on_bad(ud, run, i - first, s[first]);
    }
    return o;
}

/* ---------------------------------------------------------------- escaping */

static const char hexdigits[] = "0123456789abcdef";

/* What a byte is to a JSON string: copied, escaped, or the lead of a multi-byte
 * character to check (UTF8). */
enum { JSON_PLAIN = 0, JSON_ESCAPE, JSON_UTF8 };

/* The class of every byte in a JSON string (see above). */
static const unsigned char json_class[256] = {
    [0x00 ... 0x1F] = JSON_ESCAPE, ['"'] = JSON_ESCAPE, ['\\'] = JSON_ESCAPE,
    [0x80 ... 0xFF] = JSON_UTF8,
};

/* The first byte of s[0..n) that a JSON string escapes (below 0x20, '"', '\\'), or n:
 * sixteen bytes a step where SSE2 is there. */
static size_t json_escape_at(const char *s, size_t n)
{
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i ctl = _mm_set1_epi8(0x1F), quote = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\');
    for (; n - i >= 16; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i m = _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(x, ctl), ctl),
                                 _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bs)));
        unsigned mask = (unsigned)_mm_movemask_epi8(m);
        if (mask)
            return i + (size_t)__builtin_ctz(mask);
    }
#endif
    for (; i < n; i++)
        if (json_class[(unsigned char)s[i]] == JSON_ESCAPE)
            return i;
    return n;
}

/* The high bits of the eight ASCII bytes of w, set (at least at the first such byte)
 * when some byte is below 0x20, '"' or '\\', zero when none is. Each test is the "has a
 * byte below k" of Hacker's Delight (any borrow out of a byte below k sets its high bit;
 * bytes above don't, their high bit being clear), exact as to whether there is one. */
static inline uint64_t json_stops8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
    return ((w - ones * 0x20) | (q - ones) | (b - ones)) & high;
}

/* True when none of the eight bytes of w needs anything in a JSON string: all ASCII
 * (tested first, so a word holding a CJK character is let go at once) and none stops
 * it (json_stops8). */
static inline bool json_ascii8(uint64_t w)
{
    return (w & 0x8080808080808080u) == 0 && json_stops8(w) == 0;
}

/* json_ascii8 of s[0..n), 8 <= n <= 32, read as two or four words, the last ones
 * overlapping the first at the end: all ASCII first, then the stops of each word, exact
 * word by word once all are ASCII, gathered before one look at them. */
static inline bool json_ascii_short(const unsigned char *u, size_t n)
{
    uint64_t w0, w1, w2, w3;
    memcpy(&w0, u, 8);
    memcpy(&w1, u + n - 8, 8);
    if (n > 16) {
        memcpy(&w2, u + 8, 8);
        memcpy(&w3, u + n - 16, 8);
    } else {
        w2 = w0;
        w3 = w1;
    }
    if ((w0 | w1 | w2 | w3) & 0x8080808080808080u)
        return false;
    return (json_stops8(w0) | json_stops8(w1) | json_stops8(w2) | json_stops8(w3)) == 0;
}

size_t jx_text_json_plain(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 8 && n <= 32 && json_ascii_short(u, n)) /* a code, a file name, a unit */
        return n;
    if (n >= 16 && json_plain_whole(s, n) == 1) /* the usual: all of it plain */
        return n;
    if (n >= 64) {
        /* a long text: where the first escape stands, and whether all before it is UTF-8
         * (no sequence holds a byte below 0x80, so a valid run ends on a character),
         * sixteen bytes a step, as jx_text_utf8_scan goes from 64 bytes on */
        size_t stop = json_escape_at(s, n);
        if (jx_text_utf8_valid(s, stop))
            return stop;
    }
    /* a character at a time, and after an ASCII byte eight more at a time while they are
     * plain ASCII: the names, units and codes, shorter, in one pass */
    size_t i = 0;
    while (i < n) {
        if (u[i] >= 0x80) { /* a run of characters past ASCII: CJK, most of a text */
            do {
                size_t k = jx_text_utf8_len(s + i, n - i);
                if (k == 0)
                    return i;
                i += k;
            } while (i < n && u[i] >= 0x80);
            continue;
        }
        if (json_class[u[i]] != JSON_PLAIN)
            return i;
        i++;
        uint64_t w;
        while (n - i >= 8 && (memcpy(&w, u + i, 8), json_ascii8(w)))
            i += 8;
    }
    return i;
}

size_t jx_text_json_escape(const char *s, size_t n, char out[JX_TEXT_ESCAPE_MAX], size_t *used)
{
    (void)n;
    unsigned char c = (unsigned char)s[0];
    *used = 1;
    char letter = 0;
    switch (c) {
    case '"': letter = '"'; break;
    case '\\': letter = '\\'; break;
    case '\b': letter = 'b'; break;
    case '\f': letter = 'f'; break;
    case '\n': letter = 'n'; break;
    case '\r': letter = 'r'; break;
    case '\t': letter = 't'; break;
    default: break;
    }
    if (letter) {
        out[0] = '\\';
        out[1] = letter;
        return 2;
    }
    if (c < 0x20) {
        memcpy(out, "\\u00", 4);
        out[4] = hexdigits[c >> 4];
        out[5] = hexdigits[c & 15];
        return 6;
    }
    if (c >= 0x80) { /* where jx_text_json_plain stops, a byte >= 0x80 starts no valid sequence */
        memcpy(out, "\\ufffd", 6);
        return 6;
    }
    out[0] = (char)c;
    return 1;
}

/* What a byte is to HTML text: copied, a character reference, a control character
 * (U+FFFD), or C2, the lead of the C1 controls U+0080..U+009F and of U+00A0..U+00BF. */
enum { HTML_PLAIN = 0, HTML_REF, HTML_CONTROL, HTML_C2 };

/* The class of every byte in HTML text (see above). */
static const unsigned char html_class[256] = {
    [0x00 ... 0x08] = HTML_CONTROL, [0x0B ... 0x0C] = HTML_CONTROL, [0x0E ... 0x1F] = HTML_CONTROL,
    [0x7F] = HTML_CONTROL,
    ['&'] = HTML_REF, ['<'] = HTML_REF, ['>'] = HTML_REF, ['"'] = HTML_REF, ['\''] = HTML_REF,
    [0xC2] = HTML_C2,
};

/* True when s[0..n) (s[0] == C2) is a C1 control. */
static bool html_c1(const unsigned char *s, size_t n)
{
    return n >= 2 && s[1] >= 0x80 && s[1] <= 0x9F;
}

size_t jx_text_html_plain(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    for (; i < n; i++) {
        unsigned cls = html_class[u[i]];
        if (cls == HTML_PLAIN)
            continue;
        if (cls == HTML_C2 && !html_c1(u + i, n - i))
            continue; /* an ordinary character from U+00A0 on */
        break;
    }
    return i;
}

size_t jx_text_html_escape(const char *s, size_t n, char out[JX_TEXT_ESCAPE_MAX], size_t *used)
{
    const unsigned char *u = (const unsigned char *)s;
    const char *ref;
    *used = 1;
    switch (u[0]) {
    case '&': ref = "&amp;"; break;
    case '<': ref = "&lt;"; break;
    case '>': ref = "&gt;"; break;
    case '"': ref = "&quot;"; break;
    case '\'': ref = "&#39;"; break;
    default:
        if (html_class[u[0]] == HTML_CONTROL || (html_class[u[0]] == HTML_C2 && html_c1(u, n))) {
            *used = html_class[u[0]] == HTML_C2 ? 2 : 1;
            ref = JX_TEXT_FFFD;
        } else {
            out[0] = s[0];
            return 1;
        }
    }
    size_t k = strlen(ref);
    memcpy(out, ref, k);
    return k;
}

size_t jx_text_dsl_plain(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] != '"' && s[i] != '\\' && s[i] != '\n' && s[i] != '\r')
        i++;
    return i;
}

size_t jx_text_dsl_escape(const char *s, size_t n, char out[JX_TEXT_ESCAPE_MAX], size_t *used)
{
    (void)n;
    *used = 1;
    char letter = s[0] == '"' ? '"' : s[0] == '\\' ? '\\' : s[0] == '\n' ? 'n' : s[0] == '\r' ? 'r' : 0;
    if (!letter) {
        out[0] = s[0];
        return 1;
    }
    out[0] = '\\';
    out[1] = letter;
    return 2;
}

const jx_text_escaper jx_text_json_escaper = {.plain = jx_text_json_plain, .escape = jx_text_json_escape};
const jx_text_escaper jx_text_html_escaper = {.plain = jx_text_html_plain, .escape = jx_text_html_escape};
const jx_text_escaper jx_text_dsl_escaper = {.plain = jx_text_dsl_plain, .escape = jx_text_dsl_escape};
