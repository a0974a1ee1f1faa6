/* import_zz_target.c — the zz-target table format. Not yet written: detects nothing, reads nothing. */
#include "import.h"

static int zz_target_detect(const char *text, size_t len)
{
    (void)text;
    (void)len;
    return 0;
}

static int zz_target_read(jx_imp *im, const char *text, size_t len)
{
    (void)text;
    (void)len;
    jx_imp_row(im, 0, JX_IMP_ROW_NOT_UNDERSTOOD, "格式“zz-target”尚未实现");
    return 0;
}

const jx_imp_format jx_imp_zz_target = {"zz-target", "zz-target", zz_target_detect, zz_target_read};
