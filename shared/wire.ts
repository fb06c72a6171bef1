// JSON for the HTTP transport. Bytes (an imported file, a PDF to render) travel as base64 in
// { "$bytes": "..." }; Electron's IPC needs none of this because structured clone carries them.

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? { $bytes: toBase64(v) } : v));
}

export function decodeWire(text: string): unknown {
  // A reviver slows JSON.parse down several times; most answers (a document's text) carry no bytes.
  if (!text.includes('"$bytes"')) return JSON.parse(text);
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const bytes = (v as { $bytes?: unknown }).$bytes;
      if (keys.length === 1 && typeof bytes === 'string') return fromBase64(bytes);
    }
    return v;
  });
}

// Base64 through the runtime's own atob/btoa (browsers, Electron and Node all have them): a PDF of a
// few megabytes must not spend a second in a JavaScript loop.
interface Base64Globals {
  btoa(binary: string): string;
  atob(base64: string): string;
}
const { atob, btoa } = globalThis as unknown as Base64Globals;
const BINARY_CHUNK = 0x8000;

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += BINARY_CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + BINARY_CHUNK));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new Error('Invalid base64 data.');
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
