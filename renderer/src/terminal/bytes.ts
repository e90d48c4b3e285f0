/**
 * Raw bytes ⇄ the base64 text frames carry. Nothing here decodes UTF-8 output: xterm.js gets
 * the bytes and keeps an incomplete character until its next write completes it.
 */

const encoder = new TextEncoder();

/** Typed input (a JS string from xterm's onData) as UTF-8 bytes, base64-encoded. */
export function inputToBase64(text: string): string {
  return bytesToBase64(encoder.encode(text));
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunked: String.fromCharCode with a huge argument list overflows the stack.
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

/** Chromium ≥ 140 decodes base64 natively; older engines (and Node in unit tests) do not. */
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array })
  .fromBase64;

export function base64ToBytes(text: string): Uint8Array {
  if (nativeFromBase64) return nativeFromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
