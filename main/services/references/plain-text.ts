// Reference fields as plain Unicode text. Converters put markup into titles: HTML from BibTeX
// conversions and CSL "rich text" (<i>, <b>, <sup>, small-caps spans), MathML from publishers' feeds.
// Only known tag names are removed, so "<110> Si nanowires" or "0 < x < 0.1" stay as they are.

const TAGS = new Set(
  [
    'i', 'b', 'em', 'strong', 'u', 'sup', 'sub', 'inf', 'span', 'sc', 'small', 'tt', 'code', 'a', 'br', 'p', 'div', 'font', 'nocase',
    'math', 'mi', 'mo', 'mn', 'mrow', 'msub', 'msup', 'msubsup', 'mfrac', 'mtext', 'mspace', 'mover', 'munder', 'mstyle', 'semantics', 'annotation',
    'title', 'formula', 'tex', 'inline-formula', 'italic', 'bold', 'scp',
  ],
);

const TAG = /<\/?([a-z][\w:-]*)(?:\s+[\w:-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*\s*\/?>/gi;
const SCRIPTED = /<(sup|sub|inf)\b[^>]*>([^<]*)<\/\1>/gi;

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
  '+': '⁺', '-': '⁻', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', n: 'ⁿ', i: 'ⁱ',
};
const SUBSCRIPT: Record<string, string> = {
  '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
  '+': '₊', '-': '₋', '−': '₋', '=': '₌', '(': '₍', ')': '₎',
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '–', mdash: '—', hellip: '…' };

/** "H<sub>2</sub>O" → "H₂O", where every character has a Unicode sub- or superscript form. */
function scripted(tag: string, content: string): string {
  const table = tag.toLowerCase() === 'sup' ? SUPERSCRIPT : SUBSCRIPT;
  const chars = [...content.trim()];
  return chars.length > 0 && chars.every((c) => table[c]) ? chars.map((c) => table[c]).join('') : content;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Markup removed (sub/superscripts kept as Unicode where they can be), entities decoded, spacing tidied. */
export function plainText(value: string): string {
  const text = value
    .replace(SCRIPTED, (_whole, tag: string, content: string) => scripted(tag, content))
    .replace(TAG, (whole, name: string) => (TAGS.has(name.toLowerCase()) ? '' : whole));
  return decodeEntities(text).normalize('NFC').replace(/\s+/g, ' ').trim();
}
