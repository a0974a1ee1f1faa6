/* table_xlsx.c — placeholder backend, replaced by the real reader. */
#include "table_internal.h"

static jx_result xlsx_open(jx_table *t, const char *path, const char *data, size_t len, const jx_table_options *opts,
                        jx_table_error *err)
{
    jx_table_fail(err, 0, 0, "不支持 xlsx");
    return JX_ERR_INPUT;
}

static jx_table_status xlsx_next(jx_table *t, jx_table_row *row)
{
    return JX_TABLE_END;
}

static void xlsx_close(jx_table *t)
{
}

const jx_table_backend jx_table_xlsx_backend = {JX_TABLE_XLSX, xlsx_open, xlsx_next, xlsx_close};
