/**
 * The inventory: which hosts, how to log in, and what to do to them. Validated with zod,
 * stored as YAML, published as JSON Schema (docs/inventory.schema.json).
 *
 * Secrets may be written inline (`password`, `keyPassphrase`, `sudoPassword`) or, better,
 * referenced by environment variable (`passwordEnv`, …). Saved files drop inline secrets.
 */
import { localized, localizedList } from '../../shared/messages';
import { z } from 'zod';
import { DaemonSchema } from './daemon';
import {
  isAddress,
  isDockerName,
  isHostnameLabel,
  isIPv4,
  isIPv6,
  parseCidr4,
  suggestHostname,
} from './net';
import { MAX_DOCKER_VERSION_LENGTH, MAX_IMAGE_REFERENCE_LENGTH } from './limits';
import {
  addWordsIssue,
  checked,
  envName,
  localPath,
  must,
  nonEmptyText,
  secret,
  show,
} from './rules';
import { httpUrlField } from './url-field';
import { INVENTORY_DEFAULTS } from '../../shared/inventory-defaults';

// ---------------------------------------------------------------------------------------
// Single values

export const addressSchema = checked(
  isAddress,
  (value) =>
    localized(
      /^\[.*\]$/.test(value)
        ? 'validation.addressBrackets'
        : /^\d+(\.\d+){3}$/.test(value)
          ? 'validation.addressBadIpv4'
          : 'validation.addressInvalid',
      { value: show(value) },
    ),
  (value) =>
    /^\[.*\]$/.test(value)
      ? localized('validation.addressBracketsFix', { inner: show(value.slice(1, -1)) })
      : /:\d+$/.test(value) && isAddress(value.replace(/:\d+$/, ''))
        ? localized('validation.addressPortFix', {
            address: show(value.replace(/:\d+$/, '')),
            port: value.split(':').pop() ?? '',
          })
        : localized('validation.addressFix'),
).meta({ description: 'IPv4, IPv6 or DNS name. 主机地址。', examples: ['192.168.11.131'] });

export const portSchema = z.number().int().min(1).max(65535);

const USER = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;

export const userSchema = checked(
  (value) => USER.test(value),
  (value) => localized('validation.user', { value: show(value) }),
  localized('validation.userFix'),
).meta({ pattern: USER.source });

export const hostnameSchema = checked(
  isHostnameLabel,
  (value) => localized('validation.hostname', { value: show(value) }),
  (value) => localized('validation.hostnameFix', { suggestion: show(suggestHostname(value)) }),
).meta({
  description:
    'Hostname to set (one RFC 1123 label: letters, digits, "-", max 63; lowercase recommended). 主机名。',
  pattern: '^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$',
});

export const roleSchema = z.enum(['manager', 'worker']).meta({ description: 'Swarm role. 角色。' });

/**
 * Docker label keys: letters, digits, '.', '-', '_' (no '='); the namespaces Docker keeps for
 * itself are refused.
 */
const LABEL_KEY = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,126}[A-Za-z0-9])?$/;
const RESERVED_LABEL_PREFIXES = ['com.docker.', 'io.docker.', 'org.dockerproject.'];
const LABEL_VALUE = /^[A-Za-z0-9._:/@+,=-]{0,256}$/;

export const labelsSchema = z
  .record(
    checked(
      (key) =>
        LABEL_KEY.test(key) && !RESERVED_LABEL_PREFIXES.some((prefix) => key.startsWith(prefix)),
      (key) =>
        localized(
          RESERVED_LABEL_PREFIXES.some((prefix) => key.startsWith(prefix))
            ? 'validation.labelKeyReserved'
            : 'validation.labelKey',
          { value: show(key) },
        ),
      localized('validation.labelKeyFix'),
    ),
    checked(
      (value) => LABEL_VALUE.test(value),
      (value) => localized('validation.labelValue', { value: show(value) }),
      localized('validation.labelValueFix'),
    ),
  )
  .meta({
    description:
      'Node labels (docker node update --label-add key=value). Values are strings: quote numbers and booleans. 节点标签。',
    examples: [{ zone: 'a', disk: 'ssd' }],
  });

// ---------------------------------------------------------------------------------------
// Login: one method per level, sudo

const authShape = {
  password: secret(localized('fieldRules.nouns.password'))
    .optional()
    .meta({ description: 'SSH password (dropped when saving).' }),
  passwordEnv: envName()
    .optional()
    .meta({ description: 'Environment variable holding the SSH password.' }),
  keyFile: localPath(localized('fieldRules.nouns.keyFilePath'))
    .optional()
    .meta({ description: 'Private key file on this machine, e.g. ~/.ssh/id_ed25519. 私钥文件。' }),
  keyPassphrase: secret(localized('fieldRules.nouns.keyPassphrase'))
    .optional()
    .meta({ description: 'Passphrase of keyFile (dropped when saving).' }),
  keyPassphraseEnv: envName()
    .optional()
    .meta({ description: 'Environment variable holding the passphrase of keyFile.' }),
  agent: z
    .boolean()
    .optional()
    .meta({ description: 'Log in with the keys of the running ssh-agent.' }),
};

const sudoShape = {
  sudoPassword: secret(localized('fieldRules.nouns.sudoPassword'))
    .optional()
    .meta({ description: 'sudo password when user is not root (dropped when saving).' }),
  sudoPasswordEnv: envName()
    .optional()
    .meta({ description: 'Environment variable holding the sudo password.' }),
};

export const AUTH_METHOD_KEYS = ['password', 'passwordEnv', 'keyFile', 'agent'] as const;

interface AuthFields {
  password?: unknown;
  passwordEnv?: unknown;
  keyFile?: unknown;
  keyPassphrase?: unknown;
  keyPassphraseEnv?: unknown;
  agent?: unknown;
  sudoPassword?: unknown;
  sudoPasswordEnv?: unknown;
}

/** Which login methods an object names (only presence is read: values may still be invalid). */
export function authMethodsOf(fields: AuthFields): (typeof AUTH_METHOD_KEYS)[number][] {
  return AUTH_METHOD_KEYS.filter((key) =>
    key === 'agent' ? fields.agent === true : fields[key] !== undefined,
  );
}

function oneOf(fields: AuthFields, ctx: z.RefinementCtx<AuthFields>): void {
  const methods = authMethodsOf(fields);
  if (methods.length > 1) {
    addWordsIssue(
      ctx,
      localized('fieldRules.bothLogins', { methods: localizedList(methods) }),
      localized('fieldRules.bothLoginsFix'),
      { input: fields, path: [methods[1] ?? 'password'] },
    );
  }
  const pairs: [keyof AuthFields, keyof AuthFields][] = [
    ['keyPassphrase', 'keyPassphraseEnv'],
    ['sudoPassword', 'sudoPasswordEnv'],
  ];
  for (const [inline, env] of pairs) {
    if (fields[inline] !== undefined && fields[env] !== undefined) {
      addWordsIssue(
        ctx,
        localized('fieldRules.bothSecrets', { inline, env }),
        localized('fieldRules.bothSecretsFix', { env }),
        { input: fields, path: [env] },
      );
    }
  }
}

// ---------------------------------------------------------------------------------------
// Hosts

export const HostDefaultsSchema = z
  .strictObject({
    port: portSchema.optional(),
    user: userSchema.optional(),
    ...authShape,
    ...sudoShape,
    role: roleSchema.optional(),
    labels: labelsSchema.optional(),
  })
  .superRefine(oneOf)
  .meta({
    title: 'Host defaults',
    description: 'Values every host takes unless it sets its own. 默认值。',
  });

export const HostSchema = z
  .strictObject({
    address: addressSchema,
    port: portSchema.optional().meta({ description: 'SSH port (default 22).' }),
    user: userSchema.optional().meta({ description: 'SSH user (default root).' }),
    ...authShape,
    ...sudoShape,
    hostname: hostnameSchema.optional(),
    role: roleSchema.optional().meta({ description: 'manager or worker (default worker). 角色。' }),
    labels: labelsSchema.optional(),
    advertiseAddress: checked(
      (value) => isIPv4(value) || isIPv6(value),
      (value) => localized('validation.ipAddress', { value: show(value) }),
      localized('validation.ipAddressFix'),
    )
      .optional()
      .meta({ description: 'Address announced to the swarm (default: detected). 通告地址。' }),
  })
  .superRefine(oneOf)
  .meta({ title: 'Host' });

export const JumpHostSchema = z
  .strictObject({
    address: addressSchema,
    port: portSchema.default(INVENTORY_DEFAULTS.ssh.port),
    user: userSchema.default(INVENTORY_DEFAULTS.ssh.user),
    ...authShape,
  })
  .superRefine(oneOf)
  .meta({
    title: 'Jump host',
    description: 'Bastion every connection goes through (ssh -J). 跳板机。',
  });

// ---------------------------------------------------------------------------------------
// Options

export const PACKAGE_MIRRORS = ['none', 'aliyun', 'tuna', 'ustc', 'custom'] as const;

export const PrepareSchema = z
  .strictObject({
    mirror: z.enum(PACKAGE_MIRRORS).default(INVENTORY_DEFAULTS.prepare.mirror).meta({
      description: 'OS package mirror to switch to. 软件源: aliyun 阿里云, tuna 清华, ustc 中科大.',
    }),
    mirrorUrl: httpUrlField({
      noun: localized('fieldRules.nouns.mirrorUrl'),
      fix: localized('fieldRules.url.schemeFix'),
    })
      .optional()
      .meta({
        description:
          'Base URL when mirror is custom: http(s)://host[:port][/path], no credentials, query or fragment (max 2048 characters).',
      }),
    hostsFile: z
      .boolean()
      .default(INVENTORY_DEFAULTS.prepare.hostsFile)
      .meta({ description: 'Write every node into /etc/hosts.' }),
    timeSync: z
      .boolean()
      .default(INVENTORY_DEFAULTS.prepare.timeSync)
      .meta({ description: 'Make sure time is synchronised (chrony/timesyncd). 时间同步。' }),
    firewall: z
      .enum(['open-ports', 'disable', 'leave'])
      .default(INVENTORY_DEFAULTS.prepare.firewall)
      .meta({
        description:
          'open-ports: open 2377/tcp, 7946/tcp+udp, 4789/udp; disable; leave alone. 防火墙。',
      }),
    selinux: z.enum(['keep', 'permissive']).default(INVENTORY_DEFAULTS.prepare.selinux),
    keyExchange: z
      .boolean()
      .default(INVENTORY_DEFAULTS.prepare.keyExchange)
      .meta({ description: 'Install this machine’s public key on every node. 免密登录。' }),
    managerKeyToNodes: z
      .boolean()
      .default(INVENTORY_DEFAULTS.prepare.managerKeyToNodes)
      .meta({ description: 'Also let the first manager ssh to every node.' }),
  })
  .superRefine((prepare, ctx) => {
    if (prepare.mirror === 'custom' && prepare.mirrorUrl === undefined) {
      addWordsIssue(
        ctx,
        localized('fieldRules.mirrorUrlMissing'),
        localized('fieldRules.mirrorUrlMissingFix'),
        { input: prepare, path: ['mirrorUrl'] },
      );
    }
  })
  .meta({ title: 'Host preparation' });

export const DOCKER_MIRRORS = ['aliyun', 'tuna', 'ustc', 'azure'] as const;

/** Docker package versions: 24.0.7, 5:24.0.7-1~debian.12~bookworm, 3:24.0.7-1.el9. */
const DOCKER_VERSION = /^(?:\d+:)?\d+\.\d+(?:\.\d+)?(?:[-~+][A-Za-z0-9.~+_-]*)?$/;

export const DockerSchema = z
  .strictObject({
    install: z
      .enum(['official', 'mirror', 'distro', 'offline', 'skip'])
      .default(INVENTORY_DEFAULTS.docker.install)
      .meta({
        description:
          'official: download.docker.com; mirror: docker-ce from a mirror; distro: the distribution’s docker.io; offline: from offlineBundle; skip: already installed. 安装方式。',
      }),
    mirror: httpUrlField({
      noun: localized('fieldRules.nouns.dockerMirrorUrl'),
      names: DOCKER_MIRRORS,
      notAName: (value) => localized('fieldRules.dockerMirrorName', { value: show(value) }),
      fix: localized('fieldRules.dockerMirrorNameFix', { mirrors: localizedList(DOCKER_MIRRORS) }),
    })
      .optional()
      .meta({
        description:
          'docker-ce mirror: aliyun | tuna | ustc | azure | base URL (http(s)://host[:port][/path], max 2048 characters).',
        examples: ['aliyun'],
      }),
    version: checked(
      (value) => DOCKER_VERSION.test(value),
      (value) => localized('fieldRules.dockerVersion', { value: show(value) }),
      localized('fieldRules.dockerVersionFix'),
      { what: localized('fieldRules.nouns.dockerVersion'), max: MAX_DOCKER_VERSION_LENGTH },
    )
      .optional()
      .meta({
        description: 'Pin a Docker version (default: newest available).',
        pattern: DOCKER_VERSION.source,
      }),
    offlineBundle: localPath(localized('fieldRules.nouns.offlineBundlePath')).optional().meta({
      description: 'Archive of Docker packages on this machine, for install: offline. 离线安装包。',
    }),
    removeConflicting: z.boolean().default(INVENTORY_DEFAULTS.docker.removeConflicting).meta({
      description: 'Remove podman-docker, docker.io etc. that conflict with the chosen install.',
    }),
    daemon: DaemonSchema.optional(),
  })
  .superRefine((docker, ctx) => {
    if (docker.install === 'mirror' && docker.mirror === undefined) {
      addWordsIssue(
        ctx,
        localized('fieldRules.dockerMirrorMissing'),
        localized('fieldRules.dockerMirrorMissingFix', { mirrors: DOCKER_MIRRORS.join(' | ') }),
        { input: docker, path: ['mirror'] },
      );
    }
    if (docker.install === 'offline' && docker.offlineBundle === undefined) {
      addWordsIssue(
        ctx,
        localized('fieldRules.bundleMissing'),
        localized('fieldRules.bundleMissingFix'),
        { input: docker, path: ['offlineBundle'] },
      );
    }
  })
  .meta({ title: 'Docker' });

const RESERVED_NETWORKS = ['ingress', 'bridge', 'host', 'none', 'docker_gwbridge'];

export const NetworkSchema = z
  .strictObject({
    name: checked(
      (value) => isDockerName(value) && value.length <= 64 && !RESERVED_NETWORKS.includes(value),
      (value) =>
        localized(
          RESERVED_NETWORKS.includes(value)
            ? 'fieldRules.networkReserved'
            : 'fieldRules.networkName',
          { value: show(value) },
        ),
      localized('fieldRules.networkNameFix'),
    )
      .default(INVENTORY_DEFAULTS.network.name)
      .meta({ description: 'Overlay network name. 网络名。' }),
    subnet: checked(
      (value) => {
        const block = parseCidr4(value);
        return (
          block !== undefined && block.network === value && block.prefix >= 8 && block.prefix <= 29
        );
      },
      (value) => {
        const block = parseCidr4(value);
        const shown = { value: show(value) };
        if (!block) return localized('validation.subnetNotCidr', shown);
        if (block.network !== value) return localized('validation.subnetBits', shown);
        return localized(
          block.prefix < 8 ? 'validation.subnetTooLarge' : 'validation.subnetTooSmall',
          shown,
        );
      },
      (value) => {
        const block = parseCidr4(value);
        return block && block.network !== value
          ? localized('validation.subnetBitsFix', { network: show(block.network) })
          : localized('validation.subnetFix');
      },
    )
      .default(INVENTORY_DEFAULTS.network.subnet)
      .meta({
        description:
          'Overlay subnet (CIDR). Keep it away from host addresses and 172.17.0.0/16. 子网。',
      }),
    attachable: z
      .boolean()
      .default(INVENTORY_DEFAULTS.network.attachable)
      .meta({ description: 'Standalone containers may join (docker run --network).' }),
    encrypted: z
      .boolean()
      .default(INVENTORY_DEFAULTS.network.encrypted)
      .meta({ description: 'IPsec between nodes (needs IP protocol 50 open).' }),
    mtu: z.number().int().min(68).max(65535).optional(),
  })
  .meta({ title: 'Overlay network' });

const INTERFACE = /^[A-Za-z0-9_.:@-]{1,15}$/;

export const SwarmSchema = z
  .strictObject({
    advertiseInterface: checked(
      (value) => INTERFACE.test(value),
      (value) => localized('fieldRules.interface', { value: show(value) }),
      localized('fieldRules.interfaceFix'),
    )
      .optional()
      .meta({ description: 'Interface whose address managers advertise, e.g. ens33. 网卡。' }),
    dataPathAddr: checked(
      (value) => isIPv4(value) || isIPv6(value) || INTERFACE.test(value),
      (value) => localized('fieldRules.dataPathAddr', { value: show(value) }),
      localized('fieldRules.dataPathAddrFix'),
    )
      .optional()
      .meta({ description: 'Address or interface for data traffic (--data-path-addr).' }),
    dataPathPort: z
      .number()
      .int()
      .min(1024)
      .max(49151)
      .optional()
      .meta({ description: 'VXLAN port (default 4789; Docker accepts 1024–49151).' }),
    network: NetworkSchema.prefault({}),
  })
  .meta({ title: 'Swarm' });

/** Image references: [registry[:port]/]path[:tag][@sha256:digest]. */
const IMAGE_REF =
  /^(?:(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d+)?)\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

export const VerifySchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(INVENTORY_DEFAULTS.verify.enabled)
      .meta({ description: 'Deploy a test service and check it runs on every node.' }),
    image: checked(
      (value) => IMAGE_REF.test(value),
      (value) => localized('fieldRules.image', { value: show(value) }),
      localized('fieldRules.imageFix'),
      { what: localized('fieldRules.nouns.imageReference'), max: MAX_IMAGE_REFERENCE_LENGTH },
    )
      .default(INVENTORY_DEFAULTS.verify.image)
      .meta({ description: 'Image of the test service. 验证镜像。' }),
    imageArchive: localPath(localized('fieldRules.nouns.imageArchivePath')).optional().meta({
      description:
        '`docker save` archive on this machine, loaded on every node (no registry needed).',
    }),
    replicasPerNode: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(INVENTORY_DEFAULTS.verify.replicasPerNode),
    keepService: z
      .boolean()
      .default(INVENTORY_DEFAULTS.verify.keepService)
      .meta({ description: 'Leave the test service running afterwards.' }),
  })
  .meta({ title: 'Verification' });

// ---------------------------------------------------------------------------------------
// The inventory

export const InventorySchema = z
  .strictObject({
    name: nonEmptyText(localized('fieldRules.nouns.name'))
      .superRefine(
        must(
          (value: string) => value.length <= 100,
          localized('fieldRules.nameTooLong'),
          localized('fieldRules.nameTooLongFix'),
        ),
      )
      .default(INVENTORY_DEFAULTS.name)
      .meta({ description: 'Name of this swarm, used in reports. 名称。' }),
    jumpHost: JumpHostSchema.optional(),
    defaults: HostDefaultsSchema.prefault({}),
    hosts: z
      .array(HostSchema)
      .min(1)
      .meta({ description: 'The machines to turn into a swarm. 主机列表。' }),
    prepare: PrepareSchema.prefault({}),
    docker: DockerSchema.prefault({}),
    swarm: SwarmSchema.prefault({}),
    verify: VerifySchema.prefault({}),
  })
  .meta({
    title: 'swarmlab inventory',
    description: 'Hosts, credentials and options for building a Docker Swarm with swarmlab.',
  });

/** An inventory after validation: every option has its default filled in. */
export type Inventory = z.output<typeof InventorySchema>;
/** An inventory as written by hand or by the wizard: most fields optional. */
export type InventoryInput = z.input<typeof InventorySchema>;
export type Host = z.output<typeof HostSchema>;
export type HostDefaults = z.output<typeof HostDefaultsSchema>;
export type JumpHost = z.output<typeof JumpHostSchema>;
export type Role = z.output<typeof roleSchema>;
export type PrepareOptions = z.output<typeof PrepareSchema>;
export type DockerOptions = z.output<typeof DockerSchema>;
export type SwarmOptions = z.output<typeof SwarmSchema>;
export type NetworkOptions = z.output<typeof NetworkSchema>;
export type VerifyOptions = z.output<typeof VerifySchema>;
