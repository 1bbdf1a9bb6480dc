/* SPDX-License-Identifier: MIT */
#ifndef LA_I18N_H
#define LA_I18N_H

/*
 * Every message a user reads goes through gettext, in the "la-tools" text
 * domain, so that a translation catalogue needs no change to the code.
 * N_() marks a string for extraction where it is translated later.
 */
#include <libintl.h>

#define LA_TEXT_DOMAIN "la-tools"
#define _(s) dgettext(LA_TEXT_DOMAIN, s)
#define N_(s) (s)

#endif
