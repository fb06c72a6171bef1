// Coders through the dispatcher on a real library: a new annotation records this installation's coder,
// an update never changes who made it, and agreement is computed between two coders' annotations.
import { describe, expect, it } from 'vitest';
import type { AgreementReport } from '../../../shared/agreement';
import type { ApiResult } from '../../../shared/errors';
import type { Annotation } from '../../../shared/model';
import { createDispatcher } from '../../api/dispatch';
import { sampleAnnotation, sampleDocument } from '../../test-support/fixtures';
import { useTempDir } from '../../test-support/temp';
import { openApp } from '../app';
import { createHandlers } from '../handlers';
import { openHostSettings } from '../settings';

function value<T>(result: ApiResult<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('coders and agreement', () => {
  const tempDir = useTempDir();

  it('records the coder of new annotations, keeps it on updates, and compares two coders', async () => {
    const app = await openApp({ libraryPath: await tempDir(), settings: openHostSettings(await tempDir()) });
    const dispatch = createDispatcher(createHandlers(app));
    // The sample text: 'A first paragraph about norms.\n\nA second one about hack-back.' (61 characters).
    const document = await app.store.addDocument(sampleDocument());
    const at = (id: string, start: number, end: number, principles: string[]): Annotation => ({
      ...sampleAnnotation(document.id, { id }),
      target: { selector: [{ type: 'TextPositionSelector', start, end }, { type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' }] },
      body: { color: 'yellow', note: '', tags: [], principles, actors: [] },
    });

    // No coder set yet: nothing is recorded.
    expect(value<Annotation>(await dispatch('annotations.save', { annotation: at('early', 0, 1, ['cyber-hygiene']) })).author).toBeUndefined();
    expect(await dispatch('settings.update', { patch: { coderName: ' \n ' } })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    value(await dispatch('settings.update', { patch: { coderName: '  Ann  ' } }));
    expect(value<Annotation>(await dispatch('annotations.save', { annotation: at('ann-1', 0, 30, ['international-norms']) })).author).toBe('Ann');
    value(await dispatch('settings.update', { patch: { coderName: 'Ben' } }));
    // Ben edits Ann's passage: it stays Ann's, whatever the edit says.
    const edited = value<Annotation>(await dispatch('annotations.save', { annotation: { ...at('ann-1', 0, 30, ['international-norms']), author: 'Mallory' } }));
    expect(edited.author).toBe('Ann');
    value(await dispatch('annotations.save', { annotation: at('ben-1', 2, 30, ['international-norms']) }));
    value(await dispatch('annotations.save', { annotation: at('ben-2', 32, 40, ['international-norms']) }));
    expect((await app.store.listAnnotations(document.id)).map((a) => [a.id, a.author ?? null])).toEqual([
      ['early', null],
      ['ann-1', 'Ann'],
      ['ben-1', 'Ben'],
      ['ben-2', 'Ben'],
    ]);

    const coders = value<{ me: string; coders: unknown[] }>(await dispatch('coders.list', {}));
    expect(coders.me).toBe('Ben');
    expect(coders.coders).toEqual(expect.arrayContaining([{ coder: 'Ben', annotations: 2 }, { coder: 'Ann', annotations: 1 }]));

    // international-norms over the 61 characters: Ann [0,30), Ben [2,30) and [32,40).
    //   both 28, only Ann 2, only Ben 8, neither 61 − 30 − 36 + 28 = 23; po = 51/61;
    //   pAnn = 30/61, pBen = 36/61; pe = (30·36 + 31·25)/61² = 1855/3721; kappa = (51·61 − 1855)/(3721 − 1855) = 1256/1866.
    const report = value<AgreementReport>(await dispatch('agreement.compute', { coderA: 'Ann', coderB: 'Ben', documentIds: [document.id] }));
    expect(report.principles).toEqual([expect.objectContaining({ principleId: 'international-norms', both: 28, onlyA: 2, onlyB: 8, neither: 23 })]);
    expect(report.overall.kappa).toBeCloseTo(1256 / 1866, 12);
    expect(report.disagreements.map((d) => [d.start, d.end, d.codedBy])).toEqual([
      [0, 2, 'A'],
      [32, 40, 'B'],
    ]);
    expect(await dispatch('agreement.compute', { coderA: 'Ann', coderB: 'Ann', documentIds: null })).toMatchObject({ ok: false, error: { message: 'Choose two different coders to compare.' } });
    await app.close();
  });
});
