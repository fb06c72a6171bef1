// What annotation hits show, read from the documents' files: current after a published change, and
// nothing (never a crash, never a file outside the library) when a file is unusable.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../test-support/temp';
import { sampleAnnotation } from '../../test-support/fixtures';
import { HitAnnotations, objectIn } from './hit-annotations';

const tempDir = useTempDir();

async function library() {
  const dir = await tempDir();
  const fileOf = (id: string) => path.join(dir, id, 'annotations.json');
  const write = async (id: string, content: unknown) => {
    await mkdir(path.join(dir, id), { recursive: true });
    await writeFile(fileOf(id), typeof content === 'string' ? content : JSON.stringify(content));
  };
  return { dir, fileOf, write, hits: new HitAnnotations(fileOf) };
}

describe('HitAnnotations', () => {
  it('reads an annotation’s quote and note, and reads again after the store publishes a change', async () => {
    const { write, hits } = await library();
    const annotation = sampleAnnotation('d1', { id: 'a1', body: { ...sampleAnnotation('d1').body, note: 'first note' } });
    await write('d1', { version: 1, annotations: [annotation] });
    expect(hits.get('d1', 'a1')).toEqual({ quote: 'norms', note: 'first note' });
    expect(hits.get('d1', 'missing')).toBeUndefined();
    await write('d1', { version: 1, annotations: [{ ...annotation, body: { ...annotation.body, note: 'second note' } }] });
    hits.follow({ kind: 'annotations.changed', documentId: 'd1', added: [], updated: [], removed: [] });
    expect(hits.get('d1', 'a1')?.note).toBe('second note');
    // Only where annotations are is kept, not their texts: a file changed on disk is read as it is now.
    await write('d1', { version: 1, annotations: [{ ...annotation, body: { ...annotation.body, note: 'third note' } }] });
    expect(hits.get('d1', 'a1')?.note).toBe('third note');
  });

  it('shows nothing for an unreadable file, an invalid annotation or a link out of the library', async () => {
    const { dir, fileOf, write, hits } = await library();
    await write('bad-json', '{ not json');
    await write('bad-frame', { version: 2, annotations: [] });
    await write('bad-entry', { version: 1, annotations: [{ id: 'a1', target: {}, body: { note: 3 } }] });
    const outside = path.join(dir, 'outside.json');
    await writeFile(outside, JSON.stringify({ version: 1, annotations: [sampleAnnotation('linked', { id: 'a1' })] }));
    await mkdir(path.join(dir, 'linked'));
    await symlink(outside, fileOf('linked'));
    for (const id of ['bad-json', 'bad-frame', 'bad-entry', 'linked', 'absent']) expect(hits.get(id, 'a1')).toBeUndefined();
  });

  it('finds an annotation in the text of a file the store wrote exactly as parsing the whole file does', () => {
    // Notes and quotes with quotes, braces, backslashes and the very text that marks an object's start.
    const text = fc.string({ unit: fc.constantFrom('a', 'é', '"', '\\', '{', '}', '[', ']', ',', ':', ' ', '{"id":"a1",', '\n') });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 6 }), fc.nat(5), (parts, pick) => {
        const annotations = parts.map(([quote, note], i) => {
          const base = sampleAnnotation('d1', { id: `a${i}` });
          return { ...base, target: { selector: [{ type: 'TextQuoteSelector' as const, exact: quote, prefix: note, suffix: '' }] }, body: { ...base.body, note } };
        });
        const file = Buffer.from(JSON.stringify({ version: 1, annotations }));
        const wanted = annotations[pick % annotations.length]!;
        expect(objectIn(file, wanted.id)).toEqual(wanted);
        expect(objectIn(file, 'absent')).toBeUndefined();
      }),
    );
  });

  it('shows what the file has now, whatever changed in it since its annotations were placed (no change published)', async () => {
    const { write, hits } = await library();
    const text = fc.string({ unit: fc.constantFrom('a', 'é', '"', '\\', '{', '}', ',', ' ', '{"id":"a1",'), maxLength: 12 });
    const file = fc.array(fc.tuple(fc.nat(7), text), { minLength: 0, maxLength: 6 }).map((list) => {
      const seen = new Set<number>();
      return list.filter(([i]) => !seen.has(i) && seen.add(i));
    });
    await fc.assert(
      fc.asyncProperty(fc.array(file, { minLength: 2, maxLength: 4 }), fc.array(fc.nat(7), { minLength: 1, maxLength: 8 }), async (versions, asked) => {
        hits.follow({ kind: 'codebook.changed' } as never);
        for (const version of versions) {
          const annotations = version.map(([i, note]) => {
            const base = sampleAnnotation('d1', { id: `a${i}` });
            return { ...base, body: { ...base.body, note } };
          });
          await write('d1', { version: 1, annotations });
          for (const i of asked) {
            const wanted = annotations.find((a) => a.id === `a${i}`);
            expect(hits.get('d1', `a${i}`)).toEqual(wanted ? { quote: 'norms', note: wanted.body.note } : undefined);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reads files laid out otherwise (pretty-printed, id not first) by parsing them whole', async () => {
    const { write, hits } = await library();
    const annotation = sampleAnnotation('d1', { id: 'a1', body: { ...sampleAnnotation('d1').body, note: 'pretty' } });
    await write('d1', JSON.stringify({ version: 1, annotations: [annotation] }, null, 2));
    expect(objectIn(Buffer.from(JSON.stringify({ version: 1, annotations: [annotation] }, null, 2)), 'a1')).toBeUndefined();
    expect(hits.get('d1', 'a1')).toEqual({ quote: 'norms', note: 'pretty' });
    const { id, ...rest } = annotation;
    await write('d2', { version: 1, annotations: [{ ...rest, body: { ...rest.body, note: 'id last' }, id }] });
    expect(hits.get('d2', 'a1')).toEqual({ quote: 'norms', note: 'id last' });
    // Cut short after the annotation: not a file the store wrote, so parsed whole, and unreadable.
    const whole = JSON.stringify({ version: 1, annotations: [annotation, annotation] });
    await write('d3', whole.slice(0, whole.length - 40));
    expect(hits.get('d3', 'a1')).toBeUndefined();
  });
});
