# qlat top-level Makefile. The two commands a new machine needs:
#   make demo   set up, build, boot the VM and run the demo SAN
#   make test   set up, build, lint, unit tests, integration tests in the VM
SHELL := /bin/bash
.DEFAULT_GOAL := help

REPO  := $(CURDIR)
BUILD ?= $(REPO)/build
KVER  ?= $(shell $(REPO)/scripts/kver 2>/dev/null)
KDIR  ?= /lib/modules/$(KVER)/build
JOBS  ?= $(shell nproc)
CMAKE_BUILD_TYPE ?= RelWithDebInfo
FUZZ_TIME ?= 180

export QLAT_BUILD := $(BUILD)

.PHONY: help setup modules tools lint test test-debug fuzz demo install bench-datapath bench-qd1 bench-restore bench-big-tree clean

help:
	@echo "make demo     set up, build and run the demo SAN in a VM"
	@echo "make test     set up, build and run every test (ends with 'N passed, N failed')"
	@echo "make setup    install the Debian packages qlat needs (scripts/packages.txt)"
	@echo "make modules  build qla2xxx.ko, qla2xxx_emu.ko and tcm_qla2xxx.ko against KDIR ($(KDIR))"
	@echo "make tools    build admin-gui (core library, qlatctl, qlat-admin, unit tests)"
	@echo "make lint     checkpatch --strict, sparse, boundary, clang-format, clang-tidy (after make tools)"
	@echo "make test-debug  the integration tests on a KASAN/lockdep/kmemleak kernel (long; see README)"
	@echo "make fuzz     build the libFuzzer targets with clang, run each FUZZ_TIME s (default $(FUZZ_TIME))"
	@echo "make install  install qlatctl, the boot restore unit and the modules (scripts/install)"

setup:
	@$(REPO)/scripts/setup

modules:
	@test -n "$(KVER)" || { echo "no Debian 6.1 kernel found: run 'make setup'" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(REPO)/kernel -j$(JOBS) modules

tools:
	cmake -S $(REPO)/admin-gui -B $(BUILD)/tools -DCMAKE_BUILD_TYPE=$(CMAKE_BUILD_TYPE) >/dev/null
	cmake --build $(BUILD)/tools -j$(JOBS)
	cmake -S $(REPO)/admin-gui -B $(BUILD)/tools-asan -DCMAKE_BUILD_TYPE=Debug -DQLAT_SANITIZE=ON >/dev/null
	cmake --build $(BUILD)/tools-asan -j$(JOBS)

lint:
	@$(REPO)/tests/lint/all

test: setup
	@$(REPO)/tests/run-all

# Not part of make test: builds a debug kernel once (about 25 minutes), then runs the
# integration tests on it, several times slower than make test.
test-debug: setup
	@$(REPO)/tests/run-all --debug-kernel

# Not part of make test: minutes per target. Corpora stay in $(BUILD)/fuzz/corpus.
fuzz: setup
	@FUZZ_TIME=$(FUZZ_TIME) JOBS=$(JOBS) $(REPO)/tests/fuzz/run

# Recursive, so that KVER is found after setup has installed the kernel.
demo: setup
	@$(MAKE) --no-print-directory modules
	@$(REPO)/tests/vm/run --timeout 600 $(REPO)/demo/demo.sh

install: modules tools
	@$(REPO)/scripts/install

bench-datapath: setup
	@$(REPO)/bench/datapath

bench-qd1: setup
	@$(REPO)/bench/qd1-breakdown

bench-restore: setup
	@$(MAKE) --no-print-directory modules tools
	@$(REPO)/bench/restore/run

bench-big-tree: setup
	@$(MAKE) --no-print-directory modules tools
	@$(REPO)/bench/big-tree/run

clean:
	-$(MAKE) -C $(KDIR) M=$(REPO)/kernel clean
	rm -rf $(BUILD)
