// The only main-process module that touches ipcMain (a lint rule keeps it so). Every call of the
// contract gets one `ipcMain.handle('apostil:<name>')`, derived from CALL_NAMES: adding a call to the
// contract needs no change here. Each handler first checks who is calling (our window's top frame,
// showing our own app:// page) and then hands the payload to the dispatcher, which validates it.
import { ipcMain, type IpcMain, type IpcMainInvokeEvent, type WebContents, type WebFrameMain } from 'electron';
import { CALL_NAMES, type ApiEvent } from '../../shared/api';
import type { ApiResult } from '../../shared/errors';
import type { Dispatch } from '../api/dispatch';
import type { EventBus } from '../services/events';
import { callChannel, EVENT_CHANNEL } from './channels';
import { isAppUrl } from './origin';

export type SenderCheck = (frame: WebFrameMain | null) => boolean;
export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

const FORBIDDEN: ApiResult<never> = Object.freeze({
  ok: false,
  error: Object.freeze({
    code: 'forbidden' as const,
    message: 'Apostil refused this call: it did not come from the Apostil window.',
  }),
});

/** Registers one handler per call; returns a function that removes them all. */
export function registerIpc(ipc: IpcMainLike, dispatch: Dispatch, isTrustedSender: SenderCheck): () => void {
  const channels: string[] = [];
  for (const name of CALL_NAMES) {
    const channel = callChannel(name);
    ipc.handle(channel, async (event: IpcMainInvokeEvent, args: unknown) => {
      if (!safely(() => isTrustedSender(event.senderFrame))) return FORBIDDEN;
      return dispatch(name, args);
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) ipc.removeHandler(channel);
  };
}

/** registerIpc on Electron's own ipcMain: what main.ts uses (it may not import ipcMain itself). */
export function registerAppIpc(dispatch: Dispatch, isTrustedSender: SenderCheck): () => void {
  return registerIpc(ipcMain, dispatch, isTrustedSender);
}

/**
 * Trusts a frame only if it is the top frame of one of our windows (`mainFrames()`), still attached,
 * and showing a page from app://apostil/. A subframe, a page that navigated elsewhere, or a frame of
 * any other webContents is refused.
 */
export function createSenderCheck(mainFrames: () => Iterable<WebFrameMain>): SenderCheck {
  return (frame) => {
    if (!frame || frame.detached || frame.parent !== null) return false;
    if (!isAppUrl(frame.url)) return false;
    for (const main of mainFrames()) {
      if (sameFrame(main, frame)) return true;
    }
    return false;
  };
}

function sameFrame(a: WebFrameMain, b: WebFrameMain): boolean {
  // Distinct WebFrameMain objects can stand for the same frame; processId + routingId identify it.
  return a === b || (a.processId === b.processId && a.routingId === b.routingId);
}

/** Sends every event of the bus to a webContents on 'apostil:event'; returns the unsubscribe. */
export function forwardEvents(
  events: Pick<EventBus, 'subscribe'>,
  contents: Pick<WebContents, 'send' | 'isDestroyed'>,
): () => void {
  return events.subscribe((event: ApiEvent) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
  });
}

function safely(check: () => boolean): boolean {
  try {
    return check() === true;
  } catch {
    // A frame that was disposed mid-check throws on property access: not trusted.
    return false;
  }
}
