#!/usr/bin/env bash
# A throw-away single-node Slurm cluster on localhost, to test `scripts/sweep.sh --slurm` for real.
#   scripts/slurm-local.sh install     install munge, slurmctld, slurmd, slurm-client if missing
#   scripts/slurm-local.sh start DIR   private munged + slurmctld + slurmd, all state and logs in DIR;
#                                      then `export SLURM_CONF=DIR/slurm.conf` to use it
#   scripts/slurm-local.sh stop DIR    stop the three daemons started in DIR
# Needs root (slurmd runs jobs as their submitting user). The daemons use their own key, socket
# and two free ports from 6917 on, so a real Slurm or munge on the machine is left alone.
set -euo pipefail

packages=(munge slurmctld slurmd slurm-client)

install() { "$(dirname "$0")/install-packages.sh" --no-services "${packages[@]}"; }

# Stops the daemon whose pid file is given, waiting up to 10 s for it to exit.
stop_daemon() {
  local pid_file=$1 pid
  [ -f "$pid_file" ] || return 0
  pid=$(cat "$pid_file")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file"
}

stop() {
  local dir=$1
  stop_daemon "$dir/slurmd.pid"
  stop_daemon "$dir/slurmctld.pid"
  stop_daemon "$dir/munged.pid"
}

# Prints the daemons' logs, to tell why the cluster did not come up.
show_logs() {
  local dir=$1 log
  for log in "$dir"/munged.log "$dir"/slurmctld.log "$dir"/slurmd.log; do
    [ -f "$log" ] && { echo "--- $log"; tail -n 20 "$log"; }
  done >&2
}

# Prints the first port from $1 on, in steps of 2, such that nothing listens on it or the next.
free_ports() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null ||
    (exec 3<>"/dev/tcp/127.0.0.1/$((port + 1))") 2>/dev/null; do
    port=$((port + 2))
  done
  echo "$port"
}

start() {
  local dir
  mkdir -p "$1"
  dir=$(cd "$1" && pwd)
  [ "$(id -u)" -eq 0 ] || { echo "slurm-local: must run as root" >&2; exit 1; }
  install
  stop "$dir"
  chmod 700 "$dir"
  mkdir -p "$dir/state" "$dir/spool"

  # munge: a fresh key and a private socket.
  rm -f "$dir/munge.key"
  mungekey --create --keyfile="$dir/munge.key"
  chmod 600 "$dir/munge.key"
  munged --force --key-file="$dir/munge.key" --socket="$dir/munge.socket" \
    --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" --seed-file="$dir/munged.seed"

  # The node as slurmd sees it (real CPU count and memory), reachable on the loopback address.
  local node host port
  node=$(slurmd -C | head -n 1)
  host=$(hostname -s)
  port=$(free_ports 6917)
  cat >"$dir/slurm.conf" <<EOF
ClusterName=dlsim-local
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
# No cgroups: plain process tracking works in containers too.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
MailProg=/bin/true
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
  export SLURM_CONF=$dir/slurm.conf
  slurmctld -f "$SLURM_CONF"
  slurmd -f "$SLURM_CONF"

  # Ready when the node is idle (or already running jobs).
  for _ in $(seq 300); do
    if sinfo -h -o %t 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then
      echo "slurm-local: $(sinfo -h -o '%N %c CPUs %m MB %t') (SLURM_CONF=$SLURM_CONF)"
      return 0
    fi
    sleep 0.1
  done
  echo "slurm-local: the node did not become idle within 30 s" >&2
  sinfo >&2 || true
  show_logs "$dir"
  stop "$dir"
  exit 1
}

case "${1:-}" in
  install) install ;;
  start) start "${2:?start needs a directory}" ;;
  stop) stop "$(cd "${2:?stop needs a directory}" && pwd)" ;;
  *) echo "usage: $0 install | start DIR | stop DIR" >&2; exit 2 ;;
esac
