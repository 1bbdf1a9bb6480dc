/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ident.h"

static la_day
day_of(int year, int month, int day)
{
	struct la_date d = { year, month, day };

	return la_day_from_date(d);
}

static void
check_id(const char *s, int year, int month, int day, int male,
    const char *region)
{
	struct la_id_info info;
	char why[160] = "";

	if (la_check_id_number(s, day_of(2024, 3, 5), &info, why,
	    sizeof(why)) != 0)
		fail_msg("\"%s\" rejected: %s", s, why);
	assert_int_equal(info.birth.year, year);
	assert_int_equal(info.birth.month, month);
	assert_int_equal(info.birth.day, day);
	assert_int_equal(info.male, male);
	assert_string_equal(info.region, region);
}

static void
check_id_bad(const char *s, la_day today, const char *reason)
{
	struct la_id_info info = { { 1, 2, 3 }, 7, "keep" };
	char why[160] = "";

	assert_int_equal(la_check_id_number(s, today, &info, why,
	    sizeof(why)), -1);
	if (strstr(why, reason) == NULL)
		fail_msg("\"%s\": reason \"%s\" lacks \"%s\"", s, why, reason);
	assert_int_equal(info.birth.year, 1);
	assert_int_equal(info.male, 7);
	assert_string_equal(info.region, "keep");
}

static void
id_valid_examples(void **state)
{
	(void)state;
	/* Sequence 002 is even: female. */
	check_id("11010519491231002X", 1949, 12, 31, 0, "110105");
	check_id("11010519491231002x", 1949, 12, 31, 0, "110105");
	check_id("440524188001010014", 1880, 1, 1, 1, "440524");
	check_id("513101198201130014", 1982, 1, 13, 1, "513101");
	check_id("34052419800101001X", 1980, 1, 1, 1, "340524");
	check_id("370101190102039973", 1901, 2, 3, 1, "370101");
}

static void
id_check_chars(void **state)
{
	(void)state;
	/* Weighted sums 167, 195, 184, 189 and 262 modulo 11. */
	assert_int_equal(la_id_check_char("11010519491231002"), 'X');
	assert_int_equal(la_id_check_char("44052418800101001"), '4');
	assert_int_equal(la_id_check_char("51310119820113001"), '4');
	assert_int_equal(la_id_check_char("34052419800101001"), 'X');
	assert_int_equal(la_id_check_char("37010119010203997"), '3');
	assert_int_equal(la_id_check_char("440524188001010014"), '4');
	assert_int_equal(la_id_check_char("1101051949123100"), 0);
	assert_int_equal(la_id_check_char("1101051949123100A"), 0);
	assert_int_equal(la_id_check_char("1101051949123100211"), 0);
	assert_int_equal(la_id_check_char(""), 0);
}

static void
id_wrong_check_char(void **state)
{
	(void)state;
	check_id_bad("110105194912310020", 0,
	    "check character 0 does not match the digits: expected X");
	check_id_bad("440524188001010015", 0, "expected 4");
	check_id_bad("340524198001010010", 0, "expected X");
	check_id_bad("370101190102039970", 0, "expected 3");
	/* 1948 for 1949 takes 3 off the sum: 164 mod 11 = 10 gives 2. */
	check_id_bad("11010519481231002X", 0, "expected 2");
}

static void
id_birth_date(void **state)
{
	struct la_id_info info;

	(void)state;
	check_id_bad("11010519490230002X", 0,
	    "birth date 19490230 does not exist");
	check_id_bad("11010519491331002X", 0,
	    "birth date 19491331 does not exist");
	/* Sum 79, 79 mod 11 = 2, so X: valid, but born in 2030. */
	check_id_bad("11010520300101001X", day_of(2024, 3, 5),
	    "birth date 20300101 is in the future");
	assert_int_equal(la_check_id_number("11010520300101001X", 0, &info,
	    NULL, 0), 0);
	assert_int_equal(info.birth.year, 2030);
	assert_int_equal(la_check_id_number("11010520300101001X",
	    day_of(2030, 1, 1), NULL, NULL, 0), 0);
}

static void
id_bad_shape(void **state)
{
	(void)state;
	check_id_bad("110105491231002", 0, "15-digit first-generation");
	check_id_bad("11010519491231002", 0, "18 characters, not 17");
	check_id_bad("", 0, "18 characters, not 0");
	check_id_bad("1101051949123100AX", 0,
	    "first 17 characters must be digits");
	check_id_bad("11010519491231002Y", 0,
	    "last character must be a digit or X");
}

static void
check_ok(int rc, const char *s, const char *why)
{
	if (rc != 0)
		fail_msg("\"%s\" rejected: %s", s, why);
}

static void
check_reason(int rc, const char *s, const char *why, const char *reason)
{
	if (rc != -1)
		fail_msg("\"%s\" accepted", s);
	if (strstr(why, reason) == NULL)
		fail_msg("\"%s\": reason \"%s\" lacks \"%s\"", s, why, reason);
}

static void
lawyer_license(void **state)
{
	static const char *const good[] = {
		"13199201510000001", "13307201210355328", "13199201810000002",
		"15001197910000001", "15001202410000001", NULL
	};
	char why[160] = "";
	int i;

	(void)state;
	for (i = 0; good[i] != NULL; i++)
		check_ok(la_check_lawyer_license(good[i], 2024, why,
		    sizeof(why)), good[i], why);
	check_ok(la_check_lawyer_license("15001202510000001", 0, why,
	    sizeof(why)), "2025 with no year bound", why);
}

static void
check_lawyer_bad(const char *s, const char *reason)
{
	char why[160] = "";

	check_reason(la_check_lawyer_license(s, 2024, why, sizeof(why)), s,
	    why, reason);
}

static void
lawyer_license_rejects(void **state)
{
	(void)state;
	check_lawyer_bad("23199201510000001", "starts with 1");
	check_lawyer_bad("1319920151000000", "has 17 digits, not 16");
	check_lawyer_bad("131992015100000011", "has 17 digits, not 18");
	check_lawyer_bad("1319920151000000X", "no other characters");
	check_lawyer_bad("13199197810000001", "year 1978");
	check_lawyer_bad("15001202510000001", "year 2025");
	check_lawyer_bad("", "has 17 digits, not 0");
}

static void
worker_license(void **state)
{
	char why[160] = "";

	(void)state;
	check_ok(la_check_worker_license("A123", why, sizeof(why)), "A123",
	    why);
	check_ok(la_check_worker_license("123456789012345678901234567890",
	    why, sizeof(why)), "30 digits", why);
	check_reason(la_check_worker_license("", why, sizeof(why)), "", why,
	    "empty");
	check_reason(la_check_worker_license(
	    "1234567890123456789012345678901", why, sizeof(why)),
	    "31 digits", why, "longer than 30");
	check_reason(la_check_worker_license("渝123", why, sizeof(why)),
	    "渝123", why, "only letters and digits");
	check_reason(la_check_worker_license("A-123", why, sizeof(why)),
	    "A-123", why, "only letters and digits");
}

static void
phone_valid(void **state)
{
	static const char *const good[] = {
		"13900000001", "19912345678", "02370755141", "01065120001",
		"05711234567", "057112345678", NULL
	};
	char why[160] = "";
	int i;

	(void)state;
	for (i = 0; good[i] != NULL; i++)
		check_ok(la_check_phone(good[i], why, sizeof(why)), good[i],
		    why);
	assert_int_equal(la_check_phone("13900000001", NULL, 0), 0);
}

static void
check_phone_bad(const char *s, const char *reason)
{
	char why[160] = "";

	check_reason(la_check_phone(s, why, sizeof(why)), s, why, reason);
}

static void
phone_rejects(void **state)
{
	(void)state;
	check_phone_bad("12900000001", "start with 13 to 19");
	check_phone_bad("1390000000", "11 digits, not 10");
	check_phone_bad("139000000012", "11 digits, not 12");
	check_phone_bad("1065120003", "11 digits, not 10");
	check_phone_bad("59222404", "needs its area code");
	check_phone_bad("0101234567", "area code 010 has 11 digits, not 10");
	check_phone_bad("023707551412", "area code 023 has 11 digits");
	check_phone_bad("0571123456", "11 or 12 digits, not 10");
	check_phone_bad("01265120001", "no area code starts with 01");
	check_phone_bad("008613900000001", "international prefix");
	check_phone_bad("139-0000-0001", "only digits");
	check_phone_bad("5922240412", "not a mobile or landline");
	check_phone_bad("", "empty");
}

static void
credit_code(void **state)
{
	static const char *const good[] = {
		"11500222009312182D", "11500000009276118B",
		"11500103009284150G", "115002300086862628",
		"11500222009312182d", NULL
	};
	char why[160] = "";
	int i;

	(void)state;
	/*
	 * For 11500222009312182D the weighted sum is 793, 793 mod 31 = 18,
	 * and 31 - 18 = 13 is D in 0-9A-HJ-NPQRTUWXY.
	 */
	for (i = 0; good[i] != NULL; i++)
		check_ok(la_check_credit_code(good[i], why, sizeof(why)),
		    good[i], why);
}

static void
check_credit_bad(const char *s, const char *reason)
{
	char why[160] = "";

	check_reason(la_check_credit_code(s, why, sizeof(why)), s, why,
	    reason);
}

static void
credit_code_rejects(void **state)
{
	(void)state;
	check_credit_bad("11500222009312182C", "expected D");
	check_credit_bad("115002300086862627", "expected 8");
	check_credit_bad("11500222009312183D", "does not match");
	check_credit_bad("11500222009312182", "18 characters");
	check_credit_bad("11500222009312182DD", "18 characters");
	check_credit_bad("1150022200931218ID", "character 17 is not one of");
	check_credit_bad("O1500222009312182D", "character 1 is not one of");
	check_credit_bad("11500222009312182S", "character 18 is not one of");
	check_credit_bad("11500222-09312182D", "character 9 is not one of");
}

static void
check_mask_id(const char *s, const char *want)
{
	char out[64];

	la_mask_id(s, out, sizeof(out));
	assert_string_equal(out, want);
}

static void
mask_id(void **state)
{
	(void)state;
	check_mask_id("440308199001011234", "440308********1234");
	check_mask_id("11010519491231002X", "110105********002X");
	check_mask_id("12345678901", "123456*8901");
	check_mask_id("1234567890", "**********");
	check_mask_id("王建国", "***");
	check_mask_id("", "");
	/* A stray continuation byte counts as one character. */
	check_mask_id("\xa8k", "**");
	check_mask_id("\x80" "440308199001011234",
	    "\x80" "44030*********1234");
}

static void
check_mask_phone(const char *s, const char *want)
{
	char out[64];

	la_mask_phone(s, out, sizeof(out));
	assert_string_equal(out, want);
}

static void
mask_phone(void **state)
{
	(void)state;
	check_mask_phone("13800001234", "138****1234");
	check_mask_phone("02370755141", "023****5141");
	check_mask_phone("023-70755141", "023-****5141");
	check_mask_phone("057112345678", "0571****5678");
	check_mask_phone("59222404", "****2404");
	check_mask_phone("1234", "****");
	check_mask_phone("", "");
}

static void
mask_cut_to_size(void **state)
{
	char out[8] = "unset";

	(void)state;
	la_mask_phone("13800001234", out, 6);
	assert_string_equal(out, "138**");
	/* Each character takes 3 bytes: 7 bytes hold 王, 建 and the NUL. */
	la_mask_id("王建国明天好啊再见你们", out, 7);
	assert_string_equal(out, "王建");
	la_mask_id("440308199001011234", out, 0);
	assert_string_equal(out, "王建");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(id_valid_examples),
		cmocka_unit_test(id_check_chars),
		cmocka_unit_test(id_wrong_check_char),
		cmocka_unit_test(id_birth_date),
		cmocka_unit_test(id_bad_shape),
		cmocka_unit_test(lawyer_license),
		cmocka_unit_test(lawyer_license_rejects),
		cmocka_unit_test(worker_license),
		cmocka_unit_test(phone_valid),
		cmocka_unit_test(phone_rejects),
		cmocka_unit_test(credit_code),
		cmocka_unit_test(credit_code_rejects),
		cmocka_unit_test(mask_id),
		cmocka_unit_test(mask_phone),
		cmocka_unit_test(mask_cut_to_size),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
