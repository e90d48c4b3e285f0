import type { Inventory } from '../inventory/schema';
import { authorizedKeysHas } from '../keys/app-key';
import { shellJoin } from '../shell/quote';
import { firstManager } from '../swarm/swarm-info';
import { readManagerPublicKey } from './manager-key';
import { StepFailure, type StepContext, type StepDefinition } from './step';

const ROOT_AUTHORIZED_KEYS = '/root/.ssh/authorized_keys';

interface TrustProbe {
  managerKey: string;
  authorizedKeys: string;
}

function manager(ctx: StepContext<Inventory>) {
  const first = firstManager(ctx.hosts);
  if (!first) throw new StepFailure('the inventory has no manager');
  return { host: first, remote: ctx.remoteFor(first.id) };
}

/** Authorises the first manager's key for root on every other node, then proves the login. */
export const managerKeyTrustStep: StepDefinition<TrustProbe, Inventory> = {
  id: 'manager-key-trust',
  title: { en: 'Manager → node login', 'zh-CN': '管理节点免密登录' },
  explanation: {
    en: 'Adds the first manager’s public key to root’s authorized_keys on each other node (once, never twice) and proves the manager can log in with it.',
    'zh-CN':
      '把第一个管理节点的公钥加入其余各节点 root 的 authorized_keys（只加一次），并验证管理节点可以用它登录。',
  },
  waitsFor: ['manager-key'],
  appliesTo: (host, hosts, options) =>
    options.prepare.managerKeyToNodes &&
    firstManager(hosts) !== undefined &&
    firstManager(hosts)?.id !== host.id,

  async probe(ctx) {
    const managerKey = await readManagerPublicKey((script) =>
      manager(ctx).remote.exec(script, { sudo: true }),
    );
    if (!managerKey) throw new StepFailure('the first manager has no key pair');
    const authorizedKeys = (await ctx.remote.readFile(ROOT_AUTHORIZED_KEYS, { sudo: true })) ?? '';
    return { managerKey, authorizedKeys };
  },
  decide: (probe) =>
    authorizedKeysHas(probe.authorizedKeys, probe.managerKey)
      ? { kind: 'ok', message: 'the manager’s key is already authorised' }
      : { kind: 'change', changes: ['authorise the manager’s key for root'] },
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
  async verify(ctx) {
    // The manager records the node's host key on first contact, as `ssh` does by hand.
    const login = await manager(ctx).remote.exec(
      shellJoin([
        'ssh',
        '-o',
        'BatchMode=yes',
        '-o',
        'StrictHostKeyChecking=accept-new',
        '-o',
        'ConnectTimeout=10',
        '-p',
        String(ctx.host.port),
        `root@${ctx.host.address}`,
        'hostname',
      ]),
      { sudo: true, allowFailure: true },
    );
    if (login.exitCode !== 0) {
      throw new StepFailure(
        `the manager cannot log in to ${ctx.host.address} with its key: ${login.stderr.trim().split('\n').at(-1) ?? ''}`,
        'check that sshd on the node allows root login with a key (PermitRootLogin prohibit-password or yes)',
      );
    }
    return { managerLogin: login.stdout.trim() };
  },
};
