import { beforeAll, describe, expect, inject, it } from 'vitest';
import { hostExec, resetHosts } from '../../electron/engine/lab';
import { labInventory } from '../../electron/engine/lab/inventory';
import { appKeyPath } from '../../electron/engine/keys/app-key';
import { HostSession } from '../../electron/engine/ssh/host-session';
import { SETUP_STEPS } from '../../electron/engine/steps';
import { HOSTS_BLOCK_BEGIN } from '../../electron/engine/steps/hosts-file';
import { expectNoLabSecrets, freshAppHome, outcomes, runOnLab, validInventory } from './helpers';

const lab = inject('lab');
/** Engine part 1: everything before Docker. */
const PREPARE_STEPS = SETUP_STEPS.slice(
  0,
  SETUP_STEPS.findIndex((step) => step.id === 'selinux') + 1,
);
const viaSudoUser = { sudoUserHost: 2 };

describe('preparing bare lab hosts (preflight → key exchange → hostnames → time → firewall)', () => {
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    await resetHosts(lab.hosts.map((host) => host.name));
    env = await freshAppHome();
  });

  it('prepares 3 hosts reached by password (one as a sudo user), then changes nothing on a rerun', async () => {
    const inventory = validInventory({
      ...labInventory(lab, viaSudoUser),
      prepare: { managerKeyToNodes: true },
    });
    const first = await runOnLab(lab, inventory, env, { ...viaSudoUser, steps: PREPARE_STEPS });
    expect(first.finished.failures).toEqual([]);
    expect(first.finished.status).toBe('succeeded');
    expect(outcomes(first.events)).toContain('node03 ssh-keys changed');
    expect(outcomes(first.events)).toContain('node01 hostname changed');
    // As in the tutorial, root on the manager now logs in to the other nodes with its own key.
    expect(outcomes(first.events)).toEqual(
      expect.arrayContaining([
        'node01 manager-key changed',
        'node02 manager-key-trust changed',
        'node03 manager-key-trust changed',
      ]),
    );

    // Key login works without any password: a session that only has the app's key.
    for (const [index, host] of lab.hosts.entries()) {
      const user = index === viaSudoUser.sudoUserHost ? host.sudoUser : 'root';
      const keyOnly = new HostSession(
        {
          id: host.name,
          host: host.address,
          port: host.port,
          username: user,
          auth: [{ type: 'privateKey', key: { path: appKeyPath(env) } }],
        },
        { env, hostKeyPolicy: 'strict' },
      );
      try {
        const result = await keyOnly.exec('hostname; cat /etc/hosts');
        const expectedName = `node0${index + 1}`;
        expect(result.stdout.split('\n')[0]).toBe(expectedName);
        expect(result.stdout).toContain(HOSTS_BLOCK_BEGIN);
        for (const [otherIndex, other] of lab.hosts.entries()) {
          expect(result.stdout).toMatch(
            new RegExp(`${other.address.replaceAll('.', '\\.')}\\s+node0${otherIndex + 1}`),
          );
        }
        expect(result.stdout.split(HOSTS_BLOCK_BEGIN).length).toBe(2);
      } finally {
        await keyOnly.close();
      }
    }

    // Time: a lab host is a container sharing this machine's clock; preflight measured it.
    const timeSync = first.events.filter(
      (event) => event.type === 'step-finished' && event.step === 'time-sync',
    );
    expect(timeSync).toHaveLength(3);
    for (const event of timeSync) {
      expect(event.type === 'step-finished' && event.status).toBe('ok');
    }

    const second = await runOnLab(lab, inventory, env, { ...viaSudoUser, steps: PREPARE_STEPS });
    expect(second.finished.summary.changed).toBe(0);
    expect(second.finished.summary.failed).toBe(0);
    expect(second.finished.summary.skipped).toBe(0);
    expect(second.finished.summary.ok).toBe(
      first.finished.summary.ok + first.finished.summary.changed,
    );

    const journals = [first.journalPath, second.journalPath];
    await expectNoLabSecrets(
      lab,
      [JSON.stringify(first.events), JSON.stringify(second.events)],
      journals,
    );
  });

  it('refuses a changed host key before sending any credential', async () => {
    const inventory = validInventory(labInventory(lab, viaSudoUser));
    const changed = lab.hosts[1];
    if (!changed) throw new Error('the lab needs 3 hosts');
    const authLog = async () =>
      (
        await hostExec(changed.name, [
          'sh',
          '-c',
          'journalctl -u ssh --no-pager -o cat | grep -cE "Accepted|Failed" || true',
        ])
      ).stdout.trim();
    // Known first: this home already trusts every lab host from the test above.
    await hostExec(changed.name, [
      'sh',
      '-c',
      'rm -f /etc/ssh/ssh_host_*key* && ssh-keygen -A >/dev/null && systemctl restart ssh',
    ]);
    const attemptsBefore = await authLog();
    // sshd logs every login here: the earlier test's logins prove the count can move.
    expect(Number(attemptsBefore)).toBeGreaterThan(0);
    const run = await runOnLab(lab, inventory, env, {
      ...viaSudoUser,
      steps: PREPARE_STEPS.slice(0, 1),
    });
    const failure = run.finished.failures.find((entry) => entry.host === 'node02');
    expect(failure?.message).toMatch(/host key .*changed/i);
    expect(failure?.message).toContain('SHA256:');
    expect(run.finished.failures.map((entry) => entry.host)).toEqual(['node02']);
    expect(await authLog()).toBe(attemptsBefore);
    await resetHosts([changed.name]);
  });

  it('fails a host with a wrong password and an unreachable host alone; the others finish', async () => {
    const input = labInventory(lab);
    // An address on the lab's own bridge where no host lives: nothing leaves the machine.
    const nobody = lab.gateway.replace(/\.\d+$/, '.250');
    const hosts = input.hosts.map((host, index) =>
      index === 2 ? { ...host, address: nobody, hostname: 'node-gone' } : host,
    );
    const inventory = validInventory({ ...input, hosts });
    const run = await runOnLab(lab, inventory, await freshAppHome(), {
      steps: PREPARE_STEPS,
      passwordOverrides: { SWARMLAB_LAB_PASSWORD_2: 'definitely-wrong' },
    });
    const failed = new Map(run.finished.failures.map((entry) => [entry.host, entry.message]));
    expect([...failed.keys()].sort()).toEqual(['node-gone', 'node02']);
    expect(failed.get('node02')).toMatch(/password/i);
    expect(failed.get('node-gone')).toContain(nobody);
    const node01 = outcomes(run.events).filter((line) => line.startsWith('node01 '));
    expect(node01.every((line) => line.endsWith(' ok') || line.endsWith(' changed'))).toBe(true);
    const planned = run.events.find((event) => event.type === 'run-started');
    const node01Steps =
      planned?.type === 'run-started'
        ? planned.steps.filter((step) => step.hosts.includes('node01')).length
        : 0;
    expect(node01Steps).toBeGreaterThan(5);
    expect(node01.length).toBe(node01Steps);
    await expectNoLabSecrets(lab, [JSON.stringify(run.events)], [run.journalPath]);
  });
});
