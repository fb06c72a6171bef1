// Handlers of the calls about links between passages (spread into handlers.ts): like every handler
// they only call the store; the renderer follows the `links.changed` changes it publishes.
import type { CallName } from '../../../shared/api';
import type { Handlers } from '../../api/dispatch';
import type { AppServices } from '../app';

type LinksCallName = 'links.get' | 'links.edit';

export function createLinksHandlers(app: AppServices): Pick<Handlers, Extract<CallName, LinksCallName>> {
  const { store } = app;
  return {
    'links.get': async () => store.links.list(),
    'links.edit': async ({ edit }) => store.links.edit(edit),
  };
}
