#!/usr/bin/env bash
# Runs every test of every module (unit and integration tests, the built jar included).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
exec mvn -B -ntp verify "$@"
