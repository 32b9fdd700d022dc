#!/usr/bin/env bash
# Starts a one-node SLURM cluster on this machine for the integration tests: this machine is the controller
# and the only compute node (CPUs = nproc), jobs run as root. Installs Debian's slurm-wlm and munge if needed,
# writes the configuration into a temporary folder, starts munged, slurmctld and slurmd, and waits until
# `sbatch --array` can run. On success prints `export SLURM_CONF=...` lines (eval them) and exits 0;
# on failure prints why on stderr and exits 1. Never touches /etc/slurm.
# Usage: eval "$(.ci/slurm-up.sh)"
set -uo pipefail

say() { echo "slurm-up: $*" >&2; }
fail() { say "$*"; exit 1; }
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else "$@"; fi; }

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null || ! command -v sbatch >/dev/null; then
  say "installing slurm-wlm and munge..."
  as_root apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null 2>&1 \
    || fail "apt-get install slurm-wlm munge failed"
fi
[[ $(id -u) -eq 0 ]] || fail "the one-node cluster is started as root (SlurmUser=root); run as root"

dir="${ARI_SLURM_DIR:-/tmp/ari-slurm}"
host="$(hostname -s 2>/dev/null || hostname)"
cpus="$(nproc)"
memory="$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.8 }' /proc/meminfo)"

# Stop what an earlier run of this script started (by its pid files only).
for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid"; do
  [[ -f "$pidfile" ]] && kill "$(cat "$pidfile")" 2>/dev/null
done
sleep 0.5
rm -rf "$dir"
mkdir -p "$dir/state" "$dir/spool" "$dir/log"

# munge: a key, then the daemon (as the munge user when it exists).
if [[ ! -s /etc/munge/munge.key ]]; then
  say "creating a munge key"
  as_root mkdir -p /etc/munge
  if command -v mungekey >/dev/null; then mungekey --create --force >/dev/null 2>&1; else dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none; fi
  id munge >/dev/null 2>&1 && chown munge:munge /etc/munge/munge.key
  chmod 400 /etc/munge/munge.key
fi
mkdir -p /run/munge /var/lib/munge /var/log/munge
if id munge >/dev/null 2>&1; then chown munge:munge /run/munge /var/lib/munge /var/log/munge; fi
chmod 755 /run/munge
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  if id munge >/dev/null 2>&1; then
    runuser -u munge -- munged >/dev/null 2>&1 || munged --force >/dev/null 2>&1 || fail "munged did not start"
  else
    munged --force >/dev/null 2>&1 || fail "munged did not start"
  fi
  for _ in $(seq 1 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n 2>/dev/null | unmunge >/dev/null 2>&1 || fail "munge does not answer (munge -n | unmunge failed)"
fi

conf="$dir/slurm.conf"
cat > "$conf" <<CONF
ClusterName=ari
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldPort=6817
SlurmdPort=6818
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
KillWait=5
Waittime=0
SchedulerParameters=sched_interval=1,bf_interval=1
MessageTimeout=10
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES
CONF
echo "" > "$dir/cgroup.conf"
export SLURM_CONF="$conf"

slurmctld -f "$conf" -i >"$dir/log/slurmctld.out" 2>&1 || fail "slurmctld did not start: $(tail -n 3 "$dir/log/slurmctld.log" "$dir/log/slurmctld.out" 2>/dev/null | tr '\n' ' ')"
slurmd -f "$conf" >"$dir/log/slurmd.out" 2>&1 || fail "slurmd did not start: $(tail -n 3 "$dir/log/slurmd.log" "$dir/log/slurmd.out" 2>/dev/null | tr '\n' ' ')"

# Wait for the node to be idle, then run a two-task array as proof.
for _ in $(seq 1 60); do
  state="$(sinfo -h -N -o '%T' 2>/dev/null | head -n 1)"
  [[ "$state" == idle* || "$state" == mixed* ]] && break
  [[ "$state" == down* || "$state" == drain* ]] && scontrol update nodename="$host" state=resume >/dev/null 2>&1
  sleep 0.5
done
[[ "$state" == idle* || "$state" == mixed* ]] || fail "the node is not idle (state '${state:-none}'): $(tail -n 3 "$dir/log/slurmctld.log" 2>/dev/null | tr '\n' ' ')"

probe="$dir/probe"
mkdir -p "$probe"
job="$(sbatch --parsable --array=1-2 --output="$probe/%a.out" --wrap 'echo ok-$SLURM_ARRAY_TASK_ID' 2>&1)" || fail "sbatch --array failed: $job"
for _ in $(seq 1 60); do
  [[ -s "$probe/1.out" && -s "$probe/2.out" ]] && ! squeue -h -j "${job%%;*}" 2>/dev/null | grep -q . && break
  sleep 0.5
done
grep -q ok-1 "$probe/1.out" 2>/dev/null && grep -q ok-2 "$probe/2.out" 2>/dev/null \
  || fail "a test array job did not run: $(tail -n 3 "$dir/log/slurmd.log" 2>/dev/null | tr '\n' ' ')"
say "SLURM is up: node $host, $cpus CPUs, config $conf"
echo "export SLURM_CONF='$conf'"
