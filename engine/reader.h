/* SPDX-License-Identifier: MIT */
/* reader.h — internal knobs of the streaming reader, for tests. */
#ifndef JX_READER_H
#define JX_READER_H

#include "jixiao.h"

#include <stddef.h>

/** The reader's default read size: 1 MiB per read() call. */
#define JX_READER_CHUNK (1u << 20)

/** The largest single project the reader will hold in memory: 256 MiB. */
#define JX_READER_MAX_ITEM ((size_t)256 << 20)

/** Slots of the ring jx_reader_set_threads parses ahead in, per thread: room for two
 * batches, so a thread takes one while the caller frames the next. About 40 KB a slot
 * with the usual project (score -j 2 of 1M indicators: 10.6 MB peak, 8.6 MB with 8 slots
 * and batches of 4, -j 8 22 MB). */
#define JX_READER_SLOTS_PER_THREAD 32

/** The most projects framed, or taken by a thread, under one lock of the ring: fewer
 * locks and wake-ups than batches of 4, which took 5–7 % more time with -j 2. */
#define JX_READER_BATCH 16

/**
 * Sets how many bytes each read() asks for (at least 1), and the size the buffer
 * starts at. Call before the first jx_reader_next(); tests use tiny sizes to make
 * projects straddle buffer refills.
 */
void jx_reader_set_chunk_size(jx_reader *rd, size_t n);

/** Sets the largest project the reader accepts (default JX_READER_MAX_ITEM). */
void jx_reader_set_max_item(jx_reader *rd, size_t n);

#endif
