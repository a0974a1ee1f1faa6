/* review.c — placeholder for `jixiao audit --review`. Replaced by the review sheet. */
#include "cli.h"

int jx_cli_review(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return jx_cli_usage_error("audit", "--review 尚未实现");
}
