#!/usr/bin/env bash
# Benchmark `spodeli build` on generated corpora.
#
#   benches/build.sh [ENTRIES...]        default: 1000 10000
#
# Environment: RUNS (default 5), WORK (default /tmp/spodeli-bench; put it on the disk you care
# about — a tmpfs such as /dev/shm measures the builder without the file system).
# For each size: median wall time of `spodeli build` over RUNS runs (each replacing the previous
# output, as a real rebuild does), peak RSS, HTML pages written and output bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/common.sh
sizes=("${@:-1000}")
[ $# -eq 0 ] && sizes=(1000 10000)
runs=${RUNS:-5}
work=${WORK:-/tmp/spodeli-bench}
mkdir -p "$work"
cargo build --release --quiet --bin spodeli --example gen-corpus
bin=target/release/spodeli
printf '%-8s %-10s %-12s %-8s %-10s\n' entries wall_s peak_rss_mb pages output_mb
for n in "${sizes[@]}"; do
  corpus=$(corpus "$n")
  out="$work/out-$n"
  walls=(); rss=()
  for _ in $(seq "$runs"); do
    log=$( { /usr/bin/time -v "$bin" build --root "$corpus" --out "$out" 2>&1 >/dev/null; } 2>&1 )
    walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); print (length(t) == 3 ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2])}' <<<"$log")")
    rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' <<<"$log")")
  done
  median=$(printf '%s\n' "${walls[@]}" | median)
  peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
  pages=$(find "$out" -name '*.html' | wc -l)
  bytes=$(find "$out" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
  printf '%-8s %-10s %-12s %-8s %-10s\n' "$n" "$median" "$((peak / 1024))" "$pages" "$(awk "BEGIN {printf \"%.1f\", $bytes / 1e6}")"
done
