#!/usr/bin/env bash
# check-rendered-catalog.sh runs the whole TOP catalogue through topgen as
# text pages, the weakest input, the way a user would: every corpus doc is
# rendered as a text page with invented demo values and examples (the
# rendering of TestCorpusTextPages), `topgen generate` scrapes the pages
# into specs and Go, and the generated clients' own tests run: each
# decodes its page's XML response example to the literal the generator read
# from it, builds the request from the page's Java example, and walks pages
# against the fake gateway; and each example request goes to topgen's mock
# gateway, whose checks of the doc's types and limits are written apart from
# the client's (scripts/mockcheck). It takes about 10 minutes on 2 cores, so
# CI does not run it; run it after changing the text reader, the generator,
# the runtime or the mock.
#
# Usage: scripts/check-rendered-catalog.sh
# The corpus is the one the tests use: ../shared/corpus/top-json beside
# this repository. Exit status: go test's; its output is printed but for
# the lines of passing packages.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -d "$root/../shared/corpus/top-json" ]; then
	echo "corpus not found at $root/../shared/corpus/top-json" >&2
	exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && TOPGEN_EXPORT_PAGES=$work/pages go test -count=1 -run '^TestExportRenderedPages$' ./scraper >/dev/null)
(cd "$root" && go build -o "$work/topgen" ./cmd/topgen)
printf 'sources: [pages]\nspecs: specs\noutput: gen\nimport_path: example.com/rendered/gen\n' >"$work/topgen.yaml"
printf 'module example.com/rendered\n\ngo 1.25.0\n\nrequire github.com/opentop/topgen v0.0.0\n\nreplace github.com/opentop/topgen => %s\n' "$root" >"$work/go.mod"
cp "$root/go.sum" "$work/go.sum"
cd "$work"
echo "pages: $(ls pages | wc -l)"
TOPGEN_CACHE=off ./topgen generate -config topgen.yaml >/dev/null
echo "generated: $(find gen -name '*.go' | wc -l) Go files in $(ls gen | wc -l) packages, $(grep -rh '^func Test' gen | wc -l) test functions"
# One more test per package: every example request, sent with top.Do to
# the mock gateway loaded with its spec (scripts/mockcheck).
(cd "$root" && go run ./scripts/mockcheck/main.go "$work/gen" "$work/specs")
# -mod=mod: go.mod gains the requirements the generated code, its tests and
# the mock checks import.
rc=0
GOFLAGS=-mod=mod go test -vet=off ./... >test.out 2>&1 || rc=$?
grep -v '^ok  ' test.out || true
echo "packages passing: $(grep -c '^ok  ' test.out || true) of $(ls gen | wc -l)"
exit $rc
