import { describe, expect, it } from 'vitest';
import { applyCompletion, hasClause, tokens, toggleClause } from './query-edit';

describe('query editing', () => {
  it('splits tokens with quoted values kept whole', () => {
    expect(tokens('norms doc:"Paris Call" -"hack back"')).toEqual(['norms', 'doc:"Paris Call"', '-"hack back"']);
  });

  it('toggles facet clauses', () => {
    expect(toggleClause('norms', 'principle:cyber-hygiene')).toBe('norms principle:cyber-hygiene');
    expect(toggleClause('', 'tag:followup')).toBe('tag:followup');
    expect(toggleClause('norms doc:"Paris Call" tag:x', 'doc:"Paris Call"')).toBe('norms tag:x');
    expect(hasClause('norms doc:"Paris Call"', 'doc:"Paris Call"')).toBe(true);
    expect(hasClause('norms doc:"Paris Call"', 'doc:"Paris"')).toBe(false);
  });

  it('applies a completion at the cursor', () => {
    expect(applyCompletion('norms pri', 6, 9, 'principle:')).toEqual({ query: 'norms principle:', cursor: 16 });
    // A variable's name is followed by its value: no space after =.
    expect(applyCompletion('norms var:cou', 6, 13, 'var:Country=')).toEqual({ query: 'norms var:Country=', cursor: 18 });
    expect(applyCompletion('principle:hack norms', 0, 14, 'principle:no-private-hack-back')).toEqual({
      query: 'principle:no-private-hack-back norms',
      cursor: 30,
    });
    expect(applyCompletion('actor:rus', 0, 9, 'actor:russia')).toEqual({ query: 'actor:russia ', cursor: 13 });
  });
});
