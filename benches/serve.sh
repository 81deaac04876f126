#!/usr/bin/env bash
# Live-reload benchmark: serves a generated corpus with `spodeli serve` and measures, in headless
# Chromium, the time from saving an entry to the open page showing the change (benches/serve.js),
# and the server's time from the end of a burst of saves to the new pages being served (its log;
# the feeds and search index follow).
#
#   benches/serve.sh [ENTRIES...]   default: 1000 10000
#
# Environment: RUNS (edits per size, default 15), WORK (default /tmp/spodeli-bench) holds corpora,
# PAUSE (ms between edits, default 1000: the feeds and search index of an edit are rebuilt after
# its pages; at 10,000 entries that takes about a second more).
# Each run edits the summary of one practice and waits for the page to reload.
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/common.sh
sizes=("${@:-1000}")
[ $# -eq 0 ] && sizes=(1000 10000)
runs=${RUNS:-15}
work=${WORK:-/tmp/spodeli-bench}
mkdir -p "$work"
cargo build --release --quiet --bin spodeli --example gen-corpus
[ -d tests/browser/node_modules ] || (cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
for n in "${sizes[@]}"; do
  corpus=$(corpus "$n")
  log=$(mktemp)
  target/release/spodeli serve --root "$corpus" --port 0 >"$log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null' EXIT
  until url=$(grep -o 'http://[^ ]*' "$log"); do sleep 0.2; done
  node benches/serve.js "$url" "$corpus/content/practices/practice-1.bg.md" "$runs" "$n"
  kill $server; wait $server 2>/dev/null || true
  grep -o 'rebuilt in [0-9]* ms' "$log" | awk '{print $3}' | sort -n |
    awk -v n="$n" '{a[NR]=$1} END {printf "%s entries: server: end of a burst of saves → new pages served, median %d ms (min %d, max %d) over %d rebuilds\n", n, a[int((NR+1)/2)], a[1], a[NR], NR}'
  rm -f "$log"
done
