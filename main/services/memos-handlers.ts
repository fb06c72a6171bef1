// Handlers of the memo calls (spread into handlers.ts). Like every handler they only call the store;
// search and the renderer follow the memos.changed events it publishes.
import type { CallName } from '../../shared/api';
import type { Handlers } from '../api/dispatch';
import type { AppServices } from './app';

type MemoCallName = 'memos.list' | 'memos.edit';

export function createMemoHandlers(app: AppServices): Pick<Handlers, Extract<CallName, MemoCallName>> {
  return {
    'memos.list': async () => app.store.memos.list(),
    'memos.edit': async ({ edit }) => app.store.memos.edit(edit),
  };
}
