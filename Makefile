# IPP Services: build, test, run. `make test` and `make run` start by installing, idempotently,
# what a fresh Debian 12 machine lacks (scripts/install-deps.sh).

SWIFT ?= swift
FUZZ_SECONDS ?= 300
FUZZ_SMOKE_SECONDS ?= 20
FUZZ_DIR := .build-fuzz
SWIFT_FEATURES := -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility \
  -enable-upcoming-feature InternalImportsByDefault

.PHONY: deps build test run fuzz fuzz-smoke format lint clean

deps:
	./scripts/install-deps.sh

build: deps
	$(SWIFT) build

# Suites that load the whole machine run after the rest, on their own, so that the others' bounds
# on waiting (a connect, a deadline) never meet a machine these keep busy.
ALONE_SUITES := IntakeUnderLoadTests|EndToEndTests|KillNineTests|WebBrowserTests

## Builds everything, runs every test, then fuzzes the decoder briefly.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip '$(ALONE_SUITES)'
	$(SWIFT) test --filter '$(ALONE_SUITES)'
	$(MAKE) fuzz-smoke

## Builds and runs the four services in the foreground (state under ./var; Ctrl-C stops them).
run: deps
	./scripts/run-local.sh

$(FUZZ_DIR)/fuzz-cbor: $(wildcard Shared/CBOR/*.swift Shared/MessageFraming/*.swift Tests/Fuzz/*.swift)
	mkdir -p $(FUZZ_DIR)
	swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name CBORFuzz $(SWIFT_FEATURES) \
	  Shared/CBOR/*.swift Shared/MessageFraming/*.swift Tests/Fuzz/FuzzTarget.swift -o $@ \
	  2> $(FUZZ_DIR)/build.log || { cat $(FUZZ_DIR)/build.log; exit 1; }

$(FUZZ_DIR)/corpus: Tests/Fuzz/seeds
	mkdir -p $@
	cp Tests/Fuzz/seeds/* $@/

## Fuzzes the CBOR decoder and the frame reader for FUZZ_SECONDS (default 300).
fuzz: $(FUZZ_DIR)/fuzz-cbor $(FUZZ_DIR)/corpus
	$(FUZZ_DIR)/fuzz-cbor -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -print_final_stats=1 \
	  -artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/corpus

fuzz-smoke:
	$(MAKE) fuzz FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS)

FORMATTED := Package.swift Shared Services Tests Benchmarks/Package.swift Benchmarks/Sources Benchmarks/Benchmarks

format:
	$(SWIFT) format --in-place --recursive $(FORMATTED)

lint:
	$(SWIFT) format lint --recursive $(FORMATTED)

clean:
	rm -rf .build $(FUZZ_DIR)
