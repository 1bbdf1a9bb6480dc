/* SPDX-License-Identifier: MIT */
/*
 * Writes N invented audit events as CSV on standard output, in time
 * order, from 2024-01-01 at a fixed rate: a new case every 32 seconds on
 * average, about 8,700 events a day in all. More events therefore mean a
 * longer span, not more cases open at once. There are 2,000 members. Each
 * case is assigned, then accepted, refused or never accepted, then closed
 * and filed, a criminal case stage by stage. Each weekday has duty
 * attendance and duty-day cases with their reviews. About 1% of each
 * obligation is missed. The output depends only on N and the seed.
 *
 * Usage: gen N [SEED]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MEMBERS 2000
#define DAY (24 * 3600LL)
#define START 1704038400LL	/* 2024-01-01 00:00 +08:00 */
#define STEP 32			/* seconds between new cases, on average */

enum type {
	ASSIGNED, ACCEPTED, REFUSED, CLOSED, FILED, DUTY, ABSENT, REVIEWED
};

static const char *type_names[] = {
	"assigned", "accepted", "refused", "case_closed", "case_filed",
	"duty_attended", "duty_absent", "case_reviewed"
};
static const char *stages[] = { "侦查", "审查起诉", "审判" };

struct ev {
	long long t;
	unsigned seq;
	unsigned member;
	unsigned case_no;
	unsigned char type;
	unsigned char stage;	/* 0 none, else 1 + index */
	unsigned char criminal;
	unsigned char score;
	unsigned char duty;
};

static struct ev *heap;
static size_t nheap, capheap;
static uint64_t rng_state;
static unsigned seq;

static uint64_t
next_random(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned
below(unsigned n)
{
	return (unsigned)(next_random() % n);
}

static int
less(const struct ev *a, const struct ev *b)
{
	return a->t < b->t || (a->t == b->t && a->seq < b->seq);
}

static void
push(struct ev e)
{
	size_t i;

	if (nheap == capheap) {
		capheap = capheap ? capheap * 2 : 4096;
		if ((heap = realloc(heap, capheap * sizeof(*heap))) == NULL) {
			perror("gen");
			exit(2);
		}
	}
	e.seq = seq++;
	i = nheap++;
	heap[i] = e;
	while (i > 0 && less(&heap[i], &heap[(i - 1) / 2])) {
		struct ev tmp = heap[i];

		heap[i] = heap[(i - 1) / 2];
		heap[(i - 1) / 2] = tmp;
		i = (i - 1) / 2;
	}
}

static struct ev
pop(void)
{
	struct ev top = heap[0];
	size_t i = 0;

	heap[0] = heap[--nheap];
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		struct ev tmp;

		if (l < nheap && less(&heap[l], &heap[m]))
			m = l;
		if (r < nheap && less(&heap[r], &heap[m]))
			m = r;
		if (m == i)
			break;
		tmp = heap[i];
		heap[i] = heap[m];
		heap[m] = tmp;
		i = m;
	}
	return top;
}

static struct ev
make(long long t, enum type type, unsigned member, unsigned case_no)
{
	struct ev e;

	memset(&e, 0, sizeof(e));
	e.t = t;
	e.type = (unsigned char)type;
	e.member = member;
	e.case_no = case_no;
	return e;
}

/* Closing, filing (late 1% of the time) and the next stage. */
static void
schedule_stage(long long t, unsigned member, unsigned case_no, int criminal,
    int stage)
{
	struct ev e = make(t + (20 + below(40)) * DAY + below(8 * 3600),
	    CLOSED, member, case_no);
	struct ev f;

	e.criminal = (unsigned char)criminal;
	e.stage = (unsigned char)(criminal ? stage + 1 : 0);
	e.score = (unsigned char)(55 + below(45));
	push(e);
	f = e;
	f.type = FILED;
	f.t = e.t + (below(100) == 0 ? 40 : 1 + below(25)) * DAY;
	push(f);
	if (criminal && stage < 2 && below(2) == 0)
		schedule_stage(e.t, member, case_no, criminal, stage + 1);
}

static void
new_case(long long t, unsigned case_no)
{
	unsigned member = below(MEMBERS);
	unsigned roll = below(1000);
	struct ev e = make(t, ASSIGNED, member, case_no);
	long long accept = t + 3600 + below(50 * 3600);

	push(e);
	if (roll < 10) {
		push(make(accept, REFUSED, member, case_no));
		return;
	}
	if (roll < 15)
		return;
	push(make(accept, ACCEPTED, member, case_no));
	schedule_stage(accept, member, case_no, below(100) < 45, 0);
}

/* Ten members on duty each weekday, each closing one duty-day case. */
static void
duty_day(long long day, unsigned *case_no)
{
	for (unsigned k = 0; k < 10; k++) {
		unsigned member = below(MEMBERS);
		struct ev c;

		if (below(100) == 0) {
			push(make(day + 9 * 3600, ABSENT, member, 0));
			continue;
		}
		push(make(day + 8 * 3600 + 50 * 60, DUTY, member, 0));
		c = make(day + (10 + below(7)) * 3600, CLOSED, member,
		    ++*case_no);
		c.score = (unsigned char)(60 + below(40));
		c.duty = 1;
		push(c);
		c.type = FILED;
		c.t += 3600;
		push(c);
		c.type = REVIEWED;
		c.t = day + (1 + below(below(100) == 0 ? 12 : 7)) * DAY;
		push(c);
	}
}

static void
print(const struct ev *e, unsigned long long id)
{
	time_t local = (time_t)(e->t + 8 * 3600);
	struct tm tm;
	char when[32], score[8] = "";
	const char *type = "", *duty = "";

	gmtime_r(&local, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	if (e->type == CLOSED) {
		snprintf(score, sizeof(score), "%u", e->score);
		type = e->criminal ? "criminal" :
		    e->duty ? "non_litigation" : "civil";
		duty = e->duty ? "是" : "否";
	}
	printf("B%010llu,%s,%s,M%05u,", id, when, type_names[e->type],
	    e->member);
	if (e->case_no != 0)
		printf("C%09u", e->case_no);
	printf(",%s,%s,%s,%s,%s\n", e->stage ? stages[e->stage - 1] : "",
	    type, score, e->type == REFUSED ? "否" : "", duty);
}

int
main(int argc, char **argv)
{
	unsigned long long n, written = 0;
	unsigned case_no = 0;
	long long t = START, next_day = START;

	if (argc < 2 || argc > 3) {
		fputs("usage: gen N [SEED]\n", stderr);
		return 2;
	}
	n = strtoull(argv[1], NULL, 10);
	rng_state = argc == 3 ? strtoull(argv[2], NULL, 10) : 1;
	puts("event_id,time,event,license_no,case_id,stage,case_type,score,"
	    "reason_accepted,duty");
	while (written < n) {
		if (t >= next_day) {
			time_t local = (time_t)(next_day + 8 * 3600);
			struct tm tm;

			gmtime_r(&local, &tm);
			if (tm.tm_wday != 0 && tm.tm_wday != 6)
				duty_day(next_day, &case_no);
			next_day += DAY;
		}
		new_case(t, ++case_no);
		t += 1 + below(2 * STEP);
		while (nheap > 0 && heap[0].t <= t && written < n) {
			struct ev e = pop();

			print(&e, ++written);
		}
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
