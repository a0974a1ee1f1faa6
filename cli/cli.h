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

/** `jixiao template …`; argv[0] is "template". Returns the exit code. */
int jx_cli_template(int argc, char **argv);

/** A command's output: standard output, or a file replaced only when the run succeeds. */
typedef struct jx_cli_output {
    FILE *fp;        /* where the output goes */
    const char *path;/* the file asked for with -o, NULL for standard output */
    char *tmp_path;  /* the temporary file beside path, NULL when writing to standard output */
} jx_cli_output;

/** Opens the output (path NULL: standard output). Returns -1 on success, else the exit code. */
int jx_cli_output_open(jx_cli_output *out, const char *path);

/**
 * Finishes the output: when code is JX_EXIT_OK renames the temporary file over the path,
 * otherwise removes it, so a failed run leaves an old file intact. Returns the exit code,
 * JX_EXIT_IO when the output could not be written.
 */
int jx_cli_output_close(jx_cli_output *out, int code);

/** A jx_write_fn appending to the FILE * in ud. */
size_t jx_cli_output_write(void *ud, const char *data, size_t len);

/** `jixiao import …`; argv[0] is "import". Returns the exit code. */
int jx_cli_import(int argc, char **argv);

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
