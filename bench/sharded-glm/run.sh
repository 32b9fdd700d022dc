#!/usr/bin/env bash
# The scale benchmark of issue 15: N simulated 2 mm maps (default 10,000) through the sharded GLM with S shards
# (default 8), J at a time (default: the number of cores, as `ari slurm ... --local` runs them), then combine.
# Prints, per shard, its wall time and peak memory (/usr/bin/time), then the total and maps per second.
#   bench/sharded-glm/run.sh WORK [N] [S] [J]
# Maps: `ari simulate --grid mni2mm` makes at most 1,000 per data set; the first 1,000 are simulated (seed 1) and,
# to spare hours of simulation on a shared 2-core machine, maps 1,001.. are byte copies of them under their own
# names (each is still read, decoded, hashed and accumulated as its own file). SIMULATE_ALL=1 simulates every
# map instead (seeds 1, 2, ...).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${1:?usage: run.sh WORK [N] [S] [J]}"
n="${2:-10000}"; shards="${3:-8}"; jobs="${4:-$(nproc)}"
# ARI="dotnet path/Ari.Cli.dll" runs another build (default: ./ari's NativeAOT build).
if [[ -z "${ARI:-}" ]]; then
  "$repo/ari" --help >/dev/null
  ari="$repo/.build/ari/ari"; [[ -x "$ari" ]] || ari="dotnet $repo/.build/ari/jit/Ari.Cli.dll"
else
  ari="$ARI"
fi
mkdir -p "$work"
maps="$work/maps-$n"
if [[ ! -f "$maps/.complete" ]]; then
  rm -rf "$maps"; mkdir -p "$maps"
  seeds=1; [[ "${SIMULATE_ALL:-0}" == 1 ]] && seeds=$(( (n + 999) / 1000 ))
  for ((seed = 1; seed <= seeds; seed++)); do
    count=$(( n - (seed - 1) * 1000 < 1000 ? n - (seed - 1) * 1000 : 1000 ))
    if [[ ! -f "$work/sim-$seed/.complete" ]]; then
      rm -rf "$work/sim-$seed"
      $ari simulate --grid mni2mm --subjects "$count" --seed "$seed" --out "$work/sim-$seed" -q >/dev/null
      touch "$work/sim-$seed/.complete"
    fi
  done
  # One process names (hard links) and copies the maps: spawning 10,000 processes is slow on a busy machine.
  python3 - "$work" "$maps" "$n" "$seeds" <<'PY'
import glob, os, shutil, sys
work, maps, n, seeds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
simulated = [f for s in range(1, seeds + 1) for f in sorted(glob.glob(f"{work}/sim-{s}/sub-*_contrast.nii.gz"))]
for i in range(n):
    target = f"{maps}/map-{i + 1:05d}.nii.gz"
    if i < len(simulated): os.link(simulated[i], target)
    else: shutil.copyfile(simulated[i % len(simulated)], target)
PY
  touch "$maps/.complete"
fi
echo "maps: $n in $maps ($(du -sh "$maps" | cut -f1)), $shards shards, $jobs at a time, $(nproc) cores"
parts="$work/parts-$n-$shards"; out="$work/out-$n-$shards"
rm -rf "$parts" "$out"
start=$(date +%s.%N)
seq 1 "$shards" | xargs -P "$jobs" -I{} /usr/bin/time -f "shard {}/$shards: %e s wall, %U s user, %S s sys, peak %M KB" \
  $ari glm --maps "$maps/map-*.nii.gz" --shard "{}/$shards" --out "$parts" -q >/dev/null
mid=$(date +%s.%N)
/usr/bin/time -f "combine: %e s wall, %U s user, %S s sys, peak %M KB" $ari glm combine "$parts" --out "$out" -q >/dev/null
end=$(date +%s.%N)
awk -v s="$start" -v m="$mid" -v e="$end" -v n="$n" 'BEGIN { printf "shards: %.1f s, combine: %.1f s, total: %.1f s, %.1f maps/s\n", m - s, e - m, e - s, n / (e - s) }'
if [[ "${SINGLE:-0}" == 1 ]]; then
  /usr/bin/time -f "single run: %e s wall, %U s user, %S s sys, peak %M KB" $ari glm --maps "$maps/map-*.nii.gz" --out "$work/single-$n" -q >/dev/null
fi
