/**
 * The report as one self-contained HTML file: no scripts, no fonts, no images from anywhere
 * (a Content-Security-Policy says so, so a slip in escaping still cannot load or run anything),
 * light and dark by prefers-color-scheme, printable (the PDF is this page printed). Every value
 * that came from a host or the journal goes through escapeHtml, and no control character of
 * theirs stays raw (terminalSafe).
 */
import { terminalSafe } from '../text/terminal-safe';
import { escapeHtml as h } from './escape';
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
import type {
  ReportCommand,
  ReportHost,
  ReportStep,
  ReportStepResult,
  SetupReport,
} from './schema';
import { unlistedLogs } from './model';
import { describeCommand } from './script';
import { TOPOLOGY_SVG_STYLE, topologySvg } from './topology';

export interface HtmlReportOptions {
  lang?: ReportLang;
  /** The reproduction script, shown folded and offered as a download. */
  script?: string;
}

/** Output beyond this many characters per command is cut in the HTML (the JSON keeps it all). */
const MAX_OUTPUT_CHARS = 60_000;

const STYLE = `
:root {
  color-scheme: light dark;
  --bg: #f5f6f8; --surface: #ffffff; --surface-2: #f0f2f5; --text: #1a1d23; --muted: #5c6573;
  --border: #e2e5ea; --border-strong: #c8cdd5; --accent: #2358d6;
  --manager: #6d3fd8; --manager-soft: #efe9fd; --worker: #0b7285; --worker-soft: #dcf4f8;
  --network: #2358d6; --network-soft: #e3ecfd;
  --ok: #18794e; --ok-soft: #ddf3e6; --changed: #9a5b00; --changed-soft: #fdf0d5;
  --fail: #c4262e; --fail-soft: #fde4e4; --skip: #5c6573; --skip-soft: #eceef1;
  --code-bg: #f3f5f8; --code-text: #1f2430; --stderr: #b4262e;
  --mono: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', 'Noto Sans Mono CJK SC', monospace;
  --shadow: 0 1px 2px rgba(16, 24, 40, 0.05), 0 1px 3px rgba(16, 24, 40, 0.06);
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0e1116; --surface: #161a21; --surface-2: #1d222b; --text: #e5e8ec; --muted: #9aa4b1;
    --border: #272d37; --border-strong: #3a414d; --accent: #7aa7ff;
    --manager: #b39cff; --manager-soft: #2b2248; --worker: #4fd1e6; --worker-soft: #10323b;
    --network: #7aa7ff; --network-soft: #15253f;
    --ok: #4ccf86; --ok-soft: #12301f; --changed: #f2b84b; --changed-soft: #35280c;
    --fail: #ff7b7b; --fail-soft: #3a1517; --skip: #9aa4b1; --skip-soft: #232831;
    --code-bg: #0b0e13; --code-text: #d9dee5; --stderr: #ff9b9b;
    --shadow: none;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font: 15px/1.55 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'PingFang SC',
    'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif;
}
main { max-width: 1100px; margin: 0 auto; padding: 32px 24px 48px; }
h1 { font-size: 28px; line-height: 1.2; margin: 0; letter-spacing: -0.01em; }
h2 { font-size: 20px; margin: 40px 0 14px; padding-bottom: 8px; border-bottom: 1px solid var(--border); }
h3 { font-size: 16px; margin: 0; }
h4 { font-size: 13px; margin: 16px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
p { margin: 6px 0; }
a { color: var(--accent); }
code, pre, .mono { font-family: var(--mono); font-size: 12.5px; }
code { background: var(--surface-2); padding: 1px 5px; border-radius: 4px; }
.muted { color: var(--muted); }
.card {
  background: var(--surface); border: 1px solid var(--border); border-radius: 12px;
  box-shadow: var(--shadow); padding: 18px 20px;
}
header.card { padding: 24px 26px; }
.header-top { display: flex; align-items: flex-start; justify-content: space-between; gap: 16px; flex-wrap: wrap; }
.subtitle { color: var(--muted); margin-top: 6px; }
.meta { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px 24px; margin: 20px 0 0; }
.meta div { min-width: 0; }
.meta dt { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
.meta dd { margin: 2px 0 0; font-weight: 600; overflow-wrap: anywhere; }
.meta .run-id { grid-column: span 2; }
.meta .run-id dd { font-family: var(--mono); font-size: 13.5px; font-weight: 500; padding-top: 2px; }
.chips { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 18px; }
.chip { display: inline-flex; align-items: center; gap: 6px; border-radius: 999px; padding: 3px 12px; font-size: 13px; font-weight: 600; }
.chip b { font-size: 15px; }
.badge { display: inline-block; border-radius: 999px; padding: 2px 10px; font-size: 12.5px; font-weight: 650; white-space: nowrap; }
.badge.big { font-size: 15px; padding: 6px 16px; }
.s-ok, .s-pass, .s-succeeded, .s-proven { background: var(--ok-soft); color: var(--ok); }
.s-changed, .s-warn, .s-unfinished, .s-cancelled { background: var(--changed-soft); color: var(--changed); }
.s-failed, .s-fail { background: var(--fail-soft); color: var(--fail); }
.s-skipped { background: var(--skip-soft); color: var(--skip); }
.s-manager { background: var(--manager-soft); color: var(--manager); }
.s-worker { background: var(--worker-soft); color: var(--worker); }
nav.toc { margin-top: 18px; display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 14px; }
nav.toc a { text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }
.callout { border-radius: 10px; padding: 12px 16px; margin: 12px 0; border: 1px solid; }
.callout.fail { background: var(--fail-soft); border-color: color-mix(in srgb, var(--fail) 35%, transparent); }
.callout.warn { background: var(--changed-soft); border-color: color-mix(in srgb, var(--changed) 35%, transparent); }
.callout.info { background: var(--network-soft); border-color: color-mix(in srgb, var(--network) 30%, transparent); }
.callout.ok { background: var(--ok-soft); border-color: color-mix(in srgb, var(--ok) 30%, transparent); }
.callout h3 { margin-bottom: 4px; }
.callout ul { margin: 6px 0 0; padding-left: 20px; }
figure { margin: 0; }
figure.card { text-align: center; overflow-x: auto; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 8px; }
.hosts { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 16px; }
.host-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-bottom: 10px; }
.host-head h3 { font-size: 17px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 5px 14px; margin: 0; font-size: 14px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--border); vertical-align: top; }
th { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; font-weight: 600; }
tr:last-child td { border-bottom: none; }
.table-card { padding: 6px 8px; overflow-x: auto; }
.step { margin-bottom: 14px; }
.step-head { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; }
.step-num { color: var(--muted); font-variant-numeric: tabular-nums; font-weight: 650; }
.step-id { color: var(--muted); font-size: 12.5px; }
.result { border-top: 1px solid var(--border); margin-top: 12px; padding-top: 12px; }
.result-head { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
.result-head .host { font-weight: 650; }
.result-head .dur { color: var(--muted); font-size: 13px; margin-left: auto; font-variant-numeric: tabular-nums; }
.result ul { margin: 6px 0; padding-left: 20px; }
details { margin: 6px 0; }
details > summary { cursor: pointer; list-style-position: outside; }
details.cmd { border: 1px solid var(--border); border-radius: 8px; background: var(--surface-2); }
details.cmd > summary { padding: 6px 10px; display: flex; gap: 10px; align-items: center; list-style: none; }
details.cmd > summary::-webkit-details-marker { display: none; }
details.cmd > summary::before { content: '▸'; color: var(--muted); font-size: 12px; }
details.cmd[open] > summary::before { content: '▾'; }
details.cmd > summary code { background: none; padding: 0; flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
details.cmd .exit { font-size: 12px; color: var(--muted); white-space: nowrap; }
details.cmd .exit.bad { color: var(--fail); font-weight: 650; }
details.cmd .on-host { font-size: 12px; color: var(--muted); white-space: nowrap; }
pre {
  margin: 0; padding: 10px 12px; background: var(--code-bg); color: var(--code-text);
  border-top: 1px solid var(--border); overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere;
  max-height: 480px; overflow-y: auto;
}
pre .err { color: var(--stderr); }
pre.script { border: 1px solid var(--border); border-radius: 8px; max-height: none; }
.label { font-size: 12px; color: var(--muted); padding: 6px 12px 0; }
.cmds { margin-top: 8px; }
.cmds > summary { color: var(--muted); font-size: 13.5px; padding-left: 2px; list-style-position: inside; }
.proof { margin-top: 12px; }
.download { display: inline-block; margin: 6px 0 12px; padding: 6px 14px; border-radius: 8px; border: 1px solid var(--border-strong); text-decoration: none; font-weight: 600; }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; text-align: center; }
${TOPOLOGY_SVG_STYLE}
@media print {
  :root {
    color-scheme: light;
    --bg: #ffffff; --surface: #ffffff; --surface-2: #f5f6f8; --text: #111; --muted: #555;
    --border: #d9dce1; --border-strong: #c0c5cc; --code-bg: #f6f7f9; --code-text: #111; --shadow: none;
  }
  main { max-width: none; padding: 0; }
  .card, .step, .result, figure, tr, .callout { break-inside: avoid; }
  h2 { break-after: avoid; }
  pre { max-height: none; overflow: visible; }
  nav.toc, .download { display: none; }
}
`;

export function renderHtml(report: SetupReport, options: HtmlReportOptions = {}): string {
  const lang = options.lang ?? 'en';
  const t = REPORT_STRINGS[lang];
  const stepTitle = (step: Pick<ReportStep, 'title'>) => step.title[lang] || step.title.en;
  const sections = [
    { id: 'topology', title: t.topology },
    { id: 'hosts', title: t.hosts },
    { id: 'swarm', title: t.swarm },
    { id: 'steps', title: t.steps },
    ...(options.script ? [{ id: 'reproduction', title: t.reproduction }] : []),
  ];
  const title = `${reportHeading(report.run.operation, t).title} — ${report.run.id}`;

  // Hosts' words are escaped for HTML where they go in; terminalSafe over the whole page also
  // makes their control characters visible, for whoever opens the file in a terminal or editor.
  return terminalSafe(`<!doctype html>
<html lang="${h(t.htmlLang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="swarmlab ${h(report.generator.version)}">
<title>${h(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${renderHeader(report, t, lang, sections)}
${renderFailures(report, t, lang)}
<section id="topology">
<h2>${h(t.topology)}</h2>
<figure class="card">
${topologySvg(report.topology, t)}
<figcaption>${h(t.topologyCaption)}</figcaption>
</figure>
</section>
<section id="hosts">
<h2>${h(t.hosts)}</h2>
<div class="hosts">
${report.hosts.map((host) => renderHost(report, host, t, lang)).join('\n')}
</div>
</section>
${renderSwarm(report, t, lang)}
<section id="steps">
<h2>${h(t.steps)}</h2>
${report.steps.map((step, index) => renderStep(report, step, index, t, lang, stepTitle(step))).join('\n')}
</section>
${options.script ? renderScript(options.script, t) : ''}
${renderLogs(report, t)}
${renderTranscripts(report, t)}
<footer>${h(t.footer(report.generator.version))} ${h(t.redactedNote)}</footer>
</main>
</body>
</html>
`);
}

function statusBadge(status: string, label: string, extra = ''): string {
  return `<span class="badge s-${h(status)}${extra ? ` ${extra}` : ''}">${h(label)}</span>`;
}

function renderHeader(
  report: SetupReport,
  t: ReportStrings,
  lang: ReportLang,
  sections: { id: string; title: string }[],
): string {
  const { run } = report;
  const summary = (['ok', 'changed', 'failed', 'skipped'] as const)
    .map(
      (status) =>
        `<span class="chip s-${status}"><b>${run.summary[status]}</b> ${h(t.stepStatus[status])}</span>`,
    )
    .join('');
  const meta: [string, string][] = [
    [t.runId, run.id],
    [t.startedAt, formatTime(run.startedAt)],
    [t.finishedAt, run.finishedAt ? formatTime(run.finishedAt) : t.notFinished],
    [t.totalTime, formatDuration(run.durationMs, lang)],
    [t.version, run.swarmlabVersion],
    [t.hosts, String(report.hosts.length)],
  ];
  return `<header class="card">
<div class="header-top">
<div>
<h1>${h(reportHeading(run.operation, t).title)}</h1>
<p class="subtitle">${h(reportHeading(run.operation, t).subtitle)}</p>
</div>
${statusBadge(run.status, t.status[run.status], 'big')}
</div>
<dl class="meta">
${meta
  .map(([label, value], index) =>
    // The run id (a UUID) gets two columns in monospace: cut into three lines it reads as noise.
    index === 0
      ? `<div class="run-id"><dt>${h(label)}</dt><dd>${h(value)}</dd></div>`
      : `<div><dt>${h(label)}</dt><dd>${h(value)}</dd></div>`,
  )
  .join('\n')}
</dl>
<div class="chips">${summary}</div>
<nav class="toc" aria-label="${h(t.contents)}">
${sections.map((section) => `<a href="#${section.id}">${h(section.title)}</a>`).join('\n')}
</nav>
</header>`;
}

function renderFailures(report: SetupReport, t: ReportStrings, lang: ReportLang): string {
  const { failures } = report.run;
  if (failures.length === 0) {
    return report.run.status === 'succeeded'
      ? ''
      : `<div class="callout warn"><h3>${h(t.status[report.run.status])}</h3><p>${h(t.nothingFailed)}</p></div>`;
  }
  const titleOf = (id: string) => {
    const step = report.steps.find((candidate) => candidate.id === id);
    return step ? step.title[lang] || step.title.en : id;
  };
  return `<div class="callout fail" id="failures">
<h3>${h(t.whatFailed)}</h3>
<ul>
${failures
  .map(
    (failure) =>
      `<li><b>${h(failure.host)}</b> · ${h(titleOf(failure.step))} <code>${h(failure.step)}</code>: ${h(failureWords(failure, report.steps, lang))}</li>`,
  )
  .join('\n')}
</ul>
</div>`;
}

function fact(label: string, value: string | null | undefined, t: ReportStrings): string {
  return `<dt>${h(label)}</dt><dd>${value ? h(value) : `<span class="muted">${h(t.unknown)}</span>`}</dd>`;
}

function renderHost(
  report: SetupReport,
  host: ReportHost,
  t: ReportStrings,
  lang: ReportLang,
): string {
  const { system, docker } = host;
  const node = report.topology.nodes.find((candidate) => candidate.host === host.id);
  const name = host.hostname ?? host.id;
  const hostnameValue =
    host.hostname && system.hostnameBefore && system.hostnameBefore !== host.hostname
      ? `${host.hostname} (${t.hostnameWas(system.hostnameBefore)})`
      : (host.hostname ?? system.hostnameBefore);
  const resources = [
    system.cpus !== null ? t.cpus(system.cpus) : null,
    system.memoryMb !== null ? t.memory(system.memoryMb) : null,
  ]
    .filter(Boolean)
    .join(', ');
  const timeSync =
    system.timeSynchronized === null
      ? null
      : `${system.timeSynchronized ? t.synchronized : t.notSynchronized}${system.clockOffsetMs !== null ? ` · ${t.clockOffset(system.clockOffsetMs)}` : ''}`;
  const dockerValue = docker.version
    ? `${docker.version}${docker.versionBefore && docker.versionBefore !== docker.version ? ` (${t.dockerBefore(docker.versionBefore)})` : ''}`
    : docker.versionBefore
      ? docker.versionBefore
      : t.notInstalled;

  let daemon: string;
  if (!docker.daemonConfig) daemon = `<p class="muted">${h(t.daemonNone)}</p>`;
  else if (docker.daemonConfig.content !== null)
    daemon = `<details class="cmd" open><summary><code>${h(docker.daemonConfig.path)}</code></summary><pre>${h(docker.daemonConfig.content)}</pre></details>`;
  else
    daemon = `<p><code>${h(docker.daemonConfig.path)}</code> — ${h(t.daemonUnchanged(docker.daemonConfig.keys.join(', ') || '—'))}</p>`;

  const notable = (host.preflight ?? []).filter((check) => check.status !== 'pass');
  const preflight = host.preflight
    ? `<h4>${h(t.preflight)}</h4>
<p>${(['pass', 'warn', 'fail'] as const)
        .map((status) => {
          const count = host.preflight?.filter((check) => check.status === status).length ?? 0;
          return count > 0 ? `${statusBadge(status, `${count} ${t.checkStatus[status]}`)}` : '';
        })
        .join(' ')}</p>
${
  notable.length > 0
    ? `<ul>${notable
        .map((check) => {
          const { detail, fix } = checkWords(check, lang);
          return `<li>${statusBadge(check.status, t.checkStatus[check.status])} <b>${h(check.id)}</b>: ${h(detail)}${fix ? `<br><span class="muted">${h(t.fix)}:</span> ${h(fix)}` : ''}</li>`;
        })
        .join('')}</ul>`
    : ''
}`
    : '';

  return `<article class="card" id="host-${h(host.id)}">
<div class="host-head">
<h3>${h(name)}</h3>
<span>${statusBadge(host.role, node?.leader ? `${t.role[host.role]} · ${t.leader}` : t.role[host.role])}</span>
</div>
<dl class="facts">
${fact(t.address, `${host.address}${host.port !== 22 ? `:${host.port}` : ''}${host.advertiseAddress && host.advertiseAddress !== host.address ? ` (advertise ${host.advertiseAddress})` : ''}`, t)}
${fact(t.login, host.user, t)}
${fact(t.hostname, hostnameValue, t)}
${fact(t.os, system.os ?? (system.osId ? `${system.osId} ${system.osVersion ?? ''}` : null), t)}
${fact(t.kernel, system.kernel, t)}
${fact(t.arch, system.arch, t)}
${resources ? fact(t.resources, resources, t) : ''}
${fact(t.docker, dockerValue, t)}
${fact(t.timeSync, timeSync, t)}
${host.hostKeys.map((key) => fact(t.hostKey, t.hostKeyValue(key, host), t)).join('\n')}
</dl>
<h4>${h(t.daemonConfig)}</h4>
${daemon}
${preflight}
</article>`;
}

function renderSwarm(report: SetupReport, t: ReportStrings, lang: ReportLang): string {
  const { nodes, network, verification } = report.swarm;
  const nodeTable = nodes
    ? `<div class="card table-card"><table>
<thead><tr><th>${h(t.nodeColumns.hostname)}</th><th>${h(t.nodeColumns.status)}</th><th>${h(t.nodeColumns.availability)}</th><th>${h(t.nodeColumns.manager)}</th><th>${h(t.nodeColumns.address)}</th><th>ID</th></tr></thead>
<tbody>
${nodes
  .map(
    (node) =>
      `<tr><td><b>${h(node.hostname)}</b></td><td>${statusBadge(node.status === 'Ready' ? 'ok' : 'failed', node.status || '?')}</td><td>${h(node.availability)}</td><td>${h(node.managerStatus || '—')}</td><td class="mono">${h(node.address)}</td><td class="mono muted">${h(node.id.slice(0, 12))}</td></tr>`,
  )
  .join('\n')}
</tbody></table></div>`
    : `<p class="muted">${h(t.swarmNotRead)}</p>`;

  const networkTable = network
    ? `<div class="card table-card"><table>
<thead><tr><th>${h(t.networkColumns.name)}</th><th>${h(t.networkColumns.driver)}</th><th>${h(t.networkColumns.subnet)}</th><th>${h(t.networkColumns.attachable)}</th><th>${h(t.networkColumns.encrypted)}</th></tr></thead>
<tbody><tr><td><b>${h(network.name ?? '—')}</b></td><td>${h(network.driver)}${network.scope ? ` <span class="muted">(${h(network.scope)})</span>` : ''}</td><td class="mono">${h(network.subnet)}</td><td>${h(network.attachable ? t.yes : t.no)}</td><td>${h(network.encrypted ? t.yes : t.no)}</td></tr></tbody>
</table></div>`
    : `<p class="muted">${h(t.noNetwork)}</p>`;

  let verificationHtml: string;
  if (!verification) {
    verificationHtml = `<p class="muted">${h(t.verificationNotRun)}</p>`;
  } else {
    const proof =
      verification.loadBalancing === 'dns-round-robin'
        ? { kind: 'warn', text: t.proofNoMesh }
        : verification.loadBalancing === 'routing-mesh'
          ? verification.routingMesh === 'proven'
            ? { kind: 'ok', text: t.proofRoutingMesh }
            : { kind: 'fail', text: t.proofRoutingMeshFailed }
          : { kind: 'info', text: t.proofUnknown };
    const answers = Object.entries(verification.answers);
    verificationHtml = `<div class="card table-card"><table>
<thead><tr><th></th><th>${h(t.check)}</th><th>${h(t.detail)}</th></tr></thead>
<tbody>
${verification.checks
  .map(
    (check) =>
      `<tr><td>${statusBadge(check.passed ? 'pass' : 'fail', check.passed ? t.passed : t.failedCheck)}</td><td><b>${h(t.verificationChecks[check.id] ?? check.id)}</b><br><code>${h(check.id)}</code></td><td>${h(checkWords(check, lang).detail)}</td></tr>`,
  )
  .join('\n')}
</tbody></table></div>
<div class="callout ${proof.kind} proof"><h3>${h(t.howProven)}</h3><p>${h(proof.text)}</p>${
      answers.length > 0
        ? `<p class="muted">${h(t.answers)}: ${answers.map(([node, count]) => `${h(node)} ${count}`).join(' · ')}</p>`
        : ''
    }</div>`;
  }

  return `<section id="swarm">
<h2>${h(t.swarm)}</h2>
<h4>${h(t.nodes)}</h4>
${nodeTable}
<h4>${h(t.network)}</h4>
${networkTable}
<h4>${h(t.verification)}</h4>
${verificationHtml}
</section>`;
}

function renderStep(
  report: SetupReport,
  step: ReportStep,
  index: number,
  t: ReportStrings,
  lang: ReportLang,
  title: string,
): string {
  const pills = step.results
    .map((result) => statusBadge(result.status, `${result.host}: ${t.stepStatus[result.status]}`))
    .join(' ');
  return `<article class="card step" id="step-${h(step.id)}">
<div class="step-head">
<span class="step-num">${index + 1}</span>
<h3>${h(title)}</h3>
<code class="step-id">${h(step.id)}</code>
</div>
<p>${pills || `<span class="muted">${h(t.notRunHere)}</span>`}</p>
${step.results.map((result) => renderResult(report, step, result, t, lang)).join('\n')}
${
  step.helperCommands.length > 0
    ? `<details class="cmds"><summary>${h(t.helperCommands(step.helperCommands.length))}</summary>${step.helperCommands.map((command) => renderCommand(command, t, lang, true)).join('')}</details>`
    : ''
}
</article>`;
}

function renderResult(
  report: SetupReport,
  step: ReportStep,
  result: ReportStepResult,
  t: ReportStrings,
  lang: ReportLang,
): string {
  const host = report.hosts.find((candidate) => candidate.id === result.host);
  const checks = step.id === 'preflight' ? host?.preflight : null;
  const words = resultWords(result, lang);
  // A single change that is the result's message already stands in its head line.
  const changes = words.changes.filter((change) => change !== words.message);
  return `<div class="result">
<div class="result-head">
<span class="host">${h(host?.hostname ?? result.host)}</span>
${statusBadge(result.status, t.stepStatus[result.status])}
<span>${h(words.message)}</span>
<span class="dur">${h(formatDuration(result.durationMs, lang))}</span>
</div>
${
  changes.length > 0
    ? `<h4>${h(t.changes)}</h4><ul>${changes.map((change) => `<li>${h(change)}</li>`).join('')}</ul>`
    : ''
}
${exerciseHtml(result, t, lang)}${findingsHtml(result, lang)}
${
  // A check's warnings stand among its findings, each with its fix.
  words.warnings.length > 0 && !findingWords(result.data, lang)
    ? `<div class="callout warn"><b>${h(t.warnings)}</b><ul>${words.warnings.map((warning) => `<li>${h(warning)}</li>`).join('')}</ul></div>`
    : ''
}
${
  checks && checks.length > 0
    ? `<details class="cmds"><summary>${h(t.preflight)} (${checks.length})</summary><table>
<thead><tr><th></th><th>${h(t.check)}</th><th>${h(t.detail)}</th><th>${h(t.fix)}</th></tr></thead>
<tbody>${checks
        .map((check) => {
          const { detail, fix } = checkWords(check, lang);
          return `<tr><td>${statusBadge(check.status, t.checkStatus[check.status])}</td><td><code>${h(check.id)}</code></td><td>${h(detail)}</td><td>${h(fix ?? '')}</td></tr>`;
        })
        .join('')}</tbody></table></details>`
    : ''
}
${
  result.commands.length > 0
    ? `<details class="cmds"><summary>${h(t.commands(result.commands.length))}</summary>${result.commands.map((command) => renderCommand(command, t, lang, command.host !== result.host)).join('')}</details>`
    : ''
}
</div>`;
}

/** A health check's findings, each with its fix, under its result. */
function findingsHtml(result: ReportStepResult, lang: ReportLang): string {
  const findings = findingWords(result.data, lang);
  if (!findings) return '';
  return findings
    .map(
      (finding) =>
        `<div class="callout ${finding.problem ? 'fail' : 'warn'}"><b>${finding.problem ? '✗' : '⚠'} ${h(finding.message)}</b><br>${h(finding.fix)}</div>`,
    )
    .join('');
}

/** A practice exercise's check and what to notice, under its result. */
function exerciseHtml(result: ReportStepResult, t: ReportStrings, lang: ReportLang): string {
  const exercise = exerciseWords(result.data, lang);
  if (!exercise) return '';
  return `<div class="callout ${exercise.passed ? 'info' : 'fail'}"><b>${exercise.passed ? '✓' : '✗'} ${h(exercise.detail)}</b><br>${h(t.practiceNotice)}${h(exercise.notice)}</div>`;
}

function renderCommand(
  command: ReportCommand,
  t: ReportStrings,
  lang: ReportLang,
  showHost: boolean,
): string {
  const summaryText = command.upload
    ? t.wroteFile(command.upload.path, command.upload.mode, command.upload.bytes)
    : (command.purpose?.[lang] ?? describeCommand(command.command));
  const bad = command.exitCode !== 0;
  const exit = `${h(t.exitCode(command.exitCode))}${command.durationMs !== null ? ` · ${h(formatDuration(command.durationMs, lang))}` : ''}`;
  let output = '';
  let length = 0;
  let cut = false;
  for (const chunk of command.output) {
    if (length >= MAX_OUTPUT_CHARS) {
      cut = true;
      break;
    }
    const text = chunk.text.slice(0, MAX_OUTPUT_CHARS - length);
    if (text.length < chunk.text.length) cut = true;
    length += text.length;
    output += chunk.stream === 'stderr' ? `<span class="err">${h(text)}</span>` : h(text);
  }
  if (cut) output += `\n<span class="err">[… cut; the JSON report holds all of it …]</span>`;
  const body = command.upload
    ? command.upload.content !== null
      ? `<pre>${h(command.upload.content)}</pre>`
      : ''
    : `<div class="label">${command.phase ? h(command.phase) : ''}${command.sudo ? ` · ${h(t.asRoot)}` : ''}</div><pre>${h(command.command)}</pre><pre>${output || `<span class="muted">${h(t.noOutput)}</span>`}</pre>`;
  return `<details class="cmd"><summary><code>${command.upload ? '' : '$ '}${h(summaryText)}</code>${showHost ? `<span class="on-host">@${h(command.host)}</span>` : ''}<span class="exit${bad ? ' bad' : ''}">${exit}</span></summary>${body}</details>`;
}

function renderScript(script: string, t: ReportStrings): string {
  const href = `data:text/x-shellscript;charset=utf-8;base64,${Buffer.from(script, 'utf8').toString('base64')}`;
  return `<section id="reproduction">
<h2>${h(t.reproduction)}</h2>
<p>${h(t.reproductionIntro)}</p>
<a class="download" download="reproduce.sh" href="${h(href)}">${h(t.download)}</a>
<details class="cmd"><summary><code>reproduce.sh</code></summary><pre class="script">${h(script)}</pre></details>
</section>`;
}

function renderTranscripts(report: SetupReport, t: ReportStrings): string {
  if (report.transcripts.length === 0) return '';
  return `<section id="transcripts">
<h2>${h(t.transcripts)}</h2>
<p>${h(t.transcriptsIntro)}</p>
<ul>
${report.transcripts
  .map(
    (entry) =>
      `<li><a href="${h(encodeURI(entry.file))}"><code>${h(entry.file)}</code></a> ${h(entry.title)} <span class="muted">${h(formatTime(entry.startedAt))}</span></li>`,
  )
  .join('\n')}
</ul>
</section>`;
}

function renderLogs(report: SetupReport, t: ReportStrings): string {
  const logs = unlistedLogs(report);
  if (logs.length === 0) return '';
  return `<section id="logs">
<h2>${h(t.logs)}</h2>
<div class="card table-card"><table><tbody>
${logs
  .map(
    (log) =>
      `<tr><td>${statusBadge(log.level === 'error' ? 'fail' : 'warn', log.level)}</td><td class="mono muted">${h(formatTime(log.at))}</td><td>${h([log.host, log.step].filter(Boolean).join(' / '))}</td><td>${h(log.message)}</td></tr>`,
  )
  .join('\n')}
</tbody></table></div>
</section>`;
}
