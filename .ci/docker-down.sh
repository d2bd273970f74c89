#!/usr/bin/env bash
# Stop the dockerd that .ci/docker-up.sh started, by the pid it recorded. An engine this
# script did not start (no pid file) is left alone.
set -euo pipefail

TOOLS="${BLUECODE_TOOLS:-$PWD/.tools}"
PIDFILE="$TOOLS/docker/dockerd.pid"
STOP_SECS="${BLUECODE_DOCKER_STOP_SECS:-20}"

log() { echo "docker-down: $*" >&2; }

if [[ ! -f "$PIDFILE" ]]; then
    log "no pid file at $PIDFILE; nothing to stop"
    exit 0
fi
pid="$(cat "$PIDFILE")"
if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; then
    log "dockerd (pid ${pid:-?}) is not running"
    rm -f "$PIDFILE"
    exit 0
fi
log "stopping dockerd (pid $pid)"
kill -TERM "$pid"
waited=0
while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= STOP_SECS)); then
        log "dockerd did not stop after ${STOP_SECS}s; sending KILL"
        kill -KILL "$pid" 2>/dev/null || true
        break
    fi
    sleep 1
    waited=$((waited + 1))
done
rm -f "$PIDFILE"
log "stopped"
