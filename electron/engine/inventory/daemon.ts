/**
 * The part of Docker's daemon.json that swarmlab writes, keyed exactly as Docker names the
 * keys. Unknown keys are refused (a typo in daemon.json stops dockerd from starting), with
 * the closest known keys in the message.
 */
import { z } from 'zod';
import { MAX_URL_LENGTH } from './limits';
import { isCidr6, isIPv4, isIPv6, isRegistryHost, parseCidr4 } from './net';
import { checked, must, show, text } from './rules';
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
    'is empty',
    'write a value, e.g. max-size: "10m", or remove the option',
  ),
);

const LOG_OPT_CHECKS: Record<string, { test: RegExp; fix: string }> = {
  'max-size': { test: SIZE, fix: 'use a number with k, m or g, e.g. "10m"' },
  'max-file': { test: /^[1-9][0-9]*$/, fix: 'use a whole number of files, e.g. "3"' },
  compress: { test: /^(true|false)$/, fix: 'use "true" or "false" (in quotes)' },
};

const logOpts = z
  .record(
    checked(
      (key) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(key),
      (key) => `${show(key)} is not a log option name`,
      'use the option name as Docker documents it, e.g. max-size, max-file',
    ),
    logOptValue,
  )
  .superRefine((opts, ctx) => {
    for (const [key, value] of Object.entries(opts)) {
      const check = LOG_OPT_CHECKS[key];
      if (check && typeof value === 'string' && !check.test.test(value)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `${show(value)} is not a valid ${key}`,
          params: { fix: check.fix },
          input: value,
        });
      }
    }
  })
  .meta({
    description:
      'Options of the log driver. Docker wants every value as a string: write max-file: "3", not 3. 日志轮转。',
    examples: [{ 'max-size': '10m', 'max-file': '3' }],
  });

const cidr4 = (what: string) =>
  checked(
    (value) => parseCidr4(value) !== undefined,
    (value) => `${show(value)} is not an IPv4 ${what}`,
    'write an address and a prefix length, e.g. "10.20.0.0/16"',
  );

const ipAddress = checked(
  (value) => isIPv4(value) || isIPv6(value),
  (value) => `${show(value)} is not an IP address`,
  'write an IPv4 or IPv6 address, e.g. "223.5.5.5"',
);

const addressPool = z
  .strictObject({
    base: cidr4('CIDR block'),
    size: z.number().int().min(1).max(32),
  })
  .superRefine((pool, ctx) => {
    const base = typeof pool.base === 'string' ? parseCidr4(pool.base) : undefined;
    if (base && typeof pool.size === 'number' && pool.size < base.prefix) {
      ctx.addIssue({
        code: 'custom',
        path: ['size'],
        message: `size ${pool.size} is larger than the pool ${pool.base} itself`,
        params: { fix: `use a size of at least ${base.prefix}, e.g. 24` },
        input: pool.size,
      });
    }
  });

const EXEC_OPT = /^[a-z][a-z0-9.]*=[A-Za-z0-9._/-]+$/;

const execOpt = checked(
  (value) =>
    EXEC_OPT.test(value) &&
    (!value.startsWith('native.cgroupdriver=') || /=(systemd|cgroupfs)$/.test(value)),
  (value) => `${show(value)} is not a valid exec option`,
  'write name=value, e.g. "native.cgroupdriver=systemd" (the cgroup driver is systemd or cgroupfs)',
);

const DOCKER_HOST = /^(unix:\/\/\/?[^\s]*|fd:\/\/[^\s]*|tcp:\/\/[^\s]*|npipe:\/\/[^\s]*)$/;

/** The daemon.json keys swarmlab knows, with their types. */
export const daemonShape = {
  'registry-mirrors': z
    .array(
      httpUrlField({
        noun: 'registry mirror URL',
        fix: 'write the full URL with https://, e.g. "https://docker.m.daocloud.io"',
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
          /^https?:\/\//i.test(value)
            ? `${show(value)} has a scheme; Docker wants only host[:port] here`
            : `${show(value)} is not a registry host`,
        (value) =>
          /^https?:\/\//i.test(value)
            ? `drop the scheme: ${show(value.replace(/^https?:\/\//i, '').replace(/\/+$/, ''))}`
            : 'write host[:port] or a CIDR block, e.g. "192.168.11.10:5000" or "10.0.0.0/8"',
      ),
    )
    .meta({
      description: 'Registries reached over plain HTTP (host[:port] or CIDR). 私有仓库(HTTP)。',
    }),
  'log-driver': z.enum(LOG_DRIVERS),
  'log-opts': logOpts,
  'data-root': checked(
    (value) => value.startsWith('/') && !value.split('/').includes('..'),
    (value) => `${show(value)} is not an absolute path`,
    'write a path that starts with "/", e.g. "/data/docker"',
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
        'live-restore cannot be used with swarm mode: dockerd refuses to start',
        'remove live-restore or set it to false',
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
    (value) => `${show(value)} is not a bridge address`,
    'write the bridge IP with its prefix, e.g. "172.26.0.1/16" (an address inside the block, not the block itself)',
  ),
  'max-concurrent-downloads': z.number().int().min(1).max(100),
  'max-concurrent-uploads': z.number().int().min(1).max(100),
  features: z.record(
    checked(
      (key) => /^[a-z0-9][a-z0-9-]*$/.test(key),
      (key) => `${show(key)} is not a feature name`,
      'use the feature name as Docker documents it, e.g. buildkit, containerd-snapshotter',
    ),
    z.boolean(),
  ),
  experimental: z.boolean(),
  debug: z.boolean(),
  'log-level': z.enum(LOG_LEVELS),
  ipv6: z.boolean(),
  'fixed-cidr-v6': checked(
    isCidr6,
    (value) => `${show(value)} is not an IPv6 CIDR block`,
    'write an IPv6 prefix, e.g. "fd00:dead:beef::/48"',
  ),
  iptables: z.boolean(),
  'userland-proxy': z.boolean(),
  hosts: z
    .array(
      checked(
        (value) => DOCKER_HOST.test(value),
        (value) => `${show(value)} is not a Docker listen address`,
        'write unix:///var/run/docker.sock, fd:// or tcp://IP:2376',
        { max: MAX_URL_LENGTH, what: 'the listen address' },
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
