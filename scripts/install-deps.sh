#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, when they are missing.
# Run as root (or with sudo available); otherwise it says exactly what to install.
set -euo pipefail

# command -> Debian package
declare -A NEEDED=(
  [java]=openjdk-17-jdk-headless
  [mvn]=maven
  [socat]=socat
  [pdfsig]=poppler-utils
  [certutil]=libnss3-tools
  [openssl]=openssl
)

missing=()
for cmd in "${!NEEDED[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${NEEDED[$cmd]}")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: missing Debian packages: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo"
else
  echo "install-deps: run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: installed ${missing[*]}" >&2
