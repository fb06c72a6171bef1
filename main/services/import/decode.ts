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

  // Mostly UTF-8 with a few broken bytes (a download cut mid-character, one bad byte): reading it all
  // as Windows-1252 would garble every accented letter, so keep UTF-8 and mark only the broken bytes.
  const quality = utf8Quality(bytes);
  if (quality.multibyte > 0 && quality.invalid <= Math.max(3, quality.multibyte / 20)) {
    return {
      text: new TextDecoder('utf-8').decode(bytes),
      encoding: 'utf-8',
      warnings: [
        `"${fileName}" is not entirely valid UTF-8: ${quality.invalid === 1 ? '1 byte' : `${quality.invalid} bytes`} (the first at byte ${quality.firstInvalid}) could not be read and show as "\uFFFD". The file may be damaged or cut short; import a complete copy to fix it.`,
      ],
    };
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

/** Valid multi-byte UTF-8 sequences and invalid bytes in `bytes` (a strict UTF-8 reading). */
export function utf8Quality(bytes: Uint8Array): { multibyte: number; invalid: number; firstInvalid: number } {
  let multibyte = 0;
  let invalid = 0;
  let firstInvalid = -1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    // Overlong forms and surrogates (E0 80-9F, ED A0-BF, F0 80-8F, F4 90+) are invalid too.
    if (ok && length === 3) ok = !(b === 0xe0 && bytes[i + 1]! < 0xa0) && !(b === 0xed && bytes[i + 1]! >= 0xa0);
    if (ok && length === 4) ok = !(b === 0xf0 && bytes[i + 1]! < 0x90) && !(b === 0xf4 && bytes[i + 1]! >= 0x90);
    if (!ok) {
      if (firstInvalid === -1) firstInvalid = i;
      invalid++;
      i++;
    } else {
      if (length > 1) multibyte++;
      i += length;
    }
  }
  return { multibyte, invalid, firstInvalid };
}

/** The charset an HTML page declares in its first kilobytes (<meta charset> or http-equiv). */
export function sniffHtmlCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 4096));
  const match =
    /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)/i.exec(head);
  return match?.[1] ?? null;
}
