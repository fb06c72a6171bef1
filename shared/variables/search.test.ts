import { describe, expect, it } from 'vitest';
import { parseQuery, type VariableClause } from '../search/query';
import { completeQuery } from '../search/complete';
import { PARIS_CALL_CODEBOOK } from '../codebooks';
import type { DocumentVariables } from './model';
import { documentsWithVariable } from './search';

const state: DocumentVariables = {
  variables: [
    { id: 'c', name: 'Country', type: 'choice', choices: ['France', 'Kenya', 'United States'], created: '' },
    { id: 't', name: 'Actor type', type: 'text', choices: [], created: '' },
    { id: 'y', name: 'Year', type: 'number', choices: [], created: '' },
    { id: 's', name: 'Signed', type: 'date', choices: [], created: '' },
  ],
  values: {
    a: { c: 'France', t: 'State agency', y: 2015, s: '2018' },
    b: { c: 'Kenya', t: 'civil society', y: 2019, s: '2018-11-12' },
    d: { c: 'United States', y: 2021.5, s: '2020-02' },
    e: {},
  },
};

function clause(query: string): VariableClause {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.query.clauses[0] as VariableClause;
}

const ids = (query: string) => {
  const found = documentsWithVariable(state, clause(query));
  if ('error' in found) throw new Error(found.error);
  return found.ids.sort();
};
const problem = (query: string) => {
  const found = documentsWithVariable(state, clause(query));
  return 'error' in found ? found.error : null;
};
const parseError = (query: string) => {
  const parsed = parseQuery(query);
  return parsed.ok ? null : parsed.error.message;
};

describe('var: in queries', () => {
  it('is read as a name, a comparison and a value, each perhaps in quotes', () => {
    expect(parseQuery('norms var:country=France -var:"actor type"="civil society" var:year>=2015 var:signed').ok).toBe(true);
    expect(clause('var:country=France')).toMatchObject({ type: 'variable', name: 'country', op: '=', value: 'France', negated: false, start: 0, end: 18 });
    expect(clause('-var:"actor type"="civil society"')).toMatchObject({ name: 'actor type', op: '=', value: 'civil society', negated: true });
    expect(clause('var:year>=2015')).toMatchObject({ name: 'year', op: '>=', value: '2015' });
    expect(clause('var:signed')).toMatchObject({ name: 'signed', op: null, value: null });
    const parsed = parseQuery('var:country=Kenya treaty');
    expect(parsed.ok && parsed.query.clauses.map((c) => c.type)).toEqual(['variable', 'word']);
  });

  it('says what is wrong with a var: it cannot read', () => {
    expect(parseError('var:')).toMatch(/needs a variable's name/);
    expect(parseError('var:country=')).toMatch(/needs a value/);
    expect(parseError('var:country!=France')).toMatch(/put a minus before/);
    expect(parseError('var:"actor type"x')).toMatch(/in quotes/);
    expect(parseError('var:country=United"States"')).toMatch(/whole value in quotes/);
  });

  it('finds documents by a choice, words of a text, numbers and dates compared, or any value', () => {
    expect(ids('var:country=france')).toEqual(['a']);
    expect(ids('var:Country="united states"')).toEqual(['d']);
    expect(ids('var:actor-type=state')).toEqual(['a']);
    expect(ids('var:"actor type"=civil')).toEqual(['b']);
    expect(ids('var:"actor type"')).toEqual(['a', 'b']);
    expect(ids('var:year>=2019')).toEqual(['b', 'd']);
    expect(ids('var:year>2019')).toEqual(['d']);
    expect(ids('var:year<2019')).toEqual(['a']);
    expect(ids('var:year=2015..2019')).toEqual(['a', 'b']);
    expect(ids('var:year=..2019')).toEqual(['a', 'b']);
    expect(ids('var:year=2021,5')).toEqual(['d']);
    // Dates are spans: 2018 is the whole year.
    expect(ids('var:signed=2018')).toEqual(['a', 'b']);
    expect(ids('var:signed=2018-11')).toEqual(['b']);
    expect(ids('var:signed>=2019')).toEqual(['d']);
    expect(ids('var:signed<2018-12')).toEqual(['b']);
    expect(ids('var:signed<=2018')).toEqual(['a', 'b']);
    expect(ids('var:signed=2018..2020-01')).toEqual(['a', 'b']);
  });

  it('says in words when a variable or value does not exist or does not fit', () => {
    expect(problem('var:nosuch=1')).toBe('There is no variable “nosuch”. The variables are Country, Actor type, Year, Signed (they complete as you type).');
    expect(documentsWithVariable({ variables: [], values: {} }, clause('var:nosuch'))).toEqual({ error: expect.stringMatching(/no document variables are defined yet/) });
    expect(problem('var:country=Frnace')).toBe('var:Country=Frnace: “Country” is one of France, Kenya, United States (not “Frnace”).');
    expect(problem('var:country>=France')).toMatch(/compared with = only/);
    expect(problem('var:year>=soon')).toBe('var:Year>=soon: “Year” takes a number.');
    expect(problem('var:signed=2018-13')).toMatch(/takes a date like 2018/);
    expect(problem('var:year>=1..2')).toMatch(/a range is written with =/);
  });

  it('completes variable names, then their choices or the values documents have', () => {
    const sources = { codebook: PARIS_CALL_CODEBOOK, tags: [], coders: [], documents: [], years: [], variables: state };
    expect(completeQuery('var:', 4, sources).items.map((i) => i.insert)).toEqual(['var:Country=', 'var:"Actor type"=', 'var:Year=', 'var:Signed=']);
    expect(completeQuery('norms -var:act', 14, sources)).toMatchObject({ from: 6, items: [{ label: 'Actor type', insert: '-var:"Actor type"=' }] });
    expect(completeQuery('var:country=', 12, sources).items.map((i) => i.insert)).toEqual(['var:Country=France', 'var:Country=Kenya', 'var:Country="United States"']);
    expect(completeQuery('var:"actor type"=ci', 19, sources)).toMatchObject({ from: 0, items: [{ label: 'civil society', insert: 'var:"Actor type"="civil society"' }] });
    expect(completeQuery('var:year>=20', 12, sources).items.map((i) => i.label)).toEqual(['2015', '2019', '2021.5']);
    expect(completeQuery('var:nosuch=', 11, sources).items).toEqual([]);
  });
});
