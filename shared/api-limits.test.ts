// The body limits of the contract against the largest requests its schemas allow for real work: a
// call that a large library makes in browser mode must not be refused as too large.
import { describe, expect, it } from 'vitest';
import { contract, type CallName } from './api';
import { NO_ARGS_CALL } from './call-limits';

const ids = (n: number) => Array.from({ length: n }, () => crypto.randomUUID());
const fits = (name: CallName, args: unknown) => {
  const size = new TextEncoder().encode(JSON.stringify(args)).byteLength;
  expect(contract[name].args.safeParse(args).success, `${name}'s example must be valid`).toBe(true);
  expect(size, `${name}: ${size} bytes against a limit of ${contract[name].limits.json}`).toBeLessThanOrEqual(contract[name].limits.json);
};

describe('body limits', () => {
  it('take every call that lists documents with as many as its schema allows', () => {
    const filter = { documentIds: ids(100_000), tags: [], from: null, to: null };
    fits('analysis.counts', { view: 'matrix', filter, actorKinds: [], granularity: null });
    fits('analysis.passages', { filter, selector: { kind: 'principle', principleId: 'p1' }, offset: 0, limit: 500 });
    fits('export.run', { taskId: 't1', request: { format: 'bibtex', scope: { kind: 'documents', documentIds: ids(100_000) } } });
  });

  it('give files only to the calls that take them', () => {
    const withFiles = Object.entries(contract).filter(([, spec]) => spec.limits.files > 0).map(([name]) => name).sort();
    expect(withFiles).toEqual([
      'annotations.import',
      'codebook.import',
      'codebook.importPreview',
      'documents.import',
      'documents.replaceFile',
      'files.save',
      'project.importQdpx',
      'references.attachFile',
      'references.import',
    ]);
  });
});

describe('the smallest limits', () => {
  it('are every call\'s lower bound, so a request within them is sent without looking its call up', () => {
    for (const [name, spec] of Object.entries(contract)) {
      expect(spec.limits.json, name).toBeGreaterThanOrEqual(NO_ARGS_CALL.json);
      expect(spec.limits.files, name).toBeGreaterThanOrEqual(NO_ARGS_CALL.files);
    }
  });
});
