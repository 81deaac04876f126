#!/usr/bin/env bash
# Search benchmark: builds a generated corpus for offline browsing and measures, in headless
# Chromium over file://, the time to first results, the index bytes the first query loads, and
# warm query latency (benches/search.js), plus the index size per language (raw and gzip).
#
#   benches/search.sh [ENTRIES]     default 10000; WORK (default /tmp/spodeli-bench) holds corpora
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/common.sh
n=${1:-10000}
work=${WORK:-/tmp/spodeli-bench}
mkdir -p "$work"
cargo build --release --quiet --bin spodeli --example gen-corpus
corpus=$(corpus "$n")
out="$work/offline-$n"
target/release/spodeli build --offline --root "$corpus" --out "$out" >/dev/null 2>&1
[ -d tests/browser/node_modules ] || (cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
site_bytes=$(find "$out" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
for lang in bg en; do
  raw=$(cat "$out/search/$lang"/*.js | wc -c)
  gz=$(for f in "$out/search/$lang"/*.js; do gzip -c "$f" | wc -c; done | awk '{s += $1} END {print s}')
  echo "index $lang: $raw bytes raw, $gz gzip, $(ls "$out/search/$lang" | wc -l) files, $(awk "BEGIN {printf \"%.1f\", 100 * $raw / $site_bytes}")% of the site's $site_bytes bytes"
  node benches/search.js "$out" "$lang"
done
