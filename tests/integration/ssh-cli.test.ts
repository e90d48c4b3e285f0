/**
 * `swarmlab ssh` on lab hosts, as a person runs it: by the inventory's name for a host, with
 * the passwords from the environment, a command's output and exit code, sudo without typing its
 * password, a real pty shell, and a host whose key changed refused.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn as spawnPty } from 'node-pty';
import ssh2 from 'ssh2';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { knownHostsPath } from '../../electron/engine/app-paths';
import { saveInventory } from '../../electron/engine/inventory';
import { hostExec } from '../../electron/engine/lab';
import { KnownHostsStore } from '../../electron/engine/ssh';
import { labInventory, labPasswordEnv } from '../../electron/engine/lab/inventory';
import { SudoPromptAnswerer } from '../../electron/cli/commands/sudo-prompt';
import { expectNoLabSecrets, freshAppHome } from './helpers';

const lab = inject('lab');
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'swarmlab.mjs');
/** The third host logs in as a user who needs sudo (and its password) for root. */
const viaSudoUser = { sudoUserHost: 2 };
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('swarmlab ssh against lab hosts', () => {
  let env: NodeJS.ProcessEnv;
  let file: string;
  const swarmlab = (args: string[], input?: string) =>
    spawnSync(process.execPath, [BIN, 'ssh', '-f', file, ...args], {
      encoding: 'utf8',
      env,
      timeout: 60_000,
      ...(input === undefined ? {} : { input }),
    });

  beforeAll(async () => {
    env = { ...(await freshAppHome()), ...labPasswordEnv(lab, viaSudoUser) };
    file = join(await mkdtemp(join(tmpdir(), 'swarmlab-ssh-')), 'lab.yaml');
    await writeFile(file, saveInventory(labInventory(lab, viaSudoUser)));
  });

  it('runs a command on a host named as the inventory names it, or by address, with its output and exit code', async () => {
    const [first, second] = lab.hosts;
    if (!first || !second) throw new Error('the lab has fewer than 2 hosts');
    const named = swarmlab(['node01', '--yes', '--', 'hostname']);
    expect(named.stderr).toContain('First contact with 1 host key(s)');
    expect(named.stderr).toContain(first.hostKeySha256);
    expect(named.status).toBe(0);
    expect(named.stdout.trim()).toBe((await hostExec(first.name, ['hostname'])).stdout.trim());

    const byAddress = swarmlab([second.address, '--yes', '--', 'hostname']);
    expect(byAddress.stdout.trim()).toBe((await hostExec(second.name, ['hostname'])).stdout.trim());
    // The key is on file now: nothing is asked the second time.
    const again = swarmlab(['node01', '--', 'sh', '-c', "'echo out; echo err >&2; exit 3'"]);
    expect(again.stderr).not.toContain('First contact');
    expect([again.stdout, again.stderr, again.status]).toEqual(['out\n', 'err\n', 3]);
    // A script piped in, with no terminal: a plain login shell reads it (after the host's
    // message of the day, as with ssh).
    const piped = swarmlab(['node01'], 'echo piped; id -un\n');
    expect(piped.stdout.endsWith('\npiped\nroot\n')).toBe(true);
    expect(piped.status).toBe(0);
    await expectNoLabSecrets(lab, [named.stdout, named.stderr, piped.stdout, piped.stderr]);
  });

  it('runs as root with --sudo on a host that logs in as another user, its sudo password given for it', async () => {
    const plain = swarmlab(['node03', '--yes', '--', 'id', '-un']);
    expect(plain.stdout.trim()).toBe(lab.hosts[2]?.sudoUser);
    const root = swarmlab(['node03', '--sudo', '--', 'id', '-u']);
    expect(root.stderr).toBe('');
    expect([root.stdout, root.status]).toEqual(['0\n', 0]);
    await expectNoLabSecrets(lab, [root.stdout, root.stderr]);
  });

  it('opens a pty shell as root with --sudo, answering the sudo prompt itself, and records what it showed', async () => {
    const cast = join(await mkdtemp(join(tmpdir(), 'swarmlab-cast-')), 'node03.cast');
    const args = [BIN, 'ssh', '-f', file, 'node03', '--sudo', '--record', cast];
    const shell = spawnPty(process.execPath, args, {
      name: 'xterm-256color',
      cols: 100,
      rows: 30,
      env: env as Record<string, string>,
    });
    let output = '';
    shell.onData((data) => {
      output += data;
    });
    const exited = new Promise<number>((resolve) =>
      shell.onExit(({ exitCode }) => resolve(exitCode)),
    );
    const waitFor = async (pattern: RegExp) => {
      for (let waited = 0; !pattern.test(output); waited += 100) {
        if (waited > 30_000) throw new Error(`no ${pattern} in: ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    await waitFor(/# $/m); // root's prompt
    shell.write('echo "uid=$(id -u) tty=$(tty)"; exit 7\r');
    expect(await exited).toBe(7);
    expect(output).toMatch(/uid=0 tty=\/dev\/pts\/\d+/);
    expect(output).not.toContain(SudoPromptAnswerer.marker);
    expect(output).toContain(`Transcript: ${cast}`);
    // The transcript replays what was shown: asciicast v2, the output in it, no secret.
    const recorded = await readFile(cast, 'utf8');
    const [header, ...events] = recorded
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(header).toMatchObject({ version: 2, width: 100, height: 30 });
    const shown = events.map((event) => (event as [number, string, string])[2]).join('');
    expect(shown).toMatch(/uid=0 tty=\/dev\/pts\/\d+/);
    expect(shown).not.toContain(SudoPromptAnswerer.marker);
    await expectNoLabSecrets(lab, [output, recorded]);
  });

  it('refuses a host whose key changed, and names an unknown host with the ones there are', async () => {
    const [first] = lab.hosts;
    if (!first) throw new Error('the lab has no host');
    const otherHome = await mkdtemp(join(tmpdir(), 'swarmlab-ssh-home-'));
    // Another key on file for node01's address: as if the host had been reinstalled.
    const [, otherKey = ''] = ssh2.utils.generateKeyPairSync('ed25519').public.split(' ');
    await new KnownHostsStore(knownHostsPath({ SWARMLAB_HOME: otherHome })).add(
      first.address,
      first.port,
      Buffer.from(otherKey, 'base64'),
    );
    const changed = spawnSync(process.execPath, [BIN, 'ssh', '-f', file, 'node01', '--', 'true'], {
      encoding: 'utf8',
      env: { ...env, SWARMLAB_HOME: otherHome },
      timeout: 60_000,
    });
    expect(changed.stderr).toContain('has CHANGED');
    expect(changed.status).toBe(255);

    const unknown = swarmlab(['node09', '--', 'true']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('node09 is not a host of this inventory; its hosts: node01');
  });
  it('copies a file to a host and back with the same SHA-256, replacing the old copy whole, and leaves nothing behind when it fails', async () => {
    const [first] = lab.hosts;
    if (!first) throw new Error('the lab has no host');
    const dir = await mkdtemp(join(tmpdir(), 'swarmlab-cp-'));
    const original = join(dir, 'blob.bin');
    await writeFile(original, randomBytes(8 * 1024 * 1024 + 17), { mode: 0o640 });
    const cp = (args: string[]) =>
      spawnSync(process.execPath, [BIN, 'cp', '-f', file, '--yes', ...args], {
        encoding: 'utf8',
        env,
        timeout: 120_000,
      });
    await hostExec(first.name, [
      'sh',
      '-c',
      'rm -rf /root/cp-test && mkdir /root/cp-test && echo old > /root/cp-test/blob.bin',
    ]);
    const inodeBefore = (await hostExec(first.name, ['stat', '-c', '%i', '/root/cp-test/blob.bin']))
      .stdout;

    const sent = cp([original, 'node01:cp-test/']);
    expect(sent.stderr).toContain(
      `Copied ${8 * 1024 * 1024 + 17} bytes to node01:cp-test/blob.bin`,
    );
    expect(sent.status).toBe(0);
    const remote = await hostExec(first.name, [
      'sh',
      '-c',
      'cd /root/cp-test && sha256sum blob.bin && stat -c "%a %i" blob.bin && ls -A',
    ]);
    const [sum, modeAndInode, ...listed] = remote.stdout.trim().split('\n');
    expect(sum?.split(' ')[0]).toBe(sha256(await readFile(original)));
    const [mode, inode] = (modeAndInode ?? '').split(' ');
    expect(mode).toBe('640');
    // Renamed into place: a new file, not the old one rewritten; no temporary file left.
    expect(inode).not.toBe(inodeBefore.trim());
    expect(listed).toEqual(['blob.bin']);

    const back = join(dir, 'back.bin');
    const fetched = cp(['node01:/root/cp-test/blob.bin', back]);
    expect(fetched.status).toBe(0);
    expect(sha256(await readFile(back))).toBe(sha256(await readFile(original)));

    // A folder that is not there: the copy fails, saying why, and nothing is left on the host.
    const failed = cp([original, 'node01:/root/no-such-dir/blob.bin']);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('/root/no-such-dir/blob.bin failed');
    const missing = cp(['node01:/root/cp-test/absent', back]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('/root/cp-test/absent');
    expect(sha256(await readFile(back))).toBe(sha256(await readFile(original)));
    expect((await readdir(dir)).sort()).toEqual(['back.bin', 'blob.bin']);
  });
});
