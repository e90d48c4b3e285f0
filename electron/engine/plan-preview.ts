/**
 * `swarmlab plan`: what the setup would run on each host, step by step, built by the steps'
 * own `preview` from the facts a read-only probe found (or facts assumed for a system).
 */
import { localized } from '../shared/messages';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostFacts } from './facts/facts';

import { resolveHosts, type SecretsResolution } from './inventory/resolve';
import type { Inventory } from './inventory/schema';
import { Redactor } from './redact';
import { secretValues } from './inventory/resolve';
import { planHostSummary, runSetup } from './setup';
import type { ConnectOptions } from './ssh/types';
import { SETUP_STEPS } from './steps';
import { preflightStep, type PreflightResult } from './steps/preflight';
import { PACKAGE_LOCK_FUNCTIONS } from './shell/package-locks';
import { commentText, heredocDelimiter } from './shell/escape';
import { shellQuote } from './shell/quote';
import { StepFailure, type AnyStep, type PreviewFile } from './steps/step';
import { inEveryLanguage } from '../shared/localized';
import type { HostPlanPreview, StepPlanPreview } from '../shared/plan-preview';

export type { HostPlanPreview, StepPlanPreview } from '../shared/plan-preview';

/** Every host's steps in SETUP_STEPS order, only the steps that apply to it. */
export async function previewPlan(
  inventory: Inventory,
  facts: ReadonlyMap<string, HostFacts | string>,
  steps: readonly AnyStep<Inventory>[] = SETUP_STEPS,
): Promise<HostPlanPreview[]> {
  const hosts = resolveHosts(inventory).map(planHostSummary);
  const previews: HostPlanPreview[] = [];
  for (const host of hosts) {
    const known = facts.get(host.id);
    const base = { id: host.id, address: host.address, role: host.role };
    if (known === undefined || typeof known === 'string') {
      previews.push({ ...base, os: 'unknown', steps: [], error: known ?? 'no facts' });
      continue;
    }
    const entries: StepPlanPreview[] = [];
    for (const step of steps) {
      if (!step.appliesTo(host, hosts, inventory)) continue;
      const head = { id: step.id, title: step.title.en };
      if (!step.preview) {
        // Said plainly rather than left out: the plan must not look complete when it is not.
        entries.push({
          ...head,
          before: [],
          files: [],
          commands: [],
          note: localized('plans.notes.noPreview'),
        });
        continue;
      }
      try {
        const preview = await step.preview(host, known, inventory, hosts);
        entries.push({ ...head, ...preview, before: preview.before ?? [] });
      } catch (error) {
        const reason =
          error instanceof StepFailure
            ? error.localized
            : inEveryLanguage(error instanceof Error ? error.message : String(error));
        entries.push({ ...head, before: [], files: [], commands: [], error: reason });
      }
    }
    const os = known.os.prettyName || `${known.os.id} ${known.os.versionId}`.trim();
    previews.push({ ...base, os, steps: entries });
  }
  return previews;
}

/**
 * Runs only the read-only preflight probe on every host and returns its facts, or why a host
 * gave none. Nothing on the hosts changes; the journal is a throwaway.
 */
export async function probeFacts(
  inventory: Inventory,
  secrets: SecretsResolution,
  options: { env?: NodeJS.ProcessEnv; ssh?: ConnectOptions } = {},
): Promise<Map<string, HostFacts | string>> {
  const dir = await mkdtemp(join(tmpdir(), 'swarmlab-plan-'));
  try {
    const found = new Map<string, HostFacts | string>();
    await runSetup({
      inventory,
      secrets,
      journalPath: join(dir, 'journal.jsonl'),
      steps: [preflightStep],
      ...(options.env ? { env: options.env } : {}),
      ...(options.ssh ? { ssh: options.ssh } : {}),
      onEvent: (event) => {
        if (event.type !== 'step-finished' || event.step !== preflightStep.id) return;
        // A failing check still carries the facts: the plan shows what would run regardless.
        const result = event.data as PreflightResult | undefined;
        found.set(event.host, result?.facts ?? event.message);
      },
    });
    return found;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Hides every secret of the inventory in the preview: defence in depth, none should be there. */
export function redactPreview(
  previews: HostPlanPreview[],
  secrets: SecretsResolution,
): HostPlanPreview[] {
  return new Redactor(secretValues(secrets)).redactDeep(previews);
}

/** A file as a here-document, so the whole plan reads (and runs) as one shell script. */
function fileAsHereDoc(file: PreviewFile): string[] {
  const mode = file.mode.toString(8).padStart(4, '0');
  // $HOME in a path must expand; any other path is quoted.
  const path = file.path.startsWith('$HOME/') ? `"${file.path}"` : shellQuote(file.path);
  const body = file.content.replace(/\n$/, '');
  // A line equal to the delimiter would end the document early; the rest would run.
  const delimiter = heredocDelimiter(body);
  return [
    `# written over SFTP, whole and atomically (mode ${mode}):`,
    `cat > ${path} <<'${delimiter}'`,
    body,
    delimiter,
    `chmod ${mode} ${path}`,
  ];
}

/**
 * Each step's script defines the package-lock helpers it calls, so it runs on its own; read as
 * one script per host, a helper is defined the first time and later steps say where it is.
 */
function withoutRedefinitions(script: string, defined: Set<string>): string {
  let text = script;
  for (const helper of PACKAGE_LOCK_FUNCTIONS) {
    if (!text.includes(helper)) continue;
    const name = helper.slice(0, helper.indexOf('('));
    if (defined.has(helper)) text = text.replace(helper, `# ${name}() is defined above`);
    defined.add(helper);
  }
  return text;
}

/** The plan for people: per host, per step, the scripts and files in the order they run. */
export function renderPlanText(previews: readonly HostPlanPreview[], title: string): string {
  const lines = [
    `# swarmlab plan: ${title}`,
    '# What `swarmlab apply` runs on a bare host of each system, step by step (as root or',
    '# through sudo). Steps find what is already done and skip it; secrets travel through stdin.',
  ];
  for (const host of previews) {
    lines.push(
      '',
      `#### ${commentText(`${host.id} (${host.address}) · ${host.role} · ${host.os}`)}`,
    );
    if (host.error) {
      lines.push(`# not reachable, no plan: ${commentText(host.error)}`);
      continue;
    }
    const defined = new Set<string>();
    for (const step of host.steps) {
      lines.push('', `# --- ${step.id}: ${step.title}`);
      if (step.error) lines.push(`# would stop here: ${commentText(step.error.en)}`);
      if (step.note) lines.push(`# ${commentText(step.note.en)}`);
      const trim = (script: string) => withoutRedefinitions(script, defined).trimEnd();
      lines.push(
        ...step.before.map(trim),
        ...step.files.flatMap(fileAsHereDoc),
        ...step.commands.map(trim),
      );
    }
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}
