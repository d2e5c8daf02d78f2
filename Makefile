# dotwork: build, run and test. `make run` and `make test` are the two set-up commands.

SWIFT      ?= swift
PREFIX     ?= /usr/local
BINDIR      = $(PREFIX)/bin
SHAREDIR    = $(PREFIX)/share/dotwork
# The warehouse that `make run` opens; `make sample` (or `make run` when it is missing)
# fills it with a sample of SAMPLE_CUSTOMERS customers, which builds in a few seconds.
RUN_DB     ?= $(CURDIR)/.sample/warehouse.db
SAMPLE_CUSTOMERS ?= 20000
RELEASE_BIN = .build/release/dotwork

# openssh-server and openssh-client serve the end-to-end test that drives the workbench over ssh.
APT_PACKAGES = libncurses-dev libsqlite3-dev libssl-dev pkg-config sqlite3 tmux openssh-server openssh-client

.PHONY: all deps build run sample sample-data test bench bench-check install clean

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
	@if [ ! -f "$(RUN_DB)" ]; then $(RELEASE_BIN) --db "$(RUN_DB)" sample --customers $(SAMPLE_CUSTOMERS); fi
	$(RELEASE_BIN) --db "$(RUN_DB)" stats
	$(RELEASE_BIN) --db "$(RUN_DB)"

# Builds (or rebuilds) the sample warehouse that `make run` opens.
sample: build
	$(RELEASE_BIN) --db "$(RUN_DB)" sample --customers $(SAMPLE_CUSTOMERS) --replace

# Regenerates the committed SampleData/ files; a test checks them byte for byte.
sample-data: build
	$(RELEASE_BIN) sample --customers 2000 --seed 1 --csv SampleData

# The end-to-end tests drive the debug binary, so it is built first.
test:
	$(SWIFT) build
	LANG=C.UTF-8 $(SWIFT) test

# Measures every speed budget at full scale and writes docs/benchmarks.md. The full-scale
# warehouse is cached outside the repository (see scripts/bench); a run takes about half an hour.
bench: build
	python3 scripts/bench run

# Fails when a median recorded by `make bench` misses its budget.
bench-check:
	python3 scripts/bench check

install: build
	install -d "$(DESTDIR)$(BINDIR)"
	install -m 755 $(RELEASE_BIN) "$(DESTDIR)$(BINDIR)/dotwork"
	@if [ -d Themes ]; then \
		install -d "$(DESTDIR)$(SHAREDIR)/themes"; \
		cp -R Themes/. "$(DESTDIR)$(SHAREDIR)/themes/"; \
	fi

clean:
	rm -rf .build .sample
