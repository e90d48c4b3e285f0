/**
 * The topology diagram, drawn by hand as SVG so the report needs no library and no network:
 * managers above, workers below, every node hanging off one bar that is the overlay network
 * (with its name and subnet). Colours come from CSS classes, so the page's light and dark
 * themes apply to the drawing too; {@link TOPOLOGY_SVG_STYLE} gives a standalone default.
 */
import { escapeHtml } from './escape';
import type { ReportStrings } from './i18n';
import type { ReportTopology } from './schema';

const BOX_WIDTH = 236;
const BOX_HEIGHT = 92;
const GAP_X = 28;
const GAP_Y = 26;
const MARGIN = 24;
const MAX_PER_ROW = 4;
/** Room between a row of nodes and the network bar, for the connecting lines. */
const LINK = 34;
const BAR_HEIGHT = 30;

type TopologyNode = ReportTopology['nodes'][number];

function rows<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += MAX_PER_ROW)
    out.push(items.slice(index, index + MAX_PER_ROW));
  return out;
}

/** Trims text that would overflow its box; SVG has no ellipsis of its own. */
function fit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/** Roughly how wide text is at a font size: CJK characters are square, Latin about half. */
function textWidth(text: string, fontSize: number): number {
  let width = 0;
  for (const char of text)
    width += /[\u2E80-\uFFFF]/.test(char) && char !== '·' ? fontSize : fontSize * 0.6;
  return width;
}

export function topologySvg(topology: ReportTopology, strings: ReportStrings): string {
  const managers = topology.nodes.filter((node) => node.role === 'manager');
  const workers = topology.nodes.filter((node) => node.role === 'worker');
  const managerRows = rows(managers);
  const workerRows = rows(workers);
  const columns = Math.max(1, Math.min(MAX_PER_ROW, Math.max(managers.length, workers.length)));
  const width = MARGIN * 2 + columns * BOX_WIDTH + (columns - 1) * GAP_X;
  const rowsHeight = (count: number) =>
    count === 0 ? 0 : count * BOX_HEIGHT + (count - 1) * GAP_Y;

  const top = MARGIN;
  const barY = top + rowsHeight(managerRows.length) + (managerRows.length > 0 ? LINK : 0);
  const workersY = barY + BAR_HEIGHT + (workerRows.length > 0 ? LINK : 0);
  const height = workersY + rowsHeight(workerRows.length) + MARGIN;

  const parts: string[] = [];
  const barLeft = MARGIN / 2;
  const barWidth = width - MARGIN;
  const network = topology.network;
  const barLabel = network
    ? `${strings.network}${network.name ? ` ${network.name}` : ''} · ${network.subnet}`
    : `${strings.network}: —`;

  const place = (rowList: TopologyNode[][], startY: number, above: boolean) => {
    rowList.forEach((row, rowIndex) => {
      const rowWidth = row.length * BOX_WIDTH + (row.length - 1) * GAP_X;
      const startX = (width - rowWidth) / 2;
      const y = startY + rowIndex * (BOX_HEIGHT + GAP_Y);
      row.forEach((node, index) => {
        const x = startX + index * (BOX_WIDTH + GAP_X);
        const cx = x + BOX_WIDTH / 2;
        // The line to the bar runs past the rows in between, behind their boxes.
        const lineFrom = above ? y + BOX_HEIGHT : y;
        const lineTo = above ? barY : barY + BAR_HEIGHT;
        parts.unshift(
          `<line class="t-link" x1="${cx}" y1="${lineFrom}" x2="${cx}" y2="${lineTo}"/>`,
          `<circle class="t-port" cx="${cx}" cy="${lineTo}" r="4"/>`,
        );
        parts.push(nodeBox(node, x, y, strings));
      });
    });
  };

  parts.push(
    `<rect class="t-bar" x="${barLeft}" y="${barY}" width="${barWidth}" height="${BAR_HEIGHT}" rx="8"/>`,
    `<text class="t-bar-label" x="${width / 2}" y="${barY + BAR_HEIGHT / 2 + 5}" text-anchor="middle">${escapeHtml(barLabel)}</text>`,
  );
  place(managerRows, top, true);
  place(workerRows, workersY, false);

  const title = `${strings.topology}: ${topology.nodes.map((node) => `${node.name} (${strings.role[node.role]}, ${node.address})`).join(', ')}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="topology" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="topology-title">`,
    `<title id="topology-title">${escapeHtml(title)}</title>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

function nodeBox(node: TopologyNode, x: number, y: number, strings: ReportStrings): string {
  const role = node.role === 'manager' ? 't-manager' : 't-worker';
  const badge = node.leader
    ? `${strings.role[node.role]} · ${strings.leader}`
    : strings.role[node.role];
  const badgeWidth = Math.max(56, Math.ceil(textWidth(badge, 11.5)) + 20);
  // The name gets what the badge leaves of the first line (16 px bold: ~10 px a character).
  const nameRoom = Math.max(4, Math.floor((BOX_WIDTH - badgeWidth - 38) / 10));
  const status = node.status ?? '';
  const statusClass =
    status === '' ? 't-status-unknown' : status === 'Ready' ? 't-status-ok' : 't-status-bad';
  const lines = [
    `<g class="t-node ${role}">`,
    `<rect class="t-box" x="${x}" y="${y}" width="${BOX_WIDTH}" height="${BOX_HEIGHT}" rx="10"/>`,
    `<rect class="t-accent" x="${x}" y="${y}" width="6" height="${BOX_HEIGHT}" rx="3"/>`,
    `<text class="t-name" x="${x + 18}" y="${y + 26}">${escapeHtml(fit(node.name, nameRoom))}</text>`,
    `<rect class="t-badge" x="${x + BOX_WIDTH - badgeWidth - 10}" y="${y + 11}" width="${badgeWidth}" height="20" rx="10"/>`,
    `<text class="t-badge-label" x="${x + BOX_WIDTH - badgeWidth / 2 - 10}" y="${y + 25}" text-anchor="middle">${escapeHtml(badge)}</text>`,
    // The status shares the address's line: an address is short, while a distribution's Docker
    // version (20.10.24+dfsg1) takes the whole last line (13 px monospace: ~7.8 px a character).
    `<text class="t-detail" x="${x + 18}" y="${y + 50}">${escapeHtml(fit(node.address, status ? 16 : 26))}</text>`,
    `<text class="t-detail" x="${x + 18}" y="${y + 72}">${escapeHtml(fit(node.dockerVersion ? `Docker ${node.dockerVersion}` : `Docker —`, 26))}</text>`,
  ];
  if (status) {
    lines.push(
      `<circle class="${statusClass}" cx="${x + BOX_WIDTH - 82}" cy="${y + 46}" r="5"/>`,
      `<text class="t-detail" x="${x + BOX_WIDTH - 72}" y="${y + 50}">${escapeHtml(fit(status, 7))}</text>`,
    );
  }
  lines.push('</g>');
  return lines.join('');
}

/** Colours for the diagram; the HTML report defines them per theme through CSS variables. */
export const TOPOLOGY_SVG_STYLE = `
.topology { max-width: 100%; height: auto; font-family: inherit; }
.topology .t-box { fill: var(--surface); stroke: var(--border-strong); stroke-width: 1.2; }
.topology .t-manager .t-accent { fill: var(--manager); }
.topology .t-worker .t-accent { fill: var(--worker); }
.topology .t-name { fill: var(--text); font-size: 16px; font-weight: 650; }
.topology .t-detail { fill: var(--muted); font-size: 13px; font-family: var(--mono); }
.topology .t-manager .t-badge { fill: var(--manager-soft); }
.topology .t-worker .t-badge { fill: var(--worker-soft); }
.topology .t-manager .t-badge-label { fill: var(--manager); }
.topology .t-worker .t-badge-label { fill: var(--worker); }
.topology .t-badge-label { font-size: 11.5px; font-weight: 600; }
.topology .t-bar { fill: var(--network-soft); stroke: var(--network); stroke-width: 1.5; }
.topology .t-bar-label { fill: var(--network); font-size: 14px; font-weight: 600; }
.topology .t-link { stroke: var(--network); stroke-width: 2; stroke-dasharray: 5 4; }
.topology .t-port { fill: var(--network); }
.topology .t-status-ok { fill: var(--ok); }
.topology .t-status-bad { fill: var(--fail); }
.topology .t-status-unknown { fill: var(--muted); }
`;

/** The same picture as text, for Markdown and terminals. */
export function topologyText(topology: ReportTopology, strings: ReportStrings): string {
  const line = (node: TopologyNode) =>
    `  [${node.name}]  ${strings.role[node.role]}${node.leader ? ` (${strings.leader})` : ''}  ${node.address}${node.dockerVersion ? `  Docker ${node.dockerVersion}` : ''}${node.status ? `  ${node.status}` : ''}`;
  const managers = topology.nodes.filter((node) => node.role === 'manager');
  const workers = topology.nodes.filter((node) => node.role === 'worker');
  const network = topology.network;
  const bar = network
    ? `  ══╪══ ${strings.network}${network.name ? ` ${network.name}` : ''} (${network.subnet}) ══╪══`
    : `  ══╪══ ${strings.network}: — ══╪══`;
  return [...managers.map(line), '    │', bar, '    │', ...workers.map(line)].join('\n');
}
