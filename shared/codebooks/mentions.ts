// Finds where a codebook's actors are named in a text, to suggest actor links for a passage.
//
// Matching rules:
// - An actor is found by its name and its aliases, as whole words: "US" is not found in "USB" or
//   "focus", "G7" not in "G77". A possessive ("Microsoft's", "America’s") still counts: the mention
//   is the name without the "'s".
// - Short all-caps aliases (at most five letters: US, UK, U.S., IBM, HP, G7, CDT, IGF, NATO) match
//   with their exact case, so "us" the pronoun is not the United States.
// - Other names match in any case, except that a name written with a capital must start with one in the
//   text: "MICROSOFT" and "Microsoft" are found, "china" (the porcelain), "turkey" or "meta-analysis"
//   are not.
// - Text and aliases are folded the same way (fold.ts): curly and straight apostrophes, diacritics
//   ("Zürich"/"Zurich"), dash variants and ligatures compare equal. Spaces inside a name match any run
//   of white space (a line break in PDF text), hyphens also a space ("Hewlett Packard").
// - Dotted abbreviations keep their dots ("U.S." is found at a sentence end, with its final dot), and the
//   final dot may be missing ("the U.S would").
// - Where matches overlap the longest wins ("North Korea" over "Korea", "Washington state" as one
//   mention); on a tie, the earlier one. A few place names that contain an actor's name but are not that
//   actor ("Latin America", "West Virginia") are recognised and ignored.
//
// All aliases are compiled into one RegExp (split in chunks only for very large codebooks) that is run
// once over the folded text; the compiled matcher is cached per actor list.
import type { Actor, Codebook } from '../model';
import { foldForMatching, foldWithOffsets } from './fold';

/** One place where an actor is named: [start, end) offsets into the text searched. */
export interface ActorMention {
  actorId: string;
  start: number;
  end: number;
  /** The text as written at that place, e.g. "America" for "America’s". */
  matched: string;
}

/**
 * Phrases that contain an actor's name or alias but name something else. They take part in matching
 * like any alias, so the longer phrase wins, and are then dropped.
 */
export const NON_ACTOR_PHRASES: readonly string[] = [
  'Latin America',
  'South America',
  'North America',
  'Central America',
  'Bank of America',
  'West Virginia',
  'Northern Ireland',
  'Republic of China',
  'National Security Council',
];

const WORD_CHAR = '[\\p{L}\\p{N}]';
const NOT_AFTER_WORD = `(?<!${WORD_CHAR})`;
const NOT_BEFORE_WORD = `(?!${WORD_CHAR})`;
/** After a match: not between two word characters, so "Korea" is not found in "Korean". */
const NOT_INSIDE_WORD = `(?!(?<=${WORD_CHAR})${WORD_CHAR})`;
/** RegExp source sizes stay well below engine limits; a codebook this large is unusual. */
const ALTERNATIVES_PER_REGEXP = 1_000;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** True for aliases such as "US", "U.S.", "IBM", "G20": no lower-case letter and at most five letters. */
export function isCaseSensitiveAlias(alias: string): boolean {
  const letters = alias.replace(/[^\p{L}]/gu, '');
  const hasCapitals = letters !== letters.toLowerCase();
  return letters.length > 0 && letters.length <= 5 && hasCapitals && letters === letters.toUpperCase();
}

function letterPattern(ch: string, exactCase: boolean): string {
  if (exactCase) return escapeRegExp(ch);
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  if (lower === upper || lower.length !== 1 || upper.length !== 1) return escapeRegExp(ch);
  return `[${upper}${lower}]`;
}

interface AliasPattern {
  /** One RegExp piece per character of the alias (white space runs and hyphens included). */
  tokens: string[];
  /** The optional final dot of "U.S." and what may follow it; '' for other aliases. */
  tail: string;
}

/** How one alias (already folded) is matched, or null if it has nothing to match. */
function aliasPattern(alias: string): AliasPattern | null {
  const text = alias.replace(/\s+/g, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return null;
  const exact = isCaseSensitiveAlias(text);
  const dotted = /^(?:[\p{L}\p{N}]\.){2,}$/u.test(text);
  const chars = Array.from(dotted ? text.slice(0, -1) : text);
  const tokens = chars.map((ch, i) => {
    if (ch === ' ') return '\\s+';
    if (ch === '-') return '(?:\\s*-\\s*|\\s+)';
    if (/\p{L}/u.test(ch)) {
      // A capital first letter must stay a capital: "China", not "china".
      return letterPattern(ch, exact || (i === 0 && ch !== ch.toLowerCase()));
    }
    return escapeRegExp(ch);
  });
  // "U.S." takes its final dot when it is there (also at a sentence end), or is "U.S" without it; it is
  // never the "U.S" of "U.S.A".
  if (dotted) return { tokens, tail: `(?:\\.${NOT_BEFORE_WORD}|(?![\\p{L}\\p{N}.]))` };
  // Other aliases share one check after the match, NOT_INSIDE_WORD.
  return { tokens, tail: '' };
}

interface Alternative extends AliasPattern {
  /** The length of the folded alias, to try longer aliases first. */
  length: number;
  /** null for a non-actor phrase. */
  actorId: string | null;
}

/** Aliases that share a beginning share a branch, so a match is tried once per distinct prefix. */
interface TrieNode {
  children: Map<string, TrieNode>;
  ends: Alternative[];
  /** The length of the longest alias through this node. */
  longest: number;
}

interface CompiledChunk {
  regexp: RegExp;
  /** The actor (or null for a non-actor phrase) of each terminal capture group, from group 2 on. */
  actorIds: (string | null)[];
}

interface Candidate {
  start: number;
  end: number;
  actorId: string | null;
}

/** A compiled matcher for one list of actors. */
export interface ActorMatcher {
  find(text: string): ActorMention[];
}

function collectAlternatives(actors: readonly Actor[]): Alternative[] {
  const alternatives: Alternative[] = [];
  const seen = new Set<string>();
  const add = (alias: string, actorId: string | null): void => {
    const folded = foldForMatching(alias).replace(/\s+/g, ' ').trim();
    const pattern = aliasPattern(folded);
    if (pattern === null) return;
    const key = pattern.tokens.join('\u0000') + '\u0001' + pattern.tail;
    // The first actor to claim an alias keeps it.
    if (seen.has(key)) return;
    seen.add(key);
    alternatives.push({ ...pattern, length: folded.length, actorId });
  };
  for (const actor of actors) {
    add(actor.name, actor.id);
    for (const alias of actor.aliases) add(alias, actor.id);
  }
  for (const phrase of NON_ACTOR_PHRASES) add(phrase, null);
  return alternatives;
}

function buildTrie(alternatives: readonly Alternative[]): TrieNode {
  const root: TrieNode = { children: new Map(), ends: [], longest: 0 };
  for (const alt of alternatives) {
    let node = root;
    node.longest = Math.max(node.longest, alt.length);
    for (const token of alt.tokens) {
      let child = node.children.get(token);
      if (!child) {
        child = { children: new Map(), ends: [], longest: 0 };
        node.children.set(token, child);
      }
      child.longest = Math.max(child.longest, alt.length);
      node = child;
    }
    node.ends.push(alt);
  }
  return root;
}

/**
 * The RegExp source of a trie node. Longer branches come first and a node's own ends last, so at one
 * position the longest alias is taken; each end is marked by an empty capture group that names its
 * actor (pushed to actorIds in the order the groups appear in the source).
 */
function trieSource(node: TrieNode, actorIds: (string | null)[]): string {
  const branches: string[] = [];
  const children = [...node.children].sort((a, b) => b[1].longest - a[1].longest);
  for (const [token, child] of children) branches.push(token + trieSource(child, actorIds));
  // Of two ends on the same characters (a "U.S." and a "U.S" alias), the one that can take a dot first.
  const ends = [...node.ends].sort((a, b) => b.tail.length - a.tail.length);
  for (const end of ends) {
    branches.push(`${end.tail}()`);
    actorIds.push(end.actorId);
  }
  return branches.length === 1 ? (branches[0] ?? '') : `(?:${branches.join('|')})`;
}

function compileChunks(alternatives: Alternative[]): CompiledChunk[] {
  const chunks: CompiledChunk[] = [];
  for (let i = 0; i < alternatives.length; i += ALTERNATIVES_PER_REGEXP) {
    const actorIds: (string | null)[] = [];
    const trie = trieSource(buildTrie(alternatives.slice(i, i + ALTERNATIVES_PER_REGEXP)), actorIds);
    // A lookahead reports a candidate at every word start without consuming text, so overlapping
    // candidates are all seen and the longest can win below.
    chunks.push({ regexp: new RegExp(`${NOT_AFTER_WORD}(?=(${trie})${NOT_INSIDE_WORD})`, 'gu'), actorIds });
  }
  return chunks;
}

function findCandidates(folded: string, chunks: readonly CompiledChunk[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const { regexp, actorIds } of chunks) {
    regexp.lastIndex = 0;
    for (let m = regexp.exec(folded); m !== null; m = regexp.exec(folded)) {
      const matched = m[1] ?? '';
      for (let g = 2; g < m.length; g++) {
        if (m[g] !== undefined) {
          candidates.push({ start: m.index, end: m.index + matched.length, actorId: actorIds[g - 2] ?? null });
          break;
        }
      }
      // On to the next character (a whole code point, so a /u RegExp never starts inside a pair).
      regexp.lastIndex = m.index + ((folded.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
    }
  }
  return candidates;
}

/** Keeps the longest of overlapping candidates (the earlier one on a tie), in text order. */
function selectLongest(candidates: Candidate[], textLength: number): Candidate[] {
  if (candidates.length < 2) return candidates;
  const byLength = [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Uint8Array(textLength);
  const kept: Candidate[] = [];
  for (const c of byLength) {
    if (taken.subarray(c.start, c.end).includes(1)) continue;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Compiles a matcher for a list of actors; reuse it for many texts. */
export function createActorMatcher(actors: readonly Actor[]): ActorMatcher {
  const chunks = compileChunks(collectAlternatives(actors));
  return {
    find(text) {
      if (text.length === 0 || chunks.length === 0) return [];
      const { folded, toOriginal } = foldWithOffsets(text);
      const mentions: ActorMention[] = [];
      for (const c of selectLongest(findCandidates(folded, chunks), folded.length)) {
        if (c.actorId === null) continue;
        const { start, end } = toOriginal(c.start, c.end);
        mentions.push({ actorId: c.actorId, start, end, matched: text.slice(start, end) });
      }
      return mentions;
    },
  };
}

const cache = new WeakMap<readonly Actor[], { fingerprint: string; matcher: ActorMatcher }>();

function fingerprint(actors: readonly Actor[]): string {
  return actors.map((a) => `${a.id}\u0001${a.name}\u0001${a.aliases.join('\u0002')}`).join('\u0003');
}

function matcherFor(actors: readonly Actor[]): ActorMatcher {
  const print = fingerprint(actors);
  const cached = cache.get(actors);
  if (cached && cached.fingerprint === print) return cached.matcher;
  const matcher = createActorMatcher(actors);
  cache.set(actors, { fingerprint: print, matcher });
  return matcher;
}

/**
 * Every place where one of the actors is named in the text, sorted by start and non-overlapping (the
 * longest match wins). The compiled matcher is cached per actors array (and rebuilt if it changed).
 */
export function findActorMentions(text: string, actors: readonly Actor[]): ActorMention[] {
  return matcherFor(actors).find(text);
}

/**
 * The actors named in a passage, in the order of their first mention, each once: suggestions for the
 * actor links of a highlight. Actors not named in the passage are not included.
 */
export function suggestActors(passage: string, codebook: Pick<Codebook, 'actors'>): Actor[] {
  const byId = new Map(codebook.actors.map((a) => [a.id, a] as const));
  const suggested: Actor[] = [];
  const seen = new Set<string>();
  for (const mention of findActorMentions(passage, codebook.actors)) {
    const actor = byId.get(mention.actorId);
    if (actor && !seen.has(actor.id)) {
      seen.add(actor.id);
      suggested.push(actor);
    }
  }
  return suggested;
}
