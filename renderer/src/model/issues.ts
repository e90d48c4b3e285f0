/** Puts the engine's validation issues where the person can act on them. */
import type { Issue } from '../../../electron/contract/common';
import { localized } from './localized-text';

export type WizardPage =
  | 'hosts'
  | 'access'
  | 'options'
  | 'preflight'
  | 'run'
  | 'verify'
  | 'report'
  | 'practice'
  | 'health';

/** Which page owns the field an issue is about. */
export function pageOfIssue(issue: Issue): WizardPage {
  const root = issue.path.split(/[.[]/)[0] ?? '';
  if (root === 'defaults' || root === 'jumpHost') return 'access';
  if (root === 'hosts') {
    const field = hostField(issue);
    const loginFields = [
      'password',
      'passwordEnv',
      'keyFile',
      'keyPassphrase',
      'keyPassphraseEnv',
      'agent',
      'sudoPassword',
      'sudoPasswordEnv',
      'user',
      'port',
    ];
    return field !== undefined && loginFields.includes(field) ? 'access' : 'hosts';
  }
  if (root === '' && /hosts?/.test(issue.message)) return 'hosts';
  return root === '' ? 'hosts' : 'options';
}

/** hosts[2].hostname → 2; undefined when the issue is not about one host. */
export function hostIndexOfIssue(issue: Issue): number | undefined {
  const match = /^hosts\[(\d+)\]/.exec(issue.path);
  return match ? Number(match[1]) : undefined;
}

/** hosts[2].hostname → "hostname"; labels["a b"] → "labels". */
export function hostField(issue: Issue): string | undefined {
  const match = /^hosts\[\d+\]\.([A-Za-z]+)/.exec(issue.path);
  return match?.[1];
}

export function issuesForPage(issues: readonly Issue[], page: WizardPage): Issue[] {
  return issues.filter((issue) => pageOfIssue(issue) === page);
}

/** Issues of one host row, by field (a row shows the first issue of each field). */
export function issuesByHostField(issues: readonly Issue[], index: number): Record<string, Issue> {
  const out: Record<string, Issue> = {};
  for (const issue of issues) {
    if (hostIndexOfIssue(issue) !== index) continue;
    const field = hostField(issue) ?? 'address';
    out[field] ??= issue;
  }
  return out;
}

/** An issue's message and fix in the wizard's language, where the engine gave them in every one. */
export function issueWords(issue: Issue, locale: string): { message: string; fix: string } {
  return issue.localized
    ? {
        message: localized(issue.localized.message, locale),
        fix: localized(issue.localized.fix, locale),
      }
    : { message: issue.message, fix: issue.fix };
}

/**
 * Where an issue is, as a person finds it: a host by its number in the table and its address
 * ("host 2 (10.0.0.2) · hostname"), anything else by its inventory path.
 */
export function issuePlace(
  issue: Issue,
  hostAt: (number: number, address: string) => string,
): string {
  const index = hostIndexOfIssue(issue);
  if (index === undefined) return issue.path;
  const rest = issue.path.replace(/^hosts\[\d+\]\.?/, '');
  const host = hostAt(index + 1, issue.host ?? '');
  return rest ? `${host} · ${rest}` : host;
}

/** The issues whose path is one of `paths` or inside one of them (a field and its parts). */
export function issuesAt(issues: readonly Issue[], paths: readonly string[]): Issue[] {
  return issues.filter((issue) =>
    paths.some(
      (path) =>
        issue.path === path ||
        issue.path.startsWith(`${path}.`) ||
        issue.path.startsWith(`${path}[`),
    ),
  );
}

/** daemon.json keys the daemon form shows issues under, each under its own field. */
export const DAEMON_FIELD_PATHS = [
  'docker.daemon.registry-mirrors',
  'docker.daemon.insecure-registries',
  'docker.daemon.log-opts',
  'docker.daemon.data-root',
  'docker.daemon.storage-driver',
] as const;

/** Options page fields that show their own issues, by inventory path (the rest go on top). */
export const OPTIONS_FIELD_PATHS = [
  'docker.mirror',
  'docker.offlineBundle',
  'docker.version',
  'docker.daemon',
  'swarm.network.name',
  'swarm.network.subnet',
  'swarm.network.mtu',
  'swarm.network.encrypted',
  'swarm.advertiseInterface',
  'swarm.dataPathAddr',
  'swarm.dataPathPort',
  'prepare.mirrorUrl',
  'verify.image',
  'verify.imageArchive',
  'verify.replicasPerNode',
] as const;
