#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine that has the .NET 10 SDK:
# restores packages, builds the solution (benchmarks included) and runs all test projects.
# The on-chain tests install their npm packages (tests/evm-node: anvil, solc, OpenZeppelin; npm ci) when missing and
# start and stop a local EVM node (anvil on 127.0.0.1) themselves; Node.js and npm must be on PATH.
# Ends with one plain line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

dotnet test NftCollateral.Sdk.sln -c Release --logger trx --results-directory "$results" "$@"
status=$?

passed=0
failed=0
found=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  found=1
  counters=$(grep -o '<Counters [^>]*' "$trx" | head -n 1)
  p=$(printf '%s' "$counters" | sed -nE 's/.* passed="([0-9]+)".*/\1/p')
  f=$(printf '%s' "$counters" | sed -nE 's/.* failed="([0-9]+)".*/\1/p')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [ "$found" -eq 0 ] && [ "$status" -ne 0 ]; then
  # The build failed before any test ran: count it as a failure so the summary cannot read as success.
  failed=1
fi

echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  exit 1
fi
