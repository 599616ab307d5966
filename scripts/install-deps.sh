#!/usr/bin/env bash
# Installs, idempotently, what a fresh Debian 12 machine lacks to build, run and test
# IPP Services: the C libraries the card names, the HTTP/2 and gRPC test peers, and the
# Python packages the interop tests use. Safe to run twice; does nothing when all is there.
set -euo pipefail

apt_packages=(libnghttp2-dev libsqlite3-dev nghttp2-client nghttp2-server curl python3-pip pkg-config openssl chromium fonts-dejavu-core)
python_packages=(cbor2 grpcio:grpc aiosmtpd h2 cryptography websocket-client:websocket)  # package[:module to import]

missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "install-deps: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

missing_python=()
for entry in "${python_packages[@]}"; do
  package=${entry%%:*}
  module=${entry#*:}
  python3 -c "import ${module}" 2>/dev/null || missing_python+=("$package")
done
if ((${#missing_python[@]})); then
  echo "install-deps: installing Python packages: ${missing_python[*]}"
  python3 -m pip install --quiet --disable-pip-version-check "${missing_python[@]}" \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "${missing_python[@]}"
fi
