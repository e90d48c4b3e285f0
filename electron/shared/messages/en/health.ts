/** `swarmlab check`'s findings: what is wrong with a swarm, which nodes, and what to do. */
export const health = {
  healthy: 'no problem found',
  problemsMore: '{first} (and {more} more problems)',
  hostUnreachable: '{node} ({address}) could not be read: {error}',
  hostUnreachableFix:
    'Check that the host is powered on and that SSH answers there as the inventory says.',
  dockerStopped: 'Docker is not running on {node} (its service is {state})',
  dockerStoppedDown: '{node} is Down: Docker is not running there (its service is {state})',
  dockerStoppedFix:
    'Start it on {node}: `sudo systemctl start docker`. If it stops again, `journalctl -u docker` there says why.',
  notInSwarm: '{node} is not part of the swarm (its Docker says {state})',
  notListed: '{node} believes it is in a swarm, but the managers do not list it',
  notInSwarmFix: 'Run `swarmlab apply` with this inventory: it joins the node again.',
  nodeDown:
    '{node} is {state} in the managers’ list although Docker runs on it: it has not reached a manager (2377/tcp) lately',
  nodeDownFix: 'See what the port tests say about {node}, and `journalctl -u docker` on it.',
  nodeUnavailable: '{node} is set to {availability}: swarm starts no new tasks on it',
  nodeUnavailableFix:
    'When its maintenance is over, on a manager: `docker node update --availability active {node}`.',
  nodeUnknown: 'the swarm lists nodes that are not in the inventory: {nodes}',
  nodeUnknownFix:
    'Add them to the inventory, or remove them on a manager with `docker node rm <name>` (after `docker swarm leave` on the node itself).',
  noManagerAnswers: 'no manager could list the nodes: {error}',
  noManagerAmong: 'none of {nodes} is a manager with Docker running',
  quorumLost:
    'the swarm has lost its quorum: {reachable} of {total} managers are reachable and {needed} are needed; unreachable: {nodes}',
  quorumLostFix:
    'Bring the unreachable managers back (power them on, start Docker). If they are gone for good, on a surviving manager: `docker swarm init --force-new-cluster`.',
  quorumFragileDown:
    'only {reachable} of {total} managers are reachable ({nodes} not): one more lost and the swarm accepts no change',
  quorumFragileEven:
    'with {total} managers, the swarm needs every one of them to change anything: losing one stops it',
  quorumFragileFix:
    'Use an odd number of managers: 3 survive losing one, 5 survive losing two. Set `role: manager` on more hosts and apply.',
  versionsDiffer: 'the nodes run different Docker versions: {versions}',
  versionsDifferFix:
    'A swarm works across versions for a while, but features follow the oldest: upgrade the nodes to one version, one node at a time.',
  addressDrift:
    '{node} advertises {advertised} to the swarm, but none of its interfaces has that address now (it has {now}): its address changed',
  addressDriftFix:
    'Give {node} a fixed address (static, or a DHCP reservation), then let it join again with the new one: `swarmlab reset` for this host, then `swarmlab apply`.',
  certificateExpired:
    '{node}’s swarm certificate expired at {at}: the node can no longer talk to the managers',
  certificateExpiredFix:
    'The node must join again: `swarmlab reset` for this host, then `swarmlab apply`.',
  certificateExpiringDays:
    '{node}’s swarm certificate expires in {days} days ({at}); a node that is powered off when it expires cannot come back',
  certificateExpiringHours:
    '{node}’s swarm certificate expires within {hours} h ({at}); a node that is powered off when it expires cannot come back',
  certificateExpiringFix:
    'A running node renews its certificate on its own. To renew every node now, on a manager: `docker swarm ca --rotate`. For a lab that sits powered off for months, a longer lifetime: `docker swarm update --cert-expiry 8760h`.',
  portDropped: '{port} from {from} to {node} ({address}) gets no answer: it is dropped on the way',
  portDroppedAll:
    '{port} to {node} ({address}) gets no answer from any other node: it is dropped on the way',
  portDroppedFix:
    'Open {port} on {node}: in its firewall (`firewall-cmd --add-port`, `ufw allow`, iptables rules) and in any security group or firewall between the hosts.',
  portRefused: '{port} from {from} to {node} ({address}) is refused',
  portRefusedAll: '{port} to {node} ({address}) is refused from every other node',
  portRefusedFix:
    'Nothing listens on {port} at {address}, or a firewall rejects it: check the address {node} advertises and its firewall rules.',
  overlayBlocked:
    'containers on {node} reach none on {others} over {network}, while the hosts themselves reach each other: VXLAN packets ({port}/udp) to or from {node} are lost',
  overlayBlockedFix:
    'Open {port}/udp on {node} and on the hosts it talks to: in the host firewall and in any security group. Some virtual switches drop VXLAN as well.',
  overlayGossip:
    'containers on {node} reach none on {others} over {network}, and these nodes do not even know where each other’s containers are: the swarm’s gossip (7946/tcp and 7946/udp) between them does not get through',
  overlayGossipFix:
    'Open 7946/tcp and 7946/udp on {node} and the hosts it talks to. Once it gets through again, gossip heals within a minute or two; `sudo systemctl restart docker` on {node} makes it rejoin at once.',
  overlayMtu:
    'between {node} and {others}, overlay packets of {size} bytes are lost while small ones pass: the MTU of {network} is too big for the path',
  overlayMtuFixInterface:
    'An interface on the way has MTU {underlay}, so the overlay may use at most {mtu}. Set `swarm.network.mtu: {mtu}` in the inventory and create {network} again (remove its services and the network, then apply).',
  overlayMtuFixPath:
    'The hosts’ interfaces allow more, so the path between them carries less (a VPN, a tunnel). Try a smaller overlay MTU: `swarm.network.mtu: {mtu}` in the inventory, then create {network} again (remove its services and the network, then apply).',
  probeNotCreated: 'the probe service could not be created on {network}: {error}',
  probeNotCreatedFix:
    'Check that the overlay network exists (`docker network ls` on a manager): `swarmlab apply` creates it.',
  probeNoTask: 'the probe task ({service}) did not start on {node}',
  probeNoContainer: 'the probe task on {node} has no container on the overlay network',
  probeNoTaskFix:
    'On a manager, `docker node ps {node}` says why tasks do not start there (an image that is missing, no room).',
  probeNoPing: 'the probe on {node} could not test the overlay: the image {image} has no ping',
  probeNoPingFix:
    'Use a test image with ping for `verify.image` (busybox or alpine, or the lab’s image archive).',
  clusterNotRead: 'the node check did not run, so the nodes to test are not known',
} as const;
