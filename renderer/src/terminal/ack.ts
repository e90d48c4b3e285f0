/**
 * The renderer's half of flow control (contract/terminal-flow.ts): count the bytes xterm.js
 * has parsed (its write callback) and acknowledge them in batches of ACK_SIZE_BYTES. Bytes
 * not yet acknowledged are fewer than ACK_SIZE_BYTES, itself below the low watermark, so a
 * leftover can never keep main paused.
 */
export class AckBatcher {
  private parsedBytes = 0;

  constructor(
    private readonly ackSize: number,
    private readonly send: (bytes: number) => void,
  ) {}

  /** Call from xterm's write callback with the size of the frame it finished parsing. */
  parsed(bytes: number): void {
    this.parsedBytes += bytes;
    if (this.parsedBytes >= this.ackSize) {
      const bytesToAck = this.parsedBytes;
      this.parsedBytes = 0;
      this.send(bytesToAck);
    }
  }

  /** Forget what was counted (the session reconnected; main reset its side too). */
  reset(): void {
    this.parsedBytes = 0;
  }
}
