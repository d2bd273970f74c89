#!/usr/bin/env bash
# The Python wheel, tried the way a user gets it: build it once with maturin (binary-only
# mode, the stripped `dist` profile), install it into a fresh virtual environment with no
# Rust toolchain on PATH, then run `bluecode --version`, `bluecode scan` on the sample
# project and one `bluecode lsp` initialize/shutdown. Prints the wheel size and the time
# of install + first scan (target: ≤ 10 s).
#
# Usage: bash .ci/wheel-test.sh            (builds into $BLUECODE_WHEEL_DIR, default target/wheels)
#        BLUECODE_WHEEL=path.whl bash .ci/wheel-test.sh   (tests an existing wheel)
# Called by .ci/run before `cargo test` when CI=true or BLUECODE_WHEEL_TESTS=1.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
T="${BLUECODE_TOOLS:-$ROOT/.tools}"
mkdir -p "$T"
OUT="${BLUECODE_WHEEL_DIR:-$ROOT/target/wheels}"
started=$(date +%s)
step() { echo "== wheel [$(($(date +%s) - started))s] $*"; }

if [ -z "${BLUECODE_WHEEL:-}" ]; then
    if ! "$T/maturin-venv/bin/maturin" --version >/dev/null 2>&1; then
        step "maturin (PyPI)"
        python3 -m venv "$T/maturin-venv"
        "$T/maturin-venv/bin/pip" install --quiet --disable-pip-version-check 'maturin>=1,<2'
    fi
    step "maturin build (profile dist, manylinux2014)"
    rm -f "$OUT"/bluecode-*.whl
    t0=$(date +%s)
    "$T/maturin-venv/bin/maturin" build --quiet -o "$OUT"
    step "wheel built in $(($(date +%s) - t0)) s"
    BLUECODE_WHEEL=$(ls "$OUT"/bluecode-*.whl | head -1)
fi
WHEEL=$(readlink -f "$BLUECODE_WHEEL")
echo "wheel: $(basename "$WHEEL") $(stat -c %s "$WHEEL") bytes ($(du -h "$WHEEL" | cut -f1))"

# A clean environment: a fresh venv, a PATH with no cargo and no other bluecode.
VENV=$(mktemp -d /tmp/bluecode-wheel-venv.XXXXXX)
trap 'rm -rf "$VENV"' EXIT
python3 -m venv "$VENV"
CLEAN_PATH="$VENV/bin:/usr/bin:/bin"
if PATH="$CLEAN_PATH" command -v cargo >/dev/null; then
    echo "note: cargo is on the clean PATH ($(PATH="$CLEAN_PATH" command -v cargo)); the wheel does not use it"
fi

t0=$(date +%s%N)
PATH="$CLEAN_PATH" "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-index "$WHEEL"
t1=$(date +%s%N)
BIN=$(PATH="$CLEAN_PATH" command -v bluecode)
[ "$BIN" = "$VENV/bin/bluecode" ] || { echo "bluecode on PATH is $BIN, not the venv's"; exit 1; }
set +e
(cd tests/sample-project && PATH="$CLEAN_PATH" bluecode scan . >"$VENV/scan.txt" 2>"$VENV/scan.err")
scan_rc=$?
set -e
t2=$(date +%s%N)
# The sample project has findings: exit 1 is the expected outcome, 2 an error.
if [ "$scan_rc" -ne 1 ] || ! grep -q "app/orders.py:" "$VENV/scan.txt"; then
    echo "scan failed (exit $scan_rc):"; cat "$VENV/scan.txt" "$VENV/scan.err"; exit 1
fi
install_ms=$(((t1 - t0) / 1000000))
scan_ms=$(((t2 - t1) / 1000000))
total_ms=$(((t2 - t0) / 1000000))
echo "version: $(PATH="$CLEAN_PATH" bluecode --version)"
echo "scan: $(grep -c '^app/\|^tools/' "$VENV/scan.txt" || true) finding lines; $(tail -1 "$VENV/scan.txt")"
echo "install: ${install_ms} ms, first scan: ${scan_ms} ms, install + first scan: ${total_ms} ms (target ≤ 10000)"
PATH="$CLEAN_PATH" python3 tests/wheel/lsp_smoke.py "$BIN" tests/sample-project
if [ "$total_ms" -gt 10000 ]; then
    echo "install + first scan took ${total_ms} ms, over the 10 s target"; exit 1
fi
step "ok"
