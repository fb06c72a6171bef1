// Collections and document tags in exported files, each read back by a parser that has nothing to do
// with the code that wrote it: BibTeX groups as JabRef reads them, RIS keywords, CSL-JSON keywords,
// REFI-QDA sets accepted by the published schema.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-ris';
import { JSDOM } from 'jsdom';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { ExportedOrganisation } from '../../../shared/interchange/collections';
import type { ExportRequest } from '../../../shared/interchange/types';
import type { Collection } from '../../../shared/model';
import { formatExport } from './export-service';
import { FIXED_NOW, fixtureExportData } from './test-data';

const here = path.dirname(fileURLToPath(import.meta.url));
const c = (id: string, name: string, parentId: string | null, documentIds: string[]): Collection => ({ id, name, parentId, documentIds, created: '2024-01-01T00:00:00.000Z' });

// d1 and d2 in "EU; Commission" › "DG {Connect}" (awkward characters on purpose); d3 only tagged; a
// collection of a document not exported is left out.
const ORGANISATION: ExportedOrganisation = {
  collections: [
    c('eu', 'EU; Commission', null, ['d1']),
    c('dg', 'DG {Connect}', 'eu', ['d1', 'd2']),
    c('other', 'Not exported', null, ['elsewhere']),
  ],
  tags: { d1: ['core', 'follow_up'], d3: ['core'] },
};

const exported = (format: ExportRequest['format']) =>
  formatExport({ format, scope: { kind: 'library' } }, { ...fixtureExportData(), organisation: ORGANISATION }, FIXED_NOW);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('collections and document tags in exports', () => {
  it('BibTeX: groups and keywords on the entries, and the group tree as JabRef reads it', async () => {
    const bib = text((await exported('bibtex')).bytes);
    const parsed = parseBibtex(bib);
    expect(parsed.errors).toEqual([]);
    const byKey = new Map(parsed.entries.map((e) => [e.key, e]));
    // JabRef separates an entry's groups with commas; the parser hands the field over as written.
    expect(byKey.get('smith2018norms')!.fields.groups).toBe('EU; Commission, DG Connect');
    expect(byKey.get('smith2018norms')!.fields.keywords).toEqual(['core', 'follow_up']);
    expect(byKey.get('lima2019industry')!.fields.groups).toBe('DG Connect');
    expect(byKey.get('undated')!.fields.keywords).toEqual(['core']);
    expect(byKey.get('chen2021cyber')!.fields.groups).toBeUndefined();
    const root = parsed.jabref.root;
    expect(root.map((g) => g.name)).toEqual(['EU; Commission']);
    expect(root[0]!.groups.map((g) => g.name)).toEqual(['DG Connect']);
  });

  it('RIS and CSL-JSON: tags as keywords', async () => {
    const ris = text((await exported('ris')).bytes);
    const items = new Cite(ris, { forceType: '@ris/file' }).data as { title: string; keyword?: string }[];
    expect(items.find((i) => i.title === 'Norms for a safer cyberspace')!.keyword).toBe('core,follow_up');
    expect(ris).toMatch(/^KW {2}- follow_up$/m);
    const csl = JSON.parse(text((await exported('csl-json')).bytes)) as { title: string; keyword?: string }[];
    expect(csl.find((i) => i.title === 'An undated note')!.keyword).toBe('core');
    expect(csl.find((i) => i.title === 'Industry and the Paris Call')!.keyword).toBeUndefined();
  });

  it('REFI-QDA: a set per collection and per tag, which the published schema accepts', async () => {
    const zip = await JSZip.loadAsync((await exported('refi-qda')).bytes);
    const qde = await zip.file('project.qde')!.async('string');
    const schema = await readFile(path.resolve(here, '../../../../shared/schemas/refi-qda-project-1.0.xsd'), 'utf8');
    const result = await validateXML({ xml: [{ fileName: 'project.qde', contents: qde }], schema: [schema] });
    expect(result.errors).toEqual([]);
    const dom = new JSDOM(qde, { contentType: 'text/xml' }).window.document;
    const sourceName = new Map([...dom.getElementsByTagName('TextSource')].map((s) => [s.getAttribute('guid'), s.getAttribute('name')]));
    // Sets of sources; the codebook's actor kinds are sets of codes beside them.
    const sourceSets = [...dom.getElementsByTagName('Set')].filter((set) => set.getElementsByTagName('MemberCode').length === 0);
    const sets = sourceSets.map((set) => ({
      name: set.getAttribute('name'),
      members: [...set.getElementsByTagName('MemberSource')].map((m) => sourceName.get(m.getAttribute('targetGUID'))),
    }));
    expect(sets).toEqual([
      { name: 'EU; Commission', members: ['Norms for a safer cyberspace'] },
      { name: 'EU; Commission › DG {Connect}', members: ['Norms for a safer cyberspace', 'Industry and the Paris Call'] },
      { name: '#core', members: ['Norms for a safer cyberspace', 'An undated note'] },
      { name: '#follow_up', members: ['Norms for a safer cyberspace'] },
    ]);
  });
});
