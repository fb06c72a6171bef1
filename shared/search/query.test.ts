import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../codebooks';
import { completeQuery } from './complete';
import { formatFieldClause, parseQuery, type QueryClause } from './query';
import { resolveActors, resolvePrinciples } from './resolve';

function clauses(input: string): QueryClause[] {
  const result = parseQuery(input);
  if (!result.ok) throw new Error(`unexpected error: ${result.error.message}`);
  return result.query.clauses;
}

function error(input: string) {
  const result = parseQuery(input);
  if (result.ok) throw new Error(`expected an error for ${input}`);
  return result.error;
}

describe('parseQuery', () => {
  it('reads plain words, all required', () => {
    expect(clauses('cyber  norms')).toEqual([
      { type: 'word', text: 'cyber', prefix: false, fuzzy: 0, negated: false, start: 0, end: 5 },
      { type: 'word', text: 'norms', prefix: false, fuzzy: 0, negated: false, start: 7, end: 12 },
    ]);
    expect(clauses('   ')).toEqual([]);
    expect(clauses('+norms')).toMatchObject([{ type: 'word', text: 'norms', negated: false }]);
  });

  it('reads "exact phrases", also negated', () => {
    expect(clauses('"rule of law" -"hack back"')).toEqual([
      { type: 'phrase', text: 'rule of law', negated: false, start: 0, end: 13 },
      { type: 'phrase', text: 'hack back', negated: true, start: 14, end: 26 },
    ]);
  });

  it('reads -exclusions, prefix* and word~N', () => {
    expect(clauses('-draft secur* sovereinty~1 norm~ x~2')).toMatchObject([
      { type: 'word', text: 'draft', negated: true },
      { type: 'word', text: 'secur', prefix: true, fuzzy: 0 },
      { type: 'word', text: 'sovereinty', fuzzy: 1, prefix: false },
      { type: 'word', text: 'norm', fuzzy: 1 },
      { type: 'word', text: 'x', fuzzy: 2 },
    ]);
  });

  it('reads every field, quoted values and negated fields', () => {
    expect(
      clauses('principle:hack-back actor:russia stance:Opposes tag:followup doc:"paris call" color:yellow kind:treaty -tag:draft'),
    ).toMatchObject([
      { type: 'field', field: 'principle', value: 'hack-back' },
      { type: 'field', field: 'actor', value: 'russia' },
      { type: 'field', field: 'stance', value: 'opposes' },
      { type: 'field', field: 'tag', value: 'followup' },
      { type: 'field', field: 'doc', value: 'paris call', end: 77 },
      { type: 'field', field: 'color', value: 'yellow' },
      { type: 'field', field: 'kind', value: 'treaty' },
      { type: 'field', field: 'tag', value: 'draft', negated: true },
    ]);
    expect(clauses('ACTOR:"United States"')).toMatchObject([{ field: 'actor', value: 'United States' }]);
  });

  it('reads years and ranges', () => {
    expect(clauses('year:2018 year:2018..2020 year:..2019 year:2021..')).toMatchObject([
      { type: 'year', from: 2018, to: 2018 },
      { type: 'year', from: 2018, to: 2020 },
      { type: 'year', from: null, to: 2019 },
      { type: 'year', from: 2021, to: null },
    ]);
  });

  it('ignores lone punctuation', () => {
    expect(clauses('norms & rules —')).toMatchObject([{ text: 'norms' }, { text: 'rules' }]);
  });

  it.each([
    ['"rule of law', /quote is not closed/, [0, 12]],
    ['norms -', /minus must be followed/, [6, 7]],
    ['foo:bar', /no field “foo:”/, [0, 7]],
    ['tag:', /tag: needs a value/, [0, 4]],
    ['doc:""', /doc: needs a value/, [0, 6]],
    ['stance:loves', /stance: is one of supports, opposes, mixed, mentions/, [0, 12]],
    ['color:teal', /color: is one of yellow/, [0, 10]],
    ['kind:novel', /kind: is one of article/, [0, 10]],
    ['year:18', /four-digit years/, [0, 7]],
    ['year:2020..2018', /ends before it starts/, [0, 15]],
    ['year:..', /a year or a range/, [0, 7]],
    ['year:2018..2019..2020', /a year or a range/, [0, 21]],
    ['word~3', /~1 or ~2/, [0, 6]],
    ['se*cur', /\* can only end a word/, [0, 6]],
    ['*', /\* needs the start of a word/, [0, 1]],
    ['~', /~ needs a word/, [0, 1]],
    ['sec*~1', /not both/, [0, 6]],
    ['a~b~1', /~ can only end a word/, [0, 5]],
    ['""', /no words/, [0, 2]],
    ['doc:pa"ris"', /whole value of doc: in quotes/, [0, 7]],
  ])('reports %s clearly', (input, message, [start, end]) => {
    const e = error(input);
    expect(e.message).toMatch(message);
    expect([e.start, e.end]).toEqual([start, end]);
  });

  it('never throws, whatever it is given', () => {
    const pieces = ['"', '-', '+', '*', '~', ':', 'tag:', 'year:', '..', 'a', ' ', 'ü', '2018', 'doc:"', '~9', '\u0000', '\ud800'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 3_000; i++) {
      const input = Array.from({ length: 1 + Math.floor(random() * 8) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const result = parseQuery(input);
      if (!result.ok) {
        expect(result.error.message.length).toBeGreaterThan(10);
        expect(result.error.start).toBeLessThanOrEqual(result.error.end);
        expect(result.error.end).toBeLessThanOrEqual(input.length);
      }
    }
  });

  it('formats clauses for facets, quoting when needed', () => {
    expect(formatFieldClause('principle', 'cyber-hygiene')).toBe('principle:cyber-hygiene');
    expect(formatFieldClause('doc', 'The "Paris" Call')).toBe('doc:"The Paris Call"');
    const round = clauses(formatFieldClause('doc', 'Paris Call for Trust'));
    expect(round).toMatchObject([{ field: 'doc', value: 'Paris Call for Trust' }]);
  });
});

describe('codebook resolution', () => {
  const codebook = PARIS_CALL_CODEBOOK;
  it('resolves principles by id, name and the words of either', () => {
    expect(resolvePrinciples('hack-back', codebook)).toEqual(['no-private-hack-back']);
    expect(resolvePrinciples('No private hack-back', codebook)).toEqual(['no-private-hack-back']);
    expect(resolvePrinciples('cyber-hygiene', codebook)).toEqual(['cyber-hygiene']);
    expect(resolvePrinciples('hyg', codebook)).toEqual(['cyber-hygiene']);
    expect(resolvePrinciples('protect', codebook)).toEqual(['protect-individuals-infrastructure', 'protect-internet-core']);
    expect(resolvePrinciples('nonsense', codebook)).toEqual([]);
  });

  it('resolves actors by name, alias (folded) and the actor matcher', () => {
    expect(resolveActors('russia', codebook)).toEqual(['russia']);
    expect(resolveActors('Kremlin', codebook)).toEqual(['russia']);
    expect(resolveActors('us', codebook)).toEqual(['united-states']);
    expect(resolveActors('elysee', codebook)).toEqual(['france']);
    expect(resolveActors('russ', codebook)).toContain('russia');
    expect(resolveActors('statements by the U.S. government', codebook)).toEqual(['united-states']);
    expect(resolveActors('atlantis', codebook)).toEqual([]);
  });
});

describe('completeQuery', () => {
  const sources = {
    codebook: PARIS_CALL_CODEBOOK,
    tags: ['followup', 'draft'],
    coders: ['Ann Lima', 'Ben'],
    documents: [{ id: 'd1', title: 'Paris Call for Trust' }],
    years: [2018, 2019, 2020],
  };
  it('completes field names', () => {
    const result = completeQuery('norms pri', 9, sources);
    expect(result).toMatchObject({ from: 6, to: 9, items: [{ label: 'principle:', insert: 'principle:' }] });
  });

  it('completes principle and actor names from the codebook', () => {
    const principles = completeQuery('principle:hack', 14, sources);
    expect(principles.items[0]).toMatchObject({ label: 'No private hack-back', insert: 'principle:no-private-hack-back' });
    const actors = completeQuery('-actor:krem', 11, sources);
    expect(actors.items[0]).toMatchObject({ label: 'Russia', insert: '-actor:russia' });
    expect(actors.from).toBe(0);
  });

  it('completes tags, stances, documents (quoted) and years', () => {
    expect(completeQuery('tag:f', 5, sources).items.map((i) => i.insert)).toEqual(['tag:followup']);
    expect(completeQuery('stance:o', 8, sources).items.map((i) => i.insert)).toEqual(['stance:opposes']);
    expect(completeQuery('doc:"paris', 10, sources).items.map((i) => i.insert)).toEqual(['doc:"Paris Call for Trust"']);
    expect(completeQuery('year:201', 8, sources).items.map((i) => i.insert)).toEqual(['year:2018', 'year:2019']);
  });

  it('completes coders, quoting a name with a space', () => {
    expect(completeQuery('coder:an', 8, sources).items.map((i) => i.insert)).toEqual(['coder:"Ann Lima"']);
    expect(parseQuery('coder:"Ann Lima" -coder:Ben')).toMatchObject({
      ok: true,
      query: { clauses: [{ type: 'field', field: 'coder', value: 'Ann Lima', negated: false }, { type: 'field', field: 'coder', value: 'Ben', negated: true }] },
    });
  });

  it('offers nothing inside plain words', () => {
    expect(completeQuery('"rule of', 8, sources).items).toEqual([]);
    expect(completeQuery('norms', 5, sources).items).toEqual([]);
  });
});
