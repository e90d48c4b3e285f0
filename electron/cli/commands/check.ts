import type { Command } from 'commander';
import { join } from 'node:path';
import { readJournal, stepResults } from '../../engine/run/journal';
import { terminalSafe } from '../../engine/text/terminal-safe';
import {
  healthResultSchema,
  type ClusterHealth,
  type HealthFinding,
  type HealthResult,
} from '../../shared/health';
import type { RunEvent } from '../../shared/run-events';
import { loadInventoryOrExplain } from './apply';
import { runOperationFromCli } from './operation-options';

interface CheckFlags {
  file: string;
  yes?: boolean;
  json?: boolean;
  report?: string;
}

export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description(
      "Check the finished swarm's health: nodes, quorum, versions, addresses, certificates, and the ports and overlay network between every pair of nodes. Changes nothing; exits 1 when something is wrong.",
    )
    .requiredOption('-f, --file <inventory>', 'inventory file (YAML)')
    .option('-y, --yes', 'trust host keys seen for the first time')
    .option('--json', 'print every run event as a JSON line on stdout')
    .option('--report <dir>', 'write the journal and the report into this folder')
    .action(async (flags: CheckFlags) => {
      process.exitCode = await check(flags);
    });
}

async function check(flags: CheckFlags): Promise<number> {
  const inventory = await loadInventoryOrExplain(flags.file);
  if (!inventory) return 2;
  const ran = await runOperationFromCli(inventory, flags, { check: true });
  if (!ran) return 1;
  const { finished, runDir } = ran;
  if (!flags.json) {
    const results = healthResults(await readJournal(join(runDir, 'journal.jsonl')));
    process.stderr.write(healthText(results));
    process.stderr.write(`Journal and report: ${runDir}\n`);
  }
  return finished.status === 'succeeded' ? 0 : 1;
}

/** The check steps' results, from their step data in the journal. */
export function healthResults(events: readonly RunEvent[]): HealthResult[] {
  return stepResults(events, healthResultSchema);
}

function nodeLine(node: ClusterHealth['nodes'][number]): string {
  const role = node.managerStatus ? `manager (${node.managerStatus})` : node.role;
  const expires = node.certificateExpires
    ? `cert until ${node.certificateExpires.slice(0, 16)}Z`
    : '';
  return [
    node.name,
    role,
    node.state || '-',
    node.dockerVersion || '-',
    node.advertiseAddress,
    expires,
  ]
    .map((part) => terminalSafe(part))
    .join('  ');
}

function findingLine(finding: HealthFinding): string {
  const mark = finding.severity === 'problem' ? '✗' : '!';
  return `${mark} ${terminalSafe(finding.message.en)}\n    fix: ${terminalSafe(finding.fix.en)}`;
}

/** The nodes, what was tested, and every finding with its fix, for the terminal. */
export function healthText(results: readonly HealthResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    if (result.area === 'cluster') {
      lines.push('== Nodes ==', ...result.nodes.map(nodeLine));
      const { total, reachable, needed } = result.managers;
      if (total > 0) lines.push(`managers: ${reachable} of ${total} reachable, ${needed} needed`);
    } else {
      const pairs = result.paths.length;
      lines.push(
        `== Overlay ${terminalSafe(result.network)} (MTU ${result.mtu}) ==`,
        pairs > 0
          ? `${pairs} paths tested: ports 2377/tcp, 7946/tcp; pings small and ${result.mtu} bytes`
          : 'fewer than two working nodes: nothing to test between them',
      );
    }
    lines.push(...result.findings.map(findingLine));
  }
  const findings = results.flatMap((result) => result.findings);
  if (results.length > 0 && findings.length === 0) lines.push('✓ no problem found');
  return `${lines.join('\n')}\n`;
}
