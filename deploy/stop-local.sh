#!/usr/bin/env bash
# Stops what deploy/run-local.sh started (pids in .run/local/pids): web nodes first, then silos,
# each with SIGTERM (clean shutdown: a web node records its stop, a silo leaves the cluster), then
# SIGKILL after --timeout seconds [15]. Logs stay in .run/local/logs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PIDS="$ROOT/.run/local/pids"
TIMEOUT=15
if [[ ${1:-} == --timeout ]]; then TIMEOUT="$2"; fi

if ! compgen -G "$PIDS/*.pid" >/dev/null; then
  echo "stop-local.sh: nothing to stop"
  exit 0
fi

# stop_group FILE...: SIGTERM every process, wait for all, SIGKILL stragglers.
stop_group() {
  local f pid name deadline
  local -a live=()
  for f in "$@"; do
    [[ -e $f ]] || continue
    pid="$(cat "$f")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      live+=("$f")
    else
      rm -f "$f"
    fi
  done
  deadline=$((SECONDS + TIMEOUT))
  for f in ${live[@]+"${live[@]}"}; do
    pid="$(cat "$f")"
    name="$(basename "$f" .pid)"
    while kill -0 "$pid" 2>/dev/null && [[ $SECONDS -lt $deadline ]]; do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$name (pid $pid) did not stop in ${TIMEOUT}s; killing"
      kill -KILL "$pid" 2>/dev/null || true
    else
      echo "$name (pid $pid) stopped"
    fi
    rm -f "$f"
  done
}

shopt -s nullglob
stop_group "$PIDS"/web*.pid
# Secondary silos before the primary (silo1), which holds the localhost membership table.
secondary=()
for f in "$PIDS"/silo*.pid; do [[ $f == "$PIDS/silo1.pid" ]] || secondary+=("$f"); done
stop_group ${secondary[@]+"${secondary[@]}"}
stop_group "$PIDS"/silo1.pid
# Anything else that run-local.sh may add later.
stop_group "$PIDS"/*.pid
