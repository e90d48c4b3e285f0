/**
 * Fault matrix, part 1 (issue 8): faults before and during the Docker install, on lab hosts.
 * Each row: the affected host fails naming the step and the cause, the other hosts finish,
 * every config on every host is whole (old or new), and a rerun completes the setup.
 *
 * The rows build on each other to keep CI time down (one Docker install for the file):
 * bad credentials on bare hosts → network cut mid-install and a broken apt source → dpkg lock held → sshd killed
 * mid-step → a host already in another swarm. Rows 6 (changed host key, refused before any
 * credential) and 8 (a daemon.json that stops dockerd is rolled back) are proven in
 * engine-prepare.test.ts and docker.test.ts.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { knownHostsPath } from '../../electron/engine/app-paths';
import { ensureAppKeyPair } from '../../electron/engine/keys/app-key';
import { hostExec, resetHosts, setLinkDown, setLinkUp } from '../../electron/engine/lab';
import { validateInventory } from '../../electron/engine/inventory';
import type { DaemonConfig } from '../../electron/engine/inventory/daemon';
import { labInventory } from '../../electron/engine/lab/inventory';
import { KnownHostsStore } from '../../electron/engine/ssh/known-hosts-store';
import { SETUP_STEPS } from '../../electron/engine/steps';
import {
  DOCKER_STEPS,
  expectWholeConfigs,
  failuresByHost,
  faultAt,
  hostFinished,
  killSshd,
  onHost,
  PREPARE_STEPS,
  stepsOf,
} from './fault-helpers';
import { expectNoLabSecrets, freshAppHome, runOnLab, validInventory } from './helpers';

const lab = inject('lab');
const names = lab.hosts.map((host) => host.name);
const viaSudoUser = { sudoUserHost: 2 };
/** A dead connection is noticed after interval × 3; shorter than the default to save CI time. */
const ssh = { keepaliveIntervalMs: 4_000 };

/** Takes dpkg's frontend lock as apt does (fcntl), says "held", keeps it 30 s, prints the time. */
const HOLD_DPKG_LOCK_30S = [
  'open(my $f, ">>", "/var/lib/dpkg/lock-frontend") or die "open: $!";',
  // struct flock on x86_64: l_type, l_whence, padding, l_start, l_len, l_pid, padding.
  'my $lock = pack("s s x4 q q i x4", F_WRLCK, SEEK_SET, 0, 0, 0);',
  'fcntl($f, F_SETLKW, $lock) or die "lock: $!";',
  '$| = 1; print "held\\n"; sleep 30; print time, "\\n";',
].join(' ');

/** A package source file the fault rows break and mend. */
const BROKEN_SOURCE = '/etc/apt/sources.list.d/swarmlab-fault.list';

const LAB_DAEMON = {
  'registry-mirrors': ['https://registry.lab.example'],
  'insecure-registries': ['registry.lab.example:5000'],
  'log-driver': 'json-file',
  'log-opts': { 'max-size': '10m', 'max-file': '3' },
} as const satisfies DaemonConfig;

describe('faults before and during the Docker install', () => {
  let env: NodeJS.ProcessEnv;
  let sshOptions: typeof ssh & { knownHosts: KnownHostsStore };
  let appPublicKey: string;

  beforeAll(async () => {
    await resetHosts(names);
    env = await freshAppHome();
    sshOptions = { ...ssh, knownHosts: new KnownHostsStore(knownHostsPath(env)) };
    appPublicKey = (await ensureAppKeyPair(env)).publicKey;
  });

  it('row 5: wrong sudo password, a user without sudo and a wrong password fail their host alone; a rerun completes', async () => {
    const nosudoPassword = 'Nosudo-pw-7f3a9c';
    await hostExec(
      lab.hosts[2]?.name ?? '',
      ['sh', '-c', 'id nosudo >/dev/null 2>&1 || useradd -m -s /bin/bash nosudo; chpasswd'],
      { input: `nosudo:${nosudoPassword}\n` },
    );
    const input = labInventory(lab, { sudoUserHost: 1 });
    const hosts = input.hosts.map((host, index) =>
      index === 1
        ? { ...host, sudoPasswordEnv: 'SWARMLAB_FAULT_SUDO' }
        : index === 2
          ? { ...host, user: 'nosudo', passwordEnv: 'SWARMLAB_FAULT_NOSUDO' }
          : host,
    );
    const badSudo = await runOnLab(lab, validInventory({ ...input, hosts }), env, {
      sudoUserHost: 1,
      steps: PREPARE_STEPS,
      ssh: sshOptions,
      passwordOverrides: {
        SWARMLAB_FAULT_SUDO: 'wrong-sudo-password',
        SWARMLAB_FAULT_NOSUDO: nosudoPassword,
      },
    });
    const failed = failuresByHost(badSudo.finished.failures);
    expect([...failed.keys()].sort()).toEqual(['node02', 'node03']);
    expect(failed.get('node02')?.step).toBe('preflight');
    expect(failed.get('node02')?.message).toMatch(/sudo .*rejected the password .*labuser/);
    expect(failed.get('node03')?.step).toBe('preflight');
    expect(failed.get('node03')?.message).toMatch(/nosudo may not use sudo/);
    expect(hostFinished(badSudo.events, 'node01')).toBe(true);

    const wrongPassword = await runOnLab(lab, validInventory(labInventory(lab, viaSudoUser)), env, {
      ...viaSudoUser,
      steps: PREPARE_STEPS.slice(0, 1),
      ssh: sshOptions,
      passwordOverrides: { SWARMLAB_LAB_PASSWORD_2: 'definitely-wrong' },
    });
    // node01 has the app's key by now, so its password is not even needed: break node02's.
    const wrong = failuresByHost(wrongPassword.finished.failures);
    expect([...wrong.keys()]).toEqual(['node02']);
    expect(wrong.get('node02')?.step).toBe('preflight');
    expect(wrong.get('node02')?.message).toMatch(/Authentication to .* failed.*password: refused/);

    const rerun = await runOnLab(lab, validInventory(labInventory(lab, viaSudoUser)), env, {
      ...viaSudoUser,
      steps: PREPARE_STEPS,
      ssh: sshOptions,
    });
    expect(rerun.finished.failures).toEqual([]);
    for (const name of names) await expectWholeConfigs(name, { appPublicKey });
    await expectNoLabSecrets(
      lab,
      [JSON.stringify([badSudo.events, wrongPassword.events, rerun.events])],
      [badSudo.journalPath, wrongPassword.journalPath, rerun.journalPath],
    );
    for (const journal of [badSudo.journalPath, rerun.journalPath]) {
      expect(await readFile(journal, 'utf8')).not.toContain(nosudoPassword);
    }
  });

  it('row 1: the network to one host cut mid-install, and a broken apt source on another, fail those hosts alone (the source by its file); a rerun installs them', async () => {
    const cut = lab.hosts[2]?.name ?? '';
    const broken = lab.hosts[1]?.name ?? '';
    // An entry apt cannot parse: every apt command on the host fails until it is mended.
    await onHost(
      broken,
      `printf '%s\\n' 'deb [trusted=yes http://127.0.0.1:9/debian bookworm main' > ${BROKEN_SOURCE}`,
    );
    const inventory = validInventory(labInventory(lab, viaSudoUser));
    const fault = faultAt('node03', 'docker-install', 'apply', () => setLinkDown(cut));
    let run;
    try {
      run = await runOnLab(lab, inventory, env, {
        ...viaSudoUser,
        steps: DOCKER_STEPS,
        ssh: sshOptions,
        onEvent: fault.onEvent,
      });
      await fault.fired();
    } finally {
      await setLinkUp(cut);
    }
    const failed = failuresByHost(run.finished.failures);
    expect([...failed.keys()].sort()).toEqual(['node02', 'node03']);
    expect(failed.get('node03')?.step).toBe('docker-install');
    expect(failed.get('node03')?.message).toMatch(/lost|timed out|not answer|unreachable/i);
    // The file is named, with what to do about it, before apt's own words.
    expect(failed.get('node02')?.message).toContain(
      `apt cannot use a package source listed in ${BROKEN_SOURCE}: fix or remove that entry`,
    );
    expect(failed.get('node02')?.message).toContain('Malformed entry 1');
    expect(stepsOf(run.events, 'node01')).toEqual([
      'preflight ok',
      'docker-install changed',
      'docker-daemon changed',
    ]);
    for (const name of names) {
      await expectWholeConfigs(name, { appPublicKey, daemonCandidates: [LAB_DAEMON] });
    }

    await onHost(broken, `rm -f ${BROKEN_SOURCE}`);
    const rerun = await runOnLab(lab, inventory, env, {
      ...viaSudoUser,
      steps: DOCKER_STEPS,
      ssh: sshOptions,
    });
    expect(rerun.finished.failures).toEqual([]);
    for (const name of ['node02', 'node03']) {
      expect(stepsOf(rerun.events, name)).toEqual([
        'preflight ok',
        'docker-install changed',
        'docker-daemon changed',
      ]);
    }
    for (const name of names) {
      await expectWholeConfigs(name, { appPublicKey, daemonCandidates: [LAB_DAEMON] });
      expect(await onHost(name, "dpkg-query -W -f='${Status}' docker.io")).toBe(
        'install ok installed',
      );
    }
  });

  it('row 4: the dpkg lock held by another process for 30 s makes the install wait, not fail', async () => {
    const locked = lab.hosts[1]?.name ?? '';
    await resetHosts([locked]);
    const inventory = validInventory(labInventory(lab, viaSudoUser));
    let holder: Promise<{ exitCode: number; stdout: string }> | undefined;
    const fault = faultAt('node02', 'docker-install', 'apply', async () => {
      // Held from before the install's first apt-get until 30 s later, like an unattended upgrade.
      // apt and dpkg lock with fcntl(2); flock(1) takes a flock(2) lock that apt never sees.
      holder = hostExec(locked, ['perl', '-MFcntl', '-e', HOLD_DPKG_LOCK_30S]);
    });
    const run = await runOnLab(lab, inventory, env, {
      ...viaSudoUser,
      steps: DOCKER_STEPS,
      ssh: sshOptions,
      onEvent: fault.onEvent,
    });
    await fault.fired();
    const held = await holder;
    // The lock was really held for the whole 30 s: the holder was not broken or killed.
    expect(held?.exitCode).toBe(0);
    const [first, releasedAt] = (held?.stdout ?? '').trim().split('\n');
    expect(first).toBe('held');
    expect(run.finished.failures).toEqual([]);
    expect(stepsOf(run.events, 'node02')).toEqual([
      'preflight ok',
      'docker-install changed',
      'docker-daemon changed',
    ]);
    // dpkg unpacked docker.io only after the holder let go: the install waited for the lock.
    const unpacked = await onHost(
      locked,
      "date -d \"$(grep -m1 ' install docker.io' /var/log/dpkg.log | cut -d' ' -f1-2)\" +%s",
    );
    expect(unpacked).toMatch(/^\d+$/);
    expect(releasedAt).toMatch(/^\d+$/);
    expect(Number(unpacked)).toBeGreaterThanOrEqual(Number(releasedAt));
    await expectWholeConfigs(locked, { daemonCandidates: [LAB_DAEMON] });
  });

  it('row 2: sshd killed on one host mid-step fails that host; after sshd starts again a rerun completes', async () => {
    const victim = lab.hosts[1]?.name ?? '';
    const input = labInventory(lab, viaSudoUser);
    const changedDaemon = { ...LAB_DAEMON, 'log-opts': { 'max-size': '20m', 'max-file': '3' } };
    const inventory = validInventory({
      ...input,
      docker: { ...input.docker, daemon: changedDaemon },
    });
    // Kills the listener and every connection it forked, like an OOM kill or a botched upgrade.
    const fault = faultAt('node02', 'docker-daemon', 'apply', () => killSshd(victim));
    let run;
    try {
      run = await runOnLab(lab, inventory, env, {
        ...viaSudoUser,
        steps: DOCKER_STEPS,
        ssh: sshOptions,
        onEvent: fault.onEvent,
      });
      await fault.fired();
    } finally {
      await hostExec(victim, ['systemctl', 'start', 'ssh']);
    }
    const failed = failuresByHost(run.finished.failures);
    expect([...failed.keys()]).toEqual(['node02']);
    expect(failed.get('node02')?.step).toBe('docker-daemon');
    expect(failed.get('node02')?.message).toMatch(/lost|refused/i);
    expect(hostFinished(run.events, 'node01')).toBe(true);
    expect(hostFinished(run.events, 'node03')).toBe(true);
    for (const name of names) {
      await expectWholeConfigs(name, {
        appPublicKey,
        daemonCandidates: [LAB_DAEMON, changedDaemon],
      });
    }

    const rerun = await runOnLab(lab, inventory, env, {
      ...viaSudoUser,
      steps: DOCKER_STEPS,
      ssh: sshOptions,
    });
    expect(rerun.finished.failures).toEqual([]);
    for (const name of names) {
      await expectWholeConfigs(name, { appPublicKey, daemonCandidates: [changedDaemon] });
    }
  });

  it('row 7: a host already in another swarm stops with the choice named; after leaving it, a rerun completes', async () => {
    const loner = lab.hosts[2];
    if (!loner) throw new Error('the lab needs 3 hosts');
    const init = await hostExec(loner.name, [
      'docker',
      'swarm',
      'init',
      '--advertise-addr',
      loner.address,
    ]);
    expect(init.exitCode).toBe(0);
    const inventory = validInventory(labInventory(lab, viaSudoUser));
    const run = await runOnLab(lab, inventory, env, {
      ...viaSudoUser,
      steps: SETUP_STEPS,
      ssh: sshOptions,
    });
    const failed = failuresByHost(run.finished.failures);
    expect([...failed.keys()]).toEqual(['node03']);
    expect(failed.get('node03')?.step).toBe('swarm-join');
    expect(failed.get('node03')?.message).toMatch(/already a member of another swarm/);
    expect(failed.get('node03')?.message).toContain('docker swarm leave --force');
    expect(stepsOf(run.events, 'node02')).toContain('swarm-join changed');
    expect(stepsOf(run.events, 'node01')).toContain('swarm-init changed');
    // Its own swarm was left alone: choosing is the operator's job.
    expect(await onHost(loner.name, "docker info --format '{{.Swarm.ControlAvailable}}'")).toBe(
      'true',
    );

    await hostExec(loner.name, ['docker', 'swarm', 'leave', '--force']);
    const rerun = await runOnLab(lab, inventory, env, {
      ...viaSudoUser,
      steps: SETUP_STEPS,
      ssh: sshOptions,
    });
    expect(rerun.finished.failures).toEqual([]);
    expect(rerun.finished.status).toBe('succeeded');
    const nodes = await onHost(
      lab.hosts[0]?.name ?? '',
      "docker node ls --format '{{.Hostname}} {{.Status}}' | sort",
    );
    expect(nodes.split('\n')).toEqual(['node01 Ready', 'node02 Ready', 'node03 Ready']);
    for (const name of names) await expectWholeConfigs(name, { appPublicKey });
  });
});

/** A file only an injected command would create. */
const CANARY_FILE = '/tmp/swarmlab-pwned';
const INJECT = `$(touch ${CANARY_FILE})`;
const INJECT_TICKS = `\`touch ${CANARY_FILE}\``;

describe('bad input: hostile values the inventory accepts reach the hosts as data', () => {
  beforeAll(async () => {
    // Whatever ran before, the canary starts absent everywhere.
    await Promise.all(names.map((name) => onHost(name, `rm -f ${CANARY_FILE}`)));
  });

  it('a run with shell syntax in the name, a label, a log option and a password executes none of it', async () => {
    const env = await freshAppHome();
    const ssh = { knownHosts: new KnownHostsStore(knownHostsPath(env)) };
    const hostilePassword = `p'"${INJECT}${INJECT_TICKS};|&<>\\ 密码 end`;
    const node03 = lab.hosts[2]?.name ?? '';
    await hostExec(
      node03,
      [
        'sh',
        '-c',
        'id hostile >/dev/null 2>&1 || useradd -m -s /bin/bash -G sudo hostile; chpasswd',
      ],
      { input: `hostile:${hostilePassword}\n` },
    );
    const input = labInventory(lab, viaSudoUser);
    const label = 'a=b,c:/@+-._';
    const tag = `${INJECT}${INJECT_TICKS}{{.Name}}'"`;
    const name = `lab ${INJECT} ${INJECT_TICKS} 'q' "q" ; | & 节点`;
    const hosts = input.hosts.map((host, index) =>
      index === 1
        ? { ...host, labels: { zone: label, 'lab.disk': 'ssd' } }
        : index === 2
          ? {
              ...host,
              user: 'hostile',
              passwordEnv: 'SWARMLAB_FAULT_HOSTILE',
              sudoPasswordEnv: 'SWARMLAB_FAULT_HOSTILE',
            }
          : host,
    );
    const daemon = { ...LAB_DAEMON, 'log-opts': { ...LAB_DAEMON['log-opts'], tag } };
    const inventory = validInventory({
      ...input,
      name,
      hosts,
      docker: { ...input.docker, daemon },
    });
    // Accepted as written: nothing was escaped or dropped on the way in.
    expect(inventory.name).toBe(name);
    expect(inventory.docker.daemon?.['log-opts']?.tag).toBe(tag);

    const run = await runOnLab(lab, inventory, env, {
      ...viaSudoUser,
      ssh,
      passwordOverrides: { SWARMLAB_FAULT_HOSTILE: hostilePassword },
    });
    expect(run.finished.failures).toEqual([]);
    // Logged in and used sudo with that password: node03's daemon.json was rewritten as root.
    expect(stepsOf(run.events, 'node03')).toContain('docker-daemon changed');
    for (const host of names) {
      expect(await onHost(host, `test -e ${CANARY_FILE} && echo EXECUTED || echo clean`)).toBe(
        'clean',
      );
      await expectWholeConfigs(host, { daemonCandidates: [daemon] });
    }
    await expect(readFile(CANARY_FILE)).rejects.toThrow(/ENOENT/);
    const labels = await onHost(
      lab.hosts[0]?.name ?? '',
      "docker node inspect node02 --format '{{json .Spec.Labels}}'",
    );
    expect(JSON.parse(labels)).toEqual({ zone: label, 'lab.disk': 'ssd' });
    const journal = await readFile(run.journalPath, 'utf8');
    expect(journal).not.toContain(hostilePassword);
    expect(JSON.stringify(run.events)).not.toContain(hostilePassword);
    // The journal records the file as written: the tag inside is the value, unchanged.
    const upload = run.events.find(
      (event) =>
        event.type === 'command-started' &&
        event.host === 'node03' &&
        event.upload?.path === '/etc/docker/daemon.json',
    );
    const content = upload?.type === 'command-started' ? upload.upload?.content : undefined;
    expect(JSON.parse(content ?? '{}')).toMatchObject({ 'log-opts': { tag } });
  });

  it('a registry mirror URL with shell syntax is written as data, refused by dockerd and rolled back', async () => {
    const env = await freshAppHome();
    const ssh = { knownHosts: new KnownHostsStore(knownHostsPath(env)) };
    const node01 = lab.hosts[0]?.name ?? '';
    const before = await onHost(node01, 'cat /etc/docker/daemon.json');
    const input = labInventory(lab);
    // Backticks and braces are not URL characters: the inventory refuses them, naming the field.
    const refused = validateInventory({
      ...input,
      docker: {
        ...input.docker,
        daemon: { ...LAB_DAEMON, 'registry-mirrors': [`https://registry.lab.example/\`id\``] },
      },
    });
    expect(refused.ok ? [] : refused.errors.map((issue) => issue.path)).toContain(
      'docker.daemon.registry-mirrors[0]',
    );
    // "$", "(", ")" and ";" are: a URL holding a command substitution travels as data.
    const mirror = `https://registry.lab.example/$(touch$IFS${CANARY_FILE});touch$IFS${CANARY_FILE}`;
    const inventory = validInventory({
      ...input,
      hosts: input.hosts.slice(0, 1),
      docker: { ...input.docker, daemon: { ...LAB_DAEMON, 'registry-mirrors': [mirror] } },
    });
    expect(inventory.docker.daemon?.['registry-mirrors']).toEqual([mirror]);
    const run = await runOnLab(lab, inventory, env, { steps: DOCKER_STEPS, ssh });
    // Docker 20.10 takes no path in a mirror URL: either it refused the file and the old one came
    // back, or it accepted the URL as an address. Never did a shell see it.
    const daemonStep = stepsOf(run.events, 'node01').find((line) =>
      line.startsWith('docker-daemon'),
    );
    if (daemonStep === 'docker-daemon failed') {
      expect(run.finished.failures[0]?.message).toMatch(/rolled daemon\.json back|refus|invalid/i);
      expect(await onHost(node01, 'cat /etc/docker/daemon.json')).toBe(before);
    } else {
      expect(daemonStep).toBe('docker-daemon changed');
      const written = JSON.parse(await onHost(node01, 'cat /etc/docker/daemon.json')) as Record<
        string,
        unknown
      >;
      expect(written['registry-mirrors']).toEqual([mirror]);
    }
    expect(await onHost(node01, `test -e ${CANARY_FILE} && echo EXECUTED || echo clean`)).toBe(
      'clean',
    );
    expect(await onHost(node01, "docker info --format '{{.Swarm.LocalNodeState}}'")).toBe('active');
  });
});
