/**
 * The report as Markdown, for tickets, wikis and pull requests. Same content as the HTML;
 * commands and their output fold into <details> (GitHub, GitLab and Gitea render them),
 * and the topology is drawn as text since Markdown viewers do not agree on diagrams.
 */
import { terminalSafe } from '../text/terminal-safe';
import { escapeHtml, escapeMarkdownInline as md, markdownFence } from './escape';
import {
  checkWords,
  failureWords,
  formatDuration,
  formatTime,
  exerciseWords,
  findingWords,
  REPORT_STRINGS,
  reportHeading,
  resultWords,
  type ReportLang,
  type ReportStrings,
} from './i18n';
import { unlistedLogs } from './model';
import type { ReportCommand, ReportHost, ReportStep, SetupReport } from './schema';
import { topologyText } from './topology';

export interface MarkdownReportOptions {
  lang?: ReportLang;
  script?: string;
}

const MAX_OUTPUT_CHARS = 20_000;

function block(text: string, info = ''): string {
  const fence = markdownFence(text);
  return `${fence}${info}\n${text.replace(/\n$/, '')}\n${fence}`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
}

export function renderMarkdown(report: SetupReport, options: MarkdownReportOptions = {}): string {
  const lang = options.lang ?? 'en';
  const t = REPORT_STRINGS[lang];
  const out = [
    ...summarySection(report, t, lang),
    ...failuresSection(report, t, lang),
    `## ${md(t.topology)}`,
    '',
    block(topologyText(report.topology, t), 'text'),
    '',
    `## ${md(t.hosts)}`,
    '',
    ...report.hosts.flatMap((host) => hostSection(report, host, t, lang)),
    ...swarmSection(report, t, lang),
    `## ${md(t.steps)}`,
    '',
    ...report.steps.flatMap((step, index) => stepSection(step, index, t, lang)),
    ...logsSection(report, t),
    ...transcriptsSection(report, t),
    ...(options.script ? scriptSection(options.script, t) : []),
    '---',
    '',
    `_${md(t.footer(report.generator.version))} ${md(t.redactedNote)}_`,
    '',
  ];
  // People read Markdown in terminals and editors too: hosts' control characters are made
  // visible (text/terminal-safe.ts), never written raw.
  return terminalSafe(out.join('\n'));
}

function summarySection(report: SetupReport, t: ReportStrings, lang: ReportLang): string[] {
  const { run } = report;
  const heading = reportHeading(run.operation, t);
  return [
    `# ${md(heading.title)}`,
    '',
    `_${md(heading.subtitle)}_`,
    '',
    table(
      [md(t.summary), ''],
      [
        ['**Status**', `**${md(t.status[run.status])}**`],
        [md(t.runId), `\`${md(run.id)}\``],
        [md(t.startedAt), md(formatTime(run.startedAt))],
        [md(t.finishedAt), run.finishedAt ? md(formatTime(run.finishedAt)) : md(t.notFinished)],
        [md(t.totalTime), md(formatDuration(run.durationMs, lang))],
        [md(t.version), md(run.swarmlabVersion)],
        [
          md(t.steps),
          (['ok', 'changed', 'failed', 'skipped'] as const)
            .map((status) => `${run.summary[status]} ${md(t.stepStatus[status])}`)
            .join(' · '),
        ],
      ],
    ),
    '',
  ];
}

function failuresSection(report: SetupReport, t: ReportStrings, lang: ReportLang): string[] {
  const { failures } = report.run;
  if (failures.length === 0) return [];
  const title = (id: string) => {
    const step = report.steps.find((candidate) => candidate.id === id);
    return step ? step.title[lang] || step.title.en : id;
  };
  return [
    `## ${md(t.whatFailed)}`,
    '',
    ...failures.map(
      (failure) =>
        `- **${md(failure.host)}** · ${md(title(failure.step))} (\`${md(failure.step)}\`): ${md(failureWords(failure, report.steps, lang))}`,
    ),
    '',
  ];
}

function hostSection(
  report: SetupReport,
  host: ReportHost,
  t: ReportStrings,
  lang: ReportLang,
): string[] {
  const { system, docker } = host;
  const node = report.topology.nodes.find((candidate) => candidate.host === host.id);
  const unknown = md(t.unknown);
  const timeSync =
    system.timeSynchronized === null
      ? unknown
      : `${system.timeSynchronized ? md(t.synchronized) : md(t.notSynchronized)}${system.clockOffsetMs !== null ? `, ${md(t.clockOffset(system.clockOffsetMs))}` : ''}`;
  return [
    `### ${md(host.hostname ?? host.id)} — ${md(t.role[host.role])}${node?.leader ? ` (${md(t.leader)})` : ''}`,
    '',
    table(
      ['', ''],
      [
        [md(t.address), `\`${md(host.address)}${host.port !== 22 ? `:${host.port}` : ''}\``],
        [md(t.login), md(host.user)],
        [
          md(t.hostname),
          host.hostname
            ? `${md(host.hostname)}${system.hostnameBefore && system.hostnameBefore !== host.hostname ? ` (${md(t.hostnameWas(system.hostnameBefore))})` : ''}`
            : system.hostnameBefore
              ? md(system.hostnameBefore)
              : unknown,
        ],
        [md(t.os), system.os ? md(system.os) : unknown],
        [md(t.kernel), system.kernel ? md(system.kernel) : unknown],
        [md(t.arch), system.arch ? md(system.arch) : unknown],
        [
          md(t.docker),
          docker.version
            ? `${md(docker.version)}${docker.versionBefore && docker.versionBefore !== docker.version ? ` (${md(t.dockerBefore(docker.versionBefore))})` : ''}`
            : md(t.notInstalled),
        ],
        [md(t.timeSync), timeSync],
        ...host.hostKeys.map((key) => [md(t.hostKey), md(t.hostKeyValue(key, host))]),
      ],
    ),
    '',
    ...daemonConfigLines(host, t),
    ...preflightLines(host, t, lang),
  ];
}

function daemonConfigLines(host: ReportHost, t: ReportStrings): string[] {
  const config = host.docker.daemonConfig;
  const heading = [`**${md(t.daemonConfig)}**`, ''];
  if (!config) return [...heading, md(t.daemonNone), ''];
  if (config.content !== null)
    return [...heading, `\`${md(config.path)}\`:`, '', block(config.content, 'json'), ''];
  return [
    ...heading,
    `\`${md(config.path)}\` — ${md(t.daemonUnchanged(config.keys.join(', ') || '—'))}`,
    '',
  ];
}

/** The preflight's counts, then every check that did not simply pass. */
function preflightLines(host: ReportHost, t: ReportStrings, lang: ReportLang): string[] {
  const { preflight } = host;
  if (!preflight) return [];
  const notable = preflight.filter((check) => check.status !== 'pass');
  return [
    `**${md(t.preflight)}**: ${(['pass', 'warn', 'fail'] as const)
      .map(
        (status) =>
          `${preflight.filter((check) => check.status === status).length} ${md(t.checkStatus[status])}`,
      )
      .join(' · ')}`,
    '',
    ...notable.map((check) => {
      const { detail, fix } = checkWords(check, lang);
      return `- ${md(t.checkStatus[check.status])} **${md(check.id)}**: ${md(detail)}${fix ? ` — ${md(t.fix)}: ${md(fix)}` : ''}`;
    }),
    ...(notable.length > 0 ? [''] : []),
  ];
}

function swarmSection(report: SetupReport, t: ReportStrings, lang: ReportLang): string[] {
  const { nodes, network } = report.swarm;
  return [
    `## ${md(t.swarm)}`,
    '',
    `### ${md(t.nodes)}`,
    '',
    nodes
      ? table(
          [
            md(t.nodeColumns.hostname),
            md(t.nodeColumns.status),
            md(t.nodeColumns.availability),
            md(t.nodeColumns.manager),
            md(t.nodeColumns.address),
          ],
          nodes.map((node) => [
            `**${md(node.hostname)}**`,
            md(node.status),
            md(node.availability),
            md(node.managerStatus || '—'),
            `\`${md(node.address)}\``,
          ]),
        )
      : md(t.swarmNotRead),
    '',
    `### ${md(t.network)}`,
    '',
    network
      ? table(
          [
            md(t.networkColumns.name),
            md(t.networkColumns.driver),
            md(t.networkColumns.subnet),
            md(t.networkColumns.attachable),
            md(t.networkColumns.encrypted),
          ],
          [
            [
              md(network.name ?? '—'),
              md(network.driver),
              `\`${md(network.subnet)}\``,
              md(network.attachable ? t.yes : t.no),
              md(network.encrypted ? t.yes : t.no),
            ],
          ],
        )
      : md(t.noNetwork),
    '',
    ...verificationLines(report, t, lang),
  ];
}

/** Each check as seen, how load balancing was proven, and who answered. */
function verificationLines(report: SetupReport, t: ReportStrings, lang: ReportLang): string[] {
  const { verification } = report.swarm;
  const heading = [`### ${md(t.verification)}`, ''];
  if (!verification) return [...heading, md(t.verificationNotRun), ''];
  const proof =
    verification.loadBalancing === 'dns-round-robin'
      ? t.proofNoMesh
      : verification.loadBalancing === 'routing-mesh'
        ? verification.routingMesh === 'proven'
          ? t.proofRoutingMesh
          : t.proofRoutingMeshFailed
        : t.proofUnknown;
  const answers = Object.entries(verification.answers);
  return [
    ...heading,
    table(
      ['', md(t.check), md(t.detail)],
      verification.checks.map((check) => [
        check.passed ? `✅ ${md(t.passed)}` : `❌ ${md(t.failedCheck)}`,
        `${md(t.verificationChecks[check.id] ?? check.id)} (\`${md(check.id)}\`)`,
        md(checkWords(check, lang).detail),
      ]),
    ),
    '',
    `> **${md(t.howProven)}**`,
    `> `,
    `> ${md(proof)}`,
    '',
    ...(answers.length > 0
      ? [
          `${md(t.answers)}: ${answers.map(([node, count]) => `${md(node)} ${count}`).join(' · ')}`,
          '',
        ]
      : []),
  ];
}

function stepSection(
  step: ReportStep,
  index: number,
  t: ReportStrings,
  lang: ReportLang,
): string[] {
  const out = [
    `### ${index + 1}. ${md(step.title[lang] || step.title.en)} (\`${md(step.id)}\`)`,
    '',
  ];
  if (step.results.length === 0) out.push(`_${md(t.notRunHere)}_`, '');
  for (const result of step.results) {
    const words = resultWords(result, lang);
    out.push(
      `- **${md(result.host)}** — **${md(t.stepStatus[result.status])}** (${md(formatDuration(result.durationMs, lang))}): ${md(words.message)}`,
    );
    // A change that is the message already stands in the line above.
    for (const change of words.changes.filter((item) => item !== words.message))
      out.push(`  - ${md(t.changes)}: ${md(change)}`);
    const findings = findingWords(result.data, lang);
    // A check's warnings stand among its findings, each with its fix.
    if (!findings) for (const warning of words.warnings) out.push(`  - ⚠️ ${md(warning)}`);
    const exercise = exerciseWords(result.data, lang);
    if (exercise) {
      out.push(`  - ${exercise.passed ? '✓' : '✗'} ${md(exercise.detail)}`);
      out.push(`  - ${md(t.practiceNotice)}${md(exercise.notice)}`);
    }
    for (const finding of findings ?? [])
      out.push(`  - ${finding.problem ? '✗' : '⚠️'} ${md(finding.message)} — ${md(finding.fix)}`);
    if (result.commands.length > 0) {
      out.push('', commandsDetails(t.commands(result.commands.length), result.commands, lang), '');
    }
  }
  if (step.helperCommands.length > 0)
    out.push(
      '',
      commandsDetails(t.helperCommands(step.helperCommands.length), step.helperCommands, lang),
    );
  out.push('');
  return out;
}

function logsSection(report: SetupReport, t: ReportStrings): string[] {
  const logs = unlistedLogs(report);
  if (logs.length === 0) return [];
  return [
    `## ${md(t.logs)}`,
    '',
    ...logs.map(
      (log) =>
        `- ${md(log.level)} ${md(formatTime(log.at))} ${md([log.host, log.step].filter(Boolean).join(' / '))}: ${md(log.message)}`,
    ),
    '',
  ];
}

function transcriptsSection(report: SetupReport, t: ReportStrings): string[] {
  if (report.transcripts.length === 0) return [];
  return [
    `## ${md(t.transcripts)}`,
    '',
    md(t.transcriptsIntro),
    '',
    ...report.transcripts.map(
      (entry) =>
        `- [${md(entry.file)}](${encodeURI(entry.file)}) ${md(entry.title)} ${md(formatTime(entry.startedAt))}`,
    ),
    '',
  ];
}

function scriptSection(script: string, t: ReportStrings): string[] {
  return [`## ${md(t.reproduction)}`, '', md(t.reproductionIntro), '', block(script, 'sh'), ''];
}

function commandsDetails(
  summary: string,
  commands: readonly ReportCommand[],
  lang: ReportLang,
): string {
  const parts = [`<details><summary>${escapeHtml(summary)}</summary>`, ''];
  for (const command of commands) {
    if (command.upload) {
      parts.push(
        `\`${md(command.upload.path)}\` (mode ${md(command.upload.mode)}, ${command.upload.bytes} bytes) @${md(command.host)}`,
        '',
      );
      if (command.upload.content !== null) parts.push(block(command.upload.content), '');
      continue;
    }
    const exit = command.exitCode === null ? '—' : String(command.exitCode);
    parts.push(
      `@${md(command.host)}${command.phase ? ` · ${command.phase}` : ''}${command.sudo ? ' · sudo' : ''} · exit ${exit} · ${md(formatDuration(command.durationMs, lang))}${command.purpose ? ` — ${md(command.purpose[lang])}` : ''}`,
      '',
      block(command.command, 'sh'),
      '',
    );
    let output = command.output
      .map((chunk) =>
        chunk.stream === 'stderr' ? chunk.text.replace(/^(?=.)/gm, '! ') : chunk.text,
      )
      .join('');
    if (output.length > MAX_OUTPUT_CHARS)
      output = `${output.slice(0, MAX_OUTPUT_CHARS)}\n[… cut; the JSON report holds all of it …]`;
    if (output.trim() !== '') parts.push(block(output, 'text'), '');
  }
  parts.push('</details>');
  return parts.join('\n');
}
