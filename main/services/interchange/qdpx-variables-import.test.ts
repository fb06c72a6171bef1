// Document variables through a REFI-QDA round trip: our export's Variables and Cases read back into an
// empty library as the same variables and values; a second import never overwrites a value the user
// changed meanwhile; and another tool's source variables ("Year", an Integer) become a number variable.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { DocumentVariables } from '../../../shared/variables';
import { useTempDir } from '../../test-support/temp';
import { type AppServices } from '../app';
import { importFile } from '../importing';
import { runExport } from './export-service';
import { importQdpx } from './import-qdpx';
import { openEmptyApp, quietTask } from '../../test-support/library-app';

const here = path.dirname(fileURLToPath(import.meta.url));
const tempDir = useTempDir();
const task = quietTask;

const emptyLibrary = async (): Promise<AppServices> => openEmptyApp(await tempDir());

/** Values by document title and variable name, with each variable's type: what must survive. */
function byName(app: AppServices) {
  const { variables, values }: DocumentVariables = app.store.variables.get();
  const out: Record<string, Record<string, string | number>> = {};
  for (const d of app.store.listDocuments()) {
    for (const v of variables) {
      const value = values[d.id]?.[v.id];
      if (value !== undefined) (out[d.metadata.title] ??= {})[`${v.name} (${v.type})`] = value;
    }
  }
  return out;
}

describe('document variables in a REFI-QDA import', () => {
  it('come back from our own export as the same variables and values, and never overwrite a value on a second import', async () => {
    const source = await emptyLibrary();
    const one = await importFile(source.store, 'one.txt', new TextEncoder().encode('First source.\n\nStates met in Paris.'));
    const two = await importFile(source.store, 'two.txt', new TextEncoder().encode('Second source.\n\nCompanies met in Nairobi.'));
    await importFile(source.store, 'three.txt', new TextEncoder().encode('Third source, with no values.'));
    await source.store.variables.edit({ op: 'create', name: 'Country', type: 'choice', choices: ['France', 'Kenya'] });
    await source.store.variables.edit({ op: 'create', name: 'Pages', type: 'number', choices: [] });
    const state = await source.store.variables.edit({ op: 'create', name: 'Signed', type: 'date', choices: [] });
    const [country, pages, signed] = state.variables.map((v) => v.id);
    await source.store.variables.edit({ op: 'setDocument', documentId: one.document.id, values: { [country!]: 'France', [pages!]: 12, [signed!]: '2018-11-12' } });
    await source.store.variables.edit({ op: 'setDocument', documentId: two.document.id, values: { [country!]: 'Kenya', [pages!]: 2.5 } });
    const exported = await runExport(source, { format: 'refi-qda', scope: { kind: 'library' } }, task);

    const target = await emptyLibrary();
    const report = await importQdpx(target.store, target.codebook, exported.fileName, exported.bytes, task);
    expect(report).toMatchObject({ documentsAdded: 3, skipped: [] });
    // A list's choices are not in the standard: they travel in the Variable's description and come back as a list.
    expect(target.store.variables.get().variables.find((v) => v.name === 'Country')).toMatchObject({ type: 'choice', choices: ['France', 'Kenya'] });
    expect(byName(target)).toEqual({
      one: { 'Country (choice)': 'France', 'Pages (number)': 12, 'Signed (date)': '2018-11-12' },
      two: { 'Country (choice)': 'Kenya', 'Pages (number)': 2.5 },
    });

    // The user changes a value; importing the same project again keeps it and says so.
    const targetCountry = target.store.variables.get().variables.find((v) => v.name === 'Country')!;
    const first = target.store.listDocuments().find((d) => d.metadata.title === 'one')!;
    await target.store.variables.edit({ op: 'set', variableId: targetCountry.id, documentIds: [first.id], value: 'Kenya' });
    const again = await importQdpx(target.store, target.codebook, exported.fileName, exported.bytes, task);
    expect(again.skipped).toEqual([{ reason: 'variable values that differ from what the document already had (its own were kept)', count: 1 }]);
    expect(byName(target).one!['Country (choice)']).toBe('Kenya');
    await Promise.all([source.close(), target.close()]);
  });

  it('takes another tool’s source variables as document variables of their type', async () => {
    const target = await emptyLibrary();
    const qde = await readFile(path.resolve(here, '../../../test-data/refi-qda/foreign-project.qde'), 'utf8');
    // Only the project's inline source is needed here; the others are left out and counted.
    const report = await importQdpx(target.store, target.codebook, 'study.qdpx', zipSync({ 'project.qde': strToU8(qde) }), task);
    expect(report.documentsAdded).toBeGreaterThan(0);
    const year = target.store.variables.get().variables.find((v) => v.name === 'Year');
    expect(year).toMatchObject({ type: 'number' });
    expect(Object.values(byName(target))).toContainEqual({ 'Year (number)': 2023 });
    // "Authors" is a detail of the source, not a variable.
    expect(target.store.variables.get().variables.map((v) => v.name)).toEqual(['Year']);
    await target.close();
  });
});
