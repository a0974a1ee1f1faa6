/* SPDX-License-Identifier: MIT */
/* cli.h — what the commands of the jixiao program share. Includes only <jixiao.h>. */
#ifndef JX_CLI_H
#define JX_CLI_H

#include <jixiao.h>

#include <stdbool.h>
#include <stdio.h>

/** Exit codes of the program. */
enum {
    JX_EXIT_OK = 0,    /* success, warnings allowed */
    JX_EXIT_INPUT = 1, /* invalid input, or warnings under --werror */
    JX_EXIT_USAGE = 2, /* bad command line */
    JX_EXIT_IO = 3     /* a file could not be read or written */
};

/** `jixiao score …`; argv[0] is "score". Returns the exit code. */
int jx_cli_score(int argc, char **argv);

/** `jixiao check …`; argv[0] is "check". Returns the exit code. */
int jx_cli_check(int argc, char **argv);

/** `jixiao template …`; argv[0] is "template". Returns the exit code. */
int jx_cli_template(int argc, char **argv);

/**
 * A command's output (output.c): standard output; a file written atomically (a temporary
 * file beside it renamed over it when the run succeeds; symbolic links followed); or,
 * for what cannot be replaced (a device, a FIFO, /dev/stdout, /dev/fd/N), written through.
 */
typedef struct jx_cli_output {
    FILE *fp;                /* where the output goes */
    const char *path;        /* the path given with -o, NULL for standard output */
    char *target;            /* the file replaced (path with links followed), NULL when written through */
    char *tmp_path;          /* the temporary file beside target, NULL when written through */
    int own_fp;              /* fp is ours to close (not stdout) */
    int has_id;              /* the output existed: dev and ino are set */
    unsigned long long dev;  /* the device of what -o names, followed through links */
    unsigned long long ino;  /* …and its inode */
    unsigned long long tmp_dev, tmp_ino; /* the temporary file's, to pass it over in a walk */
} jx_cli_output;

/**
 * Opens the output of command (path NULL: standard output). When path names one of the
 * files the command reads — files[0..nfiles) ("-": standard input) or the NULL-ended
 * tables (--actuals, --policy, --review; NULL for none), the same file after links —
 * says so and returns JX_EXIT_USAGE before anything is written; folders among the files
 * are checked file by file as they are walked (jx_cli_output_walked). Returns -1 on
 * success, else the exit code.
 */
int jx_cli_output_open(jx_cli_output *out, const char *command, const char *path, char **files, int nfiles,
                       const char *const *tables);

/**
 * For a file a walk over folders found: -1 to read it; 0 to pass it over (the output's own
 * temporary file, in a folder being read); JX_EXIT_USAGE when it is the output (said on stderr).
 */
int jx_cli_output_walked(jx_cli_output *out, const char *command, const char *path);

/** True when jx_cli_output_walked would refuse path (the output itself), saying nothing. */
int jx_cli_output_refuses(jx_cli_output *out, const char *path);

/**
 * Finishes the output: when code is JX_EXIT_OK renames the temporary file over the target,
 * otherwise removes it, so a failed run leaves an old file intact. Returns the exit code,
 * JX_EXIT_IO when the output could not be written.
 */
int jx_cli_output_close(jx_cli_output *out, int code);

/**
 * What was written to standard output got there: when code is JX_EXIT_OK, flushes it and
 * says so on stderr and returns JX_EXIT_IO if it failed (a full disk, a closed pipe);
 * else returns code. main() asks it last, for the texts written without a jx_cli_output
 * (--help, --version).
 */
int jx_cli_stdout_done(int code);

/** Before a workbook of a sheet a project (score's 自评表, vet's 审核表, the 复核 workbook)
 * is written: memory for it taken so that what it does not touch is not resident (see
 * output.c). */
void jx_cli_output_sheets(jx_format format);

/**
 * After a workbook was written whole: when left_out projects (jx_writer_forms_left_out,
 * jx_vet_writer_forms_left_out) have no sheet of their own, warns on standard error that
 * only the first JX_XLSX_PROJECTS_MAX have their `form` (自评表, 审核表) and where all of
 * them are (`where`, after "全部 N 个项目"). 1 when it warned (a warning for --werror), 0
 * when left_out is 0 and nothing was said.
 */
int jx_cli_forms_left_out(size_t left_out, const char *form, const char *where);

/** A jx_write_fn appending to the FILE * in ud. */
size_t jx_cli_output_write(void *ud, const char *data, size_t len);

/** `jixiao audit …`; argv[0] is "audit". Returns the exit code. */
int jx_cli_audit(int argc, char **argv);

/** `jixiao audit --review FILE …`, the 复核 sheet; argv[0] is "audit". Returns the exit code. */
int jx_cli_review(int argc, char **argv);

/** `jixiao vet …`, the 审核 of targets (vet.c); argv[0] is "vet". Returns the exit code. */
int jx_cli_vet(int argc, char **argv);

/** `jixiao import …`; argv[0] is "import". Returns the exit code. */
int jx_cli_import(int argc, char **argv);

/**
 * Walks a command's arguments: options and files may come in any order, "--" ends the
 * options, and "-" (standard input) is a file.
 */
typedef struct jx_cli_args {
    const char *command; /* the command, named in usage errors */
    int argc;            /* the command's argument count; argv[0] is the command */
    char **argv;         /* its arguments */
    int i;               /* the argument being looked at */
    int options_done;    /* "--" was seen: every argument after it is a file */
    int usage;           /* a usage error was printed: the walk is over */
    char **files;        /* the files, gathered in order at argv + 1 */
    int nfiles;          /* how many */
} jx_cli_args;

/** Starts walking the arguments of command (argv[0] is the command). */
void jx_cli_args_start(jx_cli_args *a, const char *command, int argc, char **argv);

/**
 * The next option, gathering the files before it into a->files; NULL after the last
 * argument, or once a->usage is set.
 */
const char *jx_cli_args_next(jx_cli_args *a);

/** True when opt asks for the command's help (--help, -h). */
int jx_cli_is_help(const char *opt);

/**
 * Takes the value of the option a is at when it is name, written "NAME VALUE" or
 * "NAME=VALUE": returns 1 and sets *out (NULL when the value is missing), or 0 when the
 * argument is not that option.
 */
int jx_cli_option_value(jx_cli_args *a, const char *name, const char **out);

/**
 * Like jx_cli_option_value for an option that needs a non-empty value: returns 1 when a
 * is at name, and either sets *out or, when the value is missing or empty, prints the
 * usage error "NAME 缺少WHAT" and sets a->usage.
 */
int jx_cli_option_text(jx_cli_args *a, const char *name, const char *what, const char **out);

/**
 * Prints a command's help: head, then the --format option's lines, one per format that
 * writes doc with what it is there (from the table of formats, jx_format_at), the option's
 * text starting at display column `column`, then tail.
 */
void jx_cli_print_help(const char *head, jx_document doc, size_t column, const char *tail);

/**
 * --format F for a command writing doc: returns 1 when a is at --format and either sets
 * *out or, when F is missing or names no format writing doc, prints the usage error
 * (naming the formats it could be) and sets a->usage.
 */
int jx_cli_option_format(jx_cli_args *a, jx_document doc, jx_format *out);

/** --encoding E and --sheet S, how every command that reads a table takes them; 1 when a was one. */
int jx_cli_option_table(jx_cli_args *a, jx_table_options *t);

/**
 * -j N, -jN or --jobs N: the threads to read and score with (1 … JX_READER_THREADS_MAX);
 * returns 1 when a was one, setting *out or printing the usage error and setting a->usage.
 */
int jx_cli_option_jobs(jx_cli_args *a, unsigned *out);

/** jx_cli_option_text for -o / --output (the output file), as every command writes it. */
int jx_cli_option_output(jx_cli_args *a, const char **out);

/** The 抽查 options (--sample, --seed, --by, --weight, --include-flagged) as audit reads
 * them, for the audit and for the 复核 of the sample (cli/audit.c). */
typedef struct jx_cli_sample {
    jx_audit_options *audit; /* where they go: sample_count or sample_bp, seed, by, weight_funds, include_flagged */
    int given;               /* --sample was given */
    int share;               /* --sample N%: a share (0% too, which audit->sample_bp cannot say) */
    int seed_given;          /* --seed was given */
} jx_cli_sample;

/** Reads the option a (the one jx_cli_args_next returned) when it is a 抽查 option: returns 1
 * when it was (a usage error printed and its exit code in *code), 0 otherwise. */
int jx_cli_option_sample(jx_cli_args *args, const char *a, jx_cli_sample *s, int *code);

/** Checks the 抽查 options go together (--seed … only with --sample, --sample needs --seed):
 * -1 when they do, else the usage error's exit code, printed. */
int jx_cli_sample_check(const jx_cli_sample *s);

/** Makes audit au draw the sample s asks for (a share, also 0%, set on it). */
jx_result jx_cli_sample_start(const jx_cli_sample *s, jx_audit *au);

/** What a run has seen, deciding its exit code. */
typedef struct jx_cli_status {
    int io_failed; /* a file could not be read or written */
    int invalid;   /* the input had errors */
    int report_lost; /* the report could not be written whole: it is not kept */
} jx_cli_status;

/**
 * Says why writing the report failed with rc, once (*said is set), and marks st: the
 * report is lost; a limit passed (JX_ERR_LIMIT: too many projects for one workbook) is
 * the input's (exit 1), any other failure a failure to write (exit 3).
 */
void jx_cli_report_failed(jx_cli_status *st, int *said, jx_result rc);

/** The exit code of a run that saw st: JX_EXIT_IO, else JX_EXIT_INPUT, else JX_EXIT_OK. */
int jx_cli_exit_code(const jx_cli_status *st);

/** The exit code of a run over many projects (audit, vet) whose findings came to `errors`
 * and `warnings` (the input's and the policy's warnings among them): an error makes st
 * invalid, and so do warnings under --werror, each said once on stderr. */
int jx_cli_findings_exit(jx_cli_status *st, size_t errors, size_t warnings, int werror);

struct jx_cli_input;

/** For a file a walk found while writing to out: true to read it; false to pass it over,
 * *refused taking the exit code when it is the output (and keeping it for every later file).
 * in (or NULL): its files opened ahead are read first when the refusal is to be said. */
int jx_cli_walk_take(jx_cli_output *out, const char *command, const char *path, int *refused, struct jx_cli_input *in);

/** Ends a report run's output: kept unless the run was refused (an input is the output), an
 * I/O failed, or the report was not written whole. Returns the run's exit code: `code`, or
 * the failure to keep the output. */
int jx_cli_report_close(jx_cli_output *out, const jx_cli_status *st, int refused, int code);

/*
 * The projects a command's --project options pick (select.c): a project is picked when
 * one of the names is its 项目名称, or is its 单位, '/', 项目名称 (for a name several 单位
 * share). Without --project every project is. Each name must pick something, and a bare
 * 项目名称 one 单位's projects only: jx_cli_select_finish says which did not.
 */
typedef struct jx_cli_select {
    const char **names;      /* each --project as given, n of them */
    size_t n;
    struct jx_cli_pick *got; /* per name: what it picked so far */
} jx_cli_select;

/** Takes the value of --project at a into sel (returns 1), as jx_cli_option_text does. */
int jx_cli_option_project(jx_cli_args *a, jx_cli_select *sel);

/** True when sel picks p (always without --project); notes what it picked. */
int jx_cli_selected(jx_cli_select *sel, const jx_project *p);

/**
 * After the last project: prints "jixiao: …" for each name that picked no project, and
 * for each bare name that picked projects of several 单位; marks st invalid for either.
 */
void jx_cli_select_finish(jx_cli_select *sel, jx_cli_status *st);

/** Releases what sel holds. */
void jx_cli_select_free(jx_cli_select *sel);

/** How a command takes the projects jx_cli_read_projects reads. */
typedef struct jx_cli_reading {
    void (*project)(jx_project *p, void *ud);  /* each project read, with errors or not */
    void (*diag)(const jx_diag *d, void *ud);  /* each diagnostic of the text between projects; NULL prints it */
    void *ud;                                  /* passed to both */
    jx_cli_select *select;                     /* the projects handed over; NULL: all */
    unsigned threads;                          /* -j: threads reading ahead (jx_reader_set_threads); 0 or 1: none */
    jx_project_fn prepare;                     /* run on each project on the thread that parsed it, or NULL */
    void *prepare_ud;                          /* passed to prepare */
    jx_result *prepared;                       /* set to prepare's result before each project is handed over, or NULL */
} jx_cli_reading;

/**
 * Reads the projects of the file at path ("-": standard input) in order, handing each to
 * r->project. Text between projects that is not a project is reported through r->diag,
 * marks st invalid, and reading goes on. A file that cannot be opened or read marks st
 * io_failed, with why printed (its diagnostics, through r->diag once the file is open,
 * else "path: error: why").
 */
void jx_cli_read_projects(const char *path, const jx_cli_reading *r, jx_cli_status *st);

/** Reads the projects of the open reader rd (named path in messages) as
 * jx_cli_read_projects reads a file's, and closes it. */
void jx_cli_read_reader(jx_reader *rd, const char *path, const jx_cli_reading *r, jx_cli_status *st);

/** jx_cli_read_reader for a reader opened (open_rc: JX_OK, or the failure to report) and
 * read up to its first project (first_rc, first, prepared) elsewhere. */
void jx_cli_read_opened(jx_reader *rd, jx_result open_rc, jx_result first_rc, jx_project *first, jx_result prepared,
                        const char *path, const jx_cli_reading *r, jx_cli_status *st);

/** True when path is read as rule text: "-" (standard input), or a name ending in .jx in any case. */
int jx_cli_is_rules(const char *path);

/**
 * How a command reads files that hold rule text or tables (jx_cli_read_input). Set the
 * first four members (and import, when the command takes --encoding or --sheet for its
 * tables) and zero the rest; release with jx_cli_input_free.
 */
/** The files opened ahead on threads (ahead.c). */
typedef struct jx_cli_ahead jx_cli_ahead;

typedef struct jx_cli_input {
    void (*project)(jx_project *p, unsigned flags, void *ud); /* each project read; flags JX_AUDIT_IMPORTED when it came from a table */
    void (*diag)(const jx_diag *d, void *ud);  /* each diagnostic outside projects (the reader's, the import's); NULL prints it */
    void *ud;                                  /* passed to both */
    jx_cli_status *status;                     /* marked as files fail to be read or hold errors */
    const jx_import_options *import;           /* how tables are imported (--encoding, --sheet); NULL detects everything */
    size_t warnings;                           /* the imports' warnings so far, for --werror */
    unsigned flags;                            /* JX_AUDIT_IMPORTED while a table's projects are handed over */
    jx_cli_select *select;                     /* the projects handed over (--project); NULL: all */
    unsigned threads;                          /* -j, as jx_cli_reading's */
    jx_project_fn prepare;                     /* as jx_cli_reading's, with ud */
    jx_result *prepared;                       /* as jx_cli_reading's */
    jx_cli_ahead *ahead;                       /* with threads: the files opened ahead (ahead.c) */
} jx_cli_input;

/**
 * Reads the file at path: rule text (jx_cli_is_rules) as jx_cli_read_projects does;
 * anything else through the importer (format and encoding detected), its rule text read
 * from memory. The import's diagnostics go to in->diag, but its skipped-row notes; a file
 * no format recognises is an error, and the rows of a table with errors that could be read
 * are still read. Only one file is in memory at a time.
 */
void jx_cli_read_input(jx_cli_input *in, const char *path);

/**
 * With in->threads > 1, queues the file at path to be opened on a thread ahead of the
 * reading (ahead.c) and returns true; it is read, in its turn, by a later call or by
 * jx_cli_input_flush. False (nothing queued) for standard input, a large file, or one
 * thread.
 */
bool jx_cli_input_ahead(jx_cli_input *in, const char *path);

/** Reads every file queued ahead, in order; call before writing to standard error
 * outside the reading, and before finishing the report. */
void jx_cli_input_flush(jx_cli_input *in);

/** Flushes in and stops its threads (jx_cli_input_free does it). */
void jx_cli_ahead_stop(jx_cli_input *in);

/** The reading of a table opened through the importer (rc; rd NULL when none was made). */
void jx_cli_input_imported(jx_cli_input *in, const char *path, jx_reader *rd, jx_result rc);

/** The reading of rule text opened (open_rc) and read up to its first project (first_rc,
 * first, prepared) elsewhere. */
void jx_cli_input_rules(jx_cli_input *in, const char *path, jx_reader *rd, jx_result open_rc, jx_result first_rc,
                        jx_project *first, jx_result prepared);

/** Releases what in holds: its threads, after reading what they opened. */
void jx_cli_input_free(jx_cli_input *in);

/** A walk over the files and folders a command is given (jx_cli_walk_path). */
typedef struct jx_cli_walk {
    void (*file)(const char *path, void *ud); /* each file in walk order; also "-", and a path that cannot be read (reading it says why) */
    void (*quiet)(void *ud);                  /* called before the walk writes to stderr or hands over a path that cannot be read; NULL: none */
    void *ud;                                 /* passed to both */
    jx_cli_status *status;                    /* io_failed when a folder cannot be read or memory runs out */
    size_t warnings;                          /* entries of folders not read: links to folders, pipes, devices, sockets, broken links */
} jx_cli_walk;

/**
 * Walks path as named on the command line: "-" and files go to w->file; a folder's
 * entries are walked in byte order of their names (strcmp, the same in every locale;
 * folders where they fall in that order), recursively, names starting with '.' skipped.
 * A symbolic link to a folder is followed when named on the command line; inside a folder
 * it is not (a walk cannot loop). Inside a folder only regular files (and links to them)
 * are read: a pipe, device, socket, link to one or broken link is skipped. Each skip is
 * "PATH: warning: …" on stderr, counted in w->warnings.
 * Only the folder being walked has its names in memory.
 */
void jx_cli_walk_path(jx_cli_walk *w, const char *path);

/**
 * Opens the policy name (a file, or a shipped name) for command. Returns -1 on success,
 * else the exit code after saying why on stderr: the policy's errors, or an unknown name
 * (a usage error), a file that cannot be read (I/O), a policy that is not valid (input).
 */
int jx_cli_open_policy(const char *command, const char *name, jx_policy **pol);

/** Prints d to stderr the way jx_diag_format renders it. */
void jx_cli_print_diag(const jx_diag *d);

/** Prints "jixiao: message" and a pointer to the command's help to stderr; returns JX_EXIT_USAGE. */
int jx_cli_usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
