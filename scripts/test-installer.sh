#!/usr/bin/env bash
# Builds the .deb (mvn -Pinstaller package), installs it, uses the installed `testbench` as a user would
# (help, the virtual lab, a DLMS read and a ciphered load-switch command against it, the demo with signed
# reports checked by `verify`, the menu entry, the GUI under Xvfb when this build has it), measures its start
# time against `java -jar`, and removes the package again, leaving the machine as it was.
#
#   scripts/test-installer.sh             build, then test
#   scripts/test-installer.sh --no-build  test installer/target/testbench_*.deb as it is
#
# Installing needs root or password-less sudo. Where it cannot install (or a testbench package is installed
# already), it says so and exits 0 without testing; TESTBENCH_REQUIRE_INSTALLER_TEST=1 makes that exit 2.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

build=1
case "${1:-}" in
  --no-build) build=0 ;;
  "") ;;
  *) echo "usage: $0 [--no-build]" >&2; exit 2 ;;
esac

say() { echo "test-installer: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }
skip() {
  if [ "${TESTBENCH_REQUIRE_INSTALLER_TEST:-0}" = 1 ]; then
    say "cannot run: $* (TESTBENCH_REQUIRE_INSTALLER_TEST=1)"; exit 2
  fi
  say "SKIPPED: $*"; exit 0
}

# --- can this machine install a package? ---------------------------------------------------------------
command -v dpkg >/dev/null 2>&1 || skip "no dpkg here (the installer is a Debian package)"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  skip "installing a package needs root or password-less sudo; run it as root to test the .deb"
fi
case "$(dpkg-query -W -f='${db:Status-Status}' testbench 2>/dev/null || true)" in
  ""|not-installed|config-files) ;;
  *) skip "a testbench package is installed on this machine already; this test does not touch it (remove it with: sudo dpkg -r testbench)" ;;
esac
if [ -e /usr/bin/testbench ] && [ ! -L /usr/bin/testbench ]; then
  skip "/usr/bin/testbench exists and belongs to something else"
fi

# --- build ---------------------------------------------------------------------------------------------
if [ $build = 1 ]; then
  say "building: mvn -Pinstaller -DskipTests package"
  start=$(date +%s)
  mvn -B -q -ntp -Dstyle.color=never -Pinstaller -DskipTests package -pl installer -am
  say "built in $(( $(date +%s) - start )) s"
fi
shopt -s nullglob
debs=("$root"/installer/target/testbench_*.deb)
[ ${#debs[@]} -eq 1 ] || fail "expected one installer/target/testbench_*.deb, found ${#debs[@]} (build with mvn -Pinstaller package)"
deb=${debs[0]}
jar="$root/testbench-app/target/testbench.jar"
say "$(basename "$deb"): $(( $(stat -c %s "$deb") / 1048576 )) MiB, app-image $(du -sm "$root/installer/target/testbench" | cut -f1) MiB"

# What dpkg will be told: JavaFX's libraries among the dependencies, the menu entry's tool too.
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libgtk-3-0 libgl1 xdg-utils; do
  tr -d ' ' <<<"$depends" | tr ',' '\n' | grep -qx "$dep" || fail "the .deb does not depend on $dep: $depends"
done
[ "$(dpkg-deb -f "$deb" Package)" = testbench ] || fail "the .deb's package is $(dpkg-deb -f "$deb" Package), not testbench"

# --- install, and always remove again -----------------------------------------------------------------
work=$(mktemp -d /tmp/testbench-installer-test.XXXXXX)
lab_pid=""
installed=0
cleanup() {
  local rc=$?
  if [ -n "$lab_pid" ]; then kill -TERM -- "-$lab_pid" 2>/dev/null || true; wait "$lab_pid" 2>/dev/null || true; fi
  if [ $installed = 1 ]; then
    $SUDO dpkg --purge testbench >/dev/null 2>&1 || say "could not remove the testbench package: remove it with sudo dpkg -r testbench"
  fi
  rm -rf "$work"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "installing with dpkg -i"
installed=1
$SUDO dpkg -i "$deb" >"$work/dpkg-install.log" 2>&1 || { cat "$work/dpkg-install.log" >&2; fail "dpkg -i $deb"; }

# Commands run as this user, with a home of their own: nothing lands in the real one (results database,
# JavaFX caches), and what does land there can be checked.
mkdir -p "$work/home"
export JAVA_TOOL_OPTIONS="-Duser.home=$work/home"
export TESTBENCH_KEYSTORE_PASSWORD="installer-test-$$"

# --- what the package installed -----------------------------------------------------------------------
[ "$(command -v testbench)" = /usr/bin/testbench ] || fail "testbench on the PATH is $(command -v testbench || echo missing), not /usr/bin/testbench"
[ "$(readlink -f /usr/bin/testbench)" = /opt/testbench/lib/app/testbench.sh ] || fail "/usr/bin/testbench points to $(readlink -f /usr/bin/testbench)"
desktop=/usr/share/applications/testbench-testbench.desktop
[ -f "$desktop" ] || fail "no menu entry $desktop"
grep -qx 'Exec=/opt/testbench/lib/app/testbench.sh gui' "$desktop" || fail "the menu entry does not open the GUI: $(grep ^Exec= "$desktop")"
icon=$(sed -n 's/^Icon=//p' "$desktop")
[ -f "$icon" ] || fail "the menu entry's icon $icon is missing"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$desktop" || fail "desktop-file-validate $desktop"
fi

# --- the command line ---------------------------------------------------------------------------------
testbench --help >"$work/help.txt" 2>&1 || { cat "$work/help.txt" >&2; fail "testbench --help"; }
grep -q "Usage: testbench" "$work/help.txt" || fail "testbench --help printed no usage"
testbench lab --help >"$work/lab-help.txt" 2>&1 || fail "testbench lab --help"
grep -q -- "--meters" "$work/lab-help.txt" || fail "testbench lab --help does not describe --meters"
/opt/testbench/bin/testbench --help >/dev/null 2>&1 || fail "the jpackage launcher /opt/testbench/bin/testbench --help"
say "testbench --help and testbench lab --help work, from /usr/bin and from the jpackage launcher"

# The virtual lab in its own process, then a plain read and a ciphered load-switch command (HLS-GMAC with
# the keys from its PKCS#12 keystore) against it: DLMS, AES-GCM and PKCS#12 from the bundled runtime.
setsid testbench lab --meters 1 --no-pty --dir "$work/lab" --endpoints "$work/endpoints.json" >"$work/lab.log" 2>&1 &
lab_pid=$!
for _ in $(seq 1 120); do
  [ -s "$work/endpoints.json" ] && break
  kill -0 "$lab_pid" 2>/dev/null || { cat "$work/lab.log" >&2; fail "testbench lab stopped"; }
  sleep 0.25
done
[ -s "$work/endpoints.json" ] || { cat "$work/lab.log" >&2; fail "testbench lab wrote no endpoints in 30 s"; }
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {'d': d}))" "$@"; }
optical=$(json "$work/endpoints.json" 'd["meters"][0]["optical"]')
keystore=$(json "$work/endpoints.json" 'd["keystore"]')
serial=$(json "$work/endpoints.json" 'd["meters"][0]["serial"]')
testbench read --port "$optical" --json >"$work/read.json" 2>"$work/read.err" || { cat "$work/read.err" >&2; fail "testbench read --port $optical"; }
[ "$(json "$work/read.json" 'd["serial"]')" = "$serial" ] || fail "testbench read answered serial $(json "$work/read.json" 'd["serial"]'), the lab says $serial"
testbench switch --port "$optical" --keystore "$keystore" open --json >"$work/switch.json" 2>"$work/switch.err" \
  || { cat "$work/switch.err" >&2; fail "testbench switch open"; }
[ "$(json "$work/switch.json" 'd["confirmed"]')" = True ] || fail "testbench switch open was not confirmed: $(cat "$work/switch.json")"
testbench switch --port "$optical" --keystore "$keystore" close --json >/dev/null 2>"$work/switch.err" \
  || { cat "$work/switch.err" >&2; fail "testbench switch close"; }
kill -TERM -- "-$lab_pid" 2>/dev/null || true
wait "$lab_pid" 2>/dev/null || true
lab_pid=""
say "lab, read (serial $serial) and switch open/close work"

# The demo: E2E sequences on the virtual lab, results in H2, reports signed (PAdES, CMS) and verified.
(cd "$work" && testbench demo --meters 2 --db "jdbc:h2:file:$work/db/results") >"$work/demo.log" 2>&1 \
  || { cat "$work/demo.log" >&2; fail "testbench demo"; }
ca=("$work"/testbench-demo-reports/demo-pki-*/ca.pem)
[ ${#ca[@]} -eq 1 ] || fail "the demo wrote no evaluation CA"
for report in e2e-load-switch.pdf e2e-load-switch.json; do
  testbench verify "$work/testbench-demo-reports/$report" --ca "${ca[0]}" >"$work/verify.txt" 2>&1 \
    || { cat "$work/verify.txt" >&2; fail "testbench verify $report"; }
  grep -q "^VALID" "$work/verify.txt" || fail "testbench verify $report: $(head -1 "$work/verify.txt")"
done
say "demo passed on 2 positions, its signed PDF and JSON reports verify"

# --- the GUI, once this build has one -----------------------------------------------------------------
# (`testbench gui --help` is no test: picocli prints the top-level help for an unknown command with --help.)
if grep -qE '^ +gui( |$)' "$work/help.txt"; then
  if command -v xvfb-run >/dev/null 2>&1; then
    # Still running after 20 s (timeout's 124) means the window came up and did not die.
    set +e
    xvfb-run -a -s "-screen 0 1280x800x24" timeout 20 /opt/testbench/lib/app/testbench.sh gui >"$work/gui.log" 2>&1
    rc=$?
    set -e
    [ $rc -eq 124 ] || { cat "$work/gui.log" >&2; fail "testbench gui under Xvfb ended with $rc within 20 s"; }
    # JavaFX found its natives beside the jar: nothing unpacked under the home directory.
    [ ! -e "$work/home/.openjfx" ] || fail "JavaFX unpacked its natives under the home directory: $(ls "$work/home/.openjfx")"
    say "testbench gui runs under Xvfb, JavaFX natives loaded from /opt/testbench/lib/app"
  else
    say "no xvfb-run: the GUI start is not checked"
  fi
else
  say "this build has no gui command yet: the GUI start is not checked"
fi

# --- start time of the installed command against java -jar --------------------------------------------
# Seven rounds, the three commands taking turns so that a load change hits them alike; the medians.
unset JAVA_TOOL_OPTIONS
if [ -f "$jar" ]; then
  : >"$work/times"
  for _ in 1 2 3 4 5 6 7; do
    for cmd in installed jar launcher; do
      case $cmd in
        installed) set -- testbench --help ;;
        jar) set -- java -jar "$jar" --help ;;
        launcher) set -- /opt/testbench/bin/testbench --help ;;
      esac
      t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
      echo "$cmd $(( (t1 - t0) / 1000000 ))" >>"$work/times"
    done
  done
  median() { awk -v c="$1" '$1 == c { print $2 }' "$work/times" | sort -n | sed -n 4p; }
  installed_ms=$(median installed); jar_ms=$(median jar); launcher_ms=$(median launcher)
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
  say "start time of --help (median of 7): installed testbench ${installed_ms} ms, java -jar ${jar_ms} ms" \
      "(ratio $(ratio "$installed_ms" "$jar_ms")); jpackage launcher ${launcher_ms} ms (ratio $(ratio "$launcher_ms" "$jar_ms"))"
fi

# --- remove, and check that nothing is left -----------------------------------------------------------
$SUDO dpkg --purge testbench >"$work/dpkg-remove.log" 2>&1 || { cat "$work/dpkg-remove.log" >&2; fail "dpkg --purge testbench"; }
installed=0
for leftover in /usr/bin/testbench /opt/testbench "$desktop"; do
  [ ! -e "$leftover" ] && [ ! -L "$leftover" ] || fail "dpkg --purge left $leftover behind"
done
say "removed again, nothing left behind"
say "PASSED"
