#!/usr/bin/env bash
# make run: builds, then runs the four services in the foreground on their default ports with
# their state under ./var, until Ctrl-C (which stops them gracefully). An admin token is made
# once and kept in ./var/admin.token; ./var/tokens holds only its hash.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build
bin=$(swift build --show-bin-path)
mkdir -p var
if [ ! -s var/admin.token ]; then
  (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(32))' > var/admin.token)
fi
hash=$(tr -d '\n' < var/admin.token | sha256sum | cut -d' ' -f1)
(umask 077 && echo "$hash admin kpu-ri.admin" > var/tokens)

pids=()
stop() { kill -TERM "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; }
trap stop INT TERM EXIT
for service in intake scoring monitor notify; do
  "$bin/ipp-$service" --state.directory "var/ipp-$service" --tokens.file var/tokens \
    > >(sed -u "s/^/[ipp-$service] /") 2>&1 &
  pids+=($!)
done
for port in 9401 9402 9403 9404; do
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
    sleep 0.1
  done
done
echo "IPP Services are up: RPC 7401-7404, admin 9401-9404; admin token in var/admin.token. Ctrl-C stops them."
echo "Try: $bin/ippctl call ipp.Scoring/Categorize '{\"score\": 77.5}'"
wait "${pids[@]}"
