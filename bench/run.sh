#!/usr/bin/env bash
# Benchmarks of AIGC-Gateway (not part of ./test.sh). Builds Release, runs bench/AigcGateway.Bench and prints a table
# of figures with units, the goal next to each, and PASS/FAIL per goal. Exit code 0 when every goal is met.
# Needs the Debian packages wrk (forward-auth load) and chromium (dashboard latency); installs them when run as root.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

declare -A needs=([wrk]=wrk [chromium]=/usr/bin/chromium)
# the idle simulation (bench/run.sh idle) needs neither
[[ "${1:-}" == idle ]] && needs=()
missing=()
for pkg in "${!needs[@]}"; do
  command -v "${needs[$pkg]}" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "== installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; } \
      || { echo "could not install ${missing[*]} with apt-get"; exit 2; }
  else
    echo "The benchmarks need these Debian packages: ${missing[*]}"
    echo "Install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    exit 2
  fi
fi

echo "== building (Release)"
if ! build_log=$(dotnet build bench/AigcGateway.Bench/AigcGateway.Bench.csproj -c Release -nologo -v q 2>&1); then
  echo "$build_log" | grep -E "error|rror\(s\)" | sort -u
  exit 2
fi

echo "== running"
DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet bench/AigcGateway.Bench/bin/Release/net10.0/AigcGateway.Bench.dll "$@"
