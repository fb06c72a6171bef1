// GUIDs derived from our ids, so the same library always exports the same identifiers (exports can be
// diffed and compared to golden files) while formats that demand GUIDs (REFI-QDA) get valid ones.
// Not cryptographic: four FNV-1a passes with different seeds, which is plenty to keep ids apart.

function fnv1a(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function stableGuid(kind: string, key: string): string {
  const input = `${kind}\u0000${key}`;
  const hex = [0x9e37, 0x85eb, 0xc2b2, 0x27d4].map((seed) => fnv1a(input, seed).toString(16).padStart(8, '0')).join('');
  // Shape it as an RFC 9562 version-8 ("custom") UUID.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
