// Search over memos: their own section of the results. Memos are few (thousands at most) and change one
// at a time, so they are not put in the segmented index: each query reads the store's live list (so a
// memo is found as soon as memos.changed is published), with the words of each memo analyzed once
// (the same analyzer as the index: "norms" finds "norm") and kept while the memo is unchanged.
//
// Clauses mean for a memo what they mean for an annotation where they can: words and phrases match its
// title or text; memo:"…" matches a phrase there too (and, unnegated, leaves out annotations and
// passages); principle:, actor: and doc: (also kind:, year:) match the memos about that principle,
// actor or document; stance:, tag: and color: match no memo.
import { memoPlainText } from '../../../shared/memos/markdown';
import { memoTargetLabel, type Memo, type TargetNames } from '../../../shared/memos/model';
import type { Codebook } from '../../../shared/model';
import { parseQuery, type QueryClause } from '../../../shared/search/query';
import { foldKey, resolveActors, resolvePrinciples } from '../../../shared/search/resolve';
import type { MemoHit } from '../../../shared/search/types';
import { analyze, analyzeQuery, foldWord, type AnalyzedToken, type QueryWord } from './analyzer';
import type { DocumentInfo } from './plan';
import { windowAround } from './snippet-window';
import { NO_VARIABLES, type DocumentVariables } from '../../../shared/variables/model';
import { documentsWithVariable } from '../../../shared/variables/search';


export interface MemoSearchContext {
  codebook: Codebook;
  document(id: string): DocumentInfo | undefined;
  names: TargetNames;
  /** Only memos about these documents (a search scoped to a collection or a tag). */
  documents?: ReadonlySet<string>;
  /** The last word is still being typed: match it as a prefix too. */
  typing?: boolean;
  /** The document variables, for var: (memos about a document with that value). */
  variables?: DocumentVariables;
}

interface AnalyzedMemo {
  title: AnalyzedToken[];
  text: string;
  body: AnalyzedToken[];
}

const analyzed = new WeakMap<Memo, AnalyzedMemo>();

function analysis(memo: Memo): AnalyzedMemo {
  let found = analyzed.get(memo);
  if (!found) {
    const text = memoPlainText(memo.body);
    found = { title: analyze(memo.title), text, body: analyze(text) };
    analyzed.set(memo, found);
  }
  return found;
}

/** Words to find in a memo, in this order (one word, a phrase, or a memo: value). */
interface TextTest {
  words: QueryWord[];
  /** How the last word may match beyond its terms. */
  prefix: boolean;
  fuzzy: number;
}

export function searchMemos(memos: readonly Memo[], query: string, context: MemoSearchContext, limit: number): { hits: MemoHit[]; total: number } {
  const parsed = parseQuery(query);
  if (!parsed.ok) return { hits: [], total: 0 };
  const clauses = parsed.query.clauses;
  // var: clauses as the documents they name, once per query (a bad one was reported by the plan).
  const withVariable = new Map<QueryClause, ReadonlySet<string>>();
  for (const clause of clauses) {
    if (clause.type !== 'variable') continue;
    const found = documentsWithVariable(context.variables ?? NO_VARIABLES, clause);
    withVariable.set(clause, new Set('ids' in found ? found.ids : []));
  }
  if (!clauses.some((c) => !c.negated)) return { hits: [], total: 0 };
  const last = clauses[clauses.length - 1];
  const tests = new Map<QueryClause, TextTest>();
  for (const clause of clauses) {
    if (clause.type === 'word' || clause.type === 'phrase' || (clause.type === 'field' && clause.field === 'memo')) {
      const text = clause.type === 'field' ? clause.value : clause.text;
      const words = analyzeQuery(text);
      if (words.length === 0 || words.every((w) => w.terms.length === 0)) continue;
      const typed = context.typing && clause === last && clause.type === 'word' && clause.end === query.length && !clause.prefix && !clause.fuzzy;
      tests.set(clause, { words, prefix: (clause.type === 'word' && clause.prefix) || !!typed, fuzzy: clause.type === 'word' ? clause.fuzzy : 0 });
    }
  }

  const scored: { memo: Memo; score: number; titleMarks: [number, number][]; bodyMarks: [number, number][] }[] = [];
  for (const memo of memos) {
    if (context.documents && !(memo.target.kind === 'document' && context.documents.has(memo.target.documentId))) continue;
    const words = analysis(memo);
    let score = 0;
    const titleMarks: [number, number][] = [];
    const bodyMarks: [number, number][] = [];
    let matches = true;
    for (const clause of clauses) {
      const test = tests.get(clause);
      let found: boolean;
      if (test) {
        const inTitle = find(words.title, test);
        const inBody = find(words.body, test);
        found = inTitle.length + inBody.length > 0;
        if (found && !clause.negated) {
          score += 3 * inTitle.length + inBody.length;
          titleMarks.push(...inTitle);
          bodyMarks.push(...inBody);
        }
      } else if (clause.type === 'word' || clause.type === 'phrase' || (clause.type === 'field' && clause.field === 'memo')) {
        continue; // stop words only: asks for nothing
      } else {
        const documents = withVariable.get(clause);
        found = documents ? memo.target.kind === 'document' && documents.has(memo.target.documentId) : aboutMatches(memo, clause, context);
        if (found && !clause.negated) score += 1;
      }
      if (found === clause.negated) {
        matches = false;
        break;
      }
    }
    if (matches && score > 0) scored.push({ memo, score, titleMarks, bodyMarks });
  }
  scored.sort((a, b) => b.score - a.score || b.memo.modified.localeCompare(a.memo.modified));
  const hits = scored.slice(0, limit).map(({ memo, score, titleMarks, bodyMarks }): MemoHit => {
    const cut = snippet(analysis(memo).text, bodyMarks);
    return { memoId: memo.id, title: memo.title, titleMarks: sortMarks(titleMarks), about: memoTargetLabel(memo.target, context.names), ...cut, score };
  });
  return { hits, total: scored.length };
}

/** [start, end) of every place the words are found in this order (a phrase) in the tokens. */
function find(tokens: readonly AnalyzedToken[], test: TextTest): [number, number][] {
  const { words } = test;
  const first = words[0]!.ordinal;
  const found: [number, number][] = [];
  for (let i = 0; i + words.length <= tokens.length; i++) {
    let all = true;
    for (let k = 0; k < words.length && all; k++) {
      const token = tokens[i + words[k]!.ordinal - first];
      all = token !== undefined && wordMatches(token, words[k]!, k === words.length - 1 ? test : null);
    }
    if (all) found.push([tokens[i]!.start, tokens[i + words[words.length - 1]!.ordinal - first]!.end]);
  }
  return found;
}

function wordMatches(token: AnalyzedToken, word: QueryWord, tail: TextTest | null): boolean {
  if (word.terms.length === 0) return token.word === word.word; // a stop word inside a phrase
  if (token.term !== null && word.terms.includes(token.term)) return true;
  if (!tail) return false;
  const folded = foldWord(word.word);
  if (tail.prefix && folded.length >= 2 && token.word.startsWith(folded)) return true;
  return tail.fuzzy > 0 && withinEdits(token.word, folded, tail.fuzzy);
}

/** Whether a memo is about what a field clause names (principle:, actor:, doc:, kind:, year:). */
function aboutMatches(memo: Memo, clause: QueryClause, context: MemoSearchContext): boolean {
  const { target } = memo;
  if (clause.type === 'year') {
    const year = target.kind === 'document' ? (context.document(target.documentId)?.year ?? null) : null;
    return year !== null && (clause.from === null || year >= clause.from) && (clause.to === null || year <= clause.to);
  }
  if (clause.type !== 'field') return false;
  switch (clause.field) {
    case 'principle':
      return target.kind === 'principle' && resolvePrinciples(clause.value, context.codebook).includes(target.principleId);
    case 'actor':
      return target.kind === 'actor' && resolveActors(clause.value, context.codebook).includes(target.actorId);
    case 'doc': {
      if (target.kind !== 'document') return false;
      const document = context.document(target.documentId);
      if (!document) return false;
      const words = foldKey(clause.value).split(' ').filter(Boolean);
      return document.id === clause.value || words.every((w) => document.key.split(' ').some((t) => t.startsWith(w)));
    }
    case 'kind':
      return target.kind === 'document' && context.document(target.documentId)?.kind === clause.value;
    default:
      return false; // stance:, tag:, color: are about passages
  }
}

/** At most `distance` insertions, deletions, substitutions or transpositions apart. */
export function withinEdits(a: string, b: string, distance: number): boolean {
  if (Math.abs(a.length - b.length) > distance) return false;
  let before = Array.from({ length: b.length + 1 }, (_, j) => j);
  let previous: number[] = [];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(before[j]! + 1, row[j - 1]! + 1, before[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, previous[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > distance) return false;
    previous = before;
    before = row;
  }
  return before[b.length]! <= distance;
}

function sortMarks(marks: [number, number][]): [number, number][] {
  return [...marks].sort((x, y) => x[0] - y[0]).filter((m, i, all) => i === 0 || m[0] >= all[i - 1]![1]);
}

/** The text around the first mark, with the marks that fall inside. */
function snippet(text: string, found: [number, number][]): { snippet: string; marks: [number, number][] } {
  const cut = windowAround(text, sortMarks(found));
  return { snippet: cut.text, marks: cut.marks };
}
