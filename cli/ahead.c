/* SPDX-License-Identifier: MIT */
/* ahead.c — -j over many files (audit, vet of folders): the files a walk hands over are
 * opened on threads ahead of the caller — a rule file read up to its first project and
 * that project prepared (scored, checked), a table imported — while the caller works
 * through the earlier ones in walk order, so a folder of 10,000 one-project submissions
 * uses every thread. When the file it needs next is still being opened, the caller opens
 * a later one no thread has taken rather than wait. Everything that is said or counted
 * (diagnostics, the projects handed over, the exit status) happens on the caller's thread
 * in walk order, exactly as when the files are read one after another (input.c): the
 * threads only do the reading.
 *
 * A file larger than JX_CLI_AHEAD_BIG, and standard input, is read by the caller after the
 * files before it, its projects parsed ahead on the reader's own threads instead
 * (jx_reader_set_threads). Anything the caller writes to standard error outside a file's
 * reading (the walk's own messages) is preceded by jx_cli_input_flush.
 *
 * Invariant, under mu: head ≤ taken ≤ tail ≤ head + JX_CLI_AHEAD_SLOTS; entries [head,
 * tail) hold paths in walk order, those before taken are being opened or are opened
 * (done), the caller alone changes head and tail. A thread waits for a path only counted
 * in idle, and the caller for a file only with waiting set, so each condition is signalled
 * only when someone waits on it (a wake-up is a system call, once a file otherwise); both
 * are changed and tested under mu, so no wake-up is lost.
 */
#include "cli.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/** Files opened ahead at most, per thread. */
#define JX_CLI_AHEAD_PER_THREAD 8
/** A file larger than this is read with its projects parsed ahead, not opened ahead: 4 MiB. */
#define JX_CLI_AHEAD_BIG ((off_t)4 << 20)

/** One file opened ahead. */
typedef struct ahead_file {
    char *path;         /* as the walk gave it */
    bool table;         /* read through the importer */
    bool done;          /* opened (and, for rule text, its first project read) */
    jx_reader *rd;      /* the reader, NULL when it could not be made */
    jx_result open_rc;  /* what opening said */
    jx_result first_rc; /* rule text: the first jx_reader_next */
    jx_project *first;  /* and its project */
    jx_result prepared; /* in->prepare's result on it */
} ahead_file;

struct jx_cli_ahead {
    pthread_mutex_t mu;
    pthread_cond_t queued; /* a path was queued (signalled only while a thread is idle), or stop */
    pthread_cond_t done;   /* a file was opened (signalled only while the caller waits) */
    ahead_file *ring;
    size_t nslots;
    size_t head, taken, tail;
    unsigned idle;         /* threads waiting for a path to be queued */
    bool waiting;          /* the caller is waiting for its oldest file to be opened */
    bool stop;
    pthread_t *threads;
    unsigned nthreads;
    const jx_cli_input *in; /* its import options and prepare function, read by the threads */
};

/* Opens f (on a thread): the reader, and for rule text its first project, prepared. */
static void ahead_open(const jx_cli_input *in, ahead_file *f)
{
    f->rd = NULL;
    f->first = NULL;
    f->first_rc = JX_OK;
    f->prepared = JX_OK;
    if (f->table) {
        /* the import's diagnostics stay on the reader until its first jx_reader_next,
         * which the caller makes after saying them */
        f->open_rc = jx_reader_open_import(&f->rd, f->path, in->import, NULL);
        return;
    }
    f->open_rc = jx_reader_open(&f->rd, f->path, NULL);
    if (f->open_rc != JX_OK)
        return;
    if (in->prepare)
        jx_reader_set_threads(f->rd, 1, in->prepare, in->ud);
    f->first_rc = jx_reader_next(f->rd, &f->first);
    f->prepared = jx_reader_prepared(f->rd);
}

static void *ahead_worker(void *arg)
{
    jx_cli_ahead *ah = arg;
    pthread_mutex_lock(&ah->mu);
    for (;;) {
        while (!ah->stop && ah->taken == ah->tail) {
            ah->idle++;
            pthread_cond_wait(&ah->queued, &ah->mu);
            ah->idle--;
        }
        if (ah->stop)
            break;
        ahead_file *f = &ah->ring[ah->taken++ % ah->nslots];
        pthread_mutex_unlock(&ah->mu);
        ahead_open(ah->in, f);
        pthread_mutex_lock(&ah->mu);
        f->done = true;
        if (ah->waiting)
            pthread_cond_signal(&ah->done);
    }
    pthread_mutex_unlock(&ah->mu);
    return NULL;
}

/* Hands the oldest file over to the reading of input.c, in walk order (the caller's thread). */
static void ahead_take_one(jx_cli_input *in)
{
    jx_cli_ahead *ah = in->ahead;
    ahead_file *f = &ah->ring[ah->head % ah->nslots];
    pthread_mutex_lock(&ah->mu);
    while (!f->done) {
        /* while a thread opens it, the caller opens the next file none has taken (this one,
         * when none has) rather than sleep, and waits only when none is left */
        if (ah->taken < ah->tail) {
            ahead_file *g = &ah->ring[ah->taken++ % ah->nslots];
            pthread_mutex_unlock(&ah->mu);
            ahead_open(in, g);
            pthread_mutex_lock(&ah->mu);
            g->done = true;
            continue;
        }
        ah->waiting = true;
        pthread_cond_wait(&ah->done, &ah->mu);
        ah->waiting = false;
    }
    pthread_mutex_unlock(&ah->mu);
    if (f->table)
        jx_cli_input_imported(in, f->path, f->rd, f->open_rc);
    else
        jx_cli_input_rules(in, f->path, f->rd, f->open_rc, f->first_rc, f->first, f->prepared);
    free(f->path);
    f->path = NULL;
    pthread_mutex_lock(&ah->mu);
    ah->head++;
    pthread_mutex_unlock(&ah->mu);
}

void jx_cli_input_flush(jx_cli_input *in)
{
    jx_cli_ahead *ah = in->ahead;
    while (ah && ah->head < ah->tail)
        ahead_take_one(in);
}

/* The walk's files opened ahead, once there are threads to do it; NULL when they cannot start. */
static jx_cli_ahead *ahead_start(jx_cli_input *in)
{
    jx_cli_ahead *ah = calloc(1, sizeof *ah);
    if (!ah)
        return NULL;
    ah->nslots = (size_t)in->threads * JX_CLI_AHEAD_PER_THREAD;
    ah->ring = calloc(ah->nslots, sizeof *ah->ring);
    ah->threads = calloc(in->threads, sizeof *ah->threads);
    if (!ah->ring || !ah->threads) {
        free(ah->ring);
        free(ah->threads);
        free(ah);
        return NULL;
    }
    ah->in = in;
    pthread_mutex_init(&ah->mu, NULL);
    pthread_cond_init(&ah->queued, NULL);
    pthread_cond_init(&ah->done, NULL);
    /* the caller reads too: threads − 1 more */
    for (unsigned i = 0; i + 1 < in->threads; i++)
        if (pthread_create(&ah->threads[ah->nthreads], NULL, ahead_worker, ah) == 0)
            ah->nthreads++;
    return ah;
}

bool jx_cli_input_ahead(jx_cli_input *in, const char *path)
{
    if (in->threads <= 1 || strcmp(path, "-") == 0)
        return false;
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > JX_CLI_AHEAD_BIG)
        return false; /* parsed ahead within the file instead */
    if (!in->ahead && !(in->ahead = ahead_start(in)))
        return false;
    jx_cli_ahead *ah = in->ahead;
    char *copy = strdup(path);
    if (!copy)
        return false;
    if (ah->tail - ah->head == ah->nslots)
        ahead_take_one(in);
    ahead_file *f = &ah->ring[ah->tail % ah->nslots];
    *f = (ahead_file){.path = copy, .table = !jx_cli_is_rules(path)};
    pthread_mutex_lock(&ah->mu);
    ah->tail++;
    if (ah->idle)
        pthread_cond_signal(&ah->queued);
    pthread_mutex_unlock(&ah->mu);
    return true;
}

void jx_cli_ahead_stop(jx_cli_input *in)
{
    jx_cli_ahead *ah = in->ahead;
    if (!ah)
        return;
    jx_cli_input_flush(in);
    pthread_mutex_lock(&ah->mu);
    ah->stop = true;
    pthread_cond_broadcast(&ah->queued);
    pthread_mutex_unlock(&ah->mu);
    for (unsigned i = 0; i < ah->nthreads; i++)
        pthread_join(ah->threads[i], NULL);
    pthread_cond_destroy(&ah->queued);
    pthread_cond_destroy(&ah->done);
    pthread_mutex_destroy(&ah->mu);
    free(ah->ring);
    free(ah->threads);
    free(ah);
    in->ahead = NULL;
}
