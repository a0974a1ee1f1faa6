/* SPDX-License-Identifier: MIT */
/* options.h — the size an option struct of the public API says it has (jixiao.h,
 * JX_OPTIONS_INIT): 0 or at least the 0.1 layout's. Members added later are read only when
 * the caller's size holds them (JX_OPTIONS_HAS). */
#ifndef JX_OPTIONS_H
#define JX_OPTIONS_H

#include <stddef.h>

/** True when an options struct of type whose first member ends the 0.1 layout at `last`
 * has a size the library takes: 0, or one that holds every member up to `last`. */
#define JX_OPTIONS_SIZE_OK(o, type, last) \
    ((o)->size == 0 || (o)->size >= offsetof(type, last) + sizeof(((type *)0)->last))

#endif
