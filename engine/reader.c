/* reader.c — streams projects out of a DSL file in flat memory (after sqlite3_step).
 *
 * The file is read with read() into one buffer, a chunk at a time. Each call to
 * jx_reader_next reads one top-level item — a project from its 项目 keyword to the
 * '}' that closes it at depth 0, or to the next line that starts with 项目 when a
 * '}' is missing — from the buffer into the reader's single jx_project, which is
 * reset and reused, so in steady state nothing is allocated. A project is parsed
 * first and the parser finds where the item ends as it goes (jx_parse_project_framing);
 * when it cannot tell, the framer below finds the end and the item is parsed again.
 * Only whole lines are trusted: strings and comments never span lines, so a token is
 * never cut by the end of the data read so far. The buffer grows only when one
 * project is larger than it, up to a limit.
 */
#include "reader.h"

#include "alloc.h"
#include "lexer.h"
#include "model.h"
#include "parser.h"
#include "value.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

struct jx_reader {
    const jx_allocator *alloc; /* every allocation of the reader */
    char *file;                /* the file name as given, NUL-terminated */
    size_t file_len;           /* its length */
    int fd;                    /* the open file, -1 for memory input */
    bool close_fd;             /* fd was opened here (not stdin) */
    const char *data;          /* the bytes: buf, or the caller's memory */
    char *buf;                 /* the read buffer (file input) */
    size_t cap;                /* its capacity */
    size_t len;                /* bytes valid in data */
    size_t pos;                /* bytes of data already consumed */
    size_t line_start;         /* offset in data of the start of pos's line */
    uint32_t line;             /* file line of pos */
    bool eof;                  /* no more bytes will come */
    bool failed;               /* the file could not be opened */
    bool in_stray;             /* skipping lines of stray text up to the next 项目 line */
    bool frame_first;          /* the item at pos is framed before it is parsed (the parser could
                                  not find its end as it went) */
    size_t chunk;              /* bytes asked of each read() */
    size_t max_item;           /* the largest project accepted */
    jx_project proj;           /* the one project, reused */
    bool proj_ready;           /* proj was initialised */
    jx_value_reader *vr;       /* value reader shared by every project */
    jx_keyword_index keywords; /* the keyword table hashed, for every project's words */
    jx_arena arena;            /* strings of the reader's own diagnostics */
    jx_diags diags;            /* diagnostics of the last call that belong to no project */
};

/* Adds a reader diagnostic at text[off .. off+n) of the line starting at data[lstart]. */
static void __attribute__((format(printf, 7, 8)))
reader_diag(jx_reader *rd, const char *code, size_t lstart, uint32_t line, size_t off, size_t n,
            const char *fmt, ...)
{
    jx_source src = {rd->file, rd->data ? rd->data + lstart : NULL, rd->data ? rd->len - lstart : 0};
    jx_pos pos = {0, 0, 0, 1};
    if (line > 0 && rd->data)
        pos = jx_pos_at(src.text, 0, line, (uint32_t)(off - lstart), (uint32_t)n);
    va_list ap;
    va_start(ap, fmt);
    jx_diags_vadd(&rd->diags, &rd->arena, JX_SEV_ERROR, code, &src, pos, fmt, ap);
    va_end(ap);
}

/* Allocates and initialises a reader for file name path; NULL when memory ran out. */
static jx_reader *reader_new(const char *path, const jx_allocator *alloc)
{
    alloc = jx_alloc_or_default(alloc);
    jx_reader *rd = jx_calloc(alloc, sizeof *rd);
    if (!rd)
        return NULL;
    rd->alloc = alloc;
    rd->fd = -1;
    rd->line = 1;
    rd->chunk = JX_READER_CHUNK;
    rd->max_item = JX_READER_MAX_ITEM;
    jx_arena_init(&rd->arena, alloc);
    jx_diags_init(&rd->diags, alloc);
    rd->file_len = strlen(path);
    rd->file = jx_strndup(alloc, path, rd->file_len);
    jx_project_init(&rd->proj, alloc);
    rd->proj_ready = true;
    rd->vr = jx_value_reader_create(alloc);
    jx_keyword_index_init(&rd->keywords);
    if (!rd->file || !rd->vr) {
        jx_reader_close(rd);
        return NULL;
    }
    return rd;
}

jx_result jx_reader_open(jx_reader **out, const char *path, const jx_allocator *alloc)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    if (!path)
        return JX_ERR_USAGE;
    jx_reader *rd = reader_new(path, alloc);
    if (!rd)
        return JX_ERR_NOMEM;
    *out = rd;
    if (strcmp(path, "-") == 0) {
        rd->fd = STDIN_FILENO;
        return JX_OK;
    }
    int fd;
    do
        fd = open(path, O_RDONLY);
    while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        int err = errno;
        rd->failed = true;
        rd->eof = true;
        reader_diag(rd, "io", 0, 0, 0, 0, "无法打开“%s”：%s", path, strerror(err));
        return JX_ERR_IO;
    }
    rd->fd = fd;
    rd->close_fd = true;
    return JX_OK;
}

jx_result jx_reader_open_memory(jx_reader **out, const char *file_name, const char *data,
                                size_t len, const jx_allocator *alloc)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    if (!data && len > 0)
        return JX_ERR_USAGE;
    jx_reader *rd = reader_new(file_name ? file_name : "", alloc);
    if (!rd)
        return JX_ERR_NOMEM;
    rd->data = data ? data : "";
    rd->len = len;
    rd->eof = true;
    *out = rd;
    return JX_OK;
}

void jx_reader_close(jx_reader *rd)
{
    if (!rd)
        return;
    if (rd->close_fd && rd->fd >= 0)
        close(rd->fd);
    if (rd->proj_ready)
        jx_project_free(&rd->proj);
    jx_value_reader_destroy(rd->vr);
    jx_diags_free(&rd->diags);
    jx_arena_free(&rd->arena);
    jx_free(rd->alloc, rd->buf, rd->cap);
    if (rd->file)
        jx_free(rd->alloc, rd->file, rd->file_len + 1);
    jx_free(rd->alloc, rd, sizeof *rd);
}

void jx_reader_set_chunk_size(jx_reader *rd, size_t n)
{
    if (rd)
        rd->chunk = n ? n : 1;
}

void jx_reader_set_max_item(jx_reader *rd, size_t n)
{
    if (rd)
        rd->max_item = n ? n : 1;
}

size_t jx_reader_diag_count(const jx_reader *rd)
{
    return rd ? rd->diags.n : 0;
}

const jx_diag *jx_reader_diag(const jx_reader *rd, size_t i)
{
    return rd && i < rd->diags.n ? &rd->diags.v[i] : NULL;
}

const char *jx_reader_file(const jx_reader *rd)
{
    return rd ? rd->file : "";
}

/*
 * Reads more of the file: drops the consumed lines from the front of the buffer,
 * grows it when full, and appends one read(). Sets eof at the end or on an error
 * (which is reported). Returns JX_OK or JX_ERR_NOMEM / JX_ERR_IO.
 */
static jx_result fill(jx_reader *rd)
{
    if (rd->eof)
        return JX_OK;
    if (rd->line_start > 0) {
        memmove(rd->buf, rd->buf + rd->line_start, rd->len - rd->line_start);
        rd->len -= rd->line_start;
        rd->pos -= rd->line_start;
        rd->line_start = 0;
    }
    if (rd->len == rd->cap) {
        size_t ncap = rd->cap ? rd->cap * 2 : rd->chunk;
        if (ncap < rd->len + rd->chunk && rd->cap == 0)
            ncap = rd->chunk;
        char *nb = jx_realloc(rd->alloc, rd->buf, rd->cap, ncap);
        if (!nb)
            return JX_ERR_NOMEM;
        rd->buf = nb;
        rd->cap = ncap;
    }
    rd->data = rd->buf;
    size_t want = rd->cap - rd->len;
    if (want > rd->chunk)
        want = rd->chunk;
    ssize_t got;
    do
        got = read(rd->fd, rd->buf + rd->len, want);
    while (got < 0 && errno == EINTR);
    if (got < 0) {
        int err = errno;
        rd->eof = true;
        reader_diag(rd, "io", 0, 0, 0, 0, "读取“%s”失败：%s", rd->file, strerror(err));
        return JX_ERR_IO;
    }
    if (got == 0)
        rd->eof = true;
    rd->len += (size_t)got;
    return JX_OK;
}

/* The end of the whole lines available from pos: all of it at eof, else after the last '\n'. */
static size_t trusted_end(const jx_reader *rd)
{
    if (rd->eof)
        return rd->len;
    size_t i = rd->len;
    while (i > rd->pos && rd->data[i - 1] != '\n')
        i--;
    return i;
}

/* What framing an item found. */
typedef enum frame_status {
    FRAME_DONE,     /* the item is whole: [start, end) */
    FRAME_MORE      /* the item runs past the trusted lines: read more */
} frame_status;

/* The extent of one item found by frame_item. */
typedef struct frame {
    size_t end;          /* offset just past the item */
    uint32_t end_line;   /* file line at end */
    size_t end_lstart;   /* start of that line */
} frame;

/* The bytes the framer stops at; everything else is skipped. */
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

/*
 * Frames the item whose keyword starts at data[start] (on line `line` starting at
 * lstart), scanning up to limit: it ends after the '}' that brings the depth back
 * to 0, or at the start of a later line whose first token is 项目. This is the hot
 * loop of reading, so it looks at bytes rather than tokens: only braces, quotes,
 * comments and line starts matter (strings and comments never span lines).
 */
static frame_status frame_item(const jx_reader *rd, size_t start, uint32_t line, size_t lstart,
                               size_t limit, frame *fr)
{
    const unsigned char *d = (const unsigned char *)rd->data;
    size_t i = start;
    int depth = 0;
    for (;;) {
        i = frame_next(d, i, limit);
        if (i >= limit)
            break;
        switch (d[i]) {
        case '\n':
            line++;
            lstart = ++i;
            /* the first token of the new line: 项目 (or project) ends the item */
            if (i < limit && jx_line_starts_project(rd->data, i, limit)) {
                fr->end = i;
                fr->end_line = line;
                fr->end_lstart = lstart;
                return FRAME_DONE;
            }
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
            /* a comment only at a token start (after a blank, a line start or a delimiter) */
            unsigned char b = i > lstart ? d[i - 1] : ' ';
            if (b == ' ' || b == '\t' || b == ';' || b == '{' || b == '}' || b == '"' || b == '\r' ||
                b == '%' || b == '<' || b == '>' || b == '=' || b == 0x80 /* U+3000 ends in 80 */) {
                const unsigned char *nl = memchr(d + i, '\n', limit - i);
                i = nl ? (size_t)(nl - d) : limit;
            } else {
                i++;
            }
            break;
        }
        case '{':
            depth++;
            i++;
            break;
        default: /* '}' */
            i++;
            if (--depth <= 0) {
                fr->end = i;
                fr->end_line = line;
                fr->end_lstart = lstart;
                return FRAME_DONE;
            }
            break;
        }
    }
    if (!rd->eof)
        return FRAME_MORE;
    fr->end = limit;
    fr->end_line = line;
    fr->end_lstart = lstart;
    return FRAME_DONE;
}

jx_result jx_reader_next(jx_reader *rd, jx_project **out)
{
    if (out)
        *out = NULL;
    if (!rd || !out)
        return JX_ERR_USAGE;
    jx_diags_clear(&rd->diags);
    jx_arena_reset(&rd->arena);
    jx_project_reset(&rd->proj);
    if (rd->failed)
        return JX_DONE;
    bool reported = false; /* stray text was reported in this call */
    for (;;) {
        size_t limit = trusted_end(rd);
        size_t off = rd->pos, n;
        bool line_begin = off == rd->line_start;
        jx_token_kind k = JX_TK_EOF;
        /* skip blanks, comments and (while in stray text) whole lines */
        while (off < limit) {
            k = jx_lex(rd->data + off, limit - off, &n);
            if (k == JX_TK_NEWLINE) {
                rd->line++;
                rd->line_start = off + n;
                line_begin = true;
            } else if (k == JX_TK_SPACE || k == JX_TK_COMMENT) {
                /* nothing */
            } else if (k == JX_TK_WORD && line_begin &&
                       (jx_keyword_lookup(rd->data + off, n) == JX_KW_PROJECT ||
                        jx_keyword_lookup(rd->data + off, n) == JX_KW_POLICY)) {
                rd->in_stray = false;
                break;
            } else if (k == JX_TK_WORD && !rd->in_stray &&
                       (jx_keyword_lookup(rd->data + off, n) == JX_KW_PROJECT ||
                        jx_keyword_lookup(rd->data + off, n) == JX_KW_POLICY)) {
                break; /* after a '}' on the same line */
            } else if (!rd->in_stray) {
                reader_diag(rd, "syntax", rd->line_start, rd->line, off, n,
                            "项目之外的多余内容“%.*s”：每个项目应以“项目”开头", (int)n, rd->data + off);
                rd->in_stray = true;
                reported = true;
                line_begin = false;
            } else {
                line_begin = false;
            }
            off += n;
            rd->pos = off;
        }
        if (off >= limit) {
            rd->pos = limit;
            if (rd->eof) {
                if (reported)
                    return JX_ERR_INPUT;
                return JX_DONE;
            }
            jx_result rc = fill(rd);
            if (rc == JX_ERR_NOMEM)
                return rc;
            if (rc == JX_ERR_IO)
                return reported ? JX_ERR_INPUT : JX_ERR_IO;
            continue;
        }
        if (reported)
            return JX_ERR_INPUT; /* the next call starts at this 项目 line */
        /* an item starts at off: a project is parsed finding its end as it goes, which
         * saves the framer's pass over it; when the parser cannot tell where the framer
         * would end it, it is framed and parsed again */
        if (!rd->frame_first && jx_keyword_lookup(rd->data + off, n) == JX_KW_PROJECT) {
            jx_item_text item;
            jx_item_frame ifr;
            item.file = rd->file;
            item.text = rd->data + rd->line_start;
            item.start = off - rd->line_start;
            item.end = limit - rd->line_start;
            item.avail = limit - rd->line_start;
            item.first_line = rd->line;
            jx_result rc = jx_parse_project_framing(&rd->proj, rd->vr, &rd->keywords, &item, &ifr);
            if (rc != JX_OK)
                return rc;
            if (ifr.found) {
                rd->pos = rd->line_start + ifr.end;
                rd->line = ifr.end_line;
                rd->line_start += ifr.end_lstart;
                *out = &rd->proj;
                return JX_ROW;
            }
            jx_project_reset(&rd->proj);
            rd->frame_first = true; /* until this item is read */
        }
        frame fr;
        if (frame_item(rd, off, rd->line, rd->line_start, limit, &fr) == FRAME_MORE) {
            if (limit - rd->line_start >= rd->max_item) {
                reader_diag(rd, "syntax", rd->line_start, rd->line, off, n,
                            "项目过大：超过 %zu 字节，无法读入", rd->max_item);
                for (size_t i = rd->line_start; i < limit; i++)
                    if (rd->data[i] == '\n')
                        rd->line++;
                rd->pos = rd->line_start = limit; /* limit follows a newline: not at eof */
                rd->in_stray = true;
                rd->frame_first = false;
                return JX_ERR_INPUT;
            }
            jx_result rc = fill(rd);
            if (rc != JX_OK)
                return rc;
            continue;
        }
        jx_keyword kw = jx_keyword_lookup(rd->data + off, n);
        if (kw == JX_KW_POLICY) {
            reader_diag(rd, "syntax", rd->line_start, rd->line, off, n,
                        "评分办法不能写在项目文件里，请用 --policy 指定");
            rd->pos = fr.end;
            rd->line = fr.end_line;
            rd->line_start = fr.end_lstart;
            return JX_ERR_INPUT;
        }
        jx_item_text item;
        item.file = rd->file;
        item.text = rd->data + rd->line_start;
        item.start = off - rd->line_start;
        item.end = fr.end - rd->line_start;
        item.avail = limit - rd->line_start;
        item.first_line = rd->line;
        rd->pos = fr.end;
        rd->line = fr.end_line;
        rd->line_start = fr.end_lstart;
        rd->frame_first = false;
        jx_result rc = jx_parse_project_indexed(&rd->proj, rd->vr, &rd->keywords, &item);
        if (rc != JX_OK)
            return rc;
        *out = &rd->proj;
        return JX_ROW;
    }
}
