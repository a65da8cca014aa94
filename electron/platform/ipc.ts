import { ipcMain, type BrowserWindow } from 'electron';
import {
  eventChannel,
  procedureChannel,
  procedureNames,
  type EventName,
} from '../../shared/ipc/contract.ts';
import type { Dispatch } from '../ipc/dispatcher.ts';
import type { EventSink } from '../ipc/handler-table.ts';

/**
 * S7, S8: one `ipcMain.handle` per contract procedure, each going through the dispatcher with the
 * sender frame as Electron reports it. No `ipcMain.on`, no synchronous channels.
 */
export function bindIpc(dispatch: Dispatch): void {
  for (const name of procedureNames) {
    ipcMain.handle(procedureChannel(name), (event, input: unknown) => {
      const frame = event.senderFrame;
      return dispatch({
        sender: { url: frame?.url, isTopFrame: frame !== null && frame === event.sender.mainFrame },
        procedure: name,
        input,
      });
    });
  }
}

/** Main-to-renderer events go one way, only on contract channels. */
export function windowEventSink(getWindow: () => BrowserWindow | null): EventSink {
  return {
    emit(event: EventName, payload: unknown) {
      const window = getWindow();
      if (window !== null && !window.isDestroyed())
        window.webContents.send(eventChannel(event), payload);
    },
  };
}
