# Engage — make site (build the sample site into site/) and make test (run every test).
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: site test build theme deps clean

site: build
	.build/release/engage build --source . --output site

build: deps
	$(SWIFT) build -c release --product engage

test: deps
	$(SWIFT) test

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
