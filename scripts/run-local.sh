#!/usr/bin/env bash
# make run: builds, then runs the four services and the web client in the foreground on their default ports with
# their state under ./var, until Ctrl-C (which stops them and everything started here); the first
# time, seeds what a newcomer needs to try it (scripts/seed-local.py). An admin
# token and the services' own token are made once and kept in ./var/admin.token and
# ./var/service.token; ./var/tokens holds only their hashes.
#
# In place of the outside world, on 127.0.0.1 only, two local stand-ins (scripts/local-*.py): the
# 553 KPU websites, which ipp-monitor reaches through its resolve override (never the real
# hosts), and a mail server that keeps each message ipp-notify sends in ./var/mail.
#
# IPP_RUN_BIN (a folder holding built executables: no build) and IPP_RUN_VAR (the state folder,
# default ./var) are for the test that runs this script.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
if [ -n "${IPP_RUN_BIN:-}" ]; then
  bin=$IPP_RUN_BIN
else
  swift build
  bin=$(swift build --show-bin-path)
fi
var=${IPP_RUN_VAR:-var}
mkdir -p "$var"
cd "$var"
if [ ! -s admin.token ]; then
  (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(32))' > admin.token)
fi
if [ ! -s service.token ]; then
  (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(32))' > service.token)
fi
hash_of() { tr -d '\n' < "$1" | sha256sum | cut -d' ' -f1; }
(umask 077 && printf '%s admin kpu-ri.admin\n%s service ipp-services\n' \
  "$(hash_of admin.token)" "$(hash_of service.token)" > tokens)

pids=()
stop() {
  trap - INT TERM EXIT
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM EXIT
start() {
  local service=$1
  shift
  "$bin/ipp-$service" --state.directory "ipp-$service" --tokens.file tokens "$@" \
    > >(sed -u "s/^/[ipp-$service] /") 2>&1 &
  pids+=($!)
}
# Starts a local stand-in and waits for the line READY <ports> it prints, kept in <name>.ready.
standin() {
  local name=$1
  shift
  rm -f "$name.ready"
  python3 "$@" > "$name.ready" 2> >(sed -u "s/^/[$name] /" >&2) &
  pids+=($!)
  for _ in $(seq 200); do
    grep -q READY "$name.ready" 2>/dev/null && return
    sleep 0.1
  done
  echo "$name did not start" >&2
  exit 1
}
await_ready() {
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$1/readyz" >/dev/null && return
    sleep 0.1
  done
}
standin local-sites "$root/scripts/local-sites.py" local-sites --latency 20-300
sites=$(awk '/READY/ {print $3}' local-sites.ready)
standin local-mail "$root/scripts/local-mail.py" mail
mail=$(awk '/READY/ {print $2}' local-mail.ready)

# Intake first: it makes the key its tokens are signed with; the others check tokens with its
# public half and take its revocations with the service token.
start intake --scoring.token_file service.token
await_ready 9401
start scoring --tokens.issuer_key_file ipp-intake/token-issuer.pub \
  --tokens.intake_token_file service.token
# Monitor checks the local stand-ins for the KPU sites and sends site alerts to notify with the
# service token.
start monitor --tokens.issuer_key_file ipp-intake/token-issuer.pub \
  --tokens.intake_token_file service.token --notify.token_file service.token \
  --probe.resolve "*.kpu.go.id:443=127.0.0.1:$sites,kpu.go.id:443=127.0.0.1:$sites" \
  --probe.trust_roots_file local-sites/ca.pem
# Notify reads filling progress from intake with the service token, and mails the local sink.
start notify --tokens.issuer_key_file ipp-intake/token-issuer.pub \
  --tokens.intake_token_file service.token --intake.token_file service.token \
  --smtp.host 127.0.0.1 --smtp.port "$mail" --smtp.security none
for port in 9402 9403 9404; do await_ready "$port"; done
# The web client: pages for people, signing in with the tokens the services accept.
start web --tokens.issuer_key_file ipp-intake/token-issuer.pub
# The first time: pilkada-2024's filling window, the reminder schedule and a recipient per region.
python3 "$root/scripts/seed-local.py" admin.token
echo "IPP Services are up: RPC 7401-7404, admin 9401-9404; admin token in $var/admin.token. Ctrl-C stops them."
echo "Web: http://127.0.0.1:8400/ (sign in with the token in $var/admin.token)."
echo "Local stand-ins: the 553 KPU sites on 127.0.0.1:$sites (HTTPS), mail kept in $var/mail (SMTP 127.0.0.1:$mail)."
echo "Try, in another terminal (README.md has a five-minute tour):"
echo "  $bin/ippctl deadline 33.14"
echo "  $bin/ippctl import docs/examples/sragen-pilkada-2024.csv --dry-run"
echo "  $bin/ippctl province-summary 33"
echo "  $bin/ippctl site-activity 33     (once the monitor has read the sites, a minute or two)"
wait "${pids[@]}"
