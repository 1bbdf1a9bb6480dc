/* SPDX-License-Identifier: MIT */
#ifndef LA_IDENT_H
#define LA_IDENT_H

#include <stddef.h>

#include "datetime.h"

/*
 * Identity and contact numbers. Each check takes a value already cleaned by
 * la_clean_digits() and returns 0, or -1 with the reason in why.
 */

struct la_id_info {
	struct la_date birth;
	int male;		/* from the 17th digit: odd is male */
	char region[7];		/* the 6-digit address code */
};

/*
 * Resident ID number (GB 11643-1999): 17 digits and a check character
 * (0-9 or X, lower-case x accepted), a real birth date not after today
 * (pass today = 0 to skip that test), and the MOD 11-2 check. A 15-digit
 * first-generation number is rejected with its own reason. info (may be
 * NULL) is filled only when the number is valid.
 */
int la_check_id_number(const char *s, la_day today, struct la_id_info *info,
    char *why, size_t size);

/*
 * The check character ('0'-'9' or 'X') for the first 17 characters of s,
 * which may be a whole 18-character ID number, or 0 if s is not 17 or 18
 * characters long or its first 17 are not all digits.
 */
char la_id_check_char(const char *s);

/*
 * Lawyer practice certificate number: 17 digits, first digit 1, digits 6-9
 * a plausible year of first licence (1979 .. this_year; this_year 0 skips
 * the upper bound). Grassroots legal service worker certificates have no
 * public numbering rule: 1 to 30 ASCII letters and digits.
 */
int la_check_lawyer_license(const char *s, int this_year, char *why,
    size_t size);
int la_check_worker_license(const char *s, char *why, size_t size);

/*
 * Mobile 1[3-9] and 9 more digits, or a landline 0 + 2-3 digit area code +
 * 7-8 digit number (hyphen already removed). Area codes 010 and 020-029
 * have 2 digits after the 0 and 8-digit numbers, so those landlines have
 * 11 digits. Other area codes have 3 digits, giving 11 or 12.
 */
int la_check_phone(const char *s, char *why, size_t size);

/*
 * Unified social credit code (GB 32100-2015): 18 characters from
 * 0-9A-HJ-NPQRTUWXY (lower case accepted) with its MOD 31 check character.
 */
int la_check_credit_code(const char *s, char *why, size_t size);

/*
 * Masks for published lists. ID numbers keep the first 6 and last 4
 * characters, and mobiles the first 3 and last 4. Landlines (a leading 0)
 * keep the area code, a hyphen after it, and the last 4. Other phone
 * values keep only the last 4. Every other character becomes '*', and a
 * value too short to hide at least one character in the middle is masked
 * whole. Works on UTF-8 by characters. out needs strlen(s) + 1 bytes and
 * is cut to size.
 */
void la_mask_id(const char *s, char *out, size_t size);
void la_mask_phone(const char *s, char *out, size_t size);

#endif
