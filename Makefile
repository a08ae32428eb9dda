# TownLedger — `make run` opens the window, `make test` runs every test.
# Both install the Debian packages they need first (build/deps.sh is idempotent).

SHELL   := /bin/bash
TAGS    := migrated_fynedo
BIN     := dist/townledger
export LANG := zh_CN.UTF-8

.PHONY: run build test testdeps check unit smoke windows wine release bench deps screenshot clean

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

bench:
	go test -tags ci,$(TAGS) -run '^$$' -bench . -benchmem ./...

# Screenshots for the README, taken as a PC without CJK fonts shows the window.
screenshot: build
	build/screenshot.sh $(BIN) docs/wizard.png wizard
	@build/deps.sh wine
	$(MAKE) windows
	SHOT=docs/windows.png build/wine/smoke.sh dist/TownLedger.exe dist/townledger.exe $(BIN)
	build/screenshot.sh $(BIN) docs/home.png
	build/screenshot.sh $(BIN) docs/enterprises.png 80:181
	build/screenshot.sh $(BIN) docs/cases.png 80:143
	build/screenshot.sh $(BIN) docs/case.png 80:143 600:270
	build/screenshot.sh $(BIN) docs/hours.png 80:219 1022:73
	build/screenshot.sh $(BIN) docs/activities.png 80:296 985:112
	SHOT_PREP="export --period $$(date -d '-1 month' +%Y-%m)" build/screenshot.sh $(BIN) docs/exports.png 80:334
	build/screenshot.sh $(BIN) docs/mail.png 80:373 700:73

clean:
	rm -rf dist
