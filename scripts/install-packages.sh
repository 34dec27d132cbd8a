#!/usr/bin/env bash
# Installs those of the given Debian packages that are missing (as root, or through sudo).
# --no-services keeps the packages from starting their services during the install (a daemon
# such as slurmctld fails its post-install start without a configuration, and the install with it).
#   scripts/install-packages.sh [--no-services] PACKAGE...
set -euo pipefail
no_services=false
if [ "${1:-}" = --no-services ]; then no_services=true && shift; fi
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]})) || exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "installing ${missing[*]}"
$sudo apt-get update -qq
policy=/usr/sbin/policy-rc.d added=false status=0
if $no_services && [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod +x "$policy"
  added=true
fi
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" \
  >/dev/null || status=$?
if $added; then $sudo rm -f "$policy"; fi
exit "$status"
