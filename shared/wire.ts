// JSON for the HTTP transport. Bytes (an imported file, a PDF to render) travel as base64 in
// { "$bytes": "..." }; Electron's IPC needs none of this because structured clone carries them.

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? { $bytes: toBase64(v) } : v));
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const bytes = (v as { $bytes?: unknown }).$bytes;
      if (keys.length === 1 && typeof bytes === 'string') return fromBase64(bytes);
    }
    return v;
  });
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 3 * 4096; // whole groups of three bytes, so chunks concatenate cleanly
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    const end = Math.min(offset + CHUNK, bytes.length);
    let out = '';
    for (let i = offset; i < end; i += 3) {
      const a = bytes[i]!;
      const b = i + 1 < end ? bytes[i + 1]! : 0;
      const c = i + 2 < end ? bytes[i + 2]! : 0;
      out += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | (b >> 4)]!;
      out += i + 1 < end ? ALPHABET[((b & 15) << 2) | (c >> 6)]! : '=';
      out += i + 2 < end ? ALPHABET[c & 63]! : '=';
    }
    parts.push(out);
  }
  return parts.join('');
}

export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  if (clean.length % 4 === 1) throw new Error('Invalid base64 data.');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const n = [0, 1, 2, 3].map((k) => (i + k < clean.length ? LOOKUP[clean.charCodeAt(i + k)] ?? -1 : 0));
    if (n.some((x) => x < 0)) throw new Error('Invalid base64 data.');
    const [a, b, c, d] = n as [number, number, number, number];
    out[o++] = (a << 2) | (b >> 4);
    if (i + 2 < clean.length) out[o++] = ((b & 15) << 4) | (c >> 2);
    if (i + 3 < clean.length) out[o++] = ((c & 3) << 6) | d;
  }
  return out;
}
