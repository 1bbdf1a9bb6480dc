/* SPDX-License-Identifier: MIT */
/*
 * Writes invented input for timing la-schedule: a pool roster, a rules
 * file with duty posts, absences, and a stream of cases.
 *
 * Usage: gen roster MEMBERS [SEED] > roster.csv
 *        gen rules POSTS [MAX_OPEN] > rules.json
 *        gen absences MEMBERS [SEED] > absences.csv
 *        gen cases CASES MEMBERS [SEED] > cases.csv
 *
 * Output is UTF-8 with LF line ends. Roster members are two thirds
 * lawyers and one third grassroots legal workers, about ten to a
 * practice unit; 90 in 100 agreed to duty, 2 in 100 are suspended for part
 * of 2024 and 1 in 100 is removed. Posts alternate between a government
 * service window (any member) and a detention centre (criminal work),
 * with 1 to 3 seats. Cases are received over 2024 with the mix of types
 * of a Chongqing district; 1 in 10 names a conflicting unit or member and
 * 1 in 50 criminal cases is a life or death case. The same arguments give
 * the same bytes.
 */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 0x9e3779b97f4a7c15ULL;

static unsigned
rnd(unsigned n)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (unsigned)(state % n);
}

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
	"马", "朱", "胡", "郭", "何", "罗", "高", "林",
};

static const char *const given[] = {
	"伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "涛", "明",
	"超", "霞", "平", "刚", "桂英", "建华", "文静", "志强",
};

/* Licence number of member i: 17 digits for lawyers, a code for workers. */
static void
license(unsigned i, char *buf, size_t size)
{
	if (i % 3 != 2)
		snprintf(buf, size, "15001%04u1%u%06u", 2000 + i % 20, i % 2,
		    i);
	else
		snprintf(buf, size, "J500110%06u", i);
}

static void
unit(unsigned i, char *buf, size_t size)
{
	if (i % 3 != 2)
		snprintf(buf, size, "示例律师事务所%u", i / 10);
	else
		snprintf(buf, size, "示例法律服务所%u", i / 10);
}

static void
roster(unsigned n)
{
	static const char *const lawyer_services[] = { "刑事辩护;民事代理",
	    "刑事辩护", "民事代理;行政代理", "刑事辩护;民事代理;劳动仲裁" };

	puts("license_no,姓名,人员类别,执业单位,服务意向,是否值班,status,"
	    "suspended_until,刑事执业年限");
	for (unsigned i = 0; i < n; i++) {
		char lic[32], u[64];
		unsigned r = rnd(100);
		const char *status = "active", *until = "";
		/* Drawn one by one: C leaves the order of arguments open. */
		unsigned surname = rnd(20);
		unsigned name = rnd(20);
		unsigned services = rnd(4);
		unsigned duty = rnd(10);
		unsigned years = rnd(21);

		if (r < 2) {
			status = "suspended";
			until = rnd(2) ? "2024-03-31" : "2024-08-31";
		} else if (r < 3)
			status = "removed";
		license(i, lic, sizeof(lic));
		unit(i, u, sizeof(u));
		printf("%s,%s%s,%s,%s,%s,%s,%s,%s,%u\n", lic,
		    surnames[surname], given[name],
		    i % 3 != 2 ? "律师" : "法律工作者", u,
		    i % 3 != 2 ? lawyer_services[services] : "民事代理;劳动仲裁",
		    duty != 0 ? "是" : "否", status, until, years);
	}
}

static void
rules(unsigned posts, unsigned max_open)
{
	printf("{\n  \"assignment\": { \"max_open_cases\": %u },\n", max_open);
	printf("  \"duty\": { \"posts\": [\n");
	for (unsigned p = 0; p < posts; p++)
		printf("    { \"name\": \"%s%03u\", \"weekdays\": [1, 2, 3, 4, "
		    "5], \"seats\": %u, \"requires\": [%s], \"alternates\": "
		    "%s }%s\n", p % 2 ? "看守所" : "政务服务窗口", p + 1,
		    1 + p % 3, p % 2 ? "\"criminal\"" : "",
		    p % 4 == 0 ? "true" : "false", p + 1 < posts ? "," : "");
	printf("  ] }\n}\n");
}

/* Prints day number doy (0 is 1 January) of 2024 as a date. */
static void
print_date(unsigned doy)
{
	static const unsigned mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	unsigned m = 0;

	while (m < 11 && doy >= mdays[m])
		doy -= mdays[m++];
	printf("2024-%02u-%02u", m + 1, doy + 1);
}

static void
absences(unsigned n)
{
	puts("license_no,from,to,reason");
	for (unsigned i = 0; i < n / 10; i++) {
		char lic[32];
		unsigned start = rnd(340);
		unsigned len = 4 + rnd(17);
		unsigned member = rnd(n);
		unsigned leave = rnd(2);

		license(member, lic, sizeof(lic));
		printf("%s,", lic);
		print_date(start);
		putchar(',');
		print_date(start + len);
		printf(",%s\n", leave ? "年假" : "出差");
	}
}

static void
cases(unsigned n, unsigned members)
{
	static const char *const types[] = { "刑事", "刑事", "刑事", "民事",
	    "民事", "行政", "劳动仲裁", "非诉" };

	puts("case_id,case_type,received_at,conflicts,serious");
	for (unsigned i = 0; i < n; i++) {
		unsigned t = rnd(8);
		unsigned day = rnd(336);
		unsigned c = rnd(20);
		unsigned who = rnd(members);
		unsigned hour = 8 + rnd(10);
		unsigned minute = rnd(60);
		unsigned serious = t < 3 && rnd(50) == 0;
		char other[64] = "";

		if (c == 0)
			unit(who, other, sizeof(other));
		else if (c == 1)
			license(who, other, sizeof(other));
		printf("2024-%07u,%s,2024-%02u-%02u %02u:%02u,%s,%s\n", i + 1,
		    types[t], 1 + day / 28, 1 + day % 28, hour, minute, other,
		    serious ? "是" : "否");
	}
}

static unsigned
number(const char *s, const char *what)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v > 10000000) {
		fprintf(stderr, "gen: invalid %s: \"%s\"\n", what, s);
		exit(2);
	}
	return (unsigned)v;
}

int
main(int argc, char **argv)
{
	if (argc < 3) {
		fputs("usage: gen roster|rules|absences|cases N [...]\n",
		    stderr);
		return 2;
	}
	if (strcmp(argv[1], "roster") == 0) {
		state += argc > 3 ? number(argv[3], "seed") : 0;
		roster(number(argv[2], "member count"));
	} else if (strcmp(argv[1], "rules") == 0)
		rules(number(argv[2], "post count"), argc > 3 ?
		    number(argv[3], "open-case cap") : 5);
	else if (strcmp(argv[1], "absences") == 0) {
		state += argc > 3 ? number(argv[3], "seed") : 0;
		absences(number(argv[2], "member count"));
	} else if (strcmp(argv[1], "cases") == 0 && argc > 3) {
		state += argc > 4 ? number(argv[4], "seed") : 0;
		cases(number(argv[2], "case count"),
		    number(argv[3], "member count"));
	} else {
		fprintf(stderr, "gen: unknown kind \"%s\"\n", argv[1]);
		return 2;
	}
	return ferror(stdout) ? 1 : 0;
}
