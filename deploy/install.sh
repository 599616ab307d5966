#!/usr/bin/env bash
# Installs IPP Services: the five binaries (four services and the web client), their systemd units and ipp.target, and example
# configuration. Safe to run twice; never overwrites a configuration file that was changed:
# the new example is written beside it as .new and the run says so.
#
#   deploy/install.sh            # builds release binaries if needed, installs under /
#   DESTDIR=/tmp/root deploy/install.sh   # installs into a staging root (no systemctl calls)
#   IPP_BIN_DIR=path deploy/install.sh    # installs binaries already built there (no build)
set -euo pipefail
cd "$(dirname "$0")/.."
destdir=${DESTDIR:-}
services=(intake scoring monitor notify web)

bin_dir=${IPP_BIN_DIR:-}
if [ -z "$bin_dir" ]; then
  bin_dir=$(swift build -c release --show-bin-path)
  for service in "${services[@]}"; do
    [ -x "$bin_dir/ipp-$service" ] || { swift build -c release; break; }
  done
  [ -x "$bin_dir/ippctl" ] || swift build -c release --product ippctl
fi

changed=0
install_file() { # mode source target: install unless identical; report what happened
  local mode=$1 source=$2 target=$3
  if [ -e "$target" ] && cmp -s "$source" "$target"; then
    echo "unchanged  $target"
  else
    install -D -m "$mode" "$source" "$target"
    echo "installed  $target"
    changed=1
  fi
}

for service in "${services[@]}"; do
  install_file 0755 "$bin_dir/ipp-$service" "$destdir/usr/local/bin/ipp-$service"
  install_file 0644 "deploy/systemd/ipp-$service.service" "$destdir/etc/systemd/system/ipp-$service.service"
  [ -e "deploy/systemd/ipp-$service.socket" ] \
    && install_file 0644 "deploy/systemd/ipp-$service.socket" "$destdir/etc/systemd/system/ipp-$service.socket"
  config="$destdir/etc/ipp/ipp-$service.conf"
  if [ -e "$config" ] && ! cmp -s "deploy/config/ipp-$service.conf" "$config"; then
    install -m 0644 "deploy/config/ipp-$service.conf" "$config.new"
    echo "kept       $config (changed locally; the new example is $config.new)"
  else
    install_file 0644 "deploy/config/ipp-$service.conf" "$config"
  fi
done
install_file 0755 "$bin_dir/ippctl" "$destdir/usr/local/bin/ippctl"
install_file 0644 deploy/systemd/ipp.target "$destdir/etc/systemd/system/ipp.target"
if [ ! -e "$destdir/etc/ipp/tokens" ]; then
  install -D -m 0600 /dev/null "$destdir/etc/ipp/tokens"
  echo "created    $destdir/etc/ipp/tokens (empty: add token hashes, see docs/operations.md)"
fi

if [ -z "$destdir" ] && [ "$changed" = 1 ] && command -v systemctl >/dev/null; then
  systemctl daemon-reload
  echo "systemd reloaded; start with: systemctl enable --now ipp.target"
fi
