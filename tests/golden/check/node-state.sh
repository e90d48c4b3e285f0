state=$(systemctl is-active docker 2>/dev/null)
printf "docker=%s\n" "${state:-unknown}"
if [ "$state" = active ]; then
  printf 'info=%s\n' "$(docker info --format '{{.ServerVersion}}|{{.Swarm.LocalNodeState}}|{{.Swarm.NodeID}}|{{.Swarm.NodeAddr}}|{{.Swarm.ControlAvailable}}' 2>/dev/null)"
fi
ip -o -4 addr show 2>/dev/null | while read -r _ name _ cidr _; do printf 'addr=%s %s\n' "$name" "${cidr%/*}"; done
for mtu in /sys/class/net/*/mtu; do name=${mtu%/mtu}; printf "mtu=%s %s\n" "${name##*/}" "$(cat "$mtu")"; done
cat /var/lib/docker/swarm/certificates/swarm-node.crt 2>/dev/null
true
