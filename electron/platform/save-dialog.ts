import { dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';

/**
 * The system's save dialog, over the app's window when there is one: the path chosen, or null
 * when the person closed it. Thin on purpose: what is written there is made and tested elsewhere.
 */
export async function askWhereToSave(
  window: () => BrowserWindow | null,
  options: SaveDialogOptions,
): Promise<string | null> {
  const withDefaults: SaveDialogOptions = {
    ...options,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const parent = window();
  const choice =
    parent === null
      ? await dialog.showSaveDialog(withDefaults)
      : await dialog.showSaveDialog(parent, withDefaults);
  return choice.canceled || choice.filePath === undefined || choice.filePath === ''
    ? null
    : choice.filePath;
}
