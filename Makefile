# dotwork: build, run and test. `make run` and `make test` are the two set-up commands.

SWIFT      ?= swift
PREFIX     ?= /usr/local
BINDIR      = $(PREFIX)/bin
SHAREDIR    = $(PREFIX)/share/dotwork
# The warehouse that `make run` opens; it is created when missing.
RUN_DB     ?= $(CURDIR)/.sample/warehouse.db
RELEASE_BIN = .build/release/dotwork

APT_PACKAGES = libncurses-dev libsqlite3-dev libssl-dev pkg-config sqlite3 tmux

.PHONY: all deps build run test install clean

all: build

# Installs the system libraries and tools that the build and the tests need.
deps:
	@if [ "$$(id -u)" = 0 ]; then \
		missing=""; \
		for package in $(APT_PACKAGES); do \
			dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
		done; \
		if [ -n "$$missing" ]; then \
			echo "installing:$$missing"; \
			apt-get update -q && apt-get install -y -q $$missing; \
		else \
			echo "all packages present: $(APT_PACKAGES)"; \
		fi; \
	else \
		echo "run as root, or run this command:"; \
		echo "  sudo apt-get install -y $(APT_PACKAGES)"; \
	fi

build:
	$(SWIFT) build -c release

run: build
	@if [ ! -f "$(RUN_DB)" ]; then $(RELEASE_BIN) --db "$(RUN_DB)" init; fi
	$(RELEASE_BIN) --db "$(RUN_DB)" stats
	$(RELEASE_BIN) --db "$(RUN_DB)"

# The end-to-end tests drive the debug binary, so it is built first.
test:
	$(SWIFT) build
	LANG=C.UTF-8 $(SWIFT) test

install: build
	install -d "$(DESTDIR)$(BINDIR)"
	install -m 755 $(RELEASE_BIN) "$(DESTDIR)$(BINDIR)/dotwork"
	@if [ -d Themes ]; then \
		install -d "$(DESTDIR)$(SHAREDIR)/themes"; \
		cp -R Themes/. "$(DESTDIR)$(SHAREDIR)/themes/"; \
	fi

clean:
	rm -rf .build .sample
