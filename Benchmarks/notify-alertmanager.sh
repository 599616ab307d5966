#!/usr/bin/env bash
# ipp-notify against Prometheus Alertmanager (Debian's prometheus-alertmanager), both mailing the
# same local SMTP sink (Python's aiosmtpd, plain SMTP on loopback, recording each message's
# Message-ID and Subject):
#   1. throughput: 10,000 notifications queued in ipp-notify's outbox, delivered; 10,000 alerts
#      posted to Alertmanager (one group per alert, shortest waits), mailed: messages per second
#      from start to the last message, and each process's peak resident memory;
#   2. kill -9: each is killed with SIGKILL once the sink has 3,000 of a 10,000-message batch and
#      started again on the same state (Alertmanager's alerts are posted again after its restart,
#      as Prometheus re-sends firing alerts): lost and duplicated messages, counted by subject.
# The outbox is filled with SQL straight into ipp-notify's table (the delivery is what is
# measured, not the writing). Everything listens on 127.0.0.1 only.
# ipp-notify runs with one SMTP connection (the default: at most one message repeated per crash)
# and with four (--smtp.connections 4). Usage: Benchmarks/notify-alertmanager.sh [messages, default 10000]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
work=$(mktemp -d)
# Processes are started in command substitutions, so not this shell's jobs: their ids are kept.
trap 'exec 2>/dev/null; kill -9 $(jobs -p) $(cat "$work/pids" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT
command -v prometheus-alertmanager >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y prometheus-alertmanager >/dev/null
swift build -c release --product ipp-notify >/dev/null
notify="$(swift build -c release --show-bin-path)/ipp-notify"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The sink: one line per message, "<Message-ID>\t<Subject>", in $work/<name>.log.
smtp_port=$(free_port)
python3 - "$work" "$smtp_port" <<'PY' &
import os, sys, asyncio
from email import message_from_bytes, policy
from aiosmtpd.controller import Controller
work, port = sys.argv[1], int(sys.argv[2])
class Handler:
    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        target = open(os.path.join(work, "target")).read().strip()
        with open(os.path.join(work, target + ".log"), "a") as f:
            f.write(f"{message['Message-ID']}\t{message['Subject']}\n")
        return "250 2.0.0 Ok"
open(os.path.join(work, "target"), "w").write("none")
controller = Controller(Handler(), hostname="127.0.0.1", port=port)
controller.start()
import time
while True: time.sleep(3600)
PY
sleep 2
received() { [ -f "$work/$1.log" ] && wc -l < "$work/$1.log" || echo 0; }
unique() { [ -f "$work/$1.log" ] && cut -f2 "$work/$1.log" | sort -u | wc -l || echo 0; }
target() { echo "$1" > "$work/target"; }
now() { date +%s.%N; }
peak_kib() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }
# Waits until the sink has $2 messages for $1 (or 20 s pass without a new one); prints the time.
await_count() {
  local last=-1 still=0
  while :; do
    local n; n=$(received "$1")
    [ "$n" -ge "$2" ] && break
    if [ "$n" = "$last" ]; then still=$((still + 1)); [ "$still" -ge 200 ] && break; else still=0; fi
    last=$n; sleep 0.1
  done
  now
}

# ipp-notify: state, tokens, the outbox filled with SQL, then started.
echo "$(printf bench | sha256sum | cut -d' ' -f1) admin bench" > "$work/tokens"
start_notify() { # state directory, then extra flags
  local state=$1; shift
  "$notify" --state.directory "$state" --tokens.file "$work/tokens" --rpc.port 0 --admin.port 0 "$@" \
    --smtp.host 127.0.0.1 --smtp.port "$smtp_port" --smtp.security none --smtp.sender "IPP <ipp@bench.example>" \
    --delivery.email_per_minute 100000000 --intake.address 127.0.0.1:9 >/dev/null 2>>"$work/notify.err" &
  echo $! | tee -a "$work/pids"
}
# Sends signal $1 to process $2 and waits until it is gone.
stop() { kill "-$1" "$2" 2>/dev/null || true; while kill -0 "$2" 2>/dev/null; do sleep 0.05; done; }
fill_outbox() { # state directory
  local pid; pid=$(start_notify "$1"); sleep 2; stop TERM "$pid"
  python3 - "$1/ipp-notify.sqlite" "$count" <<'PY'
import sqlite3, sys, datetime
db = sqlite3.connect(sys.argv[1])
now = (datetime.datetime.utcnow() - datetime.timedelta(seconds=5)).strftime("%Y-%m-%d %H:%M:%S.000")
db.executemany(
    "INSERT INTO notification (dedup_key, recipient_id, channel, recipient, kind, region, subject, text, html, zone,"
    " created_at, state, attempts, next_attempt_at) VALUES (?, ?, 'email', ?, 'alert', '33.14', ?, ?, NULL, 'WIB', ?,"
    " 'pending', 0, ?)",
    [(f"bench/{i}", f"op-{i}", f"op-{i}@kpu.example", f"n{i:05d}",
      "Situs tidak dapat diakses: kab-sragen.kpu.go.id\nconnection refused\n", now, now) for i in range(int(sys.argv[2]))])
db.commit()
PY
}

# Alertmanager: one group per alert (grouped by a unique alertname), shortest waits.
am_port=$(free_port)
cat > "$work/alertmanager.yml" <<YML
global:
  smtp_smarthost: 127.0.0.1:$smtp_port
  smtp_from: am@bench.example
  smtp_require_tls: false
route:
  receiver: mail
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1s
  repeat_interval: 1000h
receivers:
- name: mail
  email_configs:
  - to: admin@kpu.example
    send_resolved: false
    headers:
      Subject: '{{ .CommonLabels.alertname }}'
YML
start_am() { # storage directory
  prometheus-alertmanager --config.file "$work/alertmanager.yml" --storage.path "$1" \
    --web.listen-address "127.0.0.1:$am_port" --cluster.listen-address "" >/dev/null 2>>"$work/am.err" &
  local pid=$!
  echo $pid >> "$work/pids"
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$am_port/-/ready" >/dev/null && break; sleep 0.1; done
  echo $pid
}
post_alerts() {
  python3 - "$am_port" "$count" <<'PY'
import json, sys, urllib.request, datetime
port, count = sys.argv[1], int(sys.argv[2])
ends = (datetime.datetime.utcnow() + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
for start in range(0, count, 500):
    alerts = [{"labels": {"alertname": f"n{i:05d}", "region": "33.14"}, "endsAt": ends,
               "annotations": {"summary": "connection refused"}} for i in range(start, min(count, start + 500))]
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v2/alerts", json.dumps(alerts).encode(),
                                     {"Content-Type": "application/json"})
    urllib.request.urlopen(request).read()
PY
}

echo "== throughput: $count messages to the same sink"
# The sink's own ceiling: Python's smtplib sending 3,000 small messages over one connection.
target ceiling
python3 - "$smtp_port" <<'PY'
import smtplib, sys, time
client = smtplib.SMTP("127.0.0.1", int(sys.argv[1]))
start = time.time()
for i in range(3000):
    client.sendmail("a@bench.example", ["b@bench.example"], f"Subject: c{i}\r\nMessage-ID: <c{i}@bench>\r\n\r\nx\r\n")
print(f"sink ceiling   (smtplib, one connection) {3000 / (time.time() - start):7.0f} msg/s")
PY
for connections in 1 4; do
  fill_outbox "$work/notify-1-$connections"
  target "notify-1-$connections"
  t0=$(now); pid=$(start_notify "$work/notify-1-$connections" --smtp.connections "$connections")
  t1=$(await_count "notify-1-$connections" "$count")
  peak=$(peak_kib "$pid"); stop TERM "$pid"
  rate=$(echo "$count / ($t1 - $t0)" | bc -l)
  [ "$connections" = 1 ] && notify_rate=$rate
  printf 'ipp-notify (%d) %6d delivered in %6.1f s: %7.0f msg/s, peak RSS %6d KiB\n' "$connections" \
    "$(unique "notify-1-$connections")" "$(echo "$t1 - $t0" | bc -l)" "$rate" "$peak"
done

target am-1
pid=$(start_am "$work/am-1"); t0=$(now); post_alerts; t1=$(await_count am-1 "$count")
am_peak=$(peak_kib "$pid"); stop TERM "$pid"
am_rate=$(echo "$count / ($t1 - $t0)" | bc -l)
printf 'Alertmanager   %6d delivered in %6.1f s: %7.0f msg/s, peak RSS %6d KiB\n' "$(unique am-1)" "$(echo "$t1 - $t0" | bc -l)" "$am_rate" "$am_peak"
printf 'ratio          ipp-notify (1 connection, the default) / Alertmanager = %.2fx\n' "$(echo "$notify_rate / $am_rate" | bc -l)"

echo "== kill -9 once 3000 of $count have arrived, then started again on the same state"
fill_outbox "$work/notify-2"
target notify-2
pid=$(start_notify "$work/notify-2"); await_count notify-2 3000 >/dev/null; stop KILL "$pid"
at_kill=$(received notify-2)
pid=$(start_notify "$work/notify-2"); await_count notify-2 "$count" >/dev/null; sleep 3; stop TERM "$pid"
printf 'ipp-notify     killed at %5d: %5d unique of %d (lost %d), %d messages (duplicated %d)\n' "$at_kill" \
  "$(unique notify-2)" "$count" "$((count - $(unique notify-2)))" "$(received notify-2)" "$(( $(received notify-2) - $(unique notify-2) ))"

target am-2
pid=$(start_am "$work/am-2"); post_alerts; await_count am-2 3000 >/dev/null; stop KILL "$pid"
at_kill=$(received am-2)
pid=$(start_am "$work/am-2"); post_alerts; await_count am-2 $((count * 2)) >/dev/null; stop TERM "$pid"
printf 'Alertmanager   killed at %5d: %5d unique of %d (lost %d), %d messages (duplicated %d)\n' "$at_kill" \
  "$(unique am-2)" "$count" "$((count - $(unique am-2)))" "$(received am-2)" "$(( $(received am-2) - $(unique am-2) ))"
