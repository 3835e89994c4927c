# Commonplace. `make run` sets up what is missing, builds and opens the app
# on the default notebook; `make test` runs vet, staticcheck, the tests
# (with -race) and a smoke test of the real binary under Xvfb.

GO       ?= go
BIN      := bin/commonplace
TAGS     := migrated_fynedo
export LANG := en_US.UTF-8

.PHONY: run build deps test vet unit smoke bench fuzz torture clean

run: build
	./$(BIN)

build: deps
	$(GO) build -tags $(TAGS) -o $(BIN) .

deps:
	@./.ci/deps

test: vet unit smoke

# staticcheck is a Go tool of this module (go.mod's tool line): the module
# proxy serves it, at the version go.mod pins.
vet:
	@./.ci/deps --test
	$(GO) vet -tags $(TAGS) ./...
	$(GO) tool staticcheck -tags $(TAGS) ./...
	@test -z "$$(gofmt -l .)" || { echo "not gofmt-formatted:"; gofmt -l .; exit 1; }

unit:
	$(GO) test -race -tags $(TAGS) ./...

smoke: build
	./.ci/smoke $(BIN)

# Benchmarks on generated notebooks (see docs/BENCHMARKS.md); slow.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./storage/... ./widgets/...

# Kill the command line with SIGKILL at random instants across every write
# command, TORTURE_KILLS times, opening the notebook after each kill, and
# print what survived: acknowledged writes lost and corrupted, opens that
# failed (all must be 0). `make test` runs a short version (40 kills,
# app/cli/torture_test.go); this one takes minutes.
TORTURE_KILLS ?= 1000
torture:
	COMMONPLACE_TORTURE_KILLS=$(TORTURE_KILLS) $(GO) test -tags $(TAGS) -run '^TestTorture$$' -count=1 -v -timeout 60m ./app/cli

# Each fuzz target for FUZZTIME (default 30s). Minimising each new input
# may take a minute by default, which would eat the whole run.
FUZZTIME ?= 30s
fuzz:
	@for pkg in ./storage/anchor ./storage/importer ./storage/library ./storage/csl ./storage/textnorm ./storage/bundle ./storage/bundle/markdown ./storage/bundle/webanno ./app/search ./app/suggest; do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 1s $$pkg || exit 1; \
		done; \
	done

clean:
	rm -rf bin
