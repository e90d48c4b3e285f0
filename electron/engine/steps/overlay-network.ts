import { localized, localizedList, type Localized } from '../../shared/messages';
import type { Inventory } from '../inventory/schema';
import { shellJoin, shellQuote } from '../shell/quote';
import { isFirstManager } from '../swarm/swarm-info';
import { StepFailure, type StepDefinition } from './step';
import { purpose } from '../remote/purpose';

type NetworkOptions = Inventory['swarm']['network'];

export interface ExistingNetwork {
  driver: string;
  scope: string;
  subnet: string;
  attachable: boolean;
  encrypted: boolean;
  mtu: string | undefined;
}

const MTU_OPTION = 'com.docker.network.driver.mtu';

/** `docker network create` for the inventory's overlay network. Pure, golden-tested. */
export function createNetworkCommand(network: NetworkOptions): string {
  return shellJoin([
    'docker',
    'network',
    'create',
    '--driver',
    'overlay',
    '--subnet',
    network.subnet,
    ...(network.attachable ? ['--attachable'] : []),
    ...(network.encrypted ? ['--opt', 'encrypted'] : []),
    ...(network.mtu ? ['--opt', `${MTU_OPTION}=${network.mtu}`] : []),
    network.name,
  ]);
}

/** How an existing network differs from the inventory; empty when it matches. */
export function networkDifferences(existing: ExistingNetwork, wanted: NetworkOptions): Localized[] {
  const differences: Localized[] = [];
  if (existing.driver !== 'overlay')
    differences.push(localized('failures.overlay-network.driver', { driver: existing.driver }));
  if (existing.subnet !== wanted.subnet) {
    differences.push(
      localized('failures.overlay-network.subnet', {
        subnet: existing.subnet || localized('failures.overlay-network.noSubnet'),
        wanted: wanted.subnet,
      }),
    );
  }
  if (existing.attachable !== wanted.attachable)
    differences.push(
      localized('failures.overlay-network.attachable', { value: String(existing.attachable) }),
    );
  if (existing.encrypted !== wanted.encrypted)
    differences.push(
      localized('failures.overlay-network.encrypted', { value: String(existing.encrypted) }),
    );
  if (wanted.mtu !== undefined && existing.mtu !== String(wanted.mtu))
    differences.push(
      localized('failures.overlay-network.mtu', {
        value: existing.mtu ?? localized('failures.overlay-network.defaultMtu'),
      }),
    );
  return differences;
}

interface InspectedNetwork {
  Driver?: string;
  Scope?: string;
  Attachable?: boolean;
  Options?: Record<string, string> | null;
  IPAM?: { Config?: { Subnet?: string }[] | null };
}

/** Creates the overlay network on the first manager, or checks that the existing one matches. */
export const overlayNetworkStep: StepDefinition<ExistingNetwork | undefined, Inventory> = {
  id: 'overlay-network',
  title: localized('steps.overlay-network.title'),
  explanation: localized('steps.overlay-network.explanation'),
  waitsFor: ['swarm-init'],
  appliesTo: (host, hosts) => isFirstManager(host, hosts),

  async probe(ctx) {
    const name = ctx.options.swarm.network.name;
    const result = await ctx.remote.exec(`docker network inspect ${shellQuote(name)}`, {
      sudo: true,
      allowFailure: true,
      quiet: true,
      purpose: purpose('network'),
    });
    if (result.exitCode !== 0) return undefined;
    const [network] = JSON.parse(result.stdout) as InspectedNetwork[];
    const options = network?.Options ?? {};
    return {
      driver: network?.Driver ?? '',
      scope: network?.Scope ?? '',
      subnet: network?.IPAM?.Config?.[0]?.Subnet ?? '',
      attachable: network?.Attachable ?? false,
      encrypted: 'encrypted' in options,
      mtu: options[MTU_OPTION],
    };
  },

  decide(existing, ctx) {
    const wanted = ctx.options.swarm.network;
    if (!existing)
      return {
        kind: 'change',
        changes: [
          localized('outcomes.overlay-network.create', {
            name: wanted.name,
            subnet: wanted.subnet,
          }),
        ],
      };
    const differences = networkDifferences(existing, wanted);
    if (differences.length > 0) {
      throw new StepFailure(
        localized('failures.overlay-network.differs', {
          name: wanted.name,
          differences: localizedList(differences),
        }),
        localized('failures.overlay-network.differsFix', { name: wanted.name }),
      );
    }
    return {
      kind: 'ok',
      message: localized('outcomes.overlay-network.exists', { name: wanted.name }),
    };
  },

  async apply(ctx) {
    await ctx.remote.exec(createNetworkCommand(ctx.options.swarm.network), { sudo: true });
  },

  async verify(ctx, probe, changed) {
    const existing = changed ? await overlayNetworkStep.probe(ctx) : probe;
    if (!existing)
      throw new StepFailure(
        localized('failures.overlay-network.notCreated', { name: ctx.options.swarm.network.name }),
      );
    const differences = networkDifferences(existing, ctx.options.swarm.network);
    if (differences.length > 0) {
      throw new StepFailure(
        localized('failures.overlay-network.stillDiffers', {
          differences: localizedList(differences),
        }),
      );
    }
    return { name: ctx.options.swarm.network.name, ...existing };
  },

  preview: (_host, _facts, options) => ({
    commands: [createNetworkCommand(options.swarm.network)],
    files: [],
    note: localized('plans.notes.overlayNetwork'),
  }),
};
