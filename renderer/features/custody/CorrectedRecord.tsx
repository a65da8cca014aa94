import { useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { CustodyEntity } from '../../../shared/custody/item-custody.ts';
import type { CustodyRecordView } from '../../../shared/ipc/procedures/custody.ts';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useLoaded } from '../places/use-loaded.ts';

/** A sealed record a form corrects: its id, as the record page shows it, and as its schema reads. */
export interface Corrected<T> {
  readonly id: string;
  readonly view: CustodyRecordView;
  readonly record: T;
}

/**
 * Loads the record a correction starts from, for the forms that correct without react-hook-form
 * (stock checks, destructions); a record of another kind, or one its schema cannot read, says so.
 */
export function CorrectedRecord<S extends z.ZodType>({
  correctsId,
  entity,
  schema,
  children,
}: {
  correctsId: string;
  entity: CustodyEntity;
  schema: S;
  children: (corrected: Corrected<z.infer<S>>) => ReactNode;
}) {
  const { t } = useTranslation('custody');
  const load = useCallback(() => api().getCustodyRecord({ id: correctsId }), [correctsId]);
  const { state } = useLoaded(load);
  if (state.kind === 'loading') return <p className="field__hint">{t('common.loading')}</p>;
  if (state.kind === 'failed') return <ErrorMessage error={state.error} />;
  const parsed = schema.safeParse(state.value.record);
  if (state.value.entity !== entity || !parsed.success) {
    return <p className="notice notice--error">{t('record.unreadable')}</p>;
  }
  return children({ id: correctsId, view: state.value, record: parsed.data as z.infer<S> });
}
