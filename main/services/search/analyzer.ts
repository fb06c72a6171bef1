// How text becomes index terms, for the index and the queries alike, with lunr's English pipeline:
// words are folded (diacritics, ligatures, case: "Zürich" → "zurich"), English stop words are dropped and
// words are stemmed with lunr's Porter stemmer ("norms" → "norm").
//
// Words in other languages are not stemmed into nonsense: a word written with letters outside ASCII
// ("Sicherheitsstrategie" is ASCII, "sécurité" is not) is indexed folded but unstemmed, and a query word
// looks for both its stem and its folded form, so "securite" and "sécurité" find "sécurité" while
// English words still meet their stems.
//
// lunr's own tokenizer splits on white space and hyphens and its trimmer uses \W, which would strip "é"
// or whole Cyrillic words; this tokenizer takes runs of Unicode letters and digits instead.
import type Lunr from 'lunr';
import { lunr } from './lunr-loaded';
import { foldForMatching } from '../../../shared/codebooks';

/** Bumped whenever the terms produced for a text change: a persisted index of another version is rebuilt. */
export const ANALYZER_VERSION = 1;

export interface AnalyzedToken {
  /** The index term, or null for a stop word (it still counts as a position, for phrases). */
  term: string | null;
  /** The folded, lower-case word as written: what prefix* and word~1 are matched against. */
  word: string;
  /** [start, end) in the analyzed text. */
  start: number;
  end: number;
  /** The word's number in its text, stop words included: phrases compare these. */
  ordinal: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
// The same words in ASCII text, where the ASCII class is much faster than Unicode property classes.
const ASCII_TEXT = /^\p{ASCII}*$/u;
const ASCII_WORDS = /[A-Za-z0-9]+/g;
const ASCII_WORD = /^[A-Za-z0-9]+$/;
/**
 * lunr's English stop words (the list lunr.stopWordFilter is generated from, which lunr does not export),
 * numbered so an index can record which stop word stood at each position and phrases stay exact.
 */
export const STOP_WORDS: readonly string[] = [
  'a', 'able', 'about', 'across', 'after', 'all', 'almost', 'also', 'am', 'among', 'an', 'and', 'any', 'are',
  'as', 'at', 'be', 'because', 'been', 'but', 'by', 'can', 'cannot', 'could', 'dear', 'did', 'do', 'does',
  'either', 'else', 'ever', 'every', 'for', 'from', 'get', 'got', 'had', 'has', 'have', 'he', 'her', 'hers',
  'him', 'his', 'how', 'however', 'i', 'if', 'in', 'into', 'is', 'it', 'its', 'just', 'least', 'let',
  'like', 'likely', 'may', 'me', 'might', 'most', 'must', 'my', 'neither', 'no', 'nor', 'not', 'of', 'off',
  'often', 'on', 'only', 'or', 'other', 'our', 'own', 'rather', 'said', 'say', 'says', 'she', 'should', 'since',
  'so', 'some', 'than', 'that', 'the', 'their', 'them', 'then', 'there', 'these', 'they', 'this', 'tis', 'to',
  'too', 'twas', 'us', 'wants', 'was', 'we', 'were', 'what', 'when', 'where', 'which', 'while', 'who', 'whom',
  'why', 'will', 'with', 'would', 'yet', 'you', 'your',
];
const STOP_IDS = new Map(STOP_WORDS.map((word, i) => [word, i + 1]));
type StopWordFilter = (token: Lunr.Token) => Lunr.Token | undefined;
let stopWordFilter: StopWordFilter | null = null;

/** Whether lunr's stop word filter drops the word (made with lunr, when first needed). */
function isStopWord(word: string): boolean {
  stopWordFilter ??= lunr().generateStopWordFilter([...STOP_WORDS]) as unknown as StopWordFilter;
  return stopWordFilter(new (lunr().Token)(word, {})) === undefined;
}

/** The number of a stop word (1…), or 0 for any other word. */
export function stopId(word: string): number {
  return STOP_IDS.get(word) ?? 0;
}

interface WordInfo {
  word: string;
  term: string | null;
}

const memo = new Map<string, WordInfo>();
const MEMO_LIMIT = 500_000;

function stem(word: string): string {
  const { stemmer, Token } = lunr();
  return stemmer(new Token(word, {})).toString();
}

/** The folded word and its index term; memoised, since stemming is most of the cost of indexing. */
function wordInfo(surface: string): WordInfo {
  let info = memo.get(surface);
  if (info === undefined) {
    const lower = surface.toLowerCase();
    const word = ASCII_WORD.test(surface) ? lower : foldForMatching(lower).toLowerCase();
    let term: string | null;
    if (!ASCII_WORD.test(surface)) term = word;
    else if (isStopWord(word)) term = null;
    else term = stem(word);
    info = { word, term };
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(surface, info);
  }
  return info;
}

/** Every word of a text with its term. A possessive "'s" is dropped ("Microsoft's" → microsoft). */
export function analyze(text: string): AnalyzedToken[] {
  const tokens: AnalyzedToken[] = [];
  let ordinal = 0;
  for (const match of text.matchAll(ASCII_TEXT.test(text) ? ASCII_WORDS : WORD)) {
    const surface = match[0];
    const start = match.index;
    if ((surface === 's' || surface === 'S') && start > 0 && /['’]/.test(text[start - 1]!)) continue;
    const info = wordInfo(surface);
    tokens.push({ term: info.term, word: info.word, start, end: start + surface.length, ordinal: ordinal++ });
  }
  return tokens;
}

const STOP_SET = new Set(STOP_WORDS);

/**
 * The first letters of a query's matched terms, worked out once for all its snippets: a prefix or a typo
 * reaches thousands of terms, and forty hits each walked them all. Kept per set while it holds as many.
 */
const firstsOf = new WeakMap<ReadonlySet<string>, { size: number; firsts: Set<number> }>();

function firstLetters(terms: ReadonlySet<string>): Set<number> {
  const kept = firstsOf.get(terms);
  if (kept?.size === terms.size) return kept.firsts;
  const firsts = new Set<number>();
  for (const term of terms) firsts.add(term.charCodeAt(0));
  firstsOf.set(terms, { size: terms.size, firsts });
  return firsts;
}

/**
 * analyze() for marking matched words: a word's term is only worked out when its first letter is the
 * first letter of one of `terms` (stemming keeps a word's first letter); any other word gets the term ''
 * (no term matches it), or null when it is a stop word. Stemming every word is most of a snippet's cost.
 */
export function analyzeFor(text: string, terms: ReadonlySet<string>): AnalyzedToken[] {
  const firsts = firstLetters(terms);
  const tokens: AnalyzedToken[] = [];
  let ordinal = 0;
  const ascii = ASCII_TEXT.test(text);
  for (const match of text.matchAll(ascii ? ASCII_WORDS : WORD)) {
    const surface = match[0];
    const start = match.index;
    if ((surface === 's' || surface === 'S') && start > 0 && /['’]/.test(text[start - 1]!)) continue;
    let first = surface.charCodeAt(0);
    if (first >= 65 && first <= 90) first += 32;
    let token: { word: string; term: string | null };
    if (!ascii && !ASCII_WORD.test(surface)) token = wordInfo(surface);
    else if (firsts.has(first)) token = wordInfo(surface);
    else {
      const word = surface.toLowerCase();
      token = { word, term: STOP_SET.has(word) ? null : '' };
    }
    tokens.push({ term: token.term, word: token.word, start, end: start + surface.length, ordinal: ordinal++ });
  }
  return tokens;
}

/** The words of a query text as they are matched: each with its folded form and its term alternatives. */
export interface QueryWord {
  word: string;
  /** Terms any of which matches this word; empty for a stop word. */
  terms: string[];
  ordinal: number;
  start: number;
  end: number;
}

export function analyzeQuery(text: string): QueryWord[] {
  return analyze(text).map((token) => {
    if (token.term === null) return { word: token.word, terms: [], ordinal: token.ordinal, start: token.start, end: token.end };
    // An ASCII word looks for its stem (English words) and its folded form (words indexed unstemmed,
    // "resume" for "résumé"); a word typed with other letters only for itself, unstemmed.
    const terms = token.term === token.word ? [token.word] : [token.term, token.word];
    return { word: token.word, terms, ordinal: token.ordinal, start: token.start, end: token.end };
  });
}

/** The folded form used to compare a prefix* or word~1 against indexed words. */
export function foldWord(text: string): string {
  return foldForMatching(text.toLowerCase()).toLowerCase();
}
