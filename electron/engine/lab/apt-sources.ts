import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The Debian mirror the lab uses is the one this machine already uses: it is
 * known to be reachable, and on networks that allow only the distribution's
 * mirror it is the only one that is.
 */

export const LAB_SUITE = 'bookworm';

/** One `deb` source: a URI with its suites and components. */
export interface AptSource {
  uri: string;
  suites: string[];
  components: string[];
}

/** Parses one-line (`sources.list`) and deb822 (`*.sources`) files; only `deb` entries. */
export function parseAptSources(text: string, format: 'list' | 'deb822'): AptSource[] {
  return format === 'list' ? parseOneLineFormat(text) : parseDeb822Format(text);
}

function parseOneLineFormat(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/#.*/, '').trim();
    // Options in brackets ([arch=amd64 signed-by=…]) do not matter here.
    const words = line
      .replace(/\[[^\]]*\]/, '')
      .split(/\s+/)
      .filter(Boolean);
    if (words[0] !== 'deb' || words.length < 3) continue;
    const [, uri = '', suite = '', ...components] = words;
    sources.push({ uri, suites: [suite], components });
  }
  return sources;
}

function parseDeb822Format(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    for (const line of stanza.split('\n')) {
      if (line.startsWith('#')) continue;
      const match = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
      if (match?.[1]) fields.set(match[1].toLowerCase(), (match[2] ?? '').trim());
    }
    const words = (name: string): string[] => (fields.get(name) ?? '').split(/\s+/).filter(Boolean);
    if (!words('types').includes('deb') || fields.get('enabled') === 'no') continue;
    for (const uri of words('uris')) {
      sources.push({ uri, suites: words('suites'), components: words('components') });
    }
  }
  return sources;
}

/** Debian's own suites for the lab release (main, updates, security), in that order. */
const LAB_SUITES = [LAB_SUITE, `${LAB_SUITE}-updates`, `${LAB_SUITE}-security`];

export interface LabAptSources {
  /** The mirror debootstrap installs from: the source that serves the plain release suite. */
  mirror: string;
  /** The `sources.list` lines every lab host gets. */
  sourcesList: string[];
}

/**
 * Picks the Debian entries for the lab release out of the machine's sources;
 * third-party repositories (their suites are not bookworm*) are left out.
 */
export function selectLabAptSources(sources: readonly AptSource[]): LabAptSources {
  const mirror = sources.find((source) => source.suites.includes(LAB_SUITE))?.uri;
  if (!mirror) {
    throw new Error(
      `no Debian "${LAB_SUITE}" mirror found in this machine's apt sources (/etc/apt/sources.list*); the lab installs its hosts from it`,
    );
  }
  const sourcesList: string[] = [];
  for (const suite of LAB_SUITES) {
    for (const source of sources) {
      if (!source.suites.includes(suite)) continue;
      const components = source.components.length > 0 ? source.components : ['main'];
      const line = `deb ${source.uri} ${suite} ${components.join(' ')}`;
      if (!sourcesList.includes(line)) sourcesList.push(line);
    }
  }
  return { mirror, sourcesList };
}

/** Reads /etc/apt/sources.list and /etc/apt/sources.list.d/ of this machine. */
export async function readMachineAptSources(root = '/etc/apt'): Promise<LabAptSources> {
  const files: { path: string; format: 'list' | 'deb822' }[] = [
    { path: join(root, 'sources.list'), format: 'list' },
  ];
  const partsDir = join(root, 'sources.list.d');
  const parts = await readdir(partsDir).catch(() => [] as string[]);
  for (const name of parts.sort()) {
    if (name.endsWith('.list')) files.push({ path: join(partsDir, name), format: 'list' });
    if (name.endsWith('.sources')) files.push({ path: join(partsDir, name), format: 'deb822' });
  }
  const sources: AptSource[] = [];
  for (const file of files) {
    const text = await readFile(file.path, 'utf8').catch(() => '');
    sources.push(...parseAptSources(text, file.format));
  }
  return selectLabAptSources(sources);
}
