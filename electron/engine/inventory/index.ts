/** The inventory: a typed model of hosts and options, its validation, YAML and secrets. */
export type {
  Host,
  HostDefaults,
  Inventory,
  InventoryInput,
  JumpHost,
  Role,
  PrepareOptions,
  DockerOptions,
  SwarmOptions,
  NetworkOptions,
  VerifyOptions,
} from './schema';
export { InventorySchema, HostSchema, HostDefaultsSchema, JumpHostSchema } from './schema';
export type { DaemonConfig } from './daemon';
export { DaemonSchema, DAEMON_KEYS } from './daemon';
export type { Issue, ValidationResult, PathSegment } from './issues';
export { formatIssue, formatIssues, formatPath } from './issues';
export type { InventoryResult, ValidateOptions } from './validate';
export { validateInventory, toleratedFailures } from './validate';
export type {
  ResolvedHost,
  ResolvedJumpHost,
  ResolvedAuth,
  SecretSource,
  HostSecrets,
  SecretKind,
  SecretEnv,
  SecretAnswers,
  MissingSecret,
  SecretsResolution,
} from './resolve';
export {
  resolveHosts,
  resolveJumpHost,
  resolveSecrets,
  missingSecrets,
  neededDespiteAppKey,
  secretValues,
  hostId,
  JUMP_HOST_TARGET,
} from './resolve';
export type { LoadResult, InventorySource, InventoryFileText, SaveOptions } from './yaml';
export {
  loadInventory,
  parseInventory,
  readInventoryFile,
  saveInventory,
  INLINE_SECRET_FIELDS,
} from './yaml';
export { MAX_INVENTORY_BYTES } from './limits';
export type { LineIssue, AddressList, HostsFileEntry, HostsFileList } from './host-lists';
export { expandAddressRange, parseHostsFileLines, MAX_EXPANDED_ADDRESSES } from './host-lists';
export { inventoryJsonSchema } from './json-schema';
