/* table_xls.c — placeholder backend, replaced by the real reader. */
#include "table_internal.h"

static jx_result xls_open(jx_table *t, const char *path, const char *data, size_t len, const jx_table_options *opts,
                        jx_table_error *err)
{
    jx_table_fail(err, 0, 0, "不支持 xls");
    return JX_ERR_INPUT;
}

static jx_table_status xls_next(jx_table *t, jx_table_row *row)
{
    return JX_TABLE_END;
}

static void xls_close(jx_table *t)
{
}

const jx_table_backend jx_table_xls_backend = {JX_TABLE_XLS, xls_open, xls_next, xls_close};
