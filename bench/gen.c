/* SPDX-License-Identifier: MIT */
/*
 * Writes N invented applications as CSV with the application form's Chinese
 * headers, for timing la-validate and la-rank on large input.
 *
 * Usage: gen N [SEED] > FILE
 *
 * The output is UTF-8 without a BOM, with LF line ends, about 309 bytes per
 * row. ID numbers carry valid GB 11643 check characters. They are unique
 * for up to ID_SPACE (12,768,000) rows, and licence numbers and phones for
 * up to 1,000,000 rows. A small share of rows carry faults: a wrong check
 * character, a licence number mangled by Excel, a late submission, a recent
 * penalty, a missing document, full-width phone digits, and repeated
 * applications (an earlier row sent again). The same N and SEED always give
 * the same bytes.
 */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROW_SIZE 2048
#define RECENT 64		/* rows kept for repeated applications */
#define FIRST_BIRTH_YEAR 1960
#define BIRTH_YEARS 38		/* birth years 1960 .. 1997 */
#define BIRTH_DAYS (BIRTH_YEARS * 12 * 28)
#define ID_SPACE (2ULL * BIRTH_DAYS * 500)

/* Faults, in rows per 10,000. */
#define RATE_BAD_CHECK 40
#define RATE_EXCEL_LICENSE 20
#define RATE_LATE 80
#define RATE_PENALTY 60
#define RATE_MISSING_DOCUMENT 40
#define RATE_FULLWIDTH_PHONE 30
#define RATE_REPEAT 50
#define RATE_COMMA_TEXT 200

static const char *const headers =
    "姓名,性别,出生日期,身份证号,政治面貌,学历,人员类别,执业年限,"
    "取得执业资格日期,刑事执业年限,执业单位,联系电话,执业证号,通讯地址,"
    "注册地,提供援助服务意向,是否值班,申请人执业经历,奖惩情况,最近处罚日期,"
    "有效投诉次数,准入考核,准入考核成绩,办案数量,已办法律援助案件数,"
    "不合格案件数,公益活动次数,熟练使用法律援助管理系统,推荐意见,提交材料,"
    "申报时间,备注\n";

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
	"马", "朱", "胡", "郭", "何", "罗", "高", "林", "郑", "梁", "谢", "宋",
	"唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "田", "董", "袁", "蒋"
};
static const char *const given[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
	"杰", "涛", "明", "超", "霞", "平", "刚", "思远", "晓雯", "俊宏",
	"雨桐", "子涵", "嘉怡", "一鸣", "志强", "建国", "海燕", "红梅"
};
static const char *const political[] = {
	"中共党员", "群众", "群众", "民盟盟员", "共青团员"
};
static const char *const education[] = { "本科", "本科", "硕士", "大专" };
static const char *const lawyer_kinds[] = { "律师", "专职律师", "兼职律师" };
static const char *const services[] = {
	"民事代理", "刑事辩护、民事代理", "民事代理；劳动仲裁",
	"民事代理，行政代理", "刑事辩护∨;民事代理∨;行政代理□;劳动仲裁□"
};
static const char *const experience[] = {
	"婚姻家庭", "合同纠纷", "劳动争议", "交通事故", "刑事辩护"
};
static const char *const booleans[] = { "是", "是", "∨", "否" };

struct rng {
	uint64_t state;
};

static uint64_t
next64(struct rng *r)
{
	uint64_t z;

	r->state += 0x9E3779B97F4A7C15ULL;
	z = r->state;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static unsigned
below(struct rng *r, unsigned n)
{
	return (unsigned)(next64(r) % n);
}

static int
chance(struct rng *r, unsigned per_10000)
{
	return below(r, 10000) < per_10000;
}

#define PICK(r, a) ((a)[below((r), sizeof(a) / sizeof((a)[0]))])

/* One output row being built. */
struct row {
	char text[ROW_SIZE];
	size_t len;
};

static void
put(struct row *w, const char *s)
{
	size_t n = strlen(s);

	memcpy(w->text + w->len, s, n);
	w->len += n;
}

static void
put_char(struct row *w, char c)
{
	w->text[w->len++] = c;
}

static void
put_uint(struct row *w, unsigned long v)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	while (n > 0)
		put_char(w, digits[--n]);
}

/* Writes v with at least width digits. */
static void
put_padded(struct row *w, unsigned long v, int width)
{
	unsigned long limit = 1;

	for (int i = 1; i < width; i++) {
		limit *= 10;
		if (v < limit)
			put_char(w, '0');
	}
	put_uint(w, v);
}

/* Writes a date in one of the clerks' styles: 2024-03-05, 2024/3/5, 年月日. */
static void
put_date(struct row *w, int y, int m, int d, int style)
{
	put_uint(w, (unsigned long)y);
	if (style == 0) {
		put_char(w, '-');
		put_padded(w, (unsigned long)m, 2);
		put_char(w, '-');
		put_padded(w, (unsigned long)d, 2);
	} else if (style == 1) {
		put_char(w, '/');
		put_uint(w, (unsigned long)m);
		put_char(w, '/');
		put_uint(w, (unsigned long)d);
	} else {
		put(w, "年");
		put_uint(w, (unsigned long)m);
		put(w, "月");
		put_uint(w, (unsigned long)d);
		put(w, "日");
	}
}

/* GB 11643 check character of 17 digits. */
static char
id_check_char(const char *s)
{
	static const int weights[17] = {
		7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
	};
	int sum = 0;

	for (int i = 0; i < 17; i++)
		sum += (s[i] - '0') * weights[i];
	return "10X98765432"[sum % 11];
}

/* A person's fixed facts, kept so that a later row can repeat them. */
struct person {
	char id[19];
	char name[16];
	int male;
	int by, bm, bd;		/* birth date */
	int ly, lm, ld;		/* licensed since */
	int lawyer;
	unsigned unit;
	unsigned long serial;
};

/*
 * Makes person number i. The ID number's region, birth day and sequence
 * come from a permutation of i, so that no two people share one.
 */
static void
make_person(struct person *p, uint64_t i, struct rng *r)
{
	uint64_t j = (i * 7919ULL + 104729ULL) % ID_SPACE;
	unsigned seq = (unsigned)(j / 2 % 500);
	unsigned day = (unsigned)(j / 1000);

	p->male = (int)(next64(r) & 1);
	p->by = FIRST_BIRTH_YEAR + (int)(day / (12 * 28));
	p->bm = (int)(day / 28 % 12) + 1;
	p->bd = (int)(day % 28) + 1;
	snprintf(p->id, sizeof(p->id), "%s%04d%02d%02d%03u",
	    j % 2 ? "500110" : "500222", p->by, p->bm, p->bd,
	    seq * 2 + (unsigned)p->male);
	p->id[17] = id_check_char(p->id);
	p->id[18] = '\0';
	snprintf(p->name, sizeof(p->name), "%s%s", PICK(r, surnames),
	    PICK(r, given));
	p->ly = p->by + 23 + (int)below(r, 12);
	if (p->ly > 2022)
		p->ly = 2022;
	p->lm = (int)below(r, 12) + 1;
	p->ld = (int)below(r, 28) + 1;
	p->lawyer = below(r, 4) != 0;
	p->unit = below(r, p->lawyer ? 300 : 60);
	p->serial = (unsigned long)(i % 1000000);
}

static void
put_identity(struct row *w, const struct person *p, struct rng *r,
    int style)
{
	char id[19];

	put(w, p->name);
	put(w, p->male ? ",男," : ",女,");
	put_date(w, p->by, p->bm, p->bd, style);
	put_char(w, ',');
	memcpy(id, p->id, sizeof(id));
	if (chance(r, RATE_BAD_CHECK))
		id[17] = id[17] == '0' ? '1' : '0';
	put(w, id);
	put_char(w, ',');
	put(w, PICK(r, political));
	put_char(w, ',');
	put(w, PICK(r, education));
	put_char(w, ',');
	put(w, p->lawyer ? PICK(r, lawyer_kinds) : "基层法律服务工作者");
	put_char(w, ',');
}

static void
put_practice(struct row *w, const struct person *p, struct rng *r,
    int style)
{
	int years = 2024 - p->ly - (p->lm > 3);

	put_uint(w, (unsigned long)years);
	put_char(w, ',');
	put_date(w, p->ly, p->lm, p->ld, (style + 1) % 3);
	put_char(w, ',');
	put_uint(w, p->lawyer ? below(r, (unsigned)years + 1) : 0);
	if (p->lawyer) {
		put(w, ",示例");
		put_padded(w, p->unit, 3);
		put(w, "律师事务所,");
	} else {
		put(w, ",示例");
		put_padded(w, p->unit, 2);
		put(w, "法律服务所,");
	}
}

static void
put_contact(struct row *w, const struct person *p, struct rng *r)
{
	char phone[12];

	snprintf(phone, sizeof(phone), "139%08lu", p->serial);
	if (chance(r, RATE_FULLWIDTH_PHONE)) {
		for (int i = 0; i < 11; i++) {
			/* U+FF10..U+FF19 are EF BC 90..99 in UTF-8. */
			put(w, "\xef\xbc");
			put_char(w, (char)(0x90 + phone[i] - '0'));
		}
	} else {
		put(w, phone);
	}
	put_char(w, ',');
	if (!p->lawyer) {
		put(w, "35002");
		put_uint(w, (unsigned long)p->ly);
		put_padded(w, p->serial, 6);
	} else if (chance(r, RATE_EXCEL_LICENSE)) {
		put(w, "1.50022E+16");
	} else {
		put(w, "15002");
		put_uint(w, (unsigned long)p->ly);
		put(w, p->male ? "10" : "11");
		put_padded(w, p->serial, 6);
	}
	put(w, ",示例路");
	put_uint(w, p->unit % 200 + 1);
	put(w, "号,綦江区,");
}

static void
put_statement(struct row *w, const struct person *p, struct rng *r,
    int style)
{
	put(w, p->lawyer ? PICK(r, services) : "民事代理");
	put_char(w, ',');
	put(w, PICK(r, booleans));
	put_char(w, ',');
	if (chance(r, RATE_COMMA_TEXT)) {
		put_char(w, '"');
		put(w, PICK(r, experience));
		put(w, ", 兼顾调解\"");
	} else {
		put(w, PICK(r, experience));
	}
	if (chance(r, RATE_PENALTY)) {
		put(w, ",警告,");
		put_date(w, 2022, (int)below(r, 12) + 1,
		    (int)below(r, 28) + 1, style);
	} else {
		put(w, ",无,");
	}
	put(w, ",0,通过,");
	put_uint(w, 55 + below(r, 45));
	put_char(w, ',');
}

static void
put_counts(struct row *w, struct rng *r, int repeated)
{
	put_uint(w, below(r, 150));
	put_char(w, ',');
	put_uint(w, below(r, 30));
	put(w, ",0,");
	put_uint(w, below(r, 15));
	put_char(w, ',');
	put(w, PICK(r, booleans));
	put(w, ",同意,");
	if (chance(r, RATE_MISSING_DOCUMENT))
		put(w, "申请表、执业证,");
	else
		put(w, "申请表、执业证、身份证,");
	if (chance(r, RATE_LATE)) {
		put(w, "2024-03-20 17:");
		put_padded(w, 1 + below(r, 59), 2);
	} else {
		put(w, "2024-03-");
		put_uint(w, 18 + below(r, 3));
		put_char(w, ' ');
		put_padded(w, 9 + below(r, 8), 2);
		put_char(w, ':');
		put_padded(w, below(r, 60), 2);
	}
	put(w, repeated ? ",重复报送\n" : ",\n");
}

static void
put_row(struct row *w, const struct person *p, struct rng *r, int repeated)
{
	int style = (int)below(r, 3);

	w->len = 0;
	put_identity(w, p, r, style);
	put_practice(w, p, r, style);
	put_contact(w, p, r);
	put_statement(w, p, r, style);
	put_counts(w, r, repeated);
}

static int
parse_count(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtoull(s, &end, 10);
	if (*end != '\0')
		return -1;
	*out = v;
	return 0;
}

int
main(int argc, char **argv)
{
	static struct person recent[RECENT];
	static char outbuf[1 << 20];
	struct rng r = { 20240313 };
	struct row w;
	uint64_t n, seed, i;

	if (argc < 2 || argc > 3 || parse_count(argv[1], &n) != 0 ||
	    (argc == 3 && parse_count(argv[2], &seed) != 0)) {
		fprintf(stderr, "usage: gen N [SEED] > FILE\n");
		return 2;
	}
	if (argc == 3)
		r.state = seed;
	if (n > ID_SPACE) {
		fprintf(stderr, "gen: N must be at most %llu\n",
		    (unsigned long long)ID_SPACE);
		return 2;
	}
	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
	fputs(headers, stdout);
	for (i = 0; i < n; i++) {
		struct person *p = &recent[i % RECENT];
		int repeated = i >= RECENT && chance(&r, RATE_REPEAT);

		/* A repeated row sends an earlier person again. */
		if (repeated)
			p = &recent[(i + 1 + below(&r, RECENT - 1)) % RECENT];
		else
			make_person(p, i, &r);
		put_row(&w, p, &r, repeated);
		fwrite(w.text, 1, w.len, stdout);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("gen: write failed");
		return 2;
	}
	return 0;
}
