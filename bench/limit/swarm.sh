#!/bin/bash
# The physical limit: the same changes as swarmlab and the Ansible playbook, sent as plain
# shell over ssh, every host in parallel, nothing probed, nothing checked, nothing reported.
# Usage: swarm.sh MANAGER_ADDRESS WORKER_ADDRESS...
# The root password of host n (in argument order) is in $SWARMLAB_LAB_PASSWORD_n.
set -euo pipefail

NETWORK=swarmlab-net
SUBNET=10.10.0.0/24
KNOWN_HOSTS=$(mktemp)
trap 'rm -f "$KNOWN_HOSTS"' EXIT

addresses=("$@")
# node01, node02, … in argument order; the first host is the manager.
hosts_block=""
for i in "${!addresses[@]}"; do
  hosts_block+="${addresses[$i]} node$(printf '%02d' $((i + 1)))"$'\n'
done

# on HOST_INDEX COMMAND: runs a script as root on host n (0-based), password from the environment.
on() {
  local index=$1
  shift
  local password_var="SWARMLAB_LAB_PASSWORD_$((index + 1))"
  SSHPASS=${!password_var} sshpass -e ssh -o StrictHostKeyChecking=accept-new \
    -o UserKnownHostsFile="$KNOWN_HOSTS" -o LogLevel=ERROR "root@${addresses[$index]}" "$@"
}

prepare() {
  local index=$1
  on "$index" sh -s <<SCRIPT
set -e
hostnamectl set-hostname node$(printf '%02d' $((index + 1)))
printf '%s' '${hosts_block}' >> /etc/hosts
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q docker.io
mkdir -p /etc/docker
cat > /etc/docker/daemon.json <<'JSON'
{
  "insecure-registries": ["registry.lab.example:5000"],
  "log-driver": "json-file",
  "log-opts": { "max-file": "3", "max-size": "10m" },
  "registry-mirrors": ["https://registry.lab.example"]
}
JSON
systemctl restart docker
SCRIPT
}

pids=()
for i in "${!addresses[@]}"; do
  prepare "$i" >/dev/null &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done

manager=${addresses[0]}
on 0 docker swarm init --advertise-addr "$manager" >/dev/null
token=$(on 0 docker swarm join-token -q worker)

pids=()
for i in "${!addresses[@]}"; do
  [ "$i" -eq 0 ] && continue
  # The token goes through stdin, not the command line other users can read.
  printf '%s\n' "$token" | on "$i" sh -c "'read -r token; docker swarm join --advertise-addr ${addresses[$i]} --token \"\$token\" $manager:2377'" >/dev/null &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done

on 0 docker network create --driver overlay --attachable --subnet "$SUBNET" "$NETWORK" >/dev/null
