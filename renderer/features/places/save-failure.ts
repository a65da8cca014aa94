import { useState } from 'react';
import { IpcError } from '../../../shared/ipc/errors.ts';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { fieldOfPath } from './place-form.ts';

export type SaveFailure =
  { readonly kind: 'conflict' } | { readonly kind: 'message'; readonly text: string };

/**
 * Saving a place or campaign form: main's field issues go back on their fields, a change made
 * meanwhile (CONFLICT) says so plainly, anything else is one message above the buttons.
 */
export function useSaveFailure(setFieldError: (field: string, message: string) => void): {
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
      if (error instanceof IpcError && error.code === 'CONFLICT') {
        setFailure({ kind: 'conflict' });
        return;
      }
      const issues = error instanceof IpcError ? error.issues : [];
      for (const issue of issues) setFieldError(fieldOfPath(issue.path.split('.')), issue.message);
      if (issues.length === 0) setFailure({ kind: 'message', text: errorText(error) });
    }
  };
  return { failure, save };
}
