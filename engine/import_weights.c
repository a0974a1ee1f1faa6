/* import_weights.c — `--weights equal`. Not yet written: gives no weights and records nothing. */
#include "import.h"

int jx_imp_weights_equal(jx_imp *im, jx_imp_project *p, const jx_policy *pol)
{
    (void)im;
    (void)p;
    (void)pol;
    return 0;
}
