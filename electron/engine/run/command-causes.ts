/**
 * The plain cause of a failed command, read from its output, where people meet it often
 * enough to name: apt refusing a package source (the file it is in is named, so the person
 * knows what to fix). The command's own last lines stay in the failure as the detail.
 */
import type { Localized } from '../../shared/localized';
import { localized, localizedList } from '../../shared/messages';
import { APT_SOURCE_MARK } from '../shell/package-locks';

/** apt naming a source file it cannot parse (one-line and deb822 formats). */
const MALFORMED_SOURCE =
  /Malformed (?:entry|line|stanza) \d+ in (?:list|source|sources) file (\/\S+?)(?: \(|\.?\s*$)/gm;

/** How to fix a failure its output explains, or undefined when it does not. */
export function fixForFailedCommand(output: string): Localized | undefined {
  const files = new Set<string>();
  for (const line of output.split('\n')) {
    if (!line.startsWith(`${APT_SOURCE_MARK} `)) continue;
    const file = line.split(' ').at(-1);
    if (file?.startsWith('/')) files.add(file);
  }
  for (const match of output.matchAll(MALFORMED_SOURCE)) if (match[1]) files.add(match[1]);
  if (files.size === 0) return undefined;
  return localized(files.size === 1 ? 'causes.aptSourceOne' : 'causes.aptSources', {
    files: localizedList([...files].sort()),
  });
}

/** The output without the lines swarmlab's own helpers added for {@link fixForFailedCommand}. */
export function withoutCauseMarks(lines: readonly string[]): string[] {
  return lines.filter((line) => !line.startsWith(`${APT_SOURCE_MARK} `));
}
