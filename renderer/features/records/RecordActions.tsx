import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentDelivery } from '../../../shared/ipc/procedures/documents.ts';
import type { IntakeRecordView } from '../../../shared/ipc/procedures/records.ts';
import { intakeEventType, mayDo } from '../../../shared/records/record-types.ts';
import { api } from '../../api.ts';
import { useCurrentUser } from '../../app/SessionProvider.tsx';
import {
  DocumentLanguageSelect,
  useDocumentLanguage,
} from '../../components/DocumentLanguageSelect.tsx';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import './record-actions.css';
import { clearBackup } from './unsaved-backup.ts';

/**
 * What a record's page offers besides reading it. A final record: its receipt or report as a PDF
 * (photos if asked, in the language asked) and amending it. A draft: deleting it, after a question. Buttons a person's
 * role does not allow are not shown; main refuses them anyway.
 */
export function RecordActions({ record }: { record: IntakeRecordView }) {
  const { t } = useTranslation('actions');
  const user = useCurrentUser();
  const id = record.event.id;
  const mayAmend = mayDo(intakeEventType, 'amend', user.role);
  const mayDelete = mayDo(intakeEventType, 'delete', user.role);

  if (record.status === 'final') {
    return (
      <section className="card record-actions" aria-label={t('heading')}>
        <ReceiptAction record={record} />
        {mayAmend && (
          <a className="button" href={`#/records/${encodeURIComponent(id)}/amend`}>
            {t('amend.button')}
          </a>
        )}
      </section>
    );
  }
  if (!mayDelete) return null;
  return (
    <section className="card record-actions" aria-label={t('heading')}>
      <DeleteDraft record={record} />
    </section>
  );
}

/** The PDF leaves main as the host decides: saved (desktop) or downloaded (browser preview). */
export function downloadPdf(delivery: Extract<DocumentDelivery, { kind: 'download' }>): void {
  const bytes = Uint8Array.from(atob(delivery.dataBase64), (character) => character.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: delivery.mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = delivery.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the time the click returns; a minute is ample for it to read.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function ReceiptAction({ record }: { record: IntakeRecordView }) {
  const { t } = useTranslation('actions');
  const errorText = useErrorText();
  const photosId = useId();
  const [includePhotos, setIncludePhotos] = useState(false);
  const [language, setLanguage] = useDocumentLanguage();
  const [working, setWorking] = useState(false);
  const [outcome, setOutcome] = useState<
    { kind: 'done'; text: string } | { kind: 'error'; error: unknown } | null
  >(null);
  // The button names the document it makes (receiptTitle): a find is not reported as a seizure.
  const label =
    record.event.context === 'surrendered'
      ? t('receipt.surrendered')
      : record.event.context === 'found'
        ? t('receipt.found')
        : t('receipt.seized');

  const make = async () => {
    setWorking(true);
    setOutcome(null);
    try {
      const delivery = await api().makeIntakeReceipt({
        id: record.event.id,
        includePhotos,
        language,
      });
      if (delivery.kind === 'download') {
        downloadPdf(delivery);
        setOutcome({
          kind: 'done',
          text: t('receipt.downloaded', { fileName: delivery.fileName }),
        });
      } else if (delivery.kind === 'saved') {
        setOutcome({ kind: 'done', text: t('receipt.saved', { path: delivery.path }) });
      } else {
        setOutcome({ kind: 'done', text: t('receipt.cancelled') });
      }
    } catch (error) {
      setOutcome({ kind: 'error', error });
    } finally {
      setWorking(false);
    }
  };

  return (
    <div className="record-actions__receipt">
      <button
        type="button"
        className="button button--primary"
        disabled={working}
        onClick={() => void make()}
      >
        {working ? t('receipt.working') : label}
      </button>
      <label className="record-actions__check" htmlFor={photosId}>
        <input
          id={photosId}
          type="checkbox"
          checked={includePhotos}
          onChange={(event) => setIncludePhotos(event.target.checked)}
        />
        {t('receipt.includePhotos')}
      </label>
      <DocumentLanguageSelect value={language} onChange={setLanguage} />
      <p className="record-actions__outcome" role="status" data-testid="receipt-outcome">
        {outcome?.kind === 'done' && outcome.text}
      </p>
      {outcome?.kind === 'error' && (
        <p className="field__error" role="alert">
          {errorText(outcome.error)}
        </p>
      )}
    </div>
  );
}

function DeleteDraft({ record }: { record: IntakeRecordView }) {
  const { t } = useTranslation('actions');
  const errorText = useErrorText();
  const [asking, setAsking] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  // The question takes the focus, so a keyboard user answers it at once.
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  const remove = async () => {
    setWorking(true);
    setError(null);
    try {
      await api().deleteIntakeDraft({ id: record.event.id, expectedRevision: record.revision });
      clearBackup(record.event.id);
      window.location.replace('#/records');
    } catch (caught) {
      setError(caught);
      setAsking(false);
      requestAnimationFrame(() => deleteRef.current?.focus());
    } finally {
      setWorking(false);
    }
  };

  return (
    <div className="record-actions__delete">
      {asking ? (
        <span className="confirm" role="group" aria-label={t('delete.confirm')}>
          <span>{t('delete.confirm')}</span>
          <button
            ref={confirmRef}
            type="button"
            className="button button--danger"
            disabled={working}
            onClick={() => void remove()}
          >
            {working ? t('delete.working') : t('delete.yes')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setAsking(false);
              requestAnimationFrame(() => deleteRef.current?.focus());
            }}
          >
            {t('delete.cancel')}
          </button>
        </span>
      ) : (
        <button ref={deleteRef} type="button" className="button" onClick={() => setAsking(true)}>
          {t('delete.button')}
        </button>
      )}
      {error !== null && (
        <p className="field__error" role="alert">
          {errorText(error)}
        </p>
      )}
    </div>
  );
}
