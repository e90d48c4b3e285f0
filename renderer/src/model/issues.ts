/** Puts the engine's validation issues where the person can act on them. */
import type { Issue } from '../../../electron/contract/common';

export type WizardPage = 'hosts' | 'access' | 'options' | 'preflight' | 'run' | 'verify' | 'report';

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
