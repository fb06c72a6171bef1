// The search query language, parsed into clauses. Pure: no lunr, no Node, no DOM.
//
//   word            all words must match (English stemming: "norms" finds "norm")
//   "exact phrase"  the words in this order
//   -word           exclude (also -"phrase", -tag:draft)
//   prefix*         any word starting with prefix
//   word~1          words one edit away (typos); ~2 for two, ~ alone means ~1
//   field:value     principle: actor: stance: tag: coder: doc: color: kind: year: linked: memo:   (value may be "quoted")
//   memo:value      memos whose title or text has these words, in this order (only memos are found)
//   year:2018..2020 a range; year:2018.. and year:..2020 are open ranges
//   var:country=France   documents by a variable's value: var:"actor type"=state, var:year>=2015,
//                        var:year=2015..2020 (number and date variables), var:country (any value)
//
// A bad query is reported as a value with a message and the place of the problem; parsing never throws.
import { DOCUMENT_KINDS, HIGHLIGHT_COLORS, STANCES } from '../model';
import type { VariableComparison } from '../variables/search';

export const SEARCH_FIELDS = ['principle', 'actor', 'stance', 'tag', 'coder', 'doc', 'color', 'kind', 'year', 'linked', 'memo', 'var'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** Fields that only annotations have: a query using one finds no source passages. */
export const ANNOTATION_ONLY_FIELDS: readonly SearchField[] = ['principle', 'actor', 'stance', 'tag', 'coder', 'color', 'linked'];

export const MAX_FUZZY_DISTANCE = 2;

interface Located {
  /** [start, end) of the clause in the query text. */
  start: number;
  end: number;
  negated: boolean;
}

export interface WordClause extends Located {
  type: 'word';
  text: string;
  /** prefix*: any word starting with text. */
  prefix: boolean;
  /** Edit distance allowed (word~1), 0 for an exact word. */
  fuzzy: number;
}

export interface PhraseClause extends Located {
  type: 'phrase';
  text: string;
}

export interface FieldClause extends Located {
  type: 'field';
  field: Exclude<SearchField, 'year' | 'var'>;
  value: string;
}

export interface YearClause extends Located {
  type: 'year';
  /** Inclusive bounds; null for an open end. */
  from: number | null;
  to: number | null;
}

/** var:name, var:name=value, var:name>=value… (shared/variables/search.ts matches it). */
export interface VariableClause extends Located {
  type: 'variable';
  name: string;
  /** Both null: the document has any value. */
  op: VariableComparison | null;
  value: string | null;
}

export type QueryClause = WordClause | PhraseClause | FieldClause | YearClause | VariableClause;

export interface ParsedQuery {
  clauses: QueryClause[];
}

export interface QueryError {
  message: string;
  /** [start, end) of the problem in the query text. */
  start: number;
  end: number;
}

export type ParseResult = { ok: true; query: ParsedQuery } | { ok: false; error: QueryError };

const FIELD_VALUES: Partial<Record<SearchField, readonly string[]>> = {
  stance: STANCES,
  color: HIGHLIGHT_COLORS,
  kind: DOCUMENT_KINDS,
};

const FIELD_EXAMPLES: Record<SearchField, string> = {
  principle: 'principle:hack-back',
  actor: 'actor:russia',
  stance: 'stance:opposes',
  tag: 'tag:followup',
  coder: 'coder:"Ann Lima"',
  doc: 'doc:"paris call"',
  color: 'color:yellow',
  kind: 'kind:treaty',
  year: 'year:2018..2020',
  linked: 'linked:contradicts',
  memo: 'memo:"research question"',
  var: 'var:country=France',
};

const VARIABLE_EXAMPLES = 'var:country=France, var:"actor type"=state, var:year>=2015 or var:country (any value)';

class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);
const WORDISH = /[\p{L}\p{N}]/u;

export function parseQuery(input: string): ParseResult {
  try {
    return { ok: true, query: { clauses: new Parser(input).parse() } };
  } catch (error) {
    if (error instanceof QuerySyntaxError) {
      return { ok: false, error: { message: error.message, start: error.start, end: error.end } };
    }
    // A bug in the parser must not break search: report it as a query problem.
    return { ok: false, error: { message: `This query could not be read (${String(error)}).`, start: 0, end: input.length } };
  }
}

class Parser {
  private at = 0;
  constructor(private readonly input: string) {}

  parse(): QueryClause[] {
    const clauses: QueryClause[] = [];
    for (;;) {
      while (isSpace(this.input[this.at])) this.at++;
      if (this.at >= this.input.length) return clauses;
      const clause = this.clause();
      if (clause) clauses.push(clause);
    }
  }

  private clause(): QueryClause | null {
    const start = this.at;
    let negated = false;
    const sign = this.input[this.at];
    if (sign === '-' || sign === '+') {
      const next = this.input[this.at + 1];
      if (next === undefined || isSpace(next)) {
        if (sign === '+') {
          this.at++;
          return null;
        }
        throw new QuerySyntaxError('A minus must be followed by what to exclude, like -draft or -"hack back".', start, start + 1);
      }
      negated = sign === '-';
      this.at++;
    }
    if (this.input[this.at] === '"') {
      const text = this.quoted();
      if (!WORDISH.test(text)) throw new QuerySyntaxError('This phrase has no words to search for.', start, this.at);
      return { type: 'phrase', text, negated, start, end: this.at };
    }
    const bare = this.bare();
    const colon = bare.indexOf(':');
    if (colon > 0 && /^[A-Za-z]+$/.test(bare.slice(0, colon))) {
      if (bare.slice(0, colon).toLowerCase() === 'var') {
        // Read again from after "var:": its name and value may each be quoted.
        this.at -= bare.length - colon - 1;
        return this.variable(negated, start);
      }
      return this.field(bare.slice(0, colon).toLowerCase(), bare.slice(colon + 1), negated, start);
    }
    return this.word(bare, negated, start);
  }

  /** A "quoted" run; the opening quote is at `this.at`. */
  private quoted(): string {
    const open = this.at;
    const close = this.input.indexOf('"', open + 1);
    if (close === -1) {
      throw new QuerySyntaxError('A quote is not closed: add the closing " after the phrase.', open, this.input.length);
    }
    this.at = close + 1;
    return this.input.slice(open + 1, close);
  }

  /** var:name, var:"a name", then optionally an operator and a value (perhaps "quoted"). */
  private variable(negated: boolean, start: number): VariableClause {
    const run = (stop: RegExp) => {
      const from = this.at;
      while (this.at < this.input.length && !stop.test(this.input[this.at]!)) this.at++;
      return this.input.slice(from, this.at);
    };
    const ended = () => this.at >= this.input.length || isSpace(this.input[this.at]);
    const name = (this.input[this.at] === '"' ? this.quoted() : run(/[\s"=<>!]/)).trim();
    if (name === '') throw new QuerySyntaxError(`var: needs a variable's name, like ${VARIABLE_EXAMPLES}.`, start, Math.max(this.at, start + 4));
    if (this.input[this.at] === '!') {
      throw new QuerySyntaxError(`To leave out documents with a value, put a minus before the clause: -var:${name.includes(' ') ? `"${name}"` : name}=…`, start, this.at + 1);
    }
    const op = (/^(>=|<=|=|<|>)/.exec(this.input.slice(this.at))?.[1] ?? null) as VariableComparison | null;
    if (op === null) {
      if (!ended()) throw new QuerySyntaxError(`Put a variable's name with spaces in quotes, like ${VARIABLE_EXAMPLES}.`, start, this.at + 1);
      return { type: 'variable', name, op: null, value: null, negated, start, end: this.at };
    }
    this.at += op.length;
    const value = (this.input[this.at] === '"' ? this.quoted() : run(/[\s"]/)).trim();
    if (!ended()) throw new QuerySyntaxError(`Put the whole value in quotes, like var:country="United States".`, start, this.at + 1);
    if (value === '') throw new QuerySyntaxError(`var:${/\s/.test(name) ? `"${name}"` : name}${op} needs a value after ${op}, like ${VARIABLE_EXAMPLES}.`, start, this.at);
    return { type: 'variable', name, op, value, negated, start, end: this.at };
  }

  /** A run of characters up to white space or a quote (a quote right after "field:" starts the value). */
  private bare(): string {
    const from = this.at;
    while (this.at < this.input.length && !isSpace(this.input[this.at]) && this.input[this.at] !== '"') this.at++;
    return this.input.slice(from, this.at);
  }

  private field(name: string, rawValue: string, negated: boolean, start: number): QueryClause {
    if (!(SEARCH_FIELDS as readonly string[]).includes(name)) {
      throw new QuerySyntaxError(
        `There is no field “${name}:”. Fields are ${SEARCH_FIELDS.map((f) => f + ':').join(' ')} — to search for the text itself, put it in quotes.`,
        start,
        this.at,
      );
    }
    const field = name as Exclude<SearchField, 'var'>;
    let value = rawValue;
    if (value === '' && this.input[this.at] === '"') value = this.quoted();
    else if (this.input[this.at] === '"') {
      throw new QuerySyntaxError(`Put the whole value of ${field}: in quotes, like ${FIELD_EXAMPLES[field]}.`, start, this.at + 1);
    }
    value = value.trim();
    if (value === '') throw new QuerySyntaxError(`${field}: needs a value, like ${FIELD_EXAMPLES[field]}.`, start, this.at);
    const end = this.at;
    if (field === 'year') return { type: 'year', ...parseYears(value, start, end), negated, start, end };
    const allowed = FIELD_VALUES[field];
    if (allowed) {
      const lower = value.toLowerCase();
      if (!allowed.includes(lower)) {
        throw new QuerySyntaxError(`${field}: is one of ${allowed.join(', ')} (not “${value}”).`, start, end);
      }
      value = lower;
    }
    return { type: 'field', field, value, negated, start, end };
  }

  private word(raw: string, negated: boolean, start: number): QueryClause | null {
    const end = this.at;
    let text = raw;
    let fuzzy = 0;
    let prefix = false;
    const tilde = /~(\d*)$/.exec(text);
    if (tilde) {
      fuzzy = tilde[1] === '' ? 1 : Number(tilde[1]);
      if (fuzzy < 1 || fuzzy > MAX_FUZZY_DISTANCE) {
        throw new QuerySyntaxError(`A typo tolerance is ~1 or ~2 (not ~${tilde[1]}).`, start, end);
      }
      text = text.slice(0, tilde.index);
    }
    if (text.endsWith('*')) {
      prefix = true;
      text = text.slice(0, -1);
    }
    if (text.includes('*')) {
      throw new QuerySyntaxError('* can only end a word, as in secur* (it matches any word starting with secur).', start, end);
    }
    if (text.includes('~')) throw new QuerySyntaxError('~ can only end a word, as in sovereignty~1.', start, end);
    if (prefix && fuzzy) throw new QuerySyntaxError('A word can end with * or with ~, not both.', start, end);
    if (!WORDISH.test(text)) {
      if (prefix) throw new QuerySyntaxError('* needs the start of a word before it, as in secur*.', start, end);
      if (fuzzy) throw new QuerySyntaxError('~ needs a word before it, as in sovereignty~1.', start, end);
      // Punctuation on its own ("&", "—") matches nothing and hurts nothing.
      return null;
    }
    return { type: 'word', text, prefix, fuzzy, negated, start, end };
  }
}

function parseYears(value: string, start: number, end: number): { from: number | null; to: number | null } {
  const year = (s: string): number | null => {
    if (s === '') return null;
    if (!/^\d{4}$/.test(s)) {
      throw new QuerySyntaxError(`year: takes four-digit years, like year:2018 or year:2018..2020 (not “${value}”).`, start, end);
    }
    return Number(s);
  };
  const range = value.split('..');
  if (range.length === 1) {
    const single = year(value);
    return { from: single, to: single };
  }
  if (range.length !== 2 || (range[0] === '' && range[1] === '')) {
    throw new QuerySyntaxError(`year: takes a year or a range, like year:2018..2020 (not “${value}”).`, start, end);
  }
  const from = year(range[0] ?? '');
  const to = year(range[1] ?? '');
  if (from !== null && to !== null && from > to) {
    throw new QuerySyntaxError(`The range year:${value} ends before it starts: write year:${to}..${from}.`, start, end);
  }
  return { from, to };
}

/** A clause as query text, e.g. for a facet to add or remove: principle:cyber-hygiene, doc:"Paris Call". */
export function formatFieldClause(field: SearchField, value: string): string {
  const needsQuotes = /[\s"]/.test(value) || value === '';
  return `${field}:${needsQuotes ? `"${value.replace(/"/g, '')}"` : value}`;
}
