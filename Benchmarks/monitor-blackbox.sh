#!/usr/bin/env bash
# One availability sweep of the 553 KPU sites, ipp-monitor against Prometheus blackbox_exporter
# (Debian's prometheus-blackbox-exporter), both against the same local stand-ins for the sites
# (scripts/local-sites.py, as `make run` uses them: HTTPS on loopback, here each host answering
# after 50 to 500 ms fixed by its name, none down), at the same concurrency (64 checks in flight):
#   - ipp-monitor: `MonitorSweep`, its AvailabilityChecker as the service runs it (async-http-client
#     through the resolving proxy, each check recorded in SQLite with its rollups);
#   - blackbox_exporter: 553 calls of its /probe endpoint (module http with the farm's CA, the
#     site's name as `hostname`, so Host and SNI are the KPU host), 64 at a time.
# The floor is the farm's total latency over 64. Each is run three times; the median is reported,
# with each process's peak resident memory. Everything listens on 127.0.0.1 only.
# usage: Benchmarks/monitor-blackbox.sh [CONCURRENCY, default 64]
set -euo pipefail
cd "$(dirname "$0")"
concurrency=${1:-64}
work=$(mktemp -d)
trap 'exec 2>/dev/null; kill $(jobs -p) $(cat "$work/pids" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT
command -v prometheus-blackbox-exporter >/dev/null \
  || DEBIAN_FRONTEND=noninteractive apt-get install -y prometheus-blackbox-exporter >/dev/null
# Debian starts the packaged unit where it can; this run starts its own on a free port.
swift build -c release --product MonitorSweep >/dev/null
sweep="$(swift build -c release --show-bin-path)/MonitorSweep"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

python3 ../scripts/local-sites.py "$work" --latency 50-500 --all-up > "$work/farm.out" &
until grep -q READY "$work/farm.out" 2>/dev/null; do sleep 0.1; done
https_port=$(awk '/READY/ {print $3}' "$work/farm.out")
"$sweep" hosts > "$work/hosts"
floor=$(python3 -c '
import sys, zlib
hosts = open(sys.argv[1]).read().split()
print(sum((50 + zlib.crc32(h.encode()) % 451) / 1000 for h in hosts) / int(sys.argv[2]))' "$work/hosts" "$concurrency")

echo "ipp-monitor (MonitorSweep), $concurrency in flight:"
for run in 1 2 3; do "$sweep" "$https_port" "$work/ca.pem" "$concurrency" | tee -a "$work/monitor.json"; done

bb_port=$(free_port)
cat > "$work/blackbox.yml" <<YML
modules:
  kpu:
    prober: http
    timeout: 30s
    http:
      preferred_ip_protocol: ip4
      tls_config:
        ca_file: $work/ca.pem
YML
echo "blackbox_exporter $(prometheus-blackbox-exporter --version 2>&1 | awk 'NR==1 {print $3}'), $concurrency in flight:"
for run in 1 2 3; do
  prometheus-blackbox-exporter --config.file="$work/blackbox.yml" --web.listen-address="127.0.0.1:$bb_port" \
    --log.level=error > /dev/null 2>&1 &
  pid=$!
  echo "$pid" >> "$work/pids"
  until curl -sf "127.0.0.1:$bb_port/-/healthy" >/dev/null; do sleep 0.1; done
  python3 - "$bb_port" "$https_port" "$work/hosts" "$concurrency" "$pid" <<'PY' | tee -a "$work/blackbox.json"
import concurrent.futures, json, sys, time, urllib.parse, urllib.request
port, farm, hosts, concurrency, pid = sys.argv[1], sys.argv[2], open(sys.argv[3]).read().split(), int(sys.argv[4]), sys.argv[5]
def probe(host):
    query = urllib.parse.urlencode({"module": "kpu", "target": f"https://127.0.0.1:{farm}/", "hostname": host})
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/probe?{query}", timeout=60) as answer:
        return b"probe_success 1" in answer.read()
start = time.monotonic()
with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
    answered = sum(pool.map(probe, hosts))
seconds = time.monotonic() - start
peak = next(line.split()[1] for line in open(f"/proc/{pid}/status") if line.startswith("VmHWM:"))
print(json.dumps({"seconds": seconds, "answered": answered, "peak_kib": int(peak)}))
PY
  kill "$pid"; wait "$pid" 2>/dev/null || true
done

python3 - "$work/monitor.json" "$work/blackbox.json" "$floor" <<'PY'
import json, statistics, sys
def load(path): return [json.loads(line) for line in open(path)]
monitor, blackbox, floor = load(sys.argv[1]), load(sys.argv[2]), float(sys.argv[3])
def median(runs, key): return statistics.median(run[key] for run in runs)
m, b = median(monitor, "seconds"), median(blackbox, "seconds")
mm, bm = median(monitor, "peak_kib") / 1024, median(blackbox, "peak_kib") / 1024
print(f"floor (farm latency / concurrency): {floor:.2f} s")
print(f"ipp-monitor:       {m:.2f} s = {m / floor:.2f}x the floor, {mm:.0f} MiB peak, "
      f"{min(r['answered'] for r in monitor)}/553 answered")
print(f"blackbox_exporter: {b:.2f} s = {b / floor:.2f}x the floor, {bm:.0f} MiB peak, "
      f"{min(r['answered'] for r in blackbox)}/553 answered")
print(f"ipp-monitor / blackbox_exporter: time {m / b:.2f}x, memory {mm / bm:.2f}x")
PY
