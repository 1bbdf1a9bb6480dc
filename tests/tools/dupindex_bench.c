/* SPDX-License-Identifier: MIT */
/*
 * Times the duplicate index on N keys shaped like la-validate's: an
 * "id:" key with an 18-character ID number and a "lic:" key with a
 * 17-digit licence number per person, as bench/gen.c writes them. One
 * person in 200 repeats one seen 64 people earlier, about as often as
 * gen.c repeats an application. Every key is then looked up once, as
 * la-validate does when it reports duplicates.
 *
 * Usage: dupindex_bench N
 * Writes "N keys: make S s, add S s, get S s, peak RSS K kB" to standard
 * output, with CPU times in seconds. Making the keys alone takes the first
 * time, which the add and get times include too. The peak is of the whole
 * process, which contains little besides the index.
 */
#include <sys/resource.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dupindex.h"

/* Birth days and sequence numbers that bench/gen.c draws ID numbers from. */
#define BIRTH_DAYS (38 * 12 * 28)
#define ID_SPACE (2ULL * BIRTH_DAYS * 500)

/*
 * The CPU time used so far, user and system. It is steadier than wall-clock
 * time on a shared machine and still counts the page faults of a growing
 * table.
 */
static double
cpu_time(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The GB 11643 check character of the first 17 digits of id. */
static char
check_char(const char *id)
{
	static const char chars[] = "10X98765432";
	unsigned sum = 0, weight = 1;

	for (int i = 16; i >= 0; i--) {
		weight = weight * 2 % 11;
		sum += (unsigned)(id[i] - '0') * weight;
	}
	return chars[sum % 11];
}

/* Writes the keys of person p, made the way bench/gen.c makes them. */
static void
person_keys(uint64_t p, char *id, size_t id_size, char *lic,
    size_t lic_size)
{
	uint64_t j = (p * 7919ULL + 104729ULL) % ID_SPACE;
	unsigned seq = (unsigned)(j / 2 % 500);
	unsigned day = (unsigned)(j / 1000);
	unsigned year = 1960 + day / (12 * 28);

	snprintf(id, id_size, "id:%s%04u%02u%02u%03u_",
	    j % 2 ? "500110" : "500222", year, day / 28 % 12 + 1,
	    day % 28 + 1, seq * 2 + (unsigned)(p & 1));
	id[3 + 17] = check_char(id + 3);
	snprintf(lic, lic_size, "lic:15002%04u%08" PRIu64, year + 25,
	    p % 100000000);
}

static uint64_t
person_at(uint64_t p)
{
	return p % 200 == 199 && p >= 64 ? p - 64 : p;
}

enum pass { MAKE_KEYS, ADD_KEYS, GET_KEYS };

/*
 * Makes the keys of n / 2 people and, unless the pass only makes them,
 * adds them to d or looks them up. Returns -1 when an add fails or a key
 * is not found.
 */
static int
run(struct la_dup_index *d, uint64_t n, enum pass pass)
{
	struct la_dup_entry once;
	char id[32], lic[32];
	size_t sum = 0;

	for (uint64_t p = 0; p < n / 2; p++) {
		person_keys(person_at(p), id, sizeof(id), lic, sizeof(lic));
		if (pass == MAKE_KEYS) {
			sum += strlen(id) + strlen(lic);
		} else if (pass == ADD_KEYS) {
			if (la_dup_add(d, id, strlen(id), (long)p + 2) != 0 ||
			    la_dup_add(d, lic, strlen(lic), (long)p + 2) != 0)
				return -1;
		} else if (la_dup_get(d, id, strlen(id), &once) == NULL ||
		    la_dup_get(d, lic, strlen(lic), &once) == NULL) {
			return -1;
		}
	}
	/* The sum keeps the compiler from dropping the key-making pass. */
	return sum == 1 ? -1 : 0;
}

int
main(int argc, char **argv)
{
	struct la_dup_index *d;
	struct rusage ru;
	double t0, t1, t2, t3;
	uint64_t n;
	char *end;

	if (argc != 2 || (n = strtoull(argv[1], &end, 10)) == 0 ||
	    *end != '\0') {
		fprintf(stderr, "usage: dupindex_bench N\n");
		return 2;
	}
	if ((d = la_dup_new()) == NULL) {
		fprintf(stderr, "dupindex_bench: out of memory\n");
		return 2;
	}
	t0 = cpu_time();
	run(d, n, MAKE_KEYS);
	t1 = cpu_time();
	if (run(d, n, ADD_KEYS) != 0) {
		fprintf(stderr, "dupindex_bench: out of memory\n");
		return 2;
	}
	t2 = cpu_time();
	if (run(d, n, GET_KEYS) != 0) {
		fprintf(stderr, "dupindex_bench: a key added was not found\n");
		return 1;
	}
	t3 = cpu_time();
	getrusage(RUSAGE_SELF, &ru);
	printf("%" PRIu64 " keys: make %.3f s, add %.3f s, get %.3f s, "
	    "peak RSS %ld kB\n", n, t1 - t0, t2 - t1, t3 - t2, ru.ru_maxrss);
	la_dup_free(d);
	return 0;
}
