#!/usr/bin/env bash
# Runs the stream latency comparison (Release). Usage: tests/Sente.LoadTests/StreamLatency/run.sh [providers...]
set -euo pipefail
cd "$(dirname "$0")"
dotnet build -c Release -v q -nologo >/dev/null
exe=(dotnet bin/Release/net10.0/StreamLatency.dll)
providers=("${@:-sente mem:100 mem:5}")
for p in ${providers[@]}; do
  "${exe[@]}" cohost "$p"
  fifo=$(mktemp -u); mkfifo "$fifo"
  "${exe[@]}" silo "$p" < "$fifo" > "$fifo.out" & silo=$!
  exec {keep}>"$fifo"
  until grep -q ready "$fifo.out" 2>/dev/null; do sleep 0.2; done
  "${exe[@]}" client "$p"
  exec {keep}>&-
  wait "$silo"; rm -f "$fifo" "$fifo.out"
done
