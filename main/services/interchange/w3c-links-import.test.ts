// Links between passages read back from a W3C file: our export's `linking` annotations recreate the links
// in another library holding the same documents (ids, relation, note and dates kept; a new relation
// joins the list); a second import doubles nothing; a link whose passages are not both in the library
// is reported in words; and a link naming its ends by IRI as another tool might is read too.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRange } from '../../../shared/anchoring';
import type { Annotation } from '../../../shared/model';
import { useTempDir } from '../../test-support/temp';
import { openApp, type AppServices } from '../app';
import { importFile } from '../importing';
import { openHostSettings } from '../settings';
import { runExport } from './export-service';
import { importAnnotationFile } from './import-annotations';
import { quietTask } from '../../test-support/library-app';

const tempDir = useTempDir();
const task = quietTask;
const TEXTS = { 'one.txt': 'States agreed to protect hospitals in armed conflict.', 'two.txt': 'Companies pledged to protect the core of the internet.' };

async function libraryWithTexts(): Promise<{ app: AppServices; ids: string[] }> {
  const dir = await tempDir();
  const app = await openApp({ libraryPath: path.join(dir, 'library'), settings: openHostSettings(path.join(dir, 'data')) });
  const ids: string[] = [];
  for (const [name, text] of Object.entries(TEXTS)) ids.push((await importFile(app.store, name, new TextEncoder().encode(text))).document.id);
  return { app, ids };
}

async function highlight(app: AppServices, documentId: string, id: string, quote: string): Promise<Annotation> {
  const text = (await app.store.readText(documentId)).text;
  const start = text.indexOf(quote);
  const now = '2024-01-02T03:04:05.678Z';
  const annotation: Annotation = { id, documentId, created: now, modified: now, target: { selector: describeRange(text, start, start + quote.length) }, body: { color: 'yellow', note: '', tags: [], principles: [], actors: [] } };
  await app.store.saveAnnotation(annotation);
  return annotation;
}

describe('links between passages in a W3C import', () => {
  it('come back from our own export between the same passages, once', async () => {
    const source = await libraryWithTexts();
    const a = await highlight(source.app, source.ids[0]!, 'h-one', 'protect hospitals');
    const b = await highlight(source.app, source.ids[1]!, 'h-two', 'protect the core');
    await source.app.store.links.edit({ op: 'setRelations', relations: [...source.app.store.links.stored().relations, 'echoes'] });
    await source.app.store.links.edit({ op: 'create', from: { documentId: a.documentId, annotationId: a.id }, to: { documentId: b.documentId, annotationId: b.id }, relation: 'echoes', note: 'Same verb.' });
    const [made] = source.app.store.links.stored().links;
    const exported = await runExport(source.app, { format: 'w3c-annotations', scope: { kind: 'library' } }, task);
    expect(new TextDecoder().decode(exported.bytes)).toContain('"motivation": "linking"');

    const target = await libraryWithTexts();
    const report = await importAnnotationFile(target.app.store, exported.fileName, exported.bytes, task);
    expect(report).toMatchObject({ imported: 2, linksAdded: 1, linksPresent: 0, skipped: [] });
    const state = await target.app.store.links.list();
    expect(state.relations).toContain('echoes');
    expect(state.links).toHaveLength(1);
    expect(state.links[0]).toMatchObject({
      id: made!.id,
      relation: 'echoes',
      note: 'Same verb.',
      created: made!.created,
      status: 'live',
      from: { documentId: target.ids[0], annotationId: 'h-one', quote: 'protect hospitals' },
      to: { documentId: target.ids[1], annotationId: 'h-two', quote: 'protect the core' },
    });

    const again = await importAnnotationFile(target.app.store, exported.fileName, exported.bytes, task);
    expect(again).toMatchObject({ imported: 0, alreadyPresent: 2, linksAdded: 0, linksPresent: 1 });
    expect(target.app.store.links.stored().links).toHaveLength(1);
    await Promise.all([source.app.close(), target.app.close()]);
  });

  it('reports links whose passages are missing, and reads a link that names its ends by IRI', async () => {
    const { app, ids } = await libraryWithTexts();
    await highlight(app, ids[0]!, 'h-one', 'protect hospitals');
    await highlight(app, ids[1]!, 'h-two', 'protect the core');
    const file = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationCollection',
      first: {
        type: 'AnnotationPage',
        items: [
          { id: 'http://example.org/l1', type: 'Annotation', motivation: 'linking', body: 'urn:apostil:annotation:h-one', target: 'urn:apostil:annotation:h-two' },
          { id: 'urn:apostil:link:l2', type: 'Annotation', motivation: 'linking', body: [{ id: 'urn:apostil:annotation:h-one' }, { type: 'TextualBody', purpose: 'tagging', value: 'supports' }], target: { id: 'urn:apostil:annotation:gone' } },
          { type: 'Annotation', motivation: 'linking', body: { type: 'TextualBody', value: 'no ends' }, target: 'urn:apostil:annotation:h-two' },
        ],
      },
    };
    const report = await importAnnotationFile(app.store, 'links.jsonld', new TextEncoder().encode(JSON.stringify(file)), task);
    expect(report).toMatchObject({ imported: 0, linksAdded: 1 });
    expect(report.skipped).toEqual([
      { reason: 'a link that does not name both of its passages', count: 1 },
      { reason: 'links whose two passages are not both in the library (import the annotations they link first, then this file again)', count: 1 },
    ]);
    const [link] = (await app.store.links.list()).links;
    expect(link).toMatchObject({ relation: 'linked to', from: { annotationId: 'h-one' }, to: { annotationId: 'h-two' }, status: 'live' });
    await app.close();
  });
});
