/* SPDX-License-Identifier: MIT */
/* consumer.c — a program built against an installed libjixiao: scores the rule files
 * given on the command line under the default policy and prints each project's total
 * and grade, one line each: "越城区电子政务云资源服务项目\t88.75\t良". Exit 0 when every
 * file was read and scored, 1 otherwise. examples/README.md shows the three ways to build it. */
#include <jixiao.h>

#include <inttypes.h>
#include <stdio.h>

#if JX_VERSION_NUMBER < 100
#error "jixiao 0.1.0 or later is needed"
#endif

/* Prints a diagnostic as the library words it. */
static void print_diag(const jx_diag *d)
{
    char line[1024];
    jx_diag_format(d, line, sizeof line);
    fprintf(stderr, "%s\n", line);
}

/* Scores every project of path under pol; 0 when all went well. */
static int score_file(const char *path, const jx_policy *pol)
{
    jx_reader *rd = NULL;
    jx_result rc = jx_reader_open(&rd, path, NULL);
    if (rc != JX_OK) {
        fprintf(stderr, "%s: %s\n", path, jx_strerror(rc));
        jx_reader_close(rd);
        return 1;
    }
    int bad = 0;
    jx_project *p;
    while ((rc = jx_reader_next(rd, &p)) == JX_ROW) {
        if (jx_project_error_count(p) > 0 || jx_score(p, pol) != JX_OK) {
            for (size_t i = 0; i < jx_project_diag_count(p); i++)
                print_diag(jx_project_diag(p, i));
            bad = 1;
            continue;
        }
        int64_t cents = jx_project_total_cents(p); /* hundredths of a point, exact */
        printf("%s\t%" PRId64 ".%02" PRId64 "\t%s\n", jx_project_name(p), cents / 100, cents % 100,
               jx_grade_name(jx_project_grade(p)));
    }
    for (size_t i = 0; i < jx_reader_diag_count(rd); i++)
        print_diag(jx_reader_diag(rd, i));
    if (rc != JX_DONE)
        bad = 1;
    jx_reader_close(rd);
    return bad;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE.jx…  (libjixiao %s)\n", argv[0], jx_version());
        return 2;
    }
    jx_policy *pol = NULL;
    if (jx_policy_open(&pol, "default", NULL) != JX_OK) {
        fprintf(stderr, "the default policy could not be opened\n");
        jx_policy_close(pol);
        return 1;
    }
    int bad = 0;
    for (int i = 1; i < argc; i++)
        bad |= score_file(argv[i], pol);
    jx_policy_close(pol);
    return bad;
}
