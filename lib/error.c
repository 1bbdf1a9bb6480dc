/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "i18n.h"

static void
copy_text(char *dst, size_t size, const char *src)
{
	if (src == NULL)
		src = "";
	snprintf(dst, size, "%s", src);
}

void
la_error_clear(struct la_error *e)
{
	memset(e, 0, sizeof(*e));
}

static void fill(struct la_error *e, enum la_err_code code, const char *file,
    long line, const char *field, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));

static void
fill(struct la_error *e, enum la_err_code code, const char *file, long line,
    const char *field, const char *fmt, va_list ap)
{
	e->code = code;
	copy_text(e->file, sizeof(e->file), file);
	e->line = line;
	e->column = 0;
	copy_text(e->field, sizeof(e->field), field);
	/* Every message of lib/ is looked up in the catalogue here. */
	vsnprintf(e->text, sizeof(e->text), _(fmt), ap);
}

int
la_error_vset(struct la_error *e, enum la_err_code code, const char *file,
    long line, const char *field, const char *fmt, va_list ap)
{
	if (e != NULL && e->code == LA_ERR_NONE)
		fill(e, code, file, line, field, fmt, ap);
	return -1;
}

int
la_error_set(struct la_error *e, enum la_err_code code, const char *file,
    long line, const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	la_error_vset(e, code, file, line, field, fmt, ap);
	va_end(ap);
	return -1;
}

void
la_warn(const struct la_diag *diag, const char *file, long line,
    const char *field, const char *fmt, ...)
{
	struct la_error w;
	va_list ap;

	if (diag == NULL || diag->warn == NULL)
		return;
	va_start(ap, fmt);
	fill(&w, LA_ERR_NONE, file, line, field, fmt, ap);
	va_end(ap);
	diag->warn(diag->ctx, &w);
}
