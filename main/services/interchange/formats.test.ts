// Golden files for every export format on the fixture library, each output read back by a parser that
// has nothing to do with the code that wrote it. Regenerate after an intended change with
// UPDATE_GOLDEN=1 npx vitest run main/services/interchange/formats.test.ts, and read the diff.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { JSDOM } from 'jsdom';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import MarkdownIt from 'markdown-it';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { FIXTURE_TEXTS } from '../../../shared/analysis/test-fixture';
import { PASSAGE_CSV_COLUMNS } from '../../../shared/interchange/passages-csv';
import { parseAnnotationFile } from '../../../shared/interchange/w3c-import';
import type { ExportRequest } from '../../../shared/interchange/types';
import { formatExport } from './export-service';
import { FIXED_NOW, fixtureExportData } from './test-data';

const here = path.dirname(fileURLToPath(import.meta.url));
const library = { kind: 'library' } as const;

async function exported(request: Omit<ExportRequest, 'scope'>) {
  return formatExport({ scope: library, ...request }, fixtureExportData(), FIXED_NOW);
}

async function golden(name: string, content: string): Promise<void> {
  const file = path.join(here, 'golden', name);
  if (process.env.UPDATE_GOLDEN) await writeFile(file, content);
  const expected = await readFile(file, 'utf8').catch(() => null);
  if (expected === null) throw new Error(`No golden file ${name}: run with UPDATE_GOLDEN=1 and check it by hand.`);
  expect(content).toBe(expected);
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('references', () => {
  it('BibTeX reads back with an independent BibTeX parser', async () => {
    const out = await exported({ format: 'bibtex' });
    expect(out.fileName).toBe('apostil-library-2024-03-01-references.bib');
    await golden('references.bib', text(out.bytes));
    const parsed = parseBibtex(text(out.bytes));
    expect(parsed.errors).toEqual([]);
    const byKey = new Map(parsed.entries.map((e) => [e.key, e]));
    expect([...byKey.keys()]).toEqual(['smith2018norms', 'lima2019industry', 'undated', 'chen2021cyber']);
    const d1 = byKey.get('smith2018norms')!;
    expect(d1.type).toBe('article');
    expect(d1.fields.title).toBe('Norms for a safer cyberspace');
    expect(d1.fields.author).toEqual([
      { lastName: 'Smith', firstName: 'Jane' },
      { lastName: 'Doe', firstName: 'John' },
    ]);
    expect(d1.fields.journal).toBe('Journal of Cyber Policy');
    expect(d1.fields.doi).toBe('10.1000/d1');
    expect(d1.fields.year).toBe('2018');
    expect(d1.fields.month).toBe('11');
    const w1 = byKey.get('chen2021cyber')!;
    expect(w1.fields.author).toContainEqual({ name: 'International Committee of the Red Cross' });
  });

  it('RIS has one well-formed record per source', async () => {
    const out = await exported({ format: 'ris' });
    await golden('references.ris', text(out.bytes));
    const records = readRis(text(out.bytes));
    expect(records.map((r) => r.TI?.[0])).toEqual(['Norms for a safer cyberspace', 'Industry and the Paris Call', 'An undated note', 'Cyber norms at the United Nations']);
    expect(records[0]).toMatchObject({ TY: ['JOUR'], AU: ['Smith, Jane', 'Doe, John'], PY: ['2018'], DO: ['10.1000/d1'], T2: ['Journal of Cyber Policy'] });
    expect(records[1]).toMatchObject({ TY: ['RPRT'], UR: ['https://example.org/d2'] });
  });

  it('CSL-JSON is the items citeproc reads', async () => {
    const out = await exported({ format: 'csl-json' });
    await golden('references.json', text(out.bytes));
    const items = JSON.parse(text(out.bytes)) as Record<string, unknown>[];
    expect(items).toHaveLength(4);
    expect(items[0]).toEqual({
      id: 'smith2018norms',
      type: 'article-journal',
      title: 'Norms for a safer cyberspace',
      author: [{ given: 'Jane', family: 'Smith' }, { given: 'John', family: 'Doe' }],
      issued: { 'date-parts': [[2018, 11, 12]] },
      'container-title': 'Journal of Cyber Policy',
      DOI: '10.1000/d1',
      'citation-key': 'smith2018norms',
    });
  });
});

/** A strict RIS reader: "TY  - " opens a record, "ER  - " closes it, every line is "XX  - value". */
function readRis(ris: string): Record<string, string[]>[] {
  const records: Record<string, string[]>[] = [];
  let current: Record<string, string[]> | null = null;
  for (const line of ris.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const m = /^([A-Z][A-Z0-9]) {2}- ?(.*)$/.exec(line);
    if (!m) throw new Error(`Not a RIS line: ${line}`);
    const [, tag, value] = m;
    if (tag === 'TY') current = {};
    if (!current) throw new Error(`RIS line outside a record: ${line}`);
    if (tag === 'ER') {
      records.push(current);
      current = null;
      continue;
    }
    (current[tag!] ??= []).push(value!);
  }
  if (current) throw new Error('A RIS record is not closed.');
  return records;
}

describe('coded passages CSV', () => {
  it('has one row a passage, read back by papaparse', async () => {
    const out = await exported({ format: 'passages-csv' });
    await golden('passages.csv', text(out.bytes));
    const parsed = Papa.parse<string[]>(text(out.bytes).replace(/^\ufeff/, ''), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual([...PASSAGE_CSV_COLUMNS]);
    expect(rows).toHaveLength(7);
    const row = (id: string) => Object.fromEntries(header!.map((h, i) => [h, rows.find((r) => r[13] === id)![i]]));
    expect(row('x2')).toMatchObject({
      source: 'Norms for a safer cyberspace',
      citation: '(Smith & Doe, 2018)',
      page: '2',
      quote: 'Firms pledged care for the core.',
      note: 'Firms and states, side by side; "quoted", with a comma.',
      principles: 'Protect people; Protect the core',
      actors: 'Atlantis (opposes); Bigcorp (supports)',
      tags: 'key',
      colour: 'yellow',
      source_date: '2018-11-12',
    });
    expect(row('x1').page).toBe('1');
    expect(row('x3')).toMatchObject({ citation: '(Lima, 2019)', page: '', tags: 'key; later', actors: 'Bigcorp (mixed)' });
  });
});

describe('printed page numbers', () => {
  it("cite a PDF's own page labels, or the user's offset before them; the CSV keeps the file's page too", async () => {
    const data = fixtureExportData();
    const labelled = (d: (typeof data.documents)[number]) => (d.id === 'd1' ? { ...d, pageLabels: ['xi', 'xii'] } : d);
    const withLabels = { ...data, documents: data.documents.map(labelled) };
    const csv = Papa.parse<string[]>(text((await formatExport({ scope: library, format: 'passages-csv' }, withLabels, FIXED_NOW)).bytes).replace(/^\ufeff/, ''));
    const [header, ...rows] = csv.data;
    const x2 = rows.find((r) => r[header!.indexOf('annotation_id')] === 'x2')!;
    expect([x2[header!.indexOf('page')], x2[header!.indexOf('file_page')]]).toEqual(['xii', '2']);

    const bibliography = { style: 'apa', groupBy: 'source', output: 'markdown' } as const;
    const markdown = text((await formatExport({ scope: library, format: 'bibliography', bibliography }, withLabels, FIXED_NOW)).bytes);
    expect(markdown).toContain('Firms pledged care for the core. (p. xii)');
    const offset = { ...data, documents: data.documents.map((d) => (d.id === 'd1' ? { ...labelled(d), pageOffset: 214 } : d)) };
    const withOffset = text((await formatExport({ scope: library, format: 'bibliography', bibliography }, offset, FIXED_NOW)).bytes);
    expect(withOffset).toContain('Firms pledged care for the core. (p. 216)');

    // W3C: the file's page as an RFC 3778 fragment beside the text selectors, and its printed label;
    // reading the file back takes the text selectors and leaves the page aside.
    const w3c = text((await formatExport({ scope: library, format: 'w3c-annotations' }, offset, FIXED_NOW)).bytes);
    const linked = JSON.parse(w3c).first.items.find((a: { id: string }) => a.id === 'urn:apostil:annotation:x2');
    expect(linked.target.selector).toContainEqual({ type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc3778', value: 'page=2' });
    expect(linked.target['apostil:pageLabel']).toBe('216');
    const back = parseAnnotationFile(w3c).annotations.find((a) => a.id === 'x2')!;
    expect(back.selectors.map((s) => s.type).sort()).toEqual(['TextPositionSelector', 'TextQuoteSelector']);

    // REFI-QDA: a text selection has no page in the schema, so its name says it.
    const zip = await JSZip.loadAsync((await formatExport({ scope: library, format: 'refi-qda' }, offset, FIXED_NOW)).bytes);
    const qde = await zip.file('project.qde')!.async('string');
    expect(qde).toContain('name="Firms pledged care for the core. (p. 216)"');
  });
});

describe('annotated bibliography', () => {
  it('Markdown, grouped by source, in APA', async () => {
    const out = await exported({ format: 'bibliography', bibliography: { style: 'apa', groupBy: 'source', output: 'markdown' } });
    expect(out.fileName).toBe('apostil-library-2024-03-01-bibliography-apa.md');
    const markdown = text(out.bytes);
    await golden('bibliography-apa-source.md', markdown);
    const dom = new JSDOM(new MarkdownIt().render(markdown)).window.document;
    expect(dom.querySelectorAll('blockquote')).toHaveLength(7);
    expect(dom.querySelector('p')!.textContent).toContain('APA 7th edition · 4 sources · 7 passages');
    expect(dom.body.textContent).toContain('Smith, J., & Doe, J. (2018). Norms for a safer cyberspace. Journal of Cyber Policy. https://doi.org/10.1000/d1');
    expect([...dom.querySelectorAll('em')].map((e) => e.textContent)).toContain('Journal of Cyber Policy');
    expect(dom.body.textContent).toContain('Firms pledged care for the core. (p. 2)');
  });

  it('Markdown grouped by principle puts each passage under every principle it links', async () => {
    const out = await exported({ format: 'bibliography', bibliography: { style: 'chicago-author-date', groupBy: 'principle', output: 'markdown' } });
    const markdown = text(out.bytes);
    await golden('bibliography-chicago-principle.md', markdown);
    const dom = new JSDOM(new MarkdownIt().render(markdown)).window.document;
    expect([...dom.querySelectorAll('h2')].map((h) => h.textContent)).toEqual(['Protect people', 'Protect the core', 'Defend elections', 'Passages not linked to a principle']);
    // p1: x1 x2 x4 x7, p2: x2 x3, p3: x4 x5, unlinked: x6
    expect(dom.querySelectorAll('blockquote')).toHaveLength(4 + 2 + 2 + 1);
  });

  it('HTML in MLA is a standalone page with every text escaped', async () => {
    const out = await exported({ format: 'bibliography', bibliography: { style: 'mla', groupBy: 'source', output: 'html' } });
    const html = text(out.bytes);
    await golden('bibliography-mla-source.html', html);
    const dom = new JSDOM(html).window.document;
    expect(dom.querySelectorAll('script')).toHaveLength(0);
    expect(dom.querySelectorAll('.reference')).toHaveLength(4);
    const references = [...dom.querySelectorAll('.reference')].map((r) => r.textContent);
    expect(references).toContain('Smith, Jane, and John Doe. “Norms for a Safer Cyberspace.” Journal of Cyber Policy, Nov. 2018, https://doi.org/10.1000/d1.');
    expect(dom.querySelector('.reference i')!.textContent).toBe('An Undated Note');
    expect(dom.querySelectorAll('blockquote')).toHaveLength(7);
  });

  it('Word (.docx) in Harvard reads back with mammoth', async () => {
    const out = await exported({ format: 'bibliography', bibliography: { style: 'harvard', groupBy: 'source', output: 'docx' } });
    expect(out.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const buffer = Buffer.from(out.bytes);
    const raw = (await mammoth.extractRawText({ buffer })).value;
    await golden('bibliography-harvard-source.docx.txt', raw);
    expect(raw).toContain('Smith, J. and Doe, J. (2018) “Norms for a safer cyberspace,” Journal of Cyber Policy');
    expect(raw).toContain('“Industry signed on in 2019.”');
    expect(raw).toContain('Actors: Atlantis (opposes); Bigcorp (supports)');
    const html = (await mammoth.convertToHtml({ buffer })).value;
    expect(html).toContain('<em>Journal of Cyber Policy</em>');
    expect(html).toMatch(/<h1>|<p>Annotated bibliography/);
  });
});

describe('W3C Web Annotation JSON-LD', () => {
  it('is an AnnotationCollection with quote and position selectors', async () => {
    const out = await exported({ format: 'w3c-annotations' });
    await golden('annotations.jsonld', text(out.bytes));
    const collection = JSON.parse(text(out.bytes));
    expect(collection['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.total).toBe(7);
    const x2 = collection.first.items.find((a: { id: string }) => a.id === 'urn:apostil:annotation:x2');
    expect(x2.target.selector).toContainEqual({ type: 'TextPositionSelector', start: 33, end: 65 });
    expect(x2.body).toContainEqual({ type: 'TextualBody', purpose: 'tagging', value: 'key' });
    // The vocabulary's term, on the target: other tools keep the colour (it was "stylesClass" before).
    expect(x2.target.styleClass).toBe('apostil-yellow');
    expect(x2).not.toHaveProperty('stylesClass');
  });
});

describe('REFI-QDA project', () => {
  it('is a .qdpx zip whose project.qde the published schema accepts, with selections on the sources', async () => {
    const out = await exported({ format: 'refi-qda' });
    expect(out.fileName).toBe('apostil-library-2024-03-01.qdpx');
    const zip = await JSZip.loadAsync(out.bytes);
    const qde = await zip.file('project.qde')!.async('string');
    await golden('project.qde', qde);
    const schema = await readFile(path.resolve(here, '../../../../shared/schemas/refi-qda-project-1.0.xsd'), 'utf8');
    const result = await validateXML({ xml: [{ fileName: 'project.qde', contents: qde }], schema: [schema] });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);

    const dom = new JSDOM(qde, { contentType: 'text/xml' }).window.document;
    const sources = [...dom.getElementsByTagName('TextSource')];
    expect(sources.map((s) => s.getAttribute('name'))).toEqual(['Norms for a safer cyberspace', 'Industry and the Paris Call', 'An undated note']);
    for (const source of sources) {
      const body = await zip.file(`sources/${source.getAttribute('plainTextPath')!.replace('internal://', '')}`)!.async('string');
      expect(Object.values(FIXTURE_TEXTS)).toContain(body);
      for (const selection of source.getElementsByTagName('PlainTextSelection')) {
        const quote = body.slice(Number(selection.getAttribute('startPosition')), Number(selection.getAttribute('endPosition')));
        // The name is the quote, and the page it is on for a PDF's passage.
        expect(selection.getAttribute('name')!.replace(/ \(p\. \d+\)$/, '')).toBe(quote);
      }
    }
    expect(dom.getElementsByTagName('PlainTextSelection')).toHaveLength(7);
    const codeNames = [...dom.getElementsByTagName('Code')].map((c) => c.getAttribute('name'));
    expect(codeNames).toEqual(expect.arrayContaining(['Principles', 'Protect people', 'Actors', 'Atlantis: supports', 'Civic Watch: opposes', 'Tags', '#key']));
  });

  it('is refused by the schema when it is wrong (the validation can fail)', async () => {
    const schema = await readFile(path.resolve(here, '../../../../shared/schemas/refi-qda-project-1.0.xsd'), 'utf8');
    const bad = '<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"><Users><User guid="not-a-guid"/></Users></Project>';
    const result = await validateXML({ xml: [{ fileName: 'bad.qde', contents: bad }], schema: [schema] });
    expect(result.valid).toBe(false);
  });
});
