/* cli.h — what the commands of the jixiao program share. Includes only <jixiao.h>. */
#ifndef JX_CLI_H
#define JX_CLI_H

#include <jixiao.h>

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

/** `jixiao import …`; argv[0] is "import". Returns the exit code. */
int jx_cli_import(int argc, char **argv);

/** Where a command's output goes: standard output, or a temporary file renamed over OUT. */
typedef struct jx_cli_output {
    FILE *fp;       /* where to write */
    char *tmp_path; /* the temporary file beside OUT, NULL when writing to standard output */
} jx_cli_output;

/**
 * Opens the output: standard output when path is NULL, else a temporary file beside
 * path. Returns -1 when open, else the exit code (a message was printed).
 */
int jx_cli_output_open(const char *path, jx_cli_output *out);

/**
 * Finishes the output of a run ending with code: on JX_EXIT_OK the temporary file is
 * renamed over path, otherwise removed, so a failed run leaves path as it was.
 * Returns code, or JX_EXIT_IO when the output could not be written.
 */
int jx_cli_output_close(const char *path, jx_cli_output *out, int code);

/** Writes to the FILE * ud; a jx_write_fn. */
size_t jx_cli_write(void *ud, const char *data, size_t len);

/**
 * Takes the value of an option written "NAME VALUE" or "NAME=VALUE" at argv[*i]:
 * returns 1 and sets *out (NULL when the value is missing), or 0 when argv[*i] is
 * not that option.
 */
int jx_cli_option_value(int argc, char **argv, int *i, const char *name, const char **out);

/** Prints d to stderr the way jx_diag_format renders it. */
void jx_cli_print_diag(const jx_diag *d);

/** Prints "jixiao: message" and a pointer to the command's help to stderr; returns JX_EXIT_USAGE. */
int jx_cli_usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
