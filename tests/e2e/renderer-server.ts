/**
 * Serves the built renderer to the test browser on loopback and stands in for Electron's IPC
 * between it and the handler layer in this process.
 *
 * A plain Chromium has no IPC pipe to a Node process, so messages travel over a WebSocket on
 * the page's own loopback origin (the app's CSP allows `connect-src 'self'`, nothing wider).
 * Electron's renderer takes IPC messages off its pipe on the IO thread and posts each whole
 * message to the main thread as one task; a WebSocket read on the main thread would instead
 * pull a large message through in many small reads, each waiting behind xterm.js's parsing.
 * So a worker owns the socket and posts every message whole, its buffer transferred — the
 * shape of IPC. Only the top frame starts the worker, as Electron's preload runs only there.
 *
 * Messages:
 * - page → main: text `{"request": id, "channel": c, "payload": p}`;
 * - main → page: text `{"reply": id, "value": v}` or `{"reply": id, "error": "…"}`, text
 *   `{"event": [channel, payload]}`, or a binary event (see encodeEvent).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';

const SOCKET_PATH = '/__swarmlab/ipc';
/** The worker the page starts (see WORKER_SOURCE). */
export const IPC_WORKER_PATH = '/__swarmlab/ipc-worker.js';

/** Relays both ways between the page and the socket, one whole message per task. */
const WORKER_SOURCE = `const socket = new WebSocket('ws://' + location.host + ${JSON.stringify(SOCKET_PATH)});
socket.binaryType = 'arraybuffer';
const outbox = [];
socket.onopen = () => { for (const message of outbox.splice(0)) socket.send(message); };
socket.onmessage = (message) =>
  typeof message.data === 'string' ? postMessage(message.data) : postMessage(message.data, [message.data]);
onmessage = (message) =>
  socket.readyState === WebSocket.OPEN ? socket.send(message.data) : outbox.push(message.data);
`;

/**
 * An event as a WebSocket message. Structured clone carries a Uint8Array as bytes, so a
 * payload with a Uint8Array field (at its top level: terminal output) goes as binary — a
 * 4-byte big-endian header length, the header as UTF-8 JSON (the event without that field,
 * plus the field's name), then the bytes. Anything else is JSON text.
 */
export function encodeEvent(message: [string, unknown]): string | Buffer {
  const [channel, payload] = message;
  if (payload && typeof payload === 'object') {
    for (const [field, value] of Object.entries(payload)) {
      if (!(value instanceof Uint8Array)) continue;
      const rest = Object.fromEntries(Object.entries(payload).filter(([key]) => key !== field));
      const header = Buffer.from(JSON.stringify({ event: [channel, rest], field }));
      const length = Buffer.alloc(4);
      length.writeUInt32BE(header.byteLength);
      return Buffer.concat([length, header, value]);
    }
  }
  return JSON.stringify({ event: message });
}

/**
 * The page's side (plain JS, runs in the page as written): a function of the worker's message
 * data that returns `{event}` or `{reply, value | error}`.
 */
export const PAGE_DECODER_SOURCE = `(data) => {
  if (typeof data === 'string') return JSON.parse(data);
  const length = new DataView(data).getUint32(0);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(data, 4, length)));
  header.event[1][header.field] = new Uint8Array(data, 4 + length);
  return { event: header.event };
}`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

export type RequestHandler = (channel: string, payload: unknown) => Promise<unknown>;

export interface RendererServer {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** Sends one event to the page (queued until the page has connected). */
  send(message: [string, unknown]): void;
  /** Resolves once every message sent so far has left this process. */
  drained(): Promise<void>;
  close(): Promise<void>;
}

export async function serveRenderer(
  root: string,
  onRequest: RequestHandler,
): Promise<RendererServer> {
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      // Chromium asks an http origin for its icon; the app (loaded from a file) has none.
      if (path === '/favicon.ico') {
        response.writeHead(204).end();
        return;
      }
      if (path === IPC_WORKER_PATH) {
        response.writeHead(200, { 'content-type': CONTENT_TYPES['.js'] });
        response.end(WORKER_SOURCE);
        return;
      }
      const file = normalize(join(root, path === '/' ? 'index.html' : path));
      if (!file.startsWith(root + sep)) {
        response.writeHead(403).end();
        return;
      }
      try {
        const body = await readFile(file);
        response.writeHead(200, {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        });
        response.end(body);
      } catch {
        response.writeHead(404).end();
      }
    })();
  });
  const sockets = new WebSocketServer({ server, path: SOCKET_PATH });
  let page: WebSocket | undefined;
  let pending: (string | Buffer)[] = [];
  const deliver = (message: string | Buffer): void => {
    if (page && page.readyState === page.OPEN) page.send(message);
    else pending.push(message);
  };
  sockets.on('connection', (socket) => {
    // A reload connects again: the newest page is the one that gets events.
    page = socket;
    for (const message of pending) socket.send(message);
    pending = [];
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const { request, channel, payload } = JSON.parse(String(data)) as {
        request: number;
        channel: string;
        payload: unknown;
      };
      onRequest(channel, payload).then(
        (value) => socket.send(JSON.stringify({ reply: request, value })),
        (error: unknown) =>
          socket.send(
            JSON.stringify({
              reply: request,
              error: error instanceof Error ? error.message : String(error),
            }),
          ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    send: (message) => deliver(encodeEvent(message)),
    async drained() {
      while (page && page.readyState === page.OPEN && page.bufferedAmount > 0) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async close() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
