#!/usr/bin/env bash
# The national page's render time and size with 553 regions, under 10 concurrent viewers:
# `make run`'s stack with ipp-web (scripts/run-local.sh, release builds, its own ./var under a
# temporary folder), every region filed, submitted and verified by `WebLoad`, then /nasional
# fetched by 10 signed-in viewers at once, against the peer: the same services' calls that page
# makes, made directly. Uses the default ports 7401-7404, 9401-9404 and 8400 (not beside a
# `make run`); everything listens on 127.0.0.1 only.
# usage: Benchmarks/web-national.sh [ROUNDS_PER_VIEWER]
set -euo pipefail
cd "$(dirname "$0")"
rounds=${1:-100}
work=$(mktemp -d)
stack=
trap '[ -n "$stack" ] && kill -INT -- -$stack 2>/dev/null; sleep 3; rm -rf "$work"' EXIT
(cd .. && swift build -c release >/dev/null)
bin=$(cd .. && swift build -c release --show-bin-path)
swift build -c release --product WebLoad >/dev/null
load="$(swift build -c release --show-bin-path)/WebLoad"

IPP_RUN_BIN=$bin IPP_RUN_VAR=$work/var setsid ../scripts/run-local.sh > "$work/stack.log" 2>&1 &
stack=$!
until grep -q "IPP Services are up" "$work/stack.log"; do
  kill -0 $stack 2>/dev/null || { cat "$work/stack.log"; exit 1; }
  sleep 1
done
until curl -sf http://127.0.0.1:8400/healthz >/dev/null; do sleep 0.2; done
"$load" "$work/var/admin.token" "$rounds"
echo "ipp-web resident memory after: $(grep VmRSS /proc/"$(pgrep -f "^$bin/ipp-web ")"/status | awk '{print $2, $3}')"
