// A synthetic library for the search benchmark, written as plain library files (the layout of
// main/services/library/files.ts): documents of 1,000–6,000 words with Zipf-distributed vocabulary and
// English stop words, and annotations quoting them, with notes, tags, principles, actors and stances from
// the Paris Call codebook. Deterministic: the same size gives the same library.
import { mkdirSync, writeFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PARIS_CALL_CODEBOOK } from '../../shared/codebooks';
import { DOCUMENT_KINDS, HIGHLIGHT_COLORS, STANCES, type Annotation, type DocumentText, type LibraryDocument } from '../../shared/model';

export const GENERATOR_VERSION = 1;

export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOMAIN = `cyber security norms state states sovereignty infrastructure attack attacks attribution deterrence
  election interference ransomware malware exploit vulnerability disclosure supply chain resilience diplomacy
  treaty convention governance internet protocol routing critical hospital energy grid espionage intellectual
  property hygiene lifecycle proliferation offensive defensive operations capacity building confidence measures
  responsible behaviour international law humanitarian accountability transparency multistakeholder cooperation`
  .split(/\s+/)
  .filter(Boolean);
const FOREIGN = ['Zürich', 'Genève', 'sécurité', 'Souveränität', 'coopération', 'Straße', 'négociation', 'Privatsphäre', 'São', 'Kraków'];
const STOP = ['the', 'of', 'and', 'to', 'in', 'a', 'is', 'that', 'for', 'on', 'with', 'as', 'by', 'this', 'be', 'are', 'from', 'it', 'not', 'or'];
const SYLLABLES = 'ka ro mi te lu sa ven tor pri dal mon cer fi gra lo nu ber sta pol qua vi ren dus mar tek zo'.split(' ');
const TAGS = ['followup', 'quote', 'evidence', 'disputed', 'key', 'method', 'definition', 'history', 'draft', 'todo', 'compare', 'weak', 'strong', 'legal', 'technical'];

export interface Vocabulary {
  words: string[];
  /** A word drawn with Zipf's law (rank r with probability ~ 1/r). */
  zipf(r: () => number): string;
}

export function vocabulary(size: number): Vocabulary {
  const r = random(42);
  const words = [...DOMAIN];
  const seen = new Set(words);
  while (words.length < size - FOREIGN.length) {
    const n = 2 + Math.floor(r() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
    if (r() < 0.3) w += ['ing', 'tion', 's', 'ed', 'ly', 'ment'][Math.floor(r() * 6)];
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  // Foreign words sit among the frequent ones, so they are found in many documents.
  words.splice(40, 0, ...FOREIGN);
  return { words, zipf: (rand) => words[Math.floor(Math.exp(rand() * Math.log(words.length)))] ?? words[0]! };
}

function sentence(vocab: Vocabulary, r: () => number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(r() < 0.38 ? STOP[Math.floor(r() * STOP.length)]! : vocab.zipf(r));
  const s = out.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

function paragraph(vocab: Vocabulary, r: () => number, words: number): string {
  const parts: string[] = [];
  let left = words;
  while (left > 0) {
    const n = Math.min(left, 8 + Math.floor(r() * 18));
    parts.push(sentence(vocab, r, n));
    left -= n;
  }
  return parts.join(' ');
}

export interface LibrarySize {
  documents: number;
  annotations: number;
  /** Words per document (default 1,000–6,000). */
  words?: { min: number; max: number };
}

const hex = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');

/** Writes the library into `dir` unless a complete one of the same size and version is there. */
export function generateLibrary(dir: string, size: LibrarySize, vocab: Vocabulary): { reused: boolean } {
  const marker = path.join(dir, 'bench-generated.json');
  const stamp = JSON.stringify({ GENERATOR_VERSION, ...size });
  if (existsSync(marker) && readFileSync(marker, 'utf8') === stamp) return { reused: true };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'documents'), { recursive: true });
  writeFileSync(path.join(dir, 'library.json'), JSON.stringify({ version: 1, name: 'bench', created: new Date(0).toISOString() }));
  writeFileSync(path.join(dir, 'codebook.json'), JSON.stringify(PARIS_CALL_CODEBOOK));
  const r = random(7);
  const { principles, actors } = PARIS_CALL_CODEBOOK;
  let annotationsLeft = size.annotations;
  for (let d = 0; d < size.documents; d++) {
    const id = `doc-${d.toString().padStart(5, '0')}-${hex(r, 8)}`;
    const { min, max } = size.words ?? { min: 1_000, max: 6_000 };
    const target = min + Math.floor(r() * (max - min + 1));
    const blocks: DocumentText['blocks'] = [];
    let text = '';
    let words = 0;
    while (words < target) {
      const n = Math.min(target - words, 40 + Math.floor(r() * 110));
      const p = paragraph(vocab, r, n);
      if (text) text += '\n\n';
      blocks.push({ type: 'p', start: text.length, end: text.length + p.length });
      text += p;
      words += n;
    }
    const isPdf = r() < 0.3;
    const pages: DocumentText['pages'] = isPdf ? [] : null;
    if (pages) for (let at = 0; at < text.length; at += 3_000) pages.push({ start: at, end: Math.min(text.length, at + 3_000) });
    const year = 2012 + Math.floor(r() * 13);
    const document: LibraryDocument = {
      id,
      format: isPdf ? 'pdf' : 'html',
      originalName: `${id}.${isPdf ? 'pdf' : 'html'}`,
      contentHash: hex(r, 64),
      size: text.length,
      importedAt: new Date(Date.UTC(2025, 0, 1) + d * 60_000).toISOString(),
      modifiedAt: new Date(Date.UTC(2025, 0, 1) + d * 60_000).toISOString(),
      pageCount: pages ? pages.length : null,
      metadata: {
        title: `${vocab.words[d % 300]} ${vocab.zipf(r)} ${['report', 'treaty', 'review', 'statement', 'analysis'][d % 5]} ${d}`,
        authors: [],
        date: `${year}-0${1 + Math.floor(r() * 9)}`,
        publication: null,
        url: null,
        doi: null,
        kind: DOCUMENT_KINDS[Math.floor(r() * DOCUMENT_KINDS.length)]!,
      },
      warnings: [],
    };
    const count = d === size.documents - 1 ? annotationsLeft : Math.min(annotationsLeft, Math.floor(r() * 2 * (size.annotations / size.documents) + 0.5));
    annotationsLeft -= count;
    const annotations: Annotation[] = [];
    for (let a = 0; a < count; a++) {
      const block = blocks[Math.floor(r() * blocks.length)]!;
      const span = 60 + Math.floor(r() * 300);
      const start = block.start + Math.floor(r() * Math.max(1, block.end - block.start - span));
      const end = Math.min(block.end, start + span);
      const picks = <T>(list: readonly T[], max: number) => Array.from(new Set(Array.from({ length: Math.floor(r() * (max + 1)) }, () => list[Math.floor(r() * list.length)]!)));
      annotations.push({
        id: `ann-${d}-${a}-${hex(r, 6)}`,
        documentId: id,
        created: '2025-02-01T00:00:00.000Z',
        modified: new Date(Date.UTC(2025, 1, 1) + (d * 50 + a) * 1_000).toISOString(),
        target: {
          selector: [
            { type: 'TextQuoteSelector', exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) },
            { type: 'TextPositionSelector', start, end },
          ],
        },
        body: {
          color: HIGHLIGHT_COLORS[Math.floor(r() * HIGHLIGHT_COLORS.length)]!,
          note: r() < 0.6 ? paragraph(vocab, r, 3 + Math.floor(r() * 25)) : '',
          tags: picks(TAGS, 2),
          principles: picks(principles.map((p) => p.id), 2),
          actors: picks(actors.slice(0, 40).map((x) => x.id), 2).map((actorId) => ({ actorId, stance: STANCES[Math.floor(r() * STANCES.length)]! })),
        },
      });
    }
    const folder = path.join(dir, 'documents', id);
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'text.json'), JSON.stringify({ text, blocks, pages }));
    writeFileSync(path.join(folder, 'annotations.json'), JSON.stringify({ version: 1, annotations }));
    writeFileSync(path.join(folder, `original.${isPdf ? 'pdf' : 'html'}`), '');
    writeFileSync(path.join(folder, 'meta.json'), JSON.stringify(document));
  }
  writeFileSync(marker, stamp);
  return { reused: false };
}

/** The kind of each query in querySet's order (it cycles through them). */
export const QUERY_KINDS = ['word', 'word', 'two words', 'phrase', 'principle', 'actor+stance', 'tag+word', 'word+year-color', 'word+doc', 'prefix', 'typo', 'word -word'];

/** The fixed, mixed query set: words, word pairs, phrases, fields, prefixes and typos. */
export function querySet(vocab: Vocabulary, count: number, documents: { title: string }[]): string[] {
  const r = random(99);
  const word = () => {
    for (;;) {
      const w = vocab.zipf(r);
      if (w.length > 3) return w;
    }
  };
  const { principles, actors } = PARIS_CALL_CODEBOOK;
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const makers: (() => string)[] = [
    () => word(),
    () => word(),
    () => `${word()} ${word()}`,
    () => `"${sentence(vocab, r, 2 + Math.floor(r() * 2)).slice(0, -1).toLowerCase()}"`,
    () => `principle:${pick(principles).id}${r() < 0.5 ? ` ${word()}` : ''}`,
    () => `actor:${pick(actors.slice(0, 40)).name.toLowerCase().split(' ')[0]} stance:${pick(STANCES)}`,
    () => `tag:${pick(TAGS)} ${word()}`,
    () => `${word()} year:${2014 + Math.floor(r() * 4)}..${2019 + Math.floor(r() * 5)} -color:${pick(HIGHLIGHT_COLORS)}`,
    () => `${word()} doc:"${pick(documents).title.split(' ').slice(0, 2).join(' ')}"`,
    () => `${word().slice(0, 3 + Math.floor(r() * 3))}*`,
    () => {
      const w = word();
      const i = 1 + Math.floor(r() * (w.length - 2));
      return `${w.slice(0, i)}${pick('aeioulnrst'.split(''))}${w.slice(i + 1)}~1`;
    },
    () => `${word()} -${word()}`,
  ];
  return Array.from({ length: count }, (_, i) => makers[i % makers.length]!());
}
