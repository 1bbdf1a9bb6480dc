# la-tools: see README.md. GNU make.

VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANPREFIX ?= $(PREFIX)/share/man
DESTDIR ?=

CC ?= cc
CFLAGS ?= -O2 -g
WARNINGS = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wformat=2 -Wvla
ifeq ($(WERROR),1)
WARNINGS += -Werror
endif
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -DLA_VERSION='"$(VERSION)"' \
	-DLOCALEDIR='"$(PREFIX)/share/locale"' -Ilib
ALL_CFLAGS = -std=c11 -pthread $(WARNINGS) $(CFLAGS)
LDLIBS = -lcsv -ljansson -lm -pthread

B ?= build
LIB_SRCS = $(sort $(wildcard lib/*.c))
LIB_OBJS = $(LIB_SRCS:%.c=$(B)/%.o)
PROGS = $(patsubst cmd/%.c,%,$(sort $(wildcard cmd/la-*.c)))
BINS = $(PROGS:%=$(B)/bin/%)
UNIT_SRCS = $(sort $(wildcard tests/unit/test_*.c))
UNITS = $(UNIT_SRCS:tests/unit/%.c=$(B)/tests/%)
TOOL_SRCS = $(sort $(wildcard tests/tools/*.c))
TOOLS = $(TOOL_SRCS:tests/tools/%.c=$(B)/tests/%)
MANS = $(sort $(wildcard man/*.[1-9]))

# Objects are made by chained rules; keep them so that builds are incremental.
.SECONDARY:

.PHONY: all deps check check-build check-run check-asan demo demo-run lint \
	install uninstall clean bench fuzz pot limits-big

all: $(BINS)

$(B)/%.o: %.c $(wildcard lib/*.h)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(B)/libla.a: $(LIB_OBJS)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJS)

$(B)/bin/%: $(B)/cmd/%.o $(B)/libla.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libla.a $(LDLIBS)

$(B)/tests/%: $(B)/tests/unit/%.o $(B)/libla.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libla.a $(LDLIBS) -lcmocka

# The replay tool compiles the fuzz targets in by #include.
$(B)/tests/tools/fuzz_replay.o: $(wildcard tests/fuzz/*.c tests/fuzz/*.h)

$(B)/tests/%: $(B)/tests/tools/%.o $(B)/libla.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libla.a $(LDLIBS)

# deps installs missing Debian packages when run as root; otherwise it
# prints the apt-get line and fails.
deps:
	@sh scripts/deps.sh build

check: deps
	@$(MAKE) --no-print-directory check-run

check-build: $(BINS) $(UNITS) $(TOOLS)

check-run: check-build
	@sh tests/run-units.sh $(B) $(UNITS)
	@sh tests/run-cases.sh $(B)
	@sh tests/limits/run.sh $(B)
	@$(MAKE) --no-print-directory check-asan

# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer;
# any report fails the run.
check-asan:
	@$(MAKE) --no-print-directory B=build-asan \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" check-build
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    sh tests/run-units.sh build-asan $(UNITS:$(B)/%=build-asan/%)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    sh tests/run-cases.sh build-asan

demo: deps
	@$(MAKE) --no-print-directory demo-run

demo-run: $(BINS)
	@sh examples/selection.sh $(B)/bin

lint:
	@sh scripts/lint.sh

# Ten million rows through la-validate; minutes and gigabytes, so not in
# check.
limits-big: $(BINS) $(TOOLS)
	@sh tests/limits/big.sh $(B)

bench: $(BINS)
	@sh scripts/deps.sh bench
	@sh bench/run.sh $(B)

fuzz:
	@sh scripts/deps.sh fuzz
	@sh tests/fuzz/run.sh

# Messages are marked with _() and N_(), or are the format argument of
# the functions that translate it: la_error_set, la_warn, la_cli_fail,
# la_record_add_finding and check_finding.
pot:
	mkdir -p po
	xgettext -k_ -kN_ -kla_error_set:6 -kla_warn:5 -kla_cli_fail:2 \
	    -kla_record_add_finding:4 -kcheck_finding:5 --from-code=UTF-8 \
	    -c -o po/la-tools.pot lib/*.c cmd/*.c

install: $(BINS)
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 \
	    $(DESTDIR)$(MANPREFIX)/man5 $(DESTDIR)$(MANPREFIX)/man7
	cp $(BINS) $(DESTDIR)$(BINDIR)/
	for m in $(MANS); do \
	    s=$${m##*.}; cp $$m $(DESTDIR)$(MANPREFIX)/man$$s/; done

uninstall:
	for p in $(PROGS); do rm -f $(DESTDIR)$(BINDIR)/$$p; done
	for m in $(MANS); do \
	    s=$${m##*.}; rm -f $(DESTDIR)$(MANPREFIX)/man$$s/$${m##*/}; done

clean:
	rm -rf build build-asan build-fuzz
