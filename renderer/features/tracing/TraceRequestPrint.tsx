import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import {
  DocumentLanguageSelect,
  useDocumentLanguage,
} from '../../components/DocumentLanguageSelect.tsx';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { downloadPdf } from '../records/RecordActions.tsx';

/**
 * "Print / save PDF" of a trace request (makeTraceRequestDocument), with or without the weapon's
 * photos, in the language asked (the addressed state's, say): the desktop app saves it where the
 * person chooses, the preview downloads it.
 */
export function TraceRequestPrint({ id }: { id: string }) {
  const { t } = useTranslation('tracing');
  const errorText = useErrorText();
  const photosId = useId();
  const [includePhotos, setIncludePhotos] = useState(true);
  const [language, setLanguage] = useDocumentLanguage();
  const [working, setWorking] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);

  const print = async () => {
    setWorking(true);
    setOutcome(null);
    try {
      const delivery = await api().makeTraceRequestDocument({ id, includePhotos, language });
      if (delivery.kind === 'download') {
        downloadPdf(delivery);
        setOutcome(t('print.downloaded', { fileName: delivery.fileName }));
      } else if (delivery.kind === 'saved') {
        setOutcome(t('print.saved', { path: delivery.path }));
      } else setOutcome(t('print.cancelled'));
    } catch (error) {
      setOutcome(errorText(error));
    } finally {
      setWorking(false);
    }
  };

  return (
    <section className="card record-actions" aria-label={t('print.title')}>
      <button type="button" className="button" disabled={working} onClick={() => void print()}>
        {working ? t('print.working') : t('print.button')}
      </button>
      <label className="record-actions__check" htmlFor={photosId}>
        <input
          id={photosId}
          type="checkbox"
          checked={includePhotos}
          onChange={(event) => setIncludePhotos(event.target.checked)}
        />
        {t('print.includePhotos')}
      </label>
      <DocumentLanguageSelect value={language} onChange={setLanguage} />
      <p role="status" data-testid="trace-print-outcome">
        {outcome}
      </p>
    </section>
  );
}
