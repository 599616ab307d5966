#!/usr/bin/env bash
# Counts the instructions of one encode and one decode of the benchmark messages, CBOR against
# JSON, with valgrind's callgrind: repeatable whatever else the machine is doing, unlike
# throughput. Each figure is the difference between 6 and 1 iterations, divided by 5.
# Usage: Benchmarks/codec-callgrind.sh
set -euo pipefail
cd "$(dirname "$0")"
command -v valgrind >/dev/null || { echo "codec-callgrind.sh needs valgrind: apt-get install valgrind" >&2; exit 1; }
swift build -c release --product CodecInstructions >/dev/null
bin="$(swift build -c release --show-bin-path)/CodecInstructions"
count() { # coder operation message iterations
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
printf '%-11s %-7s %14s %14s %8s\n' message op cbor json json/cbor
for message in regions submission; do
  for operation in encode decode; do
    declare -A per=()
    for coder in cbor json; do
      one=$(count "$coder" "$operation" "$message" 1)
      six=$(count "$coder" "$operation" "$message" 6)
      per[$coder]=$(((six - one) / 5))
    done
    awk -v m="$message" -v o="$operation" -v c="${per[cbor]}" -v j="${per[json]}" \
      'BEGIN {printf "%-11s %-7s %14d %14d %7.1fx\n", m, o, c, j, j / c}'
  done
done
