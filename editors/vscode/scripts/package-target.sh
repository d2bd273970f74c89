#!/usr/bin/env bash
# Builds a platform-specific .vsix that carries the bluecode server, so the extension works
# with nothing else installed. The binary is copied to server/ for the packaging only and
# removed afterwards (server/ is git-ignored).
#
# Usage: scripts/package-target.sh TARGET BINARY [OUT.vsix]
#   TARGET  a vsce target: linux-x64, linux-arm64, darwin-x64, darwin-arm64, win32-x64, alpine-x64 …
#   BINARY  the stripped bluecode for that platform (`cargo build --profile dist` →
#           target/dist/bluecode; for another platform add `--target <rust triple>`)
# Example: scripts/package-target.sh linux-x64 ../../target/dist/bluecode
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${1:?usage: package-target.sh TARGET BINARY [OUT.vsix]}
BINARY=$(readlink -f "${2:?usage: package-target.sh TARGET BINARY [OUT.vsix]}")
VERSION=$(node -p "require('./package.json').version")
OUT=${3:-bluecode-$TARGET-$VERSION.vsix}
[ -x "$BINARY" ] || { echo "not an executable: $BINARY" >&2; exit 1; }
name=bluecode
case "$TARGET" in win32-*) name=bluecode.exe ;; esac
rm -rf server bin
mkdir -p server
trap 'rm -rf server' EXIT
cp "$BINARY" "server/$name"
chmod +x "server/$name"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
npx --no-install vsce package --no-dependencies --skip-license --target "$TARGET" -o "$OUT"
echo "$OUT: $(stat -c %s "$OUT") bytes, server $(stat -c %s "$BINARY") bytes"
