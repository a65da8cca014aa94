import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Location } from '../../../shared/domain/location.ts';
import { LocationSchema } from '../../../shared/domain/location.ts';
import { IpcError } from '../../../shared/ipc/errors.ts';
import { api } from '../../api.ts';
import { DateField } from '../../components/DateField.tsx';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { useCurrentUser } from '../../app/SessionProvider.tsx';
import { todayIsoDate, useFormatters } from '../records/format.ts';
import { CustodyField } from './fields.tsx';

type Standard = NonNullable<Location['minimumStandard']>;

/** "Meets the minimum standard, assessed on 1 Mar 2025 by Ana", or "Not assessed". */
export function useStandardText(): (standard: Standard | undefined) => string {
  const { t } = useTranslation('custody');
  const format = useFormatters();
  return (standard) =>
    standard === undefined
      ? t('standard.notAssessed')
      : t(standard.meets ? 'standard.meetsBy' : 'standard.failsBy', {
          date: format.date(standard.assessedOn),
          who: standard.assessedBy,
        });
}

/**
 * Whether the site meets the minimum standard for storing weapons (Roadmap Goal 7), assessed when
 * and by whom, with a note. Saved on the location, against the revision it was read at.
 */
export function MinimumStandardSection({
  location,
  revision,
  onSaved,
}: {
  location: Location;
  revision: number;
  onSaved: () => void;
}) {
  const { t } = useTranslation('custody');
  const standardText = useStandardText();
  const [editing, setEditing] = useState(false);
  const headingId = useId();
  const standard = location.minimumStandard;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('standard.heading')}</h2>
      {!editing && (
        <>
          <p className={standard?.meets === false ? 'standard standard--fails' : 'standard'}>
            {standardText(standard)}
          </p>
          {standard?.note !== undefined && <p className="standard__note">{standard.note}</p>}
          <button type="button" className="button button--small" onClick={() => setEditing(true)}>
            {standard === undefined ? t('standard.assess') : t('standard.edit')}
          </button>
        </>
      )}
      {editing && (
        <StandardForm
          location={location}
          revision={revision}
          onDone={(saved) => {
            setEditing(false);
            if (saved) onSaved();
          }}
        />
      )}
    </section>
  );
}

function StandardForm({
  location,
  revision,
  onDone,
}: {
  location: Location;
  revision: number;
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation('custody');
  const errorText = useErrorText();
  const user = useCurrentUser();
  const current = location.minimumStandard;
  const [meets, setMeets] = useState<boolean | undefined>(current?.meets);
  const [assessedOn, setAssessedOn] = useState<string | undefined>(
    current?.assessedOn ?? todayIsoDate(),
  );
  const [assessedBy, setAssessedBy] = useState(current?.assessedBy ?? user.name);
  const [note, setNote] = useState(current?.note ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const legendId = useId();

  const save = async () => {
    const candidate = {
      ...location,
      minimumStandard: {
        meets,
        assessedOn,
        assessedBy: assessedBy.trim(),
        note: note.trim() === '' ? undefined : note.trim(),
      },
    };
    const parsed = LocationSchema.safeParse(candidate);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[1] ?? 'meets');
        found[field] ??= issue.message;
      }
      setErrors(found);
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      await api().updateLocation({ location: parsed.data, expectedRevision: revision });
      onDone(true);
    } catch (error) {
      setFailure(
        error instanceof IpcError && error.code === 'CONFLICT'
          ? t('standard.conflict')
          : errorText(error),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      autoComplete="off"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <fieldset
        className="radios"
        aria-labelledby={legendId}
        aria-invalid={errors.meets !== undefined}
      >
        <legend id={legendId} className="field__label--required">
          {t('standard.meetsQuestion')}
        </legend>
        <div className="choices">
          <label className="choice">
            <input
              type="radio"
              name="meets"
              checked={meets === true}
              onChange={() => setMeets(true)}
            />
            {t('standard.yes')}
          </label>
          <label className="choice">
            <input
              type="radio"
              name="meets"
              checked={meets === false}
              onChange={() => setMeets(false)}
            />
            {t('standard.no')}
          </label>
        </div>
        {errors.meets !== undefined && (
          <p className="field__error" role="alert">
            {t('standard.chooseMeets')}
          </p>
        )}
      </fieldset>
      <div className="grid">
        <CustodyField label={t('standard.assessedOn')} required error={errors.assessedOn}>
          {(a11y) => <DateField {...a11y} value={assessedOn} onChange={setAssessedOn} />}
        </CustodyField>
        <CustodyField label={t('standard.assessedBy')} required error={errors.assessedBy}>
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              value={assessedBy}
              onChange={(event) => setAssessedBy(event.target.value)}
            />
          )}
        </CustodyField>
      </div>
      <CustodyField label={t('standard.note')} hint={t('standard.noteHint')} error={errors.note}>
        {(a11y) => (
          <textarea
            {...a11y}
            rows={3}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
        )}
      </CustodyField>
      {failure !== null && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('standard.save')}
        </button>
        <button type="button" className="button" onClick={() => onDone(false)}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
