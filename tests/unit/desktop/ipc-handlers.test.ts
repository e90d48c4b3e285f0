import type { OperationRunRequest } from '../../../electron/engine/setup';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InvokeChannel, RunEventMessage } from '../../../electron/contract/api';
import { requestSchemas } from '../../../electron/contract/api';
import {
  createHandlers,
  type HandlerContext,
  type HandlerDeps,
} from '../../../electron/main/ipc/handlers';
import type { RunSetup } from '../../../electron/main/runs/run-manager';
import type { RunEvent } from '../../../electron/shared/run-events';
import { assumedFacts } from '../../../electron/engine/facts/assumed';
import {
  resolveHosts,
  resolveSecrets,
  validateInventory,
} from '../../../electron/engine/inventory';
import { previewPlan, redactPreview } from '../../../electron/engine/plan-preview';
import { ensureAppKeyPair } from '../../../electron/engine/keys/app-key';
import { testHandlerDeps } from '../helpers/handler-deps';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'swarmlab-ipc-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const sent: RunEventMessage[] = [];
const context: HandlerContext = {
  // Only run events are collected here; terminal events have their own tests.
  sendEvent: (channel, payload) => {
    if (channel === 'run:event') sent.push(payload as RunEventMessage);
  },
};

function deps(overrides: Partial<HandlerDeps> = {}): HandlerDeps {
  return testHandlerDeps(home, overrides);
}

const inventory = { hosts: [{ address: '192.168.11.131', role: 'manager', password: 'pw-131' }] };

/** What a fake engine says at the end of a run that went well. */
function succeededRun() {
  return {
    type: 'run-finished' as const,
    at: 2,
    runId: 'engine-run',
    status: 'succeeded' as const,
    summary: { ok: 0, changed: 0, failed: 0, skipped: 0 },
    durationMs: 1,
    failures: [],
  };
}

/** A fake engine for operations that goes well at once, and the operations it was asked for. */
function recordingOperations() {
  const operations: OperationRunRequest['operation'][] = [];
  const runOperation: HandlerDeps['runOperation'] = async (request) => {
    operations.push(request.operation);
    const finished = succeededRun();
    request.onEvent?.(finished);
    return finished;
  };
  return { operations, runOperation };
}

describe('IPC handlers validate every payload', () => {
  it('has one handler and one schema per channel', () => {
    const { handlers } = createHandlers(deps());
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(requestSchemas).sort());
  });

  it.each<[InvokeChannel, unknown, string]>([
    ['inventory:validate', { inventory: 'hosts: []' }, 'inventory'],
    ['inventory:expand-range', {}, 'text'],
    ['inventory:expand-range', { text: 42 }, 'text'],
    ['connection:test', { inventory, hostIndex: -1 }, 'hostIndex'],
    ['run:start', { inventory, mode: 'destroy' }, 'mode'],
    ['run:retry-step', { runId: 'x', host: '', step: 'swarm-init' }, 'host'],
    ['report:export', { runId: 'x', format: 'docx' }, 'format'],
    ['profiles:save', { name: '../../etc/passwd', inventory, includeSecrets: false }, 'name'],
    ['app:info', { extra: true }, '(payload)'],
    ['app:info', undefined, '(payload)'],
    ['app:open-external', { url: 'javascript:alert(1)' }, 'url'],
    ['app:open-external', { url: 'file:///etc/passwd' }, 'url'],
    ['app:open-external', { url: 'ssh://node01' }, 'url'],
    ['app:open-external', { url: 'not a url' }, 'url'],
    ['run:preview', { inventory, assume: 'windows-11' }, 'assume'],
    ['run:preview', { assume: 'debian-12' }, 'inventory'],
  ])('%s rejects %j, naming %s', async (channel, payload, field) => {
    const { handlers } = createHandlers(deps());
    const handler = handlers[channel] as (
      payload: unknown,
      context: HandlerContext,
    ) => Promise<unknown>;
    await expect(handler(payload, context)).rejects.toThrow(
      new RegExp(`Invalid request on ${channel}: .*${field.replace(/[()]/g, '\\$&')}`),
    );
  });

  it('answers valid requests from the engine', async () => {
    const { handlers } = createHandlers(deps());
    await expect(
      handlers['inventory:expand-range']({ text: '10.0.0.1-3' }, context),
    ).resolves.toEqual({
      addresses: ['10.0.0.1', '10.0.0.2', '10.0.0.3'],
      errors: [],
    });
    const verdict = await handlers['inventory:validate'](
      { inventory: { hosts: [{ address: 'node_1!' }] } },
      context,
    );
    expect(verdict.ok).toBe(false);
    expect(verdict.errors[0]).toMatchObject({ path: 'hosts[0].address' });
  });

  it('hands only checked web addresses to the system browser', async () => {
    const opened: string[] = [];
    const { handlers } = createHandlers(
      deps({ openExternal: async (url) => void opened.push(url) }),
    );
    await expect(
      handlers['app:open-external']({ url: 'https://docs.docker.com/engine/swarm/' }, context),
    ).resolves.toEqual({ opened: true });
    await expect(
      handlers['app:open-external']({ url: 'file:///etc/passwd' }, context),
    ).rejects.toThrow(/must be an http:\/\/ or https:\/\/ address/);
    expect(opened).toEqual(['https://docs.docker.com/engine/swarm/']);
    // Without a browser to hand it to (tests, the CLI), nothing is opened and it says so.
    const { handlers: bare } = createHandlers(deps());
    await expect(
      bare['app:open-external']({ url: 'https://example.org/' }, context),
    ).resolves.toEqual({ opened: false });
  });

  it('refuses to start a run on an invalid inventory, saying why', async () => {
    const { handlers } = createHandlers(deps());
    await expect(
      handlers['run:start']({ inventory: { hosts: [] }, mode: 'setup' }, context),
    ).rejects.toThrow(/inventory is not valid: hosts/);
  });

  it('streams a run to the window that started it, and answers for it later', async () => {
    const fakeRun: RunSetup = async (request) => {
      const started: RunEvent = {
        type: 'run-started',
        at: 1,
        runId: 'engine-run',
        version: 'test',
        resumed: false,
        hosts: [],
        steps: [],
      };
      request.onEvent?.(started);
      const finished = succeededRun();
      request.onEvent?.(finished);
      return finished;
    };
    const { handlers, runs } = createHandlers(deps({ runSetup: fakeRun }));
    sent.length = 0;
    const { runId } = await handlers['run:start']({ inventory, mode: 'preflight' }, context);
    await runs.settled(runId);
    expect(sent.map((message) => [message.runId, message.event.type])).toEqual([
      [runId, 'run-started'],
      [runId, 'run-finished'],
    ]);
    expect(await handlers['run:events']({ runId }, context)).toHaveLength(2);
    // Nothing failed, so there is nothing to retry.
    await expect(
      handlers['run:retry-step']({ runId, host: '192.168.11.131', step: 'preflight' }, context),
    ).rejects.toThrow(/did not run/);
  });

  it('says what a remove will do before it starts, starts it, and refuses one that would leave no manager', async () => {
    const swarm = {
      hosts: [
        { address: '192.168.11.131', role: 'manager', password: 'pw-131' },
        { address: '192.168.11.132', role: 'worker', password: 'pw-132' },
      ],
    };
    const { operations, runOperation } = recordingOperations();
    const { handlers, runs } = createHandlers(deps({ runOperation }));
    const worker = { kind: 'remove' as const, hostIds: ['192.168.11.132'], force: false };
    const plan = await handlers['run:operation-plan'](
      { inventory: swarm, operation: worker },
      context,
    );
    expect(plan.refusal).toBeUndefined();
    expect(plan.lines.map((line) => line.en)).toEqual([
      '192.168.11.132 (192.168.11.132, worker): drain it so its tasks move to other nodes, then docker swarm leave on it',
      '192.168.11.131 (192.168.11.131, manager): docker node rm 192.168.11.132 once they have left',
      '192.168.11.131: drop 192.168.11.132 from /etc/hosts',
    ]);
    expect(plan.lines[0]?.['zh-CN']).toContain('工作节点');

    const { runId } = await handlers['run:operate'](
      { inventory: swarm, operation: worker },
      context,
    );
    await runs.settled(runId);
    expect(operations).toEqual([worker]);
    expect(await handlers['run:events']({ runId }, context)).toHaveLength(1);

    // The only manager cannot go: said before anything runs, and nothing runs.
    const manager = { kind: 'remove' as const, hostIds: ['192.168.11.131'], force: false };
    const refused = await handlers['run:operation-plan'](
      { inventory: swarm, operation: manager },
      context,
    );
    expect(refused.refusal?.en).toMatch(/would take every manager out of the swarm/);
    await expect(
      handlers['run:operate']({ inventory: swarm, operation: manager }, context),
    ).rejects.toThrow(/would take every manager/);
    await expect(
      handlers['run:operate'](
        { inventory: swarm, operation: { ...worker, hostIds: ['10.9.9.9'] } },
        context,
      ),
    ).rejects.toThrow(/"10.9.9.9" is not a host of this inventory/);
    expect(operations).toHaveLength(1);
  });

  it('starts a check and a practice as operations, and refuses an exercise that does not exist', async () => {
    const swarm = {
      hosts: [
        { address: '192.168.11.131', role: 'manager', password: 'pw-131' },
        { address: '192.168.11.132', role: 'worker', password: 'pw-132' },
      ],
    };
    const { operations, runOperation } = recordingOperations();
    const { handlers, runs } = createHandlers(deps({ runOperation }));
    const practice = {
      kind: 'practice' as const,
      exercises: ['practice-ping' as const],
      keep: false,
    };
    for (const operation of [{ kind: 'check' as const }, practice]) {
      const { runId } = await handlers['run:operate']({ inventory: swarm, operation }, context);
      await runs.settled(runId);
    }
    expect(operations).toEqual([{ kind: 'check' }, practice]);
    const catalog = await handlers['run:step-catalog']({}, context);
    expect(catalog.map((step) => step.id)).toEqual(
      expect.arrayContaining(['check-cluster', 'check-overlay', 'practice-ping']),
    );
  });

  it('asks for the passwords a saved cluster lacks, except a check or practice once the app key stands in for them', async () => {
    const saved = {
      hosts: [
        { address: '192.168.11.131', role: 'manager', user: 'root' },
        { address: '192.168.11.132', role: 'worker', user: 'admin', sudoPasswordEnv: 'ADMIN_SUDO' },
      ],
    };
    const { operations, runOperation } = recordingOperations();
    const { handlers, runs } = createHandlers(deps({ runOperation }));
    const check = { kind: 'check' as const };
    const remove = { kind: 'remove' as const, hostIds: ['192.168.11.132'], force: false };
    const missing = async (operation: typeof check | typeof remove) =>
      (await handlers['run:operation-plan']({ inventory: saved, operation }, context))
        .missingSecrets;

    // No app key yet: every password is asked for, and nothing starts.
    expect(await missing(check)).toEqual([
      { kinds: ['password'], targets: ['192.168.11.131'] },
      { kinds: ['password'], targets: ['192.168.11.132'] },
      { kinds: ['sudoPassword'], targets: ['192.168.11.132'], env: 'ADMIN_SUDO' },
    ]);
    await expect(
      handlers['run:operate']({ inventory: saved, operation: check }, context),
    ).rejects.toThrow(/Missing secrets: SSH password for 192.168.11.131/);

    // Once a setup made the app key, a check needs only the sudo password; a remove all of them.
    await ensureAppKeyPair({ SWARMLAB_HOME: home });
    expect(await missing(check)).toEqual([
      { kinds: ['sudoPassword'], targets: ['192.168.11.132'], env: 'ADMIN_SUDO' },
    ]);
    expect(await missing(remove)).toHaveLength(3);
    const rooted = { hosts: [saved.hosts[0]] };
    expect(
      (await handlers['run:operation-plan']({ inventory: rooted, operation: check }, context))
        .missingSecrets,
    ).toBeUndefined();
    const { runId } = await handlers['run:operate'](
      { inventory: rooted, operation: check },
      context,
    );
    await runs.settled(runId);
    await expect(
      handlers['run:operate'](
        { inventory: rooted, operation: { ...remove, hostIds: ['192.168.11.131'] } },
        context,
      ),
    ).rejects.toThrow(/Missing secrets/);
    expect(operations).toEqual([check]);
  });

  it('refuses to store passwords without a keyring, and stores none by default', async () => {
    const { handlers } = createHandlers(deps());
    await expect(
      handlers['profiles:save']({ name: 'lab', inventory, includeSecrets: true }, context),
    ).rejects.toThrow(/Passwords were not saved: no keyring/);
    await handlers['profiles:save']({ name: 'lab', inventory, includeSecrets: false }, context);
    const loaded = await handlers['profiles:load']({ name: 'lab' }, context);
    expect(loaded.inventory).toEqual({ hosts: [{ address: '192.168.11.131', role: 'manager' }] });
  });

  it('deletes a saved cluster by name, and only that one', async () => {
    const { handlers } = createHandlers(deps());
    await handlers['profiles:save']({ name: 'lab', inventory, includeSecrets: false }, context);
    await handlers['profiles:save']({ name: 'other', inventory, includeSecrets: false }, context);
    expect(await handlers['profiles:remove']({ name: 'lab' }, context)).toEqual({ removed: true });
    expect((await handlers['profiles:list']({}, context)).map((profile) => profile.name)).toEqual([
      'other',
    ]);
    await expect(handlers['profiles:load']({ name: 'lab' }, context)).rejects.toThrow();
    expect(await handlers['profiles:remove']({ name: 'lab' }, context)).toEqual({ removed: false });
  });

  it('exports the report in every format, and says plainly when no PDF printer is there', async () => {
    const saved: { name: string; content: string | Buffer }[] = [];
    const printed: string[] = [];
    const runSetup: HandlerDeps['runSetup'] = async (request) => {
      const finished = {
        type: 'run-finished' as const,
        at: 2,
        runId: 'r',
        status: 'succeeded' as const,
        summary: { ok: 0, changed: 0, failed: 0, skipped: 0 },
        durationMs: 1,
        failures: [],
      };
      request.onEvent?.({
        type: 'run-started',
        at: 1,
        runId: 'r',
        version: 't',
        resumed: false,
        hosts: [
          { id: 'node01', address: '192.168.11.131', port: 22, user: 'root', role: 'manager' },
        ],
        steps: [],
      });
      request.onEvent?.(finished);
      return finished;
    };
    const withoutPrinter = createHandlers(deps({ runSetup }));
    const first = await withoutPrinter.handlers['run:start']({ inventory, mode: 'setup' }, context);
    await withoutPrinter.runs.settled(first.runId);
    await expect(
      withoutPrinter.handlers['report:export']({ runId: first.runId, format: 'pdf' }, context),
    ).resolves.toMatchObject({ status: 'unavailable' });
    await expect(
      withoutPrinter.handlers['report:export']({ runId: first.runId, format: 'json' }, context),
    ).resolves.toEqual({ status: 'cancelled' });

    const { handlers, runs } = createHandlers(
      deps({
        runSetup,
        dialogs: {
          ...testHandlerDeps(home).dialogs,
          saveFile: async (request) => {
            saved.push({ name: request.defaultName, content: request.content });
            return `/saved/${request.defaultName}`;
          },
        },
        printPdf: async (html) => {
          printed.push(html);
          return Buffer.from('%PDF-1.7 fake');
        },
      }),
    );
    const { runId } = await handlers['run:start']({ inventory, mode: 'setup' }, context);
    await runs.settled(runId);
    for (const format of ['html', 'md', 'json', 'sh', 'pdf'] as const) {
      await expect(
        handlers['report:export']({ runId, format, lang: 'zh-CN' }, context),
      ).resolves.toMatchObject({ status: 'saved' });
    }
    expect(saved.map((file) => file.name.split('.').at(-1))).toEqual([
      'html',
      'md',
      'json',
      'sh',
      'pdf',
    ]);
    expect(String(saved[0]?.content)).toContain('192.168.11.131');
    expect(String(saved[0]?.content)).toContain('lang="zh-CN"');
    expect(printed[0]).toContain('<html');
    for (const file of saved) expect(String(file.content)).not.toContain('pw-131');
  });
});

describe('run:preview: what an operation will do to each host, before it starts', () => {
  const twoHosts = {
    name: 'preview',
    hosts: [
      { address: '192.168.11.131', hostname: 'node01', role: 'manager', password: 'pw-131' },
      { address: '192.168.11.132', hostname: 'node02', role: 'worker', password: 'pw-132' },
    ],
  };

  it('answers `swarmlab plan --offline`: per host, the steps that apply, their commands and files', async () => {
    const { handlers } = createHandlers(deps());
    const preview = await handlers['run:preview'](
      { inventory: twoHosts, assume: 'debian-12' },
      context,
    );
    // The same previews the CLI prints for these hosts, assumed bare Debian 12 systems.
    const checked = validateInventory(twoHosts);
    if (!checked.ok) throw new Error('fixture inventory is not valid');
    const facts = new Map(
      resolveHosts(checked.inventory).map((host) => [
        host.id,
        assumedFacts('debian-12', host.hostname ?? ''),
      ]),
    );
    const cli = redactPreview(
      await previewPlan(checked.inventory, facts),
      resolveSecrets(checked.inventory, {}),
    );
    expect(preview.hosts).toEqual(cli);

    const [manager, worker] = preview.hosts;
    expect(preview.hosts.map((host) => [host.id, host.role, host.os])).toEqual([
      ['node01', 'manager', 'Debian GNU/Linux 12 (bookworm)'],
      ['node02', 'worker', 'Debian GNU/Linux 12 (bookworm)'],
    ]);
    expect(manager?.steps.map((step) => step.id)).toContain('swarm-init');
    expect(worker?.steps.map((step) => step.id)).toContain('swarm-join');
    const install = worker?.steps.find((step) => step.id === 'docker-install');
    expect(install?.commands.join('\n')).toContain('apt-get');
    expect(preview.hosts.every((host) => host.steps.every((step) => !step.error))).toBe(true);
    // Passwords travel through stdin, never in a preview.
    expect(JSON.stringify(preview)).not.toMatch(/pw-13[12]/);
  });

  it('previews for the system asked for, saying where a step would stop', async () => {
    const { handlers } = createHandlers(deps());
    const preview = await handlers['run:preview'](
      { inventory: twoHosts, assume: 'rocky-9' },
      context,
    );
    expect(preview.hosts[0]?.os).toBe('Rocky Linux 9');
    // Rocky has no Docker package of its own: the preview tells before anything runs.
    const install = preview.hosts[0]?.steps.find((step) => step.id === 'docker-install');
    expect(install?.error?.en).toMatch(/docker\.install: (mirror|official)/);
  });

  it('refuses an invalid inventory, and probing without its secrets, saying why', async () => {
    const reached: string[] = [];
    const { handlers } = createHandlers(
      deps({
        runSetup: async () => {
          reached.push('runSetup');
          throw new Error('no host may be probed here');
        },
      }),
    );
    await expect(
      handlers['run:preview']({ inventory: { hosts: [] }, assume: 'debian-12' }, context),
    ).rejects.toThrow(/inventory is not valid: hosts/);
    await expect(
      handlers['run:preview'](
        {
          inventory: {
            hosts: [{ address: '192.168.11.131', role: 'manager', passwordEnv: 'NODE_PW' }],
          },
        },
        context,
      ),
    ).rejects.toThrow(/Missing secrets: .*NODE_PW/);
    expect(reached).toEqual([]);
  });
});

describe('inventory:import-hosts: hosts from an ssh config or an Ansible inventory', () => {
  it('imports the file the person picks, with what it did not carry over', async () => {
    const source = join(home, 'hosts.yml');
    await writeFile(
      source,
      'all:\n  hosts:\n    web1:\n      ansible_host: 10.4.0.1\n      ansible_password: never-here\n    web2:\n      ansible_host: 10.4.0.2\n',
    );
    const picked: string[] = [];
    const base = deps();
    const { handlers } = createHandlers({
      ...base,
      dialogs: {
        ...base.dialogs,
        pickHostsSource: async (kind) => {
          picked.push(kind);
          return source;
        },
      },
    });
    const imported = await handlers['inventory:import-hosts'](
      { source: 'ansible', managers: 'web2' },
      context,
    );
    expect(picked).toEqual(['ansible']);
    if (imported.status !== 'done' || !imported.parsed.ok) throw new Error('expected an inventory');
    expect(imported.parsed.inventory.hosts).toEqual([
      { address: '10.4.0.1', role: 'worker' },
      { address: '10.4.0.2', role: 'manager' },
    ]);
    expect(imported.notes).toEqual([
      {
        host: 'web1',
        what: {
          en: 'its login password was not written: it is asked for at run time',
          'zh-CN': '未写入其登录密码：运行时再询问',
        },
      },
    ]);
    expect(JSON.stringify(imported)).not.toContain('never-here');
  });

  it('says cancelled when no file was picked', async () => {
    const { handlers } = createHandlers(deps());
    await expect(
      handlers['inventory:import-hosts']({ source: 'ssh-config' }, context),
    ).resolves.toEqual({ status: 'cancelled' });
  });
});
