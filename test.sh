#!/usr/bin/env bash
# The single test command (README, CI): installs what the tests need, builds once, runs every
# test runner, and prints as its last line "N passed, N failed" summed over all runners.
#
# Exit status: non-zero when a test failed, a runner failed to run, or no test ran at all.
#
# Runners:
#   dotnet  `dotnet build Sente.sln` once, then `dotnet test Sente.sln --no-build --filter
#           "Category!=Load&Category!=E2E"`, then the browser tests alone (`dotnet test
#           tests/Sente.E2E`), one TRX file per test project in artifacts/test-results/dotnet
#           (named <TestProject>.trx); counts come from each TRX <Counters>.
#   node    every JS test package: a package.json under Sente.Web/ or tests/ with a "build:test"
#           script that writes its tests as build-test/**/*.test.{mjs,js,cjs} (Node 20 cannot run
#           .ts directly); they run with `node --test --test-reporter=tap`, the TAP goes to
#           artifacts/test-results/node, and counts come from its "# pass N" / "# fail N".
#           Today: Sente.Web/client (the browser client's unit tests).
#
# The browser tests (tests/Sente.E2E, Playwright driving /usr/bin/chromium) are ordinary dotnet
# tests; their screenshots land in artifacts/test-results/e2e.
#
# Installs, each only when missing (so a second run is fast):
#   .NET SDK    must be on PATH (or in ~/.dotnet); global.json pins the feature band.
#   node + npm  from Debian, only when a JS package needs them.
#   npm deps    `npm ci` in each JS test package and in tests/azurite (when its package.json
#               exists), redone only when package-lock.json changes.
#   chromium    `apt-get install -y chromium`, only when tests/Sente.E2E exists and
#               /usr/bin/chromium does not.
#
# Environment: CONFIGURATION (default Debug: builds faster, and no test needs Release yet).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

CONFIGURATION="${CONFIGURATION:-Debug}"
RESULTS_DIR="$ROOT/artifacts/test-results"
SOLUTION="Sente.sln"
TEST_FILTER="Category!=Load"
E2E_EXCLUDE="Category!=E2E"
E2E_PROJECT_DIR="tests/Sente.E2E"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DEBIAN_FRONTEND=noninteractive

TOTAL_PASSED=0
TOTAL_FAILED=0
TOTAL_SKIPPED=0
RUNNER_ERRORS=()
APT_UPDATED=0

trap 'echo "test.sh: unexpected failure at line $LINENO" >&2' ERR

section() { printf '\n==> %s\n' "$*"; }
runner_error() { RUNNER_ERRORS+=("$1"); printf 'test.sh: %s\n' "$1" >&2; }

# ---------------------------------------------------------------------------------------------
# Installs
# ---------------------------------------------------------------------------------------------

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  if [[ $APT_UPDATED -eq 0 ]]; then
    section "apt-get update"
    as_root apt-get update
    APT_UPDATED=1
  fi
  section "apt-get install -y $*"
  as_root apt-get install -y "$@"
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1 && [[ -x "$HOME/.dotnet/dotnet" ]]; then
    export PATH="$HOME/.dotnet:$PATH"
  fi
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "test.sh: the .NET SDK (see global.json) is not installed" >&2
    return 1
  fi
  # Fails when no installed SDK satisfies global.json.
  dotnet --version >/dev/null
}

ensure_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
}

# npm ci in $1 unless node_modules already matches its lock file.
ensure_npm_deps() {
  local dir="$1" lock stamp want
  ensure_node
  lock="$dir/package-lock.json"
  [[ -f $lock ]] || lock="$dir/package.json"
  stamp="$dir/node_modules/.test-sh-stamp"
  want="$(sha256sum "$lock" | cut -d' ' -f1)"
  if [[ -f $stamp && "$(cat "$stamp")" == "$want" ]]; then
    return 0
  fi
  section "npm install in ${dir#"$ROOT"/}"
  if [[ -f "$dir/package-lock.json" ]]; then
    (cd "$dir" && npm ci --no-audit --no-fund)
  else
    (cd "$dir" && npm install --no-audit --no-fund)
  fi
  # npm install may have just written the lock file: stamp what the next run will compare.
  [[ -f "$dir/package-lock.json" ]] && lock="$dir/package-lock.json"
  mkdir -p "$dir/node_modules"
  sha256sum "$lock" | cut -d' ' -f1 >"$stamp"
}

# Azurite (storage emulator) for tests that use Azure storage providers.
ensure_azurite() {
  ensure_npm_deps "$ROOT/tests/azurite"
}

# Debian's chromium for the Playwright browser tests (Playwright downloads no browser here).
ensure_chromium() {
  if [[ ! -x /usr/bin/chromium ]]; then
    apt_install chromium
  fi
}

install_prerequisites() {
  ensure_dotnet
  if [[ -f tests/azurite/package.json ]]; then ensure_azurite; fi
  if [[ -d $E2E_PROJECT_DIR ]]; then ensure_chromium; fi
}

# ---------------------------------------------------------------------------------------------
# dotnet
# ---------------------------------------------------------------------------------------------

# Prints the value of attribute $2 of the first <Counters> element in TRX file $1 (0 if absent).
trx_counter() {
  local value
  value="$(grep -o '<Counters [^>]*>' "$1" | head -n1 | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]\+' || true)"
  echo "${value:-0}"
}

run_dotnet() {
  local out="$RESULTS_DIR/dotnet" rc=0 trx passed failed total files=0 sum_failed=0
  section "dotnet build $SOLUTION -c $CONFIGURATION"
  if ! dotnet build "$SOLUTION" -c "$CONFIGURATION" --nologo -v minimal; then
    runner_error "dotnet build failed"
    return 0
  fi

  rm -rf "$out"
  # -p:SenteTrx=true: Directory.Build.props then writes one <TestProject>.trx per test project.
  # The browser tests run on their own, after the rest: Chromium plus the Sente processes they
  # start fill a 2-core box, and beside them the other suites' timing-sensitive tests starve.
  section "dotnet test $SOLUTION --filter \"$TEST_FILTER&$E2E_EXCLUDE\""
  dotnet test "$SOLUTION" -c "$CONFIGURATION" --no-build --nologo --filter "$TEST_FILTER&$E2E_EXCLUDE" \
    -p:SenteTrx=true --results-directory "$out" || rc=$?
  if [[ -d $E2E_PROJECT_DIR ]]; then
    section "dotnet test $E2E_PROJECT_DIR (browser tests)"
    # Replaces the empty Sente.E2E.trx the first run wrote (same name).
    dotnet test "$E2E_PROJECT_DIR" -c "$CONFIGURATION" --no-build --nologo --filter "$TEST_FILTER" \
      -p:SenteTrx=true --results-directory "$out" || rc=$?
  fi

  shopt -s nullglob
  for trx in "$out"/*.trx; do
    files=$((files + 1))
    total="$(trx_counter "$trx" total)"
    passed="$(trx_counter "$trx" passed)"
    # error, timeout and aborted are failures too, as far as the sum is concerned.
    failed=$(( $(trx_counter "$trx" failed) + $(trx_counter "$trx" error) + $(trx_counter "$trx" timeout) + $(trx_counter "$trx" aborted) ))
    TOTAL_PASSED=$((TOTAL_PASSED + passed))
    TOTAL_FAILED=$((TOTAL_FAILED + failed))
    TOTAL_SKIPPED=$((TOTAL_SKIPPED + total - passed - failed))
    sum_failed=$((sum_failed + failed))
  done
  shopt -u nullglob

  if [[ $files -eq 0 ]]; then
    runner_error "dotnet test wrote no TRX file (exit code $rc)"
  elif [[ $rc -ne 0 && $sum_failed -eq 0 ]]; then
    runner_error "dotnet test exited with $rc but its TRX files report no failed test"
  fi
}

# ---------------------------------------------------------------------------------------------
# node
# ---------------------------------------------------------------------------------------------

# JS test packages: package.json files (outside node_modules) that define a "build:test" script.
node_test_packages() {
  local pkg
  while IFS= read -r pkg; do
    if grep -q '"build:test"[[:space:]]*:' "$pkg"; then dirname "$pkg"; fi
  done < <(find Sente.Web tests -maxdepth 3 -name node_modules -prune -o -name package.json -print 2>/dev/null | sort)
}

run_node() {
  local out="$RESULTS_DIR/node" dir name tap rc pass fail cancelled
  local -a packages files
  mapfile -t packages < <(node_test_packages)
  rm -rf "$out"
  if [[ ${#packages[@]} -eq 0 ]]; then
    section "node tests: no JS test package yet, skipping"
    return 0
  fi
  mkdir -p "$out"
  for dir in "${packages[@]}"; do
    name="${dir//\//_}"
    ensure_npm_deps "$ROOT/$dir"
    section "node tests in $dir"
    if ! (cd "$dir" && npm run --silent build:test); then
      runner_error "npm run build:test failed in $dir"
      continue
    fi
    mapfile -t files < <(find "$dir/build-test" \( -name '*.test.mjs' -o -name '*.test.js' -o -name '*.test.cjs' \) 2>/dev/null | sort)
    if [[ ${#files[@]} -eq 0 ]]; then
      runner_error "npm run build:test in $dir produced no build-test/**/*.test.{mjs,js,cjs}"
      continue
    fi
    tap="$out/$name.tap"
    rc=0
    node --test --test-reporter=tap "${files[@]}" >"$tap" 2>&1 || rc=$?
    # TAP is long; show the failures and the closing counts.
    grep -E '^(not ok|# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms)) ' "$tap" || true
    pass="$(grep -E '^# pass [0-9]+' "$tap" | tail -n1 | grep -o '[0-9]\+' || true)"
    fail="$(grep -E '^# fail [0-9]+' "$tap" | tail -n1 | grep -o '[0-9]\+' || true)"
    cancelled="$(grep -E '^# cancelled [0-9]+' "$tap" | tail -n1 | grep -o '[0-9]\+' || true)"
    if [[ -z $pass || -z $fail ]]; then
      runner_error "node --test in $dir printed no counts (exit code $rc; see ${tap#"$ROOT"/})"
      continue
    fi
    TOTAL_PASSED=$((TOTAL_PASSED + pass))
    TOTAL_FAILED=$((TOTAL_FAILED + fail + ${cancelled:-0}))
    if [[ $rc -ne 0 && $fail -eq 0 && ${cancelled:-0} -eq 0 ]]; then
      runner_error "node --test in $dir exited with $rc but reported no failed test"
    fi
  done
}

# ---------------------------------------------------------------------------------------------

main() {
  mkdir -p "$RESULTS_DIR"
  install_prerequisites
  run_dotnet
  run_node

  section "summary"
  if [[ $TOTAL_SKIPPED -gt 0 ]]; then echo "$TOTAL_SKIPPED skipped or not executed"; fi
  if [[ ${#RUNNER_ERRORS[@]} -gt 0 ]]; then printf 'runner error: %s\n' "${RUNNER_ERRORS[@]}"; fi
  if [[ $((TOTAL_PASSED + TOTAL_FAILED)) -eq 0 ]]; then echo "no test ran"; fi

  local status=0
  if [[ $TOTAL_FAILED -gt 0 || ${#RUNNER_ERRORS[@]} -gt 0 || $((TOTAL_PASSED + TOTAL_FAILED)) -eq 0 ]]; then
    status=1
  fi
  trap - ERR
  # Nothing may print after this line: CI reads it as the run's result.
  printf '%d passed, %d failed\n' "$TOTAL_PASSED" "$TOTAL_FAILED"
  exit "$status"
}

# Sourcing the script (for trying one function) defines the functions without running anything.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
