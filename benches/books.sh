#!/usr/bin/env bash
# Handbooks as books: the time to make the PDF and the EPUB of the sample site's handbook and of
# a generated 30-chapter one (about 65 pages in English), made from nothing and from the cache,
# and the bytes of each file.
#
#   benches/books.sh
#
# Environment: RUNS (default 5), WORK (default /tmp/spodeli-bench; put it on the disk you care
# about). Each run, for each site: `first` removes the books' store (.spodeli-cache/books) and
# builds; `cached` builds again with nothing changed. The times are the books' own (the summary
# line "handbook files (PDF, EPUB): … in N s") and the whole build's wall time; medians.
# Hugo, Zola and mdBook make no PDF or EPUB of their own, so nothing stands beside these.
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/common.sh
runs=${RUNS:-5}
work=${WORK:-/tmp/spodeli-bench}
mkdir -p "$work"
cargo build --release --quiet --bin spodeli --example gen-corpus
bin=$PWD/target/release/spodeli
sample="$work/books-sample"
rm -rf "$sample" && mkdir -p "$sample"
cp -r content locales static site.yaml "$sample/"
generated="$work/books-30"
[ -d "$generated/content/projects/handbook-project/handbook" ] ||
  target/release/examples/gen-corpus --entries 100 --handbook 30 --out "$generated" >/dev/null 2>&1
# Wall seconds of a build; the books' seconds from its summary go to $work/books-time.
build() {
  local s; s=$(date +%s.%N)
  "$bin" build --root "$1" --out "$1/../$(basename "$1")-out" >/dev/null 2>"$work/last.log" ||
    { tail -5 "$work/last.log" >&2; return 1; }
  echo "$(date +%s.%N) - $s" | bc
  grep 'handbook files' "$work/last.log" | grep -o 'in [0-9.]* s' | tr -dc '0-9.' > "$work/books-time"
}
m() { printf '%s\n' "$@" | median; }
printf '%-22s %-8s %-12s %-12s\n' "" "" "books (s)" "build (s)"
for site in "$sample" "$generated"; do
  fb=(); fw=(); cb=(); cw=()
  for _ in $(seq "$runs"); do
    rm -rf "$site/.spodeli-cache/books"
    fw+=("$(build "$site")"); fb+=("$(cat "$work/books-time")")
    cw+=("$(build "$site")"); cb+=("$(cat "$work/books-time")")
  done
  name=$(basename "$site")
  printf '%-22s %-8s %-12.3f %-12.3f\n' "$name" first "$(m "${fb[@]}")" "$(m "${fw[@]}")"
  printf '%-22s %-8s %-12.3f %-12.3f\n' "$name" cached "$(m "${cb[@]}")" "$(m "${cw[@]}")"
  for f in $(find "$site-out" -path '*/handbook/*' \( -name '*.pdf' -o -name '*.epub' \) | sort); do
    pages=""
    case "$f" in *.pdf) command -v pdfinfo >/dev/null && pages=" ($(pdfinfo "$f" 2>/dev/null | awk '/^Pages/ {print $2}') pages)";; esac
    printf '  %-60s %9d bytes%s\n' "${f#"$site-out/"}" "$(stat -c %s "$f")" "$pages"
  done
done
