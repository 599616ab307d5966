#!/usr/bin/env bash
# ipp.Scoring/Score under h2load: the real ipp-scoring (release build) scoring the 15 indicator
# values of docs/examples/scoring_client.py, against nghttpd serving the same response bytes in
# the same run (what HTTP/2 alone costs here). Prints req/s, mean and p99 latency and the ratio.
# Usage: Benchmarks/scoring-h2load.sh [requests per run, default 100000]
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-100000}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

swift build -c release --product ipp-scoring >/dev/null
bin=$(swift build -c release --show-bin-path)
token=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
echo "$(printf %s "$token" | sha256sum | cut -d' ' -f1) admin bench" > "$work/tokens"
export TOKEN=$token
"$bin/ipp-scoring" --state.directory "$work/state" --tokens.file "$work/tokens" --rpc.port 17811 \
  --admin.port 19811 --log.level warning &
sleep 2

python3 - "$work" <<'PY'
import cbor2, grpc, os, struct, sys
work = sys.argv[1]
values = [["REG-1", 0.97], ["REG-2", 2.5], ["REG-3", 1], ["CAL-1", 3], ["CAL-2", 4], ["CAL-3", 1], ["KAM-1", 4],
          ["KAM-2", 1], ["KAM-3", 1.5], ["SOS-1", 8], ["SOS-2", 1.5], ["SOS-3", 4], ["PEM-1", 0.78], ["PEM-2", 0.02],
          ["PEM-3", 0.6]]
request = cbor2.dumps({"values": [{"indicator": code, "value": value} for code, value in values]})
frame = lambda message: b"\x00" + struct.pack(">I", len(message)) + message
open(os.path.join(work, "request.bin"), "wb").write(frame(request))
channel = grpc.insecure_channel("127.0.0.1:17811")
call = channel.unary_unary("/ipp.Scoring/Score", request_serializer=lambda b: b, response_deserializer=lambda b: b)
response = call(request, metadata=[("authorization", "Bearer " + os.environ["TOKEN"])], timeout=10)
os.makedirs(os.path.join(work, "docroot", "ipp.Scoring"))
open(os.path.join(work, "docroot", "ipp.Scoring", "Score"), "wb").write(frame(response))
PY
nghttpd --no-tls -d "$work/docroot" --trailer='grpc-status: 0' 17812 >/dev/null 2>&1 &
sleep 1

printf '%-22s %-12s %10s %10s %10s\n' server load req/s mean_us p99_us
for load in "-c1 -m1" "-c10 -m10"; do
  declare -A rps=()
  for port in 17811 17812; do
    out=$(h2load -n "$requests" $load -d "$work/request.bin" -H 'content-type: application/grpc' -H 'te: trailers' \
      -H "authorization: Bearer $token" --log-file="$work/log" "http://127.0.0.1:$port/ipp.Scoring/Score" 2>&1)
    rate=$(echo "$out" | sed -n 's/^finished in .*, \([0-9.]*\) req\/s.*/\1/p')
    read -r mean p99 < <(awk '{print $3}' "$work/log" | sort -n | awk '{a[NR]=$1; s+=$1} END {printf "%.0f %.0f\n", s/NR, a[int(NR*0.99)]}')
    rps[$port]=$rate
    printf '%-22s %-12s %10.0f %10s %10s\n' "$([ $port = 17811 ] && echo ipp-scoring Score || echo 'nghttpd (same bytes)')" "$load" "$rate" "$mean" "$p99"
  done
  awk -v a="${rps[17811]}" -v b="${rps[17812]}" -v load="$load" 'BEGIN {printf "%-22s %-12s  vs nghttpd %.2f\n", "ratio", load, a/b}'
done
