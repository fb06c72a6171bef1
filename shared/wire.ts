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

// Base64 without a per-character string loop: a PDF of a few megabytes must not spend a tenth of a
// second here (String.fromCharCode over the bytes did, on Node). Encoding goes through a lookup table
// into bytes that TextDecoder turns into a string; decoding uses the runtime's atob. Browsers, Electron
// and Node all have both; shared/ sees no DOM or Node types, hence the declarations.
interface Base64Globals {
  atob(base64: string): string;
  TextDecoder: new () => { decode(bytes: Uint8Array): string };
}
const { atob, TextDecoder } = globalThis as unknown as Base64Globals;
const ALPHABET = Uint8Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', (c) => c.charCodeAt(0));
const PAD = 61; // "="

export function toBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  const whole = bytes.length - (bytes.length % 3);
  let j = 0;
  for (let i = 0; i < whole; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[j++] = ALPHABET[v >> 18]!;
    out[j++] = ALPHABET[(v >> 12) & 63]!;
    out[j++] = ALPHABET[(v >> 6) & 63]!;
    out[j++] = ALPHABET[v & 63]!;
  }
  if (whole < bytes.length) {
    const v = (bytes[whole]! << 16) | ((bytes[whole + 1] ?? 0) << 8);
    out[j++] = ALPHABET[v >> 18]!;
    out[j++] = ALPHABET[(v >> 12) & 63]!;
    out[j++] = whole + 1 < bytes.length ? ALPHABET[(v >> 6) & 63]! : PAD;
    out[j] = PAD;
  }
  return new TextDecoder().decode(out);
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
