/* SPDX-License-Identifier: MIT */
/* reader.c — streams projects out of a DSL file in flat memory (after sqlite3_step).
 *
 * The file is read with read() into one buffer, a chunk at a time. Each call to
 * jx_reader_next reads one top-level item — a project from its 项目 keyword to the
 * '}' that closes it at depth 0, or to the next line that starts with 项目 when a
 * '}' is missing — from the buffer into the reader's single jx_project, which is
 * reset and reused, so in steady state nothing is allocated. A project is parsed
 * first and the parser finds where the item ends as it goes (jx_parse_project_framing);
 * when it cannot tell, the framer (frame.c) finds the end and the item is parsed again.
 * Only whole lines are trusted: strings and comments never span lines, so a token is
 * never cut by the end of the data read so far. The buffer grows only when one
 * project is larger than it, up to a limit.
 *
 * Encoding (import_decode.h, "rule files"): a UTF-8 BOM is skipped; a file that starts
 * with a UTF-16 BOM is read whole and decoded by the import decoder. Every line is
 * checked as UTF-8 once, before anything lexes it: a run of bytes that are not UTF-8 is
 * replaced in the buffer by as many U+FFFD and becomes one error at its line and column
 * — on the project it lies in, else on the reader — so no string of a project, and no
 * message quoting the text, ever holds them. A file whose first bad bytes show it is
 * GBK/GB18030 rather than broken UTF-8 is one error saying so, and nothing more of it
 * is read.
 */
#define _GNU_SOURCE /* memrchr */
#include "reader.h"

#include "alloc.h"
#include "frame.h"
#include "import.h"
#include "import_decode.h"
#include "lexer.h"
#include "model.h"
#include "parser.h"
#include "readall.h"
#include "text.h"
#include "value.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

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
    bool started;              /* the BOM was looked for */
    bool any_bad;              /* bytes that are not UTF-8 were met (the GBK test is made once) */
    size_t checked;            /* data[0..checked) is UTF-8: checked, bad bytes made U+FFFD */
    struct reader_bad *bad;    /* runs of bad bytes not yet reported, in order of off */
    size_t nbad, bad_cap;      /* count and capacity */
    jx_stash imported_text;    /* jx_reader_open_import: the rule text the importer wrote; data
                                  when it stayed in memory, else read from its temporary file as
                                  a rule file is (fd is the file's) */
    bool imported;             /* the text came through the importer (positions are table rows) */
    jx_project_fn fn;          /* jx_reader_set_threads: run on each project before it is returned */
    void *fn_ud;               /* passed to fn */
    jx_result prepared;        /* fn's result on the project last returned */
    struct reader_ahead *ahead; /* the projects parsed ahead on threads, or NULL */
    bool threads_set;          /* jx_reader_set_threads was called (once only) */
};

/** A run of bytes that were not UTF-8, now U+FFFD in data, waiting to be reported. */
typedef struct reader_bad {
    size_t off;          /* offset in data of its first U+FFFD */
    uint32_t nbytes;     /* bytes in the run (each one U+FFFD now) */
    unsigned char first; /* the first of them as it was */
} reader_bad;

static jx_result ahead_next(jx_reader *rd, jx_project **out);
static void ahead_free(jx_reader *rd);

/* Adds a reader diagnostic at text[off .. off+n) of the line starting at data[lstart]. */
static void __attribute__((format(printf, 7, 8)))
reader_diag(jx_reader *rd, const char *code, size_t lstart, uint32_t line, size_t off, size_t n,
            const char *fmt, ...)
{
    jx_source src = {rd->file, rd->data ? rd->data + lstart : NULL, rd->data ? rd->len - lstart : 0, false};
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
    alloc = jx_alloc_keep(alloc);
    jx_reader *rd = alloc ? jx_calloc(alloc, sizeof *rd) : NULL;
    if (!rd) {
        jx_alloc_drop(alloc);
        return NULL;
    }
    rd->alloc = alloc;
    rd->fd = -1;
    rd->line = 1;
    rd->chunk = JX_READER_CHUNK;
    rd->max_item = JX_READER_MAX_ITEM;
    jx_arena_init(&rd->arena, alloc);
    jx_diags_init(&rd->diags, alloc);
    /* the name as messages and reports show it: a name that is not UTF-8 (a path is
     * bytes) has U+FFFD for its bad bytes there; the file is opened by its own bytes */
    size_t plen = strlen(path);
    jx_text_scan sc = jx_text_utf8_scan(path, plen);
    rd->file_len = plen + 2 * sc.bad;
    rd->file = jx_malloc(alloc, rd->file_len + 1);
    if (rd->file) {
        jx_text_utf8_mend(path, plen, rd->file, NULL, NULL);
        rd->file[rd->file_len] = '\0';
    }
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
        reader_diag(rd, "io", 0, 0, 0, 0, "无法打开“%s”：%s", rd->file, jx_errno_text(err));
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

/* ------------------------------------------------------ through the importer */

/* jx_import_run's output: held in the reader's stash; 0 when memory or the file failed. */
static size_t import_append(void *ud, const char *data, size_t len)
{
    return jx_stash_write(&((jx_reader *)ud)->imported_text, data, len);
}

/* The import's diagnostics, but the rows it skips on purpose (skipped-row notes), kept on the
 * reader with their strings in its arena; false when memory ran out. */
static bool import_keep_diags(jx_reader *rd, const jx_import *imp)
{
    for (size_t i = 0; i < jx_import_diag_count(imp); i++) {
        const jx_diag *d = jx_import_diag(imp, i);
        if (d->severity == JX_SEV_NOTE && strcmp(d->code, "skipped-row") == 0)
            continue;
        const char *code = jx_arena_strndup(&rd->arena, d->code, strlen(d->code));
        const char *file = jx_arena_strndup(&rd->arena, d->file, strlen(d->file));
        const char *line = d->source_line ? jx_arena_strndup(&rd->arena, d->source_line, strlen(d->source_line)) : NULL;
        jx_pos pos = {0, d->line, d->column, d->width};
        jx_diag *k = code && file && (line || !d->source_line)
                         ? jx_diags_add(&rd->diags, &rd->arena, d->severity, code, NULL, pos, "%s", d->message)
                         : NULL;
        if (!k)
            return false;
        k->file = file;
        k->source_line = line;
        k->source_column = d->source_column;
    }
    return true;
}

/* Rule text an import holds in memory before it goes on in a temporary file. */
#define READER_IMPORT_MEMORY JX_READER_CHUNK

/*
 * Runs imp into rd's stash, which rd then reads: the text in memory when it is short (a
 * department's table), else from its temporary file as a rule file is read, a block at a
 * time, so the rule text of a large table (a province's workbook) is never all in memory
 * beside the table. The import's result.
 */
static jx_result reader_from_import(jx_reader *rd, jx_import *imp, jx_result rc)
{
    jx_stash *st = &rd->imported_text;
    jx_stash_init(st, rd->alloc, READER_IMPORT_MEMORY);
    rd->imported = true;
    rd->eof = true;
    rd->data = "";
    if (rc == JX_OK) { /* opened: the table's format settled (else there is nothing to read) */
        rc = jx_import_run(imp, import_append, rd);
        if (rc == JX_ERR_IO && !st->io) /* only the append fails: the file, or memory */
            rc = JX_ERR_NOMEM;
        if (rc == JX_OK && st->file && (fflush(st->file) != 0 || fseek(st->file, 0, SEEK_SET) != 0)) {
            st->io = true;
            st->err = errno;
            rc = JX_ERR_IO;
        }
        if (rc == JX_ERR_IO) /* the stash's write failed: st->err says why */
            reader_diag(rd, "io", 0, 0, 0, 0, "无法写入临时文件（%s）：%s", jx_tmpdir(),
                        jx_errno_text(st->err ? st->err : EIO));
    }
    if (!import_keep_diags(rd, imp) && rc == JX_OK)
        rc = JX_ERR_NOMEM;
    jx_import_close(imp);
    if (rc != JX_OK && rc != JX_ERR_INPUT)
        rd->failed = true;
    if (st->file && !rd->failed) { /* read as a rule file is, from its start */
        rd->fd = fileno(st->file);
        rd->eof = false;
        rd->data = NULL;
        rd->len = 0;
        return rc;
    }
    rd->data = st->data ? st->data : ""; /* none when in a file (jx_stash) */
    rd->len = st->len;
    return rc;
}

jx_result jx_reader_open_import(jx_reader **out, const char *path, const jx_import_options *opts,
                                const jx_allocator *alloc)
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
    jx_import *imp = NULL;
    jx_result rc = jx_import_open(&imp, path, opts, rd->alloc);
    if (!imp) {
        rd->failed = true;
        return rc;
    }
    return reader_from_import(rd, imp, rc);
}

jx_result jx_reader_open_import_memory(jx_reader **out, const char *file_name, const char *data, size_t len,
                                       const jx_import_options *opts, const jx_allocator *alloc)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    if (!data && len > 0)
        return JX_ERR_USAGE;
    jx_reader *rd = reader_new(file_name ? file_name : "", alloc);
    if (!rd)
        return JX_ERR_NOMEM;
    *out = rd;
    jx_import *imp = NULL;
    jx_result rc = jx_import_open_memory(&imp, rd->file, data ? data : "", len, opts, rd->alloc);
    if (!imp) {
        rd->failed = true;
        return rc;
    }
    return reader_from_import(rd, imp, rc);
}

int jx_reader_imported(const jx_reader *rd)
{
    return rd && rd->imported;
}

void jx_reader_close(jx_reader *rd)
{
    if (!rd)
        return;
    if (rd->close_fd && rd->fd >= 0)
        close(rd->fd);
    ahead_free(rd);
    if (rd->proj_ready)
        jx_project_free(&rd->proj);
    jx_value_reader_destroy(rd->vr);
    jx_diags_free(&rd->diags);
    jx_arena_free(&rd->arena);
    jx_free(rd->alloc, rd->buf, rd->cap);
    jx_stash_free(&rd->imported_text);
    jx_free(rd->alloc, rd->bad, rd->bad_cap * sizeof *rd->bad);
    if (rd->file)
        jx_free(rd->alloc, rd->file, rd->file_len + 1);
    const jx_allocator *a = rd->alloc;
    jx_free(a, rd, sizeof *rd);
    jx_alloc_drop(a);
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
        rd->checked -= rd->line_start;
        for (size_t i = 0; i < rd->nbad; i++)
            rd->bad[i].off -= rd->line_start; /* runs before line_start were reported */
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
        reader_diag(rd, "io", 0, 0, 0, 0, "读取“%s”失败：%s", rd->file, jx_errno_text(err));
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
    const char *nl = memrchr(rd->data + rd->pos, '\n', rd->len - rd->pos);
    return nl ? (size_t)(nl - rd->data) + 1 : rd->pos;
}

/* Ends the reading of a file after an error that leaves nothing of it to read. */
static void reader_stop(jx_reader *rd)
{
    rd->failed = true;
    rd->eof = true;
}

/* The line of data[off] and where that line starts, counted on from the line that
 * starts at lstart and is line `line`. */
static void reader_locate(const jx_reader *rd, size_t lstart, uint32_t line, size_t off, uint32_t *oline,
                          size_t *olstart)
{
    for (size_t i = lstart; i < off; i++) {
        if (rd->data[i] == '\n') {
            line++;
            lstart = i + 1;
        }
    }
    *oline = line;
    *olstart = lstart;
}

/* Reads a file that starts with a UTF-16 BOM to its end and decodes it whole into the buffer. */
static jx_result reader_utf16(jx_reader *rd)
{
    while (!rd->eof) {
        jx_result rc = fill(rd);
        if (rc != JX_OK)
            return rc;
    }
    jx_imp_text t;
    jx_imp_decode_error de;
    jx_imp_decode_status st = jx_imp_decode(rd->alloc, rd->data, rd->len, NULL, &t, &de);
    if (st == JX_IMP_DECODE_NOMEM)
        return JX_ERR_NOMEM;
    if (st != JX_IMP_DECODE_OK) {
        /* the line cannot be quoted: the file's bytes are not the text */
        jx_source src = {rd->file, NULL, 0, false};
        jx_pos pos = {0, de.line, de.col, 1};
        jx_diags_add(&rd->diags, &rd->arena, JX_SEV_ERROR, "encoding", &src, pos, "%s", de.reason);
        reader_stop(rd);
        return JX_ERR_INPUT;
    }
    jx_free(rd->alloc, rd->buf, rd->cap);
    rd->buf = t.s;
    rd->cap = t.cap;
    rd->data = t.s;
    rd->len = t.len;
    rd->pos = rd->line_start = rd->checked = 0;
    return JX_OK;
}

/* Makes data the reader's own buffer of at least need bytes (memory input is copied). 0 or -1. */
static int reader_own(jx_reader *rd, size_t need)
{
    if (rd->data != rd->buf || rd->cap < need) {
        char *nb = rd->data == rd->buf ? jx_realloc(rd->alloc, rd->buf, rd->cap, need) : jx_malloc(rd->alloc, need);
        if (!nb)
            return -1;
        if (rd->data != rd->buf)
            memcpy(nb, rd->data, rd->len);
        rd->buf = nb;
        rd->cap = need;
    }
    rd->data = rd->buf;
    return 0;
}

/* Where jx_text_utf8_mend's runs go: the reader, and the offset in data of the mended text. */
typedef struct reader_mend {
    jx_reader *rd;
    size_t base;
    bool oom;
} reader_mend;

static void reader_on_bad(void *ud, size_t off, size_t nbytes, unsigned char first)
{
    reader_mend *m = ud;
    jx_reader *rd = m->rd;
    if (JX_GROW(rd->alloc, rd->bad, rd->bad_cap, rd->nbad + 1) != 0) {
        m->oom = true;
        return;
    }
    rd->bad[rd->nbad++] = (reader_bad){m->base + off, (uint32_t)nbytes, first};
}

/*
 * Looks for the BOM once, then checks the whole lines read since the last call as
 * UTF-8 (the invariant: data[0..checked) is valid UTF-8, and checked is where the
 * trusted lines end). Bad bytes become U+FFFD, their runs queued in rd->bad, unless
 * the first ones show a GBK/GB18030 file: JX_ERR_INPUT with the error on the reader.
 */
static jx_result reader_check(jx_reader *rd)
{
    if (!rd->started) {
        if (rd->len < 3 && !rd->eof)
            return JX_OK; /* too few bytes to tell yet */
        rd->started = true;
        const char *enc;
        size_t bom = jx_imp_bom(rd->data, rd->len, &enc);
        if (enc && strcmp(enc, "utf-8") != 0) {
            jx_result rc = reader_utf16(rd);
            if (rc != JX_OK)
                return rc;
        } else {
            rd->pos = rd->line_start = rd->checked = bom; /* columns count from after a UTF-8 BOM */
        }
    }
    size_t end = trusted_end(rd);
    if (rd->checked >= end)
        return JX_OK;
    const char *r = rd->data + rd->checked;
    size_t n = end - rd->checked;
    if (jx_text_utf8_valid(r, n)) {
        rd->checked = end;
        return JX_OK;
    }
    jx_text_scan sc = jx_text_utf8_scan(r, n);
    if (!rd->any_bad) {
        rd->any_bad = true;
        char reason[512];
        if (jx_imp_rule_not_utf8(rd->alloc, r, n, &sc, reason, sizeof reason)) {
            uint32_t line;
            size_t lstart;
            reader_locate(rd, rd->line_start, rd->line, rd->checked + sc.first_bad, &line, &lstart);
            /* the line is not quoted: read as UTF-8 it would be a row of U+FFFD */
            jx_source src = {rd->file, NULL, 0, false};
            jx_pos pos = jx_pos_at(rd->data + lstart, 0, line, (uint32_t)(rd->checked + sc.first_bad - lstart), 1);
            jx_diags_add(&rd->diags, &rd->arena, JX_SEV_ERROR, "encoding", &src, pos, "%s", reason);
            reader_stop(rd);
            return JX_ERR_INPUT;
        }
    }
    size_t extra = 2 * sc.bad; /* each bad byte becomes three */
    char *tmp = jx_malloc(rd->alloc, n + extra);
    if (!tmp)
        return JX_ERR_NOMEM;
    reader_mend m = {rd, rd->checked, false};
    jx_text_utf8_mend(r, n, tmp, reader_on_bad, &m);
    if (m.oom || reader_own(rd, rd->len + extra) != 0) {
        jx_free(rd->alloc, tmp, n + extra);
        return JX_ERR_NOMEM;
    }
    memmove(rd->buf + end + extra, rd->buf + end, rd->len - end);
    memcpy(rd->buf + rd->checked, tmp, n + extra);
    jx_free(rd->alloc, tmp, n + extra);
    rd->len += extra;
    rd->checked = end + extra;
    return JX_OK;
}

/*
 * Reports the queued runs of bad bytes that lie before end, counting lines on from the
 * line starting at lstart (line `line`): as errors of project p, whose text starts at
 * lstart, or of the reader when p is NULL. Errors of p are kept in line order.
 */
static void reader_report_bad(jx_reader *rd, size_t end, jx_project *p, size_t lstart, uint32_t line)
{
    size_t base = lstart, k = 0;
    /* the runs come in order: the column is counted on from the last one on its line, and
     * each is placed after the last one placed, so many runs on one line cost linear time */
    size_t col_line = SIZE_MAX, col_off = 0, next_at = 0, seen = lstart;
    uint32_t col = 1;
    for (; k < rd->nbad && rd->bad[k].off < end; k++) {
        const reader_bad *b = &rd->bad[k];
        uint32_t nline;
        size_t nlstart;
        reader_locate(rd, seen, line, b->off, &nline, &nlstart); /* lines from the last run on */
        if (nline != line) {
            line = nline;
            lstart = nlstart;
        }
        seen = b->off;
        char msg[64];
        jx_imp_bad_run_text(msg, sizeof msg, b->nbytes, b->first);
        if (!p) {
            reader_diag(rd, "syntax", lstart, line, b->off, 3 * (size_t)b->nbytes, "%s", msg);
            continue;
        }
        if (col_line != lstart) {
            col_line = col_off = lstart;
            col = 1;
        }
        col += jx_text_utf8_count(p->src.text + (col_off - base), b->off - col_off);
        col_off = b->off;
        jx_pos pos = jx_pos_at(p->src.text, (uint32_t)(b->off - base), line, (uint32_t)(b->off - base),
                               3 * b->nbytes);
        pos.col = col;
        if (!jx_diags_add(&p->diags, &p->arena, JX_SEV_ERROR, "syntax", &p->src, pos, "%s", msg))
            continue;
        jx_diag d = p->diags.v[p->diags.n - 1];
        size_t at = next_at;
        while (at < p->diags.n - 1 &&
               (p->diags.v[at].line == 0 || p->diags.v[at].line < d.line ||
                (p->diags.v[at].line == d.line && p->diags.v[at].column < d.column)))
            at++;
        memmove(&p->diags.v[at + 1], &p->diags.v[at], (p->diags.n - 1 - at) * sizeof d);
        p->diags.v[at] = d;
        next_at = at + 1;
    }
    if (k > 0) {
        rd->nbad -= k;
        memmove(rd->bad, rd->bad + k, rd->nbad * sizeof *rd->bad);
    }
}

/* Where reader_item found the next item when it was only to frame it. */
typedef struct reader_found {
    size_t lstart;  /* offset in data of the line holding its 项目 keyword */
    uint32_t line;  /* that line's number */
    size_t start;   /* offset in data of the keyword */
    size_t end;     /* offset just past the item */
    size_t avail;   /* data[lstart..avail) is what a parse of it may look at: through the
                       end of the line at end, as far as the lines read go */
    bool bad;       /* runs of bad bytes lie in it, to be reported (reader_report_bad) with
                       its project before the next item is looked for */
} reader_found;

/*
 * The next item. With p, as jx_reader_next: p is parsed and JX_ROW returned. Without p,
 * the item is framed only: JX_ROW with *f saying where it lies in data, valid until the
 * next call. Anything else is what jx_reader_next returns, its diagnostics on rd.
 */
static jx_result reader_item(jx_reader *rd, jx_project *p, reader_found *f)
{
    jx_diags_clear(&rd->diags);
    jx_arena_reset(&rd->arena);
    if (rd->failed)
        return JX_DONE;
    bool reported = false; /* stray text was reported in this call */
    for (;;) {
        jx_result crc = reader_check(rd);
        if (crc != JX_OK)
            return crc;
        size_t limit = rd->checked;
        size_t off = rd->pos, n;
        bool line_begin = off == rd->line_start;
        jx_token_kind k = JX_TK_EOF;
        jx_keyword kw = JX_KW_NONE; /* the item's first word, 项目 or 评分办法, once found */
        /* skip blanks, comments and (while in stray text) whole lines */
        while (off < limit) {
            k = jx_lex(rd->data + off, limit - off, &n);
            if (rd->nbad > 0 && rd->bad[0].off < off + n) {
                /* bad bytes outside any project: their errors, and the rest of the line skipped */
                reader_report_bad(rd, off + n, NULL, rd->line_start, rd->line);
                reported = true;
                if (k != JX_TK_COMMENT) {
                    rd->in_stray = true;
                    line_begin = false;
                }
            } else if (k == JX_TK_NEWLINE) {
                rd->line++;
                rd->line_start = off + n;
                line_begin = true;
            } else if (k == JX_TK_SPACE || k == JX_TK_COMMENT) {
                /* nothing */
            } else if (k == JX_TK_WORD && (line_begin || !rd->in_stray) && /* or after a '}' on its line */
                       ((kw = jx_keyword_find(&rd->keywords, rd->data + off, n)) == JX_KW_PROJECT ||
                        kw == JX_KW_POLICY)) {
                rd->in_stray = false;
                break;
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
        if (p && !rd->frame_first && kw == JX_KW_PROJECT) {
            jx_item_text item;
            jx_item_frame ifr;
            item.file = rd->file;
            item.text = rd->data + rd->line_start;
            item.start = off - rd->line_start;
            item.end = limit - rd->line_start;
            item.avail = limit - rd->line_start;
            item.first_line = rd->line;
            item.utf8 = true; /* data[0..checked) is (reader_check) */
            jx_result rc = jx_parse_project_framing(p, rd->vr, &rd->keywords, &item, &ifr);
            if (rc != JX_OK)
                return rc;
            if (ifr.found) {
                reader_report_bad(rd, rd->line_start + ifr.end, p, rd->line_start, rd->line);
                rd->pos = rd->line_start + ifr.end;
                rd->line = ifr.end_line;
                rd->line_start += ifr.end_lstart;
                return JX_ROW;
            }
            jx_project_reset(p);
            rd->frame_first = true; /* until this item is read */
        }
        jx_frame fr;
        if (!jx_frame_item(rd->data, off, rd->line, rd->line_start, limit, rd->eof, &fr)) {
            if (limit - rd->line_start >= rd->max_item) {
                reader_diag(rd, "syntax", rd->line_start, rd->line, off, n,
                            "项目过大：超过 %zu 字节，无法读入", rd->max_item);
                reader_report_bad(rd, limit, NULL, rd->line_start, rd->line);
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
        if (kw == JX_KW_POLICY) {
            reader_diag(rd, "syntax", rd->line_start, rd->line, off, n,
                        "评分办法不能写在项目文件里，请用 --policy 指定");
            reader_report_bad(rd, fr.end, NULL, rd->line_start, rd->line);
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
        item.utf8 = true;
        size_t item_lstart = rd->line_start;
        uint32_t item_line = rd->line;
        rd->pos = fr.end;
        rd->line = fr.end_line;
        rd->line_start = fr.end_lstart;
        rd->frame_first = false;
        if (!p) {
            const char *nl = memchr(rd->data + fr.end, '\n', limit - fr.end);
            *f = (reader_found){.lstart = item_lstart, .line = item_line, .start = off, .end = fr.end,
                                .avail = nl ? (size_t)(nl - rd->data) + 1 : limit,
                                .bad = rd->nbad > 0 && rd->bad[0].off < fr.end};
            return JX_ROW;
        }
        jx_result rc = jx_parse_project_indexed(p, rd->vr, &rd->keywords, &item);
        if (rc != JX_OK)
            return rc;
        reader_report_bad(rd, fr.end, p, item_lstart, item_line);
        return JX_ROW;
    }
}

jx_result jx_reader_next(jx_reader *rd, jx_project **out)
{
    if (out)
        *out = NULL;
    if (!rd || !out)
        return JX_ERR_USAGE;
    if (rd->ahead)
        return ahead_next(rd, out);
    jx_project_reset(&rd->proj);
    jx_result rc = reader_item(rd, &rd->proj, NULL);
    if (rc == JX_ROW) {
        rd->prepared = rd->fn ? rd->fn(rd->fn_ud, &rd->proj) : JX_OK;
        *out = &rd->proj;
    }
    return rc;
}

jx_result jx_reader_prepared(const jx_reader *rd)
{
    return rd ? rd->prepared : JX_ERR_USAGE;
}

/* ------------------------------------------------------ reading ahead on threads */

/*
 * With jx_reader_set_threads, jx_reader_next frames items ahead of the caller into a ring
 * of slots, each with a copy of its item's text and a project and value reader of its own;
 * worker threads, and the caller while it waits, parse them (and run fn) in any order,
 * and jx_reader_next hands them back in file order. Everything that touches the reader's
 * buffer — reading, checking UTF-8, framing, the text between projects — stays on the
 * caller's thread, in order, as without threads; so does a project holding bytes that are
 * not UTF-8, which is parsed at once since its errors are placed from the buffer.
 *
 * Invariants, under ah->mu: head ≤ taken ≤ tail ≤ head + nslots (sequence numbers; slot
 * k is slots[k % nslots]; head and tail are changed by the caller's thread alone, which
 * may read them without the lock); slots [head, tail) are in use; a slot a worker may take is
 * AHEAD_QUEUED and at or after taken. The project of slot head was returned when
 * ah->returned, and is released by the next call. A slot that is not a project (the
 * reader's own error or the end) is AHEAD_DONE from the start and carries the reader's
 * diagnostics, swapped out of the reader and back when its turn comes.
 */
typedef enum ahead_state {
    AHEAD_QUEUED, /* framed, waiting for a thread */
    AHEAD_BUSY,   /* being parsed */
    AHEAD_DONE    /* parsed (or not a project) */
} ahead_state;

typedef struct ahead_slot {
    ahead_state state;
    jx_result rc;        /* JX_ROW: proj is the item; else what jx_reader_next returns */
    jx_result prepared;  /* fn's result on proj */
    jx_project proj;     /* the item's project */
    jx_value_reader *vr; /* values of proj */
    char *text;          /* the item's bytes, data[lstart..avail) copied */
    size_t cap;          /* capacity of text */
    jx_item_text item;   /* where the item lies in text */
    jx_diags diags;      /* rc not JX_ROW: the reader's diagnostics of that call */
    jx_arena arena;      /* their strings */
} ahead_slot;

typedef struct reader_ahead {
    pthread_mutex_t mu;
    pthread_cond_t queued;   /* slots were queued (signalled only to idle workers), or stop was set */
    pthread_cond_t done;     /* slots were parsed (signalled only while the caller waits) */
    ahead_slot *slots;
    size_t nslots;
    uint64_t head, taken, tail; /* returned next, looked at by the workers next, filled next */
    bool returned;           /* slot head's project is out with the caller */
    bool ended;              /* the end was queued: nothing more to frame (the caller's alone) */
    bool stop;               /* the workers are to end */
    unsigned idle;           /* workers waiting for a slot to be queued */
    bool waiting;            /* the caller is waiting for its head slot to be parsed */
    pthread_t *threads;      /* the workers, room for threads_cap */
    unsigned threads_cap;    /* the threads asked for, less the caller */
    unsigned nthreads;       /* workers started */
} reader_ahead;

/* Parses slot s's item; on any thread, s being AHEAD_BUSY. */
static void ahead_parse_only(const jx_reader *rd, ahead_slot *s)
{
    jx_result rc = jx_parse_project_indexed(&s->proj, s->vr, &rd->keywords, &s->item);
    s->rc = rc == JX_OK ? JX_ROW : rc;
    s->prepared = JX_OK;
}

/* Runs fn on slot s's project, once it has every diagnostic of its reading. */
static void ahead_prepare(const jx_reader *rd, ahead_slot *s)
{
    if (s->rc == JX_ROW && rd->fn)
        s->prepared = rd->fn(rd->fn_ud, &s->proj);
}

/* Parses slot s's item and runs fn on it. */
static void ahead_parse(const jx_reader *rd, ahead_slot *s)
{
    ahead_parse_only(rd, s);
    ahead_prepare(rd, s);
}

static void *ahead_worker(void *arg)
{
    const jx_reader *rd = arg;
    reader_ahead *ah = rd->ahead;
    ahead_slot *mine[JX_READER_BATCH];
    pthread_mutex_lock(&ah->mu);
    for (;;) {
        while (!ah->stop && ah->taken == ah->tail) {
            ah->idle++;
            pthread_cond_wait(&ah->queued, &ah->mu);
            ah->idle--;
        }
        if (ah->stop)
            break;
        /* a run of queued slots at once: one lock for several projects */
        size_t n = 0;
        while (n < JX_READER_BATCH && ah->taken < ah->tail) {
            ahead_slot *s = &ah->slots[ah->taken++ % ah->nslots];
            if (s->state != AHEAD_QUEUED)
                continue; /* not a project, or the caller took it */
            s->state = AHEAD_BUSY;
            mine[n++] = s;
        }
        pthread_mutex_unlock(&ah->mu);
        for (size_t i = 0; i < n; i++)
            ahead_parse(rd, mine[i]);
        pthread_mutex_lock(&ah->mu);
        for (size_t i = 0; i < n; i++)
            mine[i]->state = AHEAD_DONE;
        if (n > 0 && ah->waiting)
            pthread_cond_signal(&ah->done);
    }
    pthread_mutex_unlock(&ah->mu);
    return NULL;
}

/* Swaps the reader's diagnostics with slot s's. */
static void ahead_swap_diags(jx_reader *rd, ahead_slot *s)
{
    jx_diags d = rd->diags;
    jx_arena a = rd->arena;
    rd->diags = s->diags;
    rd->arena = s->arena;
    s->diags = d;
    s->arena = a;
}

/*
 * Fills slot s with the next item: framed and its text copied (queued), or parsed at once
 * when it holds bad bytes; or the reader's error or end with its diagnostics. Returns
 * false when s is to be queued for a thread. Caller's thread, s not in use.
 */
static bool ahead_fill(jx_reader *rd, ahead_slot *s)
{
    jx_project_reset(&s->proj);
    reader_found f;
    jx_result rc = reader_item(rd, NULL, &f);
    if (rc != JX_ROW) {
        s->rc = rc;
        ahead_swap_diags(rd, s);
        return true;
    }
    size_t n = f.avail - f.lstart;
    if (n > s->cap) {
        size_t ncap = n < 4096 ? 4096 : n + n / 2;
        char *t = jx_realloc(rd->alloc, s->text, s->cap, ncap);
        if (!t) {
            s->rc = JX_ERR_NOMEM;
            ahead_swap_diags(rd, s);
            return true;
        }
        s->text = t;
        s->cap = ncap;
    }
    memcpy(s->text, rd->data + f.lstart, n);
    s->item = (jx_item_text){.file = rd->file, .text = s->text, .start = f.start - f.lstart,
                             .end = f.end - f.lstart, .avail = n, .first_line = f.line, .utf8 = true};
    if (!f.bad)
        return false;
    ahead_parse_only(rd, s);
    if (s->rc == JX_ROW)
        reader_report_bad(rd, f.end, &s->proj, f.lstart, f.line);
    ahead_prepare(rd, s);
    return true;
}

/* Releases slot head to be filled again. */
static void ahead_advance(reader_ahead *ah)
{
    pthread_mutex_lock(&ah->mu);
    ah->head++;
    if (ah->taken < ah->head)
        ah->taken = ah->head; /* the caller parsed the slots the workers had not reached */
    pthread_mutex_unlock(&ah->mu);
}

static jx_result ahead_next(jx_reader *rd, jx_project **out)
{
    reader_ahead *ah = rd->ahead;
    ahead_slot *h = &ah->slots[ah->head % ah->nslots];
    jx_diags_clear(&rd->diags); /* the last call's, when it returned the reader's error */
    jx_arena_reset(&rd->arena);
    if (ah->returned) {
        ah->returned = false;
        jx_project_reset(&h->proj);
        ahead_advance(ah);
        h = &ah->slots[ah->head % ah->nslots];
    }
    /* frame ahead as far as the ring goes, or to the end */
    while (!ah->ended && ah->tail - ah->head < ah->nslots) {
        /* a batch framed, then queued under one lock */
        bool done[JX_READER_BATCH];
        size_t n = 0;
        while (n < JX_READER_BATCH && !ah->ended && ah->tail + n - ah->head < ah->nslots) {
            ahead_slot *s = &ah->slots[(ah->tail + n) % ah->nslots];
            done[n] = ahead_fill(rd, s);
            ah->ended = done[n] && s->rc == JX_DONE;
            n++;
        }
        pthread_mutex_lock(&ah->mu);
        for (size_t i = 0; i < n; i++)
            ah->slots[(ah->tail + i) % ah->nslots].state = done[i] ? AHEAD_DONE : AHEAD_QUEUED;
        ah->tail += n;
        if (ah->idle)
            pthread_cond_broadcast(&ah->queued);
        pthread_mutex_unlock(&ah->mu);
    }
    /* the head: parsed here when no worker has taken it yet; while a worker parses it, the
     * caller parses the next queued slot rather than sleep, and waits only when none is left */
    pthread_mutex_lock(&ah->mu);
    while (h->state != AHEAD_DONE) {
        ahead_slot *s = h->state == AHEAD_QUEUED ? h : NULL;
        while (!s && ah->taken < ah->tail) {
            ahead_slot *next = &ah->slots[ah->taken++ % ah->nslots];
            if (next->state == AHEAD_QUEUED)
                s = next;
        }
        if (!s) {
            ah->waiting = true;
            pthread_cond_wait(&ah->done, &ah->mu);
            ah->waiting = false;
            continue;
        }
        s->state = AHEAD_BUSY;
        pthread_mutex_unlock(&ah->mu);
        ahead_parse(rd, s);
        pthread_mutex_lock(&ah->mu);
        s->state = AHEAD_DONE;
    }
    pthread_mutex_unlock(&ah->mu);
    if (h->rc == JX_ROW) {
        ah->returned = true;
        rd->prepared = h->prepared;
        *out = &h->proj;
        return JX_ROW;
    }
    /* the reader's own error, or the end: its diagnostics are the reader's until the next call */
    ahead_swap_diags(rd, h);
    jx_result rc = h->rc;
    if (rc != JX_DONE) /* the end stays at the head: every later call returns it */
        ahead_advance(ah);
    return rc;
}

/* Stops the workers and releases the ring; the reader reads on its own thread again. */
static void ahead_free(jx_reader *rd)
{
    reader_ahead *ah = rd->ahead;
    if (!ah)
        return;
    pthread_mutex_lock(&ah->mu);
    ah->stop = true;
    pthread_cond_broadcast(&ah->queued);
    pthread_mutex_unlock(&ah->mu);
    for (unsigned i = 0; i < ah->nthreads; i++)
        pthread_join(ah->threads[i], NULL);
    for (size_t i = 0; i < ah->nslots; i++) {
        ahead_slot *s = &ah->slots[i];
        jx_project_free(&s->proj);
        jx_value_reader_destroy(s->vr);
        jx_free(rd->alloc, s->text, s->cap);
        jx_diags_free(&s->diags);
        jx_arena_free(&s->arena);
    }
    jx_free(rd->alloc, ah->slots, ah->nslots * sizeof *ah->slots);
    jx_free(rd->alloc, ah->threads, ah->threads_cap * sizeof *ah->threads);
    pthread_cond_destroy(&ah->queued);
    pthread_cond_destroy(&ah->done);
    pthread_mutex_destroy(&ah->mu);
    jx_free(rd->alloc, ah, sizeof *ah);
    rd->ahead = NULL;
}

jx_result jx_reader_set_threads(jx_reader *rd, unsigned threads, jx_project_fn fn, void *ud)
{
    if (!rd || rd->threads_set || threads > JX_READER_THREADS_MAX)
        return JX_ERR_USAGE;
    rd->threads_set = true;
    rd->fn = fn;
    rd->fn_ud = ud;
    if (threads <= 1)
        return JX_OK;
    reader_ahead *ah = jx_calloc(rd->alloc, sizeof *ah);
    if (!ah)
        return JX_ERR_NOMEM;
    pthread_mutex_init(&ah->mu, NULL);
    pthread_cond_init(&ah->queued, NULL);
    pthread_cond_init(&ah->done, NULL);
    rd->ahead = ah;
    ah->nslots = (size_t)threads * JX_READER_SLOTS_PER_THREAD;
    ah->slots = jx_calloc(rd->alloc, ah->nslots * sizeof *ah->slots);
    if (!ah->slots) {
        ah->nslots = 0;
        ahead_free(rd);
        return JX_ERR_NOMEM;
    }
    bool ok = true;
    for (size_t i = 0; i < ah->nslots; i++) {
        ahead_slot *s = &ah->slots[i];
        jx_project_init(&s->proj, rd->alloc);
        jx_diags_init(&s->diags, rd->alloc);
        jx_arena_init(&s->arena, rd->alloc);
        s->state = AHEAD_DONE;
        if (!(s->vr = jx_value_reader_create(rd->alloc)))
            ok = false;
    }
    ah->threads = ok ? jx_calloc(rd->alloc, (threads - 1) * sizeof *ah->threads) : NULL;
    if (!ah->threads) {
        ahead_free(rd);
        return JX_ERR_NOMEM;
    }
    ah->threads_cap = threads - 1;
    /* the caller parses too: threads − 1 workers; one that cannot start leaves the rest the work */
    for (unsigned i = 0; i < threads - 1; i++)
        if (pthread_create(&ah->threads[ah->nthreads], NULL, ahead_worker, rd) == 0)
            ah->nthreads++;
    return JX_OK;
}
