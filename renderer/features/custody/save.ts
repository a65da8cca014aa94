import { useRef, useState } from 'react';
import type { AttachmentRef } from '../../../shared/domain/attachment.ts';
import { IpcError, type IpcErrorCode } from '../../../shared/ipc/errors.ts';
import { api } from '../../api.ts';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { custodyFieldOfPath } from './custody-form.ts';

export interface SaveFailure {
  readonly code: IpcErrorCode | null;
  /** The app's words for what went wrong. */
  readonly text: string;
  /** Main's own words, when it says more (a refused transfer names the items and why). */
  readonly detail: string | null;
}

/**
 * Saving a custody record: main's field issues go back on their fields, and what went wrong is
 * said above the buttons, with main's message as it is when it names the items it refused.
 */
export function useCustodySave(setFieldError: (field: string, message: string) => void): {
  failure: SaveFailure | null;
  save: (work: () => Promise<void>) => Promise<void>;
} {
  const errorText = useErrorText();
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const save = async (work: () => Promise<void>) => {
    setFailure(null);
    try {
      await work();
    } catch (error) {
      if (error instanceof IpcError) {
        for (const issue of error.issues)
          setFieldError(custodyFieldOfPath(issue.path.split('.')), issue.message);
      }
      const detail =
        error instanceof IpcError &&
        error.code === 'VALIDATION_ERROR' &&
        error.message.trim() !== ''
          ? error.message
          : null;
      setFailure({
        code: error instanceof IpcError ? error.code : null,
        text: errorText(error),
        detail,
      });
    }
  };
  return { failure, save };
}

/**
 * Stores drawn signatures as photos of kind 'signature' (encrypted, by SHA-256). The same image
 * is stored once, however often saving is tried again.
 */
export function useSignatureStore(): (pngBase64: string) => Promise<AttachmentRef> {
  const stored = useRef(new Map<string, AttachmentRef>());
  return async (pngBase64) => {
    const known = stored.current.get(pngBase64);
    if (known !== undefined) return known;
    const ref = await api().addPhoto({ dataBase64: pngBase64, kind: 'signature' });
    stored.current.set(pngBase64, ref);
    return ref;
  };
}
