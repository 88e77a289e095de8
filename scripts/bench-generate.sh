#!/usr/bin/env bash
# bench-generate.sh times `topgen generate` the way a user runs it: the
# built binary, a topgen.yaml whose source is the whole TOP corpus as one
# flat folder of docs, and every stage (scrape, patches, spec YAML, Go,
# plan, write). It reports wall time and peak RSS (/usr/bin/time -v) for:
#
#   cold      empty specs/ and output/: everything scraped, generated, written
#   no-op     the same run again: nothing changed, nothing written
#   one-doc   one doc's description edited: one spec and one Go file change
#   group     the tbk group alone (45 APIs), cold, then no-op
#
# Usage: scripts/bench-generate.sh [-n RUNS]
#   -n RUNS   repeat each measurement (default 3) and print every run
# CPU profiles of the same runs come from the Go benchmark that calls the
# CLI's entry point, e.g.
#   go test -run '^$' -bench 'GenerateCorpus/cold' -benchtime 1x -cpuprofile cold.prof ./cmd/topgen
# The corpus is taken from $TOPGEN_CORPUS (default ../shared/corpus/top-json
# beside the repository); it is copied, never modified. The cache of the
# incremental runs lives in a temporary TOPGEN_CACHE, removed with the
# output before every cold run. The first no-op after a run that wrote
# everything reads every output once (files changed within 2 s of a run are
# never trusted by their stamp); the later ones go by the stamps.
set -euo pipefail
runs=3
while [ $# -gt 0 ]; do
	case $1 in
	-n) runs=$2; shift 2 ;;
	*) echo "usage: $0 [-n RUNS]" >&2; exit 2 ;;
	esac
done
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${TOPGEN_CORPUS:-$root/../shared/corpus/top-json}
if [ ! -d "$corpus" ]; then
	echo "corpus not found at $corpus (set TOPGEN_CORPUS)" >&2
	exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && go build -o "$work/topgen" ./cmd/topgen)
export TOPGEN_CACHE=$work/cache

# project DIR GLOB: a topgen.yaml whose one source is a flat folder of the
# corpus docs matching GLOB (catelog.json indexes and the two nameless stub
# docs excluded, as in the issue: 4,885 docs for the whole corpus).
project() {
	mkdir -p "$1/pages"
	find "$corpus" -path "$corpus/$2" -name '*.json' ! -name catelog.json ! -name '.*' -exec cp -t "$1/pages" {} +
	printf 'sources: [pages]\nspecs: specs\noutput: gen\nimport_path: example.com/catalog/gen\n' >"$1/topgen.yaml"
}

# measure LABEL DIR [PREPARE]: run generate RUNS times (PREPARE before each
# run) and print wall time and peak RSS of each.
measure() {
	local label=$1 dir=$2 prepare=${3:-true} i
	for i in $(seq "$runs"); do
		$prepare "$dir"
		/usr/bin/time -f '%e %M %U %S' -o "$work/time" "$work/topgen" generate -config "$dir/topgen.yaml" >"$work/out" 2>"$work/err" || {
			cat "$work/err" >&2
			exit 1
		}
		read -r wall rss user sys <"$work/time"
		printf '%-8s run %d: %6.2f s wall  %5d MB peak RSS  (%s s user, %s s sys; %d files written)\n' \
			"$label" "$i" "$wall" $((rss / 1024)) "$user" "$sys" "$(grep -c '^wrote ' "$work/out" || true)"
	done
}
clean() { rm -rf "$1/specs" "$1/gen" "$TOPGEN_CACHE"; }
noop() { :; }
editdoc() {
	# Alternate between two edits so every run changes exactly one doc.
	local f=$1/pages/taobao_tbk_coupon_get.json
	if grep -q '"description": "商品ID"' "$f"; then
		sed -i '0,/"description": "商品ID"/s//"description": "商品ID（改）"/' "$f"
	else
		sed -i '0,/"description": "商品ID（改）"/s//"description": "商品ID"/' "$f"
	fi
}

project "$work/all" '*'
project "$work/tbk" 'tbk/*'
echo "docs: $(ls "$work/all/pages" | wc -l) (whole corpus), $(ls "$work/tbk/pages" | wc -l) (tbk); GOMAXPROCS=${GOMAXPROCS:-$(nproc)}"
measure cold "$work/all" clean
measure no-op "$work/all" noop
measure one-doc "$work/all" editdoc
measure group "$work/tbk" clean
measure group-noop "$work/tbk" noop
