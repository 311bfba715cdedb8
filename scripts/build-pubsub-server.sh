#!/usr/bin/env bash
# Builds tools/pubsub-server (Google's in-memory Pub/Sub fake behind our own listener) into
# .tools/pubsub-server. Idempotent: skips the build when the binary is newer than its source.
# Needs Debian's golang-go and golang-google-cloud-dev (scripts/install-prerequisites.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source_dir="$root/tools/pubsub-server"
output="$root/.tools/pubsub-server"
gocode=/usr/share/gocode

if [ -x "$output" ] && [ -z "$(find "$source_dir" -newer "$output" -type f -print -quit)" ]; then
  exit 0
fi

if ! command -v go >/dev/null 2>&1 || [ ! -d "$gocode/src/cloud.google.com/go/pubsub/pstest" ]; then
  echo "Building the Pub/Sub test server needs Go and Google's pstest fake:" >&2
  echo "  sudo apt-get install -y golang-go golang-google-cloud-dev" >&2
  exit 1
fi

mkdir -p "$root/.tools/gopath"
cd "$source_dir"
GO111MODULE=off GOPATH="$root/.tools/gopath:$gocode" GOFLAGS= \
  go build -o "$output.tmp" .
mv -f "$output.tmp" "$output"
echo "Built $output"
