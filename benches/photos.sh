#!/usr/bin/env bash
# Photos: spodeli beside Hugo on the same phone photos.
#
#   benches/photos.sh [ENTRIES]        default: 1000
#
# Environment: RUNS (default 3), COUNT photos (default 20, 4000 × 3000, 3–5 MB each, made by
# examples/gen-photos), WORK (default /tmp/spodeli-bench; put it on the disk you care about).
# The corpus of ENTRIES entries gets a practice showing COUNT photos; Hugo gets the same content
# (benches/hugo-site.py) with the same widths (400, 800, 1200, 1600), formats (WebP q75, JPEG
# q80), orientation and 1200 × 630 crop. Alternating the two, each run:
#   first  — no cache (spodeli's .spodeli-cache/ and Hugo's resources/ removed), empty output;
#   second — the same build again, cache and output kept, nothing changed.
# Then: medians, spodeli's time making photos (its summary line), bytes of the originals and of
# the published copies, and what the practice page costs a reader at 1280 px (HTML, CSS, the
# copies a browser picks for the first photo and, scrolled through, all of them).
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/common.sh
n=${1:-1000}
runs=${RUNS:-3}
count=${COUNT:-20}
work=${WORK:-/tmp/spodeli-bench}
mkdir -p "$work"
cargo build --release --quiet --bin spodeli --example gen-corpus --example gen-photos
bin=$PWD/target/release/spodeli
base=$(corpus "$n")
site="$work/photos-$n"
if [ ! -d "$site/content/practices/photo-walk" ]; then
  rm -rf "$site" && cp -r "$base" "$site"
  target/release/examples/gen-photos --into "$site" --count "$count" 2>/dev/null
fi
hugo_site="$work/hugo-photos-$n"
[ -f "$hugo_site/hugo.toml" ] || python3 benches/hugo-site.py "$site" "$hugo_site"
# Wall seconds of a command; its standard error is kept in $work/last.log.
seconds() {
  local s; s=$(date +%s.%N)
  "$@" >/dev/null 2>"$work/last.log" || { tail -5 "$work/last.log" >&2; return 1; }
  echo "$(date +%s.%N) - $s" | bc
}
sfirst=(); ssecond=(); hfirst=(); hsecond=(); made=(); plain=()
# The same corpus without the photos, for the second build's aim (no slower than without).
"$bin" build --root "$base" --out "$work/photos-plain-out" >/dev/null 2>&1
for i in $(seq "$runs"); do
  rm -rf "$site/.spodeli-cache" "$work/photos-out-$i"
  sfirst+=("$(seconds "$bin" build --root "$site" --out "$work/photos-out-$i")")
  made+=("$(grep -o 'photos: .*' "$work/last.log" | grep -o 'in [0-9.]* s' | tr -dc '0-9.')")
  ssecond+=("$(seconds "$bin" build --root "$site" --out "$work/photos-out-$i")")
  plain+=("$(seconds "$bin" build --root "$base" --out "$work/photos-plain-out")")
  rm -rf "$hugo_site/resources" "$work/hugo-photos-out-$i"
  hfirst+=("$(seconds hugo --quiet -s "$hugo_site" -d "$work/hugo-photos-out-$i")")
  hsecond+=("$(seconds hugo --quiet -s "$hugo_site" -d "$work/hugo-photos-out-$i")")
done
m() { printf '%s\n' "$@" | median; }
printf '%-28s %-10s %-10s %-7s\n' "" spodeli hugo ratio
for what in first second; do
  s=$(eval m "\${s$what[@]}"); h=$(eval m "\${h$what[@]}")
  printf '%-28s %-10.2f %-10.2f %-7.2f\n' "$what build (s)" "$s" "$h" "$(echo "$s / $h" | bc -l)"
done
printf '%-28s %-10.2f\n' "second, without the photos" "$(m "${plain[@]}")"
# The first build's time making photos, from its summary line.
printf 'first build: making the photos %.2f s (median)\n' "$(m "${made[@]}")"
orig=$(find "$site/content/practices/photo-walk" -name '*.jpg' -printf '%s\n' | awk '{s+=$1} END {print s}')
copies=$(find "$work/photos-out-1/media/practices/photo-walk" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
# Hugo names its copies `…_hu_<hash>.…` and also publishes each bundle's originals as they are.
hugo_all=$(find "$work/hugo-photos-out-1" -path '*photo-walk*' -type f \( -name '*.webp' -o -name '*.jpg' \) -printf '%s\n' | awk '{s+=$1} END {print s+0}')
hugo_copies=$(find "$work/hugo-photos-out-1" -path '*photo-walk*' -name '*_hu_*' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
printf 'originals %.1f MB; spodeli copies %.1f MB (%.3f of the originals); hugo copies %.1f MB, and %.1f MB of originals published beside them\n' \
  "$(echo "$orig / 1000000" | bc -l)" "$(echo "$copies / 1000000" | bc -l)" "$(echo "$copies / $orig" | bc -l)" \
  "$(echo "$hugo_copies / 1000000" | bc -l)" "$(echo "($hugo_all - $hugo_copies) / 1000000" | bc -l)"
page="$work/photos-out-1/bg/practices/photo-walk/index.html"
python3 - "$page" "$work/photos-out-1" <<'PY'
import os, re, sys
page, out = sys.argv[1], sys.argv[2]
html = open(page, encoding="utf-8").read()
folder = os.path.dirname(page)
def size(href):
    return os.path.getsize(os.path.normpath(os.path.join(folder, href)))
css = sum(size(h) for h in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html))
js = sum(size(h) for h in re.findall(r'<script[^>]* src="([^"]+)"', html))
# A 1280-pixel screen at 1× shows the 44rem column: the browser picks the 800-pixel WebP.
picks = re.findall(r'<source type="image/webp" srcset="([^"]+)"', html)
chosen = [next(c.split()[0] for c in s.split(", ") if int(c.split()[1][:-1]) >= 704) for s in picks]
photos = [size(c) for c in chosen]
base = len(html.encode()) + css + js
print(f"practice page at 1280 px: HTML+CSS+JS {base/1e3:.0f} KB; first photo {photos[0]/1e3:.0f} KB; "
      f"all {len(photos)} photos scrolled {sum(photos)/1e6:.2f} MB; total {(base+sum(photos))/1e6:.2f} MB")
PY
