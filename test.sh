#!/usr/bin/env bash
# Runs the whole test suite (Release) and ends with the line "N passed, N failed".
# Extra arguments go to `dotnet test` (for example: ./test.sh --filter Nifti).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
results="$root/.build/test-results"
rm -rf "$results"
mkdir -p "$results"
dotnet test Ari.slnx -c Release --nologo --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@"
status=$?
passed=0
failed=0
for trx in "$results"/*.trx "$results"/*/*.trx; do
  [[ -f "$trx" ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [[ $status -ne 0 && $failed -eq 0 ]]; then
  # The build or the test host failed before any result was recorded.
  failed=1
fi
echo "$passed passed, $failed failed"
[[ $status -eq 0 && $failed -eq 0 ]]
