// var: in the search query language: which documents have a variable's value. `var:country=France`,
// `var:"actor type"=state`, `var:year>=2015` or `var:year=2015..2020` (number and date variables),
// `var:country` (any value). Matched against the variables as they are now: no index is involved, so
// a changed value is found by the next query. Pure.
import { foldKey } from '../search/resolve';
import { parseValue, type DocumentVariable, type DocumentVariables, type VariableValue } from './model';

export const VARIABLE_COMPARISONS = ['=', '<', '<=', '>', '>='] as const;
export type VariableComparison = (typeof VARIABLE_COMPARISONS)[number];

/** A var: clause: a variable's name, and a comparison with a value (both null: any value). */
export interface VariableQuery {
  name: string;
  op: VariableComparison | null;
  value: string | null;
}

export type VariableMatch = { ids: string[] } | { error: string };

/** The variable a name means: its name or id, folded (case, diacritics, "actor-type" for "actor type"). */
export function findVariable(variables: readonly DocumentVariable[], name: string): DocumentVariable | undefined {
  const key = foldKey(name);
  return variables.find((v) => v.id === name || foldKey(v.name) === key);
}

/** The documents whose value of the variable matches the query, or why the query makes no sense. */
export function documentsWithVariable(state: DocumentVariables, query: VariableQuery): VariableMatch {
  const variable = findVariable(state.variables, query.name);
  if (!variable) {
    if (state.variables.length === 0) return { error: `There is no variable “${query.name}”: no document variables are defined yet (Documents › Variables…).` };
    const names = state.variables.slice(0, 6).map((v) => v.name).join(', ');
    return { error: `There is no variable “${query.name}”. The variables are ${names}${state.variables.length > 6 ? ', …' : ''} (they complete as you type).` };
  }
  const test = valueTest(variable, query);
  if ('error' in test) return test;
  const ids: string[] = [];
  for (const [documentId, own] of Object.entries(state.values)) {
    const value = own[variable.id];
    if (value !== undefined && test.test(value)) ids.push(documentId);
  }
  return { ids };
}

type ValueTest = { test: (value: VariableValue) => boolean } | { error: string };

function valueTest(variable: DocumentVariable, query: VariableQuery): ValueTest {
  const { op, value } = query;
  if (op === null || value === null) return { test: () => true };
  const clause = `var:${formatVariableName(variable.name)}${op}${value}`;
  if ((variable.type === 'text' || variable.type === 'choice') && op !== '=') {
    return { error: `${clause}: “${variable.name}” holds ${variable.type === 'text' ? 'text' : 'choices'}, so it is compared with = only (<, >, <=, >= are for number and date variables).` };
  }
  if (variable.type === 'text') {
    const words = foldKey(value).split(' ').filter(Boolean);
    if (words.length === 0) return { error: `${clause}: give some words the value should have.` };
    // Every word starts a word of the value, as doc: matches titles.
    return {
      test: (v) => {
        const folded = ` ${foldKey(String(v))}`;
        return words.every((w) => folded.includes(` ${w}`));
      },
    };
  }
  if (variable.type === 'choice') {
    const choice = variable.choices.find((c) => foldKey(c) === foldKey(value));
    if (!choice) return { error: `${clause}: “${variable.name}” is one of ${variable.choices.join(', ')} (not “${value}”).` };
    return { test: (v) => v === choice };
  }
  const range = value.split('..');
  if (range.length > 2 || (range.length === 2 && op !== '=')) {
    return { error: `${clause}: a range is written with =, like var:${formatVariableName(variable.name)}=${variable.type === 'number' ? '10..20' : '2015..2020'}.` };
  }
  const bound = (text: string): VariableValue | null | { error: string } => {
    if (text === '' && range.length === 2) return null;
    const parsed = parseValue(variable, text);
    if ('error' in parsed) return { error: `${clause}: ${parsed.error}.` };
    return parsed.value;
  };
  const bounds = range.map(bound);
  for (const b of bounds) if (b !== null && typeof b === 'object') return b;
  const [from, to] = bounds as (VariableValue | null)[];
  if (range.length === 2 && from === null && to === null) return { error: `${clause}: a range needs at least one end.` };
  if (variable.type === 'number') {
    const low = from as number | null;
    const high = (range.length === 2 ? to : from) as number | null;
    if (range.length === 2) return { test: (v) => (low === null || (v as number) >= low) && (high === null || (v as number) <= high) };
    return { test: (v) => compare(v as number, low!, op) };
  }
  // Dates are spans: 2018 is the whole year, 2018-11 the month; = asks for a date within the span.
  const low = from === null ? null : dateSpan(from as string);
  const high = range.length === 2 ? (to === null ? null : dateSpan(to as string)) : low;
  return {
    test: (v) => {
      const [start, end] = dateSpan(v as string);
      switch (op) {
        case '=':
          return (low === null || start >= low[0]) && (high === null || end <= high[1]);
        case '>=':
          return start >= low![0];
        case '>':
          return start > low![1];
        case '<=':
          return end <= low![1];
        case '<':
          return end < low![0];
      }
    },
  };
}

function compare(a: number, b: number, op: VariableComparison): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

/** The first and last day of a date as 2018, 2018-11 or 2018-11-12, as ISO strings (they sort as dates). */
function dateSpan(date: string): [string, string] {
  const [year, month, day] = date.split('-');
  if (day) return [date, date];
  if (month) return [`${year}-${month}-01`, `${year}-${month}-${String(new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate()).padStart(2, '0')}`];
  return [`${year}-01-01`, `${year}-12-31`];
}

/** A variable's name as a var: clause writes it: in quotes when it has spaces or operators. */
export function formatVariableName(name: string): string {
  return /[\s"=<>!:]/.test(name) ? `"${name.replace(/"/g, '')}"` : name;
}

/** A value as a var: clause writes it. */
export function formatVariableValue(value: string): string {
  return /[\s"]/.test(value) ? `"${value.replace(/"/g, '')}"` : value;
}
