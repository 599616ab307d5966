#!/usr/bin/env bash
# The whole stack at ten times the national load for MINUTES (default 10): `make run`'s stack
# (scripts/run-local.sh, release builds, its own ./var under a temporary folder; the local
# stand-ins for the 553 sites and the mail server) with ipp-monitor checking every site every
# 30 s, the seeded reminders due, and `SoakLoad` driving 5,140 operators saving values and the 38
# province admins reading their summaries. Prints each service's resident memory and open file
# descriptors every 30 s and first against last, then counts the services' log lines above
# WARNING. Uses the default ports 7401-7404 and 9401-9404 (not beside a `make run`); everything
# listens on 127.0.0.1 only.
# usage: Benchmarks/soak.sh [MINUTES]
set -euo pipefail
cd "$(dirname "$0")"
minutes=${1:-10}
work=$(mktemp -d)
trap 'kill -INT -- -$stack 2>/dev/null; sleep 3; rm -rf "$work"' EXIT
(cd .. && swift build -c release >/dev/null)
bin=$(cd .. && swift build -c release --show-bin-path)
swift build -c release --product SoakLoad >/dev/null
load="$(swift build -c release --show-bin-path)/SoakLoad"

# Its own process group, so that the end stops it as Ctrl-C stops make run.
IPP_RUN_BIN=$bin IPP_RUN_VAR=$work/var IPP_PROBE_INTERVAL=30 setsid ../scripts/run-local.sh \
  > "$work/stack.log" 2>&1 &
stack=$!
until grep -q "IPP Services are up" "$work/stack.log"; do
  kill -0 $stack 2>/dev/null || { cat "$work/stack.log"; exit 1; }
  sleep 1
done
pids=()
for service in intake scoring monitor notify; do
  pids+=("ipp-$service=$(pgrep -f "^$bin/ipp-$service ")")
done
"$load" "$minutes" "$work/var/admin.token" "${pids[@]}"
echo
echo "mail kept by the stand-in: $(ls "$work/var/mail" | wc -l) messages"
echo "log lines above WARNING (ERROR, CRITICAL) per service:"
for service in intake scoring monitor notify; do
  printf '  ipp-%-8s %s\n' "$service" \
    "$(grep "^\[ipp-$service\]" "$work/stack.log" | grep -cE ' (ERROR|CRITICAL) ' || true)"
done
grep -E '^\[ipp-[a-z]+\] .* (ERROR|CRITICAL) ' "$work/stack.log" | head -5 || true
