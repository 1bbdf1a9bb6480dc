/* SPDX-License-Identifier: MIT */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "io_ahead.h"
#include "io_impl.h"

/*
 * Batches go round a ring. The thread fills a batch while fewer than
 * AHEAD_BATCHES are waiting, and the caller gives one back once it has
 * taken every record of it. A batch is never shared while it is in use:
 * the lock covers only the count of waiting batches and the stop flag.
 */

#define AHEAD_RECORDS	256
#define AHEAD_BATCHES	4
/*
 * Memory stays flat whatever the size of the records: a batch ends once
 * its values pass AHEAD_BYTES, and a record slot that held more than
 * AHEAD_KEEP bytes gives its memory back before it is used again.
 */
#define AHEAD_BYTES	(256 * 1024)
#define AHEAD_KEEP	(16 * 1024)

/* A warning of the reader, raised while it read record index of a batch. */
struct held_warning {
	size_t index;
	struct la_error w;
};

struct batch {
	struct la_record recs[AHEAD_RECORDS];
	size_t bytes[AHEAD_RECORDS];	/* of each record when it was read */
	size_t n;
	int last;		/* the reader ended after these records */
	int rc;			/* then: 0 at the end, -1 on an error */
	struct la_error err;
	struct held_warning *warnings;
	size_t nwarnings;
	size_t warnings_cap;
	int nomem;		/* a warning was lost for want of memory */
};

struct la_ahead {
	struct la_reader *rd;
	struct la_diag diag;	/* the reader's own, called by the caller */
	pthread_t thread;
	int threaded;
	pthread_mutex_t lock;
	pthread_cond_t filled;
	pthread_cond_t emptied;
	size_t waiting;		/* batches filled and not given back */
	int stop;
	struct batch batch[AHEAD_BATCHES];
	size_t fill;		/* the batch the thread fills next */
	size_t head;		/* the caller's batch */
	int holding;		/* the caller has taken batch head */
	size_t pos;		/* next record of batch head */
	size_t warned;		/* next warning of batch head */
};

/* The reader's warnings, kept with the record they were raised on. */
static void
hold_warning(void *ctx, const struct la_error *w)
{
	struct la_ahead *a = ctx;
	struct batch *b = &a->batch[a->fill];
	struct held_warning *h;

	if (b->nwarnings == b->warnings_cap) {
		size_t cap = b->warnings_cap ? 2 * b->warnings_cap : 4;

		if ((h = realloc(b->warnings, cap * sizeof(*h))) == NULL) {
			b->nomem = 1;
			return;
		}
		b->warnings = h;
		b->warnings_cap = cap;
	}
	h = &b->warnings[b->nwarnings++];
	h->index = b->n;
	h->w = *w;
}

/* Bytes of the values of r. */
static size_t
record_bytes(const struct la_record *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nfields; i++)
		n += r->fields[i].len;
	return n;
}

/* Reads up to AHEAD_RECORDS records, or AHEAD_BYTES, into b. */
static void
read_batch(struct la_ahead *a, struct batch *b)
{
	size_t bytes = 0;
	int rc = 1;

	b->n = 0;
	b->nwarnings = 0;
	b->nomem = 0;
	la_error_clear(&b->err);
	while (b->n < AHEAD_RECORDS && bytes < AHEAD_BYTES) {
		struct la_record *r = &b->recs[b->n];

		/*
		 * The size kept from the last reading spares a walk over
		 * fields that the other thread has touched since.
		 */
		if (b->bytes[b->n] > AHEAD_KEEP) {
			la_record_free(r);
			la_record_init(r);
		}
		if ((rc = la_reader_next(a->rd, r, &b->err)) != 1)
			break;
		b->bytes[b->n] = record_bytes(r);
		bytes += b->bytes[b->n];
		b->n++;
	}
	b->last = rc != 1;
	b->rc = rc;
}

static void *
run(void *arg)
{
	struct la_ahead *a = arg;
	struct batch *b;

	do {
		pthread_mutex_lock(&a->lock);
		while (a->waiting == AHEAD_BATCHES && !a->stop)
			pthread_cond_wait(&a->emptied, &a->lock);
		if (a->stop) {
			pthread_mutex_unlock(&a->lock);
			break;
		}
		pthread_mutex_unlock(&a->lock);
		b = &a->batch[a->fill];
		read_batch(a, b);
		pthread_mutex_lock(&a->lock);
		a->fill = (a->fill + 1) % AHEAD_BATCHES;
		a->waiting++;
		pthread_cond_signal(&a->filled);
		pthread_mutex_unlock(&a->lock);
	} while (!b->last);
	return NULL;
}

struct la_ahead *
la_ahead_start(struct la_reader *rd, int threaded)
{
	struct la_ahead *a = calloc(1, sizeof(*a));

	if (a == NULL)
		return NULL;
	a->rd = rd;
	a->diag = rd->opts.diag;
	rd->opts.diag.warn = hold_warning;
	rd->opts.diag.ctx = a;
	for (size_t i = 0; i < AHEAD_BATCHES; i++)
		for (size_t j = 0; j < AHEAD_RECORDS; j++)
			la_record_init(&a->batch[i].recs[j]);
	pthread_mutex_init(&a->lock, NULL);
	pthread_cond_init(&a->filled, NULL);
	pthread_cond_init(&a->emptied, NULL);
	a->threaded = threaded && pthread_create(&a->thread, NULL, run, a) == 0;
	return a;
}

/* Passes on the warnings raised while batch b was read up to record index. */
static void
pass_warnings(struct la_ahead *a, struct batch *b, size_t index)
{
	for (; a->warned < b->nwarnings &&
	    b->warnings[a->warned].index <= index; a->warned++)
		if (a->diag.warn != NULL)
			a->diag.warn(a->diag.ctx, &b->warnings[a->warned].w);
}

/* Waits for the next batch, or reads it here without a thread. */
static struct batch *
take_batch(struct la_ahead *a)
{
	struct batch *b = &a->batch[a->head];

	if (!a->threaded) {
		read_batch(a, b);
	} else {
		pthread_mutex_lock(&a->lock);
		while (a->waiting == 0)
			pthread_cond_wait(&a->filled, &a->lock);
		pthread_mutex_unlock(&a->lock);
	}
	a->holding = 1;
	a->pos = 0;
	a->warned = 0;
	return b;
}

static void
give_back(struct la_ahead *a)
{
	a->holding = 0;
	a->head = (a->head + 1) % AHEAD_BATCHES;
	if (!a->threaded) {
		a->fill = a->head;
		return;
	}
	pthread_mutex_lock(&a->lock);
	a->waiting--;
	pthread_cond_signal(&a->emptied);
	pthread_mutex_unlock(&a->lock);
}

int
la_ahead_next(struct la_ahead *a, struct la_record **r,
    struct la_error *err)
{
	struct batch *b;

	for (;;) {
		b = a->holding ? &a->batch[a->head] : take_batch(a);
		pass_warnings(a, b, a->pos);
		if (b->nomem)
			return la_error_set(err, LA_ERR_NOMEM, a->rd->name,
			    0, NULL, "out of memory");
		if (a->pos < b->n) {
			*r = &b->recs[a->pos++];
			return 1;
		}
		if (b->last) {
			if (b->rc == -1)
				*err = b->err;
			return b->rc;
		}
		give_back(a);
	}
}

void
la_ahead_stop(struct la_ahead *a)
{
	if (a == NULL)
		return;
	if (a->threaded) {
		pthread_mutex_lock(&a->lock);
		a->stop = 1;
		pthread_cond_signal(&a->emptied);
		pthread_mutex_unlock(&a->lock);
		pthread_join(a->thread, NULL);
	}
	a->rd->opts.diag = a->diag;
	pthread_mutex_destroy(&a->lock);
	pthread_cond_destroy(&a->filled);
	pthread_cond_destroy(&a->emptied);
	for (size_t i = 0; i < AHEAD_BATCHES; i++) {
		for (size_t j = 0; j < AHEAD_RECORDS; j++)
			la_record_free(&a->batch[i].recs[j]);
		free(a->batch[i].warnings);
	}
	free(a);
}
