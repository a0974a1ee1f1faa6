/* import_zj_selfeval.c — the zj-selfeval table format. Not yet written: detects nothing, reads nothing. */
#include "import.h"

static int zj_selfeval_detect(const char *text, size_t len)
{
    (void)text;
    (void)len;
    return 0;
}

static int zj_selfeval_read(jx_imp *im, const char *text, size_t len)
{
    (void)text;
    (void)len;
    jx_imp_row(im, 0, JX_IMP_ROW_NOT_UNDERSTOOD, "格式“zj-selfeval”尚未实现");
    return 0;
}

const jx_imp_format jx_imp_zj_selfeval = {"zj-selfeval", "zj-selfeval", zj_selfeval_detect, zj_selfeval_read};
