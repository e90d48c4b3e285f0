/**
 * What `remove` and `reset` will do to which host, in every language, said before they start:
 * the CLI prints it and asks, the wizard shows it in its confirmation. Reads nothing from the
 * hosts; the refusals here are the ones the inventory alone decides.
 */
import { localized, localizedList } from '../shared/messages';
import type { Localized } from '../shared/localized';
import type { OperationPlan, SwarmOperation } from '../shared/operations';
import { resolveHosts, type ResolvedHost } from './inventory/resolve';
import type { Inventory } from './inventory/schema';
import { planHostSummary } from './setup';
import { actingManager } from './steps/removal';

/** The hosts an operation names, or the name that is not a host of the inventory. */
export function operationHosts(
  inventory: Inventory,
  hostIds: readonly string[],
): { hosts: ResolvedHost[]; chosen: ResolvedHost[]; unknown?: Localized } {
  const hosts = resolveHosts(inventory);
  const chosen: ResolvedHost[] = [];
  for (const id of hostIds) {
    const host = hosts.find((candidate) => candidate.id === id);
    if (!host) {
      return {
        hosts,
        chosen,
        unknown: localized('operations.unknownHost', {
          host: JSON.stringify(id),
          hosts: localizedList(hosts.map((candidate) => candidate.id)),
        }),
      };
    }
    if (!chosen.includes(host)) chosen.push(host);
  }
  return { hosts, chosen };
}

export function describeOperation(inventory: Inventory, operation: SwarmOperation): OperationPlan {
  if (operation.kind === 'check' || operation.kind === 'practice') {
    return readingOperation(inventory, operation);
  }
  const { hosts, chosen, unknown } = operationHosts(inventory, operation.hostIds);
  if (unknown) return { lines: [], refusal: unknown };
  const names = localizedList(chosen.map((host) => host.id));
  const everyHost = operation.kind === 'reset' && chosen.length === hosts.length;
  const lines: Localized[] = [];
  if (everyHost) {
    lines.push(localized('operations.reset.dissolve'));
  } else {
    const acting = actingManager(hosts.map(planHostSummary), {
      hostIds: chosen.map((host) => host.id),
      force: operation.force,
    });
    if (!acting) {
      return {
        lines: [],
        refusal: localized(`operations.${operation.kind}.noManagerLeft`, { hosts: names }),
      };
    }
    lines.push(...removalLines(inventory, hosts, chosen, acting.id));
  }
  if (operation.kind === 'reset') {
    lines.push(
      localized(
        operation.uninstallDocker ? 'operations.reset.cleanupDocker' : 'operations.reset.cleanup',
        { hosts: names },
      ),
      localized('operations.reset.notUndone'),
    );
  }
  return { lines };
}

/** A check or practice: what it reads, and the short-lived services it starts on which manager. */
function readingOperation(
  inventory: Inventory,
  operation: Extract<SwarmOperation, { kind: 'check' | 'practice' }>,
): OperationPlan {
  const hosts = resolveHosts(inventory);
  const manager = hosts.find((host) => host.role === 'manager');
  if (!manager) return { lines: [], refusal: localized('operations.noManager') };
  const where = { host: manager.id, address: manager.address };
  if (operation.kind === 'check') {
    return {
      lines: [
        localized('operations.check.reads', { hosts: localizedList(hosts.map((host) => host.id)) }),
        localized('operations.check.probe', where),
      ],
    };
  }
  return {
    lines: [
      localized('operations.practice.runs', {
        ...where,
        count: operation.exercises.length,
      }),
      localized(operation.keep ? 'operations.practice.keep' : 'operations.practice.cleanUp'),
    ],
  };
}

function removalLines(
  inventory: Inventory,
  hosts: readonly ResolvedHost[],
  leaving: readonly ResolvedHost[],
  actingId: string,
): Localized[] {
  const nodes = localizedList(leaving.map((host) => host.id));
  const acting = hosts.find((host) => host.id === actingId);
  const staying = hosts.filter((host) => !leaving.includes(host));
  return [
    ...leaving.map((host) =>
      localized(
        host.role === 'manager' ? 'operations.remove.leaveManager' : 'operations.remove.leave',
        { host: host.id, address: host.address },
      ),
    ),
    localized('operations.remove.nodeRm', {
      host: actingId,
      address: acting?.address ?? '',
      nodes,
    }),
    ...(inventory.prepare.hostsFile && staying.length > 0
      ? [
          localized('operations.remove.hostsDrop', {
            hosts: localizedList(staying.map((host) => host.id)),
            nodes,
          }),
        ]
      : []),
  ];
}
