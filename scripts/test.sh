#!/usr/bin/env bash
# Runs every test of every module (unit and integration tests, the built jar included), then installs the
# .deb and uses it (scripts/test-installer.sh; it skips itself, saying why, where packages cannot be installed).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
mvn -B -ntp verify "$@"
scripts/test-installer.sh
