/* SPDX-License-Identifier: MIT */
/*
 * jixiao.h — score budget performance indicators (预算绩效) from the jixiao rule DSL.
 *
 * The one public header of libjixiao. Every public name starts with jx_ / JX_.
 *
 * Typical use (the `jixiao score` command is exactly this loop):
 *
 *     jx_policy *pol; jx_reader *rd; jx_writer *wr; jx_project *p;
 *     jx_policy_open(&pol, "default", NULL);
 *     jx_reader_open(&rd, "projects.jx", NULL);
 *     jx_writer_create(&wr, JX_FORMAT_JSON, 0, write_cb, stdout, NULL);
 *     while (jx_reader_next(rd, &p) == JX_ROW) {
 *         if (jx_project_error_count(p) == 0 && jx_score(p, pol) == JX_OK)
 *             jx_writer_project(wr, p);
 *     }
 *     jx_writer_finish(wr);
 *     jx_writer_destroy(wr); jx_reader_close(rd); jx_policy_close(pol);
 *
 * Ownership, stated once for the whole API:
 *   - A handle returned through an `out` parameter of jx_*_open / jx_*_create belongs
 *     to the caller, who releases it with the matching jx_*_close / jx_*_destroy.
 *     Releasing NULL is a no-op. An open/create that fails still sets *out whenever a
 *     handle could be allocated, so the caller can read its diagnostics, then close it.
 *   - Every pointer an accessor returns (strings, jx_diag, jx_project, jx_indicator)
 *     is owned by the handle it came from. A jx_project and everything read from it
 *     stays valid until the next jx_reader_next() or jx_reader_close() on its reader.
 *   - Strings are UTF-8 and NUL-terminated.
 *   - The memory of a handle and of everything it makes is obtained through the
 *     jx_allocator passed at its creation (NULL means the C library's malloc/realloc/
 *     free). The struct is copied at creation (into memory from the allocator itself):
 *     the caller's jx_allocator may be a local that goes out of scope; its fn and ud must
 *     stay usable until the handle is released. The libraries that allocate outside it
 *     are listed at jx_allocator below.
 *   - Threads: no handle touches global mutable state, so different handles may be used
 *     from different threads at once; one handle is used by one thread at a time.
 *     (libxlsxwriter reads the time through gmtime(3) when it closes a workbook; jixiao
 *     closes workbooks one at a time under a lock of its own, so its writers do not race
 *     on gmtime's buffer — a program calling gmtime itself meanwhile still may. cJSON,
 *     which reads jixiao's own JSON back, writes a global error record on each parse,
 *     which jixiao never reads.) A
 *     jx_policy is only read once opened: one policy may be shared by handles in many
 *     threads, as long as it outlives them and is closed after the last.
 */
#ifndef JIXIAO_H
#define JIXIAO_H

#include <stddef.h>
#include <stdint.h>

#include "jixiao_version.h" /* JX_VERSION, JX_VERSION_MAJOR … JX_VERSION_NUMBER */

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Option structs (jx_table_options, jx_import_options, jx_audit_options, jx_vet_options)
 * begin with their size, so later versions can add members without breaking a program
 * built against this header: write `jx_vet_options o = JX_OPTIONS_INIT(jx_vet_options);`
 * (or set .size = sizeof o), then the members wanted. A size of 0 reads as the 0.1 layout;
 * a size smaller than the 0.1 layout is JX_ERR_USAGE.
 */
#define JX_OPTIONS_INIT(type) {.size = sizeof(type)}

/* Marks the functions the shared library exports; everything else stays hidden. */
#if defined(__GNUC__) && __GNUC__ >= 4
#define JX_API __attribute__((visibility("default")))
#else
#define JX_API
#endif

/* ---------------------------------------------------------------- results */

/** Result codes of every fallible call. JX_OK is 0; JX_ROW and JX_DONE are not errors. */
typedef enum jx_result {
    JX_OK = 0,          /* success */
    JX_ERR_NOMEM = 1,   /* the allocator returned NULL */
    JX_ERR_IO = 2,      /* a file could not be opened, read or written */
    JX_ERR_INPUT = 3,   /* the input has errors; read them from the handle's diagnostics */
    JX_ERR_USAGE = 4,   /* an argument to the call is invalid (NULL handle, bad option) */
    JX_ERR_NOTFOUND = 5,/* a named policy or file does not exist */
    JX_ERR_LIMIT = 6,   /* a documented limit was passed (docs/limits.md), e.g. JX_XLSX_PROJECTS_MAX */
    JX_ROW = 100,       /* jx_reader_next(): a project is ready */
    JX_DONE = 101       /* jx_reader_next(): the input is exhausted */
} jx_result;

/** A short Chinese description of a result code ("成功", "内存不足", …); never NULL. */
JX_API const char *jx_strerror(jx_result rc);

/** A short Chinese description of a system error number (errno: "文件或文件夹不存在",
 * "磁盘空间不足", …), as jixiao's messages word it; the system's own text for a number
 * it does not name. Never NULL. */
JX_API const char *jx_errno_text(int err);

/** The library version string, JX_VERSION of the build. */
JX_API const char *jx_version(void);

/** JX_VERSION_NUMBER of the library the program runs with (which may be newer than the
 * header it was compiled against). */
JX_API int jx_version_number(void);

/* -------------------------------------------------------------- allocation */

/**
 * One pluggable allocation function, with lua_Alloc semantics: for nsize == 0 it
 * frees ptr (which may be NULL) and returns NULL; otherwise it behaves as
 * realloc(ptr, nsize) and returns NULL on failure. osize is the size of the block
 * being resized or freed (0 when ptr is NULL), so a counting allocator can track use.
 *
 * jixiao's own memory and PCRE2's (match data, the interpreter's frames) come from it.
 * The C library's malloc serves the rest: the compiled PCRE2 patterns of the value
 * reader (about 50 KB, compiled by the first reader that opens, then shared by every
 * reader and thread of the process and kept until it ends), and the libraries that take
 * no allocator of a handle's: expat (its memory suite has no user data), libzip and
 * libfreexl (reading workbooks), libxlsxwriter (writing them) and utf8proc (folding names).
 * Memory running out anywhere is JX_ERR_NOMEM from the call, never a shorter output — but
 * for a workbook writer (JX_FORMAT_XLSX), which writes nothing before jx_writer_finish
 * and may report it there (tests/unit/test_oom.c refuses every allocation in turn).
 */
typedef void *(*jx_alloc_fn)(void *ud, void *ptr, size_t osize, size_t nsize);

/** An allocator: the function and the opaque pointer passed to it. */
typedef struct jx_allocator {
    jx_alloc_fn fn; /* the function; never NULL in a valid allocator */
    void *ud;       /* passed unchanged as the first argument of fn */
} jx_allocator;

/* ------------------------------------------------------------- diagnostics */

/** How serious a diagnostic is. Errors make the input invalid (exit 1). */
typedef enum jx_severity {
    JX_SEV_NOTE = 0,    /* information for an auditor; never fails a run */
    JX_SEV_WARNING = 1, /* a consistency problem; fails a run only under --werror */
    JX_SEV_ERROR = 2    /* the input cannot be used as written */
} jx_severity;

/**
 * One diagnostic: a parse error, a consistency warning or an evaluation note.
 * Positions are 1-based; column counts characters, not bytes; line 0 means the
 * diagnostic has no source position (e.g. a project-wide total).
 */
typedef struct jx_diag {
    jx_severity severity;    /* error, warning or note */
    const char *code;        /* stable machine code: "syntax", "weight-sum", "vague-actual", … */
    const char *message;     /* one line of Chinese naming the indicator and the numbers */
    const char *file;        /* the file name as given by the caller; never NULL */
    uint32_t line;           /* 1-based line, 0 when there is no position */
    uint32_t column;         /* 1-based column in characters */
    uint32_t width;          /* characters to underline with carets (at least 1) */
    const char *source_line; /* the text of that line without its newline, or NULL; a line
                                longer than 1024 bytes is quoted as an excerpt of about 120
                                display columns around column, "…" where cut (docs/limits.md) */
    uint32_t source_column;  /* the column of source_line's first character after a leading
                                "…"; 0 or 1 when source_line starts at the line's start */
} jx_diag;

/**
 * Renders d the way compilers do:
 *     file:line:col: error: message
 *         source line
 *         ^^^^
 * (warnings read "warning: message [code]"). Writes at most size bytes including the
 * NUL, like snprintf, and returns the length the whole text needs.
 */
JX_API size_t jx_diag_format(const jx_diag *d, char *buf, size_t size);

/** The Chinese word for a severity: "错误", "警告", "提示". */
JX_API const char *jx_severity_name(jx_severity s);

/**
 * The neutral Chinese name of a finding code, the one shown beside the code wherever
 * codes are listed (docs/checks.md, "Codes and their names"): "自评总分与重算不符" for
 * "claimed-total", "权重合计不符" for "weight-sum", …; NULL for a code jixiao does not use.
 */
JX_API const char *jx_code_name(const char *code);

/* ------------------------------------------------------------------ policy */

/** A scoring policy (评分办法): grade bands, reverse rule, 定性 percentages, …. */
typedef struct jx_policy jx_policy;

/**
 * Loads a policy. name_or_path is either a file in the rule DSL holding one
 * `评分办法 "…" { … }` block, or the name of a policy shipped with the library:
 * "default" (财政部2020: 执行率 as an ordinary indicator, weights sum to 100) or
 * "central" (中央部门自评: 预算执行率 单列 10 分, weights sum to 90). Also accepts the
 * names written in the shipped files. A path is a path when it holds a '/' or ends in
 * ".jx" ("./mine", "rules/x.jx", "x.jx"); anything else is a name, looked up among the
 * shipped policies only — a file of that name in the working folder is never read
 * (JX_ERR_NOTFOUND when no shipped policy has the name). On JX_ERR_INPUT the errors are
 * on *out.
 */
JX_API jx_result jx_policy_open(jx_policy **out, const char *name_or_path, const jx_allocator *alloc);

/** Parses a policy from memory; file_name is used in diagnostics. */
JX_API jx_result jx_policy_open_memory(jx_policy **out, const char *file_name, const char *text,
                                size_t len, const jx_allocator *alloc);

/** Releases a policy; NULL is a no-op. */
JX_API void jx_policy_close(jx_policy *pol);

/** The policy's name as written in its 评分办法 header. */
JX_API const char *jx_policy_name(const jx_policy *pol);

/** Number of diagnostics the policy's loading produced. */
JX_API size_t jx_policy_diag_count(const jx_policy *pol);

/** The i-th diagnostic of the policy's loading, or NULL when i is out of range. */
JX_API const jx_diag *jx_policy_diag(const jx_policy *pol, size_t i);

/** Names of the policies shipped with the library, NULL-terminated. */
JX_API const char *const *jx_policy_builtin_names(void);

/* ------------------------------------------------------------------ reader */

/** Streams projects out of a DSL file, one at a time, in flat memory. */
typedef struct jx_reader jx_reader;

/** A parsed (and, after jx_score, scored) project. Owned by its reader. */
typedef struct jx_project jx_project;

/** Opens path for reading; "-" reads standard input. On JX_ERR_IO *out holds the reason. */
JX_API jx_result jx_reader_open(jx_reader **out, const char *path, const jx_allocator *alloc);

/** Reads from a caller-owned buffer that must outlive the reader; file_name names it in diagnostics. */
JX_API jx_result jx_reader_open_memory(jx_reader **out, const char *file_name, const char *data,
                                size_t len, const jx_allocator *alloc);

/** Releases the reader and the project it last returned; NULL is a no-op. */
JX_API void jx_reader_close(jx_reader *rd);

/**
 * Advances to the next project, like sqlite3_step: returns JX_ROW and sets *out, or
 * JX_DONE at the end. A project with syntax errors is still returned, with its
 * errors among its diagnostics (jx_project_error_count() > 0). Errors that belong to
 * no project (stray text between projects, an I/O failure) are returned as
 * JX_ERR_INPUT / JX_ERR_IO with the diagnostics on the reader; calling again goes on
 * after them. The previous project is released by this call.
 */
JX_API jx_result jx_reader_next(jx_reader *rd, jx_project **out);

/**
 * A reader of a table the importer reads (jx_import_*: the budget systems' tables, CSV,
 * .xlsx, .xls, and the JSON jx_writer writes in JX_FORMAT_JSON — opts->format "json" or
 * detected): the table is imported into the reader's own rule text at once, and its
 * projects are read as from any reader. That text is held in memory up to 1 MiB and past
 * that in a temporary file in $TMPDIR (else /tmp), removed at once, read back a block at a
 * time, so a large table's rule text is not held in memory beside it; where no such file
 * can be made it is held in memory.
 * A .xlsx or .xls in a regular file is read from the file, never whole into memory (one
 * on a pipe is). The import's diagnostics (but the rows it skips on
 * purpose) are on the reader after the open, until the first jx_reader_next. Returns the
 * import's result: JX_OK, JX_ERR_INPUT when rows have errors (the rest is read), or
 * JX_ERR_IO / JX_ERR_NOMEM / JX_ERR_USAGE when nothing can be read. Positions are those of
 * the table (rows): pass JX_AUDIT_IMPORTED to jx_audit_add and jx_vet_add
 * (jx_reader_imported says so). `jixiao score --from json` is this.
 */
struct jx_import_options; /* below, with the importer */
JX_API jx_result jx_reader_open_import(jx_reader **out, const char *path, const struct jx_import_options *opts,
                                       const jx_allocator *alloc);

/** The same for a table in memory, data[0..len); file_name names it in diagnostics. */
JX_API jx_result jx_reader_open_import_memory(jx_reader **out, const char *file_name, const char *data,
                                              size_t len, const struct jx_import_options *opts,
                                              const jx_allocator *alloc);

/** 1 when rd reads a table through the importer (jx_reader_open_import), else 0. */
JX_API int jx_reader_imported(const jx_reader *rd);

/** Work on a project read (jx_reader_set_threads): the result goes to jx_reader_prepared. */
typedef jx_result (*jx_project_fn)(void *ud, jx_project *p);

/** The most threads jx_reader_set_threads takes. */
#define JX_READER_THREADS_MAX 64

/**
 * Reads ahead on threads: up to `threads` projects are parsed at once (the calling thread
 * among them, so threads − 1 are started), and fn(ud, p), when fn is not NULL, runs on
 * each project on the thread that parsed it — jx_score under a shared policy, say —
 * before jx_reader_next returns it. jx_reader_next still returns the projects one at a
 * time in file order, each released by the next call, with the same diagnostics and the
 * same positions as without threads; jx_reader_prepared gives fn's result. threads 0 or 1
 * reads on the calling thread alone (fn still runs on each project). Call once, before the
 * first jx_reader_next; the threads end with jx_reader_close. fn must be safe to run on
 * several projects at once, and with threads > 1 the reader's allocator is called from
 * them too. Memory grows by 8 projects a thread in flight, each with its text. Returns
 * JX_ERR_USAGE for more than JX_READER_THREADS_MAX threads or a second call, JX_ERR_NOMEM
 * when the threads' state cannot be allocated.
 */
JX_API jx_result jx_reader_set_threads(jx_reader *rd, unsigned threads, jx_project_fn fn, void *ud);

/** fn's result on the project the last jx_reader_next returned (JX_OK without fn). */
JX_API jx_result jx_reader_prepared(const jx_reader *rd);

/** Diagnostics of the last jx_reader_next() that belong to no project. */
JX_API size_t jx_reader_diag_count(const jx_reader *rd);

/** The i-th of those diagnostics, or NULL when out of range. */
JX_API const jx_diag *jx_reader_diag(const jx_reader *rd, size_t i);

/** The file name the reader was opened with. */
JX_API const char *jx_reader_file(const jx_reader *rd);

/* ------------------------------------------------------------------ tables */

/**
 * How a table file is read: the actuals, a 复核 sheet, a table to import. Every one is
 * read the same way: CSV or tab-separated text (UTF-8 with or without BOM, GB18030/GBK,
 * UTF-16 with BOM), .xlsx or .xls, the kind found from the file's bytes. A zeroed
 * struct (or NULL) detects the encoding and reads every sheet whose header is recognised.
 */
typedef struct jx_table_options {
    size_t size;          /* sizeof the struct as the caller's header has it, or 0 for this (0.1)
                             layout; later versions add members at the end only (JX_OPTIONS_INIT) */
    const char *encoding; /* text: "utf-8", "gb18030", "gbk" or "utf-16"; NULL to detect */
    const char *sheet;    /* workbooks: a sheet's name or 1-based number; NULL for every sheet */
} jx_table_options;

/* ----------------------------------------------------------------- actuals */

/** Actual values (实际完成值) read from a table, applied to projects as they stream. */
typedef struct jx_actuals jx_actuals;

/**
 * Reads a table (any jx_table_options kind: CSV, tab-separated, .xlsx, .xls) with a
 * header naming at least 项目, 三级指标 and 实际完成值, optionally 单位, 主管部门,
 * 一级指标, 二级指标, 偏差原因, 评定 and 得分. opts NULL detects everything. JX_ERR_IO
 * when it cannot be read, JX_ERR_USAGE for an unknown encoding, JX_ERR_INPUT when it is
 * no readable table or its header or rows are malformed (the errors are on *out).
 */
JX_API jx_result jx_actuals_open_table(jx_actuals **out, const char *path, const jx_table_options *opts,
                                       const jx_allocator *alloc);

/** jx_actuals_open_table with every option detected. */
JX_API jx_result jx_actuals_open(jx_actuals **out, const char *path, const jx_allocator *alloc);

/** The same for a table held in memory, data[0..len) (text or a workbook's bytes, copied
 * when needed); file_name names it in diagnostics. */
JX_API jx_result jx_actuals_open_memory(jx_actuals **out, const char *file_name, const char *data, size_t len,
                                        const jx_table_options *opts, const jx_allocator *alloc);

/**
 * Makes project p known before any project is applied. A row names its project by 项目
 * and, where filled, 单位 and 主管部门; a row whose name two known projects share and
 * whose cells do not tell which is an error listing both, never applied to either.
 * Call it for every project of the run before the first jx_actuals_apply (a pass over
 * the files); projects only applied are known from then on. JX_OK or JX_ERR_NOMEM.
 */
JX_API jx_result jx_actuals_know(jx_actuals *act, const jx_project *p);

/** Releases the actuals; NULL is a no-op. */
JX_API void jx_actuals_close(jx_actuals *act);

/**
 * Fills the rows meant for project p into its indicators (overriding actuals written
 * in the DSL). A row that matches several indicators is an error on the actuals
 * handle and returns JX_ERR_INPUT.
 */
JX_API jx_result jx_actuals_apply(jx_actuals *act, jx_project *p);

/**
 * Reports the rows never applied: a row naming an applied project but none of its
 * indicators is an error (JX_ERR_INPUT), so is one whose name differs from an applied
 * project's only in brackets or blanks (named as the suggestion); rows naming projects
 * not scored in this run are one warning `actuals-unused` with their count.
 */
JX_API jx_result jx_actuals_finish(jx_actuals *act);

/** Number of diagnostics on the actuals handle. */
JX_API size_t jx_actuals_diag_count(const jx_actuals *act);

/** The i-th diagnostic on the actuals handle, or NULL when out of range. */
JX_API const jx_diag *jx_actuals_diag(const jx_actuals *act, size_t i);

/* ----------------------------------------------------------------- scoring */

/** The four grades of a 自评结论, and none. */
typedef enum jx_grade {
    JX_GRADE_NONE = 0, /* not scored / not claimed */
    JX_GRADE_EXCELLENT, /* 优 */
    JX_GRADE_GOOD,      /* 良 */
    JX_GRADE_FAIR,      /* 中 */
    JX_GRADE_POOR       /* 差 */
} jx_grade;

/** "优", "良", "中", "差", or "" for JX_GRADE_NONE. */
JX_API const char *jx_grade_name(jx_grade g);

/**
 * Scores every indicator of p under pol, sums the total, assigns the grade and adds
 * the evaluation's findings to p's diagnostics. Returns JX_ERR_INPUT (scoring
 * nothing) when p has syntax errors, or a number outside its range (`value-range`,
 * added to p's diagnostics). Some findings are errors on a project that is still
 * scored (JX_OK): `weight-sum` (the grade is then JX_GRADE_NONE) and `qualitative-band`;
 * a caller that writes the project fails the run when jx_project_error_count(p) > 0
 * after scoring (docs/scoring.md). Calling it again rescores from scratch.
 */
JX_API jx_result jx_score(jx_project *p, const jx_policy *pol);

/* ----------------------------------------------------- reading a project */

/** One indicator (三级指标) of a project, with its score once scored. */
typedef struct jx_indicator jx_indicator;

/**
 * Attaches the caller's data to p — what a jx_reader_set_threads fn made for the project,
 * say, for the caller to find when the project comes back. free_fn(data), when not NULL,
 * runs when the data is replaced or p is released or reused (its reader's next call, or
 * close). NULL data detaches.
 */
JX_API void jx_project_set_user_data(jx_project *p, void *data, void (*free_fn)(void *data));

/** The data jx_project_set_user_data attached to p, or NULL. */
JX_API void *jx_project_user_data(const jx_project *p);

/** The project name (项目名称). */
JX_API const char *jx_project_name(const jx_project *p);

/** The 单位 (预算单位), "" when none was written. */
JX_API const char *jx_project_org(const jx_project *p);

/** The 主管部门, "" when none was written. */
JX_API const char *jx_project_dept(const jx_project *p);

/** The file the project came from. */
JX_API const char *jx_project_file(const jx_project *p);

/** The line of the project's `项目` keyword. */
JX_API uint32_t jx_project_line(const jx_project *p);

/** Number of indicators in the project, in source order. */
JX_API size_t jx_project_indicator_count(const jx_project *p);

/** The i-th indicator, or NULL when out of range. */
JX_API const jx_indicator *jx_project_indicator(const jx_project *p, size_t i);

/**
 * The recomputed total in hundredths of a point (10000 = 100.00) once scored, or
 * -1 before jx_score(). Under a policy with other decimals it is still in hundredths.
 */
JX_API int64_t jx_project_total_cents(const jx_project *p);

/** The recomputed grade once scored, JX_GRADE_NONE before. */
JX_API jx_grade jx_project_grade(const jx_project *p);

/** The total the department claimed (总分) in hundredths, or -1 when none was written. */
JX_API int64_t jx_project_claimed_total_cents(const jx_project *p);

/** The grade the department claimed (结论), JX_GRADE_NONE when none was written. */
JX_API jx_grade jx_project_claimed_grade(const jx_project *p);

/** Number of diagnostics on the project: its syntax errors, then parse and score warnings. */
JX_API size_t jx_project_diag_count(const jx_project *p);

/** The i-th diagnostic of the project, or NULL when out of range. */
JX_API const jx_diag *jx_project_diag(const jx_project *p, size_t i);

/** Number of error-severity diagnostics on the project. */
JX_API size_t jx_project_error_count(const jx_project *p);

/** The indicator's own name (三级指标). */
JX_API const char *jx_indicator_name(const jx_indicator *ind);

/** The names of its first- and second-level groups (一级指标, 二级指标). */
JX_API const char *jx_indicator_level1(const jx_indicator *ind);
JX_API const char *jx_indicator_level2(const jx_indicator *ind);

/** The score in hundredths of a point once scored, -1 before. */
JX_API int64_t jx_indicator_score_cents(const jx_indicator *ind);

/** The weight (权重) in hundredths of a point, -1 when the indicator has none. */
JX_API int64_t jx_indicator_weight_cents(const jx_indicator *ind);

/** The scoring method, a stable code ("ge-met", "ge-ratio", "le-linear", …), "" before scoring. */
JX_API const char *jx_indicator_method(const jx_indicator *ind);

/**
 * The formula with the numbers put in, e.g. "22.50 = 30 × 45 / 60", "" before scoring
 * (and when memory ran out). Written on the first request and kept beside the project
 * (asking does not change the project): the same pointer until the project is scored
 * again or its reader moves to the next project.
 */
JX_API const char *jx_indicator_formula(const jx_indicator *ind);

/** The line of the indicator in its source file. */
JX_API uint32_t jx_indicator_line(const jx_indicator *ind);

/* What the project and its indicators say, as written. Strings are "" when nothing was
 * written; numbers come as exact decimals, through a call that returns 1 when there is one
 * and 0 (leaving *out alone) when there is not — never a 0 standing for "not given". */

/** An exact decimal number: v × 10^-scale, scale 0 to 9 (12.5 is {125, 1}). */
typedef struct jx_decimal {
    int64_t v;
    int32_t scale;
} jx_decimal;

/** The 年度, 0 when none was written. */
JX_API int jx_project_year(const jx_project *p);

/** The 金额单位 (元, 万元, …) the 资金 amounts are in. */
JX_API const char *jx_project_money_unit(const jx_project *p);

/** The project's texts: 年度目标, 完成情况 (实际完成情况), 偏离原因, 整改措施. */
JX_API const char *jx_project_goal(const jx_project *p);
JX_API const char *jx_project_outcome(const jx_project *p);
JX_API const char *jx_project_deviation(const jx_project *p);
JX_API const char *jx_project_remedy(const jx_project *p);

/** Number of 资金 rows, in source order. */
JX_API size_t jx_project_funds_count(const jx_project *p);

/** The 资金来源 of the i-th row (年度资金总额 for the total), NULL when out of range. */
JX_API const char *jx_project_funds_source(const jx_project *p, size_t i);

/** Which amount of a 资金 row. */
typedef enum jx_funds_amount {
    JX_FUNDS_INITIAL = 0, /* 年初预算 */
    JX_FUNDS_BUDGET = 1,  /* 全年预算 */
    JX_FUNDS_SPENT = 2    /* 全年执行 */
} jx_funds_amount;

/** The amount `which` of the i-th 资金 row in 金额单位: 1 when given, 0 when not given or out of range. */
JX_API int jx_project_funds_amount(const jx_project *p, size_t i, jx_funds_amount which, jx_decimal *out);

/** The target's sign as written: "≥", ">", "=", "<", "≤", "定性" for a text target, "" for
 * none (a number written without one, scored as "="). */
JX_API const char *jx_indicator_sign(const jx_indicator *ind);

/** The target (年度指标值) and the actual (实际完成值) as written ("≥60个", "提升"); "" when
 * the indicator has no actual. */
JX_API const char *jx_indicator_target(const jx_indicator *ind);
JX_API const char *jx_indicator_actual(const jx_indicator *ind);

/** The number of the target and of the actual (60 of "≥60个"): 1 when it is one, 0 for a text or none. */
JX_API int jx_indicator_target_number(const jx_indicator *ind, jx_decimal *out);
JX_API int jx_indicator_actual_number(const jx_indicator *ind, jx_decimal *out);

/** 1 when the target is a percentage ("≥95%"), else 0. */
JX_API int jx_indicator_percent(const jx_indicator *ind);

/** The target's unit ("个", "小时"), "" for none or a percentage. */
JX_API const char *jx_indicator_unit(const jx_indicator *ind);

/** 偏差 (偏差原因分析及改进措施). */
JX_API const char *jx_indicator_reason(const jx_indicator *ind);

/** 评定 of a 定性 indicator: "达成", "部分达成", "未达成", "" when none. */
JX_API const char *jx_indicator_judge(const jx_indicator *ind);

/** The 得分 the department claimed: 1 when written, 0 when not. */
JX_API int jx_indicator_claimed(const jx_indicator *ind, jx_decimal *out);

/** 1 when marked 不适用, else 0. */
JX_API int jx_indicator_not_applicable(const jx_indicator *ind);

/** 上年 and 前年 as written ("≥48", "每周五"), "/" or "-" when written as none, "" when not written. */
JX_API const char *jx_indicator_last_year(const jx_indicator *ind);
JX_API const char *jx_indicator_year_before(const jx_indicator *ind);

/** 依据 (指标值确定依据). */
JX_API const char *jx_indicator_basis(const jx_indicator *ind);

/* ----------------------------------------------------------------- writers */

/** Output formats; one reporter each. */
typedef enum jx_format {
    JX_FORMAT_TEXT = 0, /* the 自评表 as the form prints it, CJK-aligned */
    JX_FORMAT_JSON = 1, /* {"projects":[…]} with exact 2-decimal numbers */
    JX_FORMAT_CSV = 2,  /* one row per indicator */
    JX_FORMAT_TEMPLATE = 3, /* the actuals CSV to fill in: UTF-8 with BOM, one empty row per indicator */
    JX_FORMAT_HTML = 4, /* one self-contained page per project, printing on A4 as the paper form */
    JX_FORMAT_MD = 5,   /* GitHub-flavoured Markdown: the form as tables, findings as a list */
    JX_FORMAT_XLSX = 6, /* an Excel workbook: the list of projects, then one 自评表 sheet per project;
                           built in a temporary file and written whole by jx_writer_finish */
    JX_FORMAT_TXT = 7,  /* plain lines for mail and chat: nothing aligned, no markup */
    JX_FORMAT_JX = 8    /* rule text (docs/dsl.md): targets and results merged, the department's own
                           claims only, canonical and idempotent; scores again as the input did */
} jx_format;

/**
 * Most projects one JX_FORMAT_XLSX 自评表, 审核 or 复核 workbook gives a sheet of their own:
 * the workbook is written row by row in order, each sheet through a temporary file kept
 * open until the end, and a process may open 1,024 files. The 自评表 holds the projects past
 * it all the same, without a form — each in its first sheet 自评结果清单 and its last, 数据,
 * which jixiao audit reads back (jx_writer_forms_left_out counts them); so does the 审核
 * workbook, without a 审核表 — each in its sheet 项目, its findings in 发现, all in 汇总
 * (jx_vet_writer_forms_left_out). The 复核 workbook, whose sheets are the only place of
 * their review lines, refuses the project past it with JX_ERR_LIMIT and writes nothing
 * more. The other formats have no such bound.
 */
#define JX_XLSX_PROJECTS_MAX 1000

/** Writer flags, OR-ed together. */
enum {
    JX_WRITE_EXPLAIN = 1u << 0,  /* print each indicator's formula with the numbers put in */
    JX_WRITE_TIMESTAMP = 1u << 1, /* record the current time where a format keeps one (the xlsx document
                                     properties); without it the same input gives the same bytes */
    JX_WRITE_NO_FINDINGS = 1u << 2 /* the 自评表 as submitted: no appendix of findings under each form
                                      (text, html, md, xlsx, txt); the rest of each form is the same
                                      bytes as with it. json and csv ignore it: their findings are data */
};

/**
 * Where a writer's bytes go: called with each piece of output, must return len on
 * success; any other return makes the writer fail with JX_ERR_IO.
 */
typedef size_t (*jx_write_fn)(void *ud, const char *data, size_t len);

/** A reporter writing one format. */
typedef struct jx_writer jx_writer;

/** The documents a format writes (jx_format_info.help is indexed by them). */
typedef enum jx_document {
    JX_DOC_FORM = 0,     /* the 自评表 of scored projects: jx_writer (jixiao score) */
    JX_DOC_AUDIT = 1,    /* the audit report: jx_audit_writer (jixiao audit) */
    JX_DOC_REVIEW = 2,   /* the 复核 sheets: jx_review_writer (jixiao audit --review) */
    JX_DOC_TEMPLATE = 3, /* the actuals to fill in: jx_writer (jixiao template) */
    JX_DOC_VET = 4,      /* the 审核 of targets: jx_vet_writer (jixiao vet) */
    JX_DOC_COUNT = 5
} jx_document;

/** One output format, as the one table of formats holds it. */
typedef struct jx_format_info {
    const char *name;               /* what --format takes: "text" */
    jx_format format;               /* its code */
    const char *help[JX_DOC_COUNT]; /* for each document, NULL when the format does not write it, else
                                       what --help says of it there ("" for nothing: the name alone) */
} jx_format_info;

/**
 * The i-th output format (from 0), NULL past the last: the one table of formats that the
 * writers, jx_format_parse and the CLI's --help and option checks all read.
 */
JX_API const jx_format_info *jx_format_at(size_t i);

/** Parses a format name (a jx_format_at name: "text", "json", …) into *out; JX_ERR_USAGE when unknown. */
JX_API jx_result jx_format_parse(const char *name, jx_format *out);

/** Creates a writer of format fmt sending its output to fn(ud, …). */
JX_API jx_result jx_writer_create(jx_writer **out, jx_format fmt, unsigned flags, jx_write_fn fn,
                           void *ud, const jx_allocator *alloc);

/**
 * Creates a writer of the actuals template (JX_DOC_TEMPLATE) in format fmt: JX_FORMAT_CSV
 * (the same as jx_writer_create with JX_FORMAT_TEMPLATE) or JX_FORMAT_XLSX (a workbook
 * with sheets 指标 and 项目, only the cells to fill unlocked); JX_ERR_USAGE for a format
 * that writes no template (jx_format_info.help[JX_DOC_TEMPLATE] is NULL).
 */
JX_API jx_result jx_template_writer_create(jx_writer **out, jx_format fmt, unsigned flags, jx_write_fn fn,
                                           void *ud, const jx_allocator *alloc);

/** Writes one scored project (an unscored project is written without scores). */
JX_API jx_result jx_writer_project(jx_writer *wr, const jx_project *p);

/**
 * A project's bytes made apart, on another thread, then written in order. For a format
 * whose projects are written each the same wherever they fall (JSON, CSV, text, txt, md
 * and html of jx_writer_create: jx_writer_renders_apart is 1; not xlsx, whose workbook
 * gathers every project in its list and data, nor jx and template), jx_writer_render writes p's bytes to fn(ud, …) as wr would write them, reading wr without changing it, so
 * several threads may render for one wr at once while its own thread writes;
 * jx_writer_project_rendered then writes them to wr as jx_writer_project(wr, p) would have
 * written p (the same bytes in the end). JX_ERR_USAGE for another format; JX_ERR_NOMEM,
 * or JX_ERR_IO when fn takes fewer bytes than given.
 */
JX_API int jx_writer_renders_apart(const jx_writer *wr);
JX_API jx_result jx_writer_render(const jx_writer *wr, const jx_project *p, jx_write_fn fn, void *ud);
JX_API jx_result jx_writer_project_rendered(jx_writer *wr, const jx_project *p, const char *bytes, size_t len);

/** Writes what closes the document (the JSON array's end, …). Call once, last. */
JX_API jx_result jx_writer_finish(jx_writer *wr);

/**
 * The projects a JX_FORMAT_XLSX writer wrote without a 自评表 sheet of their own: those past
 * the first JX_XLSX_PROJECTS_MAX, which its workbook holds all the same in 自评结果清单 and
 * 数据. 0 for the other formats, and for NULL.
 */
JX_API size_t jx_writer_forms_left_out(const jx_writer *wr);

/** Releases the writer; NULL is a no-op. */
JX_API void jx_writer_destroy(jx_writer *wr);

/* ------------------------------------------------------------------ review */

/**
 * The 复核 sheet: a reviewer's CSV read against scored projects as they stream. For each
 * project it gives, per indicator, the self-evaluation (自评完成值, and 自评得分 as the
 * policy recomputes it) beside the review (复核完成值, 复核得分, 偏差 = 复核得分 − 自评得分,
 * 备注), then the totals and grades of both. docs/review.md gives the rules.
 *
 * The CSV's header names 项目, 三级指标 and 备注, and at least one of 复核完成值, 复核得分
 * and 扣分; 一级指标 and 二级指标 may tell apart indicators of one name. Rows are matched to
 * indicators as jx_actuals_apply matches them. 复核得分 is, first that applies: the
 * 复核得分 written; the base minus 扣分, the base being the score of 复核完成值 under
 * the policy when one is written, else 自评得分; the score of 复核完成值; 自评得分.
 * Cells given together must agree. A deduction (扣分 above 0, or a 复核得分 below
 * 自评得分) with an empty 备注 is refused: an error naming the row.
 *
 *     jx_review *rv; jx_review_writer *rw;
 *     jx_review_open(&rv, "复核.csv", pol, NULL);
 *     jx_review_writer_create(&rw, JX_FORMAT_TEXT, write_cb, stdout, NULL);
 *     while (jx_reader_next(rd, &p) == JX_ROW)
 *         if (jx_project_error_count(p) == 0 && jx_score(p, pol) == JX_OK &&
 *             jx_review_apply(rv, p) == JX_OK)
 *             jx_review_writer_sheet(rw, jx_review_sheet_get(rv));
 *     jx_review_finish(rv);               // the rows that matched no indicator
 *     jx_review_writer_finish(rw);
 *     jx_review_writer_destroy(rw); jx_review_close(rv);
 */
typedef struct jx_review jx_review;

/** Where an indicator's 复核得分 comes from. */
typedef enum jx_review_basis {
    JX_REVIEW_UNREVIEWED = 0, /* no row: the 复核 columns repeat the self-evaluation */
    JX_REVIEW_KEPT,           /* a row with no 复核完成值, 复核得分 or 扣分: 自评得分 stands */
    JX_REVIEW_VALUE,          /* the score of 复核完成值 under the policy */
    JX_REVIEW_DEDUCTION,      /* 自评得分, or the score of 复核完成值, minus 扣分 */
    JX_REVIEW_SCORE           /* 复核得分 as the reviewer wrote it */
} jx_review_basis;

/** The stable code of a basis: "unreviewed", "kept", "value", "deduction", "score". */
JX_API const char *jx_review_basis_code(jx_review_basis b);

/** One indicator of a sheet. Scores are in hundredths of a point (2250 = 22.50). */
typedef struct jx_review_line {
    const char *level1;        /* 一级指标 */
    const char *level2;        /* 二级指标 */
    const char *name;          /* 三级指标 */
    uint32_t line;             /* the indicator's line in its file */
    const char *nature;        /* 指标性质: 正向 (≥ >), 反向 (≤ <), 等于 (=), 定性; "" without a target */
    const char *target;        /* 指标值: the comparison and the number ("≥60"), or the 定性 text */
    const char *target_text;   /* the target exactly as written ("≥60个") */
    const char *unit;          /* 单位: "个", "%", "" when none */
    int64_t weight_cents;      /* 权重, -1 when none was written */
    int not_applicable;        /* 不适用: no score on either side */
    const char *self_actual;   /* 自评完成值 as written, "" when none */
    int64_t self_cents;        /* 自评得分 as recomputed; -1 when 不适用 */
    int64_t claimed_cents;     /* the 得分 the department wrote, -1 when none */
    int value_given;           /* the reviewer wrote a 复核完成值 */
    const char *review_actual; /* 复核完成值: the reviewer's, else the 自评完成值 */
    int64_t review_cents;      /* 复核得分; -1 when 不适用 */
    int64_t deduction_cents;   /* 扣分 as written (rounded to hundredths), -1 when none */
    int64_t diff_cents;        /* 偏差 = 复核得分 − 自评得分; 0 when 不适用 */
    const char *note;          /* 备注, "" when none */
    jx_review_basis basis;     /* where 复核得分 comes from */
    uint32_t row;              /* the line of its row in the reviewer's CSV, 0 when none */
} jx_review_line;

/** The sheet of one project. Scores and totals are in hundredths of a point. */
typedef struct jx_review_sheet {
    const char *project;            /* 项目名称 */
    const char *dept;               /* 主管部门, "" when none */
    const char *org;                /* 预算单位, "" when none */
    int year;                       /* 年度, 0 when none */
    const char *file;               /* the file the project came from */
    uint32_t line;                  /* the line of its 项目 keyword */
    const char *review_file;        /* the reviewer's CSV */
    const jx_review_line *lines;    /* one per indicator, in the order of the 自评表 */
    size_t nlines;                  /* how many */
    size_t reviewed;                /* lines that have a row in the CSV */
    int64_t weight_cents;           /* Σ 权重, with the points of a 单列 预算执行率 */
    int64_t execution_points_cents; /* 预算执行率 单列: its points; -1 when it is not 单列 */
    int64_t execution_cents;        /* its score from the funds, the same on both sides; -1 when not 单列 */
    int64_t self_total_cents;       /* 自评总分 as recomputed */
    jx_grade self_grade;            /* its grade */
    int64_t claimed_total_cents;    /* the 总分 the department wrote, -1 when none */
    jx_grade claimed_grade;         /* the 结论 it wrote, JX_GRADE_NONE when none */
    int64_t review_total_cents;     /* 复核总分 */
    jx_grade review_grade;          /* its grade under the policy's bands */
    int64_t diff_cents;             /* 复核总分 − 自评总分 */
} jx_review_sheet;

/**
 * Reads the reviewer's table at path (any jx_table_options kind: CSV, tab-separated,
 * .xlsx, .xls; opts NULL detects everything). pol is the policy the projects are scored
 * under; it must outlive the handle. JX_ERR_IO when the file cannot be read,
 * JX_ERR_INPUT when it is no readable table or its header or rows are malformed (the
 * errors are on *out), JX_ERR_USAGE for a NULL argument or an unknown encoding.
 */
JX_API jx_result jx_review_open_table(jx_review **out, const char *path, const jx_table_options *opts,
                                      const jx_policy *pol, const jx_allocator *alloc);

/** jx_review_open_table with every option detected. */
JX_API jx_result jx_review_open(jx_review **out, const char *path, const jx_policy *pol,
                                const jx_allocator *alloc);

/** Makes project p known before any is applied, as jx_actuals_know does. JX_OK or JX_ERR_NOMEM. */
JX_API jx_result jx_review_know(jx_review *rv, const jx_project *p);

/**
 * A handle without a reviewer's table: every project applied gets the sheet of its
 * self-evaluation (no line reviewed), which the reviewer's template is written from
 * (jx_review_writer_set_template). JX_ERR_USAGE for a NULL argument, JX_ERR_NOMEM.
 */
JX_API jx_result jx_review_open_blank(jx_review **out, const jx_policy *pol, const jx_allocator *alloc);

/** The same for data[0..len) in memory (copied); file_name names it in diagnostics. */
JX_API jx_result jx_review_open_memory(jx_review **out, const char *file_name, const char *data,
                                       size_t len, const jx_policy *pol, const jx_allocator *alloc);

/** Releases the handle and its sheet; NULL is a no-op. */
JX_API void jx_review_close(jx_review *rv);

/**
 * Builds the sheet of p, which jx_score has scored under the handle's policy, from the
 * rows naming it. To score a 复核完成值 the project is scored once with the reviewed
 * values and once more as it was, so p is left as it came. JX_OK: the sheet is ready
 * (a project without rows gets a sheet of its self-evaluation). JX_ERR_INPUT: a row
 * was refused, with the errors on the handle, and there is no sheet. JX_ERR_USAGE when
 * p is not scored; JX_ERR_NOMEM.
 */
JX_API jx_result jx_review_apply(jx_review *rv, jx_project *p);

/** The sheet the last jx_review_apply built, valid until the next apply; NULL when it built none. */
JX_API const jx_review_sheet *jx_review_sheet_get(const jx_review *rv);

/** Reports every row that matched no indicator as an error; JX_ERR_INPUT if the handle has errors. */
JX_API jx_result jx_review_finish(jx_review *rv);

/** Number of diagnostics on the handle (code "review"), in the order found. */
JX_API size_t jx_review_diag_count(const jx_review *rv);

/** The i-th diagnostic, or NULL when out of range. */
JX_API const jx_diag *jx_review_diag(const jx_review *rv, size_t i);

/** Number of error-severity diagnostics on the handle. */
JX_API size_t jx_review_error_count(const jx_review *rv);

/** Writes sheets in one format: JX_FORMAT_TEXT, JX_FORMAT_JSON, JX_FORMAT_CSV, JX_FORMAT_HTML, JX_FORMAT_MD or JX_FORMAT_XLSX. */
typedef struct jx_review_writer jx_review_writer;

/** Creates a sheet writer sending its output to fn(ud, …); JX_ERR_USAGE for another format. */
JX_API jx_result jx_review_writer_create(jx_review_writer **out, jx_format fmt, jx_write_fn fn, void *ud,
                                         const jx_allocator *alloc);

/**
 * Sets the writer's JX_WRITE_* flags before the first sheet: JX_WRITE_TIMESTAMP records
 * the current time in a workbook (JX_FORMAT_XLSX), which otherwise carries a fixed one.
 * JX_ERR_USAGE once a sheet or the end was written.
 */
JX_API jx_result jx_review_writer_set_flags(jx_review_writer *rw, unsigned flags);

/**
 * Makes rw write, in place of the sheets, the reviewer's table to fill in (`audit
 * --review-template`, docs/review.md) — a row per indicator of each sheet: 项目, 单位,
 * 主管部门, 一级/二级/三级指标, 年度指标值, 实际完成值, 填报得分 and 重算得分 to read, then
 * 复核完成值, 复核得分, 扣分 and 备注 to fill — which jx_review_open reads back. In
 * JX_FORMAT_CSV (UTF-8 with a BOM) or JX_FORMAT_XLSX (the cells to read locked and shaded,
 * the sheet protected); JX_ERR_USAGE for another format, or once a sheet or the end was
 * written.
 */
JX_API jx_result jx_review_writer_set_template(jx_review_writer *rw);

/** Writes one sheet. */
JX_API jx_result jx_review_writer_sheet(jx_review_writer *rw, const jx_review_sheet *s);

/** Writes what closes the document and flushes. Call once, last. */
JX_API jx_result jx_review_writer_finish(jx_review_writer *rw);

/** Releases the writer; NULL is a no-op. */
JX_API void jx_review_writer_destroy(jx_review_writer *rw);

/* ------------------------------------------------------------------ import */

/**
 * Turns a budget system's indicator table — a 绩效目标表, 申报表 or 自评表 as the
 * systems print it, or a CSV with a header row — into the rule DSL, one `项目` block
 * per project, written through a jx_write_fn. Every row of the table is accounted
 * for: it becomes an indicator, a project field, a 资金 row or group points, or it
 * is reported — a row skipped on purpose (a header, page furniture) as a note with
 * code "skipped-row", a row that could not be read as a warning "row-not-understood".
 *
 *     jx_import *imp = NULL;
 *     jx_import_options o = {0};              // detect the format and the encoding
 *     if (jx_import_open(&imp, "table.csv", &o, NULL) == JX_OK)
 *         jx_import_run(imp, write_cb, stdout);
 *     for (size_t i = 0; i < jx_import_diag_count(imp); i++)
 *         …jx_import_diag(imp, i)…
 *     jx_import_close(imp);
 */
typedef struct jx_import jx_import;

/** What an import does about indicators whose table gives no 权重. */
typedef enum jx_import_weights {
    JX_IMPORT_WEIGHTS_NONE = 0, /* leave them without a weight, with a warning per project */
    JX_IMPORT_WEIGHTS_EQUAL = 1, /* split each first-level group's points (from the policy) evenly */
    JX_IMPORT_WEIGHTS_UNSET = 2  /* a target table before the year, which sets no weights: a project
                                    without any is not warned about (one with some and not others is) */
} jx_import_weights;

/** How to import; a zeroed struct (or NULL) detects everything and adds no weights. */
typedef struct jx_import_options {
    size_t size;          /* sizeof the struct as the caller's header has it, or 0 for this (0.1)
                             layout; later versions add members at the end only (JX_OPTIONS_INIT) */
    const char *format;        /* a name from jx_import_format_names(), or NULL to detect it */
    const char *encoding;      /* "utf-8", "gb18030", "gbk" or "utf-16", or NULL to detect it */
    jx_import_weights weights; /* what to do about missing weights */
    const char *policy;        /* for JX_IMPORT_WEIGHTS_EQUAL: policy name or file, NULL for "default" */
    const char *sheet;         /* a workbook's sheet (name or 1-based number), NULL for the sheets a format recognises */
} jx_import_options;

/**
 * Reads and decodes the table at path ("-" reads standard input) and settles its
 * format. JX_ERR_IO when it cannot be read, JX_ERR_INPUT when its bytes do not decode
 * or no format recognises it, JX_ERR_USAGE for an unknown format or encoding name,
 * JX_ERR_NOTFOUND when the weights policy does not exist; the reason is among the
 * diagnostics of *out.
 */
JX_API jx_result jx_import_open(jx_import **out, const char *path, const jx_import_options *opts,
                                const jx_allocator *alloc);

/** The same for data[0..len) in memory (copied); file_name names it in diagnostics. */
JX_API jx_result jx_import_open_memory(jx_import **out, const char *file_name, const char *data,
                                       size_t len, const jx_import_options *opts,
                                       const jx_allocator *alloc);

/**
 * Reads the table and writes the DSL through fn(ud, …), one project at a time; call
 * once. JX_OK (warnings allowed), JX_ERR_INPUT when the table has errors (a 权重 that
 * is not a number: the indicator is still written, without it), JX_ERR_IO when fn
 * failed, JX_ERR_NOMEM.
 *
 * Projects as JSON: what jx_writer writes in JX_FORMAT_JSON is a table this reads
 * (format "json", or detected); jx_reader_open_import_memory imports it and reads its
 * projects in one call, giving the same totals, scores and findings as the projects the
 * JSON was written from (jixiao score --from json; tests/cli/test_score_from_json.sh, on
 * every sample and seed).
 */
JX_API jx_result jx_import_run(jx_import *imp, jx_write_fn fn, void *ud);

/** Releases the import; NULL is a no-op. */
JX_API void jx_import_close(jx_import *imp);

/** The table format used (given or detected), e.g. "csv"; "" when none was settled. */
JX_API const char *jx_import_format(const jx_import *imp);

/** The encoding the bytes were read as: "utf-8", "gb18030", "gbk", "utf-16le", "utf-16be"; "xlsx" or "xls" for a workbook; "" before. */
JX_API const char *jx_import_encoding(const jx_import *imp);

/** Projects written by jx_import_run. */
JX_API size_t jx_import_project_count(const jx_import *imp);

/** Indicators written by jx_import_run. */
JX_API size_t jx_import_indicator_count(const jx_import *imp);

/** Lines of the table read (every line of the file, blank ones too). */
JX_API size_t jx_import_row_count(const jx_import *imp);

/** Rows skipped as no indicator (headers, page furniture, totals); each is a "skipped-row" note. */
JX_API size_t jx_import_skipped_count(const jx_import *imp);

/** Rows that could not be read; each is a "row-not-understood" warning. */
JX_API size_t jx_import_not_understood_count(const jx_import *imp);

/** Number of diagnostics: those of opening, then those of the run in row order of finding. */
JX_API size_t jx_import_diag_count(const jx_import *imp);

/** The i-th diagnostic, or NULL when out of range. */
JX_API const jx_diag *jx_import_diag(const jx_import *imp, size_t i);

/** Number of error-severity diagnostics. */
JX_API size_t jx_import_error_count(const jx_import *imp);

/** Names of the table formats, NULL-terminated, in the order detection tries them. */
JX_API const char *const *jx_import_format_names(void);

/** What the format called name reads, in Chinese, or NULL when there is no such format. */
JX_API const char *jx_import_format_title(const char *name);

/* ------------------------------------------------------------------- audit */

/**
 * The finance bureau's side: many self-evaluations (自评表) recomputed and summed up.
 * An audit records, for every project added, only what its summary needs — counters,
 * sums and one tally per finding code — so a year of projects is audited in flat
 * memory; when a sample is asked for, it also keeps a few words per project to draw
 * from. A jx_audit_writer prints each project (claimed vs recomputed total and grade,
 * its findings, errors first) as it comes, then the summary and the sample.
 *
 *     jx_audit *au; jx_audit_writer *aw;
 *     jx_audit_options o = {0};                  // every finding, no sample
 *     jx_audit_create(&au, pol, &o, NULL);
 *     jx_audit_writer_create(&aw, au, JX_FORMAT_TEXT, write_cb, stdout, NULL);
 *     while (jx_reader_next(rd, &p) == JX_ROW) {
 *         if (jx_project_error_count(p) == 0)
 *             jx_score(p, pol);                  // a project with errors is audited unscored
 *         jx_audit_add(au, p, 0);
 *         jx_audit_writer_project(aw, p, 0);
 *     }
 *     jx_audit_writer_finish(aw);                // draws the sample, writes the summary
 *     …jx_audit_get_summary(au)->findings[JX_SEV_ERROR]…
 *     jx_audit_writer_destroy(aw); jx_audit_destroy(au);
 *
 * A finding is a diagnostic of the project (its errors, the evaluation's and the
 * consistency checks' warnings and notes); findings below the options' min_severity
 * are neither counted nor written.
 */
typedef struct jx_audit jx_audit;

/** What a stratified sample is stratified by. */
typedef enum jx_audit_by {
    JX_AUDIT_BY_NONE = 0, /* one stratum: all projects */
    JX_AUDIT_BY_ORG = 1,  /* 单位 (预算单位) */
    JX_AUDIT_BY_DEPT = 2  /* 主管部门 */
} jx_audit_by;

/** How to audit; a zeroed struct (or NULL) counts every finding and draws no sample. */
typedef struct jx_audit_options {
    size_t size;          /* sizeof the struct as the caller's header has it, or 0 for this (0.1)
                             layout; later versions add members at the end only (JX_OPTIONS_INIT) */
    jx_severity min_severity; /* findings below it are left out; JX_SEV_NOTE keeps all */
    uint32_t sample_count;    /* draw this many projects for 抽查 (0: see sample_bp) */
    uint32_t sample_bp;       /* or this share of them, in basis points (20% = 2000, at most 10000) */
    uint64_t seed;            /* the seed of the draw: the same seed picks the same projects anywhere */
    jx_audit_by by;           /* draw the share within each 单位 or 主管部门 */
    int weight_funds;         /* non-zero: chances in proportion to a project's funds */
    int include_flagged;      /* non-zero: flagged projects are always picked (jx_audit_flag_bits; docs/sampling.md) */
} jx_audit_options;

/** Flags of jx_audit_add and jx_audit_writer_project. */
enum {
    /**
     * The project was read from the DSL jx_import_run wrote for a table: its positions
     * are reported as rows of the table, taken from the `# 第 N 行` comment that ends
     * the DSL line (the project's own row for a line without one), with column 0.
     */
    JX_AUDIT_IMPORTED = 1u << 0
};

/**
 * Why a project is flagged: the bits of jx_audit_pick.flagged_for. A flagged project is
 * always in the sample under include_flagged (docs/sampling.md). Understated claims are
 * not flagged.
 */
typedef enum jx_audit_flag_bits {
    JX_AUDIT_FLAG_ERROR = 1u << 0, /* it has an error-level finding */
    JX_AUDIT_FLAG_TOTAL = 1u << 1, /* its claimed 总分 is above the recomputed one by more than the policy's margin (any amount by default) */
    JX_AUDIT_FLAG_GRADE = 1u << 2  /* its claimed 结论 is above the recomputed one (优 above 良, …) */
} jx_audit_flag_bits;

/**
 * Creates an audit. pol, when not NULL, names the policy in the reports and must
 * outlive the audit. JX_ERR_USAGE when both sample_count and sample_bp are set, or
 * sample_bp is above 10000.
 */
JX_API jx_result jx_audit_create(jx_audit **out, const jx_policy *pol, const jx_audit_options *opts,
                                 const jx_allocator *alloc);

/**
 * Asks for a sample of the share bp of the projects, in basis points (0 … 10000), in
 * place of the options' sample_count and sample_bp: the same as sample_bp, except that
 * 0 is a share too (`--sample 0%`) — nothing is drawn, and with include_flagged the
 * flagged projects alone are picked. The options' seed, by, weight_funds and
 * include_flagged still apply. JX_ERR_USAGE when bp is above 10000, or once a project
 * was added.
 */
JX_API jx_result jx_audit_set_sample_share(jx_audit *au, uint32_t bp);

/**
 * Records project p: scored (jx_score) or not — a project with errors counts as not
 * scored, its errors as findings. When an earlier project of the audit has the same
 * 单位, 项目 and 年度, adds to p the warning duplicate-submission naming where that one
 * came (so write p after this call). Keeps of p its counters and that key (单位, 项目,
 * 年度) with its file and line, and its sample record when a sample was asked for.
 * JX_ERR_USAGE after jx_audit_finish, JX_ERR_NOMEM.
 */
JX_API jx_result jx_audit_add(jx_audit *au, jx_project *p, unsigned flags);

/** Ends the audit and draws the sample when one was asked for; further calls do nothing. */
JX_API jx_result jx_audit_finish(jx_audit *au);

/** Releases the audit; NULL is a no-op. */
JX_API void jx_audit_destroy(jx_audit *au);

/** What an audit found over all the projects added. Money is in 分 (0.01 元). */
typedef struct jx_audit_summary {
    size_t projects;          /* projects added */
    size_t unscored;          /* of them, not scored (they have errors) */
    size_t funded;            /* projects whose funds are in the sums below */
    size_t unconverted;       /* projects with 资金 in a 金额单位 other than 元/千元/万元/百万元/亿元: left out of the sums */
    int64_t budget_fen;       /* Σ 全年预算: the 年度资金总额 row, or the sum of the sources when it is 0 or missing */
    int64_t spent_fen;        /* Σ 全年执行, from the same rows */
    size_t claimed_grades[5]; /* by jx_grade: the 结论 claimed; [JX_GRADE_NONE] none claimed (未填) */
    size_t grades[5];         /* by jx_grade: the recomputed one; [JX_GRADE_NONE] not scored */
    size_t claimed_totals;    /* scored projects that claimed a 总分: the inflation is over them */
    int64_t inflation_cents;  /* mean of claimed − recomputed 总分 over those, hundredths, half up; 0 without any */
    size_t claims_100;        /* projects claiming a 总分 of 100 */
    uint32_t claims_100_bp;   /* their share of all projects in basis points (10000 = 100%), half up */
    size_t total_differs;     /* scored projects whose claimed 总分 is not the recomputed one */
    size_t grade_differs;     /* scored projects whose claimed 结论 is not the recomputed one */
    size_t differs;           /* scored projects where either differs */
    size_t findings[3];       /* findings at or above min_severity, by jx_severity */
    size_t flagged;           /* projects with at least one error-level finding */
} jx_audit_summary;

/** The summary so far; owned by the audit, updated by every jx_audit_add. */
JX_API const jx_audit_summary *jx_audit_get_summary(const jx_audit *au);

/** The findings of one code: how many at each severity. */
typedef struct jx_code_tally {
    const char *code; /* "claimed-total", "vague-actual", … */
    size_t count[3];  /* by jx_severity */
} jx_code_tally;

/** Number of distinct finding codes seen. */
JX_API size_t jx_audit_tally_count(const jx_audit *au);

/** The i-th code's tally, the codes in byte order; NULL when out of range. */
JX_API const jx_code_tally *jx_audit_tally(const jx_audit *au, size_t i);

/** Why a project is in the sample. */
typedef enum jx_audit_why {
    JX_AUDIT_DRAWN = 0,    /* drawn at random, every project of its stratum alike */
    JX_AUDIT_WEIGHTED = 1, /* drawn at random with chances in proportion to its funds */
    JX_AUDIT_FLAGGED = 2   /* forced in: it is flagged (an error, or a claim above the recomputed one; flagged_for) */
} jx_audit_why;

/** One project of the sample. */
typedef struct jx_audit_pick {
    const char *name;    /* 项目名称 */
    const char *file;    /* the file it came from */
    uint32_t line;       /* its line there (its table row when imported) */
    const char *stratum; /* its 单位 or 主管部门 under JX_AUDIT_BY_*, "" otherwise */
    int64_t funds_fen;   /* its 全年预算 in 分, 0 when none */
    jx_audit_why why;    /* why it was picked */
    const char *reason;  /* one Chinese sentence saying why */
    unsigned flagged_for;/* JX_AUDIT_FLAG_* bits when it is flagged (set whether or not it was forced in), 0 otherwise */
    size_t index;        /* its place among the projects added, from 0 (the 复核 of the sample finds it by it) */
} jx_audit_pick;

/** Number of projects picked, after jx_audit_finish; 0 when no sample was asked for. */
JX_API size_t jx_audit_pick_count(const jx_audit *au);

/** The i-th pick, in the order the projects were added; NULL when out of range. */
JX_API const jx_audit_pick *jx_audit_picked(const jx_audit *au, size_t i);

/** Writes an audit's report in one of the formats text, JSON, CSV, HTML, Markdown or XLSX (docs/audit.md). */
typedef struct jx_audit_writer jx_audit_writer;

/**
 * Creates a writer of the report of au in format fmt (JX_FORMAT_TEMPLATE is
 * JX_ERR_USAGE) sending its output to fn(ud, …). au must outlive the writer.
 */
JX_API jx_result jx_audit_writer_create(jx_audit_writer **out, jx_audit *au, jx_format fmt, jx_write_fn fn,
                                        void *ud, const jx_allocator *alloc);

/**
 * Sets the writer's JX_WRITE_* flags before anything is written: JX_WRITE_TIMESTAMP
 * records the current time in a workbook (JX_FORMAT_XLSX), which otherwise carries a
 * fixed one so that the same input gives the same bytes. JX_ERR_USAGE once a project or
 * the end was written.
 */
JX_API jx_result jx_audit_writer_set_flags(jx_audit_writer *wr, unsigned flags);

/**
 * Writes project p: its claimed and recomputed 总分 and 结论, and its findings at or
 * above the audit's min_severity, errors first, then warnings, then notes, each kind
 * in the project's order. flags as for jx_audit_add.
 */
JX_API jx_result jx_audit_writer_project(jx_audit_writer *wr, const jx_project *p, unsigned flags);

/** Finishes the audit (jx_audit_finish) and writes the summary and the sample. Call once, last. */
JX_API jx_result jx_audit_writer_finish(jx_audit_writer *wr);

/** Releases the writer; NULL is a no-op. */
JX_API void jx_audit_writer_destroy(jx_audit_writer *wr);

/* --------------------------------------------------------------------- vet */

/**
 * The 审核 of 绩效目标表 before the budget year (jixiao vet, docs/vet.md): each project's
 * targets are vetted under four aspects — 完整性, 相关性, 适当性, 可行性 — and given a
 * result, 优 (goes on), 良 (goes on after small fixes), 中 (sent back to be redone) or 差
 * (not admitted), by the policy's rule. Projects stream as in the audit: a vet keeps
 * counters, one tally per finding code, one per 单位 and, to find two projects of one
 * 单位 with the same indicators, a bounded window of each 单位's last projects' names.
 *
 *     jx_vet *vt; jx_vet_writer *vw;
 *     jx_vet_create(&vt, pol, NULL, NULL);          // every finding
 *     jx_vet_writer_create(&vw, vt, JX_FORMAT_TEXT, write_cb, stdout, NULL);
 *     while (jx_reader_next(rd, &p) == JX_ROW) {
 *         jx_vet_add(vt, p, 0);                     // adds the findings to p (not scored)
 *         jx_vet_writer_project(vw, p, 0);
 *     }
 *     jx_vet_writer_finish(vw);                     // the summary by 单位 and by code
 *     jx_vet_writer_destroy(vw); jx_vet_destroy(vt);
 *
 * Ownership as for the audit: the caller owns the policy (it must outlive the vet) and
 * the projects; the vet owns what its summary, tallies and 单位 give, valid until it is
 * destroyed; a writer writes through fn and is destroyed before its vet.
 */
typedef struct jx_vet jx_vet;

/** The aspects a finding of the 审核 is under. */
typedef enum jx_vet_aspect {
    JX_VET_COMPLETENESS = 0,   /* 完整性: the table has every part a target needs */
    JX_VET_RELEVANCE = 1,      /* 相关性: the indicators measure this project, in its own words */
    JX_VET_APPROPRIATENESS = 2,/* 适当性: the targets are neither unverifiable nor met whatever happens */
    JX_VET_FEASIBILITY = 3,    /* 可行性: the targets fit the money */
    JX_VET_ASPECTS = 4
} jx_vet_aspect;

/** How to vet; a zeroed struct (or NULL) counts and writes every finding. */
typedef struct jx_vet_options {
    size_t size;          /* sizeof the struct as the caller's header has it, or 0 for this (0.1)
                             layout; later versions add members at the end only (JX_OPTIONS_INIT) */
    jx_severity min_severity; /* findings below it are neither counted nor written (the result counts them all) */
} jx_vet_options;

/** Creates a vet under pol (its 审核 knobs, docs/vet.md), which must outlive it. JX_ERR_USAGE without pol. */
JX_API jx_result jx_vet_create(jx_vet **out, const jx_policy *pol, const jx_vet_options *opts,
                               const jx_allocator *alloc);

/**
 * Vets p (call once for each project; p need not be scored): adds the 审核's findings to
 * p's diagnostics — overlapping-projects too, against the earlier projects of its 单位 —
 * then counts p, its result and its findings. flags as for jx_audit_add (JX_AUDIT_IMPORTED:
 * positions are table rows). JX_ERR_USAGE after jx_vet_finish, JX_ERR_NOMEM.
 */
JX_API jx_result jx_vet_add(jx_vet *vt, jx_project *p, unsigned flags);

/**
 * The part of jx_vet_add that looks at p alone: adds p's own findings (all but
 * overlapping-projects), once; jx_vet_add then counts p without checking it again. It
 * reads vt without changing it, so several threads may check their projects at once
 * (a jx_reader_set_threads fn), jx_vet_add following in order on one thread.
 */
JX_API jx_result jx_vet_check(const jx_vet *vt, jx_project *p);

/** Ends the vet: the 单位 in byte order of their names. Further calls do nothing. */
JX_API jx_result jx_vet_finish(jx_vet *vt);

/** Releases the vet; NULL is a no-op. */
JX_API void jx_vet_destroy(jx_vet *vt);

/**
 * The 审核结果 of p from its diagnostics, by the rule of pol (docs/vet.md): an error gives
 * 差; warnings under 审核退回 aspects or more (2 by default) 中; under fewer, 良; none 优.
 * Notes never change it. JX_GRADE_NONE without p or pol.
 */
JX_API jx_grade jx_vet_result(const jx_project *p, const jx_policy *pol);

/** The aspect a finding code is under (a code the 审核 does not give: 完整性, the text's own). */
JX_API jx_vet_aspect jx_vet_aspect_of(const char *code);

/** The aspect's Chinese name: 完整性, 相关性, 适当性, 可行性; "" out of range. */
JX_API const char *jx_vet_aspect_name(jx_vet_aspect a);

/** What a vet found over its projects. */
typedef struct jx_vet_summary {
    size_t projects;                     /* projects vetted */
    size_t results[5];                   /* by jx_grade: 优, 良, 中, 差 ([JX_GRADE_NONE] stays 0) */
    size_t findings[3];                  /* findings at or above min_severity, by jx_severity */
    size_t aspects[JX_VET_ASPECTS][3];   /* the same by aspect and severity */
} jx_vet_summary;

/** The summary so far; owned by the vet. */
JX_API const jx_vet_summary *jx_vet_get_summary(const jx_vet *vt);

/** Number of finding codes seen (at or above min_severity). */
JX_API size_t jx_vet_tally_count(const jx_vet *vt);

/** The i-th code's tally, codes in byte order; NULL out of range. */
JX_API const jx_code_tally *jx_vet_tally(const jx_vet *vt, size_t i);

/** One 单位 of a vet: its projects, their results and findings. */
typedef struct jx_vet_org {
    const char *org;     /* the 单位 as read ("" for projects without one) */
    size_t projects;
    size_t results[5];   /* by jx_grade */
    size_t findings[3];  /* at or above min_severity, by jx_severity */
} jx_vet_org;

/** Number of 单位 seen. */
JX_API size_t jx_vet_org_count(const jx_vet *vt);

/** The i-th 单位: in the order first seen, after jx_vet_finish in byte order of the names; NULL out of range. */
JX_API const jx_vet_org *jx_vet_org_at(const jx_vet *vt, size_t i);

/** Writes a vet's report (docs/vet.md) in a format whose row of the table of formats writes JX_DOC_VET. */
typedef struct jx_vet_writer jx_vet_writer;

/** Creates a writer of vt's report in format fmt; JX_ERR_USAGE for a format that writes none. vt must outlive it. */
JX_API jx_result jx_vet_writer_create(jx_vet_writer **out, jx_vet *vt, jx_format fmt, jx_write_fn fn, void *ud,
                                      const jx_allocator *alloc);

/** Sets the writer's JX_WRITE_* flags (JX_WRITE_TIMESTAMP) before anything is written. */
JX_API jx_result jx_vet_writer_set_flags(jx_vet_writer *wr, unsigned flags);

/** Writes project p after jx_vet_add: its result and its findings under the four aspects. */
JX_API jx_result jx_vet_writer_project(jx_vet_writer *wr, const jx_project *p, unsigned flags);

/** Finishes the vet (jx_vet_finish) and writes the summary by 单位 and by code. Call once, last. */
JX_API jx_result jx_vet_writer_finish(jx_vet_writer *wr);

/**
 * The projects a JX_FORMAT_XLSX vet writer wrote without a 审核表 sheet of their own: those
 * past the first JX_XLSX_PROJECTS_MAX, which its workbook holds all the same — each a row
 * of 项目, its findings rows of 发现, and in the counts of 汇总. Final after
 * jx_vet_writer_finish. 0 for the other formats, and for NULL.
 */
JX_API size_t jx_vet_writer_forms_left_out(const jx_vet_writer *wr);

/** Releases the writer; NULL is a no-op. */
JX_API void jx_vet_writer_destroy(jx_vet_writer *wr);

#ifdef __cplusplus
}
#endif

#endif /* JIXIAO_H */
