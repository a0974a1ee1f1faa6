/* sample.c — placeholder: picks nothing. Replaced by the sampling implementation. */
#include "sample.h"

#include <string.h>

jx_result jx_sample_choose(const jx_sample_unit *units, size_t n, const jx_sample_spec *spec,
                           const jx_allocator *alloc, jx_sample *out)
{
    (void)units;
    (void)n;
    (void)spec;
    memset(out, 0, sizeof *out);
    out->alloc = alloc;
    return JX_OK;
}

void jx_sample_free(jx_sample *s)
{
    (void)s;
}
