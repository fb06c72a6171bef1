import { describe, expect, it } from 'vitest';
import type { Codebook, Principle } from '../model';
import { codebookSchema } from '../schemas';
import { mergeCodebooks } from './merge';

const p = (id: string, name: string, parentId: string | null = null, extra: Partial<Principle> = {}): Principle => ({
  id, name, parentId, description: '', color: '#2f7fc1', whenToUse: '', whenNotToUse: '', example: '', ...extra,
});

const library: Codebook = {
  version: 1,
  colorByPrinciple: true,
  principles: [p('security', 'Security'), p('other-1', 'Other', 'security'), p('elections', 'Elections', null, { color: '#d64550' })],
  actors: [
    { id: 'united-states', name: 'United States', kind: 'state', aliases: ['US'] },
    { id: 'nato', name: 'NATO', kind: 'international-body', aliases: [] },
  ],
};

const file: Codebook = {
  version: 1,
  colorByPrinciple: false,
  principles: [
    p('security', 'SECURITY ', null, { description: 'From the file.' }),
    p('other', 'Other', 'security', { example: 'Example from the file.' }),
    p('patching', 'Patching', 'security'),
    p('elections', 'Elections', null, { color: '#000000', description: 'Votes.' }),
    p('united-states', 'Trade'),
  ],
  actors: [
    { id: 'usa', name: 'USA', kind: 'company', aliases: ['United States', 'U.S.A.'] },
    { id: 'france', name: 'France', kind: 'state', aliases: [] },
  ],
};

describe('bringing a codebook from a file into one that has codes', () => {
  it('merges by name: every code stays, matched ones gain what they lacked, new ones are added', () => {
    const merged = mergeCodebooks(library, file, 'merge');
    expect(codebookSchema.safeParse(merged.codebook).success).toBe(true);
    expect(merged.matched).toBe(4);
    expect(merged.added).toBe(3);
    expect(merged.dropped).toEqual([]);
    const byId = new Map(merged.codebook.principles.map((x) => [x.id, x]));
    expect(byId.get('security')).toMatchObject({ name: 'Security', description: 'From the file.' });
    expect(byId.get('other-1')).toMatchObject({ example: 'Example from the file.' });
    expect(byId.get('elections')).toMatchObject({ color: '#d64550', description: 'Votes.' });
    expect(byId.get('patching')).toMatchObject({ parentId: 'security' });
    // The file's "Trade" had an id the library uses for an actor: it gets another.
    expect(merged.idMap.get('united-states')).toBe('trade');
    expect(merged.codebook.actors).toEqual([
      { id: 'united-states', name: 'United States', kind: 'state', aliases: ['US', 'USA', 'U.S.A.'] },
      { id: 'nato', name: 'NATO', kind: 'international-body', aliases: [] },
      { id: 'france', name: 'France', kind: 'state', aliases: [] },
    ]);
    expect(merged.idMap.get('usa')).toBe('united-states');
    expect(merged.codebook.colorByPrinciple).toBe(true);
  });

  it("replaces: the file's codebook, but codes of the same name keep their ids (and so their passages)", () => {
    const replaced = mergeCodebooks(library, file, 'replace');
    expect(codebookSchema.safeParse(replaced.codebook).success).toBe(true);
    expect(replaced.codebook.principles.map((x) => [x.id, x.name, x.parentId])).toEqual([
      ['security', 'SECURITY ', null],
      ['other-1', 'Other', 'security'],
      ['patching', 'Patching', 'security'],
      ['elections', 'Elections', null],
      ['trade', 'Trade', null],
    ]);
    expect(replaced.codebook.principles.find((x) => x.id === 'elections')!.color).toBe('#000000');
    expect(replaced.codebook.actors.map((a) => [a.id, a.name, a.kind])).toEqual([
      ['united-states', 'USA', 'company'],
      ['france', 'France', 'state'],
    ]);
    expect(replaced.dropped).toEqual(['NATO']);
  });

  it('matches a principle moved elsewhere by its name when it is the only one of that name', () => {
    const moved: Codebook = { ...file, principles: [p('x', 'Wrapper'), p('e', 'Elections', 'x')], actors: [] };
    const merged = mergeCodebooks(library, moved, 'replace');
    expect(merged.idMap.get('e')).toBe('elections');
    expect(merged.codebook.principles.find((x) => x.id === 'elections')!.parentId).toBe(merged.idMap.get('x'));
  });
});
