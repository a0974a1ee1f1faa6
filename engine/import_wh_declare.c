/* import_wh_declare.c — the wh-declare table format. Not yet written: detects nothing, reads nothing. */
#include "import.h"

static int wh_declare_detect(const char *text, size_t len)
{
    (void)text;
    (void)len;
    return 0;
}

static int wh_declare_read(jx_imp *im, const char *text, size_t len)
{
    (void)text;
    (void)len;
    jx_imp_row(im, 0, JX_IMP_ROW_NOT_UNDERSTOOD, "格式“wh-declare”尚未实现");
    return 0;
}

const jx_imp_format jx_imp_wh_declare = {"wh-declare", "wh-declare", wh_declare_detect, wh_declare_read};
