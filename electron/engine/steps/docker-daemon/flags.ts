/**
 * dockerd's flags on docker.service's command line, each with the daemon.json key it sets: a
 * key given both as a flag and in daemon.json stops dockerd.
 */
import type { CommandWord } from './command-line';
import { DAEMON_JSON, type JsonObject } from './daemon-json';

/** dockerd's one-letter flags, by long name. */
const SHORT_FLAGS: Readonly<Record<string, string>> = {
  H: 'host',
  D: 'debug',
  l: 'log-level',
  s: 'storage-driver',
  g: 'graph',
  G: 'group',
  p: 'pidfile',
  b: 'bridge',
};

/** Flags whose daemon.json key is not the flag's own name (mostly lists, named in the plural). */
const FLAG_KEYS: Readonly<Record<string, string>> = {
  host: 'hosts',
  graph: 'data-root',
  'log-opt': 'log-opts',
  'registry-mirror': 'registry-mirrors',
  'insecure-registry': 'insecure-registries',
  'exec-opt': 'exec-opts',
  'storage-opt': 'storage-opts',
  'default-address-pool': 'default-address-pools',
  'dns-opt': 'dns-opts',
  label: 'labels',
  'add-runtime': 'runtimes',
  'default-ulimit': 'default-ulimits',
  'authorization-plugin': 'authorization-plugins',
  feature: 'features',
  'allow-nondistributable-artifacts': 'allow-nondistributable-artifacts',
};

/** Flags that do not stand for a daemon.json key. */
const NOT_A_KEY = new Set(['config-file', 'validate', 'help', 'version']);

export interface DaemonFlag {
  /** As written: `-H`, `--storage-driver`. */
  flag: string;
  /** The daemon.json key the flag sets. */
  key: string;
  value: string | undefined;
  /** Indexes of the words the flag (and its value) took. */
  words: number[];
  fromVariable: string | undefined;
}

/** The flags on dockerd's command line (the first word, the binary, is skipped). */
export function daemonFlags(words: readonly CommandWord[]): DaemonFlag[] {
  const flags: DaemonFlag[] = [];
  for (let index = 1; index < words.length; index += 1) {
    const word = words[index]?.text ?? '';
    if (!word.startsWith('-') || word === '-' || word === '--') continue;
    let name: string;
    let flag: string;
    let value: string | undefined;
    if (word.startsWith('--')) {
      const [head = '', ...rest] = word.slice(2).split('=');
      name = head;
      flag = `--${head}`;
      value = rest.length > 0 ? rest.join('=') : undefined;
    } else {
      const letter = word[1] ?? '';
      name = SHORT_FLAGS[letter] ?? letter;
      flag = `-${letter}`;
      const attached = word.slice(2).replace(/^=/, '');
      value = attached || undefined;
    }
    const taken = [index];
    const next = words[index + 1];
    // dockerd takes no positional arguments: a word after a flag that is not a flag is its
    // value (an unexpanded `$VAR` is not).
    if (value === undefined && next && !next.text.startsWith('-') && !next.text.startsWith('$')) {
      value = next.text;
      taken.push(index + 1);
      index += 1;
    }
    if (NOT_A_KEY.has(name)) {
      if (name === 'config-file')
        flags.push({
          flag,
          key: '',
          value,
          words: taken,
          fromVariable: words[taken[0] ?? 0]?.fromVariable,
        });
      continue;
    }
    flags.push({
      flag,
      key: FLAG_KEYS[name] ?? name,
      value,
      words: taken,
      fromVariable: words[taken[0] ?? 0]?.fromVariable,
    });
  }
  return flags;
}

/** The daemon.json path dockerd reads: `--config-file` on its command line, or the default. */
export function configFileOf(flags: readonly DaemonFlag[]): string {
  return flags.find((flag) => flag.flag === '--config-file')?.value ?? DAEMON_JSON;
}

export interface FlagConflict {
  key: string;
  flag: DaemonFlag;
}

/** Keys set both in daemon.json and by a flag: dockerd refuses to start with any of them. */
export function flagConflicts(config: JsonObject, flags: readonly DaemonFlag[]): FlagConflict[] {
  return flags
    .filter((flag) => flag.key !== '' && Object.hasOwn(config, flag.key))
    .map((flag) => ({ key: flag.key, flag }));
}
