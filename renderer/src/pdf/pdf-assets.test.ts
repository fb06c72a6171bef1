import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeptAssets } from './pdf-assets';

describe('KeptAssets', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('fetches an asset once for every document, hands out copies, and tries again after a failure', async () => {
    const fetchMock = vi.fn(async (url: string) =>
      url.includes('Missing') ? new Response('Not found.', { status: 404 }) : new Response(new Uint8Array([1, 2, 3])),
    );
    vi.stubGlobal('fetch', fetchMock);
    const bases = { standardFontDataUrl: 'http://app/pdfjs/standard_fonts/', cMapUrl: null };
    // pdf.js makes a factory per document.
    const first = await new KeptAssets(bases).fetch({ kind: 'standardFontDataUrl', filename: 'FoxitSerif.pfb' });
    const second = await new KeptAssets(bases).fetch({ kind: 'standardFontDataUrl', filename: 'FoxitSerif.pfb' });
    expect(second).toEqual(new Uint8Array([1, 2, 3]));
    expect(second).not.toBe(first);
    expect(fetchMock).toHaveBeenCalledTimes(1);

    await expect(new KeptAssets(bases).fetch({ kind: 'standardFontDataUrl', filename: 'Missing.pfb' })).rejects.toThrow(/Missing.pfb \(HTTP 404\)/);
    await expect(new KeptAssets(bases).fetch({ kind: 'standardFontDataUrl', filename: 'Missing.pfb' })).rejects.toThrow();
    expect(fetchMock).toHaveBeenCalledTimes(3);
    await expect(new KeptAssets(bases).fetch({ kind: 'cMapUrl', filename: 'UniJIS-UCS2-H.bcmap' })).rejects.toThrow(/does not provide/);
  });
});
