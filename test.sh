#!/usr/bin/env bash
# Runs every test on a fresh machine that has only the .NET SDK: installs what the tests need
# (Debian packages), builds the Pub/Sub test server, checks the code style, builds the solution and
# runs all test projects.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-prerequisites.sh
scripts/build-pubsub-server.sh
MLOPS_TEST_POSTGRES="$(scripts/start-postgres.sh)"
export MLOPS_TEST_POSTGRES

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The style gate comes first: code that does not match .editorconfig fails here, before any test.
dotnet format MlOps.slnx --verify-no-changes -v quiet

dotnet build MlOps.slnx -c Release -nologo -v quiet
# Supply chain: no package, direct or transitive, with a known high or critical vulnerability.
scripts/check-vulnerable-packages.sh
# A test that hangs is reported and its process dumped, rather than stalling the whole run.
dotnet test MlOps.slnx -c Release --no-build -nologo -v quiet --logger "console;verbosity=normal" --blame-hang-timeout 10m "$@"
