/* SPDX-License-Identifier: MIT */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "validate_run.h"

/*
 * Checking the parts of one input in threads. Workers take the parts in
 * order. Each reads its part, checks every record and writes the records
 * kept into a writer that keeps the text in memory. The calling thread
 * takes the parts back in order: it prints their warnings, copies their
 * text to the output and frees them. At most WINDOW parts per worker are
 * out at once, so memory does not grow with the input.
 *
 * Only the first record of the output starts it: in CSV with the header,
 * in a JSON array with "[". So a part that is about to write its first
 * record waits until it knows whether an earlier part wrote one. Once one
 * has, the template writer tmpl contains the columns that every later part
 * takes. Until then, silent counts the parts taken back with nothing
 * written; part i writes the first record when silent reaches i.
 */

#define WINDOW 2

/* Maximum bytes of text and diagnostics a part keeps before it streams. */
#define PART_KEEP (1024 * 1024)

/* Kinds of diagnostic that a part keeps. */
enum held_kind {
	HELD_WARNING,		/* a warning of the part's reader */
	HELD_TEXT,		/* a message for la_cli_fail, in e.text */
	HELD_DROPPED		/* the part's writer left a field out */
};

/*
 * A diagnostic raised in a part, kept to be printed in order. It goes out
 * after the first at bytes of the part's text, which are the records
 * written before it was raised, where a single stream prints it too.
 */
struct held {
	enum held_kind kind;
	size_t at;
	struct la_error e;
};

struct part {
	size_t index;
	int done;		/* the worker has finished with it */
	struct la_reader *rd;
	struct la_writer *w;	/* NULL until the part writes a record */
	struct held *held;
	size_t nheld;
	size_t held_cap;
	int lost;		/* a diagnostic was lost for want of memory */
	int failed;		/* the part stopped; err says why, if set */
	int write_error;	/* ... in writing a record */
	struct la_error err;
	int found;		/* a record is not eligible */
	int streamed;		/* its worker emitted some of its text */
	int opens;		/* this part writes the output's first record */
	long counts[4];		/* checked, eligible, ineligible, late */
};

struct parts {
	struct la_validate_run *run;
	struct la_reader *whole;
	const struct la_marks *marks;
	size_t nparts;
	struct part *ring;	/* part i is ring[i % window] */
	size_t window;
	struct la_write_opts wopts;
	pthread_mutex_t lock;
	pthread_cond_t changed;	/* any field below changed */
	size_t next;		/* the next part to take */
	size_t emitted;		/* parts taken back */
	size_t silent;		/* of those, the first ones with no text */
	struct la_writer *tmpl;	/* columns to follow, once a part wrote */
	int stop;
};

static int stream_part(struct parts *, struct part *);

struct worker {
	struct parts *ps;
	pthread_t thread;
	int started;
	struct la_validate check;	/* a copy, with counts of its own */
	struct la_record rec;		/* the record being checked */
	struct la_record projected;	/* the --columns of a record */
};

static void
hold(struct part *p, enum held_kind kind, const struct la_error *e)
{
	struct held *h;

	if (p->nheld == p->held_cap) {
		size_t cap = p->held_cap ? 2 * p->held_cap : 4;

		if ((h = realloc(p->held, cap * sizeof(*h))) == NULL) {
			p->lost = 1;
			return;
		}
		p->held = h;
		p->held_cap = cap;
	}
	h = &p->held[p->nheld++];
	h->kind = kind;
	h->at = 0;
	if (p->w != NULL)
		la_writer_text(p->w, &h->at);
	h->e = *e;
}

static void
hold_warning(void *ctx, const struct la_error *w)
{
	hold(ctx, HELD_WARNING, w);
}

static void
hold_dropped(void *ctx, const struct la_error *w)
{
	hold(ctx, HELD_DROPPED, w);
}

/* Holds the warnings that la_cli_put gives on the output's first record. */
static void
hold_column_warnings(struct parts *ps, struct part *p,
    const struct la_record *r)
{
	const struct la_cli *cli = ps->run->cli;
	struct la_error e;

	if (cli->columns_checked)
		return;
	for (size_t i = 0; i < cli->columns.n; i++) {
		if (la_columns_find(&cli->columns, i, r) != NULL)
			continue;
		la_error_clear(&e);
		snprintf(e.text, sizeof(e.text), _("warning: column \"%s\" of "
		    "--columns is not in the input; it is written empty"),
		    cli->columns.names[i]);
		hold(p, HELD_TEXT, &e);
	}
}

/*
 * Before the first record of part p: waits until an earlier part has
 * written, and follows it, or until none can have, and then p opens the
 * output. Returns 0, or -1 when the run stops meanwhile.
 */
static int
await_start(struct parts *ps, struct part *p)
{
	int rc = 0;

	pthread_mutex_lock(&ps->lock);
	while (ps->tmpl == NULL && ps->silent < p->index && !ps->stop)
		pthread_cond_wait(&ps->changed, &ps->lock);
	if (ps->tmpl != NULL)
		rc = la_writer_follow(p->w, ps->tmpl, &p->err);
	else if (ps->stop)
		rc = -1;
	else
		p->opens = 1;
	pthread_mutex_unlock(&ps->lock);
	return rc;
}

/* After the output's first record: makes the template of its columns. */
static int
publish_start(struct parts *ps, struct part *p)
{
	struct la_writer *t;

	if ((t = la_writer_open(NULL, "<stdout>", &ps->wopts,
	    &p->err)) == NULL)
		return -1;
	if (la_writer_follow(t, p->w, &p->err) != 0) {
		la_writer_close(t, NULL);
		return -1;
	}
	pthread_mutex_lock(&ps->lock);
	ps->tmpl = t;
	pthread_cond_broadcast(&ps->changed);
	pthread_mutex_unlock(&ps->lock);
	return 0;
}

/* Writes the checked record r of part p unless --only drops it. */
static int
put(struct worker *wk, struct part *p, const struct la_record *r)
{
	struct parts *ps = wk->ps;
	const struct la_cli *cli = ps->run->cli;
	struct la_write_opts wopts = ps->wopts;
	int first;

	if (la_validate_run_skips(ps->run, r, &p->found))
		return 0;
	/* The ring slot p, and so the writer, serves later parts too. */
	wopts.diag.warn = hold_dropped;
	wopts.diag.ctx = p;
	if (p->w == NULL && (p->w = la_writer_open(NULL, "<stdout>",
	    &wopts, &p->err)) == NULL)
		return -1;
	first = !la_writer_started(p->w);
	if (first && await_start(ps, p) != 0)
		return -1;
	if (p->opens && first)
		hold_column_warnings(ps, p, r);
	if (cli->columns.n > 0) {
		if (la_columns_apply(&cli->columns, r, &wk->projected) != 0)
			return la_error_set(&p->err, LA_ERR_NOMEM, NULL, 0,
			    NULL, "%s", _("out of memory"));
		r = &wk->projected;
	}
	if (la_writer_put(p->w, r, &p->err) != 0) {
		p->write_error = 1;
		return -1;
	}
	return p->opens && first ? publish_start(ps, p) : 0;
}

/* Records that held more bytes than this free them after their part. */
#define RECORD_KEEP (64 * 1024)

static size_t
record_bytes(const struct la_record *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nfields; i++)
		n += r->fields[i].len;
	return n;
}

/* Reads, checks and writes the records of part p. */
static void
run_part(struct worker *wk, struct part *p)
{
	struct parts *ps = wk->ps;
	struct la_diag diag = { hold_warning, p };
	struct la_validate *v = &wk->check;
	struct la_record *rec = &wk->rec;
	long before[4] = { v->checked, v->eligible, v->ineligible, v->late };
	int rc;

	p->rd = la_reader_part(ps->whole, &ps->marks->v[p->index],
	    &ps->marks->v[p->index + 1], &diag, &p->err);
	if (p->rd == NULL) {
		p->failed = 1;
		return;
	}
	while ((rc = la_reader_next(p->rd, rec, &p->err)) == 1)
		if (la_validate_record(v, rec, &p->err) != 0 ||
		    put(wk, p, rec) != 0 || stream_part(ps, p) != 0)
			break;
	p->failed = rc != 0;
	/* A record that grew large gives its memory back. */
	if (record_bytes(rec) > RECORD_KEEP) {
		la_record_free(rec);
		la_record_init(rec);
	}
	p->counts[0] = v->checked - before[0];
	p->counts[1] = v->eligible - before[1];
	p->counts[2] = v->ineligible - before[2];
	p->counts[3] = v->late - before[3];
}

/*
 * Empties a ring slot for part index. Its writer and the room for held
 * diagnostics stay for the next part, so that a long run does not
 * allocate and free their memory again and again.
 */
static void
part_clear(struct part *p, size_t index)
{
	struct la_writer *w = p->w;
	struct held *held = p->held;
	size_t held_cap = p->held_cap;

	la_reader_close(p->rd);
	if (w != NULL)
		la_writer_reset(w);
	memset(p, 0, sizeof(*p));
	p->index = index;
	p->w = w;
	p->held = held;
	p->held_cap = held_cap;
}

/* Frees the contents of a ring slot at the end of the run. */
static void
part_free(struct part *p)
{
	part_clear(p, SIZE_MAX);
	if (p->w != NULL)
		la_writer_close(p->w, NULL);
	free(p->held);
}

static void *
work(void *arg)
{
	struct worker *wk = arg;
	struct parts *ps = wk->ps;
	struct part *p;

	pthread_mutex_lock(&ps->lock);
	for (;;) {
		while (!ps->stop && ps->next < ps->nparts &&
		    ps->next >= ps->emitted + ps->window)
			pthread_cond_wait(&ps->changed, &ps->lock);
		if (ps->stop || ps->next >= ps->nparts)
			break;
		p = &ps->ring[ps->next % ps->window];
		part_clear(p, ps->next++);
		pthread_mutex_unlock(&ps->lock);
		run_part(wk, p);
		pthread_mutex_lock(&ps->lock);
		p->done = 1;
		pthread_cond_broadcast(&ps->changed);
	}
	pthread_mutex_unlock(&ps->lock);
	return NULL;
}

/*
 * Copies the bytes text[from] to text[end - 1] of a part's text to the
 * output. Returns 0, or -1 after printing the error.
 */
static int
put_text(struct la_validate_run *run, const char *text, size_t from,
    size_t end)
{
	struct la_error err;

	if (from >= end)
		return 0;
	if (run->out == NULL && (run->out = la_cli_writer(run->cli,
	    LA_FORMAT_CSV)) == NULL)
		return -1;
	la_error_clear(&err);
	if (la_writer_put_text(run->out, text + from, end - from, &err) != 0) {
		la_cli_error(run->cli, &err);
		run->cli->write_failed = 1;
		return -1;
	}
	return 0;
}

static void
print_held(struct la_validate_run *run, const struct held *h)
{
	const struct la_diag *diag = &run->cli->read.diag;

	if (h->kind == HELD_TEXT)
		la_cli_fail(run->cli, "%s", h->e.text);
	else if (h->kind == HELD_DROPPED)
		la_cli_warn_dropped(run->cli, &h->e);
	else if (diag->warn != NULL)
		diag->warn(diag->ctx, &h->e);
}

/*
 * Copies the text of part p to the output with its diagnostics printed
 * where they were raised, then empties both. Once the output fails, the
 * diagnostics are still printed but no more text is written. Only the
 * thread that emits part p calls it: the calling thread, or the part's
 * own worker while p streams. Sets *wrote when p had text. Returns 0, or
 * -1 after printing the error.
 */
static int
flush_part(struct parts *ps, struct part *p, int *wrote)
{
	struct la_validate_run *run = ps->run;
	const char *text = NULL;
	size_t len = 0, done = 0;
	int rc = 0;

	if (p->w != NULL)
		text = la_writer_text(p->w, &len);
	*wrote = len > 0;
	for (size_t i = 0; i < p->nheld; i++) {
		if (rc == 0)
			rc = put_text(run, text, done, p->held[i].at);
		done = p->held[i].at;
		print_held(run, &p->held[i]);
	}
	p->nheld = 0;
	if (p->lost) {
		la_cli_fail(run->cli, "%s", _("out of memory"));
		rc = -1;
	}
	if (rc == 0)
		rc = put_text(run, text, done, len);
	/* Text that failed to go out is not tried again. */
	if (p->w != NULL)
		la_writer_clear(p->w);
	return rc;
}

/* Bytes that part p holds for the output. */
static size_t
part_bytes(const struct part *p)
{
	size_t len = 0;

	if (p->w != NULL)
		la_writer_text(p->w, &len);
	return len + p->nheld * sizeof(*p->held);
}

/*
 * Once part p keeps more than PART_KEEP bytes, its worker waits until p
 * is the next part to emit and then emits p itself. So parts that write
 * much more than they read, or warn on every row, do not pile up.
 * Returns 0, or -1 when the run stops or the output fails.
 */
static int
stream_part(struct parts *ps, struct part *p)
{
	int wrote, stop;

	if (part_bytes(p) <= PART_KEEP)
		return 0;
	pthread_mutex_lock(&ps->lock);
	while (ps->emitted != p->index && !ps->stop)
		pthread_cond_wait(&ps->changed, &ps->lock);
	stop = ps->stop;
	pthread_mutex_unlock(&ps->lock);
	if (stop || flush_part(ps, p, &wrote) != 0)
		return -1;
	p->streamed |= wrote;
	return 0;
}

/*
 * Emits part p and adds its counts; sets *wrote when it had text, some of
 * which it may have streamed already.
 */
static int
emit_part(struct parts *ps, struct part *p, int *wrote)
{
	struct la_validate_run *run = ps->run;
	int rc = flush_part(ps, p, wrote);

	*wrote |= p->streamed;
	run->streamed += p->streamed;
	if (rc != 0)
		return -1;
	if (p->rd != NULL)
		la_reader_add_part(ps->whole, p->rd);
	run->check->checked += p->counts[0];
	run->check->eligible += p->counts[1];
	run->check->ineligible += p->counts[2];
	run->check->late += p->counts[3];
	run->found |= p->found;
	if (!p->failed)
		return 0;
	if (p->err.code != LA_ERR_NONE)
		la_cli_error(run->cli, &p->err);
	if (p->write_error)
		run->cli->write_failed = 1;
	return -1;
}

/* Waits for part i, takes it back, and frees its ring slot. */
static int
take_back(struct parts *ps, size_t i)
{
	struct part *p = &ps->ring[i % ps->window];
	int rc, wrote;

	pthread_mutex_lock(&ps->lock);
	while (p->index != i || !p->done)
		pthread_cond_wait(&ps->changed, &ps->lock);
	pthread_mutex_unlock(&ps->lock);
	rc = emit_part(ps, p, &wrote);
	ps->run->parts++;
	/* No worker takes the slot before emitted passes i. */
	part_clear(p, SIZE_MAX);
	pthread_mutex_lock(&ps->lock);
	if (ps->silent == i && !wrote)
		ps->silent = i + 1;
	ps->emitted = i + 1;
	if (rc != 0)
		ps->stop = 1;
	pthread_cond_broadcast(&ps->changed);
	pthread_mutex_unlock(&ps->lock);
	la_reader_release(ps->whole, ps->marks->v[i + 1].off);
	return rc;
}

/* Starts the workers; returns how many started. */
static int
start_workers(struct parts *ps, struct worker *wk, int n)
{
	int started = 0;

	for (int i = 0; i < n; i++) {
		wk[i].ps = ps;
		wk[i].check = *ps->run->check;
		/* The index is complete: no key waits to go in. */
		wk[i].check.pending = NULL;
		la_record_init(&wk[i].rec);
		la_record_init(&wk[i].projected);
		wk[i].started = pthread_create(&wk[i].thread, NULL, work,
		    &wk[i]) == 0;
		started += wk[i].started;
	}
	return started;
}

static void
stop_workers(struct parts *ps, struct worker *wk, int n)
{
	pthread_mutex_lock(&ps->lock);
	ps->stop = 1;
	pthread_cond_broadcast(&ps->changed);
	pthread_mutex_unlock(&ps->lock);
	for (int i = 0; i < n; i++) {
		if (wk[i].started)
			pthread_join(wk[i].thread, NULL);
		la_record_free(&wk[i].rec);
		la_record_free(&wk[i].projected);
	}
}

/*
 * Sets up the run's shared state. The output's writer, if a record
 * opened it already, gives the columns from the start.
 */
static int
parts_init(struct parts *ps, struct la_validate_run *run,
    struct la_reader *rd, const struct la_marks *marks, int threads)
{
	struct la_error err;

	memset(ps, 0, sizeof(*ps));
	ps->run = run;
	ps->whole = rd;
	ps->marks = marks;
	ps->nparts = marks->n - 1;
	ps->window = (size_t)threads * WINDOW;
	ps->wopts = run->cli->write;
	if (ps->wopts.format == LA_FORMAT_AUTO)
		ps->wopts.format = LA_FORMAT_CSV;
	ps->wopts.bom = 0;
	if ((ps->ring = calloc(ps->window, sizeof(*ps->ring))) == NULL)
		return -1;
	for (size_t i = 0; i < ps->window; i++)
		ps->ring[i].index = SIZE_MAX;
	la_error_clear(&err);
	if (run->out != NULL && la_writer_started(run->out) &&
	    ((ps->tmpl = la_writer_open(NULL, "<stdout>", &ps->wopts,
	    &err)) == NULL || la_writer_follow(ps->tmpl, run->out,
	    &err) != 0))
		return -1;
	pthread_mutex_init(&ps->lock, NULL);
	pthread_cond_init(&ps->changed, NULL);
	return 0;
}

/* Hands the columns on to the output, for the records after the parts. */
static int
parts_end(struct parts *ps)
{
	struct la_validate_run *run = ps->run;
	struct la_error err;
	int rc = 0;

	for (size_t i = 0; i < ps->window; i++)
		part_free(&ps->ring[i]);
	free(ps->ring);
	la_error_clear(&err);
	if (ps->tmpl != NULL) {
		run->cli->columns_checked = 1;
		if (run->out != NULL &&
		    la_writer_follow(run->out, ps->tmpl, &err) != 0) {
			la_cli_error(run->cli, &err);
			rc = -1;
		}
		la_writer_close(ps->tmpl, NULL);
	}
	pthread_mutex_destroy(&ps->lock);
	pthread_cond_destroy(&ps->changed);
	return rc;
}

int
la_validate_run_parts(struct la_validate_run *run, struct la_reader *rd,
    const struct la_marks *marks)
{
	struct parts ps;
	struct worker *wk;
	int threads = run->threads, started, rc = 0;

	if ((wk = calloc((size_t)threads, sizeof(*wk))) == NULL ||
	    parts_init(&ps, run, rd, marks, threads) != 0) {
		free(wk);
		la_cli_fail(run->cli, "%s", _("out of memory"));
		return -1;
	}
	started = start_workers(&ps, wk, threads);
	/* Without a worker, the caller reads the whole input as one stream. */
	for (size_t i = 0; i < ps.nparts && started > 0 && rc == 0; i++)
		rc = take_back(&ps, i);
	stop_workers(&ps, wk, threads);
	free(wk);
	if (parts_end(&ps) != 0)
		rc = -1;
	if (rc == 0 && started == 0)
		return 1;
	return rc;
}
