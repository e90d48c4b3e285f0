/**
 * The app key (security issue, finding 8): processes and calls creating it at the same time
 * all succeed and end with one pair whose private and public halves match.
 */
import { spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { ensureAppKeyPair } from '../../../electron/engine/keys/app-key';

const APP_KEY_MODULE = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'electron/engine/keys/app-key.ts',
);

/** The public key line a private key file stands for ("type base64"). */
function publicHalf(privateKeyPath: string): string {
  const parsed = ssh2.utils.parseKey(readFileSync(privateKeyPath));
  if (parsed instanceof Error) throw parsed;
  return `${parsed.type} ${parsed.getPublicSSH().toString('base64')}`;
}

function identity(line: string): string {
  return line.trim().split(/\s+/).slice(0, 2).join(' ');
}

/** The pair on disk is consistent, and nothing half-made is left next to it. */
function expectOnePair(home: string, reported: string[]): void {
  const privateKeyPath = join(home, 'id_ed25519');
  const onDisk = readFileSync(`${privateKeyPath}.pub`, 'utf8');
  expect(identity(onDisk)).toBe(publicHalf(privateKeyPath));
  for (const line of reported) expect(identity(line)).toBe(publicHalf(privateKeyPath));
  expect(statSync(privateKeyPath).mode & 0o777).toBe(0o600);
  expect(readdirSync(home).sort()).toEqual(['id_ed25519', 'id_ed25519.pub']);
}

/**
 * `count` processes that each load the module once and say "ready"; then, for every home
 * directory written to their stdin, they all create the key there at nearly the same moment
 * and print what they got.
 */
async function startCreators(base: string, count: number) {
  const script = join(base, 'create-app-key.mjs');
  writeFileSync(
    script,
    [
      `import { createInterface } from 'node:readline';`,
      `const { ensureAppKeyPair } = await import(${JSON.stringify(APP_KEY_MODULE)});`,
      `process.stdout.write('ready\\n');`,
      `for await (const home of createInterface({ input: process.stdin })) {`,
      `  const result = await ensureAppKeyPair({ SWARMLAB_HOME: home }).then(`,
      `    (pair) => ({ publicKey: pair.publicKey }),`,
      `    (error) => ({ error: String(error) }),`,
      `  );`,
      `  process.stdout.write(JSON.stringify(result) + '\\n');`,
      `}`,
    ].join('\n'),
  );
  const creators = Array.from({ length: count }, () => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const next = async (): Promise<string> => {
      const line = await lines.next();
      if (line.done === true) throw new Error('a key creator exited early');
      return String(line.value);
    };
    return { child, next };
  });
  await Promise.all(creators.map((creator) => creator.next()));
  return {
    /** Every creator makes the key in `home` at once; their answers. */
    async create(home: string): Promise<{ publicKey?: string; error?: string }[]> {
      for (const { child } of creators) child.stdin.write(`${home}\n`);
      const answers = await Promise.all(creators.map((creator) => creator.next()));
      return answers.map((answer) => JSON.parse(answer) as { publicKey?: string; error?: string });
    },
    stop(): void {
      for (const { child } of creators) child.stdin.end();
    },
  };
}

describe('the app key pair', () => {
  // Starting the processes through tsx takes seconds on a busy machine; nothing is timed.
  it(
    'is made once by processes that all create it at the same time',
    { timeout: 120_000 },
    async () => {
      const base = mkdtempSync(join(tmpdir(), 'swarmlab-app-key-'));
      const creators = await startCreators(base, 6);
      try {
        for (let round = 0; round < 5; round += 1) {
          const home = join(base, `home-${round}`);
          mkdirSync(home, { mode: 0o700 });
          const answers = await creators.create(home);
          expect(answers.filter((answer) => answer.error !== undefined)).toEqual([]);
          expectOnePair(
            home,
            answers.map((answer) => answer.publicKey ?? ''),
          );
        }
      } finally {
        creators.stop();
        rmSync(base, { recursive: true, force: true });
      }
    },
  );

  it('is made once by calls of one process at the same time', async () => {
    const home = mkdtempSync(join(tmpdir(), 'swarmlab-app-key-'));
    try {
      const pairs = await Promise.all(
        Array.from({ length: 8 }, () => ensureAppKeyPair({ SWARMLAB_HOME: home })),
      );
      expectOnePair(
        home,
        pairs.map((pair) => pair.publicKey),
      );
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('keeps an existing key, and writes back a lost public half from it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'swarmlab-app-key-'));
    try {
      const first = await ensureAppKeyPair({ SWARMLAB_HOME: home });
      const privateKey = readFileSync(first.privateKeyPath, 'utf8');
      expect((await ensureAppKeyPair({ SWARMLAB_HOME: home })).publicKey).toBe(first.publicKey);
      // A crash between the two halves leaves the private key alone: it is not replaced.
      rmSync(`${first.privateKeyPath}.pub`);
      const again = await ensureAppKeyPair({ SWARMLAB_HOME: home });
      expect(readFileSync(first.privateKeyPath, 'utf8')).toBe(privateKey);
      expect(identity(again.publicKey)).toBe(identity(first.publicKey));
      expectOnePair(home, [again.publicKey]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
