import { useTranslation } from 'react-i18next';
import { notesMaxLength } from '../../../../shared/domain/intake-event.ts';
import { header } from '../field-specs.ts';
import { DateField, EnumRadios, TextField } from '../fields.tsx';
import type { LocationsState } from '../use-locations.ts';
import { CoordinatesField } from './CoordinatesField.tsx';
import { LocationField } from './LocationField.tsx';
import { ScenePhotosField } from './ScenePhotosField.tsx';
import '../event-fields.css';

/** A3: how the items came in, when, where, and who recorded it. */
export function HeaderSection({ locations }: { locations: LocationsState }) {
  const { t } = useTranslation('records');
  return (
    <>
      <section className="card" aria-labelledby="section-context">
        <h2 id="section-context">{t('editor.sectionContext')}</h2>
        <EnumRadios
          {...header.context}
          legend={t('field.context')}
          required
          className="radios--large"
        />
      </section>
      <section className="card" aria-labelledby="section-when-where">
        <h2 id="section-when-where">{t('editor.sectionWhenWhere')}</h2>
        <div className="grid">
          <DateField type="date" {...header.occurredAt} label={t('field.occurredAt')} required />
          <DateField
            type="time"
            {...header.occurredTime}
            label={t('field.occurredTime')}
            hint={t('editor.timeHint')}
          />
        </div>
        <LocationField locations={locations} />
        <CoordinatesField locations={locations} />
      </section>
      <ScenePhotosField />
      <section className="card" aria-labelledby="section-recording">
        <h2 id="section-recording">{t('editor.sectionRecording')}</h2>
        <div className="grid">
          <TextField {...header.recordingAgency} label={t('field.recordingAgency')} required />
          <TextField {...header.recordingOfficer} label={t('field.recordingOfficer')} required />
          <TextField
            {...header.agencyCaseRef}
            label={t('field.agencyCaseRef')}
            hint={t('editor.caseRefHint')}
          />
        </div>
        <TextField
          {...header.notes}
          label={t('field.notes')}
          multiline
          spellCheck
          maxChars={notesMaxLength}
        />
      </section>
    </>
  );
}
