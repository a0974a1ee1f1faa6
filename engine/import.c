/* SPDX-License-Identifier: MIT */
/* import.c — the public import API: read a file, decode it, settle its format, and run
 * the format's reader with the emitter as the model's sink.
 *
 * Opening does everything that can fail before any output is written (reading,
 * decoding, detecting the format, loading the weights policy), so a run either
 * writes a whole file's projects or reports why it wrote none.
 */
#include "import.h"
#include "options.h"

#include "alloc.h"
#include "csv.h"
#include "import_decode.h"
#include "import_emit.h"
#include "readall.h"
#include "table.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* A format must be at least this sure (detect() out of 100) to be picked unasked. */
#define IMPORT_DETECT_MIN 40

struct jx_import {
    const jx_allocator *alloc;    /* every allocation of the import */
    char *file;                   /* the file name as given, for diagnostics */
    size_t file_len;              /* its length */
    jx_arena arena;               /* strings of the import's own diagnostics */
    jx_diags diags;               /* diagnostics of opening (I/O, decoding, format, policy) */
    jx_imp_text text;             /* the decoded table */
    const char *encoding;         /* what it was decoded from, "" before */
    const jx_imp_format *format;  /* the format settled on, NULL before */
    jx_imp *im;                   /* the table model, created once the text is decoded */
    jx_imp_emitter *em;           /* writes the projects (during and after the run) */
    jx_policy *policy;            /* the policy for JX_IMPORT_WEIGHTS_EQUAL, else NULL */
    jx_import_weights weights;    /* what to do about missing weights */
    const char **notes;           /* scratch: notes to write at the top of a block */
    size_t notes_cap;             /* capacity of notes */
    jx_result sink_rc;            /* why the sink stopped the run, JX_OK when it did not */
    bool ran;                     /* jx_import_run was called */
};

/* The names of jx_imp_formats[], in the same order (a unit test holds them together). */
static const char *const import_format_names[] = {"zj-selfeval", "zj-target", "zz-target", "wh-declare",
                                                  "csv", "json", NULL};

const char *const *jx_import_format_names(void)
{
    return import_format_names;
}

const char *jx_import_format_title(const char *name)
{
    const jx_imp_format *f = name ? jx_imp_format_find(name) : NULL;
    return f ? f->title : NULL;
}

/* ------------------------------------------------------------ diagnostics */

/** Adds a diagnostic of the import itself, without a position. */
static void __attribute__((format(printf, 4, 5)))
import_diag(jx_import *imp, jx_severity sev, const char *code, const char *fmt, ...)
{
    jx_source src = {imp->file, NULL, 0, false};
    jx_pos none = {0, 0, 0, 1};
    va_list ap;
    va_start(ap, fmt);
    jx_diags_vadd(&imp->diags, &imp->arena, sev, code, &src, none, fmt, ap);
    va_end(ap);
}

/** Copies a diagnostic of another handle (the policy's) onto the import. */
static void import_copy_diag(jx_import *imp, const jx_diag *d)
{
    const char *file = jx_arena_strndup(&imp->arena, d->file, strlen(d->file));
    jx_source src = {file ? file : "", NULL, 0, false};
    jx_pos pos = {0, d->line, d->column, d->width};
    jx_diag *c = jx_diags_add(&imp->diags, &imp->arena, d->severity, d->code, &src, pos, "%s", d->message);
    if (c && d->source_line) {
        c->source_line = jx_arena_strndup(&imp->arena, d->source_line, strlen(d->source_line));
        c->source_column = d->source_column;
    }
}

/* -------------------------------------------------------------------- sink */

/**
 * The model's sink: applies the weights rule, then writes the project. Notes the rule
 * records (how the weights came about) are written at the top of the block.
 */
static int import_sink(void *ud, const jx_imp_project *p)
{
    jx_import *imp = ud;
    size_t before = jx_imp_diag_count(imp->im);
    if (imp->policy) {
        /* the model hands the sink its own project, which may be amended before it is reused */
        if (jx_imp_weights_equal(imp->im, (jx_imp_project *)p, imp->policy) != 0) {
            imp->sink_rc = JX_ERR_NOMEM;
            return -1;
        }
    }
    size_t after = jx_imp_diag_count(imp->im), nnotes = 0;
    if (after > before &&
        JX_GROW(imp->alloc, imp->notes, imp->notes_cap, after - before) != 0) {
        imp->sink_rc = JX_ERR_NOMEM;
        return -1;
    }
    for (size_t i = before; i < after; i++) {
        const jx_diag *d = jx_imp_diag(imp->im, i);
        if (d->severity == JX_SEV_NOTE && strcmp(d->code, "skipped-row") != 0)
            imp->notes[nnotes++] = d->message;
    }
    jx_result rc = jx_imp_emit(imp->em, imp->im, p, imp->notes, nnotes);
    if (rc != JX_OK) {
        imp->sink_rc = rc;
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------- open */

/** A new import for file (name kept for diagnostics); NULL when memory ran out. */
static jx_import *import_new(const char *file, const jx_allocator *alloc)
{
    alloc = jx_alloc_keep(alloc);
    jx_import *imp = alloc ? jx_calloc(alloc, sizeof *imp) : NULL;
    if (!imp) {
        jx_alloc_drop(alloc);
        return NULL;
    }
    imp->alloc = alloc;
    jx_arena_init(&imp->arena, alloc);
    jx_diags_init(&imp->diags, alloc);
    imp->encoding = "";
    imp->file_len = strlen(file);
    imp->file = jx_strndup(alloc, file, imp->file_len);
    if (!imp->file) {
        jx_free(alloc, imp, sizeof *imp);
        jx_alloc_drop(alloc);
        return NULL;
    }
    return imp;
}

/**
 * Reads all of path ("-": standard input) into *buf (size *cap, *len used) — but for a
 * workbook in a regular file sets *book and reads nothing: the table reader reads the
 * workbook from its file as it needs it (jx_table_open), so the workbook's bytes are
 * never all in memory at once.
 */
static jx_result import_read_file(jx_import *imp, const char *path, char **buf, size_t *len, size_t *cap,
                                  bool *book)
{
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        import_diag(imp, JX_SEV_ERROR, "io", "无法打开“%s”：%s", path, jx_errno_text(errno));
        return JX_ERR_IO;
    }
    *buf = NULL;
    *len = *cap = 0;
    *book = false;
    struct stat st;
    if (!is_stdin && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) { /* a pipe is read whole */
        char head[8];
        size_t n = fread(head, 1, sizeof head, f);
        *book = !ferror(f) && jx_table_kind_of(head, n) != JX_TABLE_TEXT;
        if (*book || fseek(f, 0, SEEK_SET) != 0) {
            jx_result rc = *book ? JX_OK : JX_ERR_IO;
            if (rc != JX_OK)
                import_diag(imp, JX_SEV_ERROR, "io", "读取“%s”失败：%s", path, jx_errno_text(errno));
            fclose(f);
            return rc;
        }
    }
    jx_result rc = jx_read_all(imp->alloc, f, buf, len, cap);
    if (rc == JX_ERR_IO)
        import_diag(imp, JX_SEV_ERROR, "io", "读取“%s”失败：%s", path, jx_errno_text(errno));
    if (!is_stdin)
        fclose(f);
    return rc;
}

/** Decodes data into imp->text; on failure records the reason at the offending byte.
 * own, when not NULL, is data's block (own_cap bytes), which UTF-8 text takes over
 * (*own set to NULL) rather than being copied. */
static jx_result import_decode(jx_import *imp, const char *data, size_t len, const char *encoding, char **own,
                               size_t own_cap)
{
    jx_imp_decode_error err;
    jx_imp_decode_status st = own ? jx_imp_decode_take(imp->alloc, own, len, own_cap, encoding, &imp->text, &err)
                                  : jx_imp_decode(imp->alloc, data, len, encoding, &imp->text, &err);
    switch (st) {
    case JX_IMP_DECODE_OK:
        imp->encoding = imp->text.encoding;
        return JX_OK;
    case JX_IMP_DECODE_NOMEM:
        return JX_ERR_NOMEM;
    case JX_IMP_DECODE_UNKNOWN:
        import_diag(imp, JX_SEV_ERROR, "usage", "%s", err.reason);
        return JX_ERR_USAGE;
    default:
        break;
    }
    /* the line of the bad byte is quoted as UTF-8 would show it (bad bytes as U+FFFD),
     * unless the file was read as another encoding, where the quote would be mojibake */
    bool utf8 = !encoding || strcmp(jx_imp_encoding_name(encoding), "utf-8") == 0;
    jx_source src = {imp->file, utf8 ? data : NULL, utf8 ? len : 0, false};
    jx_pos pos = {0, err.line, err.col, 1};
    if (err.line > 0 && err.offset <= len) {
        pos.off = (uint32_t)err.offset;
    } else if (err.line > 0) {
        src.text = NULL;
    }
    jx_diags_add(&imp->diags, &imp->arena, JX_SEV_ERROR, "encoding", &src, pos, "%s", err.reason);
    return JX_ERR_INPUT;
}

/* -------------------------------------------------------------- workbooks */

/*
 * A workbook's sheet is handed to the format readers as the tab-separated text the
 * systems' own exports are: line N of the text is row N of the sheet (rows left out are
 * empty lines), a cell's tabs and line breaks become blanks. So an .xlsx or .xls table
 * imports as its tab-separated twin does, with the same row numbers.
 *
 * But the data sheet (JX_CSV_DATA_SHEET, 数据: the 自评表 workbook's rows of `score --format
 * csv`), known by its name and its header, jixiao's own scores' (jx_imp_csv_own_header), is
 * the CSV it holds: each row a record of fields as jx_csv_put_field writes them (quoted,
 * guarded), so every cell reads back as it is, line breaks and quotes too, through the
 * csv format as the score CSV itself does. A continuation ("数据(2)", a full sheet's rows
 * go on there) adds its rows, without its header. Unless --sheet or --from says otherwise,
 * it is the sheet read, and the forms beside it are not tried: it is what they show,
 * with the department's claims where they show the recomputed 得分.
 */

/** One sheet's text while the workbook is read. */
typedef struct import_sheet {
    char *s;          /* the text, NUL-terminated */
    size_t len, cap;  /* bytes and allocation */
    uint32_t rows;    /* the last row written */
    bool begun;       /* its first row came */
    bool data;        /* it is a data sheet: its rows are CSV records (in the first data sheet's text) */
    size_t fields;    /* the first data sheet: its header's cells, the fields of each record;
                         another sheet: its widest row so far, the cells of each line */
} import_sheet;

/** Appends s[0..n) to sh; -1 when memory ran out. */
static int sheet_put(const jx_allocator *a, import_sheet *sh, const char *s, size_t n)
{
    if (sh->len + n + 1 > sh->cap) {
        size_t ncap = sh->cap ? sh->cap : 4096;
        while (ncap < sh->len + n + 1)
            ncap *= 2;
        char *b = jx_realloc(a, sh->s, sh->cap, ncap);
        if (!b)
            return -1;
        sh->s = b;
        sh->cap = ncap;
    }
    memcpy(sh->s + sh->len, s, n);
    sh->len += n;
    sh->s[sh->len] = '\0';
    return 0;
}

/** Where a CSV field of a data sheet goes (sheet_field). */
typedef struct sheet_to {
    const jx_allocator *a;
    import_sheet *sh;
} sheet_to;

/** jx_csv_put_field's output: the sheet's text; -1 when memory ran out. */
static int sheet_field(void *ud, const char *s, size_t n)
{
    sheet_to *to = ud;
    return sheet_put(to->a, to->sh, s, n);
}

/** Appends row r to sh, after empty lines for the rows between: a line of tab-separated
 * cells, or for a data sheet a CSV record; either of at least sh->fields fields — the
 * data sheet's header's, another sheet's widest row so far (a header, under its title) —
 * so the empty cells a sheet's row ends with, which it does not hold, are there as a
 * text saved from the sheet has them. */
static int sheet_row(const jx_allocator *a, import_sheet *sh, const jx_table_row *r, bool csv)
{
    for (; sh->rows + 1 < r->row; sh->rows++)
        if (sheet_put(a, sh, "\n", 1) != 0)
            return -1;
    for (size_t i = 0; i < r->ncells; i++) {
        if (i && sheet_put(a, sh, csv ? "," : "\t", 1) != 0)
            return -1;
        const jx_table_cell *c = &r->cells[i];
        if (csv) {
            sheet_to to = {a, sh};
            if (jx_csv_put_field(c->s, c->n, sheet_field, &to) != 0)
                return -1;
            continue;
        }
        size_t from = sh->len;
        if (sheet_put(a, sh, c->s, c->n) != 0)
            return -1;
        for (size_t k = from; k < sh->len; k++)
            if (sh->s[k] == '\t' || sh->s[k] == '\n' || sh->s[k] == '\r')
                sh->s[k] = ' ';
    }
    for (size_t i = r->ncells; i < sh->fields; i++)
        if (sheet_put(a, sh, csv ? "," : "\t", 1) != 0)
            return -1;
    if (!csv && r->ncells > sh->fields)
        sh->fields = r->ncells;
    sh->rows = r->row;
    return sheet_put(a, sh, "\n", 1);
}

/** Whether a sheet called name may be a data sheet: JX_CSV_DATA_SHEET, or a continuation
 * of it as jx_xlsx_sheet_name numbers them ("数据(2)"). */
static bool data_sheet_name(const char *name)
{
    size_t k = strlen(JX_CSV_DATA_SHEET);
    if (strncmp(name, JX_CSV_DATA_SHEET, k) != 0)
        return false;
    name += k;
    if (!*name)
        return true;
    if (*name++ != '(' || *name < '1' || *name > '9')
        return false;
    while (*name >= '0' && *name <= '9')
        name++;
    return strcmp(name, ")") == 0;
}

/** How sure the surest format is of text, and which it is. */
static int import_best_format(const char *text, size_t len, const jx_imp_format **fmt)
{
    int best = 0;
    *fmt = NULL;
    for (size_t i = 0; jx_imp_formats[i]; i++) {
        int score = jx_imp_formats[i]->detect(text, len);
        if (score > best) {
            best = score;
            *fmt = jx_imp_formats[i];
        }
    }
    return best;
}

/**
 * Reads a workbook into imp->text: the sheet --sheet names, or else its data sheet (above;
 * with --from, only for the csv format), or else the first sheet a format recognises
 * (with --from, the first sheet with rows); the other sheets a format recognises are named
 * in a warning, never passed over silently — but beside the data sheet, which is what
 * they show.
 */
static jx_result import_workbook(jx_import *imp, const char *book, const char *data, size_t len,
                                 const jx_import_options *opts)
{
    jx_table_options to = {.sheet = opts->sheet};
    jx_table_error err;
    jx_table *t = NULL;
    jx_result rc = book ? jx_table_open(&t, book, &to, imp->alloc, &err)
                        : jx_table_open_memory(&t, imp->file, data, len, &to, imp->alloc, &err);
    if (rc == JX_ERR_NOMEM)
        return rc;
    if (rc == JX_ERR_IO) {
        import_diag(imp, JX_SEV_ERROR, "io", "读取“%s”失败：%s", imp->file, err.message);
        return rc;
    }
    if (rc != JX_OK) {
        import_diag(imp, JX_SEV_ERROR, err.code ? err.code : "table", "%s", err.message);
        return JX_ERR_INPUT;
    }
    size_t n = jx_table_sheet_count(t);
    import_sheet *sheets = n ? jx_calloc(imp->alloc, n * sizeof *sheets) : NULL;
    if (n && !sheets) {
        jx_table_close(t);
        return JX_ERR_NOMEM;
    }
    jx_table_row r;
    jx_table_status st;
    size_t first_data = n; /* the first data sheet, whose text the others' rows go on */
    while ((st = jx_table_next(t, &r)) == JX_TABLE_ROW) {
        if (r.sheet >= n)
            continue;
        import_sheet *sh = &sheets[r.sheet];
        bool head = !sh->begun;
        sh->begun = true;
        if (head && data_sheet_name(jx_table_sheet_name(t, r.sheet)) && jx_imp_csv_own_header(r.cells, r.ncells)) {
            sh->data = true;
            if (first_data < n)
                continue; /* a continuation's header: the first one's stands */
            first_data = r.sheet;
            sh->fields = r.ncells;
        }
        import_sheet *into = sh->data ? &sheets[first_data] : sh;
        if (sheet_row(imp->alloc, into, &r, sh->data) != 0) {
            st = JX_TABLE_NOMEM;
            break;
        }
    }
    if (st == JX_TABLE_ERROR) {
        import_diag(imp, JX_SEV_ERROR, "table", "%s", jx_table_last_error(t)->message);
        rc = JX_ERR_INPUT;
    } else if (st == JX_TABLE_NOMEM) {
        rc = JX_ERR_NOMEM;
    }
    /* the sheet to read: the data sheet, else the first a format recognises */
    size_t pick = n;
    char others[512];
    size_t o = 0, nothers = 0;
    others[0] = '\0';
    bool by_data = first_data < n && (!opts->format || strcmp(opts->format, jx_imp_csv.name) == 0);
    if (by_data) { /* its header is the CSV's own: read as that CSV, no format looked for */
        pick = first_data;
        imp->format = &jx_imp_csv;
    }
    for (size_t i = 0; rc == JX_OK && !by_data && i < n; i++) {
        if (!sheets[i].len)
            continue;
        const jx_imp_format *f = NULL; /* import_best_format sets it */
        bool fits = opts->format ? true : import_best_format(sheets[i].s, sheets[i].len, &f) >= IMPORT_DETECT_MIN;
        if (!fits)
            continue;
        if (pick == n) {
            pick = i;
            if (!opts->format)
                imp->format = f; /* settled: import_prepare looks no further */
        } else if (!opts->format) {
            int w = snprintf(others + o, sizeof others - o, "%s“%s”", nothers ? "、" : "", jx_table_sheet_name(t, i));
            if (w > 0 && (size_t)w < sizeof others - o)
                o += (size_t)w;
            nothers++;
        }
    }
    if (rc == JX_OK) {
        if (pick == n)
            pick = 0; /* no sheet is recognised: the first, so the format's error says so */
        if (nothers)
            import_diag(imp, JX_SEV_WARNING, "sheets-not-imported",
                        "只导入了工作表“%s”；工作簿中还有 %zu 张可识别的工作表未导入：%s（用 --sheet 选择）",
                        jx_table_sheet_name(t, pick), nothers, others);
        if (n && sheets[pick].s) {
            imp->text.s = sheets[pick].s;
            imp->text.len = sheets[pick].len;
            imp->text.cap = sheets[pick].cap;
            sheets[pick].s = NULL;
            sheets[pick].cap = 0;
        } else {
            imp->text.s = jx_strndup(imp->alloc, "", 0);
            imp->text.cap = 1;
            if (!imp->text.s)
                rc = JX_ERR_NOMEM;
        }
        imp->text.encoding = jx_table_kind_name(jx_table_get_kind(t));
        imp->encoding = imp->text.encoding;
    }
    for (size_t i = 0; i < n; i++)
        jx_free(imp->alloc, sheets[i].s, sheets[i].cap);
    jx_free(imp->alloc, sheets, n * sizeof *sheets);
    jx_table_close(t);
    return rc;
}

/** The formats' names joined by "、" into list[size], each with its title in brackets when titles. */
static const char *import_format_list(char *list, size_t size, bool titles)
{
    size_t o = 0;
    list[0] = '\0';
    for (size_t i = 0; jx_imp_formats[i] && o < size; i++) {
        const jx_imp_format *f = jx_imp_formats[i];
        if (titles)
            o += (size_t)snprintf(list + o, size - o, "%s%s（%s）", i ? "、" : "", f->name, f->title);
        else
            o += (size_t)snprintf(list + o, size - o, "%s%s", i ? "、" : "", f->name);
    }
    return list;
}

/** Settles the format: the one named, or the one surest of the text. */
static jx_result import_settle_format(jx_import *imp, const char *name)
{
    if (name) {
        imp->format = jx_imp_format_find(name);
        if (imp->format)
            return JX_OK;
        char list[1024];
        import_diag(imp, JX_SEV_ERROR, "usage", "未知的表格格式“%s”，可用 %s", name,
                    import_format_list(list, sizeof list, false));
        return JX_ERR_USAGE;
    }
    int best = import_best_format(imp->text.s, imp->text.len, &imp->format);
    if (best >= IMPORT_DETECT_MIN)
        return JX_OK;
    imp->format = NULL;
    char list[1024];
    import_diag(imp, JX_SEV_ERROR, "format", "无法识别表格格式，请用 --from 指定：%s",
                import_format_list(list, sizeof list, true));
    return JX_ERR_INPUT;
}

/** Loads the policy the equal-weights rule takes its points from. */
static jx_result import_open_policy(jx_import *imp, const char *name)
{
    if (!name)
        name = "default";
    jx_result rc = jx_policy_open(&imp->policy, name, imp->alloc);
    if (rc == JX_OK)
        return JX_OK;
    size_t n = imp->policy ? jx_policy_diag_count(imp->policy) : 0;
    for (size_t i = 0; i < n; i++)
        import_copy_diag(imp, jx_policy_diag(imp->policy, i));
    if (n == 0)
        import_diag(imp, JX_SEV_ERROR, "policy", "找不到评分办法“%s”", name);
    jx_policy_close(imp->policy);
    imp->policy = NULL;
    return rc;
}

/** What both open functions share once the bytes are in hand. */
/* Reads data[0..len), or the workbook in the file book when not NULL, as opts say. own,
 * when not NULL, is data's block (own_cap bytes) for the text to take over (import_decode). */
static jx_result import_prepare(jx_import *imp, const char *book, const char *data, size_t len,
                                const jx_import_options *opts, char **own, size_t own_cap)
{
    static const jx_import_options none = {0};
    if (!opts)
        opts = &none;
    if (!JX_OPTIONS_SIZE_OK(opts, jx_import_options, sheet)) {
        import_diag(imp, JX_SEV_ERROR, "usage", "jx_import_options 的 size（%zu）小于 0.1 版的结构", opts->size);
        return JX_ERR_USAGE;
    }
    if (opts->weights != JX_IMPORT_WEIGHTS_NONE && opts->weights != JX_IMPORT_WEIGHTS_EQUAL &&
        opts->weights != JX_IMPORT_WEIGHTS_UNSET) {
        import_diag(imp, JX_SEV_ERROR, "usage", "未知的权重处理方式 %d", (int)opts->weights);
        return JX_ERR_USAGE;
    }
    imp->weights = opts->weights;
    if (opts->encoding && !jx_imp_encoding_name(opts->encoding)) {
        import_diag(imp, JX_SEV_ERROR, "usage", "未知的编码“%s”，可用 utf-8、gb18030、gbk、utf-16", opts->encoding);
        return JX_ERR_USAGE;
    }
    if (opts->format && !jx_imp_format_find(opts->format))
        return import_settle_format(imp, opts->format);
    jx_result rc = book || jx_table_kind_of(data, len) != JX_TABLE_TEXT
                       ? import_workbook(imp, book, data, len, opts)
                       : import_decode(imp, data, len, opts->encoding, own, own_cap);
    if (rc != JX_OK)
        return rc;
    rc = imp->format ? JX_OK : import_settle_format(imp, opts->format); /* a workbook's sheet settled it */
    if (rc != JX_OK)
        return rc;
    if (imp->weights == JX_IMPORT_WEIGHTS_EQUAL) {
        rc = import_open_policy(imp, opts->policy);
        if (rc != JX_OK)
            return rc;
    }
    imp->im = jx_imp_create(imp->alloc, imp->file, import_sink, imp);
    if (!imp->im)
        return JX_ERR_NOMEM;
    jx_imp_set_text(imp->im, imp->text.s, imp->text.len);
    return jx_imp_oom(imp->im) ? JX_ERR_NOMEM : JX_OK;
}

jx_result jx_import_open(jx_import **out, const char *path, const jx_import_options *opts,
                         const jx_allocator *alloc)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    if (!path)
        return JX_ERR_USAGE;
    jx_import *imp = import_new(path, alloc);
    if (!imp)
        return JX_ERR_NOMEM;
    *out = imp;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    bool book;
    jx_result rc = import_read_file(imp, path, &buf, &len, &cap, &book);
    if (rc == JX_OK)
        rc = import_prepare(imp, book ? path : NULL, buf ? buf : "", len, opts, buf ? &buf : NULL, cap);
    jx_free(imp->alloc, buf, cap); /* NULL when the text took it */
    return rc;
}

jx_result jx_import_open_memory(jx_import **out, const char *file_name, const char *data, size_t len,
                                const jx_import_options *opts, const jx_allocator *alloc)
{
    if (!out)
        return JX_ERR_USAGE;
    *out = NULL;
    if (!data && len > 0)
        return JX_ERR_USAGE;
    jx_import *imp = import_new(file_name ? file_name : "", alloc);
    if (!imp)
        return JX_ERR_NOMEM;
    *out = imp;
    return import_prepare(imp, NULL, data ? data : "", len, opts, NULL, 0);
}

/* -------------------------------------------------------------------- run */

jx_result jx_import_run(jx_import *imp, jx_write_fn fn, void *ud)
{
    if (!imp || !fn || imp->ran || !imp->im)
        return JX_ERR_USAGE;
    imp->ran = true;
    imp->em = jx_imp_emitter_create(imp->alloc, fn, ud);
    if (!imp->em)
        return JX_ERR_NOMEM;
    if (imp->weights == JX_IMPORT_WEIGHTS_UNSET)
        jx_imp_emitter_unweighted(imp->em);
    jx_result rc = jx_imp_emit_source(imp->em, imp->file, imp->format->name, imp->encoding);
    if (rc != JX_OK)
        return rc;
    int read = imp->format->read(imp->im, imp->text.s, imp->text.len);
    int finished = jx_imp_finish(imp->im);
    if (imp->sink_rc != JX_OK)
        return imp->sink_rc;
    if (read != 0 || finished != 0 || jx_imp_oom(imp->im))
        return JX_ERR_NOMEM;
    return jx_import_error_count(imp) > 0 ? JX_ERR_INPUT : JX_OK;
}

void jx_import_close(jx_import *imp)
{
    if (!imp)
        return;
    jx_imp_emitter_destroy(imp->em);
    jx_imp_destroy(imp->im);
    jx_policy_close(imp->policy);
    jx_imp_text_free(imp->alloc, &imp->text);
    jx_free(imp->alloc, imp->notes, imp->notes_cap * sizeof *imp->notes);
    jx_diags_free(&imp->diags);
    jx_arena_free(&imp->arena);
    jx_free(imp->alloc, imp->file, imp->file_len + 1);
    const jx_allocator *a = imp->alloc;
    jx_free(a, imp, sizeof *imp);
    jx_alloc_drop(a);
}

/* -------------------------------------------------------------- accessors */

const char *jx_import_format(const jx_import *imp)
{
    return imp && imp->format ? imp->format->name : "";
}

const char *jx_import_encoding(const jx_import *imp)
{
    return imp ? imp->encoding : "";
}

/** The model's counts, zero before the model exists. */
static jx_imp_stats import_stats(const jx_import *imp)
{
    jx_imp_stats none = {0, 0, 0, 0, 0};
    return imp && imp->im ? jx_imp_get_stats(imp->im) : none;
}

size_t jx_import_project_count(const jx_import *imp)
{
    return import_stats(imp).projects;
}

size_t jx_import_indicator_count(const jx_import *imp)
{
    return import_stats(imp).indicators;
}

size_t jx_import_row_count(const jx_import *imp)
{
    return import_stats(imp).rows;
}

size_t jx_import_skipped_count(const jx_import *imp)
{
    return import_stats(imp).skipped;
}

size_t jx_import_not_understood_count(const jx_import *imp)
{
    return import_stats(imp).not_understood;
}

size_t jx_import_diag_count(const jx_import *imp)
{
    if (!imp)
        return 0;
    return imp->diags.n + (imp->im ? jx_imp_diag_count(imp->im) : 0);
}

const jx_diag *jx_import_diag(const jx_import *imp, size_t i)
{
    if (!imp)
        return NULL;
    if (i < imp->diags.n)
        return &imp->diags.v[i];
    return imp->im ? jx_imp_diag(imp->im, i - imp->diags.n) : NULL;
}

size_t jx_import_error_count(const jx_import *imp)
{
    if (!imp)
        return 0;
    size_t n = imp->diags.errors;
    size_t total = imp->im ? jx_imp_diag_count(imp->im) : 0;
    for (size_t i = 0; i < total; i++)
        if (jx_imp_diag(imp->im, i)->severity == JX_SEV_ERROR)
            n++;
    return n;
}
