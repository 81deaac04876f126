#!/usr/bin/env bash
# Makes the seed corpus of every fuzz target from the project's own fixtures and sample site
# (fuzz/corpus/<target>/, not kept in git): entries, handbook chapters, configuration,
# vocabularies, messages, Markdown bodies and a few requests.
set -euo pipefail
cd "$(dirname "$0")"
repo=..
corpus=corpus
mkdir -p "$corpus"/{yaml,markdown,entry,chapter,site_yaml,vocabulary,fluent,http,photo}
n=0
while IFS= read -r -d '' file; do
  n=$((n + 1))
  cp "$file" "$corpus/yaml/$n"
  cp "$file" "$corpus/entry/$n"
  case "$file" in
    */handbook/[0-9]*.md) cp "$file" "$corpus/chapter/$n" ;;
  esac
  case "$file" in
    *.md) sed '1,/^---$/{/^---$/!d}' "$file" | sed '1,/^---$/d' > "$corpus/markdown/$n" ;;
  esac
done < <(find "$repo/content" "$repo/tests/sites" -path '*/content/*' \( -name '*.md' -o -name '*.yaml' \) -print0)
for file in "$repo"/site.yaml "$repo"/tests/sites/*/site.yaml; do
  cp "$file" "$corpus/site_yaml/$(basename "$(dirname "$file")").yaml"
done
cp "$repo/src/vocabulary.yaml" "$corpus/vocabulary/built-in.yaml"
find "$repo/tests/sites" -name vocabulary.yaml -exec sh -c 'cp "$1" "$2/$(echo "$1" | md5sum | cut -c1-8)"' _ {} "$corpus/vocabulary" \;
for file in "$repo"/locales/*/*.ftl "$repo"/src/messages/*.ftl; do
  cp "$file" "$corpus/fluent/$(echo "$file" | md5sum | cut -c1-8)"
done
printf 'GET\n/bg/practices\n\n127.0.0.1:1111\nhttp://127.0.0.1:1111' > "$corpus/http/redirect"
printf 'GET\n//bg/practices?q=1\n"x"\nlocalhost:1111\n' > "$corpus/http/double-slash"
printf 'HEAD\n/%%2e%%2e/etc/passwd\n*\n[::1]:1111\nnull' > "$corpus/http/dot-dot"
printf 'POST\n/\n\nevil.example\nhttp://evil.example' > "$corpus/http/post"
for target in "$corpus"/*; do
  echo "$(basename "$target"): $(ls "$target" | wc -l) seeds"
done
# Photos: two small ones as a phone stores them (sideways, with EXIF and a thumbnail).
(cd "$repo" && cargo run --release --quiet --example gen-photos -- --out fuzz/"$corpus"/photo \
  --count 2 --width 64 --height 48 2>/dev/null)
