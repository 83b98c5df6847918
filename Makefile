# Engage — make site (build the sample site into site/), make test (run every test) and
# make browser-test (the sample site in headless Chromium; needs a browser, installs one).
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: site test browser-test build theme deps clean

site: build
	.build/release/engage build --source . --output site

build: deps
	$(SWIFT) build -c release --product engage

# The serve tests start `engage serve` processes and wait for them to answer; on a two-core
# machine, run beside the rest of the suite (which keeps both cores busy with whole-site builds
# for minutes), such a process has been seen to stop after its first build. They run on their
# own, after the rest: every test still runs (docs/performance.md, "Round 5").
SERVE_TESTS = ServeCLITests|ServeHTTPTests|ServeLiveTests|ServeUnitTests|ServeFirstStepFailureTests

test: deps
	$(SWIFT) test --skip '$(SERVE_TESTS)'
	$(SWIFT) test --filter '$(SERVE_TESTS)'

# Tests/browser/: the sample site built for file:// and for a sub-path, every page opened in
# headless Chromium (console errors, failed requests, links, axe-core, no sideways scroll).
# Separate from `make test`, which needs no browser. scripts/browser-deps.sh installs Debian's
# chromium and chromium-driver and the pinned PyPI packages when they are missing.
PYTHON ?= python3
browser-test: deps
	@PYTHON=$(PYTHON) bash scripts/browser-deps.sh
	$(SWIFT) build --product engage
	ENGAGE_BIN="$$($(SWIFT) build --show-bin-path)/engage" $(PYTHON) -m pytest Tests/browser

# The default theme is compiled into the binary: Sources/EngageRender/Theme/DefaultTheme.swift is
# generated from templates/ by this target and committed; a test fails when the two differ.
theme:
	@bash scripts/embed-templates.sh

# libcmark-dev (Markdown) and pkg-config are the only system packages Engage needs.
deps:
	@if ! pkg-config --exists libcmark 2>/dev/null || [ ! -f /usr/include/cmark.h ]; then \
		echo "Installing libcmark-dev (CommonMark C library)…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libcmark-dev pkg-config; \
	fi

clean:
	rm -rf .build site .site.engage-next .site.engage-lock
