#!/usr/bin/env bash
# Load-tests unary ipp.Bench/Score with h2load on three servers in one run:
#   (a) this project's RPC runtime, (b) nghttpd serving the same response bytes (what nghttp2
#   itself can do here), (c) grpc-swift-2 with this project's CBOR codec as serializer.
# grpc-swift-2 accepts only application/grpc (415 for application/grpc+cbor), so every server is
# called with that content type; this runtime accepts both.
# Prints req/s, mean and p99 latency (from h2load's --log-file) and the ratios of (a) to (b), (c).
# Usage: Benchmarks/rpc-h2load.sh [requests per run, default 200000]
set -euo pipefail
cd "$(dirname "$0")"
requests=${1:-200000}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

swift build -c release --product RPCBenchServer >/dev/null
swift build -c release --product GRPCSwiftBenchServer >/dev/null
bin=$(swift build -c release --show-bin-path)

# The request and the exact response bytes, framed: {"region": "35"} and its score.
python3 - "$work" <<'PY'
import cbor2, struct, sys, os
def frame(message): return b"\x00" + struct.pack(">I", len(message)) + message
work = sys.argv[1]
open(os.path.join(work, "request.bin"), "wb").write(frame(cbor2.dumps({"region": "35"})))
os.makedirs(os.path.join(work, "docroot", "ipp.Bench"))
response = cbor2.dumps({"region": "35", "total": 80.87, "category": "partisipatif"})
open(os.path.join(work, "docroot", "ipp.Bench", "Score"), "wb").write(frame(response))
PY

"$bin/RPCBenchServer" 17801 & 
nghttpd --no-tls -d "$work/docroot" --trailer='grpc-status: 0' --header-table-size=4096 17802 >/dev/null 2>&1 &
"$bin/GRPCSwiftBenchServer" 17803 &
sleep 2

declare -A names=([17801]="ipp RPC runtime" [17802]="nghttpd (same bytes)" [17803]="grpc-swift-2 + CBOR")
printf '%-22s %-14s %10s %10s %10s\n' server load req/s mean_us p99_us
for load in "-c1 -m1" "-c1 -m10" "-c10 -m10" "-c100 -m10"; do
  declare -A rps=()
  for port in 17801 17802 17803; do
    log="$work/log-$port"
    out=$(h2load -n "$requests" $load -d "$work/request.bin" \
      -H 'content-type: application/grpc' -H 'te: trailers' --log-file="$log" \
      "http://127.0.0.1:$port/ipp.Bench/Score" 2>&1)
    failed=$(echo "$out" | sed -n 's/.*requests: .* \([0-9]*\) failed.*/\1/p')
    rate=$(echo "$out" | sed -n 's/^finished in .*, \([0-9.]*\) req\/s.*/\1/p')
    read -r mean p99 < <(awk '{print $3}' "$log" | sort -n | awk '{a[NR]=$1; s+=$1} END {printf "%.0f %.0f\n", s/NR, a[int(NR*0.99)]}')
    rps[$port]=$rate
    printf '%-22s %-14s %10.0f %10s %10s%s\n' "${names[$port]}" "$load" "$rate" "$mean" "$p99" \
      "$([ "${failed:-0}" != 0 ] && echo "  ($failed failed)")"
  done
  awk -v a="${rps[17801]}" -v b="${rps[17802]}" -v c="${rps[17803]}" -v load="$load" \
    'BEGIN {printf "%-22s %-14s  vs nghttpd %.2f   vs grpc-swift-2 %.2fx\n", "ratio", load, a/b, a/c}'
done

# Memory of the runtime across 1M calls: resident set size before and after.
pid=$(pgrep -f "RPCBenchServer 17801")
before=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
h2load -n 1000000 -c10 -m10 -d "$work/request.bin" -H 'content-type: application/grpc' -H 'te: trailers' \
  "http://127.0.0.1:17801/ipp.Bench/Score" >/dev/null 2>&1
after=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
echo "ipp RPC runtime RSS: ${before} kB before, ${after} kB after 1,000,000 more calls"
