import { localized } from '../../shared/messages';
import type { Inventory } from '../inventory/schema';
import type { PlanHostSummary } from '../../shared/plan';
import { authorizedKeysHas } from '../keys/app-key';
import { shellJoin } from '../shell/quote';
import { managerView } from '../swarm/manager-view';
import { firstManager } from '../swarm/swarm-info';
import { readManagerPublicKey } from './manager-key';
import { StepFailure, type StepContext, type StepDefinition } from './step';
import { purpose } from '../remote/purpose';

export const ROOT_AUTHORIZED_KEYS = '/root/.ssh/authorized_keys';

interface TrustProbe {
  managerKey: string;
  authorizedKeys: string;
}

function manager(ctx: StepContext<Inventory>) {
  const first = firstManager(ctx.hosts);
  if (!first) throw new StepFailure(localized('failures.swarm.noManager'));
  return { host: first, remote: ctx.remoteFor(first.id) };
}

/** The manager's proof that its key opens the node (it records the node's key, as `ssh` does). */
function managerLoginCommand(node: PlanHostSummary): string {
  return shellJoin([
    'ssh',
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=accept-new',
    '-o',
    'ConnectTimeout=10',
    '-p',
    String(node.port),
    `root@${node.address}`,
    'hostname',
  ]);
}

/** Authorises the first manager's key for root on every other node, then proves the login. */
export const managerKeyTrustStep: StepDefinition<TrustProbe, Inventory> = {
  id: 'manager-key-trust',
  title: localized('steps.manager-key-trust.title'),
  explanation: localized('steps.manager-key-trust.explanation'),
  waitsFor: ['manager-key'],
  appliesTo: (host, hosts, options) =>
    options.prepare.managerKeyToNodes &&
    firstManager(hosts) !== undefined &&
    firstManager(hosts)?.id !== host.id,

  async probe(ctx) {
    // One read for all the nodes (manager-view.ts): the key exists since manager-key ran.
    const managerKey = await managerView(ctx).once('root public key', () =>
      readManagerPublicKey((script) =>
        manager(ctx).remote.exec(script, { sudo: true, purpose: purpose('managerKey') }),
      ),
    );
    if (!managerKey) throw new StepFailure(localized('failures.manager-key-trust.noPair'));
    const authorizedKeys = (await ctx.remote.readFile(ROOT_AUTHORIZED_KEYS, { sudo: true })) ?? '';
    return { managerKey, authorizedKeys };
  },
  decide: (probe) =>
    authorizedKeysHas(probe.authorizedKeys, probe.managerKey)
      ? { kind: 'ok', message: localized('outcomes.manager-key-trust.alreadyAuthorised') }
      : { kind: 'change', changes: [localized('outcomes.manager-key-trust.authorise')] },
  async apply(ctx, probe) {
    const current = probe.authorizedKeys.replace(/\n*$/, '');
    await ctx.remote.exec('mkdir -p /root/.ssh && chmod 700 /root/.ssh', { sudo: true });
    await ctx.remote.uploadFile(
      ROOT_AUTHORIZED_KEYS,
      `${current === '' ? '' : `${current}\n`}${probe.managerKey}\n`,
      {
        mode: 0o600,
        sudo: true,
      },
    );
  },
  preview: (host, _facts, _options, hosts) => ({
    before: ['mkdir -p /root/.ssh && chmod 700 /root/.ssh'],
    files: [
      {
        path: ROOT_AUTHORIZED_KEYS,
        mode: 0o600,
        content: `(the lines already there)\n(root’s public key from ${firstManager(hosts)?.id ?? 'the first manager'})\n`,
      },
    ],
    commands: [
      `# on ${firstManager(hosts)?.id ?? 'the first manager'}: ${managerLoginCommand(host)}`,
    ],
  }),
  async verify(ctx) {
    const login = await manager(ctx).remote.exec(managerLoginCommand(ctx.host), {
      sudo: true,
      allowFailure: true,
      purpose: purpose('managerLogin'),
    });
    if (login.exitCode !== 0) {
      throw new StepFailure(
        localized('failures.manager-key-trust.loginFailed', {
          address: ctx.host.address,
          output: login.stderr.trim().split('\n').at(-1) ?? '',
        }),
        localized('failures.manager-key-trust.loginFailedFix'),
      );
    }
    return { managerLogin: login.stdout.trim() };
  },
};
