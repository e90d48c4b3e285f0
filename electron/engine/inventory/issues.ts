import type { Localized } from '../../shared/localized';

/**
 * Validation issues as people read them: where (path, host, line), what is wrong, how to fix.
 */

export interface Issue {
  /** Where in the inventory, e.g. "hosts[1].hostname" or "docker.daemon.log-opts.max-file". */
  path: string;
  /** The host the issue is about (its address), when the path is inside `hosts[n]`. */
  host?: string;
  /** What is wrong, quoting the value, e.g. `"node_1" is not a valid hostname`. */
  message: string;
  /** How to fix it, e.g. `use letters, digits and '-' (max 63), e.g. "node-1"`. */
  fix: string;
  /** 1-based position in the YAML text, when the inventory came from YAML. */
  line?: number;
  col?: number;
  /** `message` and `fix` in every language, where the check has catalog words for them. */
  localized?: { message: Localized; fix: Localized };
}

export interface ValidationResult {
  ok: boolean;
  errors: Issue[];
  warnings: Issue[];
}

export type PathSegment = string | number;

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Keys longer than this (no known key is) are shortened in paths: a path stays readable. */
const MAX_KEY_SHOWN = 64;

/**
 * ["hosts", 2, "hostname"] → "hosts[2].hostname"; odd keys in brackets: labels["a b"]; a
 * very long key by its start: ["aaaa…"].
 */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (segment.length > MAX_KEY_SHOWN)
      out += `[${JSON.stringify(`${segment.slice(0, MAX_KEY_SHOWN / 2)}…`)}]`;
    else if (PLAIN_KEY.test(segment)) out += out.length === 0 ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** One issue on one line: `hosts[2] (192.168.1.13).hostname: "node_1" is not …: use …`. */
export function formatIssue(issue: Issue, fileName?: string): string {
  let where = issue.path.length > 0 ? issue.path : '(inventory)';
  if (issue.host !== undefined) {
    where = where.replace(/^(hosts\[\d+\])/, `$1 (${issue.host})`);
  }
  const position =
    issue.line !== undefined
      ? `${fileName ?? ''}${fileName ? ':' : 'line '}${issue.line}${issue.col !== undefined ? `:${issue.col}` : ''}: `
      : fileName
        ? `${fileName}: `
        : '';
  return `${position}${where}: ${issue.message}${issue.fix ? `: ${issue.fix}` : ''}`;
}

/**
 * Issues for people, one per line. Given a whole result, errors come first, each line
 * prefixed with "error:" or "warning:".
 */
export function formatIssues(
  issues: readonly Issue[] | Pick<ValidationResult, 'errors' | 'warnings'>,
  options: { fileName?: string } = {},
): string {
  if (Array.isArray(issues)) {
    return (issues as readonly Issue[])
      .map((issue) => formatIssue(issue, options.fileName))
      .join('\n');
  }
  const result = issues as Pick<ValidationResult, 'errors' | 'warnings'>;
  return [
    ...result.errors.map((issue) => `error: ${formatIssue(issue, options.fileName)}`),
    ...result.warnings.map((issue) => `warning: ${formatIssue(issue, options.fileName)}`),
  ].join('\n');
}

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

function normalize(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, '');
}

/** Known names close to `name` (typos, case, "_" for "-", singular/plural), best first. */
export function closest(name: string, known: readonly string[], limit = 3): string[] {
  const target = normalize(name);
  const scored: { key: string; score: number }[] = [];
  for (const key of known) {
    const candidate = normalize(key);
    const distance = editDistance(target, candidate);
    const budget = Math.max(2, Math.floor(Math.max(target.length, candidate.length) / 3));
    const contains =
      Math.min(target.length, candidate.length) >= 4 &&
      (candidate.includes(target) || target.includes(candidate));
    if (distance <= budget || contains)
      scored.push({ key, score: contains ? Math.min(distance, 1.5) : distance });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.key.localeCompare(b.key))
    .slice(0, limit)
    .map((entry) => entry.key);
}
