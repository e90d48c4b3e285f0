/**
 * A journal changed after the run wrote it: `swarmlab report` and `swarmlab apply --resume`
 * refuse it with the line that does not fit, before writing a script or touching a host.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'swarmlab.mjs');
const FIXTURE = join(ROOT, 'tests', 'unit', 'report', 'fixtures', 'three-node-run.jsonl');

/** The fixture with node01's login made into an ssh option that runs a local command. */
function tamperedJournal(dir: string, canary: string): string {
  const lines = readFileSync(FIXTURE, 'utf8').trimEnd().split('\n');
  const first = JSON.parse(lines[0] ?? '{}') as { hosts: { user: string }[] };
  const [node01] = first.hosts;
  if (!node01) throw new Error('fixture changed');
  node01.user = `-oProxyCommand=touch ${canary}`;
  const path = join(dir, 'journal.jsonl');
  writeFileSync(path, `${[JSON.stringify(first), ...lines.slice(1)].join('\n')}\n`);
  return path;
}

describe('a tampered journal', () => {
  let dir: string;
  let canary: string;
  let stderr: string;
  const write = process.stderr.write.bind(process.stderr);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'swarmlab-tampered-'));
    canary = join(dir, 'canary');
    stderr = '';
    process.stderr.write = (chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    };
  });

  afterEach(() => {
    process.stderr.write = write;
    process.exitCode = undefined;
  });

  it('is refused by swarmlab report, with the line, the field and the value', async () => {
    const journal = tamperedJournal(dir, canary);
    for (const format of ['sh', 'md', 'all']) {
      const out = join(dir, `out-${format}`);
      const code = await main(['report', '--journal', journal, '--format', format, '--out', out]);
      expect(code, format).toBe(1);
      expect(existsSync(out), format).toBe(false);
    }
    expect(stderr).toContain(
      `${journal}:1: hosts[0].user: "-oProxyCommand=touch ${canary}" is not a user name`,
    );
    expect(stderr).toContain('use the journal as the run wrote it');
    expect(existsSync(canary)).toBe(false);
  });

  it(
    'is refused by swarmlab apply --resume before it connects to any host',
    { timeout: 120_000 },
    () => {
      const journal = tamperedJournal(dir, canary);
      const inventory = join(dir, 'lab.yaml');
      // Port 9 on loopback: nothing answers there, and nothing may be asked.
      writeFileSync(
        inventory,
        [
          'hosts:',
          '  - address: 127.0.0.1',
          '    port: 9',
          '    role: manager',
          '    passwordEnv: TAMPERED_TEST_PASSWORD',
          '',
        ].join('\n'),
      );
      const reportDir = join(dir, 'run');
      const result = spawnSync(
        process.execPath,
        [BIN, 'apply', '-f', inventory, '--yes', '--resume', journal, '--report', reportDir],
        {
          encoding: 'utf8',
          env: {
            ...process.env,
            SWARMLAB_HOME: mkdtempSync(join(tmpdir(), 'swarmlab-home-')),
            TAMPERED_TEST_PASSWORD: 'unused',
          },
          timeout: 120_000,
        },
      );
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`${journal}:1: hosts[0].user: "-oProxyCommand=touch`);
      expect(result.stderr).not.toContain('Connecting');
      expect(existsSync(reportDir) ? readdirSync(reportDir) : []).toEqual([]);
      expect(existsSync(canary)).toBe(false);
    },
  );
});
