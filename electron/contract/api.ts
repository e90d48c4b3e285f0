/**
 * The IPC contract. Every channel is one entry of the channel table (channels.ts); the types
 * main and the preload are written against, and the schemas main validates payloads with,
 * are derived from it here. window.api exposes named, typed functions only (bridge.ts).
 */
import {
  tableEntries,
  type EventContractOf,
  type InvokeContractOf,
  type InvokeEntry,
  type RequestSchemasOf,
} from './channel-kit';
import { channelTable } from './channels';

export * from './app';
export type { SwarmlabApi } from './bridge';
export type { Unsubscribe } from './channel-kit';
export * from './channels';
export * from './common';
export * from './connection';
export * from './history';
export * from './inventory';
export * from './plan-preview';
export * from './profiles';
export * from './report';
export * from './run';
export * from './terminal';
export * from './terminal-flow';

/**
 * Request/response types of every invoke channel, keyed by channel id. Main's handler map
 * and the preload are both typed from this, so a channel cannot drift between them.
 */
export type InvokeContract = InvokeContractOf<typeof channelTable>;
export type InvokeChannel = keyof InvokeContract;
export type RequestOf<C extends InvokeChannel> = InvokeContract[C]['request'];
export type ResponseOf<C extends InvokeChannel> = InvokeContract[C]['response'];

/** main → renderer channels and their payloads. */
export type EventContract = EventContractOf<typeof channelTable>;
export type EventChannel = keyof EventContract;

/** The schema main validates each invoke channel's payload against, by channel id. */
export const requestSchemas = Object.fromEntries(
  tableEntries(channelTable).flatMap(([, entry]) =>
    entry.kind === 'invoke' ? [[entry.id, (entry as InvokeEntry).request]] : [],
  ),
) as RequestSchemasOf<typeof channelTable>;
