#!/usr/bin/env bash
# Build time of two spodeli binaries side by side on generated corpora: runs alternate between
# them (so both see the same load on a shared machine), each a rebuild replacing its previous
# output, and the medians and their ratio are printed.
#
#   benches/compare.sh BEFORE AFTER [ENTRIES...]      default sizes: 1000 10000
#
# Environment: RUNS (default 5), WORK (default /tmp/spodeli-bench; put it on the disk you care
# about). A corpus missing from WORK is generated with the examples' gen-corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/common.sh
[ $# -ge 2 ] || { echo "usage: benches/compare.sh BEFORE AFTER [ENTRIES...]" >&2; exit 2; }
before=$(realpath "$1"); after=$(realpath "$2"); shift 2
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)
runs=${RUNS:-5}
work=${WORK:-/tmp/spodeli-bench}
mkdir -p "$work"
cargo build --release --quiet --example gen-corpus
wall() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc; }
printf '%-8s %-10s %-10s %-8s\n' entries before_s after_s ratio
for n in "${sizes[@]}"; do
  corpus=$(corpus "$n")
  b=(); a=()
  for run in $(seq "$runs"); do
    # Alternate which goes first, so neither always builds on a warmer cache.
    if [ $((run % 2)) -eq 1 ]; then
      b+=("$(wall "$before" build --root "$corpus" --out "$work/out-before-$n")")
      a+=("$(wall "$after" build --root "$corpus" --out "$work/out-after-$n")")
    else
      a+=("$(wall "$after" build --root "$corpus" --out "$work/out-after-$n")")
      b+=("$(wall "$before" build --root "$corpus" --out "$work/out-before-$n")")
    fi
  done
  mb=$(printf '%s\n' "${b[@]}" | median); ma=$(printf '%s\n' "${a[@]}" | median)
  printf '%-8s %-10.2f %-10.2f %-8.3f\n' "$n" "$mb" "$ma" "$(echo "$ma / $mb" | bc -l)"
done
