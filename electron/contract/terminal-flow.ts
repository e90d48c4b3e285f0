/**
 * Terminal flow control, shared by main (which pauses the producer) and the renderer (which
 * acknowledges what xterm.js has parsed). Plain constants with no imports, like channels.ts,
 * so the renderer and the engine-side bench read the same numbers.
 *
 * The scheme is VS Code's FlowControlConstants (src/vs/platform/terminal/common/terminal.ts)
 * and xterm.js's flow-control guide: the renderer acknowledges output from xterm's write
 * callback, i.e. once it is parsed, not when it arrived. Main counts what it sent and has not
 * seen acknowledged; above the high watermark it pauses the ssh2 channel or the pty, below the
 * low one it resumes. Counted in bytes, because frames carry raw bytes (xterm decodes UTF-8).
 *
 * Why these sizes (VS Code uses 100 000 / 5 000 / 5 000 characters over a cheap local IPC):
 * our frames cross Electron IPC (or the e2e harness's stand-in for it) and each ack is a round
 * trip, so a window of 100 kB would cap throughput at window / round-trip time. With 2 MiB of
 * window, a 15 ms round trip still allows ~130 MiB/s, above what xterm parses. The high
 * watermark also bounds memory: the renderer never holds more than HIGH + one frame of
 * unparsed output, and ssh2 stops granting window to the remote side while the channel is
 * paused, so `yes` cannot grow anything without bound. Ctrl+C waits at most for the backlog
 * (≤ 2 MiB, well under a second at xterm's parse rate) to drain.
 */
export const TERMINAL_FLOW = {
  /** Unacknowledged bytes above which main pauses the producer. */
  HIGH_WATERMARK_BYTES: 2 * 1024 * 1024,
  /** Unacknowledged bytes below which a paused producer is resumed. */
  LOW_WATERMARK_BYTES: 512 * 1024,
  /** The renderer acknowledges once this many bytes have been parsed (fewer IPC messages). */
  ACK_SIZE_BYTES: 128 * 1024,
  /**
   * Main merges producer chunks for this long before sending one frame (VS Code's
   * TerminalDataBufferer uses 5 ms): fewer, larger frames, no visible latency.
   */
  FRAME_THROTTLE_MS: 5,
  /** A frame is sent at once when it grows past this, whatever the throttle. */
  MAX_FRAME_BYTES: 256 * 1024,
} as const;
