/**
 * The wizard's draft: what the person typed, as plain data (Pinia keeps it), and its
 * translation to and from the inventory document the engine validates and runs.
 */
import type { InventoryDocument } from '../../../electron/contract/common';
import { INVENTORY_DEFAULTS } from '../../../electron/shared/inventory-defaults';
import { OWNED_DOCUMENT, OWNED_HOST, keptCopy, withKeptFields, type Loose } from './kept-fields';

/** The schema's defaults (electron/shared/inventory-defaults.ts): the empty draft starts there. */
const {
  ssh,
  prepare: PREPARE,
  docker: DOCKER,
  network: NETWORK,
  verify: VERIFY,
} = INVENTORY_DEFAULTS;

export type Role = 'manager' | 'worker';
export type LoginMethod = 'password' | 'key' | 'agent';

export interface HostRow {
  /** Stable key for lists; not part of the inventory. */
  key: string;
  address: string;
  hostname: string;
  role: Role;
  /** null: use the default port. */
  port: number | null;
  /** Empty: use the default user. */
  user: string;
  /** `default`: log in like every other host (Access page). */
  login: 'default' | LoginMethod;
  password: string;
  /** The environment variable the host's password is read from when none is typed. */
  passwordEnv: string;
  keyFile: string;
  /** The passphrase of the key the host logs in with (its own or the default key file). */
  keyPassphrase: string;
  /** The environment variable the passphrase is read from when none is typed. */
  keyPassphraseEnv: string;
  /** Empty: the default sudo password. */
  sudoPassword: string;
  /** The environment variable the sudo password is read from when none is typed. */
  sudoPasswordEnv: string;
  /** "zone=a, disk=ssd" */
  labels: string;
  /** Empty: the address the host is found to have. */
  advertiseAddress: string;
  /** The loaded host's fields the row has no control for, saved back as they were. */
  kept: Loose;
}

export interface JumpDraft {
  enabled: boolean;
  address: string;
  port: number;
  user: string;
  method: LoginMethod;
  password: string;
  /** The environment variable the password is read from when none is typed. */
  passwordEnv: string;
  keyFile: string;
}

export interface AccessDraft {
  user: string;
  port: number;
  method: LoginMethod;
  password: string;
  /** The environment variable the password is read from when none is typed. */
  passwordEnv: string;
  keyFile: string;
  keyPassphrase: string;
  sudoPassword: string;
  jump: JumpDraft;
}

/** daemon.json as a form; the raw JSON shown beside it is computed from this. */
export interface DaemonDraft {
  registryMirrors: string[];
  insecureRegistries: string[];
  logMaxSize: string;
  logMaxFile: string;
  dataRoot: string;
  systemdCgroups: boolean;
  /** Empty: Docker's choice (overlay2 on current systems). */
  storageDriver: string;
  /** Empty: Docker's default (json-file), which the log size limits apply to. */
  logDriver: string;
  /** exec-opts as loaded: the systemd cgroup switch adds or removes its entry among them. */
  execOpts: string[];
}

export interface OptionsDraft {
  name: string;
  prepare: {
    mirror: 'none' | 'aliyun' | 'tuna' | 'ustc' | 'custom';
    mirrorUrl: string;
    hostsFile: boolean;
    timeSync: boolean;
    firewall: 'open-ports' | 'disable' | 'leave';
    selinux: 'keep' | 'permissive';
    keyExchange: boolean;
    /** The tutorial's root key from the first manager to every node. */
    managerKeyToNodes: boolean;
  };
  docker: {
    install: 'official' | 'mirror' | 'distro' | 'offline' | 'skip';
    mirror: string;
    version: string;
    offlineBundle: string;
    removeConflicting: boolean;
    daemon: DaemonDraft;
  };
  swarm: {
    advertiseInterface: string;
    /** Empty: the advertise address carries the data traffic too. */
    dataPathAddr: string;
    /** null: VXLAN's 4789. */
    dataPathPort: number | null;
    networkName: string;
    subnet: string;
    attachable: boolean;
    encrypted: boolean;
    /** null: Docker's default (1450 for VXLAN over a 1500 link). */
    mtu: number | null;
  };
  verify: {
    enabled: boolean;
    image: string;
    imageArchive: string;
    /** null: the schema's default. */
    replicasPerNode: number | null;
    keepService: boolean;
  };
}

export interface WizardDraft {
  hosts: HostRow[];
  access: AccessDraft;
  options: OptionsDraft;
  /** The loaded document's fields the wizard has no control for, saved back as they were. */
  kept?: Loose;
}

let nextKey = 1;
export function newHostRow(values: Partial<Omit<HostRow, 'key'>> = {}): HostRow {
  return {
    key: `h${Date.now().toString(36)}-${nextKey++}`,
    address: '',
    hostname: '',
    role: INVENTORY_DEFAULTS.role,
    port: null,
    user: '',
    login: 'default',
    password: '',
    passwordEnv: '',
    keyFile: '',
    keyPassphrase: '',
    keyPassphraseEnv: '',
    sudoPassword: '',
    sudoPasswordEnv: '',
    labels: '',
    advertiseAddress: '',
    kept: {},
    ...values,
  };
}

export function defaultAccess(): AccessDraft {
  return {
    user: ssh.user,
    port: ssh.port,
    method: 'password',
    password: '',
    passwordEnv: '',
    keyFile: '',
    keyPassphrase: '',
    sudoPassword: '',
    jump: {
      enabled: false,
      address: '',
      port: ssh.port,
      user: ssh.user,
      method: 'password',
      password: '',
      passwordEnv: '',
      keyFile: '',
    },
  };
}

export function defaultDaemon(): DaemonDraft {
  return {
    registryMirrors: [],
    insecureRegistries: [],
    logMaxSize: '',
    logMaxFile: '',
    dataRoot: '',
    systemdCgroups: false,
    storageDriver: '',
    logDriver: '',
    execOpts: [],
  };
}

export function defaultOptions(): OptionsDraft {
  return {
    name: INVENTORY_DEFAULTS.name,
    prepare: {
      mirror: PREPARE.mirror,
      mirrorUrl: '',
      hostsFile: PREPARE.hostsFile,
      timeSync: PREPARE.timeSync,
      firewall: PREPARE.firewall,
      selinux: PREPARE.selinux,
      keyExchange: PREPARE.keyExchange,
      managerKeyToNodes: PREPARE.managerKeyToNodes,
    },
    docker: {
      install: DOCKER.install,
      mirror: '',
      version: '',
      offlineBundle: '',
      removeConflicting: DOCKER.removeConflicting,
      daemon: defaultDaemon(),
    },
    swarm: {
      advertiseInterface: '',
      dataPathAddr: '',
      dataPathPort: null,
      networkName: NETWORK.name,
      subnet: NETWORK.subnet,
      attachable: NETWORK.attachable,
      encrypted: NETWORK.encrypted,
      mtu: null,
    },
    verify: {
      enabled: VERIFY.enabled,
      image: VERIFY.image,
      imageArchive: '',
      replicasPerNode: null,
      keepService: VERIFY.keepService,
    },
  };
}

/**
 * The choices of the usual Chinese tutorial (阿里云 mirrors, log rotation, systemd cgroups),
 * one click away on the Options page.
 */
export function tutorialOptions(current: OptionsDraft): OptionsDraft {
  return {
    ...current,
    prepare: {
      ...current.prepare,
      mirror: 'aliyun',
      hostsFile: true,
      timeSync: true,
      firewall: 'open-ports',
    },
    docker: {
      ...current.docker,
      install: 'mirror',
      mirror: 'aliyun',
      daemon: {
        ...current.docker.daemon,
        registryMirrors: ['https://docker.m.daocloud.io'],
        logDriver: 'json-file',
        logMaxSize: '100m',
        logMaxFile: '3',
        systemdCgroups: true,
      },
    },
  };
}

// ---------------------------------------------------------------------------------------
// Draft → inventory document

/** Drops empty strings so the engine applies its defaults instead of refusing "". */
function text(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

function compact<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

function lines(values: readonly string[]): string[] {
  return values.map((value) => value.trim()).filter((value) => value.length > 0);
}

export function parseLabels(textValue: string): Record<string, string> | undefined {
  const entries = textValue
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const at = part.indexOf('=');
      return at < 0 ? [part, ''] : [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function loginFields(
  method: LoginMethod,
  password: string,
  keyFile: string,
  passwordEnv = '',
): Record<string, unknown> {
  switch (method) {
    case 'password':
      // A typed password wins: the schema takes one of the two.
      return text(password)
        ? { password: text(password) }
        : compact({ passwordEnv: text(passwordEnv) });
    case 'key':
      return compact({ keyFile: text(keyFile) ?? '' });
    case 'agent':
      return { agent: true };
  }
}

/**
 * A secret typed, or else the environment variable it is read from: `sudoPassword` or
 * `sudoPasswordEnv`, never both (the schema takes one of the two; the typed one wins).
 */
function secretFields(
  name: 'keyPassphrase' | 'sudoPassword',
  typed: string,
  env: string,
): Record<string, string> {
  const value = text(typed);
  if (value !== undefined) return { [name]: value };
  const variable = text(env);
  return variable !== undefined ? { [`${name}Env`]: variable } : {};
}

/** True when the host logs in with a key file: its own, or the default one it takes. */
export function usesKey(row: HostRow, access: AccessDraft): boolean {
  return row.login === 'key' || (row.login === 'default' && access.method === 'key');
}

const SYSTEMD_CGROUPS = 'native.cgroupdriver=systemd';

/** exec-opts with the systemd cgroup entry as the switch says, the others as they were. */
function execOpts(daemon: DaemonDraft): string[] | undefined {
  const loaded = daemon.execOpts;
  const hasIt = loaded.includes(SYSTEMD_CGROUPS);
  const values =
    daemon.systemdCgroups === hasIt
      ? loaded
      : daemon.systemdCgroups
        ? [...loaded, SYSTEMD_CGROUPS]
        : loaded.filter((value) => value !== SYSTEMD_CGROUPS);
  return values.length > 0 ? values : undefined;
}

export function daemonDocument(daemon: DaemonDraft): Record<string, unknown> | undefined {
  const logOpts = compact({
    'max-size': text(daemon.logMaxSize),
    'max-file': text(daemon.logMaxFile),
  });
  const document = compact({
    'registry-mirrors':
      lines(daemon.registryMirrors).length > 0 ? lines(daemon.registryMirrors) : undefined,
    'insecure-registries':
      lines(daemon.insecureRegistries).length > 0 ? lines(daemon.insecureRegistries) : undefined,
    'log-driver': text(daemon.logDriver),
    'log-opts': Object.keys(logOpts).length > 0 ? logOpts : undefined,
    'data-root': text(daemon.dataRoot),
    'exec-opts': execOpts(daemon),
    'storage-driver': text(daemon.storageDriver),
  });
  return Object.keys(document).length > 0 ? document : undefined;
}

export function toInventoryDocument(draft: WizardDraft): InventoryDocument {
  const { access, options } = draft;
  const defaults = compact({
    user: text(access.user),
    port: access.port,
    ...loginFields(access.method, access.password, access.keyFile, access.passwordEnv),
    keyPassphrase: access.method === 'key' ? text(access.keyPassphrase) : undefined,
    sudoPassword: text(access.sudoPassword),
  });
  const jump = access.jump;
  const jumpHost = jump.enabled
    ? compact({
        address: jump.address.trim(),
        port: jump.port,
        user: text(jump.user),
        ...loginFields(jump.method, jump.password, jump.keyFile, jump.passwordEnv),
      })
    : undefined;
  const hosts = draft.hosts.map((row) =>
    withKeptFields(
      compact({
        address: row.address.trim(),
        port: row.port ?? undefined,
        user: text(row.user),
        ...(row.login === 'default'
          ? {}
          : loginFields(row.login, row.password, row.keyFile, row.passwordEnv)),
        ...(usesKey(row, access)
          ? secretFields('keyPassphrase', row.keyPassphrase, row.keyPassphraseEnv)
          : {}),
        ...secretFields('sudoPassword', row.sudoPassword, row.sudoPasswordEnv),
        hostname: text(row.hostname),
        role: row.role,
        labels: parseLabels(row.labels),
        advertiseAddress: text(row.advertiseAddress),
      }),
      row.kept,
      OWNED_HOST,
    ),
  );
  const docker = options.docker;
  const written = compact({
    name: text(options.name),
    jumpHost,
    defaults,
    hosts,
    prepare: compact({
      mirror: options.prepare.mirror,
      mirrorUrl: options.prepare.mirror === 'custom' ? text(options.prepare.mirrorUrl) : undefined,
      hostsFile: options.prepare.hostsFile,
      timeSync: options.prepare.timeSync,
      firewall: options.prepare.firewall,
      selinux: options.prepare.selinux,
      keyExchange: options.prepare.keyExchange,
      managerKeyToNodes: options.prepare.managerKeyToNodes,
    }),
    docker: compact({
      install: docker.install,
      mirror: docker.install === 'mirror' ? text(docker.mirror) : undefined,
      version: text(docker.version),
      offlineBundle: docker.install === 'offline' ? text(docker.offlineBundle) : undefined,
      removeConflicting: docker.removeConflicting,
      daemon: daemonDocument(docker.daemon),
    }),
    swarm: compact({
      advertiseInterface: text(options.swarm.advertiseInterface),
      dataPathAddr: text(options.swarm.dataPathAddr),
      dataPathPort: options.swarm.dataPathPort ?? undefined,
      network: compact({
        name: options.swarm.networkName.trim(),
        subnet: options.swarm.subnet.trim(),
        attachable: options.swarm.attachable,
        encrypted: options.swarm.encrypted,
        mtu: options.swarm.mtu ?? undefined,
      }),
    }),
    verify: compact({
      enabled: options.verify.enabled,
      image: text(options.verify.image),
      imageArchive: text(options.verify.imageArchive),
      replicasPerNode: options.verify.replicasPerNode ?? undefined,
      keepService: options.verify.keepService,
    }),
  });
  // A jump host switched off goes as a whole, with whatever the wizard did not show of it.
  const { jumpHost: keptJump, ...keptRest } = draft.kept ?? {};
  return withKeptFields(
    written,
    jump.enabled ? { ...keptRest, jumpHost: keptJump } : keptRest,
    OWNED_DOCUMENT,
  ) as InventoryDocument;
}

// ---------------------------------------------------------------------------------------
// Inventory document → draft (YAML import, saved profiles)

function record(value: unknown): Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Loose)
    : {};
}
function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;
}
function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
function optionalNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}
function oneOf<T extends string>(value: unknown, choices: readonly T[], fallback: T): T {
  return choices.find((choice) => choice === value) ?? fallback;
}
function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}
function methodOf(login: Loose): LoginMethod | undefined {
  if (login.keyFile !== undefined) return 'key';
  if (login.agent === true) return 'agent';
  if (login.password !== undefined || login.passwordEnv !== undefined) return 'password';
  return undefined;
}

export function fromInventoryDocument(document: InventoryDocument): WizardDraft {
  const base = defaultOptions();
  const defaults = record(document.defaults);
  const jump = record(document.jumpHost);
  const access: AccessDraft = {
    user: str(defaults.user, ssh.user),
    port: num(defaults.port, ssh.port),
    method: methodOf(defaults) ?? 'password',
    password: str(defaults.password),
    passwordEnv: str(defaults.passwordEnv),
    keyFile: str(defaults.keyFile),
    keyPassphrase: str(defaults.keyPassphrase),
    sudoPassword: str(defaults.sudoPassword),
    jump: {
      enabled: document.jumpHost !== undefined,
      address: str(jump.address),
      port: num(jump.port, ssh.port),
      user: str(jump.user, ssh.user),
      method: methodOf(jump) ?? 'password',
      password: str(jump.password),
      passwordEnv: str(jump.passwordEnv),
      keyFile: str(jump.keyFile),
    },
  };
  const hosts = (Array.isArray(document.hosts) ? document.hosts : []).map((value: unknown) => {
    const host = record(value);
    const labels = record(host.labels);
    return newHostRow({
      address: str(host.address),
      hostname: str(host.hostname),
      role: oneOf(host.role, ['manager', 'worker'] as const, INVENTORY_DEFAULTS.role),
      port: typeof host.port === 'number' ? host.port : null,
      user: str(host.user),
      login: methodOf(host) ?? 'default',
      password: str(host.password),
      passwordEnv: str(host.passwordEnv),
      keyFile: str(host.keyFile),
      keyPassphrase: str(host.keyPassphrase),
      keyPassphraseEnv: str(host.keyPassphraseEnv),
      sudoPassword: str(host.sudoPassword),
      sudoPasswordEnv: str(host.sudoPasswordEnv),
      labels: Object.entries(labels)
        .map(([key, label]) => `${key}=${str(label)}`)
        .join(', '),
      advertiseAddress: str(host.advertiseAddress),
      kept: keptCopy(host),
    });
  });
  const prepare = record(document.prepare);
  const docker = record(document.docker);
  const daemon = record(docker.daemon);
  const logOpts = record(daemon['log-opts']);
  const swarm = record(document.swarm);
  const network = record(swarm.network);
  const verify = record(document.verify);
  const options: OptionsDraft = {
    name: str(document.name, base.name),
    prepare: {
      mirror: oneOf(
        prepare.mirror,
        ['none', 'aliyun', 'tuna', 'ustc', 'custom'] as const,
        base.prepare.mirror,
      ),
      mirrorUrl: str(prepare.mirrorUrl),
      hostsFile: bool(prepare.hostsFile, base.prepare.hostsFile),
      timeSync: bool(prepare.timeSync, base.prepare.timeSync),
      firewall: oneOf(
        prepare.firewall,
        ['open-ports', 'disable', 'leave'] as const,
        base.prepare.firewall,
      ),
      selinux: oneOf(prepare.selinux, ['keep', 'permissive'] as const, base.prepare.selinux),
      keyExchange: bool(prepare.keyExchange, base.prepare.keyExchange),
      managerKeyToNodes: bool(prepare.managerKeyToNodes, base.prepare.managerKeyToNodes),
    },
    docker: {
      install: oneOf(
        docker.install,
        ['official', 'mirror', 'distro', 'offline', 'skip'] as const,
        base.docker.install,
      ),
      mirror: str(docker.mirror),
      version: str(docker.version),
      offlineBundle: str(docker.offlineBundle),
      removeConflicting: bool(docker.removeConflicting, base.docker.removeConflicting),
      daemon: {
        registryMirrors: strings(daemon['registry-mirrors']),
        insecureRegistries: strings(daemon['insecure-registries']),
        logMaxSize: str(logOpts['max-size']),
        logMaxFile: str(logOpts['max-file']),
        dataRoot: str(daemon['data-root']),
        systemdCgroups: strings(daemon['exec-opts']).includes(SYSTEMD_CGROUPS),
        storageDriver: str(daemon['storage-driver']),
        logDriver: str(daemon['log-driver']),
        execOpts: strings(daemon['exec-opts']),
      },
    },
    swarm: {
      advertiseInterface: str(swarm.advertiseInterface),
      dataPathAddr: str(swarm.dataPathAddr),
      dataPathPort: optionalNumber(swarm.dataPathPort),
      networkName: str(network.name, base.swarm.networkName),
      subnet: str(network.subnet, base.swarm.subnet),
      attachable: bool(network.attachable, base.swarm.attachable),
      encrypted: bool(network.encrypted, base.swarm.encrypted),
      mtu: optionalNumber(network.mtu),
    },
    verify: {
      enabled: bool(verify.enabled, base.verify.enabled),
      image: str(verify.image, base.verify.image),
      imageArchive: str(verify.imageArchive),
      replicasPerNode: optionalNumber(verify.replicasPerNode),
      keepService: bool(verify.keepService, base.verify.keepService),
    },
  };
  return { hosts, access, options, kept: keptCopy(document) };
}

/**
 * The rows of the hosts a run named by address and port (a removal's hosts), so the next apply
 * does not add them again.
 */
export function rowsAt(
  draft: WizardDraft,
  targets: readonly { address: string; port: number }[],
): HostRow[] {
  return draft.hosts.filter((host) =>
    targets.some(
      (target) =>
        target.address === host.address.trim() && target.port === (host.port ?? draft.access.port),
    ),
  );
}

/** The addresses among `addresses` that the table already lists, or that repeat an earlier one. */
export function alreadyListed(draft: WizardDraft, addresses: readonly string[]): string[] {
  const seen = new Set(draft.hosts.map((host) => host.address.trim()));
  const repeated: string[] = [];
  for (const address of addresses.map((candidate) => candidate.trim())) {
    if (address === '') continue;
    if (seen.has(address)) repeated.push(address);
    seen.add(address);
  }
  return repeated;
}
