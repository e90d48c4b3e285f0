/**
 * Input frames carry base64 of the raw bytes (output arrives as bytes and goes to xterm.js
 * as it is, which keeps an incomplete UTF-8 character until its next write completes it).
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
