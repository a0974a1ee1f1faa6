/* SPDX-License-Identifier: MIT */
/* policy.c — opening the scoring policy a command is given (--policy), and what each way
 * of failing means for the exit code, the same for every command that scores. */
#include "cli.h"

int jx_cli_open_policy(const char *command, const char *name, jx_policy **pol)
{
    jx_result rc = jx_policy_open(pol, name, NULL);
    if (rc == JX_OK)
        return -1;
    size_t n = *pol ? jx_policy_diag_count(*pol) : 0;
    for (size_t i = 0; i < n; i++)
        jx_cli_print_diag(jx_policy_diag(*pol, i));
    jx_policy_close(*pol);
    *pol = NULL;
    if (rc == JX_ERR_NOTFOUND)
        return n > 0 ? JX_EXIT_USAGE : jx_cli_usage_error(command, "找不到评分办法“%s”", name);
    if (rc == JX_ERR_IO) {
        if (n == 0)
            fprintf(stderr, "jixiao: 无法读取评分办法“%s”\n", name);
        return JX_EXIT_IO;
    }
    if (n == 0)
        fprintf(stderr, "jixiao: 评分办法“%s”：%s\n", name, jx_strerror(rc));
    return JX_EXIT_INPUT;
}
