// pdf.js's standard fonts, CMaps and wasm decoders, fetched from the app once a session and kept
// (a few MB at most: the whole of the assets folder). pdf.js's worker fetches them itself for each
// document it opens, again every time: an article set in the standard fonts asked the app for the
// same four font files (310 kB) at every open, one after another, while its first page waited.
// Given to pdf.js as its BinaryDataFactory (with useWorkerFetch off): the worker asks the page,
// which answers from here.

export type AssetKind = 'cMapUrl' | 'standardFontDataUrl' | 'wasmUrl';

const kept = new Map<string, Promise<Uint8Array>>();

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url, { credentials: 'omit' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** What pdf.js's getDocument takes as `BinaryDataFactory`: constructed with the assets' base URLs. */
export class KeptAssets {
  private readonly bases: Partial<Record<AssetKind, string | null>>;

  constructor(bases: Partial<Record<AssetKind, string | null>>) {
    this.bases = bases;
  }

  async fetch({ kind, filename }: { kind: AssetKind; filename: string }): Promise<Uint8Array> {
    const base = this.bases[kind];
    if (!base) throw new Error(`pdf.js asked for ${kind} data, which the app does not provide.`);
    const url = `${base}${filename}`;
    let bytes = kept.get(url);
    if (!bytes) {
      bytes = fetchBytes(url);
      kept.set(url, bytes);
      // A failed fetch is not kept: the next document tries again.
      bytes.catch(() => kept.delete(url));
    }
    try {
      // A copy: what pdf.js is handed may be transferred to its worker.
      return (await bytes).slice();
    } catch (error) {
      throw new Error(`Unable to load pdf.js data at ${url} (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
    }
  }
}
