// A parsed query turned into what the index evaluates: text clauses (analysed words, phrases, prefixes,
// fuzzy words) and filters. Codebook names resolve to ids here; kind:, year:, doc: and var: all become
// sets of documents, so every filter is either a document set or an annotation field.
import type { Codebook, DocumentKind, LibraryDocument } from '../../../shared/model';
import { hasPrintedNumbers, type PageNumbering } from '../../../shared/pdf/page-labels';
import { parseQuery, type ParsedQuery, type QueryError } from '../../../shared/search/query';
import { foldKey, resolveActors, resolvePrinciples } from '../../../shared/search/resolve';
import { NO_VARIABLES, type DocumentVariables } from '../../../shared/variables/model';
import { documentsWithVariable } from '../../../shared/variables/search';
import { analyzeQuery, foldWord } from './analyzer';

export type TokenMatch =
  | { type: 'terms'; terms: string[] }
  | { type: 'prefix'; prefix: string; exact: string[] }
  | { type: 'fuzzy'; word: string; distance: number; exact: string[] }
  | { type: 'stop'; word: string };

export interface TokenSpec {
  /** The word's number in the clause, stop words counted: phrases match these offsets. */
  ordinal: number;
  match: TokenMatch;
}

export interface TextClause {
  tokens: TokenSpec[];
  negated: boolean;
}

export type AnnotationField = 'principle' | 'actor' | 'stance' | 'tag' | 'coder' | 'color';

export interface AnnotationFilter {
  field: AnnotationField;
  /** Any of these values. */
  values: string[];
  negated: boolean;
}

export interface QueryPlan {
  text: TextClause[];
  annotationFilters: AnnotationFilter[];
  /** Only entries of these documents (null: any). */
  documents: Set<string> | null;
  /** Never entries of these documents. */
  excludedDocuments: Set<string>;
  /** True when a filter only annotations have is used: source passages cannot match. */
  annotationsOnly: boolean;
  /** Only these annotations (linked:), null: any. */
  annotations: Set<string> | null;
  /** Never these annotations (-linked:). */
  excludedAnnotations: Set<string>;
  /** True when a memo: clause asks for memos: annotations and passages cannot match (memo-search.ts). */
  memosOnly: boolean;
}

export interface DocumentInfo {
  id: string;
  title: string;
  /** The title folded with foldKey, for doc: matching. */
  key: string;
  kind: DocumentKind;
  year: number | null;
  /** A PDF's printed page numbers, when they differ from the file's (the results show them). */
  numbering?: PageNumbering;
}

/** What doc:, kind: and year: and the results need to know of a document. */
export function documentInfo(d: LibraryDocument): DocumentInfo {
  const year = d.metadata.date ? Number(d.metadata.date.slice(0, 4)) : null;
  const info: DocumentInfo = { id: d.id, title: d.metadata.title, key: foldKey(d.metadata.title), kind: d.metadata.kind, year };
  if (hasPrintedNumbers(d)) info.numbering = { pageLabels: d.pageLabels, pageOffset: d.pageOffset };
  return info;
}

export type PlanResult = { ok: true; plan: QueryPlan } | { ok: false; error: QueryError };

export interface PlanOptions {
  /** The last word is still being typed: also match it as a prefix. */
  typing?: boolean;
}

/** What a query is planned against: the codebook, the documents and (for linked:) the links between passages. */
export interface PlanContext {
  codebook: Codebook;
  documents: readonly DocumentInfo[];
  /** The highlights with a link of a relation (or "any"); null when no relation has that name. */
  linked?: (value: string) => Set<string> | null;
  /** The relations, to name them when linked: names none. */
  relations?: readonly string[];
  /** The document variables as they are now, for var: (read per query: no index holds them). */
  variables?: DocumentVariables;
}

export function planQuery(
  input: string,
  context: PlanContext,
  options: PlanOptions = {},
): PlanResult {
  const parsed = parseQuery(input);
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, plan: compile(parsed.query, input, context, options) };
  } catch (error) {
    if (error instanceof PlanError) return { ok: false, error: error.problem };
    throw error;
  }
}

class PlanError extends Error {
  constructor(readonly problem: QueryError) {
    super(problem.message);
  }
}

function compile(
  query: ParsedQuery,
  input: string,
  { codebook, documents, linked, relations = [], variables = NO_VARIABLES }: PlanContext,
  options: PlanOptions,
): QueryPlan {
  const plan: QueryPlan = {
    text: [],
    annotationFilters: [],
    documents: null,
    excludedDocuments: new Set(),
    annotationsOnly: false,
    annotations: null,
    excludedAnnotations: new Set(),
    memosOnly: false,
  };
  const restrictDocuments = (ids: Iterable<string>, negated: boolean) => {
    if (negated) {
      for (const id of ids) plan.excludedDocuments.add(id);
      return;
    }
    const set = new Set(ids);
    plan.documents = plan.documents ? new Set([...plan.documents].filter((id) => set.has(id))) : set;
  };
  const last = query.clauses[query.clauses.length - 1];
  const typingLast = options.typing && last?.type === 'word' && last.end === input.length && !last.prefix && !last.fuzzy;

  for (const clause of query.clauses) {
    const fail = (message: string): never => {
      throw new PlanError({ message, start: clause.start, end: clause.end });
    };
    switch (clause.type) {
      case 'word':
      case 'phrase': {
        const words = analyzeQuery(clause.text);
        if (words.length === 0) break;
        const tokens: TokenSpec[] = words.map((w) => ({
          ordinal: w.ordinal - words[0]!.ordinal,
          match: w.terms.length ? { type: 'terms', terms: w.terms } : { type: 'stop', word: w.word },
        }));
        const tail = tokens[tokens.length - 1]!;
        const tailWord = words[words.length - 1]!;
        if (clause.type === 'word' && clause.prefix) {
          tail.match = { type: 'prefix', prefix: foldWord(tailWord.word), exact: [] };
        } else if (clause.type === 'word' && clause.fuzzy) {
          tail.match = { type: 'fuzzy', word: foldWord(tailWord.word), distance: clause.fuzzy, exact: tailWord.terms };
        } else if (clause === last && typingLast && tailWord.word.length >= 2) {
          tail.match = { type: 'prefix', prefix: foldWord(tailWord.word), exact: tailWord.terms };
        }
        // A clause of stop words alone ("the") asks for nothing.
        if (tokens.every((t) => t.match.type === 'stop')) break;
        plan.text.push({ tokens, negated: clause.negated });
        break;
      }
      case 'field': {
        const { field, value, negated } = clause;
        if (field === 'principle') {
          const ids = resolvePrinciples(value, codebook);
          if (!ids.length) fail(`No principle is called “${value}”. Try ${codebook.principles.slice(0, 3).map((p) => p.id).join(', ')}… (they complete as you type).`);
          plan.annotationFilters.push({ field, values: ids, negated });
        } else if (field === 'actor') {
          const ids = resolveActors(value, codebook);
          if (!ids.length) fail(`No actor in the codebook is called “${value}” (names and aliases complete as you type).`);
          plan.annotationFilters.push({ field, values: ids, negated });
        } else if (field === 'stance' || field === 'color') {
          plan.annotationFilters.push({ field, values: [value], negated });
        } else if (field === 'tag') {
          plan.annotationFilters.push({ field, values: [value.replace(/^#/, '').toLowerCase()], negated });
        } else if (field === 'linked') {
          const ids = linked?.(value) ?? null;
          if (!ids) fail(`No relation is called “${value}”. Try linked:any${relations.slice(0, 3).map((r) => `, linked:${r.includes(' ') ? `"${r}"` : r}`).join('')}…`);
          if (negated) for (const id of ids!) plan.excludedAnnotations.add(id);
          else plan.annotations = plan.annotations ? new Set([...plan.annotations].filter((id) => ids!.has(id))) : ids;
        } else if (field === 'memo') {
          if (!negated) plan.memosOnly = true;
        } else if (field === 'coder') {
          plan.annotationFilters.push({ field, values: [value.trim().toLowerCase()], negated });
        } else if (field === 'kind') {
          restrictDocuments(documents.filter((d) => d.kind === value).map((d) => d.id), negated);
        } else {
          const ids = matchDocuments(value, documents);
          if (!ids.length) fail(`No document title contains “${value}”.`);
          restrictDocuments(ids, negated);
        }
        if (!negated && (field === 'principle' || field === 'actor' || field === 'stance' || field === 'tag' || field === 'coder' || field === 'color' || field === 'linked')) {
          plan.annotationsOnly = true;
        }
        break;
      }
      case 'variable': {
        const found = documentsWithVariable(variables, clause);
        if ('error' in found) fail(found.error);
        else restrictDocuments(found.ids, clause.negated);
        break;
      }
      case 'year': {
        const ids = documents
          .filter((d) => d.year !== null && (clause.from === null || d.year >= clause.from) && (clause.to === null || d.year <= clause.to))
          .map((d) => d.id);
        restrictDocuments(ids, clause.negated);
        break;
      }
    }
  }
  return plan;
}

/** Narrows a plan to some documents, as a doc: clause would: what scoping a search to a collection does. */
export function restrictToDocuments(plan: QueryPlan, documents: ReadonlySet<string>): void {
  plan.documents = new Set([...(plan.documents ?? documents)].filter((id) => documents.has(id)));
}

/** doc: an id, an exact title, else every title containing all the value's words (folded). */
function matchDocuments(value: string, documents: readonly DocumentInfo[]): string[] {
  const byId = documents.find((d) => d.id === value);
  if (byId) return [byId.id];
  const key = foldKey(value);
  const exact = documents.filter((d) => d.key === key);
  if (exact.length) return exact.map((d) => d.id);
  const words = key.split(' ').filter(Boolean);
  return documents
    .filter((d) => {
      const title = ` ${d.key} `;
      return words.every((w) => title.includes(` ${w}`));
    })
    .map((d) => d.id);
}
