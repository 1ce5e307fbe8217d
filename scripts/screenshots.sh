#!/usr/bin/env bash
# Screenshots of the desktop app for the README: starts `testbench gui` in a virtual 1280x800 display,
# lets it tour its screens (start the virtual lab, run the E2E sequence on every position, import the
# next MDMS API, open the run in Results, Settings) and save a PNG of each into docs/screenshots/.
#
#   scripts/screenshots.sh            # builds the jar when it is missing
#   scripts/screenshots.sh --rebuild  # always rebuilds it first
#   OUT=/tmp/shots scripts/screenshots.sh
#
# Needs xvfb-run and xauth (scripts/install-deps.sh). The tour's run goes to a throw-away database and
# settings directory, never to your own.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAR="$ROOT/testbench-app/target/testbench.jar"
OUT=${OUT:-$ROOT/docs/screenshots}

if [[ "${1:-}" == "--rebuild" || ! -f "$JAR" ]]; then
  mvn -B -q -ntp -pl testbench-app -am -DskipTests package
fi
command -v xvfb-run >/dev/null || { echo "screenshots.sh: xvfb-run is missing (scripts/install-deps.sh)" >&2; exit 2; }

SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
mkdir -p "$OUT"
rm -f "$OUT"/{bench,mdms-import,results,settings}.png

# The virtual MDMS answers 10x faster than real RF, so that the tour takes seconds, not minutes.
XDG_DATA_HOME="$SCRATCH/data" XDG_CONFIG_HOME="$SCRATCH/config" HOME="$SCRATCH/home" \
  timeout 300 xvfb-run -a -s "-screen 0 1280x800x24" \
  java -Dprism.order=sw -jar "$JAR" gui --lab-time-scale 0.1 --screenshot-tour "$OUT"

missing=0
for shot in bench mdms-import results settings; do
  if [[ -s "$OUT/$shot.png" ]]; then
    echo "$OUT/$shot.png"
  else
    echo "screenshots.sh: $shot.png was not written" >&2
    missing=1
  fi
done
exit $missing
