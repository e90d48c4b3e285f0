import { describe, expect, it } from 'vitest';
import { InventorySchema, type Inventory } from '../../../electron/engine/inventory/schema';
import type { DaemonConfig } from '../../../electron/engine/inventory/daemon';
import { dockerDaemonStep } from '../../../electron/engine/steps/docker-daemon';
import { checkDaemonConfig } from '../../../electron/engine/steps/docker-daemon/check';
import {
  execStartFromCat,
  execStartFromShow,
  parseEnvironmentFile,
  splitCommandLine,
} from '../../../electron/engine/steps/docker-daemon/command-line';
import {
  mergeDaemonConfig,
  parseDaemonJson,
  renderDaemonJson,
} from '../../../electron/engine/steps/docker-daemon/daemon-json';
import { daemonFlags, flagConflicts } from '../../../electron/engine/steps/docker-daemon/flags';
import { hostsDropIn } from '../../../electron/engine/steps/docker-daemon/hosts-drop-in';
import {
  planDaemonConfig,
  type DaemonPlanInput,
} from '../../../electron/engine/steps/docker-daemon/plan';
import {
  DAEMON_PROBE_SCRIPT,
  parseDaemonProbe,
} from '../../../electron/engine/steps/docker-daemon/probe';
import {
  judgeRestart,
  parseRestartOutput,
  restartAndWaitScript,
} from '../../../electron/engine/steps/docker-daemon/restart';
import {
  rollbackFailure,
  rollbackScript,
} from '../../../electron/engine/steps/docker-daemon/rollback';
import {
  StepFailure,
  type ExecResult,
  type StepContext,
} from '../../../electron/engine/steps/step';
import { shellQuote } from '../../../electron/engine/shell/quote';
import { expectGolden } from '../helpers/golden';
import { shellcheck } from '../helpers/shellcheck';

/** ExecStart lines as the packages ship them. */
const DEBIAN_EXEC_START = '/usr/sbin/dockerd -H fd:// $DOCKER_OPTS';
const DOCKER_CE_EXEC_START =
  '/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock';

const input = (overrides: Partial<DaemonPlanInput> = {}): DaemonPlanInput => ({
  currentText: null,
  desired: undefined,
  execStart: DOCKER_CE_EXEC_START,
  env: {},
  ...overrides,
});

describe('daemon.json', () => {
  it('reads a missing or empty file as {}, refuses invalid JSON and non-objects', () => {
    expect(parseDaemonJson(null)).toEqual({});
    expect(parseDaemonJson(' \n')).toEqual({});
    expect(() => parseDaemonJson('{"debug": true,}')).toThrow(
      /\/etc\/docker\/daemon\.json is not valid JSON.*fix or remove/s,
    );
    expect(() => parseDaemonJson('["a"]')).toThrow(StepFailure);
  });

  it('merges: the inventory wins key by key, the host keeps its other keys', () => {
    const current = {
      'log-driver': 'journald',
      'registry-mirrors': ['https://old.example'],
      labels: ['a=b'],
    };
    const desired: DaemonConfig = {
      'registry-mirrors': ['https://docker.m.daocloud.io'],
      'log-opts': { 'max-size': '10m' },
    };
    expect(mergeDaemonConfig(current, desired)).toEqual({
      'log-driver': 'journald',
      'registry-mirrors': ['https://docker.m.daocloud.io'],
      labels: ['a=b'],
      'log-opts': { 'max-size': '10m' },
    });
  });

  it('renders sorted keys at every level, two spaces and a final newline', () => {
    const text = renderDaemonJson({
      'registry-mirrors': ['https://b.example', 'https://a.example'],
      'default-address-pools': [{ size: 24, base: '10.20.0.0/16' }],
      'log-opts': { 'max-size': '10m', 'max-file': '3' },
      debug: false,
    });
    expectGolden('docker-daemon/sorted.json', text);
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      'debug',
      'default-address-pools',
      'log-opts',
      'registry-mirrors',
    ]);
  });

  it('is unchanged when the host says the same in another order or spacing', () => {
    const desired: DaemonConfig = {
      'log-driver': 'json-file',
      'log-opts': { 'max-file': '3', 'max-size': '10m' },
    };
    const hand =
      '{\n    "log-opts": {"max-size": "10m", "max-file": "3"},\n    "log-driver": "json-file"\n}';
    expect(planDaemonConfig(input({ currentText: hand, desired })).unchanged).toBe(true);
    expect(planDaemonConfig(input({ currentText: null, desired })).unchanged).toBe(false);
    expect(planDaemonConfig(input({ currentText: null })).unchanged).toBe(true);
    expect(
      planDaemonConfig(input({ currentText: '{"debug": true}', desired: { debug: false } }))
        .content,
    ).toBe('{\n  "debug": false\n}\n');
  });
});

describe('refusals before writing', () => {
  it('refuses live-restore from the host’s file unless the inventory turns it off', () => {
    expect(() => planDaemonConfig(input({ currentText: '{"live-restore": true}' }))).toThrow(
      /live-restore is true in the host’s daemon\.json: Docker refuses live-restore in swarm mode.*live-restore: false/s,
    );
    const plan = planDaemonConfig(
      input({ currentText: '{"live-restore": true}', desired: { 'live-restore': false } }),
    );
    expect(plan.merged['live-restore']).toBe(false);
  });

  it('refuses unknown keys and bad values from the inventory, only warns about the host’s own', () => {
    const check = checkDaemonConfig(
      { 'log-driver': 'loki', 'cdi-spec-dirs': ['/etc/cdi'], labels: ['x=y'], mtu: 10 },
      { mtu: 10 },
    );
    expect(check.errors.map((error) => error.en)).toEqual([expect.stringMatching(/^mtu: /)]);
    expect(check.warnings.map((warning) => warning.en)).toEqual([
      expect.stringMatching(/^log-driver: /),
      'cdi-spec-dirs: kept as the host has it (swarmlab does not know this key)',
    ]);
    expect(check.warnings[1]?.['zh-CN']).toBe(
      'cdi-spec-dirs：按主机上的原样保留（swarmlab 不认识这个键）',
    );
    const bogus = { 'regsitry-mirrors': ['https://x.example'] } as unknown as DaemonConfig;
    expect(() => planDaemonConfig(input({ desired: bogus }))).toThrow(
      /regsitry-mirrors: swarmlab does not know this daemon\.json key/,
    );
  });
});

describe('docker.service flags', () => {
  it('reads ExecStart from systemctl show (CentOS 7 has no --value) and systemctl cat', () => {
    const show =
      'ExecStart={ path=/usr/bin/dockerd ; argv[]=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock ; ignore_errors=no ; start_time=[n/a] ; stop_time=[n/a] ; pid=0 ; code=(null) ; status=0/0 }';
    expect(execStartFromShow(show)).toBe(DOCKER_CE_EXEC_START);
    expect(execStartFromShow('ExecStart=')).toBeUndefined();
    const cat = [
      '# /lib/systemd/system/docker.service',
      '[Service]',
      'EnvironmentFile=-/etc/default/docker',
      'ExecStart=/usr/sbin/dockerd -H fd:// $DOCKER_OPTS',
      '',
      '# /etc/systemd/system/docker.service.d/override.conf',
      '[Service]',
      'ExecStart=',
      'ExecStart=/usr/sbin/dockerd \\',
      '  --storage-driver vfs',
    ].join('\n');
    expect(execStartFromCat(cat)).toBe('/usr/sbin/dockerd    --storage-driver vfs');
  });

  it('finds -H fd:// in docker-ce’s unit and the --containerd flag', () => {
    const flags = daemonFlags(splitCommandLine(DOCKER_CE_EXEC_START, {}));
    expect(flags.map((flag) => [flag.flag, flag.key, flag.value])).toEqual([
      ['-H', 'hosts', 'fd://'],
      ['--containerd', 'containerd', '/run/containerd/containerd.sock'],
    ]);
    expect(
      flagConflicts({ hosts: ['unix:///var/run/docker.sock'], debug: true }, flags).map(
        (c) => c.key,
      ),
    ).toEqual(['hosts']);
  });

  it('expands Debian’s $DOCKER_OPTS from /etc/default/docker', () => {
    const env = parseEnvironmentFile(
      '# Docker Upstart and SysVinit configuration file\nDOCKER_OPTS="--dns 8.8.8.8 -s vfs --log-level=warn"\n',
    );
    expect(env).toEqual({ DOCKER_OPTS: '--dns 8.8.8.8 -s vfs --log-level=warn' });
    const flags = daemonFlags(splitCommandLine(DEBIAN_EXEC_START, env));
    expect(flags.map((flag) => [flag.flag, flag.key, flag.value, flag.fromVariable])).toEqual([
      ['-H', 'hosts', 'fd://', undefined],
      ['--dns', 'dns', '8.8.8.8', 'DOCKER_OPTS'],
      ['-s', 'storage-driver', 'vfs', 'DOCKER_OPTS'],
      ['--log-level', 'log-level', 'warn', 'DOCKER_OPTS'],
    ]);
  });

  it('refuses a key also given as a flag, naming both and the fix', () => {
    const env = { DOCKER_OPTS: '--storage-driver vfs' };
    expect(() =>
      planDaemonConfig(
        input({ execStart: DEBIAN_EXEC_START, env, desired: { 'storage-driver': 'overlay2' } }),
      ),
    ).toThrow(
      /"storage-driver" with --storage-driver vfs \(from \$DOCKER_OPTS\).*specified both as a flag and in the configuration file.*remove --storage-driver from \$DOCKER_OPTS/s,
    );
    expect(() =>
      planDaemonConfig(input({ currentText: '{"hosts": ["unix:///var/run/docker.sock"]}' })),
    ).toThrow(/"hosts" with -H fd:\/\/.*systemd drop-in.*"ExecStart="/s);
  });

  it('writes a drop-in without -H when the inventory sets hosts', () => {
    const plan = planDaemonConfig(
      input({ desired: { hosts: ['unix:///var/run/docker.sock', 'tcp://10.210.0.11:2376'] } }),
    );
    expectGolden('docker-daemon/hosts-drop-in.conf', plan.dropIn ?? '');
    expect(plan.dropIn).toContain(
      'ExecStart=\nExecStart=/usr/bin/dockerd --containerd=/run/containerd/containerd.sock\n',
    );
    expect(hostsDropIn(DEBIAN_EXEC_START)).toContain('ExecStart=/usr/sbin/dockerd $DOCKER_OPTS\n');
    expect(hostsDropIn('/usr/bin/dockerd --host=fd:// --host unix:///run/d.sock -D')).toContain(
      'ExecStart=/usr/bin/dockerd -D\n',
    );
  });

  it('follows --config-file to the file dockerd really reads', () => {
    const plan = planDaemonConfig(
      input({
        execStart: '/usr/bin/dockerd --config-file /etc/docker/custom.json',
        desired: { debug: true },
      }),
    );
    expect(plan.path).toBe('/etc/docker/custom.json');
  });
});

describe('probe', () => {
  it('reads the probe output', () => {
    const state = parseDaemonProbe(
      [
        'dockerd=/usr/sbin/dockerd',
        'execstart=ExecStart={ path=/usr/sbin/dockerd ; argv[]=/usr/sbin/dockerd -H fd:// $DOCKER_OPTS ; ignore_errors=no ; start_time=[n/a] ; stop_time=[n/a] ; pid=0 ; code=(null) ; status=0/0 } ',
        'active=active',
        'swarm=active',
        'env DOCKER_OPTS="--dns 223.5.5.5"',
      ].join('\n'),
    );
    expect(state).toEqual({
      dockerd: '/usr/sbin/dockerd',
      validate: false,
      execStart: DEBIAN_EXEC_START,
      env: { DOCKER_OPTS: '--dns 223.5.5.5' },
      active: true,
      dropInPresent: false,
      inSwarm: true,
    });
    expect(parseDaemonProbe('swarm=inactive\n').inSwarm).toBe(false);
  });
});

describe('restart and rollback', () => {
  it('keeps the change only when docker info answered', () => {
    expect(judgeRestart(parseRestartOutput('answered=yes\n'))).toEqual({ kind: 'keep' });
    expect(judgeRestart(parseRestartOutput('restart=failed\nanswered=no\n'))).toEqual({
      kind: 'rollback',
      reason: {
        en: '`systemctl restart docker` failed with the new daemon.json',
        'zh-CN': '换上新的 daemon.json 后，`systemctl restart docker` 失败',
      },
    });
    expect(judgeRestart(parseRestartOutput('answered=no\n'))).toMatchObject({
      kind: 'rollback',
      reason: { en: expect.stringContaining('within 60 s') },
    });
  });

  it('restores the backup, or removes a file that was not there, and the drop-in', () => {
    const restore = rollbackScript({
      path: '/etc/docker/daemon.json',
      existed: true,
      wroteDropIn: true,
    });
    expectGolden('docker-daemon/rollback.sh', restore);
    expect(
      rollbackScript({ path: '/etc/docker/daemon.json', existed: false, wroteDropIn: false }),
    ).toBe(`set -eu\nrm -f ${shellQuote('/etc/docker/daemon.json')}\n`);
  });

  it('says it rolled back, whether Docker runs again, and the journal’s last lines', () => {
    const journal = Array.from({ length: 40 }, (_, index) => `line ${index}`).join('\n');
    const failure = rollbackFailure(
      'Docker did not answer',
      true,
      `${journal}\nunable to configure the Docker daemon with file /etc/docker/daemon.json`,
    );
    expect(failure.message).toMatch(
      /^rolled daemon\.json back: Docker did not answer\. Docker runs again/,
    );
    expect((failure.data as { journal: string }).journal.split('\n')).toHaveLength(15);
    expect(rollbackFailure('x', false, '').message).toMatch(
      /did not come back with the previous configuration either/,
    );
  });

  it('shellchecks every script it sends', () => {
    for (const text of [
      DAEMON_PROBE_SCRIPT,
      restartAndWaitScript(),
      rollbackScript({ path: '/etc/docker/daemon.json', existed: true, wroteDropIn: true }),
      rollbackScript({ path: "/etc/docker/it's.json", existed: false, wroteDropIn: false }),
    ]) {
      expect(shellcheck(text)).toBe('');
    }
  });
});

// ---------------------------------------------------------------------------------------
// The step against a scripted host: apply → restart fails → rollback → StepFailure.

interface FakeHost {
  files: Map<string, string>;
  commands: string[];
  restartAnswers: boolean[];
  inSwarm?: boolean;
}

function fakeContext(host: FakeHost, daemon: DaemonConfig): StepContext<Inventory> {
  const options = InventorySchema.parse({
    hosts: [{ address: '10.210.0.11' }],
    docker: { daemon },
  });
  const summary = {
    id: 'node01',
    address: '10.210.0.11',
    port: 22,
    user: 'root',
    role: 'manager' as const,
  };
  const ok = (stdout = ''): ExecResult => ({ exitCode: 0, stdout, stderr: '', durationMs: 1 });
  const remote = {
    host: summary,
    async exec(script: string): Promise<ExecResult> {
      host.commands.push(script);
      if (script === DAEMON_PROBE_SCRIPT) {
        return ok(
          `dockerd=/usr/bin/dockerd\nvalidate=yes\nexecstart=ExecStart={ path=/usr/bin/dockerd ; argv[]=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock ; ignore_errors=no ; pid=0 }\nactive=active\n${host.inSwarm ? 'swarm=active\n' : ''}`,
        );
      }
      if (script.startsWith('set -u\nsystemctl reset-failed')) {
        const answered = host.restartAnswers.shift() ?? true;
        return { ...ok(answered ? 'answered=yes\n' : 'answered=no\n'), exitCode: answered ? 0 : 1 };
      }
      if (script.startsWith('journalctl')) return ok('failed to start daemon: invalid mirror\n');
      if (script.startsWith('cp -p ')) {
        host.files.set(
          '/etc/docker/daemon.json.swarmlab-backup',
          host.files.get('/etc/docker/daemon.json') ?? '',
        );
      }
      if (script.includes(`mv -f ${shellQuote('/etc/docker/daemon.json.swarmlab-restore')}`)) {
        host.files.set(
          '/etc/docker/daemon.json',
          host.files.get('/etc/docker/daemon.json.swarmlab-backup') ?? '',
        );
      }
      return ok();
    },
    async uploadFile(path: string, content: string | Buffer): Promise<void> {
      host.files.set(path, content.toString());
    },
    async readFile(path: string): Promise<string | null> {
      return host.files.get(path) ?? null;
    },
  };
  return {
    host: summary,
    hosts: [summary],
    remote,
    remoteFor: () => remote,
    options,
    shared: new Map(),
    addSecret: () => {},
    warn: () => {},
    log: () => {},
    signal: new AbortController().signal,
    tools: {},
    othersFinished: async () => undefined,
    aside: (wait) => wait,
  };
}

describe('docker-daemon step', () => {
  const before = '{\n  "debug": true\n}\n';

  it('validates, backs up, writes, and keeps the change when Docker answers', async () => {
    const host: FakeHost = {
      files: new Map([['/etc/docker/daemon.json', before]]),
      commands: [],
      restartAnswers: [true],
    };
    const ctx = fakeContext(host, { 'log-driver': 'json-file' });
    const probe = await dockerDaemonStep.probe(ctx);
    expect(await dockerDaemonStep.decide(probe, ctx)).toEqual({
      kind: 'change',
      changes: [
        {
          en: 'write /etc/docker/daemon.json (log-driver) and restart Docker',
          'zh-CN': '写入 /etc/docker/daemon.json（log-driver）并重启 Docker',
        },
      ],
    });
    await dockerDaemonStep.apply(ctx, probe);
    expect(host.files.get('/etc/docker/daemon.json')).toBe(
      '{\n  "debug": true,\n  "log-driver": "json-file"\n}\n',
    );
    expect(host.files.get('/etc/docker/daemon.json.swarmlab-backup')).toBe(before);
    expect(
      host.commands.some((command) =>
        command.startsWith(
          `dockerd --validate --config-file ${shellQuote('/etc/docker/daemon.json.swarmlab-new')}`,
        ),
      ),
    ).toBe(true);
    expect(await dockerDaemonStep.decide(await dockerDaemonStep.probe(ctx), ctx)).toMatchObject({
      kind: 'ok',
    });
  });

  it('says that a node of a swarm restarts one node at a time', async () => {
    const host: FakeHost = {
      files: new Map([['/etc/docker/daemon.json', before]]),
      commands: [],
      restartAnswers: [true],
      inSwarm: true,
    };
    const ctx = fakeContext(host, { 'log-driver': 'json-file' });
    const decision = await dockerDaemonStep.decide(await dockerDaemonStep.probe(ctx), ctx);
    expect(decision.kind === 'change' && decision.changes.map((change) => change.en)).toEqual([
      'write /etc/docker/daemon.json (log-driver) and restart Docker',
      'restart it as a swarm node: drained first, one node at a time, the leader last, available again once Ready',
    ]);
  });

  it('rolls back by itself when Docker does not come back, and says why', async () => {
    const host: FakeHost = {
      files: new Map([['/etc/docker/daemon.json', before]]),
      commands: [],
      restartAnswers: [false, true],
    };
    const ctx = fakeContext(host, { 'registry-mirrors': ['https://docker.m.daocloud.io'] });
    const probe = await dockerDaemonStep.probe(ctx);
    const failure = await dockerDaemonStep.apply(ctx, probe).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(StepFailure);
    expect((failure as StepFailure).message).toMatch(
      /^rolled daemon\.json back: Docker did not answer .* runs again/,
    );
    expect((failure as StepFailure).data).toEqual({
      journal: 'failed to start daemon: invalid mirror',
    });
    expect(host.files.get('/etc/docker/daemon.json')).toBe(before);
  });
});
