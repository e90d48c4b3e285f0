/**
 * What an inventory option is when the inventory does not set it. One declaration for the
 * engine's schema (engine/inventory/schema.ts, resolve.ts) and the wizard's empty draft
 * (renderer/src/model/draft.ts), so the wizard starts from exactly what the engine assumes.
 * Imports nothing: the renderer bundles it.
 */
export const INVENTORY_DEFAULTS = {
  name: 'swarmlab',
  /** How every host (and the jump host) is reached unless it says otherwise. */
  ssh: { port: 22, user: 'root' },
  role: 'worker',
  prepare: {
    mirror: 'none',
    hostsFile: true,
    timeSync: true,
    firewall: 'open-ports',
    selinux: 'keep',
    keyExchange: true,
    managerKeyToNodes: false,
  },
  docker: { install: 'distro', removeConflicting: false },
  network: { name: 'swarmlab-net', subnet: '10.10.0.0/24', attachable: true, encrypted: false },
  verify: { enabled: true, image: 'swarmlab/busybox:1', replicasPerNode: 1, keepService: false },
} as const;
