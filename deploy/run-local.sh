#!/usr/bin/env bash
# Starts N silos + M web nodes on this machine (loopback only, Orleans localhost clustering), each
# its own process, and prints their URLs. Stop them with deploy/stop-local.sh.
#
#   deploy/run-local.sh [--silos N] [--webs M] [options]
#
# Options (defaults in brackets):
#   --silos N             silo processes [2]; the first is the primary the others join
#   --webs M              web node processes (Orleans:Mode=Client, every gateway listed) [2]
#   --silo-port P         silo-to-silo port of silo 1; silo i uses P+i-1 [11111]
#   --gateway-port P      gateway port of silo 1; silo i uses P+i-1 [30000]
#   --http-port P         HTTP port of web 1; web j uses P+j-1 [5001]
#   --cluster-id ID       Orleans cluster id [sente-local]
#   --configuration C     build configuration [Debug]
#   --no-build            use the existing build output
#   --silo-arg ARG        extra argument for every silo (repeatable), e.g. --Sente:Grains:DeliveryTimeout=00:00:03
#   --web-arg ARG         extra argument for every web node (repeatable), e.g. --Sente:NodeLease=00:00:04
#
# Run state lives in .run/local/ at the repository root (gitignored): pids/<name>.pid, logs/<name>.log.
# The web nodes run with the demo login on (--Sente:Demo=true) and bind 127.0.0.1 only; their HTTP
# API answers loopback callers without a key.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="$ROOT/.run/local"

SILOS=2
WEBS=2
SILO_PORT=11111
GATEWAY_PORT=30000
HTTP_PORT=5001
CLUSTER_ID=sente-local
CONFIGURATION=Debug
BUILD=1
SILO_ARGS=()
WEB_ARGS=()

usage() { sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --silos) SILOS="$2"; shift 2 ;;
    --webs) WEBS="$2"; shift 2 ;;
    --silo-port) SILO_PORT="$2"; shift 2 ;;
    --gateway-port) GATEWAY_PORT="$2"; shift 2 ;;
    --http-port) HTTP_PORT="$2"; shift 2 ;;
    --cluster-id) CLUSTER_ID="$2"; shift 2 ;;
    --configuration) CONFIGURATION="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --silo-arg) SILO_ARGS+=("$2"); shift 2 ;;
    --web-arg) WEB_ARGS+=("$2"); shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "run-local.sh: unknown argument '$1'" >&2; usage 2 ;;
  esac
done

[[ $SILOS =~ ^[1-9][0-9]*$ ]] || { echo "run-local.sh: --silos must be >= 1" >&2; exit 2; }
[[ $WEBS =~ ^[0-9]+$ ]] || { echo "run-local.sh: --webs must be >= 0" >&2; exit 2; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Refuse to start a second set over a running one.
if compgen -G "$RUN_DIR/pids/*.pid" >/dev/null; then
  for f in "$RUN_DIR"/pids/*.pid; do
    if kill -0 "$(cat "$f")" 2>/dev/null; then
      echo "run-local.sh: already running ($(basename "$f" .pid), pid $(cat "$f")); run deploy/stop-local.sh first" >&2
      exit 1
    fi
  done
fi
rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR/pids" "$RUN_DIR/logs"

if [[ $BUILD -eq 1 ]]; then
  echo "building Sente.sln ($CONFIGURATION)..."
  dotnet build "$ROOT/Sente.sln" -c "$CONFIGURATION" --nologo -v quiet
fi

SILO_DLL="$ROOT/Sente.Silo/bin/$CONFIGURATION/net10.0/Sente.Silo.dll"
WEB_DLL="$ROOT/Sente.Web/bin/$CONFIGURATION/net10.0/Sente.Web.dll"
for dll in "$SILO_DLL" "$WEB_DLL"; do
  [[ -f $dll ]] || { echo "run-local.sh: $dll is missing; build first (drop --no-build)" >&2; exit 1; }
done

# start NAME WORKDIR DLL ARGS...: runs detached, output to logs/NAME.log, pid to pids/NAME.pid.
start() {
  local name="$1" dir="$2" dll="$3"
  shift 3
  # The working directory is the content root: appsettings.json (and wwwroot for web nodes).
  (cd "$dir" && exec nohup dotnet "$dll" "$@" >"$RUN_DIR/logs/$name.log" 2>&1 </dev/null) &
  echo $! >"$RUN_DIR/pids/$name.pid"
}

# wait_until NAME SECONDS COMMAND...: polls COMMAND until it succeeds; fails if NAME's process died.
wait_until() {
  local name="$1" seconds="$2" deadline
  shift 2
  deadline=$((SECONDS + seconds))
  until "$@" 2>/dev/null; do
    if ! kill -0 "$(cat "$RUN_DIR/pids/$name.pid")" 2>/dev/null; then
      echo "run-local.sh: $name exited; last lines of its log:" >&2
      tail -n 30 "$RUN_DIR/logs/$name.log" >&2
      exit 1
    fi
    if [[ $SECONDS -ge $deadline ]]; then
      echo "run-local.sh: $name not ready after ${seconds}s; see $RUN_DIR/logs/$name.log" >&2
      exit 1
    fi
    sleep 0.2
  done
}

tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
healthy() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1/healthz"; }

GATEWAYS=()
for ((i = 1; i <= SILOS; i++)); do
  silo_port=$((SILO_PORT + i - 1))
  gateway_port=$((GATEWAY_PORT + i - 1))
  args=("--Orleans:SiloPort=$silo_port" "--Orleans:GatewayPort=$gateway_port" "--Orleans:ClusterId=$CLUSTER_ID" "--Sente:Demo=true")
  # Every silo but the first joins the first (localhost clustering has a primary silo).
  if [[ $i -gt 1 ]]; then args+=("--Orleans:PrimarySiloPort=$SILO_PORT"); fi
  start "silo$i" "$ROOT/Sente.Silo/bin/$CONFIGURATION/net10.0" "$SILO_DLL" "${args[@]}" ${SILO_ARGS[@]+"${SILO_ARGS[@]}"}
  # The primary must be up before others join; the gateway opens once the silo is active.
  wait_until "silo$i" 60 tcp_open "$gateway_port"
  GATEWAYS+=("$gateway_port")
  echo "silo$i  pid $(cat "$RUN_DIR/pids/silo$i.pid")  silo port $silo_port  gateway 127.0.0.1:$gateway_port"
done

GATEWAY_LIST="$(IFS=,; echo "${GATEWAYS[*]}")"
for ((j = 1; j <= WEBS; j++)); do
  http_port=$((HTTP_PORT + j - 1))
  start "web$j" "$ROOT/Sente.Web" "$WEB_DLL" \
    "--Orleans:Mode=Client" "--Orleans:GatewayPort=$GATEWAY_LIST" "--Orleans:ClusterId=$CLUSTER_ID" \
    "--urls=http://127.0.0.1:$http_port" "--Sente:Demo=true" ${WEB_ARGS[@]+"${WEB_ARGS[@]}"}
done
for ((j = 1; j <= WEBS; j++)); do
  http_port=$((HTTP_PORT + j - 1))
  wait_until "web$j" 60 healthy "$http_port"
  echo "web$j   pid $(cat "$RUN_DIR/pids/web$j.pid")  http://127.0.0.1:$http_port/"
done

echo "logs: ${RUN_DIR#"$ROOT"/}/logs/   stop: deploy/stop-local.sh"
