// Bytes to a string for the text formats. UTF-8 is the norm; a byte-order mark or (for HTML) a declared
// charset says otherwise; anything else that is not valid UTF-8 is almost always Windows-1252.

export interface Decoded {
  text: string;
  encoding: string;
  warnings: string[];
}

function decoder(label: string, fatal: boolean): TextDecoder | null {
  try {
    return new TextDecoder(label, { fatal });
  } catch {
    return null; // unknown label
  }
}

/** Decodes text bytes; `declaredCharset` is an HTML page's own <meta charset>, if any. */
export function decodeText(fileName: string, bytes: Uint8Array, declaredCharset: string | null = null): Decoded {
  // A BOM decides (TextDecoder strips it).
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le', warnings: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be', warnings: [] };

  try {
    // Valid UTF-8 wins even over a declaration: pages declaring Latin-1 while serving UTF-8 are common.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', warnings: [] };
  } catch {
    // fall through: not UTF-8
  }

  const declared = declaredCharset ? decoder(declaredCharset, false) : null;
  if (declared && declared.encoding !== 'utf-8' && !declared.encoding.startsWith('utf-16')) {
    return { text: declared.decode(bytes), encoding: declared.encoding, warnings: [] };
  }
  return {
    text: new TextDecoder('windows-1252').decode(bytes),
    encoding: 'windows-1252',
    warnings: [
      `"${fileName}" is not valid UTF-8, so it was read as Windows-1252 (Western European). If some characters look wrong, save the file as UTF-8 and import it again.`,
    ],
  };
}

/** The charset an HTML page declares in its first kilobytes (<meta charset> or http-equiv). */
export function sniffHtmlCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 4096));
  const match =
    /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)/i.exec(head);
  return match?.[1] ?? null;
}
