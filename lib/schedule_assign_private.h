/* SPDX-License-Identifier: MIT */
#ifndef LA_SCHEDULE_ASSIGN_PRIVATE_H
#define LA_SCHEDULE_ASSIGN_PRIVATE_H

#include "schedule_assign.h"

/* Maximum number of conflicts one case may name, and of their bytes. */
#define MAX_CONFLICTS 64
#define CONFLICT_TEXT 4096

/* A case as read, before assignment. */
struct case_in {
	char id[256];
	int type;			/* enum la_case_type, or -1 */
	la_time received;
	int has_received;
	unsigned services;
	const char *conflicts[MAX_CONFLICTS];
	size_t nconflicts;
	char conflict_text[CONFLICT_TEXT];
	size_t conflict_len;
	int serious;
	int malformed;
};

/*
 * Reads the case that rec describes into c. Each field that does not
 * parse adds a finding of rule "case" to rec, is reported through diag,
 * and sets c->malformed, as does a finding the reader left on rec.
 */
void la_case_read(struct case_in *c, struct la_record *rec, const char *file,
    const struct la_tz *tz, const struct la_diag *diag);

#endif
