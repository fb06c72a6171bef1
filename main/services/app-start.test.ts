// What an opened library does before its first screen: with `background: 'after-list'` (the host and
// the desktop app) the start-up work waits until the list of documents has been answered, so the list
// is not served behind it; a search asked for before that still answers.
import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../../shared/errors';
import { LIBRARY_CHECK_TASK } from '../../shared/health';
import type { LibraryDocument } from '../../shared/model';
import type { SearchResults } from '../../shared/search/types';
import { createDispatcher } from '../api/dispatch';
import { useTempDir } from '../test-support/temp';
import { openApp, type OpenAppOptions } from './app';
import { createHandlers } from './handlers';
import { openHostSettings } from './settings';

function value<T>(result: ApiResult<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** One turn of the event loop: what was scheduled to run after an answer has run. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('the start-up work of an opened library', () => {
  const tempDir = useTempDir();

  async function start(background: OpenAppOptions['background']) {
    const app = await openApp({ libraryPath: await tempDir(), settings: openHostSettings(await tempDir()), background });
    return { app, dispatch: createDispatcher(createHandlers(app)) };
  }

  async function verification(app: Awaited<ReturnType<typeof start>>['app']) {
    return (await app.store.health()).verification.state;
  }

  /** Resolves when the background check of the files reports that it has begun. */
  function checkBegun(app: Awaited<ReturnType<typeof start>>['app']): Promise<void> {
    return new Promise((resolve) => {
      const stop = app.events.subscribe((event) => {
        if (event.name !== 'task.progress' || !('task' in event.payload) || event.payload.task !== LIBRARY_CHECK_TASK) return;
        stop();
        resolve();
      });
    });
  }

  it('begins once the first list of documents has been answered, not before', async () => {
    const { app, dispatch } = await start('after-list');
    try {
      await nextTurn();
      expect(await verification(app)).toBe('waiting');
      const begun = checkBegun(app);
      const documents = value<LibraryDocument[]>(await dispatch('documents.list', {}));
      expect(documents).toHaveLength(1); // the welcome document
      await begun; // after the analysis and the search index, without anything else asking
      await app.store.verify();
      expect(await verification(app)).toBe('done');
    } finally {
      await app.close();
    }
  });

  it('answers a search asked for before the list', async () => {
    const { app, dispatch } = await start('after-list');
    try {
      const results = value<SearchResults>(await dispatch('search.query', { query: 'Apostil' }));
      expect(results.total.annotations + results.total.passages).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  it('begins without waiting for a list by default', async () => {
    const { app } = await start(undefined);
    try {
      await checkBegun(app);
      expect(await verification(app)).not.toBe('waiting');
    } finally {
      await app.close();
    }
  });
});
