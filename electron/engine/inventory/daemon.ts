/**
 * The part of Docker's daemon.json that swarmlab writes, keyed exactly as Docker names the
 * keys. Unknown keys are refused (a typo in daemon.json stops dockerd from starting), with
 * the closest known keys in the message.
 */
import { z } from 'zod';
import { MAX_URL_LENGTH } from './limits';
import { isCidr6, isIPv4, isIPv6, isRegistryHost, parseCidr4 } from './net';
import { localized } from '../../shared/messages';
import { addWordsIssue, checked, must, show, text } from './rules';
import { httpUrlField } from './url-field';

const LOG_DRIVERS = [
  'json-file',
  'local',
  'journald',
  'syslog',
  'none',
  'fluentd',
  'gelf',
  'awslogs',
  'gcplogs',
  'splunk',
  'etwlogs',
] as const;

const STORAGE_DRIVERS = ['overlay2', 'fuse-overlayfs', 'btrfs', 'zfs', 'vfs'] as const;

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'fatal'] as const;

/** Sizes as Docker's log drivers take them: "10m", "1g", "500k", "1048576". */
const SIZE = /^[1-9][0-9]*[kmgKMG]?$/;

const logOptValue = text().superRefine(
  must(
    (value: string) => value.length > 0,
    localized('fieldRules.daemon.logValueEmpty'),
    localized('fieldRules.daemon.logValueEmptyFix'),
  ),
);

const LOG_OPT_CHECKS = {
  'max-size': { test: SIZE, fix: 'fieldRules.daemon.maxSizeFix' },
  'max-file': { test: /^[1-9][0-9]*$/, fix: 'fieldRules.daemon.maxFileFix' },
  compress: { test: /^(true|false)$/, fix: 'fieldRules.daemon.compressFix' },
} as const;

const logOpts = z
  .record(
    checked(
      (key) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(key),
      (key) => localized('fieldRules.daemon.logOptName', { value: show(key) }),
      localized('fieldRules.daemon.logOptNameFix'),
    ),
    logOptValue,
  )
  .superRefine((opts, ctx) => {
    for (const [key, value] of Object.entries(opts)) {
      const check = Object.entries(LOG_OPT_CHECKS).find(([known]) => known === key)?.[1];
      if (check && typeof value === 'string' && !check.test.test(value)) {
        addWordsIssue(
          ctx,
          localized('fieldRules.daemon.logOptValue', { value: show(value), key }),
          localized(check.fix),
          { input: value, path: [key] },
        );
      }
    }
  })
  .meta({
    description:
      'Options of the log driver. Docker wants every value as a string: write max-file: "3", not 3. 日志轮转。',
    examples: [{ 'max-size': '10m', 'max-file': '3' }],
  });

const cidr4 = checked(
  (value) => parseCidr4(value) !== undefined,
  (value) => localized('fieldRules.daemon.cidr4', { value: show(value) }),
  localized('fieldRules.daemon.cidr4Fix'),
);

const ipAddress = checked(
  (value) => isIPv4(value) || isIPv6(value),
  (value) => localized('fieldRules.daemon.ipAddress', { value: show(value) }),
  localized('fieldRules.daemon.ipAddressFix'),
);

const addressPool = z
  .strictObject({
    base: cidr4,
    size: z.number().int().min(1).max(32),
  })
  .superRefine((pool, ctx) => {
    const base = typeof pool.base === 'string' ? parseCidr4(pool.base) : undefined;
    if (base && typeof pool.size === 'number' && pool.size < base.prefix) {
      addWordsIssue(
        ctx,
        localized('fieldRules.daemon.poolSize', { size: pool.size, pool: pool.base }),
        localized('fieldRules.daemon.poolSizeFix', { prefix: base.prefix }),
        { input: pool.size, path: ['size'] },
      );
    }
  });

const EXEC_OPT = /^[a-z][a-z0-9.]*=[A-Za-z0-9._/-]+$/;

const execOpt = checked(
  (value) =>
    EXEC_OPT.test(value) &&
    (!value.startsWith('native.cgroupdriver=') || /=(systemd|cgroupfs)$/.test(value)),
  (value) => localized('fieldRules.daemon.execOpt', { value: show(value) }),
  localized('fieldRules.daemon.execOptFix'),
);

const DOCKER_HOST = /^(unix:\/\/\/?[^\s]*|fd:\/\/[^\s]*|tcp:\/\/[^\s]*|npipe:\/\/[^\s]*)$/;

/** The daemon.json keys swarmlab knows, with their types. */
export const daemonShape = {
  'registry-mirrors': z
    .array(
      httpUrlField({
        noun: localized('fieldRules.nouns.registryMirrorUrl'),
        fix: localized('fieldRules.registryMirrorFix'),
      }),
    )
    .meta({
      description:
        'Registry mirrors for Docker Hub pulls: http(s)://host[:port][/path], max 2048 characters each. 镜像加速地址。',
    }),
  'insecure-registries': z
    .array(
      checked(
        isRegistryHost,
        (value) =>
          localized(
            /^https?:\/\//i.test(value)
              ? 'fieldRules.daemon.registryScheme'
              : 'fieldRules.daemon.registryHost',
            { value: show(value) },
          ),
        (value) =>
          /^https?:\/\//i.test(value)
            ? localized('fieldRules.daemon.registrySchemeFix', {
                host: show(value.replace(/^https?:\/\//i, '').replace(/\/+$/, '')),
              })
            : localized('fieldRules.daemon.registryHostFix'),
      ),
    )
    .meta({
      description: 'Registries reached over plain HTTP (host[:port] or CIDR). 私有仓库(HTTP)。',
    }),
  'log-driver': z.enum(LOG_DRIVERS),
  'log-opts': logOpts,
  'data-root': checked(
    (value) => value.startsWith('/') && !value.split('/').includes('..'),
    (value) => localized('fieldRules.daemon.dataRoot', { value: show(value) }),
    localized('fieldRules.daemon.dataRootFix'),
  ).meta({ description: 'Where Docker keeps images and containers. 数据目录。' }),
  'exec-opts': z.array(execOpt),
  'storage-driver': z.enum(STORAGE_DRIVERS),
  mtu: z.number().int().min(68).max(65535),
  'default-address-pools': z.array(addressPool).min(1),
  'live-restore': z
    .boolean()
    .superRefine(
      must(
        (value: boolean) => value !== true,
        localized('fieldRules.daemon.liveRestore'),
        localized('fieldRules.daemon.liveRestoreFix'),
      ),
    )
    .meta({ description: 'Must stay false: Docker refuses live-restore in swarm mode.' }),
  dns: z.array(ipAddress),
  bip: checked(
    (value) => {
      const block = parseCidr4(value);
      return (
        block !== undefined && block.prefix <= 30 && block.address !== block.network.split('/')[0]
      );
    },
    (value) => localized('fieldRules.daemon.bip', { value: show(value) }),
    localized('fieldRules.daemon.bipFix'),
  ),
  'max-concurrent-downloads': z.number().int().min(1).max(100),
  'max-concurrent-uploads': z.number().int().min(1).max(100),
  features: z.record(
    checked(
      (key) => /^[a-z0-9][a-z0-9-]*$/.test(key),
      (key) => localized('fieldRules.daemon.feature', { value: show(key) }),
      localized('fieldRules.daemon.featureFix'),
    ),
    z.boolean(),
  ),
  experimental: z.boolean(),
  debug: z.boolean(),
  'log-level': z.enum(LOG_LEVELS),
  ipv6: z.boolean(),
  'fixed-cidr-v6': checked(
    isCidr6,
    (value) => localized('fieldRules.daemon.cidr6', { value: show(value) }),
    localized('fieldRules.daemon.cidr6Fix'),
  ),
  iptables: z.boolean(),
  'userland-proxy': z.boolean(),
  hosts: z
    .array(
      checked(
        (value) => DOCKER_HOST.test(value),
        (value) => localized('fieldRules.daemon.listen', { value: show(value) }),
        localized('fieldRules.daemon.listenFix'),
        { max: MAX_URL_LENGTH, what: localized('fieldRules.nouns.listenAddress') },
      ),
    )
    .meta({
      description:
        'Sockets dockerd listens on. Conflicts with "-H fd://" in docker.service unless that is overridden.',
    }),
  'shutdown-timeout': z.number().int().min(0),
} as const;

/** Every key swarmlab knows in daemon.json. */
export const DAEMON_KEYS: readonly string[] = Object.keys(daemonShape);

/**
 * Keys Docker accepts that swarmlab does not manage (yet). Naming them gives a better
 * message than "unknown key".
 */
export const DOCKER_UNMANAGED_DAEMON_KEYS: readonly string[] = [
  'authorization-plugins',
  'cgroup-parent',
  'cluster-advertise',
  'cluster-store',
  'containerd',
  'cpu-rt-period',
  'cpu-rt-runtime',
  'default-cgroupns-mode',
  'default-gateway',
  'default-gateway-v6',
  'default-ipc-mode',
  'default-runtime',
  'default-shm-size',
  'default-ulimits',
  'dns-opts',
  'dns-search',
  'exec-root',
  'fixed-cidr',
  'group',
  'icc',
  'init',
  'init-path',
  'ip',
  'ip-forward',
  'ip-masq',
  'labels',
  'max-download-attempts',
  'no-new-privileges',
  'node-generic-resources',
  'oom-score-adjust',
  'pidfile',
  'proxies',
  'raw-logs',
  'runtimes',
  'seccomp-profile',
  'selinux-enabled',
  'swarm-default-advertise-addr',
  'tls',
  'tlscacert',
  'tlscert',
  'tlskey',
  'tlsverify',
  'userns-remap',
];

export const DaemonSchema = z
  .strictObject(
    Object.fromEntries(Object.entries(daemonShape).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof daemonShape]: z.ZodOptional<(typeof daemonShape)[K]>;
    },
  )
  .meta({
    title: 'daemon.json',
    description:
      'Keys of /etc/docker/daemon.json, named as Docker names them. Unknown keys are refused. Docker 配置。',
  });

export type DaemonConfig = z.output<typeof DaemonSchema>;
