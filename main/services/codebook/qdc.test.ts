// The REFI-QDA codebook (.qdc): our export is accepted by the published schema and reads back equal;
// codebooks written by other tools (test-data/refi-qda, written by hand after their exports) are read
// with their nesting, colours, descriptions and sets; broken files are refused with a reason.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import { codebookToQdc, parseQdc } from '../../../shared/codebooks/refi-codebook';
import { principlesInTreeOrder } from '../../../shared/codebooks/tree';
import type { Codebook } from '../../../shared/model';

const here = path.dirname(fileURLToPath(import.meta.url));
const testData = (name: string) => readFile(path.resolve(here, '../../../test-data/refi-qda', name), 'utf8');
const schema = () => readFile(path.resolve(here, '../../../../shared/schemas/refi-qda-codebook-1.0.xsd'), 'utf8');

async function validate(xml: string) {
  return validateXML({ xml: [{ fileName: 'codebook.qdc', contents: xml }], schema: [await schema()] });
}

/** A codebook without its ids: names, nesting (by parent name), fields, actors. What must survive a round trip. */
function shape(codebook: Codebook) {
  const byId = new Map(codebook.principles.map((p) => [p.id, p]));
  return {
    principles: principlesInTreeOrder(codebook.principles).map(({ principle: { id: _id, parentId, ...fields }, depth }) => ({
      ...fields,
      depth,
      parent: parentId ? byId.get(parentId)!.name : null,
    })),
    actors: codebook.actors.map(({ id: _id, ...fields }) => fields),
  };
}

/** Three levels, every field filled, characters XML must escape, actors of several kinds. */
const OWN: Codebook = {
  version: 1,
  colorByPrinciple: false,
  principles: [
    { id: 'security', parentId: null, name: 'Security & <safety>', color: '#D64550', description: 'Keeping "systems" safe.\nTwo lines.', whenToUse: 'Threats to systems.', whenNotToUse: 'Physical security.', example: 'A ransomware attack on a hospital.' },
    { id: 'supply', parentId: 'security', name: 'Supply chain', color: '#2f7fc1', description: '', whenToUse: 'Vendors.', whenNotToUse: '', example: '' },
    { id: 'firmware', parentId: 'supply', name: 'Firmware', color: '#8a5cc7', description: 'Code below the OS.', whenToUse: '', whenNotToUse: '', example: 'UEFI implants.' },
    { id: 'elections', parentId: null, name: 'Elections', color: '#d97a00', description: '', whenToUse: '', whenNotToUse: '', example: '' },
  ],
  actors: [
    { id: 'us', name: 'United States', kind: 'state', aliases: ['USA', 'U.S.'] },
    { id: 'ms', name: 'Microsoft', kind: 'company', aliases: [] },
    { id: 'un', name: 'United Nations', kind: 'international-body', aliases: ['UN'] },
  ],
};

describe('exporting a codebook as .qdc', () => {
  it.each([
    ['our own three-level codebook', OWN],
    ['the Paris Call codebook', PARIS_CALL_CODEBOOK],
    ['an empty codebook', { version: 1, principles: [], actors: [], colorByPrinciple: false } as Codebook],
  ])('writes %s as a file the published schema accepts, which reads back equal', async (_, codebook) => {
    const xml = codebookToQdc(codebook);
    const result = await validate(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    const back = parseQdc(xml);
    expect(shape(back.codebook)).toEqual(shape(codebook));
    expect(back.notes).toEqual([]);
  });

  it('is refused by the schema when it is wrong (the validation can fail)', async () => {
    const bad = codebookToQdc(OWN).replace('isCodable="true"', 'isCodable="maybe"');
    expect((await validate(bad)).valid).toBe(false);
  });
});

describe('reading codebooks other tools wrote', () => {
  it('ATLAS.ti: upper-case GUIDs and colours, a code group, text in Czech', async () => {
    const { codebook, notes, byGuid } = parseQdc(await testData('atlas-style.qdc'));
    expect(shape(codebook).principles.map((p) => [p.name, p.depth, p.color])).toEqual([
      ['důvěra', 0, '#46AA00'],
      ['norms', 0, '#FF7800'],
      ['norms: attribution', 1, '#006EFF'],
      ['hack-back', 0, expect.stringMatching(/^#[0-9a-f]{6}$/)],
    ]);
    expect(codebook.principles[0]!.description).toBe('Důvěra mezi státy – kód pro pasáže o důvěře.');
    expect(notes).toEqual([expect.stringMatching(/1 code set \(“code group 1”\) left out/)]);
    expect(byGuid.get('6c1e58b2-0f3a-4d5e-9b1a-2c3d4e5f6a7b')).toEqual({ kind: 'principle', id: codebook.principles[0]!.id });
  });

  it('NVivo: folders three deep, GUIDs in braces, CDATA and entities, sibling names made unique', async () => {
    const { codebook, notes } = parseQdc(await testData('nvivo-style.qdc'));
    expect(shape(codebook).principles.map((p) => `${'  '.repeat(p.depth)}${p.name}`)).toEqual([
      'Governance',
      '  Multilateral',
      '    UN processes',
      '    Other',
      '  Multistakeholder',
      '    Other',
      '    Other (2)',
      'Harms',
    ]);
    expect(codebook.principles[0]!.description).toBe('Who decides & how: <rules>, bodies, processes.');
    expect(codebook.principles.find((p) => p.name === 'Harms')!.description).toBe('Damage done by cyber operations.\n\nIt spans two paragraphs.');
    expect(notes).toEqual(['Two codes named “Other” sat side by side: the second is now “Other (2)”.']);
    expect(new Set(codebook.principles.map((p) => p.id)).size).toBe(8);
  });

  it('MAXQDA: three-digit colours, a nameless code and a colour that is none, taken in anyway', async () => {
    const { codebook } = parseQdc(await testData('maxqda-style.qdc'));
    expect(codebook.principles.map((p) => [p.name, p.color])).toEqual([
      ['Security', '#cc2255'],
      ['Supply chain', '#11aa99'],
      ['Unnamed code', '#aabbcc'],
      ['Elections', expect.stringMatching(/^#[0-9a-f]{6}$/)],
    ]);
  });

  it("a codebook in Apostil's conventions from another tool: sections, actors, aliases and kinds", async () => {
    const { codebook, notes } = parseQdc(await testData('apostil-conventions.qdc'));
    expect(notes).toEqual([]);
    expect(codebook.principles[0]).toMatchObject({
      name: 'Lifecycle security',
      parentId: null,
      description: 'Security from design to end of support.',
      whenToUse: "vendors' duties, patching, disclosure of flaws.",
      whenNotToUse: "users' own habits (Cyber hygiene).",
      example: '"Vendors must ship updates for five years."',
    });
    expect(codebook.principles[1]).toMatchObject({ name: 'Disclosure', parentId: codebook.principles[0]!.id, description: '', whenToUse: 'coordinated vulnerability disclosure.' });
    expect(codebook.actors.map(({ name, kind, aliases }) => ({ name, kind, aliases }))).toEqual([
      { name: 'United States', kind: 'state', aliases: ['USA', 'U.S.'] },
      { name: 'Microsoft', kind: 'company', aliases: [] },
      { name: 'Ada Lovelace', kind: 'state', aliases: [] },
    ]);
  });

  it.each([
    ['broken.qdc', /not well-formed XML/],
    ['not-a-codebook.qdc', /root element is <Project>, not <CodeBook>/],
  ])('refuses %s, saying why', async (name, message) => {
    expect(() => parseQdc('')).toThrow(/not well-formed XML/);
    let error: unknown;
    try {
      parseQdc(await testData(name));
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).toMatch(message);
  });

  it('never expands entities a DOCTYPE declares', () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE CodeBook [<!ENTITY x SYSTEM "file:///etc/passwd">]><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="6c1e58b2-0f3a-4d5e-9b1a-2c3d4e5f6a7b" name="&x;" isCodable="true"/></Codes></CodeBook>';
    expect(() => parseQdc(xml)).toThrow(/not well-formed XML/);
  });
});
