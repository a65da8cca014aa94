import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { borderLocationTypes, type LocationType } from '../../../../shared/domain/enums.ts';
import {
  CountrySelectField,
  EnumSelect,
  TextField,
  YesNoField,
  type IntakeForm,
} from '../fields.tsx';
import { collection, seizure } from '../field-specs.ts';
import { CampaignField } from './CampaignField.tsx';
import { PersonsInvolvedField, TransitCountriesField } from './SeizureRouteAndPeople.tsx';
import { fieldId } from '../paths.ts';
import { useFieldMessage, FieldMessage } from '../fields.tsx';
import type { LocationsState } from '../use-locations.ts';

const borderTypes: ReadonlySet<LocationType> = new Set(borderLocationTypes);
const watchedForSeizure = ['context', 'locationId'] as const;
const watchedForCollection = 'collection.campaignBased' as const;

/** A section-level message ("seizure details are required") where main reports one. */
function SectionMessage({ path }: { path: string }) {
  const message = useFieldMessage(path);
  return <FieldMessage id={`${fieldId(path)}-message`} messageKey={message} />;
}

/** A5: seized, or found by an agency. Direction and conveyance are required at borders. */
export function SeizureSection({ locations }: { locations: LocationsState }) {
  const { t } = useTranslation('records');
  const { control } = useFormContext<IntakeForm>();
  const [context, locationId] = useWatch({ control, name: watchedForSeizure });
  const location = locations.locations?.find((candidate) => candidate.id === locationId);
  const atBorder = location !== undefined && borderTypes.has(location.locationType);
  return (
    <section
      className="card"
      aria-labelledby="section-seizure"
      id={fieldId(seizure.section.path)}
      tabIndex={-1}
    >
      <h2 id="section-seizure">{t('editor.sectionSeizure')}</h2>
      <SectionMessage {...seizure.section} />
      {atBorder && <p className="field__hint">{t('editor.borderHint')}</p>}
      <div className="grid">
        <EnumSelect
          {...seizure.seizingAgencyType}
          label={t('seizure.seizingAgencyType')}
          required
        />
        <EnumSelect
          {...seizure.legalJustification}
          label={t('seizure.legalJustification')}
          required={context === 'seized'}
        />
        <TextField {...seizure.offenceType} label={t('seizure.offenceType')} />
        <EnumSelect {...seizure.detectionMethod} label={t('seizure.detectionMethod')} />
        <EnumSelect {...seizure.direction} label={t('seizure.direction')} required={atBorder} />
        <EnumSelect {...seizure.conveyance} label={t('seizure.conveyance')} required={atBorder} />
        <EnumSelect {...seizure.concealment} label={t('seizure.concealment')} />
        <TextField {...seizure.concealmentNote} label={t('seizure.concealmentNote')} />
        <CountrySelectField
          {...seizure.routeDepartureCountry}
          label={t('seizure.routeDepartureCountry')}
        />
        <CountrySelectField
          {...seizure.routeDestinationCountry}
          label={t('seizure.routeDestinationCountry')}
        />
        <TextField {...seizure.linkedProsecutionRef} label={t('seizure.linkedProsecutionRef')} />
      </div>
      <TransitCountriesField />
      <PersonsInvolvedField />
      <div className="grid">
        <YesNoField {...seizure.iarmsChecked} legend={t('seizure.iarmsChecked')} />
        <YesNoField {...seizure.iarmsHit} legend={t('seizure.iarmsHit')} />
      </div>
    </section>
  );
}

/**
 * A4: a surrender. Whether it was part of a campaign is the person's explicit answer; only then
 * is the campaign asked for (and required).
 */
export function CollectionSection() {
  const { t } = useTranslation('records');
  const { control } = useFormContext<IntakeForm>();
  const campaignBased = useWatch({ control, name: watchedForCollection });
  return (
    <section
      className="card"
      aria-labelledby="section-collection"
      id={fieldId(collection.section.path)}
      tabIndex={-1}
    >
      <h2 id="section-collection">{t('editor.sectionCollection')}</h2>
      <SectionMessage {...collection.section} />
      <div className="grid">
        <EnumSelect
          {...collection.collectionMethod}
          label={t('collection.collectionMethod')}
          required
        />
        <EnumSelect
          {...collection.surrenderingPartyType}
          label={t('collection.surrenderingPartyType')}
          required
        />
        <EnumSelect
          {...collection.dispositionRequested}
          label={t('collection.dispositionRequested')}
          required
        />
        <TextField {...collection.receiptNumber} label={t('collection.receiptNumber')} />
      </div>
      <div className="grid">
        <YesNoField {...collection.anonymous} legend={t('collection.anonymous')} required />
        <YesNoField {...collection.campaignBased} legend={t('collection.campaignBased')} required />
      </div>
      {campaignBased === true && <CampaignField />}
      <div className="grid">
        <EnumSelect {...collection.surrendererSex} label={t('collection.surrendererSex')} />
        <EnumSelect {...collection.surrendererAgeBand} label={t('collection.surrendererAgeBand')} />
        <EnumSelect {...collection.incentiveGiven} label={t('collection.incentiveGiven')} />
        <TextField {...collection.incentiveValue} label={t('collection.incentiveValue')} />
      </div>
    </section>
  );
}
