#!/usr/bin/env bash
# Start a real Docker engine for bluecode-sandbox's integration tests and make sure the
# sandbox image exists. Idempotent: safe to run again while the engine is up.
#
#   .ci/docker-up.sh          # installs docker.io + debootstrap if missing, starts dockerd,
#                             # builds bluecode-sandbox:latest if it is not present
#   export BLUECODE_DOCKER_TESTS=1 && cargo test -p bluecode-sandbox
#   .ci/docker-down.sh        # stops the dockerd this script started (by its pid file)
#
# State lives under ${BLUECODE_TOOLS:-$PWD/.tools}/docker: dockerd.pid, dockerd.log, and the
# debootstrap root filesystem (kept so that a rebuild of the image skips the download).
# BLUECODE_SANDBOX_REBUILD=1 replaces an existing image.
#
# Besides the local socket, the engine listens on tcp://127.0.0.1:2376 with mutual TLS
# (certificates made here with openssl under $ROOT/tls; clients use $ROOT/tls/client as
# DOCKER_CERT_PATH), so the crate's tcp+TLS path is tested against the real engine too.
# No registry is reachable from CI machines, so the image is built from a Debian root
# filesystem (debootstrap from the Debian mirror this host's apt uses, or
# $BLUECODE_DEBIAN_MIRROR) and imported with `docker import`; the crate's
# own `build_image` does the same import through the API for `bluecode sandbox build-image`.
set -euo pipefail

TOOLS="${BLUECODE_TOOLS:-$PWD/.tools}"
ROOT="$TOOLS/docker"
PIDFILE="$ROOT/dockerd.pid"
LOG="$ROOT/dockerd.log"
ROOTFS="$ROOT/rootfs"
IMAGE="${BLUECODE_SANDBOX_IMAGE:-bluecode-sandbox:latest}"
READY_SECS="${BLUECODE_DOCKER_READY_SECS:-60}"

log() { echo "docker-up: $*" >&2; }

# The main Debian archive of this host's apt sources (deb822 `URIs:` first, then
# sources.list `deb` lines), as `bluecode sandbox build-image` picks it; security and
# backports archives are skipped (debootstrap needs the main one).
host_mirror() {
    local uri
    for uri in $(awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) print $i }' \
                     /etc/apt/sources.list.d/*.sources 2>/dev/null) \
               $(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) { print $i; break } }' \
                     /etc/apt/sources.list 2>/dev/null); do
        uri="${uri%/}"
        case "$uri" in
            *-security|*backports*) ;;
            http://*/debian|https://*/debian) echo "$uri"; return 0 ;;
        esac
    done
    return 1
}

MIRROR="${BLUECODE_DEBIAN_MIRROR:-$(host_mirror || true)}"

mkdir -p "$ROOT"

install_missing() {
    local missing=()
    command -v dockerd >/dev/null || missing+=(docker.io)
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    command -v openssl >/dev/null || missing+=(openssl)
    if ((${#missing[@]})); then
        log "installing ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

TLS="$ROOT/tls"
TLS_ADDRESS="tcp://127.0.0.1:2376"

make_certificates() {
    [[ -s "$TLS/client/key.pem" && -s "$TLS/server-cert.pem" ]] && return
    log "creating a CA, a server and a client certificate under $TLS"
    rm -rf "$TLS"
    mkdir -p "$TLS/client"
    (
        cd "$TLS"
        openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=bluecode test CA" \
            -keyout ca-key.pem -out ca.pem 2>/dev/null
        openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
            -keyout server-key.pem -out server.csr 2>/dev/null
        printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >server.ext
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 30 \
            -extfile server.ext -out server-cert.pem 2>/dev/null
        openssl req -newkey rsa:2048 -nodes -subj "/CN=bluecode client" \
            -keyout client/key.pem -out client.csr 2>/dev/null
        printf 'extendedKeyUsage=clientAuth\n' >client.ext
        openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 30 \
            -extfile client.ext -out client/cert.pem 2>/dev/null
        cp ca.pem client/ca.pem
    )
}

engine_ready() { timeout 5 docker version >/dev/null 2>&1; }

start_engine() {
    if engine_ready; then
        log "engine already running"
        return
    fi
    log "starting dockerd (log: $LOG)"
    make_certificates
    setsid dockerd -H unix:///var/run/docker.sock -H "$TLS_ADDRESS" \
        --tlsverify --tlscacert "$TLS/ca.pem" --tlscert "$TLS/server-cert.pem" --tlskey "$TLS/server-key.pem" \
        >"$LOG" 2>&1 < /dev/null &
    echo $! >"$PIDFILE"
    local waited=0
    until engine_ready; do
        if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
            log "dockerd exited; last log lines:"
            tail -n 20 "$LOG" >&2
            exit 1
        fi
        if ((waited >= READY_SECS)); then
            log "dockerd not ready after ${READY_SECS}s"
            exit 1
        fi
        sleep 1
        waited=$((waited + 1))
    done
    log "engine ready after ${waited}s"
}

build_image() {
    if [[ "${BLUECODE_SANDBOX_REBUILD:-0}" != 1 ]] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
        log "image $IMAGE present"
        return
    fi
    # python3 (not python3-minimal): the harness and the code under test need the standard
    # library (json, sqlite3, shlex, html, urllib…), which python3-minimal leaves out.
    # python3-lxml: the XML harness's real parser (XXE, entity expansion, XPath).
    local include="python3,nodejs,python3-lxml,python3-defusedxml"
    if [[ "$(cat "$ROOTFS.stamp" 2>/dev/null)" != "$include" ]]; then
        if [ -z "$MIRROR" ]; then
            log "no Debian mirror in this host's apt sources: set BLUECODE_DEBIAN_MIRROR"
            exit 1
        fi
        log "debootstrap bookworm ($include) from $MIRROR into $ROOTFS"
        rm -rf "$ROOTFS" "$ROOTFS.stamp"
        debootstrap --variant=minbase --include="$include" \
            bookworm "$ROOTFS" "$MIRROR" >"$ROOT/debootstrap.log" 2>&1 || {
            tail -n 20 "$ROOT/debootstrap.log" >&2
            exit 1
        }
        # Package caches are dead weight in a sandbox image.
        rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/*
        echo "$include" >"$ROOTFS.stamp"
    fi
    log "importing $ROOTFS as $IMAGE"
    tar -C "$ROOTFS" -c . | docker import - "$IMAGE" >/dev/null
    log "image $IMAGE built"
}

install_missing
start_engine
build_image
