# Shared by the benchmark scripts (sourced, from the repository root): the median of numbers on
# standard input, and a generated corpus of N entries in WORK, made once.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Prints the folder of the N-entry corpus under $work, generating it if it is missing
# (needs `cargo build --release --example gen-corpus` first).
corpus() {
  local dir="$work/corpus-$1"
  [ -f "$dir/site.yaml" ] || target/release/examples/gen-corpus --entries "$1" --out "$dir" >/dev/null 2>&1
  echo "$dir"
}
