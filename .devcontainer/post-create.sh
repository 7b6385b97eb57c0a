#!/usr/bin/env bash
# Runs once when a Codespace or dev container is created: restore and build, so the first
# `dotnet test` or grader run starts from a warm build. CI runs this script too.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet --version
dotnet tool restore
dotnet restore Katas.sln
dotnet build Katas.sln --no-restore
echo
echo "Ready. Start with exercises/01-parallelism/README.md, then run:"
echo "  dotnet test exercises/01-parallelism/Tests"
