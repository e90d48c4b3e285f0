/**
 * Every IPC channel name, declared once. Plain constants with no imports, so the sandboxed
 * preload can bundle them without pulling in zod.
 */

export const appChannels = { info: 'app:info', openExternal: 'app:open-external' } as const;

export const inventoryChannels = {
  validate: 'inventory:validate',
  expandRange: 'inventory:expand-range',
  parseHostsLines: 'inventory:parse-hosts-lines',
  parseYaml: 'inventory:parse-yaml',
  importFile: 'inventory:import-file',
  exportFile: 'inventory:export-file',
} as const;

export const runChannels = {
  stepCatalog: 'run:step-catalog',
  start: 'run:start',
  cancel: 'run:cancel',
  retryStep: 'run:retry-step',
  continuePastHost: 'run:continue-past-host',
  events: 'run:events',
  /** main → renderer: one event of a run, as it happens. */
  event: 'run:event',
} as const;

export const connectionChannels = {
  test: 'connection:test',
  forgetHostKey: 'connection:forget-host-key',
  pickKeyFile: 'connection:pick-key-file',
} as const;

export const profileChannels = {
  list: 'profiles:list',
  save: 'profiles:save',
  load: 'profiles:load',
  remove: 'profiles:remove',
  secretStorage: 'profiles:secret-storage',
} as const;

export const reportChannels = {
  build: 'report:build',
  export: 'report:export',
} as const;

export const terminalChannels = {
  open: 'terminal:open',
  /** Every frame after open: input, resize, ack, reconnect, close. */
  frame: 'terminal:frame',
  /** main → renderer: data, state and exit of a terminal. */
  event: 'terminal:event',
} as const;

export const channels = {
  app: appChannels,
  inventory: inventoryChannels,
  connection: connectionChannels,
  run: runChannels,
  profiles: profileChannels,
  report: reportChannels,
  terminal: terminalChannels,
} as const;
