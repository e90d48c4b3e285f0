/**
 * IPC fuzzing (issue 8): random and malformed payloads on every channel of createHandlers are
 * refused by the channel's schema before any work starts, and only the app's own main frame
 * may call at all. Seeded, so a failure replays exactly.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestSchemas, type InvokeChannel } from '../../../electron/contract/api';
import {
  createHandlers,
  type HandlerContext,
  type HandlerDeps,
} from '../../../electron/main/ipc/handlers';
import { checkSender } from '../../../electron/main/ipc/sender-check';
import { InvalidPayloadError } from '../../../electron/main/ipc/validate-payload';
import { seededRandom } from '../helpers/random';

const prng = seededRandom;

const NASTY_STRINGS = [
  '',
  ' ',
  '$(touch /tmp/pwned)',
  '`id`',
  "'; rm -rf / #",
  '../../../../etc/passwd',
  '\u0000',
  '\n\r\t',
  '\u202e',
  '节点',
  'a'.repeat(100_000),
  '__proto__',
  'constructor',
  'file:///etc/passwd',
  'javascript:alert(1)',
  '<script>alert(1)</script>',
  '{"hosts":[]}',
  'NaN',
];
const NASTY_NUMBERS = [0, -1, 1.5, Number.NaN, Infinity, -Infinity, 2 ** 53, -0, 65536];

function randomValue(random: () => number, depth = 0): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const kind = Math.floor(random() * (depth > 3 ? 6 : 9));
  switch (kind) {
    case 0:
      return undefined;
    case 1:
      return null;
    case 2:
      return random() < 0.5;
    case 3:
      return pick(NASTY_NUMBERS);
    case 4:
      return pick(NASTY_STRINGS);
    case 5:
      return Math.floor(random() * 1000);
    case 6:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
    case 7: {
      // JSON.parse makes "__proto__" an own key, as a payload from a hostile page would be.
      const keys = ['inventory', 'runId', 'host', 'step', 'format', 'name', 'text', 'mode'];
      const entries = Array.from({ length: Math.floor(random() * 4) }, () => [
        random() < 0.2 ? '__proto__' : pick([...keys, ...NASTY_STRINGS.slice(0, 6)]),
        randomValue(random, depth + 1),
      ]);
      return JSON.parse(JSON.stringify(Object.fromEntries(entries))) as unknown;
    }
    default:
      return { polluted: true, toString: 'x', then: 'not a promise' };
  }
}

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'swarmlab-ipc-fuzz-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

/** Dependencies that fail the test if a handler reaches them with an invalid payload. */
function guardedDeps(reached: string[]): HandlerDeps {
  const touch = (what: string) => {
    reached.push(what);
    return undefined;
  };
  return {
    env: { SWARMLAB_HOME: home },
    dialogs: {
      pickKeyFile: async () => touch('dialogs.pickKeyFile'),
      openInventoryFile: async () => touch('dialogs.openInventoryFile'),
      pickHostsSource: async () => touch('dialogs.pickHostsSource'),
      saveFile: async () => touch('dialogs.saveFile'),
      pickFilesToUpload: async () => touch('dialogs.pickFilesToUpload'),
      pickDownloadPath: async () => touch('dialogs.pickDownloadPath'),
    },
    secretBox: {
      status: async () => ({ available: false, reason: 'test' }),
      encrypt: async () => {
        touch('secretBox.encrypt');
        return Buffer.alloc(0);
      },
      decrypt: async () => {
        touch('secretBox.decrypt');
        return '';
      },
    },
    runSetup: async () => {
      touch('runSetup');
      throw new Error('runSetup reached');
    },
    runOperation: async () => {
      touch('runOperation');
      throw new Error('runOperation reached');
    },
    spawnPty: () => {
      touch('spawnPty');
      throw new Error('spawnPty reached');
    },
    printPdf: async () => {
      touch('printPdf');
      return Buffer.alloc(0);
    },
  };
}

const context: HandlerContext = { sendEvent: () => undefined };
const CASES_PER_CHANNEL = 300;

describe('IPC fuzzing: every channel refuses what its schema refuses', () => {
  const channels = Object.keys(requestSchemas) as InvokeChannel[];

  for (const [index, channel] of channels.entries()) {
    it(`${channel}: ${CASES_PER_CHANNEL} random payloads`, async () => {
      const random = prng(0x5eed + index);
      const reached: string[] = [];
      const { handlers, terminals } = createHandlers(guardedDeps(reached));
      const handler = handlers[channel] as (p: unknown, c: HandlerContext) => Promise<unknown>;
      let refused = 0;
      for (let n = 0; n < CASES_PER_CHANNEL; n += 1) {
        const payload = randomValue(random);
        if (requestSchemas[channel].safeParse(payload).success) continue;
        const outcome = await handler(payload, context).then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(
          outcome,
          `${channel} accepted ${JSON.stringify(payload)?.slice(0, 200)}`,
        ).toBeInstanceOf(InvalidPayloadError);
        const message = (outcome as Error).message;
        expect(message.startsWith(`Invalid request on ${channel}: `)).toBe(true);
        // The message names fields, it does not echo a 100 kB value back.
        expect(message.length).toBeLessThan(20_000);
        refused += 1;
      }
      // Nothing behind the schema ran: no dialog, no run, no terminal, no file written.
      expect(reached).toEqual([]);
      expect(await readdir(home)).toEqual([]);
      expect(refused).toBeGreaterThan(CASES_PER_CHANNEL / 2);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      terminals.shutdown();
    });
  }
});

describe('IPC fuzzing: only the app page in its main frame may call', () => {
  const renderer = {
    indexFileUrl: 'file:///opt/swarmlab/resources/app/out/renderer/index.html',
    devServerUrl: 'http://localhost:5173',
  };

  it('refuses random frames: other files, origins, schemes, sub-frames', () => {
    const random = prng(0xf4a3e);
    const pieces = [
      'file:///opt/swarmlab/resources/app/out/renderer/index.html',
      'file:///opt/swarmlab/resources/app/out/renderer/other.html',
      'file:///tmp/evil.html',
      'file://evil.host/opt/swarmlab/resources/app/out/renderer/index.html',
      'http://localhost:5173/',
      'http://localhost:5174/',
      'https://localhost:5173/',
      'http://127.0.0.1:5173/',
      'http://localhost.evil.com:5173/',
      'devtools://devtools/bundled/inspector.html',
      'about:blank',
      'data:text/html,<script>1</script>',
      'javascript:alert(1)',
      'chrome-extension://abc/index.html',
      '',
      'not a url',
    ];
    const suffixes = ['', '#/run', '?x=1', '/..', '%2F..%2Fevil.html', '#\u0000'];
    let trusted = 0;
    for (let n = 0; n < 2_000; n += 1) {
      const url =
        (pieces[Math.floor(random() * pieces.length)] ?? '') +
        (suffixes[Math.floor(random() * suffixes.length)] ?? '');
      const isMainFrame = random() < 0.7;
      const verdict = checkSender({ url, isMainFrame }, renderer);
      if (!verdict.trusted) continue;
      trusted += 1;
      // Trusted only for the main frame of the app's own page or the dev server's origin.
      expect(isMainFrame, url).toBe(true);
      const parsed = new URL(url);
      const own =
        (parsed.protocol === 'file:' &&
          parsed.host === '' &&
          parsed.pathname === new URL(renderer.indexFileUrl).pathname) ||
        parsed.origin === 'http://localhost:5173';
      expect(own, url).toBe(true);
    }
    expect(trusted).toBeGreaterThan(0);
    expect(checkSender(null, renderer).trusted).toBe(false);
    expect(checkSender(undefined, renderer).trusted).toBe(false);
  });
});
