/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "io_impl.h"

/*
 * JSON Lines and JSON arrays, read one record at a time. A byte scanner
 * that follows strings, escapes and nesting finds where each value ends.
 * jansson then parses that value alone, so memory contains one record.
 * jansson's positions start at the value and are mapped back to the file.
 */

#define JSON_FLAGS (JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_ALLOW_NUL)

enum array_state {
	A_OPEN,			/* before '[' */
	A_FIRST,		/* after '[' */
	A_NEXT,			/* after an element */
	A_COMMA,		/* after ',' */
	A_ELEM,			/* inside an element */
	A_END			/* after ']' */
};

struct la_json_in {
	struct la_keys keys;
	struct la_buf dump;	/* scratch for nested values */
	struct la_buf text;	/* the value being read */
	int depth;
	int in_string;
	int escape;
	int too_deep;
	size_t deep_at;		/* offset in text of the bracket too deep */
	long col;		/* arrays: column of rd->cur, in characters */
	enum array_state state;
	int single;		/* a lone top-level object is one record */
	long val_line;		/* where the value starts */
	long val_col;
	struct la_buf next;	/* JSON Lines: a line read ahead */
	long next_line;
	int have_next;
};

static int fail_at(struct la_error *, enum la_err_code, const char *, long,
    long, const char *, ...) __attribute__((format(printf, 6, 7)));

/* Fills err with a position whose column counts characters. */
static int
fail_at(struct la_error *err, enum la_err_code code, const char *file,
    long line, long col, const char *fmt, ...)
{
	int fresh = err != NULL && err->code == LA_ERR_NONE;
	va_list ap;

	va_start(ap, fmt);
	la_error_vset(err, code, file, line, NULL, fmt, ap);
	va_end(ap);
	if (fresh)
		err->column = col;
	return -1;
}

static void
scan_reset(struct la_json_in *j)
{
	j->depth = 0;
	j->in_string = 0;
	j->escape = 0;
	j->too_deep = 0;
	j->text.len = 0;
}

static size_t
ends_at(int *complete, size_t offset)
{
	*complete = 1;
	return offset;
}

/*
 * Follows strings and nesting over s[0..n). With stop set, returns at the
 * end of a complete value: just past a closing quote or bracket at depth
 * 0, or at the byte that ends a bare scalar, and sets *complete. Else it
 * returns n. Nesting deeper than LA_IO_MAX_DEPTH sets too_deep and returns
 * the offset of the bracket.
 */
static size_t
scan(struct la_json_in *j, const char *s, size_t n, int stop, int *complete)
{
	*complete = 0;
	for (size_t i = 0; i < n; i++) {
		if (j->in_string) {
			if (j->escape) {
				j->escape = 0;
			} else if (s[i] == '\\') {
				j->escape = 1;
			} else if (s[i] == '"') {
				j->in_string = 0;
				if (stop && j->depth == 0)
					return ends_at(complete, i + 1);
			}
			continue;
		}
		switch (s[i]) {
		case '"':
			j->in_string = 1;
			break;
		case '{':
		case '[':
			if (++j->depth > LA_IO_MAX_DEPTH) {
				j->too_deep = 1;
				return i;
			}
			break;
		case '}':
		case ']':
			if (j->depth == 0 && stop)
				return ends_at(complete, i);
			if (j->depth > 0 && --j->depth == 0 && stop)
				return ends_at(complete, i + 1);
			break;
		case ',':
		case ' ':
		case '\t':
		case '\r':
		case '\n':
			if (stop && j->depth == 0)
				return ends_at(complete, i);
			break;
		}
	}
	return n;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Moves the array position over n bytes. */
static void
advance(struct la_reader *rd, struct la_json_in *j, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			rd->line++;
			j->col = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) {
			j->col++;
		}
	}
}

static int
no_memory(struct la_reader *rd, struct la_error *err)
{
	return la_error_set(err, LA_ERR_NOMEM, rd->name, rd->line, NULL,
	    "out of memory");
}

static int
convert(struct la_reader *rd, struct la_json_in *j, struct la_record *r,
    json_t *v, long line, struct la_error *err)
{
	int code = la_json_to_record(&j->keys, &j->dump, r, v, line);

	json_decref(v);
	r->line = line;
	if (code == LA_ERR_LIMIT)
		return la_error_set(err, LA_ERR_LIMIT, rd->name, line, NULL,
		    "more than %d distinct object keys", LA_IO_MAX_KEYS);
	if (code != 0)
		return no_memory(rd, err);
	return 1;
}

/* Parses the element in text; a fault in it stops the array. */
static int
emit_element(struct la_reader *rd, struct la_json_in *j,
    struct la_record *r, struct la_error *err)
{
	json_error_t je;
	json_t *v;
	char msg[600];
	long line, col;

	if ((v = json_loadb(j->text.data, j->text.len, JSON_FLAGS,
	    &je)) != NULL)
		return convert(rd, j, r, v, j->val_line, err);
	la_json_message(msg, sizeof(msg), &je, j->text.data, j->text.len);
	line = j->val_line + (je.line > 1 ? je.line - 1 : 0);
	if (je.line > 1)
		col = je.column;
	else
		col = j->val_col + (je.column > 0 ? je.column - 1 : 0);
	return fail_at(err, LA_ERR_SYNTAX, rd->name, line, col, "%s", msg);
}

static int
element(struct la_reader *rd, struct la_json_in *j, struct la_record *r,
    struct la_error *err)
{
	size_t n = (size_t)(rd->end - rd->cur);
	int complete;
	size_t k = scan(j, rd->cur, n, 1, &complete);

	advance(rd, j, rd->cur, k);
	if (j->too_deep)
		return fail_at(err, LA_ERR_LIMIT, rd->name, rd->line, j->col,
		    "nesting too deep (more than %d levels)", LA_IO_MAX_DEPTH);
	if (j->text.len + k > LA_IO_MAX_FIELD)
		return la_error_set(err, LA_ERR_LIMIT, rd->name, j->val_line,
		    NULL, "value starting at line %ld is longer than %ld "
		    "bytes", j->val_line, (long)LA_IO_MAX_FIELD);
	if (la_buf_add(&j->text, rd->cur, k) == -1)
		return no_memory(rd, err);
	rd->cur += k;
	if (!complete)
		return 0;
	j->state = j->single ? A_END : A_NEXT;
	return emit_element(rd, j, r, err);
}

static int
start_element(struct la_reader *rd, struct la_json_in *j, const char *p)
{
	rd->cur = p;
	scan_reset(j);
	j->val_line = rd->line;
	j->val_col = j->col;
	j->state = A_ELEM;
	return la_buf_reserve(&j->text, 0);
}

/*
 * Takes one byte outside elements. Returns 0 when it is consumed, 1 when
 * it starts an element, or -1 with *what set for a syntax error.
 */
static int
step(struct la_json_in *j, char c, const char **what)
{
	if (is_space(c))
		return 0;
	switch (j->state) {
	case A_OPEN:
		if (c == '[') {
			j->state = A_FIRST;
			return 0;
		}
		if (c == '{') {
			j->single = 1;
			return 1;
		}
		*what = "expected '[' at the start of a JSON array";
		return -1;
	case A_FIRST:
	case A_NEXT:
		if (c == ']') {
			j->state = A_END;
			return 0;
		}
		if (j->state == A_FIRST)
			return 1;
		if (c == ',') {
			j->state = A_COMMA;
			return 0;
		}
		*what = "expected ',' or ']' after an array element";
		return -1;
	case A_COMMA:
		if (c != ']' && c != ',')
			return 1;
		*what = c == ']' ? "trailing comma before ']'" :
		    "expected a value before ','";
		return -1;
	case A_END:
	case A_ELEM:
		break;
	}
	*what = "unexpected text after the end of the JSON array";
	return -1;
}

/* Checks the brackets and commas up to the start of the next element. */
static int
structure(struct la_reader *rd, struct la_json_in *j, struct la_error *err)
{
	const char *p, *what = NULL;
	int rc;

	for (p = rd->cur; p < rd->end; p++) {
		if ((rc = step(j, *p, &what)) == 1)
			return start_element(rd, j, p) == -1 ?
			    no_memory(rd, err) : 0;
		rd->cur = p;
		if (rc == -1)
			return fail_at(err, LA_ERR_SYNTAX, rd->name, rd->line,
			    j->col, "%s", what);
		advance(rd, j, p, 1);
	}
	rd->cur = p;
	return 0;
}

static int
array_eof(struct la_reader *rd, struct la_json_in *j, struct la_record *r,
    struct la_error *err)
{
	json_error_t je;
	json_t *v = NULL;

	if (j->state == A_END)
		return 0;
	/* jansson words an element cut short best. */
	if (j->state == A_ELEM) {
		v = json_loadb(j->text.data, j->text.len, JSON_FLAGS, &je);
		if (v == NULL)
			return emit_element(rd, j, r, err);
		json_decref(v);
	}
	return fail_at(err, LA_ERR_SYNTAX, rd->name, rd->line, j->col,
	    "unexpected end of input: the JSON array is not closed with ']'");
}

static int
array_next(struct la_reader *rd, struct la_record *r, struct la_error *err)
{
	struct la_json_in *j = rd->json;
	int rc;

	for (;;) {
		if (rd->cur == rd->end) {
			if ((rc = la_io_fill(rd, err)) == -1)
				return -1;
			if (rc == 0)
				return array_eof(rd, j, r, err);
		}
		if (j->state == A_ELEM)
			rc = element(rd, j, r, err);
		else
			rc = structure(rd, j, err);
		if (rc != 0)
			return rc;
	}
}

/* Appends the next physical line to b, without its LF or CR LF. */
static int
read_line(struct la_reader *rd, struct la_buf *b, struct la_error *err)
{
	size_t from = b->len, n;
	const char *nl;
	int got = 0, rc;

	for (;;) {
		if (rd->cur == rd->end) {
			if ((rc = la_io_fill(rd, err)) == -1)
				return -1;
			if (rc == 0)
				break;
		}
		nl = memchr(rd->cur, '\n', (size_t)(rd->end - rd->cur));
		n = nl != NULL ? (size_t)(nl - rd->cur) :
		    (size_t)(rd->end - rd->cur);
		if (b->len - from + n > LA_IO_MAX_FIELD)
			return la_error_set(err, LA_ERR_LIMIT, rd->name,
			    rd->line, NULL, "line %ld is longer than %ld bytes",
			    rd->line, (long)LA_IO_MAX_FIELD);
		if (la_buf_add(b, rd->cur, n) == -1)
			return no_memory(rd, err);
		got = 1;
		rd->cur += n;
		if (nl != NULL) {
			rd->cur++;
			rd->line++;
			break;
		}
	}
	if (b->len > from && b->data[b->len - 1] == '\r')
		b->data[--b->len] = '\0';
	return got;
}

static int
take_line(struct la_reader *rd, struct la_json_in *j, long *start,
    struct la_error *err)
{
	if (!j->have_next) {
		*start = rd->line;
		return read_line(rd, &j->text, err);
	}
	*start = j->next_line;
	j->have_next = 0;
	return la_buf_add(&j->text, j->next.data, j->next.len) == -1 ?
	    no_memory(rd, err) : 1;
}

static int
peek_line(struct la_reader *rd, struct la_json_in *j, struct la_error *err)
{
	int rc;

	if (j->have_next)
		return 0;
	j->next.len = 0;
	j->next_line = rd->line;
	if ((rc = read_line(rd, &j->next, err)) == -1)
		return -1;
	j->have_next = rc;
	return 0;
}

static int
blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_space(s[i]))
			return 0;
	return 1;
}

/*
 * Whether the line read ahead continues an unfinished value, as in the
 * indented objects that jq prints without -c: the value so far ends with
 * { [ , or :, or the line starts with } ] , or :. A line starting with {
 * or [ in column 1 always starts a new record.
 */
static int
continues(const struct la_buf *text, const struct la_buf *next)
{
	size_t i = text->len, k = 0;

	if (next->len > 0 && (next->data[0] == '{' || next->data[0] == '['))
		return 0;
	while (i > 0 && is_space(text->data[i - 1]))
		i--;
	if (i > 0 && strchr("{[,:", text->data[i - 1]) != NULL)
		return 1;
	while (k < next->len && is_space(next->data[k]))
		k++;
	return k < next->len && strchr("}],:", next->data[k]) != NULL;
}

static int
join_lines(struct la_reader *rd, struct la_json_in *j, long start,
    struct la_error *err)
{
	size_t off;
	int complete;

	while (!j->too_deep && j->depth > 0 && !j->in_string) {
		if (peek_line(rd, j, err) == -1)
			return -1;
		if (!j->have_next || !continues(&j->text, &j->next))
			break;
		if (j->text.len + 1 + j->next.len > LA_IO_MAX_FIELD)
			return la_error_set(err, LA_ERR_LIMIT, rd->name, start,
			    NULL, "record starting at line %ld is longer than "
			    "%ld bytes", start, (long)LA_IO_MAX_FIELD);
		off = j->text.len + 1;
		if (la_buf_addc(&j->text, '\n') == -1 ||
		    la_buf_add(&j->text, j->next.data, j->next.len) == -1)
			return no_memory(rd, err);
		j->have_next = 0;
		j->deep_at = off + scan(j, j->text.data + off,
		    j->text.len - off, 0, &complete);
	}
	return 0;
}

/* Line and column (characters) of offset off in a text from line start. */
static void
text_position(const struct la_buf *t, size_t off, long start, long *line,
    long *col)
{
	*line = start;
	*col = 1;
	for (size_t i = 0; i < off && i < t->len; i++) {
		if (t->data[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)t->data[i] & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

/* A record that does not parse keeps its text under _raw. */
static int
raw_record(struct la_reader *rd, struct la_json_in *j, struct la_record *r,
    long line, long col, const char *msg, struct la_error *err)
{
	if (la_record_append(r, "_raw", -1, j->text.data, j->text.len,
	    LA_KIND_TEXT) == NULL || la_record_add_finding(r, "input", NULL,
	    "%s:%ld:%ld: %s", rd->name, line, col, msg) == -1)
		return no_memory(rd, err);
	return 1;
}

static int
line_record(struct la_reader *rd, struct la_json_in *j, struct la_record *r,
    long start, struct la_error *err)
{
	json_error_t je;
	json_t *v;
	char msg[600];
	long line, col;

	r->line = start;
	if (j->too_deep) {
		text_position(&j->text, j->deep_at, start, &line, &col);
		snprintf(msg, sizeof(msg), "nesting too deep (more than %d "
		    "levels)", LA_IO_MAX_DEPTH);
		return raw_record(rd, j, r, line, col, msg, err);
	}
	if ((v = json_loadb(j->text.data, j->text.len, JSON_FLAGS,
	    &je)) != NULL)
		return convert(rd, j, r, v, start, err);
	la_json_message(msg, sizeof(msg), &je, j->text.data, j->text.len);
	line = start + (je.line > 1 ? je.line - 1 : 0);
	return raw_record(rd, j, r, line, je.column > 0 ? je.column : 1, msg,
	    err);
}

static int
lines_next(struct la_reader *rd, struct la_record *r, struct la_error *err)
{
	struct la_json_in *j = rd->json;
	long start;
	int complete, rc;

	for (;;) {
		scan_reset(j);
		if ((rc = take_line(rd, j, &start, err)) <= 0)
			return rc;
		if (!blank(j->text.data, j->text.len))
			break;
	}
	j->deep_at = scan(j, j->text.data, j->text.len, 0, &complete);
	if (join_lines(rd, j, start, err) == -1)
		return -1;
	return line_record(rd, j, r, start, err);
}

int
la_json_open(struct la_reader *rd, struct la_error *err)
{
	if ((rd->json = calloc(1, sizeof(*rd->json))) == NULL)
		return no_memory(rd, err);
	rd->json->col = 1;
	rd->json->state = A_OPEN;
	return 0;
}

int
la_json_next(struct la_reader *rd, struct la_record *r, struct la_error *err)
{
	la_record_reset(r);
	if (rd->format == LA_FORMAT_JSONL)
		return lines_next(rd, r, err);
	return array_next(rd, r, err);
}

void
la_json_close(struct la_reader *rd)
{
	struct la_json_in *j = rd->json;

	if (j == NULL)
		return;
	la_keys_free(&j->keys);
	la_buf_free(&j->dump);
	la_buf_free(&j->text);
	la_buf_free(&j->next);
	free(j);
	rd->json = NULL;
}
