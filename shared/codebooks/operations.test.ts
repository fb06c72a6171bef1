import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import type { Actor, ActorLink, Annotation, Codebook, Principle } from '../model';
import { codebookSchema } from '../schemas';
import type { CodebookEditInput } from './edits';
import { codebookEditSchema } from './edits';
import { applyCodebookEdit, combineStances } from './operations';
import { principlesInTreeOrder } from './tree';

const principle = (id: string, name: string, parentId: string | null = null, extra: Partial<Principle> = {}): Principle => ({
  id,
  name,
  parentId,
  description: '',
  color: '#2f7fc1',
  whenToUse: '',
  whenNotToUse: '',
  example: '',
  ...extra,
});
const actor = (id: string, name: string, aliases: string[] = []): Actor => ({ id, name, kind: 'state', aliases });

/** security > supply-chain > firmware; security > hygiene; elections (top level). */
function codebook(): Codebook {
  return {
    version: 1,
    principles: [
      principle('security', 'Security', null, { description: 'Keeping systems safe.' }),
      principle('supply-chain', 'Supply chain', 'security'),
      principle('firmware', 'Firmware', 'supply-chain'),
      principle('hygiene', 'Hygiene', 'security', { whenToUse: 'Everyday habits.' }),
      principle('elections', 'Elections'),
    ],
    actors: [actor('united-states', 'United States', ['US']), actor('usa', 'USA', ['U.S.A.', 'US']), actor('france', 'France')],
    colorByPrinciple: false,
  };
}

function annotation(id: string, documentId: string, principles: string[], actors: [string, ActorLink['stance']][] = []): Annotation {
  return {
    id,
    documentId,
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    target: { selector: [{ type: 'TextQuoteSelector', exact: `passage ${id}`, prefix: '', suffix: '' }] },
    body: { color: 'yellow', note: '', tags: [], principles, actors: actors.map(([actorId, stance]) => ({ actorId, stance })) },
  };
}

/** Passages in three documents. */
function annotations(): Annotation[] {
  return [
    annotation('a1', 'doc1', ['supply-chain'], [['usa', 'supports']]),
    annotation('a2', 'doc1', ['elections', 'supply-chain'], [['united-states', 'opposes'], ['usa', 'supports']]),
    annotation('a3', 'doc2', ['hygiene'], [['usa', 'mentions']]),
    annotation('a4', 'doc3', ['supply-chain', 'hygiene'], [['france', 'supports']]),
    annotation('a5', 'doc3', [], [['united-states', 'mentions'], ['usa', 'opposes']]),
  ];
}

const edit = (input: CodebookEditInput) => codebookEditSchema.parse(input);
const run = (input: CodebookEditInput, book = codebook(), list = annotations()) => applyCodebookEdit(book, list, edit(input));
const tree = (book: Codebook) => principlesInTreeOrder(book.principles).map(({ principle: p, depth }) => `${'  '.repeat(depth)}${p.name}`);
const byId = (list: Annotation[]) => new Map(list.map((a) => [a.id, a]));

function rejects(input: CodebookEditInput, code: AppError['code'], message: RegExp, book = codebook()) {
  let error: unknown;
  try {
    run(input, book);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message).toMatch(message);
}

describe('creating, renaming, recolouring, describing', () => {
  it('creates a principle with a readable id, a palette colour and empty descriptions, in place among its siblings', () => {
    const change = run({ kind: 'principle.create', fields: { name: 'Patching' }, parentId: 'security', index: 1 });
    expect(change.createdId).toBe('patching');
    expect(tree(change.codebook)).toEqual(['Security', '  Supply chain', '    Firmware', '  Patching', '  Hygiene', 'Elections']);
    const created = change.codebook.principles.find((p) => p.id === 'patching')!;
    expect(created).toMatchObject({ description: '', whenToUse: '', whenNotToUse: '', example: '' });
    expect(created.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(change.annotations).toEqual([]);
    expect(codebookSchema.safeParse(change.codebook).success).toBe(true);
  });

  it('refuses two siblings of one name, but allows the name under another parent', () => {
    rejects({ kind: 'principle.create', fields: { name: ' hygiene ' }, parentId: 'security' }, 'duplicate', /already a principle named “Hygiene”/);
    expect(run({ kind: 'principle.create', fields: { name: 'Hygiene' }, parentId: null }).codebook.principles).toHaveLength(6);
  });

  it('renames, recolours and describes in one update, touching no passage', () => {
    const change = run({ kind: 'principle.update', id: 'hygiene', fields: { name: 'Cyber hygiene', color: '#d64550', example: 'Use strong passwords.', whenNotToUse: 'Laws.' } });
    expect(change.codebook.principles.find((p) => p.id === 'hygiene')).toMatchObject({
      name: 'Cyber hygiene',
      color: '#d64550',
      example: 'Use strong passwords.',
      whenToUse: 'Everyday habits.',
      whenNotToUse: 'Laws.',
    });
    expect(change.summary).toBe('Renamed “Hygiene” to “Cyber hygiene”.');
    expect(change.annotations).toEqual([]);
  });

  it('refuses a colour that is not one and an empty name (at the boundary)', () => {
    expect(codebookEditSchema.safeParse({ kind: 'principle.update', id: 'hygiene', fields: { color: 'red' } }).success).toBe(false);
    expect(codebookEditSchema.safeParse({ kind: 'principle.update', id: 'hygiene', fields: { name: '   ' } }).success).toBe(false);
  });

  it('creates and edits actors, keeping aliases trimmed, once each, and apart from the name (case counts: "Nato" beside "NATO")', () => {
    const created = run({ kind: 'actor.create', fields: { name: 'Estonia', kind: 'state', aliases: [' Eesti ', 'Eesti', 'Estonia', 'ESTONIA', 'Republic of Estonia'] } });
    expect(created.codebook.actors.at(-1)).toEqual({ id: 'estonia', name: 'Estonia', kind: 'state', aliases: ['Eesti', 'ESTONIA', 'Republic of Estonia'] });
    rejects({ kind: 'actor.create', fields: { name: 'france' } }, 'duplicate', /already an actor named “France”/);
    const renamed = run({ kind: 'actor.update', id: 'france', fields: { name: 'French Republic', kind: 'international-body' } });
    expect(renamed.codebook.actors.find((a) => a.id === 'france')).toMatchObject({ name: 'French Republic', kind: 'international-body' });
  });
});

describe('moving', () => {
  it('nests a principle under another and reorders siblings', () => {
    const nested = run({ kind: 'principle.move', id: 'elections', parentId: 'hygiene', index: 0 });
    expect(tree(nested.codebook)).toEqual(['Security', '  Supply chain', '    Firmware', '  Hygiene', '    Elections']);
    const first = run({ kind: 'principle.move', id: 'hygiene', parentId: 'security', index: 0 });
    expect(tree(first.codebook)).toEqual(['Security', '  Hygiene', '  Supply chain', '    Firmware', 'Elections']);
    const top = run({ kind: 'principle.move', id: 'firmware', parentId: null, index: 0 });
    expect(tree(top.codebook)).toEqual(['Firmware', 'Security', '  Supply chain', '  Hygiene', 'Elections']);
  });

  it('refuses to move a principle inside itself or its own descendants', () => {
    rejects({ kind: 'principle.move', id: 'security', parentId: 'firmware', index: 0 }, 'invalid-input', /inside itself/);
    rejects({ kind: 'principle.move', id: 'security', parentId: 'security', index: 0 }, 'invalid-input', /inside itself/);
  });

  it('reorders actors', () => {
    expect(run({ kind: 'actor.move', id: 'france', index: 0 }).codebook.actors.map((a) => a.id)).toEqual(['france', 'united-states', 'usa']);
  });
});

describe('deleting', () => {
  it('deletes an unused principle; its children take its place', () => {
    const change = run({ kind: 'principle.delete', id: 'supply-chain', passages: 'uncode' }, codebook(), []);
    expect(tree(change.codebook)).toEqual(['Security', '  Firmware', '  Hygiene', 'Elections']);
    expect(change.summary).toBe('Deleted “Supply chain”.');
  });

  it('refuses to delete a code in use until the caller chooses what becomes of its passages', () => {
    rejects({ kind: 'principle.delete', id: 'supply-chain' }, 'in-use', /“Supply chain” codes 3 passages\. Choose whether to uncode them or recode them/);
    rejects({ kind: 'actor.delete', id: 'usa' }, 'in-use', /codes 4 passages/);
  });

  it('uncodes the passages of a deleted principle in every document', () => {
    const change = run({ kind: 'principle.delete', id: 'supply-chain', passages: 'uncode' });
    const rewritten = byId(change.annotations);
    expect([...rewritten.keys()].sort()).toEqual(['a1', 'a2', 'a4']);
    expect(rewritten.get('a1')!.body.principles).toEqual([]);
    expect(rewritten.get('a2')!.body.principles).toEqual(['elections']);
    expect(rewritten.get('a4')!.body.principles).toEqual(['hygiene']);
    expect(change.summary).toBe('Deleted “Supply chain”: 3 passages uncoded.');
  });

  it('recodes them to another principle, each link once', () => {
    const change = run({ kind: 'principle.delete', id: 'supply-chain', passages: { recodeTo: 'hygiene' } });
    const rewritten = byId(change.annotations);
    expect(rewritten.get('a2')!.body.principles).toEqual(['elections', 'hygiene']);
    expect(rewritten.get('a4')!.body.principles).toEqual(['hygiene']);
    rejects({ kind: 'principle.delete', id: 'supply-chain', passages: { recodeTo: 'supply-chain' } }, 'invalid-input', /being deleted/);
    rejects({ kind: 'principle.delete', id: 'supply-chain', passages: { recodeTo: 'nowhere' } }, 'not-found', /nowhere/);
  });

  it('deletes an actor, recoding its links with their stances', () => {
    const change = run({ kind: 'actor.delete', id: 'france', passages: { recodeTo: 'usa' } });
    expect(byId(change.annotations).get('a4')!.body.actors).toEqual([{ actorId: 'usa', stance: 'supports' }]);
    expect(change.codebook.actors.map((a) => a.id)).toEqual(['united-states', 'usa']);
  });
});

describe('merging', () => {
  it('merges “USA” into “United States”: passages in several documents recoded, aliases joined, stances combined', () => {
    const change = run({ kind: 'actor.merge', sourceId: 'usa', targetId: 'united-states' });
    expect(change.codebook.actors).toEqual([actor('united-states', 'United States', ['US', 'USA', 'U.S.A.']), actor('france', 'France')]);
    const rewritten = byId(change.annotations);
    expect([...rewritten.keys()].sort()).toEqual(['a1', 'a2', 'a3', 'a5']);
    expect(new Set(change.annotations.map((a) => a.documentId))).toEqual(new Set(['doc1', 'doc2', 'doc3']));
    expect(rewritten.get('a1')!.body.actors).toEqual([{ actorId: 'united-states', stance: 'supports' }]);
    expect(rewritten.get('a2')!.body.actors).toEqual([{ actorId: 'united-states', stance: 'mixed' }]);
    expect(rewritten.get('a3')!.body.actors).toEqual([{ actorId: 'united-states', stance: 'mentions' }]);
    expect(rewritten.get('a5')!.body.actors).toEqual([{ actorId: 'united-states', stance: 'opposes' }]);
    expect(change.summary).toBe('Merged “USA” into “United States”: 4 passages recoded.');
  });

  it('combines stances: the same stays, "mentions" gives way, two positions are mixed', () => {
    expect(combineStances('supports', 'supports')).toBe('supports');
    expect(combineStances('mentions', 'opposes')).toBe('opposes');
    expect(combineStances('supports', 'mentions')).toBe('supports');
    expect(combineStances('supports', 'opposes')).toBe('mixed');
  });

  it('merges principles: passages recoded, children moved under the target, empty fields filled', () => {
    const change = run({ kind: 'principle.merge', sourceId: 'security', targetId: 'elections' });
    expect(tree(change.codebook)).toEqual(['Elections', '  Supply chain', '    Firmware', '  Hygiene']);
    expect(change.codebook.principles.find((p) => p.id === 'elections')!.description).toBe('Keeping systems safe.');
    expect(change.annotations).toEqual([]);

    const into = run({ kind: 'principle.merge', sourceId: 'supply-chain', targetId: 'hygiene' });
    expect(byId(into.annotations).get('a4')!.body.principles).toEqual(['hygiene']);
    expect(byId(into.annotations).get('a2')!.body.principles).toEqual(['elections', 'hygiene']);
  });

  it('merges a principle into its own descendant without making a loop', () => {
    const change = run({ kind: 'principle.merge', sourceId: 'security', targetId: 'firmware' });
    expect(tree(change.codebook)).toEqual(['Firmware', '  Supply chain', '  Hygiene', 'Elections']);
    expect(codebookSchema.safeParse(change.codebook).success).toBe(true);
  });

  it('refuses to merge a code into itself', () => {
    rejects({ kind: 'actor.merge', sourceId: 'usa', targetId: 'usa' }, 'invalid-input', /into itself/);
    rejects({ kind: 'principle.merge', sourceId: 'hygiene', targetId: 'hygiene' }, 'invalid-input', /into itself/);
  });
});

describe('splitting', () => {
  it('moves the chosen passages (in two documents) to a new principle beside the original', () => {
    const change = run({ kind: 'principle.split', id: 'supply-chain', fields: { name: 'Vendors' }, annotationIds: ['a2', 'a4'] });
    expect(change.createdId).toBe('vendors');
    expect(tree(change.codebook)).toEqual(['Security', '  Supply chain', '    Firmware', '  Vendors', '  Hygiene', 'Elections']);
    expect(change.annotations.map((a) => [a.id, a.body.principles])).toEqual([
      ['a2', ['elections', 'vendors']],
      ['a4', ['vendors', 'hygiene']],
    ]);
    expect(change.summary).toBe('Split “Vendors” from “Supply chain”: 2 passages moved.');
  });

  it('splits an actor, keeping stances', () => {
    const change = run({ kind: 'actor.split', id: 'usa', fields: { name: 'US Congress', kind: 'sub-national' }, annotationIds: ['a5'] });
    expect(change.codebook.actors.map((a) => a.name)).toEqual(['United States', 'USA', 'US Congress', 'France']);
    expect(change.annotations[0]!.body.actors).toEqual([{ actorId: 'united-states', stance: 'mentions' }, { actorId: 'us-congress', stance: 'opposes' }]);
  });

  it('refuses passages that are not coded with the split code, or unknown', () => {
    rejects({ kind: 'principle.split', id: 'supply-chain', fields: { name: 'Vendors' }, annotationIds: ['a3'] }, 'invalid-input', /not coded with “Supply chain”/);
    rejects({ kind: 'principle.split', id: 'supply-chain', fields: { name: 'Vendors' }, annotationIds: ['nope'] }, 'not-found', /nope/);
  });
});

describe('the library setting', () => {
  it('turns colour by meaning on and off', () => {
    expect(run({ kind: 'display', colorByPrinciple: true }).codebook.colorByPrinciple).toBe(true);
  });

  it('never changes its inputs', () => {
    const book = codebook();
    const list = annotations();
    const frozen = JSON.stringify({ book, list });
    applyCodebookEdit(book, list, edit({ kind: 'actor.merge', sourceId: 'usa', targetId: 'united-states' }));
    applyCodebookEdit(book, list, edit({ kind: 'principle.delete', id: 'supply-chain', passages: { recodeTo: 'hygiene' } }));
    expect(JSON.stringify({ book, list })).toBe(frozen);
  });
});

describe('colour as meaning', () => {
  it('gives a highlight the colour of its first principle the codebook has, only when the setting is on', async () => {
    const { meaningColors } = await import('./colors');
    const book = { ...codebook(), principles: [principle('a', 'A', null, { color: '#111111' }), principle('b', 'B', null, { color: '#222222' })] };
    const of = (principles: string[]) => ({ body: { color: 'yellow' as const, note: '', tags: [], principles, actors: [] } });
    expect(meaningColors(book)(of(['b', 'a']))).toBeNull();
    const on = meaningColors({ ...book, colorByPrinciple: true });
    expect(on(of(['gone', 'b', 'a']))).toBe('#222222');
    expect(on(of([]))).toBeNull();
    // A principle recoloured: its highlights follow (nothing is stored on the highlight).
    const recoloured = applyCodebookEdit({ ...book, colorByPrinciple: true }, [], edit({ kind: 'principle.update', id: 'b', fields: { color: '#333333' } })).codebook;
    expect(meaningColors(recoloured)(of(['b']))).toBe('#333333');
  });
});
