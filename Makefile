# pemetrics - plain Makefile (GNU make).
#
#   make            build ./pemetrics
#   make check      the quick loop: unit tests and the CLI tests not marked
#                   long, default build (under 2 minutes)
#   make test       unit + CLI tests, the CLI tests again with their stores
#                   on PostgreSQL, unit + CLI tests under ASan+UBSan, the
#                   fuzz corpus replayed under ASan+UBSan, then the CLI
#                   tests under valgrind
#   make fuzz       libFuzzer (clang) for FUZZ_SECONDS per target
#   make bench      speed and memory against sqlite3 .import and cat
#   make demo       the main job on the sample data
#   make install    PREFIX=/usr/local DESTDIR= : binary, catalogue, man pages
#
# Dependencies (Debian packages) are installed by scripts/bootstrap-deps.sh
# when missing; "make test" and "make demo" run it first.

include config.mk

BUILD ?= build/default
BIN ?= pemetrics
WARN = -Wall -Wextra -Wpedantic -Wshadow -Wwrite-strings \
	-Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
WERROR ?=
PKGS = sqlite3 libpng libcrypto freetype2 fontconfig libpq
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null || echo -lsqlite3 -lpng16 -lcrypto -lfreetype -lfontconfig -lpq)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

PM_CPPFLAGS = -Isrc -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L \
	-DPM_VERSION='"$(VERSION)"' -DPM_DATADIR='"$(DATADIR)"' $(PKG_CFLAGS)
PM_CFLAGS = -std=c11 $(WARN) $(WERROR) $(EXTRA_CFLAGS) $(CFLAGS)
# libcsv ships no pkg-config file on Debian 12.
PM_LIBS = -lcsv $(PKG_LIBS) -lm -pthread

LIB_SRC = $(sort $(wildcard src/util/*.c src/core/*.c src/render/*.c src/cli/*.c))
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ = $(BUILD)/src/main.o
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

all: $(BIN)

$(BIN): $(MAIN_OBJ) $(BUILD)/libpm.a
	$(CC) $(PM_CFLAGS) $(LDFLAGS) -o $@ $(MAIN_OBJ) $(BUILD)/libpm.a $(PM_LIBS)

$(BUILD)/libpm.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(PM_CPPFLAGS) $(CPPFLAGS) $(PM_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libpm.a
	@mkdir -p $(@D)
	$(CC) $(PM_CPPFLAGS) -Itests/unit $(CPPFLAGS) $(PM_CFLAGS) $(LDFLAGS) \
		-o $@ $< $(BUILD)/libpm.a $(PM_LIBS) $(CMOCKA_LIBS)

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d)

# The paths and version compiled in: objects are rebuilt when they change
# (make install PREFIX=/opt after a plain make builds for /opt).
$(BUILD)/compiled-in: FORCE
	@mkdir -p $(@D)
	@echo '$(DATADIR) $(VERSION)' | cmp -s - $@ 2>/dev/null || \
		echo '$(DATADIR) $(VERSION)' > $@
$(LIB_OBJ) $(MAIN_OBJ): $(BUILD)/compiled-in
FORCE:

deps:
	@sh scripts/bootstrap-deps.sh run

deps-test:
	@sh scripts/bootstrap-deps.sh test

deps-bench:
	@sh scripts/bootstrap-deps.sh bench

deps-fuzz:
	@sh scripts/bootstrap-deps.sh fuzz

# --- tests -----------------------------------------------------------------

unit-run: $(UNIT_BIN)
	@sh tests/unit/run.sh $(UNIT_BIN)

# PM_AGAIN=1: a pass after the first, which skips the tests marked
# "# once" (they build their own binary, or run none).
cli-run: $(BIN)
	@PM="$(abspath $(BIN))" PM_AGAIN="$(PM_AGAIN)" sh tests/cli/run.sh

# The backend pass: the CLI tests again, every store they name a database
# on the server PEMETRICS_TEST_PG names (tests/cli/pg-pm), the same
# expected outputs; "# sqlite-only" tests and t8xx skipped (tests/README.md).
cli-pg-run: $(BIN)
	@PM="$(abspath $(BIN))" PM_BACKEND=pg sh tests/cli/run.sh

check: deps-test
	$(MAKE) WERROR=-Werror all unit-run
	@PM="$(abspath $(BIN))" PM_QUICK=1 sh tests/cli/run.sh

# The store's unit tests and the CLI tests that touch the store run on both
# backends: tests/pg/cluster.sh starts a throwaway PostgreSQL cluster for
# them (PEMETRICS_TEST_PG) and removes it however the run ends. The store's
# unit tests run on both in every stage, the t8xx tests too; the whole CLI
# suite on PostgreSQL (cli-pg-run) in the first stage only, with the plain
# build: the sanitizers and valgrind see the PostgreSQL code through
# test_store and t800-t840.
test: deps-test
	sh tests/pg/cluster.sh run $(MAKE) WERROR=-Werror all unit-run cli-run \
		cli-pg-run
	sh tests/pg/cluster.sh run $(MAKE) BUILD=build/asan \
		BIN=build/asan/pemetrics WERROR=-Werror PM_AGAIN=1 \
		CFLAGS="$(SANFLAGS)" LDFLAGS="$(SANFLAGS)" unit-run cli-run
	$(MAKE) fuzz-replay
	$(MAKE) valgrind-run

# The CLI tests once more with every pemetrics run under memcheck: any
# error or leak fails the run (exit 99 from the wrapper). Tests marked
# "# slow" or "# once" are skipped (tests/README.md says which and why).
valgrind-run: $(BIN)
	@sh tests/pg/cluster.sh run env PM="$(abspath tests/cli/valgrind-pm)" PM_REAL="$(abspath $(BIN))" \
		PM_VALGRIND="$$(command -v valgrind)" \
		PM_SLOW=1 sh tests/cli/run.sh

# The store's tests against PostgreSQL alone, on a cluster of their own:
# test_store, t8xx, and the backend pass.
pg-run: $(BIN) $(UNIT_BIN)
	@sh tests/pg/cluster.sh run sh -c 'sh tests/unit/run.sh $(BUILD)/tests/test_store && \
		PM="$(abspath $(BIN))" sh tests/cli/run.sh t8 && \
		PM="$(abspath $(BIN))" PM_BACKEND=pg sh tests/cli/run.sh'

# --- demo ------------------------------------------------------------------

DEMO = demo
demo: deps
	$(MAKE) all
	@sh scripts/demo.sh ./pemetrics $(DEMO)

# --- benchmark -------------------------------------------------------------

# Speed goals are checked here, never by timed tests. ROWS and RUNS pick
# the sizes and the repeats (defaults 1000000 5000000 and 3). A throwaway
# PostgreSQL cluster measures the PostgreSQL store beside SQLite.
bench: deps-bench
	$(MAKE) all
	@sh tests/pg/cluster.sh run sh scripts/bench/bench.sh ./pemetrics build/bench

# --- install ---------------------------------------------------------------

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/catalog \
		$(DESTDIR)$(DATADIR)/charts $(DESTDIR)$(MANPREFIX)/man1
	cp -f $(BIN) $(DESTDIR)$(BINDIR)/pemetrics
	chmod 755 $(DESTDIR)$(BINDIR)/pemetrics
	cp -f datasets/catalog/*.csv $(DESTDIR)$(DATADIR)/catalog/
	chmod 644 $(DESTDIR)$(DATADIR)/catalog/*.csv
	cp -f charts/*.gp $(DESTDIR)$(DATADIR)/charts/
	chmod 644 $(DESTDIR)$(DATADIR)/charts/*.gp
	sed 's/@VERSION@/$(VERSION)/' pemetrics.1 > $(DESTDIR)$(MANPREFIX)/man1/pemetrics.1
	chmod 644 $(DESTDIR)$(MANPREFIX)/man1/pemetrics.1
	mkdir -p $(DESTDIR)$(MANPREFIX)/man5
	sed 's/@VERSION@/$(VERSION)/' pemetrics.5 > $(DESTDIR)$(MANPREFIX)/man5/pemetrics.5
	chmod 644 $(DESTDIR)$(MANPREFIX)/man5/pemetrics.5

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/pemetrics $(DESTDIR)$(MANPREFIX)/man1/pemetrics.1 \
		$(DESTDIR)$(MANPREFIX)/man5/pemetrics.5
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build pemetrics $(DEMO)

.PHONY: FORCE all deps deps-test deps-bench deps-fuzz check test unit-run cli-run cli-pg-run pg-run valgrind-run demo bench install uninstall clean

# --- fuzzing (issue 7) ---
# make fuzz [FUZZ_SECONDS=60] [FUZZ_FLAGS=...]
#   clang + libFuzzer + ASan + UBSan: builds tests/fuzz/fuzz_{ingest,parse}
#   from the sources (not from gcc's libpm.a) into build/fuzz/ and runs each
#   for FUZZ_SECONDS from a copy of its seed corpus in build/fuzz/corpus-*,
#   where new finds are kept; crashes land in build/fuzz/TARGET-crash-*.
# make fuzz-replay
#   gcc + the "make test" sanitizer build, batches of 16 rows as in the
#   fuzzing (the target's setting): replays tests/fuzz/corpus/* (the seeds and every crash
#   found so far) through both targets.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS ?=
FUZZ_TARGETS = ingest parse
FUZZ_DIR = build/fuzz
FUZZ_SAN = -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS = -std=c11 $(WARN) -g -O1 -fno-omit-frame-pointer $(FUZZ_SAN)
FUZZ_LIB_SRC = $(sort $(wildcard src/util/*.c src/core/*.c))
FUZZ_LIB_OBJ = $(FUZZ_LIB_SRC:%.c=$(FUZZ_DIR)/%.o)

$(FUZZ_DIR)/src/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(PM_CPPFLAGS) $(CPPFLAGS) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_DIR)/libpm-fuzz.a: $(FUZZ_LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(FUZZ_LIB_OBJ)

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_DIR)/libpm-fuzz.a
	$(FUZZ_CC) $(PM_CPPFLAGS) $(CPPFLAGS) $(FUZZ_CFLAGS) -o $@ $< \
		$(FUZZ_DIR)/libpm-fuzz.a $(PM_LIBS)

-include $(FUZZ_LIB_OBJ:.o=.d)

# Both targets run even when the first finds a crash; make fails after.
fuzz: deps-fuzz
fuzz: $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)
	@rc=0; for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_DIR)/corpus-$$t || exit 1; \
		cp -p tests/fuzz/corpus/$$t/* $(FUZZ_DIR)/corpus-$$t/ || exit 1; \
		dict=; [ -f tests/fuzz/$$t.dict ] && dict=-dict=tests/fuzz/$$t.dict; \
		echo "== fuzz_$$t for $(FUZZ_SECONDS) s"; \
		$(FUZZ_DIR)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
			-max_len=65536 -timeout=10 -print_final_stats=1 \
			-artifact_prefix=$(FUZZ_DIR)/$$t- $$dict $(FUZZ_FLAGS) \
			$(FUZZ_DIR)/corpus-$$t || rc=1; \
	done; exit $$rc

# In make test's sanitizer build (the fuzz target stores in batches of 16
# rows, a run-time setting, so that an input that failed in the runs and
# the merge fails there again).
fuzz-replay:
	$(MAKE) BUILD=build/asan BIN=build/asan/pemetrics WERROR=-Werror \
		CFLAGS="$(SANFLAGS)" LDFLAGS="$(SANFLAGS)" fuzz-replay-run

# Under the variables of the build it runs in (make test: build/asan).
fuzz-replay-run: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/replay_%)
	@for t in $(FUZZ_TARGETS); do \
		printf 'replay %s: ' $$t; \
		$(BUILD)/fuzz/replay_$$t tests/fuzz/corpus/$$t || exit 1; \
	done

$(BUILD)/fuzz/replay_%: tests/fuzz/replay.c tests/fuzz/fuzz_%.c $(BUILD)/libpm.a
	@mkdir -p $(@D)
	$(CC) $(PM_CPPFLAGS) $(CPPFLAGS) $(PM_CFLAGS) $(LDFLAGS) -o $@ \
		tests/fuzz/replay.c tests/fuzz/fuzz_$*.c $(BUILD)/libpm.a $(PM_LIBS)

.PHONY: fuzz fuzz-replay fuzz-replay-run
# --- end fuzzing ---
