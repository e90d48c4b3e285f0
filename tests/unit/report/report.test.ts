import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { main } from '../../../electron/cli/main';
import {
  buildSetupReport,
  findChromium,
  printHtmlToPdf,
  renderHtml,
  renderMarkdown,
  renderReport,
  renderReproductionScript,
  ReportRedactor,
  REPORT_FILES,
  reportJsonSchemaText,
  writeReportFiles,
  SetupReportSchema,
  type SetupReport,
} from '../../../electron/engine/report';
import type { ReportCommand, ReportStep } from '../../../electron/engine/report/schema';
import type { RunEvent } from '../../../electron/shared/run-events';
import type { ExerciseResult } from '../../../electron/shared/practice';
import type { OverlayHealth } from '../../../electron/shared/health';
import { readJournal } from '../../../electron/engine/run/journal';
import { localized } from '../../../electron/shared/messages';
import { shellcheck } from '../helpers/shellcheck';
import { FIXTURE_JOURNAL, FIXTURE_SECRETS, makeJournal } from './fixtures/make-journal';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SCHEMA_PATH = join(ROOT, 'docs', 'report.schema.json');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'report');
const HOSTS = [
  { id: 'node01', address: '10.0.0.11' },
  { id: 'node02', address: '10.0.0.12' },
  { id: 'node03', address: '10.0.0.13' },
];
const GENERATED_AT = new Date(Date.UTC(2025, 5, 1, 9, 0, 0));

let events: RunEvent[];
let report: SetupReport;
let outputs: Record<'html' | 'htmlZh' | 'md' | 'mdZh' | 'json' | 'sh', string>;

beforeAll(async () => {
  events = await readJournal(FIXTURE_JOURNAL);
  report = buildSetupReport(events, { generatedAt: GENERATED_AT });
  const script = renderReproductionScript(report);
  outputs = {
    html: renderHtml(report, { lang: 'en', script }),
    htmlZh: renderHtml(report, { lang: 'zh-CN', script }),
    md: renderMarkdown(report, { lang: 'en', script }),
    mdZh: renderMarkdown(report, { lang: 'zh-CN', script }),
    json: String(await renderReport(events, { format: 'json', generatedAt: GENERATED_AT })),
    sh: script,
  };
});

/** Every planted secret, and the parts of them a sloppy redaction could leave behind. */
function leaks(text: string): string[] {
  const needles = [
    FIXTURE_SECRETS.workerToken,
    FIXTURE_SECRETS.workerToken.slice('SWMTKN-1-'.length, 40),
    FIXTURE_SECRETS.workerToken.split('-').at(-1) ?? '',
    FIXTURE_SECRETS.password,
    FIXTURE_SECRETS.mirrorPassword,
    FIXTURE_SECRETS.privateKeyBody,
  ];
  return needles.filter((needle) => needle !== '' && text.includes(needle));
}

describe('the fixture', () => {
  it('is the journal make-journal.ts writes (regenerate: npx tsx tests/unit/report/fixtures/make-journal.ts)', () => {
    expect(events).toEqual(JSON.parse(JSON.stringify(makeJournal())));
  });

  it('really holds the secrets the report must hide', () => {
    const raw = readFileSync(FIXTURE_JOURNAL, 'utf8');
    expect(leaks(raw).length).toBeGreaterThanOrEqual(4);
  });
});

describe('buildSetupReport', () => {
  it('describes each host from the step data', () => {
    expect(report.hosts.map((host) => host.id)).toEqual(['node01', 'node02', 'node03']);
    const node01 = report.hosts[0];
    expect(node01?.system).toMatchObject({
      os: 'Debian GNU/Linux 12 (bookworm)',
      osVersion: '12',
      kernel: '6.1.0-37-amd64',
      arch: 'x86_64',
      hostnameBefore: 'debian',
      timeSynchronized: true,
    });
    expect(node01?.hostname).toBe('node01');
    expect(node01?.docker.version).toBe('28.3.2');
    expect(node01?.docker.daemonConfig?.written).toBe(true);
    expect(JSON.parse(node01?.docker.daemonConfig?.content ?? '{}')).toMatchObject({
      'log-driver': 'json-file',
    });
    expect(report.hosts[1]?.system.timeSynchronized).toBe(false);
    expect(report.hosts[2]?.preflight?.find((check) => check.id === 'routing-mesh')).toMatchObject({
      status: 'warn',
      fix: expect.stringContaining('modprobe ip_vs'),
    });
  });

  it('records the swarm as it ended and how it was proven', () => {
    expect(report.swarm.nodes?.map((node) => node.hostname)).toEqual([
      'node01',
      'node02',
      'node03',
    ]);
    expect(report.swarm.network).toMatchObject({
      name: 'swarmlab-net',
      subnet: '10.20.0.0/24',
      driver: 'overlay',
    });
    expect(report.swarm.verification).toMatchObject({
      loadBalancing: 'dns-round-robin',
      routingMesh: 'unavailable',
    });
    expect(report.topology.nodes.find((node) => node.host === 'node01')).toMatchObject({
      role: 'manager',
      leader: true,
      status: 'Ready',
    });
  });

  it('keeps the commands with the step and host that ran them, the manager’s helpers apart', () => {
    const join = report.steps.find((step) => step.id === 'swarm-join');
    expect(join?.results.map((result) => result.host)).toEqual(['node02', 'node03']);
    expect(join?.results[0]?.commands.every((command) => command.host === 'node02')).toBe(true);
    expect(join?.helperCommands.map((command) => command.command)).toContain(
      'docker swarm join-token -q worker',
    );
    const hostsFile = report.steps.find((step) => step.id === 'hosts-file')?.results[0]
      ?.commands[0];
    expect(hostsFile?.upload).toMatchObject({ path: '/etc/hosts', mode: '0644' });
    expect(hostsFile?.phase).toBe('apply');
  });

  it('fits the zod schema and the published JSON Schema', () => {
    const json: unknown = JSON.parse(outputs.json);
    expect(SetupReportSchema.safeParse(json).success).toBe(true);
    const published = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
    const fromFile = z.fromJSONSchema(published);
    const result = fromFile.safeParse(json);
    expect(result.error?.issues ?? []).toEqual([]);
    // And the schema really checks: a report without hosts is refused.
    expect(fromFile.safeParse({ ...(json as object), hosts: 'none' }).success).toBe(false);
  });

  it('publishes the schema the code generates (run: npx tsx electron/engine/report/write-json-schema.ts)', () => {
    expect(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'))).toEqual(
      JSON.parse(reportJsonSchemaText()),
    );
  });
});

describe('every format', () => {
  it('records each host key the run accepted, and which were first contacts', () => {
    expect(report.hosts.map((host) => host.hostKeys.map((key) => key.firstContact))).toEqual([
      [false],
      [false],
      [true],
    ]);
    const fingerprint = `SHA256:${'3'.repeat(43)}`;
    for (const format of ['html', 'md', 'json'] as const) {
      expect(outputs[format], format).toContain(`SHA256:${'1'.repeat(43)}`);
      expect(outputs[format], format).toContain(fingerprint);
    }
    expect(outputs.md).toMatch(
      new RegExp(`${fingerprint} \\(first contact: trusted for this run\\)`),
    );
    expect(outputs.htmlZh).toContain('首次连接：为本次运行而信任');
  });

  it('names every host and draws the topology', () => {
    for (const [format, text] of Object.entries(outputs)) {
      for (const host of HOSTS) {
        expect(text, `${format} names ${host.id}`).toContain(host.id);
        expect(text, `${format} gives ${host.address}`).toContain(host.address);
      }
    }
    for (const html of [outputs.html, outputs.htmlZh]) {
      const svg = /<svg[^>]*class="topology"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
      for (const host of HOSTS) expect(svg).toContain(host.address);
      expect(svg).toContain('swarmlab-net · 10.20.0.0/24');
    }
    expect(outputs.md).toContain('## Topology');
    expect(outputs.md).toMatch(/\[node01\]\s+manager/);
    const json = JSON.parse(outputs.json) as SetupReport;
    expect(json.topology.nodes).toHaveLength(3);
    expect(json.topology.network).toEqual({ name: 'swarmlab-net', subnet: '10.20.0.0/24' });
  });

  it('leaks none of the secrets, even those the source redaction missed', () => {
    for (const [format, text] of Object.entries(outputs)) expect(leaks(text), format).toEqual([]);
    expect(outputs.json).toContain('SWMTKN-[REDACTED]');
    expect(outputs.json).toContain('registry_password=[REDACTED]');
    expect(outputs.json).toContain('apt-user:[REDACTED]@mirror.example.com');
  });

  it('says plainly that the routing mesh was unavailable', () => {
    expect(outputs.html).toContain('The routing mesh was unavailable');
    expect(outputs.md).toContain('The routing mesh was unavailable');
    expect(outputs.htmlZh).toContain('路由网格不可用');
  });

  it('speaks the language asked for', () => {
    expect(outputs.html).toContain('<html lang="en">');
    expect(outputs.htmlZh).toContain('<html lang="zh-CN">');
    expect(outputs.htmlZh).toContain('Swarm 集群部署报告');
    expect(outputs.htmlZh).toContain('初始化 Swarm');
    expect(outputs.mdZh).toContain('# Swarm 集群部署报告');
  });

  it('shows a practice exercise’s check and what to notice, in each language', () => {
    const exercise: ExerciseResult = {
      exercise: 'practice-global',
      commands: [{ command: 'docker service ps swarmlab-practice-global', output: 'node01 …' }],
      notice: localized('practice.global.notice'),
      passed: true,
      detail: localized('practice.global.result', { count: 3 }),
      kept: [],
    };
    const practised = events.map((event) =>
      event.type === 'run-started'
        ? { ...event, operation: 'practice' as const }
        : event.type === 'step-finished' && event.step === 'verify-swarm'
          ? { ...event, data: exercise }
          : event,
    );
    const report = buildSetupReport(practised, { generatedAt: GENERATED_AT });
    expect(report.run.operation).toBe('practice');
    const md = renderMarkdown(report, { lang: 'en' });
    expect(md).toMatch(/^# Practice report\n/);
    expect(md).toContain('  - ✓ one task on each of the 3 nodes');
    expect(md).toContain('  - What to notice: A global service has no replica count');
    expect(renderMarkdown(report, { lang: 'zh-CN' })).toContain('  - ✓ 3 个节点上各有一个任务');
    const html = renderHtml(report, { lang: 'zh-CN' });
    expect(html).toContain('<b>✓ 3 个节点上各有一个任务</b><br>值得注意：');
    // Only an exercise's result says so.
    expect(outputs.md).not.toContain('What to notice');
  });

  it("lists the run's terminal transcripts with their links, the title escaped and its secrets hidden", () => {
    const transcripts = [
      {
        file: 'transcripts/node01-2025-06-01T09-10-00-000Z-a1b2c3.cast',
        title: `node01 (<b>root</b>@10.0.0.11:22, ssh2) ${FIXTURE_SECRETS.password}`,
        startedAt: '2025-06-01T09:10:00.000Z',
      },
    ];
    const report = buildSetupReport(events, {
      generatedAt: GENERATED_AT,
      transcripts,
      secrets: [FIXTURE_SECRETS.password],
    });
    const html = renderHtml(report, { lang: 'en' });
    expect(html).toContain(
      '<a href="transcripts/node01-2025-06-01T09-10-00-000Z-a1b2c3.cast"><code>transcripts/node01-2025-06-01T09-10-00-000Z-a1b2c3.cast</code></a> node01 (&lt;b&gt;root&lt;/b&gt;@10.0.0.11:22, ssh2) [REDACTED]',
    );
    expect(renderMarkdown(report, { lang: 'zh-CN' })).toContain('## 终端会话');
    expect(leaks(html)).toEqual([]);
    // A run without transcripts has no such section.
    expect(outputs.html).not.toContain('id="transcripts"');
  });

  it('shows a health check’s findings with their fixes, problems first, and titles the report as a check', () => {
    const health: OverlayHealth = {
      area: 'overlay',
      network: 'swarmlab-net',
      mtu: 1450,
      paths: [],
      findings: [
        {
          kind: 'certificate-expiring',
          severity: 'warning',
          nodes: ['node02'],
          message: localized('health.certificateExpiringHours', {
            node: 'node02',
            at: '2026-12-07 19:40 UTC',
            hours: 1,
          }),
          fix: localized('health.certificateExpiringFix'),
        },
        {
          kind: 'overlay-blocked',
          severity: 'problem',
          nodes: ['node03'],
          message: localized('health.overlayBlocked', {
            node: 'node03',
            others: 'node01, node02',
            network: 'swarmlab-net',
            port: 4789,
          }),
          fix: localized('health.overlayBlockedFix', { node: 'node03', port: 4789 }),
        },
      ],
    };
    const checked = events.map((event) =>
      event.type === 'run-started'
        ? { ...event, operation: 'check' as const }
        : event.type === 'step-finished' && event.step === 'verify-swarm'
          ? { ...event, data: health }
          : event,
    );
    const report = buildSetupReport(checked, { generatedAt: GENERATED_AT });
    expect(report.run.operation).toBe('check');
    const md = renderMarkdown(report, { lang: 'en' });
    expect(md).toMatch(/^# Health check report\n/);
    const problem = md.indexOf('  - ✗ containers on node03 reach none on node01, node02');
    const warning = md.indexOf('  - ⚠️ node02’s swarm certificate expires within 1 h');
    expect(problem).toBeGreaterThan(0);
    expect(warning).toBeGreaterThan(problem);
    expect(md).toContain('— Open 4789/udp on node03');
    const html = renderHtml(report, { lang: 'zh-CN' });
    expect(html).toContain('<h1>健康检查报告</h1>');
    expect(html).toContain('<b>✗ node03 上的容器无法通过 swarmlab-net 访问');
    expect(renderReproductionScript(report).split('\n')[1]).toBe(
      '# swarmlab reproduction script: a health check (swarmlab check)',
    );
  });

  it('names what the run did: a removal’s report is titled as one, a journal without an operation is a setup', () => {
    const removal = events.map((event) =>
      event.type === 'run-started' ? { ...event, operation: 'removal' as const } : event,
    );
    const removed = buildSetupReport(removal, { generatedAt: GENERATED_AT });
    expect(removed.run.operation).toBe('removal');
    expect(renderMarkdown(removed, { lang: 'en' })).toMatch(/^# Host removal report\n/);
    expect(renderMarkdown(removed, { lang: 'zh-CN' })).toMatch(/^# 主机移除报告\n/);
    expect(renderHtml(removed, { lang: 'en' })).toContain('<h1>Host removal report</h1>');
    expect(renderReproductionScript(removed).split('\n')[1]).toBe(
      '# swarmlab reproduction script: a host removal (swarmlab remove)',
    );
    expect(outputs.sh.split('\n')[1]).toBe(
      '# swarmlab reproduction script: a setup (swarmlab apply)',
    );
    expect(report.run.operation).toBe('setup');
    expect(outputs.md).toMatch(/^# Swarm setup report\n/);
  });

  it('draws the swarm a removal leaves behind: a host that left is not in the topology', () => {
    const finishedAt = events.find((event) => event.type === 'run-finished')?.at ?? 0;
    const leave = (status: 'changed' | 'failed'): RunEvent[] =>
      events.flatMap((event): RunEvent[] => {
        if (event.type === 'run-started') {
          return [
            {
              ...event,
              operation: 'removal',
              steps: [
                ...event.steps,
                { id: 'swarm-leave', title: { en: 'Leave', 'zh-CN': '离开' }, hosts: ['node03'] },
              ],
            },
          ];
        }
        if (event.type !== 'run-finished') return [event];
        return [
          {
            type: 'step-finished',
            at: finishedAt - 1,
            host: 'node03',
            step: 'swarm-leave',
            status,
            message: status === 'changed' ? 'docker swarm leave' : 'it did not leave',
            durationMs: 5,
            changes: [],
            warnings: [],
          },
          event,
        ];
      });
    const drawn = (journal: RunEvent[]) =>
      buildSetupReport(journal, { generatedAt: GENERATED_AT }).topology.nodes.map(
        (node) => node.host,
      );
    expect(drawn(leave('changed'))).toEqual(['node01', 'node02']);
    // It did not leave: it is still a node of the swarm.
    expect(drawn(leave('failed'))).toEqual(['node01', 'node02', 'node03']);
  });

  it('words each step’s outcome in the report’s language where the run recorded it, English in older journals', () => {
    const running = localized('outcomes.time-sync.serviceRunning', { service: 'chrony' });
    const said = events.map((event) =>
      event.type === 'step-finished' && event.step === 'time-sync' && event.status === 'ok'
        ? { ...event, message: running.en, localized: { message: running, changes: [] } }
        : event,
    );
    const translated = buildSetupReport(said, { generatedAt: GENERATED_AT });
    expect(renderMarkdown(translated, { lang: 'zh-CN' })).toMatch(/: chrony 正在运行\n/);
    expect(renderHtml(translated, { lang: 'zh-CN' })).toContain('<span>chrony 正在运行</span>');
    expect(renderMarkdown(translated, { lang: 'en' })).toMatch(/: chrony is running\n/);
    // The fixture's journal predates translated outcomes: its words stay as they were.
    expect(outputs.mdZh).toMatch(/: chrony is running\n/);
  });

  it('words preflight and verification checks in the report’s language, English where the run recorded no other', () => {
    const chinese = '内核没有 IPVS（缺少 ip_vs 模块）：这个节点上的路由网格无法工作';
    const english = 'the kernel has no IPVS (ip_vs module missing)';
    expect(outputs.htmlZh).toContain(`<b>routing-mesh</b>: ${chinese}`);
    expect(outputs.htmlZh).toContain(`<td>${chinese}</td>`);
    expect(outputs.mdZh).toContain('**routing-mesh**: 内核没有 IPVS（缺少 ip\\_vs 模块）');
    expect(outputs.mdZh).toContain('修复方法: 安装内核的额外模块');
    for (const en of [outputs.html, outputs.md]) {
      expect(en).toContain(english);
      expect(en).not.toContain(chinese);
    }
    // The verification's checks too.
    const nodesZh = '3 个节点均为 Ready：node01、node02、node03';
    expect(outputs.htmlZh).toContain(`<td>${nodesZh}</td>`);
    expect(outputs.mdZh).toContain(nodesZh);
    expect(outputs.html).toContain('<td>3 nodes Ready: node01, node02, node03</td>');
    // A check without Chinese words (an older journal) still shows, in English.
    expect(outputs.htmlZh).toContain('18432 MB free in /var/lib');
    expect(JSON.parse(outputs.json).hosts[2].preflight).toContainEqual(
      expect.objectContaining({
        id: 'routing-mesh',
        translations: { 'zh-CN': expect.objectContaining({ detail: chinese }) },
      }),
    );
  });
});

describe('the HTML', () => {
  it('is self-contained: no scripts, no external assets, locked down by CSP', () => {
    const html = outputs.html;
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).toContain('prefers-color-scheme: dark');
  });

  it('escapes what came from the hosts', () => {
    const hostile = JSON.parse(JSON.stringify(events)) as RunEvent[];
    for (const event of hostile) {
      if (event.type === 'command-output')
        event.text = '<script>alert(1)</script><img src=x onerror=alert(2)>';
      if (event.type === 'step-finished') event.message = '"><svg onload=alert(3)>';
    }
    const html = renderHtml(buildSetupReport(hostile), {
      script: 'echo "</pre><script>x</script>"',
    });
    expect(html).not.toMatch(/<script|<img|<svg onload/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('the reproduction script', () => {
  it('passes shellcheck', () => {
    expect(shellcheck(outputs.sh)).toBe('');
  });

  it('opens each step with what it is for, in the report’s language', () => {
    expect(outputs.sh).toContain(
      '# Step 2/10: Set the hostname (hostname)\n# Gives each node the name from the inventory,',
    );
    const zh = renderReproductionScript(report, { lang: 'zh-CN' });
    expect(zh).toContain('# Step 2/10: 设置主机名 (hostname)\n# 按清单为每个节点设置主机名');
    // Only comments differ: the commands it replays are the same.
    const commands = (script: string) => script.split('\n').filter((line) => !line.startsWith('#'));
    expect(commands(zh)).toEqual(commands(outputs.sh));
    expect(shellcheck(zh)).toBe('');
  });

  it('runs the changes over ssh per host, hosts as variables, files by heredoc and install -m', () => {
    const sh = outputs.sh;
    expect(sh.startsWith('#!/bin/sh\n')).toBe(true);
    expect(sh).toMatch(/^NODE01=\$\{NODE01:-'?root@10\.0\.0\.11'?\}/m);
    expect(sh).toContain('MANAGER="$NODE01"');
    expect(sh).toContain(`ssh -- "$NODE01" sh -s <<'SWARMLAB'`);
    expect(sh).toMatch(/cat >"\$tmp" <<'SWARMLAB_FILE'\n\{\n {2}"default-address-pools"/);
    expect(sh).toMatch(/^install -m 0644 "\$tmp" '?\/etc\/docker\/daemon\.json'? /m);
    expect(sh).toMatch(/^install -m 0644 "\$tmp" '?\/etc\/hosts'? /m);
    // swarm init prints a join command with the token in it: kept off the screen.
    expect(sh).toContain(
      "( 'docker' 'swarm' 'init' '--advertise-addr' '10.0.0.11' >/dev/null ) </dev/null || exit",
    );
    // Read-only probes are comments, not commands.
    expect(sh).not.toMatch(/^\( docker network inspect/m);
    expect(sh).toMatch(/^# .*read-only/m);
    // The order of the run: hostname before the swarm, the swarm before the network.
    expect(sh.indexOf('hostnamectl')).toBeLessThan(sh.indexOf("'swarm' 'init'"));
    expect(sh.indexOf("'swarm' 'init'")).toBeLessThan(sh.indexOf("'network' 'create'"));
  });

  it('fetches the join token from the manager while it runs and never holds one', () => {
    const sh = outputs.sh;
    expect(sh).toContain(
      'SWARM_JOIN_TOKEN_WORKER=$(ssh -- "$MANAGER" docker swarm join-token -q worker)',
    );
    // It goes on stdin, ahead of the script: never an argument of ssh or of the remote sh.
    expect(sh).toContain(`{ printf 'token=%s\\n' "$SWARM_JOIN_TOKEN_WORKER"; cat <<'SWARMLAB'`);
    expect(sh).toContain('} | ssh -- "$NODE02" sh -s\n');
    expect(sh).not.toMatch(/^ssh .*\$SWARM_JOIN_TOKEN/m);
    expect(sh).not.toContain('IFS= read -r token');
    expect(sh).not.toMatch(/SWMTKN-1|REDACTED/);
    expect(sh.indexOf('SWARM_JOIN_TOKEN_WORKER=$(')).toBeLessThan(
      sh.indexOf(`printf 'token=%s\\n' "$SWARM_JOIN_TOKEN_WORKER"`),
    );
  });

  it('puts -- before the destination of every ssh it runs', () => {
    const calls = outputs.sh.match(/(?:^|[|(]\s*|\$\()ssh\s[^\n]*/gm) ?? [];
    expect(calls.length).toBeGreaterThan(10);
    for (const call of calls) expect(call).toMatch(/ssh -- "\$[A-Z0-9_]+" /);
  });

  it('goes through sudo for logins other than root, and still passes shellcheck', () => {
    const asAdmin = JSON.parse(JSON.stringify(events)) as RunEvent[];
    for (const event of asAdmin) {
      if (event.type === 'run-started')
        event.hosts = event.hosts.map((host) => ({
          ...host,
          user: 'admin',
          port: host.id === 'node03' ? 2222 : 22,
        }));
    }
    const sh = renderReproductionScript(buildSetupReport(asAdmin));
    expect(sh).toContain(`ssh -- "$NODE01" sudo sh -s <<'SWARMLAB'`);
    expect(sh).toContain('$(ssh -- "$MANAGER" sudo docker swarm join-token -q worker)');
    expect(sh).toContain('} | ssh -- "$NODE02" sudo sh -s\n');
    expect(sh).toMatch(/^NODE03=\$\{NODE03:-'?ssh:\/\/admin@10\.0\.0\.13:2222'?\}/m);
    expect(shellcheck(sh)).toBe('');
  });
});

describe('the reproduction script, run', () => {
  /** A command as the journal records it: an apply on node01, as root. */
  function command(id: number, fields: Partial<ReportCommand>): ReportCommand {
    return {
      id,
      host: 'node01',
      phase: 'apply',
      startedAt: GENERATED_AT.toISOString(),
      command: '',
      sudo: true,
      upload: null,
      output: [],
      exitCode: 0,
      durationMs: 10,
      ...fields,
    };
  }
  function step(id: string, commands: ReportCommand[]): ReportStep {
    return {
      id,
      title: { en: id, 'zh-CN': id },
      hosts: ['node01'],
      results: [
        {
          host: 'node01',
          status: 'changed',
          message: id,
          durationMs: 10,
          changes: [],
          warnings: [],
          commands,
        },
      ],
      helperCommands: [],
    };
  }

  /**
   * The script is run for real, with an `ssh` that runs the remote command on this machine
   * (as ssh does: its words joined, read by a shell), on files in a temporary folder.
   */
  function run(script: string, dir: string, env: Record<string, string>) {
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'ssh'), '#!/bin/sh\n[ "$1" = -- ] && shift\nshift\nexec sh -c "$*"\n');
    chmodSync(join(bin, 'ssh'), 0o755);
    return spawnSync('sh', ['-c', script], {
      encoding: 'utf8',
      env: { PATH: `${bin}:${process.env.PATH ?? ''}`, ...env },
    });
  }

  function scriptFor(dir: string): string {
    const keys = join(dir, 'home', '.ssh', 'authorized_keys');
    const archive = join(dir, 'remote', 'image.tar');
    const modified: SetupReport = {
      ...report,
      steps: [
        step('ssh-keys', [
          command(1, {
            command: `# write ${keys}`,
            sudo: false,
            upload: { path: keys, mode: '0600', bytes: 12, content: 'key-a\nkey-b\n' },
          }),
        ]),
        step('test-image', [
          command(2, {
            command: `# write ${archive}`,
            upload: { path: archive, mode: '0600', bytes: 5, content: null },
          }),
          command(3, { command: `cp ${archive} ${join(dir, 'loaded')}` }),
        ]),
      ],
    };
    return renderReproductionScript(modified);
  }

  it('adds the run’s keys to authorized_keys and keeps the ones there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-replay-'));
    mkdirSync(join(dir, 'home', '.ssh'), { recursive: true });
    mkdirSync(join(dir, 'remote'));
    writeFileSync(join(dir, 'home', '.ssh', 'authorized_keys'), 'key-user\nkey-a\n');
    const script = scriptFor(dir);
    expect(shellcheck(script)).toBe('');
    const result = run(script, dir, {});
    expect(result.stderr).toContain('swarmlab: done');
    expect(result.status).toBe(0);
    // Nothing replaced: the user's key stays, key-a is not doubled, key-b is added.
    expect(readFileSync(join(dir, 'home', '.ssh', 'authorized_keys'), 'utf8')).toBe(
      'key-user\nkey-a\nkey-b\n',
    );
    // Without a local copy of the archive, what needs it is skipped, and the script says so.
    expect(existsSync(join(dir, 'loaded'))).toBe(false);
    expect(result.stderr).toContain(
      'skipped on node01: set FILE_IMAGE_TAR to a copy of ' + join(dir, 'remote', 'image.tar'),
    );
  });

  it('sends a file the journal does not keep from a local copy, then runs what needs it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-replay-'));
    mkdirSync(join(dir, 'remote'));
    writeFileSync(join(dir, 'local.tar'), 'bytes');
    const script = scriptFor(dir);
    expect(script).toMatch(/^FILE_IMAGE_TAR=\$\{FILE_IMAGE_TAR:-\}/m);
    const result = run(script, dir, { FILE_IMAGE_TAR: join(dir, 'local.tar') });
    expect(result.status).toBe(0);
    expect(readFileSync(join(dir, 'loaded'), 'utf8')).toBe('bytes');
    expect(readFileSync(join(dir, 'home', '.ssh', 'authorized_keys'), 'utf8')).toBe(
      'key-a\nkey-b\n',
    );
    // A path that is not there stops the script before it changes anything.
    const missing = run(script, dir, { FILE_IMAGE_TAR: join(dir, 'nothing.tar') });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('is not a readable file');
  });

  it('defines once at the top a helper several commands share, and sends it to each host that calls it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-replay-'));
    const out = join(dir, 'out');
    const greet = `greet() {\n  printf 'hello %s\\n' "$1" >>${out}\n}`;
    // One name, two texts: it cannot be defined once for both, so each command keeps its own.
    const bye = (word: string) => `bye() {\n  echo ${word} >>${out}\n}\nbye`;
    const shared: SetupReport = {
      ...report,
      steps: [
        step('first', [
          command(1, { command: `set -eu\n${greet}\ngreet one` }),
          command(2, { command: bye('ciao') }),
        ]),
        step('second', [
          command(3, { command: `${greet}\ngreet two` }),
          command(4, { command: bye('adieu') }),
        ]),
      ],
    };
    const script = renderReproductionScript(shared);
    expect(shellcheck(script)).toBe('');
    const linesOf = (text: string) => script.split('\n').filter((line) => line === text).length;
    expect(linesOf('greet() {')).toBe(1);
    expect(script.indexOf('\ngreet() {')).toBeLessThan(script.indexOf('Step 1/2'));
    expect(linesOf('bye() {')).toBe(2);
    expect(script).toContain(`{ printf '%s\\n' "$SWARMLAB_HELPERS"; cat <<'SWARMLAB'`);
    const result = run(script, dir, {});
    expect(result.stderr).toContain('swarmlab: done');
    expect(readFileSync(out, 'utf8')).toBe('hello one\nciao\nhello two\nadieu\n');
  });

  it('says what each read-only command finds out, in the report’s language, once per kind', () => {
    const hostname = { en: 'reads the hostname', 'zh-CN': '读取主机名' };
    const probes: SetupReport = {
      ...report,
      steps: [
        step('hostname', [
          command(1, { phase: 'probe', command: 'hostname', purpose: hostname }),
          command(2, { command: 'hostname node01' }),
          command(3, { phase: 'verify', command: 'hostname', purpose: hostname }),
          command(4, { phase: 'probe', command: 'set +e\ncat /etc/hostname' }),
        ]),
      ],
    };
    const en = renderReproductionScript(probes);
    expect(en).toContain('#   read-only (3 commands, not replayed):');
    expect(en).toContain('#     reads the hostname (2×)');
    // Without a purpose, its first line that reads something.
    expect(en).toContain('#     cat /etc/hostname … (2 lines)');
    expect(renderReproductionScript(probes, { lang: 'zh-CN' })).toContain('#     读取主机名 (2×)');
  });

  it('says so when the run changed nothing, and the script replays nothing', () => {
    expect(outputs.sh).not.toContain('this run changed nothing');
    const rerun: SetupReport = {
      ...report,
      run: { ...report.run, summary: { ok: 30, changed: 0, failed: 0, skipped: 0 } },
      steps: [],
    };
    const sh = renderReproductionScript(rerun);
    expect(sh).toContain('# NOTE: this run changed nothing');
    expect(shellcheck(sh)).toBe('');
  });

  /**
   * The fixture's script run with an `ssh` that records its whole argv and plays the hosts: the
   * manager hands out a token, every other host keeps what it read on stdin, one file each.
   */
  function replayRecorded(token: string) {
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-token-'));
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    mkdirSync(join(dir, 'stdin'));
    writeFileSync(
      join(bin, 'ssh'),
      [
        '#!/bin/sh',
        'for arg in "$@"; do printf \'%s\\n\' "$arg"; done >>"$RECORD/argv"',
        'echo >>"$RECORD/argv"',
        '[ "$1" = -- ] && shift',
        'host=$1; shift',
        'case "$*" in',
        '  *"join-token -q"*) printf \'%s\\n\' "$FAKE_TOKEN" ;;',
        '  *) n=$(ls "$RECORD/stdin" | wc -l); cat >"$RECORD/stdin/$((n + 100))-$host" ;;',
        'esac',
        '',
      ].join('\n'),
    );
    chmodSync(join(bin, 'ssh'), 0o755);
    const result = spawnSync('sh', ['-c', outputs.sh], {
      encoding: 'utf8',
      env: { PATH: `${bin}:${process.env.PATH ?? ''}`, RECORD: dir, FAKE_TOKEN: token },
    });
    const stdins = readdirSync(join(dir, 'stdin'))
      .sort()
      .map((name) => ({ name, text: readFileSync(join(dir, 'stdin', name), 'utf8') }));
    return { result, argv: readFileSync(join(dir, 'argv'), 'utf8'), stdins };
  }

  it('sends the join token on stdin: no argument of any ssh holds it, the host’s script does', () => {
    const token = `SWMTKN-1-${'a1b2c3'.repeat(8)}-${Date.now().toString(36)}`;
    const { result, argv, stdins } = replayRecorded(token);
    expect(result.stderr).toContain('swarmlab: done');
    expect(result.status).toBe(0);
    expect(argv).toContain('docker\nswarm\njoin-token\n-q\nworker\n');
    expect(argv).not.toContain(token);

    const joins = stdins.filter((stdin) => stdin.text.includes('docker swarm join --token'));
    expect(joins.map((join) => join.name.replace(/^\d+-/, ''))).toEqual([
      'root@10.0.0.12',
      'root@10.0.0.13',
    ]);
    for (const join of joins) expect(join.text.startsWith(`token=${token}\n`)).toBe(true);

    // Played on a host: the script it received hands the token to docker.
    const host = mkdtempSync(join(tmpdir(), 'swarmlab-token-host-'));
    writeFileSync(
      join(host, 'docker'),
      '#!/bin/sh\n[ "$1" = info ] && exit 0\nprintf \'%s\\n\' "$*" >>"$HOST/calls"\n',
    );
    chmodSync(join(host, 'docker'), 0o755);
    const remote = spawnSync('sh', ['-s'], {
      input: joins[0]?.text ?? '',
      encoding: 'utf8',
      env: { PATH: `${host}:${process.env.PATH ?? ''}`, HOST: host },
    });
    expect(remote.status, remote.stderr).toBe(0);
    expect(readFileSync(join(host, 'calls'), 'utf8')).toBe(
      `swarm join --token ${token} --advertise-addr 10.0.0.12 10.0.0.11:2377\n`,
    );
  });

  it('stops before any join when the manager hands out something that is not a token', () => {
    const { result, stdins } = replayRecorded('SWMTKN-1-abc; touch /tmp/owned');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('the manager did not hand out a worker join token');
    expect(stdins.some((stdin) => stdin.text.includes('docker swarm join --token'))).toBe(false);
  });

  it('waits for Docker before the first docker command of a host, not before the install', () => {
    const sh = outputs.sh;
    const wait = 'until docker info >/dev/null 2>&1';
    const blocks = sh.split(/^ssh /m).slice(1);
    const init = blocks.find((block) => block.includes("'swarm' 'init'")) ?? '';
    expect(init.indexOf(wait)).toBeGreaterThan(-1);
    expect(init.indexOf(wait)).toBeLessThan(init.indexOf("'swarm' 'init'"));
    const join = blocks.find((block) => block.includes('docker swarm join --token')) ?? '';
    expect(join).toContain(wait);
    const install = blocks.find((block) => /apt-get[^\n]*install/.test(block)) ?? '';
    expect(install).not.toBe('');
    expect(install).not.toContain(wait);
  });
});

/** OSC 0 (title), OSC 52 (clipboard), CSI clear screen, 8-bit CSI, a bidi override. */
const HOSTILE = '\x1b]0;owned-title\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J\u009b2J\u202e';
/** What a terminal acts on: C0 but tab and newline, DEL, C1, bidi overrides and isolates. */
const RAW_CONTROL =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The fixture as a hostile node01 would have made it: escape sequences in all it said. */
function hostileRun(): RunEvent[] {
  const hostile = JSON.parse(JSON.stringify(events)) as RunEvent[];
  for (const event of hostile) {
    if (!('host' in event) || event.host !== 'node01') continue;
    if (event.type === 'step-finished' && event.step === 'preflight') {
      const facts = (event.data as { facts: { os: { prettyName: string }; kernel: string } }).facts;
      facts.os.prettyName = `Debian ${HOSTILE}12`;
      facts.kernel = `6.1.0${HOSTILE}`;
    }
    if (event.type === 'command-output') event.text = `${event.text}E: said ${HOSTILE}here\n`;
    if (event.type === 'step-finished' && event.step === 'hostname') {
      event.message = `hostname ${HOSTILE}node01`;
      event.warnings = [`the host says ${HOSTILE}beware`];
    }
    if (event.type === 'command-started' && event.command.startsWith('hostnamectl'))
      event.command = `${event.command} # ${HOSTILE}`;
    if (event.type === 'command-started' && event.upload?.path === '/etc/hosts')
      event.upload.content = `${event.upload.content ?? ''}# ${HOSTILE}\n`;
  }
  return hostile;
}

describe('text a host sent', () => {
  const hostileReport = () => buildSetupReport(hostileRun(), { generatedAt: GENERATED_AT });

  it('reaches report.md, report.html and reproduce.sh visible, never as raw control characters', () => {
    const report = hostileReport();
    const script = renderReproductionScript(report);
    const texts = {
      md: renderMarkdown(report, { script }),
      html: renderHtml(report, { script }),
      sh: script,
    };
    for (const [name, text] of Object.entries(texts)) {
      expect(text, name).not.toMatch(RAW_CONTROL);
      expect(text, name).toContain(']0;owned-title');
    }
    expect(texts.md).toContain('Debian');
    expect(texts.html).toContain('beware');
    expect(texts.sh).toContain('beware');
    expect(shellcheck(script)).toBe('');
  });

  it('is not replayed by reproduce.sh when a command or a file holds control characters', () => {
    const sh = renderReproductionScript(hostileReport());
    expect(sh).not.toMatch(/^\( hostnamectl/m);
    expect(sh).toMatch(
      /not replayed; run it yourself:\n# {3}hostnamectl set-hostname 'node01' # ␛/,
    );
    expect(sh).toMatch(
      /# write \/etc\/hosts \(mode 0644, \d+ bytes\)\n# It holds control characters, which this script does not carry/,
    );
  });

  it('stays whole in the JSON report, escaped where JSON.stringify would leave it raw', async () => {
    const json = String(
      await renderReport(hostileRun(), { format: 'json', generatedAt: GENERATED_AT }),
    );
    expect(json).not.toMatch(RAW_CONTROL);
    const parsed = JSON.parse(json) as SetupReport;
    expect(parsed).toEqual(hostileReport());
    expect(parsed.hosts[0]?.system.os).toBe(`Debian ${HOSTILE}12`);
  });
});

describe('a login that would be an ssh option', () => {
  it('never becomes an ssh destination, even in a report built without a journal', () => {
    const report = buildSetupReport(events);
    const hostile: SetupReport = {
      ...report,
      hosts: report.hosts.map((host, index) =>
        index === 0 ? { ...host, user: '-oProxyCommand=touch /tmp/canary' } : host,
      ),
    };
    expect(() => renderReproductionScript(hostile)).toThrow(
      /host "node01": .* is not a login, address and port an ssh command can take/,
    );
  });
});

/** The fixture cut at the join of node03, which failed: a failed run still gets a report. */
function failedRun(): RunEvent[] {
  const cut = events.findIndex(
    (event) =>
      event.type === 'step-finished' && event.step === 'swarm-join' && event.host === 'node03',
  );
  const failing = events[cut];
  if (failing?.type !== 'step-finished') throw new Error('fixture changed');
  const failedJoin = events.findLastIndex(
    (event, index) =>
      index < cut &&
      event.type === 'command-finished' &&
      event.host === 'node03' &&
      event.step === 'swarm-join',
  );
  const kept = events
    .slice(0, cut)
    .map((event, index) =>
      index === failedJoin && event.type === 'command-finished' ? { ...event, exitCode: 1 } : event,
    );
  const message =
    '`docker swarm join` exited with 1: Error response from daemon: rpc error: code = Unavailable';
  return [
    ...kept,
    { ...failing, status: 'failed', message, changes: [], data: undefined },
    {
      type: 'run-finished',
      at: failing.at + 10,
      runId: 'run-2025-06-01-0800-a1b2',
      status: 'failed',
      summary: { ok: 0, changed: 0, failed: 1, skipped: 0 },
      durationMs: failing.at + 10 - (events[0]?.at ?? 0),
      failures: [{ host: 'node03', step: 'swarm-join', message }],
    },
  ];
}

describe('a failed or unfinished run', () => {
  it('still gets a report that says what failed', () => {
    const failed = buildSetupReport(failedRun());
    expect(failed.run.status).toBe('failed');
    expect(failed.run.failures).toEqual([
      expect.objectContaining({ host: 'node03', step: 'swarm-join' }),
    ]);
    expect(failed.swarm.verification).toBeNull();
    const html = renderHtml(failed);
    expect(html).toContain('What failed');
    expect(html).toContain('rpc error: code = Unavailable');
    expect(html).toContain('The swarm was not verified in this run.');
    const sh = renderReproductionScript(failed);
    expect(sh).toContain('# The run failed here on node03');
    expect(shellcheck(sh)).toBe('');
    expect(sh).not.toContain("'network' 'create'");
    expect(sh).toMatch(
      /Step 9\/10: Overlay network \(overlay-network\)\n# -+\n# not run on any host/,
    );
  });

  it('reports a journal cut short as unfinished', () => {
    const half = events.slice(0, Math.floor(events.length / 2));
    const unfinished = buildSetupReport(half);
    expect(unfinished.run.status).toBe('unfinished');
    expect(unfinished.run.finishedAt).toBeNull();
    expect(SetupReportSchema.safeParse(unfinished).success).toBe(true);
    expect(renderMarkdown(unfinished)).toContain('did not finish');
  });

  it('says how load balancing was proven when the routing mesh worked', () => {
    const withMesh = JSON.parse(JSON.stringify(events)) as RunEvent[];
    for (const event of withMesh) {
      if (event.type === 'step-finished' && event.step === 'verify-swarm') {
        const data = event.data as {
          loadBalancing: string;
          checks: { id: string; passed: boolean; detail: string }[];
        };
        data.loadBalancing = 'routing-mesh';
        data.checks.push({
          id: 'routing-mesh',
          passed: true,
          detail: 'port 18081 answered through the routing mesh on every node',
        });
      }
    }
    const meshReport = buildSetupReport(withMesh);
    expect(meshReport.swarm.verification?.routingMesh).toBe('proven');
    expect(renderHtml(meshReport)).toContain('Through the routing mesh');
  });
});

describe('ReportRedactor', () => {
  const redactor = new ReportRedactor(['lit3ral-secret']);

  it('hides labelled values, URL credentials and known literals', () => {
    expect(redactor.text('DB_PASSWORD=abc123 next')).toBe('DB_PASSWORD=[REDACTED] next');
    expect(redactor.text('{"password": "abc123"}')).toBe('{"password": "[REDACTED]"}');
    expect(redactor.text('sshpass -p abc123 ssh host')).toBe('sshpass -p [REDACTED] ssh host');
    expect(redactor.text('https://u:abc123@example.com/x')).toBe(
      'https://u:[REDACTED]@example.com/x',
    );
    expect(redactor.text('it is lit3ral-secret here')).toBe('it is [REDACTED] here');
    expect(redactor.text(`SWMKEY-1-abcdef+/= done`)).toBe('SWMKEY-[REDACTED] done');
  });

  it('leaves references to secrets alone', () => {
    expect(redactor.text('token=$1')).toBe('token=$1');
    expect(redactor.text('docker swarm join --token "$token" 10.0.0.11:2377')).toBe(
      'docker swarm join --token "$token" 10.0.0.11:2377',
    );
    expect(redactor.text('docker swarm join-token -q worker')).toBe(
      'docker swarm join-token -q worker',
    );
  });
});

describe('swarmlab report (CLI)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'swarmlab-report-'));
  });

  it('writes each text format from a journal', async () => {
    for (const format of ['json', 'md', 'html', 'sh'] as const) {
      const out = join(dir, `report.${format}`);
      const code = await main([
        'report',
        '--journal',
        FIXTURE_JOURNAL,
        '--format',
        format,
        '--out',
        out,
        '--lang',
        'zh-CN',
      ]);
      expect(code, format).toBe(0);
      const text = readFileSync(out, 'utf8');
      for (const host of HOSTS) expect(text).toContain(host.id);
      expect(leaks(text)).toEqual([]);
    }
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))).toMatchObject({
      schemaVersion: 1,
    });
  });

  it('refuses an unknown format or language', async () => {
    const stderr = process.stderr.write;
    process.stderr.write = () => true;
    try {
      expect(
        await main([
          'report',
          '--journal',
          FIXTURE_JOURNAL,
          '--format',
          'docx',
          '--out',
          join(dir, 'x'),
        ]),
      ).toBe(2);
      expect(
        await main([
          'report',
          '--journal',
          FIXTURE_JOURNAL,
          '--format',
          'md',
          '--out',
          join(dir, 'x'),
          '--lang',
          'fr',
        ]),
      ).toBe(2);
    } finally {
      process.stderr.write = stderr;
      process.exitCode = undefined;
    }
  });
});

// Chromium and pdftotext are test requirements (.ci/run installs them): a missing one fails here.
describe('in headless Chromium', () => {
  beforeAll(() => {
    findChromium();
    if (spawnSync('pdftotext', ['-v']).error) {
      throw new Error('pdftotext is missing: apt-get install poppler-utils');
    }
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(() => {
    process.exitCode = undefined;
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    it(
      `renders the ${lang} report, screenshots it and prints a PDF`,
      { timeout: 120_000 },
      async () => {
        const html = lang === 'en' ? outputs.html : outputs.htmlZh;
        writeFileSync(join(ARTIFACTS, `report-${lang}.html`), html);
        const screenshot = join(ARTIFACTS, `report-${lang}.png`);
        const pdf = await printHtmlToPdf(html, { screenshotPath: screenshot });
        const pdfPath = join(ARTIFACTS, `report-${lang}.pdf`);
        writeFileSync(pdfPath, pdf);

        expect(readFileSync(screenshot).subarray(1, 4).toString()).toBe('PNG');
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        // Page objects: a report of three hosts does not fit one page.
        const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
        expect(pages).toBeGreaterThan(1);
        const text = spawnSync('pdftotext', ['-layout', pdfPath, '-'], {
          encoding: 'utf8',
        }).stdout;
        for (const host of HOSTS) {
          expect(text).toContain(host.id);
          expect(text).toContain(host.address);
        }
        expect(text).toContain('swarmlab-net');
        expect(leaks(text)).toEqual([]);
      },
    );
  }

  it(
    'writes every format into one folder, the run’s counts at the top of report.json',
    {
      timeout: 120_000,
    },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'swarmlab-all-'));
      const written = await writeReportFiles(dir, events, { generatedAt: GENERATED_AT });
      expect(written.pdfSkipped).toBeUndefined();
      expect(readdirSync(dir).sort()).toEqual(Object.values(REPORT_FILES).sort());
      const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as SetupReport;
      expect(json.summary).toEqual(json.run.summary);
      expect(json.summary.changed).toBeGreaterThan(0);
      expect(readFileSync(join(dir, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
      for (const name of readdirSync(dir))
        expect(leaks(readFileSync(join(dir, name), 'latin1')), name).toEqual([]);

      // No browser: everything but the PDF, and the reason; an old PDF does not stay behind.
      const without = await writeReportFiles(dir, events, {
        pdf: { executablePath: join(dir, 'no-chromium') },
      });
      expect(without.pdfSkipped).toBeDefined();
      expect(existsSync(join(dir, 'report.pdf'))).toBe(false);
      expect(without.files).toHaveLength(4);
    },
  );

  it('the CLI prints a PDF too', { timeout: 120_000 }, async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'swarmlab-pdf-')), 'report.pdf');
    expect(
      await main(['report', '--journal', FIXTURE_JOURNAL, '--format', 'pdf', '--out', out]),
    ).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
