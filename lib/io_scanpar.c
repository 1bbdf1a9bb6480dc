/* SPDX-License-Identifier: MIT */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io_impl.h"
#include "io_scan.h"
#include "io_scan_impl.h"

/*
 * The quick scan in threads, over a mapped input. The rows after the
 * header are cut into spans of about span bytes, each starting after a
 * line end. Workers take the spans in order and scan each from its start
 * as if a row began there, handing every row to prepare and keeping the
 * results. The caller's thread takes the spans back in order and commits
 * their rows, with the lines counted from the start.
 *
 * A line end inside a quoted value is not a row's end, so a span may
 * start inside a row. Then the span before it reads on past its end to
 * finish that row, the guess is known wrong, and the caller's thread
 * scans the span again from where that row ended.
 */

/* Spans taken and not yet committed, for each worker. */
#define WINDOW 2

/* One span and what its scan kept. */
struct span {
	size_t index;
	int done;
	size_t from;		/* offsets into the input */
	size_t to;		/* the next span's from */
	int gave_up;		/* at the row that starts at stop */
	size_t stop;		/* where the scan ended, at or after to */
	long lines;		/* line ends from from to stop */
	struct la_buf rows;	/* each row: line, length, prepared bytes */
	struct la_marks marks;	/* lines counted from from */
};

struct scanpar {
	const char *base;	/* the input's first byte */
	size_t start;		/* offset of the first row */
	size_t end;		/* the input's length */
	size_t span;
	size_t nspans;
	/*
	 * Bytes between the row starts a span offers as marks, or 0 for
	 * none: a quarter of the marks' spacing, so that where the caller
	 * drops a span's first offer, too close to the last mark, the next
	 * comes soon after.
	 */
	size_t every;
	const struct scan *model;	/* columns and delimiter */
	la_scan_prepare_fn *prepare;
	void *ctx;
	struct span *ring;	/* span i is ring[i % window] */
	size_t window;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	size_t next;		/* the next span to take */
	size_t taken_back;	/* spans committed */
	int stop;
	int failed;		/* a worker ran out of memory */
};

struct worker {
	struct scanpar *sp;
	struct scan scan;
	pthread_t thread;
	int started;
};

/* The offset where span i starts: after the first line end at its cut. */
static size_t
span_start(const struct scanpar *sp, size_t i)
{
	size_t off = sp->start + i * sp->span;
	const char *nl;

	if (i == 0)
		return sp->start;
	if (off >= sp->end)
		return sp->end;
	nl = memchr(sp->base + off, '\n', sp->end - off);
	return nl != NULL ? (size_t)(nl - sp->base) + 1 : sp->end;
}

/* Keeps the prepared bytes of the row on relative line. */
static int
keep_row(struct span *sn, long line, const char *data, size_t len)
{
	if (la_buf_reserve(&sn->rows, sizeof(line) + sizeof(len) + len) != 0)
		return -1;
	memcpy(sn->rows.data + sn->rows.len, &line, sizeof(line));
	sn->rows.len += sizeof(line);
	memcpy(sn->rows.data + sn->rows.len, &len, sizeof(len));
	sn->rows.len += sizeof(len);
	memcpy(sn->rows.data + sn->rows.len, data, len);
	sn->rows.len += len;
	return 0;
}

/*
 * Scans the rows that start from from up to to, the last one to its end,
 * with s's columns. Lines count from 0. Returns 0, or -1 on no memory.
 */
static int
scan_range(const struct scanpar *sp, struct scan *s, struct span *sn,
    size_t from, size_t to)
{
	struct cursor c = { sp->base + from, sp->base + sp->end, 1, 1 };
	char out[LA_SCAN_PREPARED];
	size_t next_mark = from + sp->every, off, n;

	sn->rows.len = 0;
	sn->marks.n = 0;
	sn->gave_up = 0;
	s->line = 0;
	la_src_prefault((const unsigned char *)sp->base + from, to - from);
	while (c.p < sp->base + to) {
		off = (size_t)(c.p - sp->base);
		if (sp->every > 0 && off >= next_mark) {
			if (la_marks_add(&sn->marks, off, s->line) != 0)
				return -1;
			next_mark = off + sp->every;
		}
		if (la_scan_row(s, &c) != ROW_DONE) {
			sn->gave_up = 1;
			break;
		}
		if (s->any && (n = sp->prepare(sp->ctx, s->values, out)) > 0 &&
		    keep_row(sn, s->line, out, n) != 0)
			return -1;
		s->line += s->lines;
	}
	sn->stop = (size_t)(c.p - sp->base);
	sn->lines = s->line;
	return 0;
}

static void *
work(void *arg)
{
	struct worker *wk = arg;
	struct scanpar *sp = wk->sp;
	struct span *sn;
	int rc;

	pthread_mutex_lock(&sp->lock);
	for (;;) {
		while (!sp->stop && sp->next < sp->nspans &&
		    sp->next >= sp->taken_back + sp->window)
			pthread_cond_wait(&sp->changed, &sp->lock);
		if (sp->stop || sp->next >= sp->nspans)
			break;
		sn = &sp->ring[sp->next % sp->window];
		sn->index = sp->next++;
		sn->done = 0;
		pthread_mutex_unlock(&sp->lock);
		sn->from = span_start(sp, sn->index);
		sn->to = sn->index + 1 < sp->nspans ?
		    span_start(sp, sn->index + 1) : sp->end;
		rc = scan_range(sp, &wk->scan, sn, sn->from, sn->to);
		pthread_mutex_lock(&sp->lock);
		if (rc != 0)
			sp->failed = 1;
		sn->done = 1;
		pthread_cond_broadcast(&sp->changed);
	}
	pthread_mutex_unlock(&sp->lock);
	return NULL;
}

/* Commits the rows kept in sn, whose lines count from line. */
static int
commit_rows(const struct span *sn, long line, la_scan_commit_fn *commit,
    void *ctx, struct la_error *err)
{
	const char *p = sn->rows.data, *end;
	size_t len;
	long rel;

	/* A span with no rows kept may have no buffer at all. */
	if (sn->rows.len == 0)
		return 0;
	end = p + sn->rows.len;
	while (p < end) {
		memcpy(&rel, p, sizeof(rel));
		p += sizeof(rel);
		memcpy(&len, p, sizeof(len));
		p += sizeof(len);
		if (commit(ctx, p, len, line + rel, err) != 0)
			return -1;
		p += len;
	}
	return 0;
}

/* Adds a mark unless it is closer than every to the last one. */
static int
add_mark(struct la_marks *m, size_t off, long line)
{
	if (m->n > 0 && off < m->v[m->n - 1].off + (m->every ? m->every : 1))
		return 0;
	return la_marks_add(m, off, line);
}

/* The state of the caller's thread while it takes the spans back. */
struct taker {
	struct scanpar *sp;
	struct la_reader *rd;
	struct scan *own;	/* for spans scanned again */
	struct span again;
	la_scan_commit_fn *commit;
	void *ctx;
	struct la_marks *marks;	/* or NULL */
	size_t expect;		/* where the next row starts */
	long line;		/* the line it starts on */
	int gave_up;
};

/* Waits for span i, and scans it again if it did not start at a row. */
static const struct span *
wait_span(struct taker *t, size_t i)
{
	struct scanpar *sp = t->sp;
	struct span *sn = &sp->ring[i % sp->window];

	pthread_mutex_lock(&sp->lock);
	while (!sp->failed && (sn->index != i || !sn->done))
		pthread_cond_wait(&sp->changed, &sp->lock);
	pthread_mutex_unlock(&sp->lock);
	if (sp->failed)
		return NULL;
	if (sn->from == t->expect)
		return sn;
	t->again.from = t->expect;
	t->again.to = sn->to;
	/* The row before ended past this whole span: nothing is left. */
	if (t->expect >= sn->to) {
		t->again.rows.len = t->again.marks.n = 0;
		t->again.gave_up = 0;
		t->again.stop = t->expect;
		t->again.lines = 0;
		return &t->again;
	}
	if (scan_range(sp, t->own, &t->again, t->expect, sn->to) != 0)
		return NULL;
	return &t->again;
}

/* Takes span i back: commits its rows and adds its marks. */
static int
take_back(struct taker *t, size_t i, struct la_error *err)
{
	struct scanpar *sp = t->sp;
	const struct span *sn = wait_span(t, i);
	int rc = 0;

	if (sn == NULL)
		return la_error_set(err, LA_ERR_NOMEM, t->rd->name, t->line,
		    NULL, "out of memory");
	if (t->marks != NULL && sn->stop > sn->from &&
	    add_mark(t->marks, sn->from, t->line) != 0)
		rc = -1;
	for (size_t k = 0; t->marks != NULL && k < sn->marks.n; k++)
		if (add_mark(t->marks, sn->marks.v[k].off,
		    t->line + sn->marks.v[k].line) != 0)
			rc = -1;
	if (rc != 0)
		return la_error_set(err, LA_ERR_NOMEM, t->rd->name, t->line,
		    NULL, "out of memory");
	if (commit_rows(sn, t->line, t->commit, t->ctx, err) != 0)
		return -1;
	t->line += sn->lines;
	t->expect = sn->stop;
	t->gave_up = sn->gave_up;
	pthread_mutex_lock(&sp->lock);
	sp->taken_back = i + 1;
	pthread_cond_broadcast(&sp->changed);
	pthread_mutex_unlock(&sp->lock);
	la_src_release_before(&t->rd->src, t->expect);
	return 0;
}

static int
start_workers(struct scanpar *sp, struct worker *wk, int n)
{
	int started = 0;

	for (int i = 0; i < n; i++) {
		wk[i].sp = sp;
		wk[i].scan = *sp->model;
		/* The columns are shared; the values are each worker's. */
		memset(wk[i].scan.value, 0, sizeof(wk[i].scan.value));
		memset(&wk[i].scan.carry, 0, sizeof(wk[i].scan.carry));
		wk[i].started = pthread_create(&wk[i].thread, NULL, work,
		    &wk[i]) == 0;
		started += wk[i].started;
	}
	return started;
}

static void
stop_workers(struct scanpar *sp, struct worker *wk, int n)
{
	pthread_mutex_lock(&sp->lock);
	sp->stop = 1;
	pthread_cond_broadcast(&sp->changed);
	pthread_mutex_unlock(&sp->lock);
	for (int i = 0; i < n; i++) {
		if (wk[i].started)
			pthread_join(wk[i].thread, NULL);
		for (size_t k = 0; k < LA_SCAN_MAX_IDS; k++)
			la_buf_free(&wk[i].scan.value[k]);
	}
}

/* The serial scan's callback: prepare and commit in one thread. */
struct serial {
	la_scan_prepare_fn *prepare;
	la_scan_commit_fn *commit;
	void *ctx;
};

static int
scan_one(void *ctx, const char *const *values, long line,
    struct la_error *err)
{
	struct serial *s = ctx;
	char out[LA_SCAN_PREPARED];
	size_t n = s->prepare(s->ctx, values, out);

	return n > 0 ? s->commit(s->ctx, out, n, line, err) : 0;
}

/*
 * Nonzero when rd can be scanned in spans: mapped, long enough, and UTF-8
 * throughout, which an input read as checked UTF-8 is checked for here.
 * Sets *off to the offset of the first row.
 */
static int
can_scan_spans(struct la_reader *rd, int threads, size_t span, size_t *off)
{
	if (threads < 2 || span == 0 || !la_reader_offset(rd, off) ||
	    rd->src.raw_len - *off < 2 * span)
		return 0;
	return rd->src.mode == LA_SRC_TRUSTED ||
	    la_src_prescan_map(&rd->src, threads, NULL);
}

/*
 * Scans the spans with threads workers while the caller's thread commits.
 * Returns 0, -1 with err filled, or 1 when no worker could start.
 */
static int
scan_spans(struct scanpar *sp, struct taker *t, int threads,
    struct la_error *err)
{
	struct worker *wk = calloc((size_t)threads, sizeof(*wk));
	int rc = 0;

	if (wk == NULL || (sp->ring = calloc(sp->window,
	    sizeof(*sp->ring))) == NULL) {
		free(wk);
		return la_error_set(err, LA_ERR_NOMEM, t->rd->name, t->line,
		    NULL, "out of memory");
	}
	for (size_t i = 0; i < sp->window; i++)
		sp->ring[i].index = SIZE_MAX;
	pthread_mutex_init(&sp->lock, NULL);
	pthread_cond_init(&sp->changed, NULL);
	/* Without a worker, the caller scans the input in its own thread. */
	if (start_workers(sp, wk, threads) == 0)
		rc = 1;
	for (size_t i = 0; i < sp->nspans && rc == 0 && !t->gave_up; i++)
		rc = take_back(t, i, err);
	stop_workers(sp, wk, threads);
	for (size_t i = 0; i < sp->window; i++) {
		la_buf_free(&sp->ring[i].rows);
		la_marks_free(&sp->ring[i].marks);
	}
	pthread_mutex_destroy(&sp->lock);
	pthread_cond_destroy(&sp->changed);
	free(sp->ring);
	free(wk);
	return rc;
}

int
la_reader_scan_threads(struct la_reader *rd, const int *ids, size_t nids,
    la_scan_prepare_fn *prepare, la_scan_commit_fn *commit, void *ctx,
    int threads, size_t span, struct la_marks *marks, long *reached,
    struct la_error *err)
{
	struct serial serial = { prepare, commit, ctx };
	struct scanpar sp;
	struct taker t;
	struct scan model, own;
	size_t off;
	int rc = 0;

	if (!can_scan_spans(rd, threads, span, &off))
		return la_reader_scan(rd, ids, nids, scan_one, &serial, marks,
		    reached, err);
	*reached = 0;
	if (marks != NULL)
		marks->n = 0;
	if (!la_scan_start(&model, rd, nids))
		return 0;
	memset(&sp, 0, sizeof(sp));
	memset(&t, 0, sizeof(t));
	t.line = model.line;
	if (la_scan_columns(&model, ids, nids)) {
		sp.base = (const char *)rd->src.raw;
		sp.start = off;
		sp.end = rd->src.raw_len;
		sp.span = span;
		sp.nspans = (sp.end - off + span - 1) / span;
		if (marks != NULL)
			sp.every = marks->every / 4 > 0 ?
			    marks->every / 4 : 1;
		sp.model = &model;
		sp.prepare = prepare;
		sp.ctx = ctx;
		sp.window = (size_t)threads * WINDOW;
		own = model;
		memset(own.value, 0, sizeof(own.value));
		t.sp = &sp;
		t.rd = rd;
		t.own = &own;
		t.commit = commit;
		t.ctx = ctx;
		t.marks = marks;
		t.expect = off;
		rc = scan_spans(&sp, &t, threads, err);
		if (rc == 0 && !t.gave_up && marks != NULL && marks->n > 0 &&
		    marks->v[marks->n - 1].off != sp.end &&
		    la_marks_add(marks, sp.end, t.line) != 0)
			marks->n = 0;
		for (size_t k = 0; k < LA_SCAN_MAX_IDS; k++)
			la_buf_free(&own.value[k]);
		la_buf_free(&t.again.rows);
		la_marks_free(&t.again.marks);
	} else {
		t.gave_up = 1;
	}
	*reached = t.line;
	la_scan_free(&model);
	if (rc == 1)
		return la_reader_scan(rd, ids, nids, scan_one, &serial, marks,
		    reached, err);
	if (rc != 0)
		return -1;
	return t.gave_up ? 0 : 1;
}
