#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (Ubuntu). It installs the
# .NET SDK of katas/global.json's version band with Microsoft's dotnet-install script, then restores
# and builds the grader and the tests so that grading starts warm.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
katas=$here/katas

apt-get update
apt-get install -y --no-install-recommends ca-certificates curl libicu-dev git iproute2 util-linux

# global.json pins the SDK (e.g. 10.0.400 with rollForward latestPatch): --jsonfile installs that band.
curl -fsSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh
bash /tmp/dotnet-install.sh --jsonfile "$katas/global.json" --install-dir /usr/share/dotnet
ln -sf /usr/share/dotnet/dotnet /usr/local/bin/dotnet
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

cd "$katas"
dotnet restore Katas.sln
dotnet build grader -nologo -v quiet
