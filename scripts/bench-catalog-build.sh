#!/usr/bin/env bash
# bench-catalog-build.sh generates the whole TOP corpus with this checkout's
# topgen into a throwaway module, then reports the generated Go's size and
# the time of a cold `go build ./...` (empty GOCACHE): what a team that
# generates the catalogue pays on a fresh CI machine.
#
# Usage: scripts/bench-catalog-build.sh [REPO]
#   REPO   the topgen checkout to measure (default: this one), e.g. a git
#          worktree at an older commit, to compare on the same machine.
# The corpus is taken from $TOPGEN_CORPUS (default ../shared/corpus/top-json
# beside this repository); it is copied, never modified. The module needs
# topgen's own dependencies from the module cache or proxy.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
repo=$(cd "${1:-$root}" && pwd)
corpus=${TOPGEN_CORPUS:-$root/../shared/corpus/top-json}
if [ ! -d "$corpus" ]; then
	echo "corpus not found at $corpus (set TOPGEN_CORPUS)" >&2
	exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/pages"
# catelog.json indexes and the two nameless stub docs (hidden files) left out
find "$corpus" -name '*.json' ! -name catelog.json ! -name '.*' -exec cp -t "$out/pages" {} +
printf 'sources: [pages]\nspecs: specs\noutput: gen\nimport_path: example.com/catalog/gen\n' >"$out/topgen.yaml"
printf 'module example.com/catalog\n\ngo 1.25.0\n\nrequire github.com/opentop/topgen v0.0.0\n\nreplace github.com/opentop/topgen => %s\n' "$repo" >"$out/go.mod"
cp "$repo/go.sum" "$out/go.sum"
(cd "$repo" && go build -o "$out/topgen" ./cmd/topgen)
cd "$out"
TOPGEN_CACHE=off ./topgen generate -config topgen.yaml >/dev/null 2>gen.err || {
	tail gen.err >&2
	exit 1
}
GOFLAGS=-mod=mod go list ./... >/dev/null
all=$(find gen -name '*.go' -printf '%s\n' | awk '{s+=$1} END {print s}')
code=$(find gen -name '*.go' ! -name '*_test.go' -printf '%s\n' | awk '{s+=$1} END {print s}')
echo "generated: $(find gen -name '*.go' | wc -l) Go files, $all bytes ($code without tests), du $(du -sh gen | cut -f1)"
export GOCACHE=$out/gocache
/usr/bin/time -f 'cold go build ./...: %e s wall, %U s user, %S s sys, %M KB peak RSS' go build ./...
