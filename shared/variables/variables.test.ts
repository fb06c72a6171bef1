import { describe, expect, it } from 'vitest';
import { applyVariableEdit, NO_VARIABLES, parseValue, valueProblem, valuesSummary, variableEditSchema, type DocumentVariable } from '.';
import { cellText, filterRows, NO_DOCUMENT_FILTER, NO_STATS, prepareRow } from '../document-table';
import { FIXTURE_DOCUMENTS } from '../analysis/test-fixture';

const country: DocumentVariable = { id: 'c', name: 'Country', type: 'choice', choices: ['France', 'Kenya'], created: '' };
const pages: DocumentVariable = { id: 'p', name: 'Pages', type: 'number', choices: [], created: '' };
const signed: DocumentVariable = { id: 'd', name: 'Signed', type: 'date', choices: [], created: '' };
const context = { newId: 'new', now: 'now', hasDocument: (id: string) => id.startsWith('doc') };

describe('document variable values', () => {
  it('reads what the user typed as a value of the variable’s type, or says why not', () => {
    expect(parseValue(pages, ' 12 ')).toEqual({ value: 12 });
    expect(parseValue(pages, '1,5')).toEqual({ value: 1.5 });
    expect(parseValue(pages, '−3')).toEqual({ value: -3 });
    expect(parseValue(pages, 'twelve')).toEqual({ error: '“Pages” takes a number' });
    expect(parseValue(pages, '')).toEqual({ value: null });
    expect(parseValue(country, 'Kenya')).toEqual({ value: 'Kenya' });
    expect(parseValue(country, 'kenya')).toEqual({ error: '“Country” takes one of: France, Kenya' });
    expect(parseValue(signed, '2018-11')).toEqual({ value: '2018-11' });
    expect(parseValue(signed, '2019-02-29')).toMatchObject({ error: expect.stringMatching(/takes a date/) });
    expect(parseValue(signed, '2020-02-29')).toEqual({ value: '2020-02-29' });
    expect(valueProblem({ name: 'Notes', type: 'text', choices: [] }, '  ')).toBe('“Notes” takes some text');
  });
});

describe('document variable edits', () => {
  it('create, set for many documents at once, clear, and refuse what makes no sense', () => {
    let state = applyVariableEdit(NO_VARIABLES, variableEditSchema.parse({ op: 'create', name: ' Country ', type: 'choice', choices: ['France', 'Kenya'] }), context);
    expect(state.variables).toEqual([{ id: 'new', name: 'Country', type: 'choice', choices: ['France', 'Kenya'], created: 'now' }]);
    expect(() => applyVariableEdit(state, variableEditSchema.parse({ op: 'create', name: 'country', type: 'text', choices: [] }), context)).toThrow(
      'There is already a variable called “Country”.',
    );
    expect(() => applyVariableEdit(state, variableEditSchema.parse({ op: 'create', name: 'Stance', type: 'choice', choices: [] }), context)).toThrow(
      'A list of choices needs at least one choice.',
    );
    expect(() => applyVariableEdit(state, variableEditSchema.parse({ op: 'create', name: 'N', type: 'number', choices: ['x'] }), context)).toThrow(/only a list/i);
    state = applyVariableEdit(state, variableEditSchema.parse({ op: 'set', variableId: 'new', documentIds: ['doc1', 'doc2', 'doc3'], value: 'Kenya' }), context);
    expect(state.values).toEqual({ doc1: { new: 'Kenya' }, doc2: { new: 'Kenya' }, doc3: { new: 'Kenya' } });
    state = applyVariableEdit(state, variableEditSchema.parse({ op: 'setDocument', documentId: 'doc2', values: { new: null } }), context);
    expect(Object.keys(state.values)).toEqual(['doc1', 'doc3']);
    expect(() => applyVariableEdit(state, variableEditSchema.parse({ op: 'set', variableId: 'new', documentIds: ['other'], value: 'Kenya' }), context)).toThrow(
      'A document is no longer in the library.',
    );
    expect(() => applyVariableEdit(state, variableEditSchema.parse({ op: 'setDocument', documentId: 'doc1', values: { gone: 'x' } }), context)).toThrow(
      'That variable no longer exists.',
    );
    // Renaming and adding a choice are fine; dropping one still in use is not.
    state = applyVariableEdit(state, variableEditSchema.parse({ op: 'update', id: 'new', name: 'Country of origin', choices: ['France', 'Kenya', 'Chile'] }), context);
    expect(state.variables[0]).toMatchObject({ name: 'Country of origin', choices: ['France', 'Kenya', 'Chile'] });
    expect(() => applyVariableEdit(state, variableEditSchema.parse({ op: 'update', id: 'new', name: 'C', choices: ['France'] }), context)).toThrow(/“Kenya” \(2 documents\)/);
  });
});

describe('document variables in the documents table', () => {
  it('show as one line in the Variables column, and the filter box finds them', () => {
    const state = { variables: [country, pages, signed], values: { doc1: { c: 'Kenya', p: 12 }, doc2: { d: '2019' } } };
    expect(valuesSummary(state, 'doc1')).toBe('Country: Kenya; Pages: 12');
    expect(valuesSummary(state, 'doc3')).toBe('');
    const rows = ['doc1', 'doc2'].map((id) => prepareRow({ document: { ...FIXTURE_DOCUMENTS[0]!, id }, stats: NO_STATS, tags: [], variables: valuesSummary(state, id) }));
    expect(cellText(rows[0]!.row, 'variables')).toBe('Country: Kenya; Pages: 12');
    expect(filterRows(rows, { ...NO_DOCUMENT_FILTER, text: 'kenya' }).map((r) => r.document.id)).toEqual(['doc1']);
  });
});
