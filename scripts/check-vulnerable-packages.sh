#!/usr/bin/env bash
# Fails when a package the solution uses, directly or transitively, has a known vulnerability of high or critical
# severity, as `dotnet list package --vulnerable` reports it from the sources' advisory data; lower severities are
# listed and let through. Given a file, reads that report (the JSON of `--format json`) instead of making one.
set -euo pipefail
cd "$(dirname "$0")/.."

report="${1:-}"
if [ -z "$report" ]; then
  report="$(mktemp)"
  trap 'rm -f "$report"' EXIT
  dotnet list MlOps.slnx package --vulnerable --include-transitive --format json > "$report"
fi

# One line per vulnerable package: severity, package@version, project, advisory.
findings="$(awk '
  # The value of a "name": "value" pair on the line, wherever it stands on it; empty when the line has none.
  function field(name,   s) {
    if (!match($0, "\"" name "\": *\"[^\"]*\"")) return ""
    s = substr($0, RSTART, RLENGTH)
    sub(/^"[^"]*": *"/, "", s)
    sub(/"$/, "", s)
    return s
  }
  {
    if ((v = field("path")) != "") project = v
    if ((v = field("id")) != "") id = v
    if ((v = field("resolvedVersion")) != "") version = v
    if ((v = field("severity")) != "") severity = v
    if ((v = field("advisoryurl")) != "") print severity " " id "@" version " in " project ": " v
  }
' "$report" | sort -u)"

if [ -z "$findings" ]; then
  echo "no known vulnerable packages"
  exit 0
fi

echo "$findings"
if grep -Eq '^(High|Critical) ' <<< "$findings"; then
  echo "refusing: a package above has a known high or critical vulnerability; update it (or pin a fixed transitive version in Directory.Packages.props)" >&2
  exit 1
fi
