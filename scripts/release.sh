#!/usr/bin/env bash
# Release artifacts for one platform, in target/artifacts/:
#   bluecode-<version>-<rust target>.tar.gz   the stripped binary, README.md, LICENSE (when
#                                              the repository has one), ARCHITECTURE.md and
#                                              the constitutions docs (constitutions/README.md)
#   bluecode-<version>-*.whl                  the Python wheel (maturin, binary-only), when
#                                              maturin is available (BLUECODE_MATURIN or PATH)
#   bluecode-<target>-<version>.vsix          the VS Code extension carrying the server, when
#                                              editors/vscode has its node modules
#   SHA256SUMS                                sha256 of every file above
#
# Usage: scripts/release.sh [RUST_TARGET]   (default: the host, e.g. x86_64-unknown-linux-gnu)
# BLUECODE_DIST_BIN=path skips the cargo build and packages that binary instead.
# The binary is `cargo build --locked --profile dist` (Cargo.toml: release without debug
# info, stripped). Other targets need their toolchain (`rustup target add`, a linker).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
HOST=$(rustc -vV | sed -n 's/^host: //p')
TARGET=${1:-$HOST}
VERSION=$(cargo metadata --no-deps --format-version 1 | python3 -c \
    'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"]=="bluecode"))')
OUT="$ROOT/target/artifacts"
mkdir -p "$OUT"
export BLUECODE_GIT_COMMIT="${BLUECODE_GIT_COMMIT:-$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)}"

if [ -n "${BLUECODE_DIST_BIN:-}" ]; then
    BIN=$(readlink -f "$BLUECODE_DIST_BIN")
elif [ "$TARGET" = "$HOST" ]; then
    cargo build --locked --profile dist --bin bluecode
    BIN="$ROOT/target/dist/bluecode"
else
    cargo build --locked --profile dist --bin bluecode --target "$TARGET"
    BIN="$ROOT/target/$TARGET/dist/bluecode"
fi
case "$TARGET" in *windows*) [ -f "$BIN.exe" ] && BIN="$BIN.exe" ;; esac
"$BIN" --version

NAME="bluecode-$VERSION-$TARGET"
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
mkdir -p "$STAGE/$NAME/docs/constitutions"
cp "$BIN" "$STAGE/$NAME/"
cp README.md ARCHITECTURE.md "$STAGE/$NAME/"
for license in LICENSE LICENSE-APACHE LICENSE-MIT; do
    [ -f "$license" ] && cp "$license" "$STAGE/$NAME/"
done
cp constitutions/README.md "$STAGE/$NAME/docs/constitutions/README.md"
cp editors/README.md "$STAGE/$NAME/docs/editors.md"
tar -C "$STAGE" --owner=0 --group=0 --sort=name -czf "$OUT/$NAME.tar.gz" "$NAME"

MATURIN=${BLUECODE_MATURIN:-$(command -v maturin || true)}
if [ -n "$MATURIN" ] && [ "$TARGET" = "$HOST" ]; then
    rm -f "$OUT"/bluecode-*.whl
    "$MATURIN" build --quiet -o "$OUT"
fi
if [ -d editors/vscode/node_modules ]; then
    case "$TARGET" in
        x86_64-unknown-linux-gnu) VSCE=linux-x64 ;;
        aarch64-unknown-linux-gnu) VSCE=linux-arm64 ;;
        x86_64-apple-darwin) VSCE=darwin-x64 ;;
        aarch64-apple-darwin) VSCE=darwin-arm64 ;;
        x86_64-pc-windows-msvc) VSCE=win32-x64 ;;
        *) VSCE="" ;;
    esac
    [ -n "$VSCE" ] && editors/vscode/scripts/package-target.sh "$VSCE" "$BIN" "$OUT/bluecode-$VSCE-$VERSION.vsix"
fi

(
    cd "$OUT"
    shopt -s nullglob
    files=(*.tar.gz *.whl *.vsix)
    sha256sum -- "${files[@]}" >SHA256SUMS
)
echo "artifacts in $OUT:"
(cd "$OUT" && ls -l && cat SHA256SUMS)
