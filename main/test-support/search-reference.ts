// For search engine tests: random libraries of entries made of real sentences (the Paris Call articles
// in ../shared/corpus, read at test time), random queries over their words, and a reference evaluator
// that applies the query semantics (lunr's: every clause required, phrases on word positions, BM25 per
// field) by brute force over the analysed texts, with none of the index's machinery.
import lunr from 'lunr';
import { PARIS_CALL_CODEBOOK } from '../../shared/codebooks';
import { HIGHLIGHT_COLORS, STANCES } from '../../shared/model';
import { analyze, stopId, type AnalyzedToken } from '../services/search/analyzer';
import type { EntryInput, EntryKind } from '../services/search/entries';
import type { QueryPlan, TokenSpec } from '../services/search/plan';
import { readCorpus } from './corpus';

const K1 = 1.2;
const B = 0.75;

let sentences: string[] | null = null;
/** The corpus's sentences (at least three words each). */
export function corpusSentences(): string[] {
  sentences ??= readCorpus()
    .flatMap((f) => f.text.split(/(?<=[.!?])\s+|\n+/))
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/).length >= 3);
  return sentences;
}

export const REFERENCE_DOCUMENTS = ['d1', 'd2', 'd3', 'd4'];

/** Entries of a kind made of random corpus sentences; numbered from `first` (unique across calls). */
export function randomEntries(kind: EntryKind, count: number, rand: () => number, first = 0): EntryInput[] {
  const all = corpusSentences();
  const sentence = () => all[Math.floor(rand() * all.length)]!;
  const text = (max: number) => Array.from({ length: 1 + Math.floor(rand() * max) }, sentence).join(' ');
  return Array.from({ length: count }, (_, k) => {
    const i = first + k;
    const documentId = REFERENCE_DOCUMENTS[Math.floor(rand() * REFERENCE_DOCUMENTS.length)]!;
    if (kind === 'passage') {
      return { kind, id: `p:${documentId}:${i}`, fields: [text(2)], meta: { documentId, block: i, start: i * 10, end: i * 10 + 5, page: null } } as EntryInput;
    }
    const pick = <T>(list: readonly T[], max: number) => [...new Set(Array.from({ length: Math.floor(rand() * (max + 1)) }, () => list[Math.floor(rand() * list.length)]!))];
    const principles = pick(PARIS_CALL_CODEBOOK.principles.slice(0, 4).map((p) => p.id), 2);
    const actors = pick(PARIS_CALL_CODEBOOK.actors.slice(0, 4).map((a) => a.id), 2).map((id) => [id, STANCES[Math.floor(rand() * STANCES.length)]!] as [string, (typeof STANCES)[number]]);
    const tags = pick(['followup', 'key', 'Draft'], 2);
    const codes = [...principles.map((id) => PARIS_CALL_CODEBOOK.principles.find((p) => p.id === id)!.name), ...actors.map(([id, s]) => `${PARIS_CALL_CODEBOOK.actors.find((a) => a.id === id)!.name} ${s}`), ...tags].join(' \n ');
    const id = `e${i}`;
    return {
      kind,
      id: `a:${id}`,
      fields: [text(2), rand() < 0.5 ? text(1) : '', codes],
      meta: {
        documentId,
        annotationId: id,
        start: i,
        end: i + 5,
        color: HIGHLIGHT_COLORS[Math.floor(rand() * HIGHLIGHT_COLORS.length)]!,
        principles,
        actors,
        tags,
        modified: new Date(Date.UTC(2025, 0, 1) + Math.floor(rand() * 1e9)).toISOString(),
      },
    } as EntryInput;
  });
}

/** A random query over the entries' words: words, pairs, phrases, prefixes, typos, exclusions, filters. */
export function randomQuery(entries: readonly EntryInput[], rand: () => number): string {
  const texts = entries.map((e) => e.fields[0]!).filter(Boolean);
  const text = texts[Math.floor(rand() * texts.length)] ?? 'cyber';
  const words = text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1);
  const at = Math.floor(rand() * Math.max(1, words.length - 3));
  const word = () => words[Math.floor(rand() * words.length)] ?? 'cyber';
  const typo = (w: string) => (w.length > 3 ? `${w.slice(0, 1)}${w.slice(2)}` : w);
  const forms = [
    () => word(),
    () => `${word()} ${word()}`,
    () => `"${words.slice(at, at + 2 + Math.floor(rand() * 2)).join(' ')}"`,
    () => `${word().slice(0, 3)}*`,
    () => `${typo(word())}~1`,
    () => `${word()} -${word()}`,
    () => `${word()} -"${words.slice(at, at + 2).join(' ')}"`,
    () => `${word()} color:yellow`,
    () => `${word()} -color:green`,
    () => `${word()} tag:followup`,
    () => `${word()} -doc:d2`,
  ];
  return forms[Math.floor(rand() * forms.length)]!();
}

interface AnalysedEntry {
  id: string;
  fields: AnalyzedToken[][];
}

/** The score of every matching entry, by brute force. Filters are not applied (use plans without them). */
export function referenceScores(entries: readonly EntryInput[], plan: QueryPlan): Map<string, number> {
  const analysed: AnalysedEntry[] = entries.map((e) => ({ id: e.id, fields: e.fields.map((text) => analyze(text)) }));
  const F = analysed[0]?.fields.length ?? 1;
  const N = analysed.length;
  const wordTerm = new Map<string, string>();
  const df = new Map<string, number>();
  const lengthSum = new Array<number>(F).fill(0);
  for (const entry of analysed) {
    const seen = new Set<string>();
    entry.fields.forEach((tokens, f) => {
      for (const t of tokens) {
        if (t.term === null) continue;
        lengthSum[f]!++;
        if (!wordTerm.has(t.word)) wordTerm.set(t.word, t.term);
        seen.add(t.term);
      }
    });
    for (const term of seen) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const avg = lengthSum.map((sum) => sum / N || 1);
  const idf = (term: string) => {
    const d = df.get(term) ?? 0;
    return Math.log(1 + Math.abs((N - d + 0.5) / (d + 0.5)));
  };
  const words = [...wordTerm.keys()].sort();
  const TokenSet = lunr.TokenSet as unknown as { fromArray(w: string[]): lunr.TokenSet; fromFuzzyString(w: string, d: number): lunr.TokenSet };
  const tokenSet = TokenSet.fromArray(words);

  /** A token's terms present in the library, with their weight. */
  const resolve = (token: TokenSpec): Map<string, number> | null => {
    const { match } = token;
    if (match.type === 'stop') return null;
    const out = new Map<string, number>();
    for (const t of match.type === 'terms' ? match.terms : match.exact) if (df.has(t)) out.set(t, 1);
    const expanded =
      match.type === 'prefix'
        ? words.filter((w) => w.startsWith(match.prefix))
        : match.type === 'fuzzy'
          ? tokenSet.intersect(TokenSet.fromFuzzyString(match.word, match.distance)).toArray()
          : [];
    for (const w of expanded) if (!out.has(wordTerm.get(w)!)) out.set(wordTerm.get(w)!, 0.6);
    return out;
  };

  const clauseOf = (tokens: TokenSpec[]) => tokens.map((t) => ({ ordinal: t.ordinal, terms: resolve(t), stop: t.match.type === 'stop' ? t.match.word : null }));
  type Clause = ReturnType<typeof clauseOf>;
  const matches = (entry: AnalysedEntry, clause: Clause): boolean => {
    for (const token of clause) {
      if (!token.terms) continue;
      if (!entry.fields.some((tokens) => tokens.some((t) => t.term !== null && token.terms!.has(t.term)))) return false;
    }
    if (clause.length === 1) return true;
    return entry.fields.some((tokens) => {
      const at = new Map(tokens.map((t) => [t.ordinal, t]));
      return tokens.some((first) =>
        clause.every((token) => {
          const t = at.get(first.ordinal - clause[0]!.ordinal + token.ordinal);
          if (!t) return false;
          return token.terms ? t.term !== null && token.terms.has(t.term) : t.term === null && stopId(t.word) === stopId(token.stop!);
        }),
      );
    });
  };
  const positive = plan.text.filter((c) => !c.negated).map((c) => clauseOf(c.tokens));
  const negative = plan.text.filter((c) => c.negated).map((c) => clauseOf(c.tokens));
  const out = new Map<string, number>();
  for (const entry of analysed) {
    if (!positive.every((c) => matches(entry, c)) || negative.some((c) => matches(entry, c))) continue;
    let score = 0;
    for (const clause of positive) {
      for (const token of clause) {
        if (!token.terms) continue;
        for (const [term, weight] of token.terms) {
          const w = weight * idf(term) * (K1 + 1);
          entry.fields.forEach((tokens, f) => {
            const tf = tokens.filter((t) => t.term === term).length;
            const length = tokens.filter((t) => t.term !== null).length;
            if (tf) score += (w * tf) / (K1 * (1 - B + (B * length) / avg[f]!) + tf);
          });
        }
      }
    }
    out.set(entry.id, score);
  }
  return out;
}
