#!/usr/bin/env bash
# Fetches the real AI instruction files listed in manifest.tsv (package, pinned version,
# path inside its source distribution) from the package registries into a cache folder;
# nothing fetched is ever committed. Usage:
#   tests/corpus/instruction/real/fetch.sh [CACHE_DIR]
# CACHE_DIR defaults to $BLUECODE_INSTRUCTION_CACHE, else .tools/instruction-corpus.
# Afterwards CACHE_DIR/real/<package>-<version>/<path> holds each file.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../../.." && pwd)"
cache="${1:-${BLUECODE_INSTRUCTION_CACHE:-$repo/.tools/instruction-corpus}}"
mkdir -p "$cache/sdists" "$cache/real"

# `pip download` of an sdist asks its build backend for metadata; with build isolation
# that builds every backend from source. One venv holding the usual backends avoids that.
venv="$cache/backends"
if [ ! -x "$venv/bin/pip" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q hatchling hatch-vcs hatch-fancy-pypi-readme \
        uv-dynamic-versioning versioningit setuptools setuptools-scm poetry-core \
        flit-core pdm-backend wheel
fi

fetched=0
missing=0
while IFS=$'\t' read -r registry package version path; do
    case "$registry" in ''|\#*) continue ;; esac
    dest="$cache/real/$package-$version/$path"
    if [ -f "$dest" ]; then
        fetched=$((fetched + 1))
        continue
    fi
    sdist_dir="$cache/sdists/$package-$version"
    case "$registry" in
        pypi)
            if ! ls "$sdist_dir"/*.tar.gz >/dev/null 2>&1; then
                mkdir -p "$sdist_dir"
                "$venv/bin/pip" download -q --no-deps --no-binary :all: --no-build-isolation \
                    -d "$sdist_dir" "$package==$version" >/dev/null
            fi
            archive="$(ls "$sdist_dir"/*.tar.gz | awk 'NR == 1')"
            top="$(tar tzf "$archive" | awk -F/ 'NR == 1 { print $1 }')"
            ;;
        npm)
            if ! ls "$sdist_dir"/*.tgz >/dev/null 2>&1; then
                mkdir -p "$sdist_dir"
                (cd "$sdist_dir" && npm pack -q "$package@$version" >/dev/null)
            fi
            archive="$(ls "$sdist_dir"/*.tgz | awk 'NR == 1')"
            top="package"
            ;;
        *)
            echo "fetch.sh: unknown registry '$registry' for $package" >&2
            exit 2
            ;;
    esac
    mkdir -p "$(dirname "$dest")"
    if tar xzf "$archive" -O "$top/$path" >"$dest" 2>/dev/null; then
        fetched=$((fetched + 1))
    else
        rm -f "$dest"
        echo "fetch.sh: $package $version has no $path" >&2
        missing=$((missing + 1))
    fi
done <"$here/manifest.tsv"

echo "fetch.sh: $fetched instruction files in $cache/real ($missing missing)"
[ "$missing" -eq 0 ]
