/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "rank_impl.h"

/*
 * Packed record layout, all integers in host order. A header of u32 field
 * count and u32 finding count comes first. Each field is u32 name index,
 * i32 id, u32 kind, u32 length, then the bytes and a NUL. Each finding is
 * u32 rule index, u32 field index (UINT32_MAX for none), then the message
 * and a NUL.
 */

int
la_ranking_init(struct la_ranking *rk, const struct la_rules *rules)
{
	memset(rk, 0, sizeof(*rk));
	rk->rules = rules;
	return 0;
}

static int
reserve(void **p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 64;
	void *q;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	if ((q = realloc(*p, n * size)) == NULL)
		return -1;
	*p = q;
	*cap = n;
	return 0;
}

static int
put(struct la_ranking *rk, const void *data, size_t len)
{
	if (reserve((void **)&rk->pack, &rk->pack_cap, rk->pack_len + len,
	    1) != 0)
		return -1;
	memcpy(rk->pack + rk->pack_len, data, len);
	rk->pack_len += len;
	return 0;
}

static int
put_u32(struct la_ranking *rk, uint32_t v)
{
	return put(rk, &v, sizeof(v));
}

static long
intern_slow(struct la_ranking *rk, const char *name)
{
	char *copy;

	for (size_t i = 0; i < rk->nnames; i++)
		if (strcmp(rk->names[i], name) == 0)
			return (long)i;
	if (reserve((void **)&rk->names, &rk->names_cap, rk->nnames + 1,
	    sizeof(*rk->names)) != 0 || (copy = strdup(name)) == NULL)
		return -1;
	rk->names[rk->nnames] = copy;
	return (long)rk->nnames++;
}

/*
 * Interns a field name. Records of one CSV file share their name pointers,
 * so a cache by field position finds most names without comparing text.
 */
static long
intern(struct la_ranking *rk, size_t pos, const char *name)
{
	long index;

	if (pos < rk->name_cache_len && rk->name_cache[pos] == name)
		return (long)rk->name_cache_index[pos];
	if ((index = intern_slow(rk, name)) < 0)
		return -1;
	if (pos >= rk->name_cache_len) {
		size_t n = pos + 1;
		const char **names = realloc(rk->name_cache,
		    n * sizeof(*names));
		size_t *indexes;

		if (names == NULL)
			return -1;
		rk->name_cache = names;
		indexes = realloc(rk->name_cache_index, n * sizeof(*indexes));
		if (indexes == NULL)
			return -1;
		rk->name_cache_index = indexes;
		for (size_t i = rk->name_cache_len; i < n; i++)
			names[i] = NULL;
		rk->name_cache_len = n;
	}
	rk->name_cache[pos] = name;
	rk->name_cache_index[pos] = (size_t)index;
	return index;
}

static int
pack_field(struct la_ranking *rk, size_t pos, const struct la_field *f)
{
	long name = intern(rk, pos, f->name);
	int32_t id = f->id;

	if (name < 0 || put_u32(rk, (uint32_t)name) != 0 ||
	    put(rk, &id, sizeof(id)) != 0 || put_u32(rk, f->kind) != 0 ||
	    put_u32(rk, (uint32_t)f->len) != 0 ||
	    put(rk, f->value, f->len + 1) != 0)
		return -1;
	return 0;
}

static int
pack_finding(struct la_ranking *rk, const struct la_finding *f)
{
	long rule = intern_slow(rk, f->rule);
	long field = f->field != NULL ? intern_slow(rk, f->field) : -1;

	if (rule < 0 || (f->field != NULL && field < 0) ||
	    put_u32(rk, (uint32_t)rule) != 0 ||
	    put_u32(rk, field < 0 ? UINT32_MAX : (uint32_t)field) != 0 ||
	    put(rk, f->message, strlen(f->message) + 1) != 0)
		return -1;
	return 0;
}

static int
pack_record(struct la_ranking *rk, const struct la_record *r)
{
	if (put_u32(rk, (uint32_t)r->nfields) != 0 ||
	    put_u32(rk, (uint32_t)r->nfindings) != 0)
		return -1;
	for (size_t i = 0; i < r->nfields; i++)
		if (pack_field(rk, i, &r->fields[i]) != 0)
			return -1;
	for (size_t i = 0; i < r->nfindings; i++)
		if (pack_finding(rk, &r->findings[i]) != 0)
			return -1;
	return 0;
}

/* Packs s NUL-terminated and returns its offset, or SIZE_MAX. */
static size_t
pack_text(struct la_ranking *rk, const char *s)
{
	size_t at = rk->pack_len;

	if (put(rk, s != NULL ? s : "", s != NULL ? strlen(s) + 1 : 1) != 0)
		return SIZE_MAX;
	return at;
}

int
la_ranking_add(struct la_ranking *rk, const struct la_record *r,
    struct la_error *err)
{
	struct la_rank_entry *e;

	if (reserve((void **)&rk->entries, &rk->cap, rk->n + 1,
	    sizeof(*rk->entries)) != 0)
		goto nomem;
	e = &rk->entries[rk->n];
	memset(e, 0, sizeof(*e));
	e->line = r->line;
	e->input = rk->input;
	e->offset = rk->pack_len;
	if (pack_record(rk, r) != 0 ||
	    la_column_union_add_record(&rk->columns, r) != 0)
		goto nomem;
	rank_score(rk, e, r);
	e->license = pack_text(rk, la_record_get(r, LA_F_LICENSE_NO));
	e->unit = pack_text(rk, la_record_get(r, LA_F_PRACTICE_UNIT));
	if (e->license == SIZE_MAX || e->unit == SIZE_MAX)
		goto nomem;
	rk->n++;
	return 0;
nomem:
	return la_error_set(err, LA_ERR_NOMEM, NULL, r->line, NULL, "%s",
	    _("out of memory"));
}

int
la_ranking_start_input(struct la_ranking *rk, const char *name,
    const struct la_header *h)
{
	rk->input = name;
	/*
	 * The last reader freed its field names, and the next one may put
	 * other names at the same addresses.
	 */
	for (size_t i = 0; i < rk->name_cache_len; i++)
		rk->name_cache[i] = NULL;
	la_column_union_forget(&rk->columns);
	if (h == NULL || h->ncols == 0)
		return 0;
	return la_column_union_add(&rk->columns,
	    (const char *const *)h->names, h->ids, h->ncols);
}

int
la_ranking_has_column(const struct la_ranking *rk, int id)
{
	for (size_t i = 0; i < rk->columns.n; i++)
		if (rk->columns.ids[i] == id)
			return 1;
	return 0;
}

int
rank_problem(struct la_ranking *rk, const char *fmt, ...)
{
	char text[1024];
	va_list ap;
	char *copy;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (reserve((void **)&rk->problems, &rk->problems_cap,
	    rk->nproblems + 1, sizeof(*rk->problems)) != 0 ||
	    (copy = strdup(text)) == NULL)
		return -1;
	rk->problems[rk->nproblems++] = copy;
	return 0;
}

void
la_ranking_free(struct la_ranking *rk)
{
	for (size_t i = 0; i < rk->nnames; i++)
		free(rk->names[i]);
	for (size_t i = 0; i < rk->nproblems; i++)
		free(rk->problems[i]);
	free(rk->names);
	free(rk->problems);
	free(rk->entries);
	free(rk->order);
	free(rk->pack);
	free(rk->name_cache);
	free(rk->name_cache_index);
	la_column_union_free(&rk->columns);
	memset(rk, 0, sizeof(*rk));
}
