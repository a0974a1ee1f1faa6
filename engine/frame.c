/* SPDX-License-Identifier: MIT */
/* frame.c — finds where a top-level item of a rule file ends (frame.h).
 *
 * Written by hand because it is a hot loop: with threads (jx_reader_set_threads) the
 * reader frames every project on the caller's thread before a worker parses it, so the
 * framer's time is time no other thread can share.
 *
 * The bytewise framer stops at every byte that matters — a newline, a quote, '#' and
 * each brace — and takes it in turn. On the usual project, a stop every twenty bytes
 * or so, each a branch the processor cannot foresee, that is most of its time. The
 * block framer reads 64 bytes at a time as bit masks of those bytes and takes the
 * bytes of a block up to its first '#' or '\\' at once, strings closed within the
 * block and all, when nothing in them can end the item: no line among them may start
 * with 项目, and fewer '}' than braces open. Anything else — such a line, a '}' that
 * may close the item, a string the block does not close, a comment, an escape — it
 * leaves to the bytewise framer, for the rest of that block, so the two find the same
 * end (test_frame.c checks them against each other).
 */
#include "frame.h"

#include "lexer.h"

/* The block framer: x86-64 with GCC's or clang's target attributes. */
#if defined(__x86_64__) && defined(__GNUC__)
#define FRAME_BLOCKS 1
#else
#define FRAME_BLOCKS 0
#endif

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if FRAME_BLOCKS
#include <immintrin.h>
#endif

/* ------------------------------------------------------------- bytewise */

/* The bytes the bytewise framer stops at; everything else is skipped. */
static const unsigned char frame_special[256] = {['\n'] = 1, ['"'] = 1, ['#'] = 1, ['{'] = 1, ['}'] = 1};

/* The offset of the first of the framer's bytes in d[i..limit), or limit: sixteen bytes
 * a step where SSE2 is there, else four. */
static size_t frame_next(const unsigned char *d, size_t i, size_t limit)
{
#if defined(__SSE2__)
    const __m128i nl = _mm_set1_epi8('\n'), quote = _mm_set1_epi8('"'), hash = _mm_set1_epi8('#'),
                  open = _mm_set1_epi8('{'), close = _mm_set1_epi8('}');
    while (limit - i >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(d + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, nl), _mm_cmpeq_epi8(x, quote)),
                                 _mm_or_si128(_mm_cmpeq_epi8(x, hash),
                                              _mm_or_si128(_mm_cmpeq_epi8(x, open), _mm_cmpeq_epi8(x, close))));
        unsigned mask = (unsigned)_mm_movemask_epi8(m);
        if (mask)
            return i + (size_t)__builtin_ctz(mask);
        i += 16;
    }
#endif
    while (limit - i >= 4 && !frame_special[d[i]] && !frame_special[d[i + 1]] && !frame_special[d[i + 2]] &&
           !frame_special[d[i + 3]])
        i += 4; /* four bytes a step: fewer tests of the limit */
    while (i < limit && !frame_special[d[i]])
        i++;
    return i;
}

/* The offset of the first byte in d[i..limit) that ends a string, '"', '\\' or '\n', or limit. */
static size_t frame_string_next(const unsigned char *d, size_t i, size_t limit)
{
#if defined(__SSE2__)
    const __m128i nl = _mm_set1_epi8('\n'), quote = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\');
    while (limit - i >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(d + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, nl), _mm_cmpeq_epi8(x, quote)), _mm_cmpeq_epi8(x, bs));
        unsigned mask = (unsigned)_mm_movemask_epi8(m);
        if (mask)
            return i + (size_t)__builtin_ctz(mask);
        i += 16;
    }
#endif
    while (i < limit && d[i] != '"' && d[i] != '\\' && d[i] != '\n')
        i++;
    return i;
}

/* Where the framer is. */
typedef struct frame_at {
    size_t i;       /* the next byte to read */
    size_t lstart;  /* the start of its line */
    uint32_t line;  /* its line */
    int depth;      /* braces open */
    bool line_head; /* the line at lstart is yet to be looked at for 项目, as the bytewise
                       framer looks at a line after its '\n': the block framer took that
                       '\n', and only blanks since, as the last bytes of a block */
} frame_at;

static bool frame_done(const frame_at *at, size_t end, jx_frame *fr)
{
    fr->end = end;
    fr->end_line = at->line;
    fr->end_lstart = at->lstart;
    return true;
}

/* ----------------------------------------------------------------- blocks */

#if FRAME_BLOCKS
#define FRAME_BLOCK 64

/* One block's bytes as masks, bit k for the block's byte k. */
typedef struct frame_masks {
    uint64_t nl;          /* '\n' */
    uint64_t quote;       /* '"' */
    uint64_t stop;        /* '#' (a comment may start) or '\\' (an escape): for the bytewise framer */
    uint64_t open, close; /* '{', '}' */
    uint64_t blank;       /* ' ' or '\t', the blanks jx_text_skip_spaces skips */
    uint64_t lead;        /* a byte with which a line whose first token is 项目 may go on past
                             those blanks, as may_start_project (lexer.c) takes one: 项 (E9 A1;
                             E9 alone as the block's last byte), 'p', E3 (U+3000) or '\r' */
} frame_masks;

/* The 32-byte mask m as bits 32k .. 32k+31. */
__attribute__((target("avx2"))) static inline uint64_t frame_bits(__m256i m, unsigned k)
{
    return (uint64_t)(uint32_t)_mm256_movemask_epi8(m) << (32 * k);
}

__attribute__((target("avx2"))) static inline void frame_masks_at(const unsigned char *p, frame_masks *m)
{
    const __m256i nl = _mm256_set1_epi8('\n'), quote = _mm256_set1_epi8('"'), hash = _mm256_set1_epi8('#'),
                  bs = _mm256_set1_epi8('\\'), open = _mm256_set1_epi8('{'), close = _mm256_set1_epi8('}'),
                  sp = _mm256_set1_epi8(' '), tab = _mm256_set1_epi8('\t'), e9 = _mm256_set1_epi8((char)0xE9),
                  a1 = _mm256_set1_epi8((char)0xA1), pl = _mm256_set1_epi8('p'), e3 = _mm256_set1_epi8((char)0xE3),
                  cr = _mm256_set1_epi8('\r');
    uint64_t x_e9 = 0, x_a1 = 0;
    memset(m, 0, sizeof *m);
    for (unsigned k = 0; k < FRAME_BLOCK / 32; k++) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32 * k));
        m->nl |= frame_bits(_mm256_cmpeq_epi8(x, nl), k);
        m->quote |= frame_bits(_mm256_cmpeq_epi8(x, quote), k);
        m->stop |= frame_bits(_mm256_or_si256(_mm256_cmpeq_epi8(x, hash), _mm256_cmpeq_epi8(x, bs)), k);
        m->open |= frame_bits(_mm256_cmpeq_epi8(x, open), k);
        m->close |= frame_bits(_mm256_cmpeq_epi8(x, close), k);
        m->blank |= frame_bits(_mm256_or_si256(_mm256_cmpeq_epi8(x, sp), _mm256_cmpeq_epi8(x, tab)), k);
        x_e9 |= frame_bits(_mm256_cmpeq_epi8(x, e9), k);
        x_a1 |= frame_bits(_mm256_cmpeq_epi8(x, a1), k);
        m->lead |= frame_bits(_mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(x, pl), _mm256_cmpeq_epi8(x, e3)),
                                              _mm256_cmpeq_epi8(x, cr)),
                              k);
    }
    m->lead |= x_e9 & (x_a1 >> 1 | (uint64_t)1 << 63);
}

/* Bit k set when an odd number of x's bits 0..k are: from a string's opening quote up to
 * its closing one, when x holds quotes. */
static inline uint64_t frame_prefix_xor(uint64_t x)
{
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}

/*
 * Takes the bytes of the block at d[at->i .. at->i + 64) up to its first '#' or '\\',
 * and short of a string they do not close, when the bytewise framer would take them
 * without ending the item: their strings end on their lines, no line among them starts
 * with 项目 (every line that starts in them goes on past its blanks with a byte that
 * is not a lead, or runs blank to the block's end: then it is at->line_head's to look
 * at), and they hold fewer '}' outside strings than the braces open. Returns how many
 * bytes it took (64 when the whole block), having moved *at past them; 0, having changed
 * nothing, when it takes none.
 */
__attribute__((target("avx2,popcnt,bmi2"))) static inline size_t frame_block(const unsigned char *d, frame_at *at)
{
    frame_masks m;
    frame_masks_at(d + at->i, &m);
    /* The tests below are written to compile without branches but for the rare refusals:
     * whether a block holds a '}', a '\n' or a string it does not close is as likely as
     * not, and a branch on it costs what the block saves. */
    unsigned n = m.stop ? (unsigned)__builtin_ctzll(m.stop) : FRAME_BLOCK;
    uint64_t quote = m.quote & _bzhi_u64(~(uint64_t)0, n);
    uint64_t in = frame_prefix_xor(quote); /* in a string, its opening quote included */
    /* when the last quote opens a string the bytes do not close, they end before it */
    n = in >> 63 ? 63u - (unsigned)__builtin_clzll(quote) : n;
    uint64_t part = _bzhi_u64(~(uint64_t)0, n); /* the bytes taken */
    in &= part;
    uint64_t nl = m.nl & part;
    /* The lines that start here — after each '\n', and at the block's start when
     * at->line_head — and where each goes on past its blanks: a start bit added to its
     * run of blanks carries to the run's end. A start at n is followed by the '"', '#'
     * or '\\' there; a run that carries out of the block goes on in the next. */
    uint64_t starts = nl << 1 | (uint64_t)at->line_head;
    uint64_t sum = m.blank + starts;
    bool runs_on = sum < starts;
    uint64_t close = m.close & part & ~in;
    int closes = __builtin_popcountll(close);
    /* nothing to take; a string its line ends; a line that may start with 项目; a '}' that
     * may close the item */
    if ((n == 0) | ((in & nl) != 0) | (((sum & ~m.blank) & m.lead) != 0) | ((closes > 0) & (closes >= at->depth)))
        return 0;
    at->line += (uint32_t)__builtin_popcountll(nl);
    at->lstart = nl ? at->i + FRAME_BLOCK - (size_t)__builtin_clzll(nl) : at->lstart;
    at->depth += __builtin_popcountll(m.open & part & ~in) - closes;
    at->line_head = n == FRAME_BLOCK && ((nl >> 63) || runs_on);
    at->i += n;
    return n;
}

/* True when the CPU has what frame_block needs (AVX2, POPCNT and BMI2), asked once. Threads
 * racing store the same answer. */
static bool frame_blocks_there(void)
{
    static int there = -1;
    int t = __atomic_load_n(&there, __ATOMIC_RELAXED);
    if (t < 0) {
        t = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("bmi2");
        __atomic_store_n(&there, t, __ATOMIC_RELAXED);
    }
    return t != 0;
}
#endif

/* -------------------------------------------------------------- framing */

static inline __attribute__((always_inline)) bool frame_item(const char *data, size_t start, uint32_t line,
                                                              size_t lstart, size_t limit, bool eof, jx_frame *fr,
                                                              bool blocks)
{
    const unsigned char *d = (const unsigned char *)data;
    frame_at at = {start, lstart, line, 0, false};
    size_t bytewise_to = 0; /* no block is tried before this: the rest of a block refused */
    (void)blocks;
    for (;;) {
#if FRAME_BLOCKS
        if (blocks) {
            while (at.i >= bytewise_to && limit - at.i >= FRAME_BLOCK) {
                size_t n = frame_block(d, &at);
                if (n == 0) {
                    bytewise_to = at.i + FRAME_BLOCK;
                    break;
                }
                if (n < FRAME_BLOCK)
                    break; /* a '"', '#' or '\\' next, for the bytewise framer */
            }
            if (at.line_head) {
                at.line_head = false;
                if (jx_line_starts_project(data, at.lstart, limit))
                    return frame_done(&at, at.lstart, fr);
            }
        }
#endif
        size_t i = frame_next(d, at.i, limit);
        if (i >= limit)
            break;
        switch (d[i]) {
        case '\n':
            at.line++;
            at.lstart = ++i;
            /* the first token of the new line: 项目 (or project) ends the item */
            if (i < limit && jx_line_starts_project(data, i, limit))
                return frame_done(&at, i, fr);
            break;
        case '"':
            for (i++;; i++) {
                i = frame_string_next(d, i, limit);
                if (i >= limit || d[i] == '\n')
                    break;
                if (d[i] == '"') {
                    i++;
                    break;
                }
                if (i + 1 < limit && (d[i + 1] == '"' || d[i + 1] == '\\'))
                    i++; /* an escaped quote or backslash */
            }
            break;
        case '#': {
            /* a comment only at a token start (jx_frame_comment_after) */
            if (i == at.lstart || jx_frame_comment_after(d[i - 1])) {
                const unsigned char *nl = memchr(d + i, '\n', limit - i);
                i = nl ? (size_t)(nl - d) : limit;
            } else {
                i++;
            }
            break;
        }
        case '{':
            at.depth++;
            i++;
            break;
        default: /* '}' */
            i++;
            if (--at.depth <= 0)
                return frame_done(&at, i, fr);
            break;
        }
        at.i = i;
    }
    if (!eof)
        return false;
    return frame_done(&at, limit, fr);
}

#if FRAME_BLOCKS
__attribute__((target("avx2,popcnt,bmi2"))) static bool frame_item_blocks(const char *d, size_t start, uint32_t line,
                                                                     size_t lstart, size_t limit, bool eof,
                                                                     jx_frame *fr)
{
    return frame_item(d, start, line, lstart, limit, eof, fr, true);
}
#endif

bool jx_frame_item(const char *d, size_t start, uint32_t line, size_t lstart, size_t limit, bool eof, jx_frame *fr)
{
#if FRAME_BLOCKS
    if (frame_blocks_there())
        return frame_item_blocks(d, start, line, lstart, limit, eof, fr);
#endif
    return jx_frame_item_bytewise(d, start, line, lstart, limit, eof, fr);
}

bool jx_frame_item_bytewise(const char *d, size_t start, uint32_t line, size_t lstart, size_t limit, bool eof,
                            jx_frame *fr)
{
    return frame_item(d, start, line, lstart, limit, eof, fr, false);
}
