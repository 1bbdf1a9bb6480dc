/* SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE		/* madvise */
#include <sys/mman.h>

#include <pthread.h>
#include <unistd.h>

#include "io_impl.h"

/*
 * The first pass over a mapped input whose encoding is guessed: is it
 * valid UTF-8 throughout? A long input is cut into spans that threads
 * check at once. Each cut goes before a byte that is not a UTF-8
 * continuation byte, where no valid sequence can cross it, so the input
 * is valid exactly when every span is. Each span hands its pages back to
 * the kernel as it goes, so memory use stays flat.
 */

/* Inputs shorter than this a span are checked in one thread. */
#define SPAN_MIN	(4 * 1024 * 1024)
#define MAX_SPANS	8

struct span {
	const unsigned char *map;
	size_t from;		/* offsets into map */
	size_t to;
	int valid;
	size_t fault;		/* first byte that is not UTF-8, if !valid */
	pthread_t thread;
	int started;
};

/*
 * Hands back the pages from the one that contains offset from up to the
 * one that contains offset to, which is kept. The page of from may hold
 * the end of the span before, which another thread may still read: it
 * then faults the page in again.
 */
static void
release_pages(const unsigned char *map, size_t from, size_t to)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t first = from / page * page;
	size_t last = to / page * page;

#ifdef MADV_DONTNEED
	if (last > first)
		madvise((void *)(uintptr_t)(map + first), last - first,
		    MADV_DONTNEED);
#else
	(void)map;
	(void)first;
	(void)last;
#endif
}

static void *
check_span(void *arg)
{
	struct span *sp = arg;
	enum la_utf8_status st;
	size_t pos = sp->from, end;

	sp->valid = 1;
	while (pos < sp->to) {
		end = sp->to - pos > LA_IO_CHUNK ? pos + LA_IO_CHUNK : sp->to;
		la_src_prefault(sp->map + pos, end - pos);
		pos += la_utf8_check(sp->map + pos, end - pos, &st);
		/* A piece may cut a character, but the span's end may not. */
		if (st == LA_UTF8_INVALID || (st == LA_UTF8_INCOMPLETE &&
		    end == sp->to)) {
			sp->valid = 0;
			sp->fault = pos;
			break;
		}
		/* From the span's start, so that no page between is left. */
		release_pages(sp->map, sp->from, pos);
	}
	return NULL;
}

/* The offset at or after off, before to, where a span may start. */
static size_t
cut_at(const unsigned char *map, size_t off, size_t to)
{
	/* Past three continuation bytes the input is invalid anyway. */
	for (int i = 0; i < 3 && off < to && (map[off] & 0xC0) == 0x80; i++)
		off++;
	return off;
}

int
la_src_prescan_map(struct la_source *s, int threads, size_t *fault)
{
	struct span spans[MAX_SPANS];
	size_t from = (size_t)(s->raw - s->map) + s->raw_pos;
	size_t to = (size_t)(s->raw - s->map) + s->raw_len;
	size_t n = threads < 1 ? 1 : (size_t)threads;
	int valid = 1;

	if (n > MAX_SPANS)
		n = MAX_SPANS;
	if (n > (to - from) / SPAN_MIN)
		n = (to - from) / SPAN_MIN > 0 ? (to - from) / SPAN_MIN : 1;
	for (size_t i = 0; i < n; i++) {
		spans[i].map = s->map;
		spans[i].from = i == 0 ? from :
		    cut_at(s->map, from + (to - from) / n * i, to);
		spans[i].started = 0;
	}
	for (size_t i = 0; i < n; i++)
		spans[i].to = i + 1 < n ? spans[i + 1].from : to;
	/* The caller's thread checks the first span, new threads the rest. */
	for (size_t i = 1; i < n; i++)
		spans[i].started = pthread_create(&spans[i].thread, NULL,
		    check_span, &spans[i]) == 0;
	check_span(&spans[0]);
	for (size_t i = 1; i < n; i++) {
		if (spans[i].started)
			pthread_join(spans[i].thread, NULL);
		else
			check_span(&spans[i]);
	}
	/* The first span that failed has the first fault. */
	for (size_t i = 0; i < n && valid; i++) {
		valid = spans[i].valid;
		if (!valid && fault != NULL)
			*fault = spans[i].fault - (size_t)(s->raw - s->map);
	}
	return valid;
}
