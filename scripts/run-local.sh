#!/usr/bin/env bash
# make run: builds, then runs the four services in the foreground on their default ports with
# their state under ./var, until Ctrl-C (which stops them gracefully). An admin token and the
# services' own token are made once and kept in ./var/admin.token and ./var/service.token;
# ./var/tokens holds only their hashes.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build
bin=$(swift build --show-bin-path)
mkdir -p var
if [ ! -s var/admin.token ]; then
  (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(32))' > var/admin.token)
fi
if [ ! -s var/service.token ]; then
  (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(32))' > var/service.token)
fi
hash_of() { tr -d '\n' < "$1" | sha256sum | cut -d' ' -f1; }
(umask 077 && printf '%s admin kpu-ri.admin\n%s service ipp-services\n' \
  "$(hash_of var/admin.token)" "$(hash_of var/service.token)" > var/tokens)

pids=()
stop() { kill -TERM "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; }
trap stop INT TERM EXIT
start() {
  local service=$1
  shift
  "$bin/ipp-$service" --state.directory "var/ipp-$service" --tokens.file var/tokens "$@" \
    > >(sed -u "s/^/[ipp-$service] /") 2>&1 &
  pids+=($!)
}
await_ready() {
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$1/readyz" >/dev/null && return
    sleep 0.1
  done
}
# Intake first: it makes the key its tokens are signed with; the others check tokens with its
# public half and take its revocations with the service token.
start intake --scoring.token_file var/service.token
await_ready 9401
start scoring --tokens.issuer_key_file var/ipp-intake/token-issuer.pub \
  --tokens.intake_token_file var/service.token
# Monitor sends site alerts to notify with the service token.
start monitor --tokens.issuer_key_file var/ipp-intake/token-issuer.pub \
  --tokens.intake_token_file var/service.token --notify.token_file var/service.token
# Notify also reads filling progress from intake with the service token.
start notify --tokens.issuer_key_file var/ipp-intake/token-issuer.pub \
  --tokens.intake_token_file var/service.token --intake.token_file var/service.token
for port in 9402 9403 9404; do await_ready "$port"; done
echo "IPP Services are up: RPC 7401-7404, admin 9401-9404; admin token in var/admin.token. Ctrl-C stops them."
echo "Try: $bin/ippctl call ipp.Scoring/Categorize '{\"score\": 77.5}'"
wait "${pids[@]}"
