# TownLedger — `make run` opens the window, `make test` runs every test.
# Both install the Debian packages they need first (build/deps.sh is idempotent).

SHELL   := /bin/bash
TAGS    := migrated_fynedo,no_emoji
BIN     := dist/townledger
export LANG := zh_CN.UTF-8

.PHONY: run build test testdeps check unit smoke windows wine release bench deps screenshot clean torture

deps:
	@build/deps.sh gui headless windows

build: deps
	go build -tags $(TAGS) -o $(BIN) .

# Opens the window on the default database (TOWNLEDGER_DB or --db via ARGS to override).
run: build
	./$(BIN) $(ARGS)

# Every test: format and vet, unit and UI tests (Fyne's test driver, no display), the real
# Linux binary driven under Xvfb, the Windows programs, installer and zip, and both run
# under Wine (the programs as a new user meets them; install, upgrade, uninstall).
test: deps testdeps check unit build smoke windows wine

# Dovecot (the tests start their own IMAP server) and LibreOffice (opens the report workbook).
testdeps:
	@build/deps.sh mail office

check:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "not gofmt-formatted: $$unformatted"; exit 1; fi
	go vet -tags ci,$(TAGS) ./...

unit: testdeps
	go test -tags ci,$(TAGS) -count=1 ./...

smoke: build
	build/smoke.sh $(BIN)

# dist/TownLedger.exe (window), dist/townledger.exe (command line), the installer and the zip.
windows: deps
	build/windows.sh
	build/package.sh

# The Windows pieces under Wine on fresh prefixes with no CJK font (build/wine/).
wine: windows build
	@build/deps.sh wine
	build/wine/smoke.sh dist/TownLedger.exe dist/townledger.exe $(BIN)
	build/wine/installer-test.sh

# The downloads as published: the installer LZMA-compressed (about a minute, 14 MB not 33).
release: deps
	build/windows.sh
	PACKAGE_COMPRESSION=lzma build/package.sh

# SIGKILLs the real program at least 50 times across import, demo, export, backup and restore
# and checks the ledger after each kill; prints a table of kills per command (build/torture.sh).
torture: build
	build/torture.sh $(BIN)

# The benchmarks of issue 16 and one table of its targets, measured, met or not: the Go
# benchmarks, a generated S=100 ledger with 100,000 cases, the window under Xvfb (build/bench.sh).
bench: build
	build/bench.sh $(BIN)

# Screenshots for the README, taken as a PC without CJK fonts shows the window: each screen at
# an office laptop's usable 1366x700 (docs/) and at 1920x1080 (docs/wide/). A negative X
# counts from the window's right edge.
SHOTS := \
	home: \
	cases:50:143 \
	case:50:143,c300:267 \
	document:50:143,c300:267,p54:309 \
	filing:50:143,-42:73 \
	enterprises:50:181 \
	session:50:219,-56:73 \
	hours:50:219,-158:73 \
	staff:50:258 \
	activities:50:296 \
	publicity-stats:50:296,-191:73 \
	exports:50:334 \
	rules:50:373,c420:72 \
	calendar:50:373,c524:72 \
	disclosure:50:373,c697:72 \
	mail:50:373,c772:72 \
	packages:50:373,c855:72 \
	data:50:373,c938:72 \
	doctexts:50:373,c1010:72
# District mode: a bureau's ledger (init --bureau) opens on 辖区乡镇; a click picks another section.
DISTRICT_SHOTS := \
	district-towns:50:67 \
	district-inbox:50:106 \
	district-status:50:145 \
	district-consolidate:50:181 \
	district-annual:50:219
screenshot: build
	build/screenshot.sh $(BIN) docs/wizard.png wizard
	SHOT_SIZE=1920x1080 build/screenshot.sh $(BIN) docs/wide/wizard.png wizard
	@for shot in $(SHOTS); do \
	  name=$${shot%%:*}; clicks=$$(echo "$${shot#*:}" | tr ',' ' '); \
	  prep=""; [ "$$name" = exports ] && prep="export --period $$(date -d '-1 month' +%Y-%m)"; \
	  SHOT_PREP="$$prep" build/screenshot.sh $(BIN) docs/$$name.png $$clicks || exit 1; \
	  SHOT_PREP="$$prep" SHOT_SIZE=1920x1080 build/screenshot.sh $(BIN) docs/wide/$$name.png $$clicks || exit 1; \
	done
	@for shot in $(DISTRICT_SHOTS); do \
	  name=$${shot%%:*}; clicks=$$(echo "$${shot#*:}" | tr ',' ' '); \
	  SHOT_DISTRICT=1 build/screenshot.sh $(BIN) docs/$$name.png $$clicks || exit 1; \
	  SHOT_DISTRICT=1 SHOT_SIZE=1920x1080 build/screenshot.sh $(BIN) docs/wide/$$name.png $$clicks || exit 1; \
	done
	@build/deps.sh wine
	$(MAKE) windows
	SHOT=docs/windows.png build/wine/smoke.sh dist/TownLedger.exe dist/townledger.exe $(BIN)

clean:
	rm -rf dist
