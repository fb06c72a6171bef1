// Document variables in the exports: a column each in the passages CSV (read back by papaparse), and
// REFI-QDA Variables with a Case per source that has values, which the published schema accepts.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import JSZip from 'jszip';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { PASSAGE_CSV_COLUMNS } from '../../../shared/interchange/passages-csv';
import { stableGuid } from '../../../shared/interchange/stable-guid';
import type { DocumentVariables } from '../../../shared/variables';
import { formatExport } from './export-service';
import { FIXED_NOW, fixtureExportData } from './test-data';

const here = path.dirname(fileURLToPath(import.meta.url));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Variables of every type on the fixture's sources (d3 has none); "source" clashes with a CSV column. */
function withVariables() {
  const data = fixtureExportData();
  const [d1, d2] = data.documents.map((d) => d.id);
  const variables: DocumentVariables = {
    variables: [
      { id: 'country', name: 'Country', type: 'choice', choices: ['France', 'Kenya & Co'], created: '' },
      { id: 'pages', name: 'Pages', type: 'number', choices: [], created: '' },
      { id: 'share', name: 'Share', type: 'number', choices: [], created: '' },
      { id: 'signed', name: 'Signed', type: 'date', choices: [], created: '' },
      { id: 'year', name: 'Year of the draft', type: 'date', choices: [], created: '' },
      { id: 'source', name: 'source', type: 'text', choices: [], created: '' },
    ],
    values: {
      [d1!]: { country: 'France', pages: 12, share: 0.5, signed: '2018-11-12', year: '2017', source: 'ministry "press" office' },
      [d2!]: { country: 'Kenya & Co', pages: 3, signed: '2019-01-02' },
    },
  };
  return { data: { ...data, variables }, d1: d1!, d2: d2! };
}

describe('document variables in the exports', () => {
  it('add one column each to the passages CSV, holding the value of each passage’s source', async () => {
    const { data, d1, d2 } = withVariables();
    const out = await formatExport({ scope: { kind: 'library' }, format: 'passages-csv' }, data, FIXED_NOW);
    const parsed = Papa.parse<string[]>(text(out.bytes).replace(/^\ufeff/, ''), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual([...PASSAGE_CSV_COLUMNS, 'Country', 'Pages', 'Share', 'Signed', 'Year of the draft', 'source (2)']);
    const byDocument = (id: string) => rows.filter((r) => r[header!.indexOf('document_id')] === id).map((r) => r.slice(PASSAGE_CSV_COLUMNS.length));
    expect(byDocument(d1)[0]).toEqual(['France', '12', '0.5', '2018-11-12', '2017', 'ministry "press" office']);
    expect(byDocument(d2)[0]).toEqual(['Kenya & Co', '3', '', '2019-01-02', '', '']);
    const others = rows.filter((r) => ![d1, d2].includes(r[header!.indexOf('document_id')]!));
    expect(others.length).toBeGreaterThan(0);
    for (const row of others) expect(row.slice(PASSAGE_CSV_COLUMNS.length)).toEqual(['', '', '', '', '', '']);
  });

  it('are REFI-QDA Variables and Cases the published schema accepts', async () => {
    const { data, d1, d2 } = withVariables();
    const out = await formatExport({ scope: { kind: 'library' }, format: 'refi-qda' }, data, FIXED_NOW);
    const qde = await (await JSZip.loadAsync(out.bytes)).file('project.qde')!.async('string');
    const schema = await readFile(path.resolve(here, '../../../../shared/schemas/refi-qda-project-1.0.xsd'), 'utf8');
    const result = await validateXML({ xml: [{ fileName: 'project.qde', contents: qde }], schema: [schema] });
    expect(result.errors).toEqual([]);

    const dom = new JSDOM(qde, { contentType: 'text/xml' }).window.document;
    const types = Object.fromEntries([...dom.getElementsByTagName('Variable')].map((v) => [v.getAttribute('name'), v.getAttribute('typeOfVariable')]));
    expect(types).toMatchObject({ Country: 'Text', Pages: 'Integer', Share: 'Float', Signed: 'Date', 'Year of the draft': 'Text', source: 'Text' });
    const cases = [...dom.getElementsByTagName('Case')];
    expect(cases).toHaveLength(2);
    const caseOf = (id: string) => cases.find((c) => c.getElementsByTagName('SourceRef')[0]!.getAttribute('targetGUID') === stableGuid('source', id))!;
    const values = (element: Element) =>
      Object.fromEntries(
        [...element.getElementsByTagName('VariableValue')].map((v) => {
          const ref = v.getElementsByTagName('VariableRef')[0]!.getAttribute('targetGUID');
          const name = [...dom.getElementsByTagName('Variable')].find((x) => x.getAttribute('guid') === ref)!.getAttribute('name');
          const value = v.lastElementChild!;
          return [name, `${value.localName}:${value.textContent}`];
        }),
      );
    expect(values(caseOf(d1))).toEqual({
      Country: 'TextValue:France',
      Pages: 'IntegerValue:12',
      Share: 'FloatValue:0.5',
      Signed: 'DateValue:2018-11-12',
      'Year of the draft': 'TextValue:2017',
      source: 'TextValue:ministry "press" office',
    });
    expect(values(caseOf(d2))).toEqual({ Country: 'TextValue:Kenya & Co', Pages: 'IntegerValue:3', Signed: 'DateValue:2019-01-02' });
    expect(caseOf(d1).getAttribute('name')).toBe(data.documents[0]!.metadata.title);
  });
});
