/**
 * The pieces the channel table (channels.ts) is written with, and the types derived from it.
 * An entry is plain data (its id and request schema); its response and payload types ride
 * along as type parameters only, in the manner of Freelens's getRequestChannel<Req, Res>(id).
 */
import type { z } from 'zod';
import { emptyRequestSchema } from './common';

/** renderer → main: one request, one answer. */
export interface InvokeEntry<
  Id extends string = string,
  Request extends z.ZodType = z.ZodType,
  Response = unknown,
  TakesRequest extends boolean = boolean,
> {
  readonly kind: 'invoke';
  readonly id: Id;
  /** The schema main parses every payload with before its handler runs. */
  readonly request: Request;
  /** False for channels that carry nothing: their window.api function takes no argument. */
  readonly takesRequest: TakesRequest;
  /** Type only, never set: what the handler answers. */
  readonly response?: Response;
}

/** main → renderer: pushed to the window, listened to through an onX function. */
export interface EventEntry<Id extends string = string, Payload = unknown> {
  readonly kind: 'event';
  readonly id: Id;
  /** Type only, never set. */
  readonly payload?: Payload;
}

export type ChannelEntry = InvokeEntry | EventEntry;

/** window.api's shape: each key is a name on window.api, each leaf one channel. */
export interface ChannelTree {
  readonly [name: string]: ChannelEntry | ChannelTree;
}

/** An invoke channel whose payload its schema checks: `invoke(id, schema).returns<R>()`. */
export function invoke<const Id extends string, Request extends z.ZodType>(
  id: Id,
  request: Request,
) {
  return {
    returns: <Response>(): InvokeEntry<Id, Request, Response, true> => ({
      kind: 'invoke',
      id,
      request,
      takesRequest: true,
    }),
  };
}

/** An invoke channel that carries nothing (main still refuses any payload but `{}`). */
export function query<const Id extends string>(id: Id) {
  return {
    returns: <Response>(): InvokeEntry<Id, typeof emptyRequestSchema, Response, false> => ({
      kind: 'invoke',
      id,
      request: emptyRequestSchema,
      takesRequest: false,
    }),
  };
}

/** A main → renderer channel: `event(id).carries<Payload>()`. */
export function event<const Id extends string>(id: Id) {
  return { carries: <Payload>(): EventEntry<Id, Payload> => ({ kind: 'event', id }) };
}

export function isChannelEntry(node: ChannelEntry | ChannelTree): node is ChannelEntry {
  return (node.kind === 'invoke' || node.kind === 'event') && typeof node.id === 'string';
}

/** Every entry of a table with its path on window.api ("run.start"), in declaration order. */
export function tableEntries(tree: ChannelTree, prefix = ''): [path: string, ChannelEntry][] {
  return Object.entries(tree).flatMap(([name, node]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    return isChannelEntry(node)
      ? [[path, node] as [string, ChannelEntry]]
      : tableEntries(node, path);
  });
}

// ---------------------------------------------------------------------------------------
// Types derived from a table.

/** The union of a table's entries. */
export type EntriesOf<T> = T extends ChannelEntry
  ? T
  : T extends ChannelTree
    ? { [K in keyof T]: EntriesOf<T[K]> }[keyof T]
    : never;

type ResponseOfEntry<E> = E extends InvokeEntry<string, z.ZodType, infer R> ? R : never;
type PayloadOfEntry<E> = E extends EventEntry<string, infer P> ? P : never;

/** Request and response of each invoke channel, by id. */
export type InvokeContractOf<T> = {
  [E in Extract<EntriesOf<T>, InvokeEntry> as E['id']]: {
    request: z.output<E['request']>;
    response: ResponseOfEntry<E>;
  };
};

/** The request schema of each invoke channel, by id. */
export type RequestSchemasOf<T> = {
  [E in Extract<EntriesOf<T>, InvokeEntry> as E['id']]: E['request'];
};

/** Payload of each event channel, by id. */
export type EventContractOf<T> = {
  [E in Extract<EntriesOf<T>, EventEntry> as E['id']]: PayloadOfEntry<E>;
};

/** Stops a subscription. */
export type Unsubscribe = () => void;

/** What window.api holds for a table: a function per invoke channel, onX per event channel. */
export type BridgeOf<T> =
  T extends InvokeEntry<string, infer Request, infer Response, infer TakesRequest>
    ? TakesRequest extends true
      ? (request: z.output<Request>) => Promise<Response>
      : () => Promise<Response>
    : T extends EventEntry<string, infer Payload>
      ? (listener: (payload: Payload) => void) => Unsubscribe
      : { -readonly [K in keyof T]: BridgeOf<T[K]> };
