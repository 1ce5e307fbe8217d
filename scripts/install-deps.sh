#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, when they are missing.
# Run as root (or with sudo available); otherwise it says exactly what to install.
set -euo pipefail

# Debian package -> a file it installs (a command, or a library for those that have none).
declare -A NEEDED=(
  [openjdk-17-jdk-headless]=/usr/bin/javac
  [maven]=/usr/bin/mvn
  [socat]=/usr/bin/socat                      # pseudo-terminal optical ports of the virtual lab
  [poppler-utils]=/usr/bin/pdfsig             # checks PAdES signatures in report tests
  [libnss3-tools]=/usr/bin/certutil           # NSS trust store for pdfsig
  [openssl]=/usr/bin/openssl                  # checks CMS signatures, makes test certificates
  [postgresql]=/usr/lib/postgresql/15/bin/initdb   # the store's tests start a real PostgreSQL server
  [mosquitto]=/usr/sbin/mosquitto             # external MQTT broker for the event-notification tests
  [mosquitto-clients]=/usr/bin/mosquitto_pub
  [testssl.sh]=/usr/bin/testssl               # reference TLS scanner the TLS audit is checked against
  [xvfb]=/usr/bin/xvfb-run                    # desktop app screenshots in a virtual display
  [xauth]=/usr/bin/xauth
  [imagemagick]=/usr/bin/import               # screenshots of the virtual display
  [libgtk-3-0]=/usr/lib/x86_64-linux-gnu/libgtk-3.so.0   # JavaFX 21 windows
  [libxtst6]=/usr/lib/x86_64-linux-gnu/libXtst.so.6
  [libgl1]=/usr/lib/x86_64-linux-gnu/libGL.so.1
  [fakeroot]=/usr/bin/fakeroot                # jpackage builds the .deb
  [binutils]=/usr/bin/objcopy
  [xdg-utils]=/usr/bin/xdg-desktop-menu       # the .deb's postinst installs its menu entry with it
  [desktop-file-utils]=/usr/bin/desktop-file-validate   # the installer test checks that menu entry
  [nodejs]=/usr/bin/node                     # Prism (npm, installed by the test into target/) checks requests
  [npm]=/usr/bin/npm                         # against the MDMS dialects' OpenAPI documents
  [stress-ng]=/usr/bin/stress-ng             # scripts/test-under-load.sh keeps both cores busy during the suite
)

missing=()
for pkg in "${!NEEDED[@]}"; do
  file="${NEEDED[$pkg]}"
  # Commands may live elsewhere on PATH (a JDK under /opt, say); libraries are checked by file.
  if [ -e "$file" ] || { [[ "$file" == */bin/* ]] && command -v "$(basename "$file")" >/dev/null 2>&1; }; then
    continue
  fi
  missing+=("$pkg")
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
