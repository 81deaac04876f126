#!/usr/bin/env bash
# Runs every fuzz target (or those named) for SECONDS each, two at a time (one per core), from
# the seed corpus, and prints the executions per target. A crash stops its target, keeps the
# input in fuzz/artifacts/<target>/ and makes this script exit non-zero.
#
#   fuzz/run.sh SECONDS [TARGET...]      e.g. fuzz/run.sh 600; CI runs fuzz/run.sh 20
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:?seconds per target}
shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(yaml markdown entry chapter site_yaml vocabulary fluent http photo)
for target in "${targets[@]}"; do
  [ -d "corpus/$target" ] || { ./seed.sh >/dev/null; break; }
done
# Built once, then run from the binaries: a change to the sources during a long run does not
# make every target wait for a rebuild.
cargo +nightly fuzz build --release
bin=target/x86_64-unknown-linux-gnu/release
mkdir -p logs
failed=0
run() {
  local target=$1
  mkdir -p "artifacts/$target"
  "$bin/$target" -artifact_prefix="artifacts/$target/" -max_total_time="$seconds" \
    -rss_limit_mb=4096 -timeout=10 "corpus/$target" >"logs/$target.log" 2>&1
}
i=0
pids=()
names=()
for target in "${targets[@]}"; do
  run "$target" &
  pids+=($!)
  names+=("$target")
  i=$((i + 1))
  if [ $((i % 2)) -eq 0 ]; then
    for k in "${!pids[@]}"; do wait "${pids[$k]}" || { echo "${names[$k]}: FAILED"; failed=1; }; done
    pids=(); names=()
  fi
done
for k in "${!pids[@]}"; do wait "${pids[$k]}" || { echo "${names[$k]}: FAILED"; failed=1; }; done
for target in "${targets[@]}"; do
  runs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "logs/$target.log" | tail -1 || true)
  echo "$target: ${runs:-no summary (see fuzz/logs/$target.log)}"
done
exit $failed
