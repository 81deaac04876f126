#!/usr/bin/env bash
# `spodeli deploy` to a real FTP server on 127.0.0.1 (pyftpdlib, as in the deploy tests), on
# generated corpora: the first deploy into an empty folder (the build included), a deploy with
# no change, and a deploy after one entry's summary changed. Files sent, megabytes, wall time;
# medians of RUNS runs, each into a fresh server folder.
#
#   benches/deploy.sh [ENTRIES...]        default: 1000 10000
#
# Environment: RUNS (default 3), WORK (default /tmp/spodeli-bench; say which file system it is
# when you quote the figures).
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/common.sh
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)
runs=${RUNS:-3}
work=${WORK:-/tmp/spodeli-bench}
mkdir -p "$work"
cargo build --release --quiet --bin spodeli --example gen-corpus
bin=$(realpath target/release/spodeli)
python=$(tests/servers/venv.sh)
export SPODELI_DEPLOY_PASSWORD="bench-$RANDOM-$RANDOM"

# Starts the FTP server on folder $1; sets $server (its pid) and $port.
start_server() {
  rm -f "$work/port"
  mkdir -p "$1"
  "$python" tests/servers/ftp.py --root "$1" --port-file "$work/port" \
    --user web --password "$SPODELI_DEPLOY_PASSWORD" 2>/dev/null &
  server=$!
  until [ -s "$work/port" ]; do sleep 0.05; done
  port=$(cat "$work/port")
}
# Deploys $1 to the server; prints "seconds files megabytes" from its summary.
deploy() {
  /usr/bin/time -f "%e" -o "$work/time" "$bin" --lang en deploy --root "$1" "ftp://web@127.0.0.1:$port/" \
    >/dev/null 2>"$work/log"
  local sent
  sent=$(sed -n 's/^Deployed to .*: \([0-9]*\) files sent (\([0-9.]*\) MB).*/\1 \2/p' "$work/log")
  echo "$(cat "$work/time") $sent"
}

echo "file system of $work: $(df -T "$work" | awk 'NR==2 {print $2}')"
printf '%-8s %-10s %-9s %-7s %s\n' entries case median_s files MB
for n in "${sizes[@]}"; do
  corpus=$(corpus "$n")
  entry="$corpus/content/practices/practice-0/index.bg.md"
  cp "$entry" "$work/entry.bak"
  declare -A t=() f=() b=()
  for run in $(seq "$runs"); do
    rm -rf "$corpus/.spodeli-cache"
    start_server "$work/ftp-$n-$run"
    read -r s files mb < <(deploy "$corpus"); t[first]+="$s "; f[first]=$files; b[first]=$mb
    read -r s files mb < <(deploy "$corpus"); t[nochange]+="$s "; f[nochange]=$files; b[nochange]=$mb
    sed -i '0,/^summary: "/s//summary: "Днес /' "$entry"
    read -r s files mb < <(deploy "$corpus"); t[summary]+="$s "; f[summary]=$files; b[summary]=$mb
    cp "$work/entry.bak" "$entry"
    kill "$server"; wait "$server" 2>/dev/null || true
  done
  for case in first nochange summary; do
    med=$(tr ' ' '\n' <<<"${t[$case]}" | grep . | median)
    printf '%-8s %-10s %-9s %-7s %s\n' "$n" "$case" "$med" "${f[$case]}" "${b[$case]}"
  done
  rm -rf "$work/ftp-$n-"*
  unset t f b
done
