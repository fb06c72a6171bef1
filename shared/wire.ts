// The HTTP transport's message format (browser mode). A value travels as JSON; the byte arrays in it
// (a file to import, an export's result) do not: each is replaced in the JSON by {"$part": n} and sent
// raw after the JSON, so a 200 MB file is neither turned into base64 text nor parsed as JSON. The
// `Apostil-Parts` header gives the layout ("<JSON bytes>,<part 0 bytes>,…") before a byte of the body
// is read, so the host refuses a body over its limits without reading it. A value without bytes is
// plain JSON. Electron's IPC needs none of this: structured clone carries bytes.

export const PARTS_HEADER = 'Apostil-Parts';
export const PARTS_CONTENT_TYPE = 'application/vnd.apostil.parts';
/** More parts than any call carries (one file each today). */
export const MAX_PARTS = 16;

/** A value ready to send: the JSON's bytes, the raw parts in order, and the header giving the layout. */
export interface PartsMessage {
  json: Uint8Array;
  parts: Uint8Array[];
  layout: string;
}

// shared/ sees no DOM or Node types; browsers, Electron and Node all have these.
interface TextGlobals {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new (label?: string, options?: { fatal?: boolean }) => { decode(bytes: Uint8Array): string };
}
const { TextEncoder, TextDecoder } = globalThis as unknown as TextGlobals;

/** The value as a parts message if it holds bytes, else null (send it as plain JSON). */
export function encodeParts(value: unknown): PartsMessage | null {
  const parts: Uint8Array[] = [];
  const text = JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    // The holder's own value: a Node Buffer has already become {type, data} by toJSON in `v`.
    const raw = this[key];
    if (!(raw instanceof Uint8Array)) return v;
    parts.push(raw);
    return { $part: parts.length - 1 };
  });
  if (parts.length === 0) return null;
  const json = new TextEncoder().encode(text);
  return { json, parts, layout: [json.byteLength, ...parts.map((p) => p.byteLength)].join(',') };
}

/** The header's layout as [JSON bytes, part bytes…], or null if it is not one. */
export function parseLayout(header: string): number[] | null {
  const fields = header.split(',');
  if (fields.length < 2 || fields.length > MAX_PARTS + 1) return null;
  const sizes = fields.map((field) => (/^\d{1,15}$/.test(field.trim()) ? Number(field.trim()) : NaN));
  return sizes.every(Number.isSafeInteger) ? sizes : null;
}

/** The value of a parts message: its JSON with each {"$part": n} replaced by part n. */
export function decodeParts(json: Uint8Array, parts: readonly Uint8Array[]): unknown {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(json);
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const index = (v as { $part?: unknown }).$part;
      if (keys.length === 1 && typeof index === 'number') {
        const part = parts[index];
        if (!part) throw new Error(`the request names part ${index}, which it does not carry`);
        return part;
      }
    }
    return v;
  });
}
