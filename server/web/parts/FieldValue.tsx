import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { domainEnums, type DomainEnum } from '../../../renderer/components/domain-enums.ts';
import { useCountryName } from '../../../renderer/components/country-names.ts';
import { useEnumLabel } from '../../../renderer/components/domain-labels.ts';
import { recordPartNames } from '../../../renderer/i18n/record-field-names.ts';
import { isCountryCode } from '../../../shared/domain/country-code.ts';
import { quantityUnitValues } from '../../../shared/domain/quantity.ts';
import { isUnknownText } from '../../../shared/domain/weapon-item.ts';
import { formatList, numberFormat } from '../../../shared/i18n/formats.ts';
import { useEntryFieldName } from './field-names.ts';
import { dayText, timeText } from './time-text.ts';

/**
 * Stored fields whose values are a domain enumeration named otherwise than the field, at the top
 * of a record or inside its lists and groups. Where one key holds values of several (a weapon's
 * `condition` and an ammunition lot's), the value decides: the first enumeration holding it.
 */
const enumsOfField: Readonly<Record<string, readonly DomainEnum[]>> = {
  context: ['intakeContext'],
  status: ['recordStatus', 'campaignStatus'],
  category: ['weaponCategory'],
  condition: ['weaponCondition', 'ammoCondition'],
  component: ['markingComponent'],
  eoType: ['explosiveType'],
  safetyStatus: ['explosiveSafetyStatus'],
  incentiveGiven: ['incentiveType'],
  surrendererSex: ['sex'],
  surrendererAgeBand: ['ageBand'],
  kind: ['attachmentKind', 'stockDiscrepancyKind', 'quantityKind'],
  unit: ['quantityUnit'],
  decision: ['custodyDecisionKind'],
  method: ['destructionMethod'],
  purpose: ['custodyPurpose'],
  result: ['verificationResult'],
  incidentKind: ['lossIncidentKind'],
  role: ['userRole'],
};

/** The enumeration a stored field's value belongs to, when it is one of its values. */
function enumOf(field: string, value: string): DomainEnum | null {
  const names = enumsOfField[field] ?? (field in domainEnums ? [field as DomainEnum] : []);
  return names.find((name) => (domainEnums[name] as readonly string[]).includes(value)) ?? null;
}

/**
 * Inside a list entry, what a reviewer does not judge: the item's id (the laptop's key for it, as
 * the record's own id is not shown) and the search forms the laptop derives from what was read,
 * never typed (the serial as read stands beside them).
 */
const notForReview: ReadonlySet<string> = new Set([
  'id',
  'serialNumberNormalised',
  'textNormalised',
  'headstampTextNormalised',
]);

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const isoMoment = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const sha256 = /^[0-9a-f]{64}$/;
const knownUnits: ReadonlySet<string> = new Set(quantityUnitValues);
/** A weapon's fields where 'unknown' is an answer, stored as that token (A6's "R*" fields). */
const mayBeUnknown: ReadonlySet<string> = new Set(['manufacturer', 'model', 'calibre']);
/** Fields holding a country's ISO code: the route of a seizure, where a weapon was made or marked. */
const countryFields: ReadonlySet<string> = new Set([
  'jurisdiction',
  'nationality',
  'countryOfManufacture',
  'importMarkingCountry',
  'routeDepartureCountry',
  'routeTransitCountries',
  'routeDestinationCountry',
  'addresseeCountry',
]);
/** Plain values side by side ("RS, BA"), with no "and": a route or a list of seals is no sentence. */
const plainList: Intl.ListFormatOptions = { type: 'unit', style: 'short' };

type Fields = Readonly<Record<string, unknown>>;

/**
 * Keys built from stored names and values (`recordParts:weapons.title`, `domain:quantityUnitCount.
 * rounds`), which the typed `t` cannot check; the namespaces are the laptop's own catalogues.
 */
type LooseT = (key: string, options?: Record<string, unknown>) => string;

const isFields = (value: unknown): value is Fields =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A photo reference: stored by its fingerprint, with what it shows and perhaps a caption. */
const isPhoto = (value: unknown): value is Fields & { sha256: string; kind: string } =>
  isFields(value) && typeof value.sha256 === 'string' && typeof value.kind === 'string';

/** A quantity ({ kind, unit, amount }) the domain's words can say whole: "120 rounds". */
const isQuantity = (value: unknown): value is { unit: string; amount: number } =>
  isFields(value) &&
  typeof value.amount === 'number' &&
  typeof value.unit === 'string' &&
  knownUnits.has(value.unit);

/**
 * A photo's fingerprint shortened: enough to tell photos apart and find one on the record's page
 * (which lists them whole); the whole of it on hover.
 */
function Fingerprint({ sha }: { sha: string }) {
  return (
    <span className="console-serial" title={sha}>
      {`${sha.slice(0, 12)}…`}
    </span>
  );
}

/**
 * One value that is not a list or a group as text, as the rest of the record shows it: a domain
 * value by its label, a day or a moment as the reader writes a date, yes or no, "—" for none.
 */
function useScalarText(): (field: string, value: unknown) => string {
  const { t, i18n } = useTranslation();
  const enumLabel = useEnumLabel();
  const country = useCountryName();
  return useCallback(
    (field, value) => {
      const loose = t as unknown as LooseT;
      if (value === null || value === undefined || value === '') return '—';
      if (typeof value === 'boolean') return value ? t('review.yes') : t('review.no');
      if (typeof value !== 'string') return String(value);
      const name = enumOf(field, value);
      if (name !== null) return enumLabel(name, value as never);
      // A country by its name in the reader's language, its code beside it as officers use it.
      if (countryFields.has(field) && isCountryCode(value)) {
        const named = country(value);
        return named === value ? value : `${named} (${value})`;
      }
      // The stored token in the form's word for it, as the laptop shows it.
      if (mayBeUnknown.has(field) && isUnknownText(value))
        return loose('recordParts:words.unknown');
      if (isoDay.test(value)) return dayText(i18n.language, value);
      if (isoMoment.test(value)) return timeText(i18n.language, value, value);
      if (sha256.test(value)) return `${value.slice(0, 12)}…`;
      return value;
    },
    [t, i18n.language, enumLabel, country],
  );
}

/** {@link useScalarText}'s text, a photo's fingerprint shortened with the whole on hover. */
function ScalarValue({ field, value }: { field: string; value: unknown }) {
  const text = useScalarText();
  if (typeof value === 'string' && sha256.test(value)) return <Fingerprint sha={value} />;
  return <>{text(field, value)}</>;
}

/** The stored key of what a photo shows (an attachment kind). */
const photoKindField = 'kind';

/** A photo in a list: what it shows, its caption when it has one, and its fingerprint. */
function PhotoLine({ photo }: { photo: Fields & { sha256: string; kind: string } }) {
  const text = useScalarText();
  const caption = typeof photo.caption === 'string' ? photo.caption.trim() : '';
  return (
    <>
      {text(photoKindField, photo.kind)}
      {caption !== '' && <q className="console-wrap">{caption}</q>}{' '}
      <Fingerprint sha={photo.sha256} />
    </>
  );
}

/**
 * A group's or an entry's fields in the order the laptop's form asks them (the server's JSON
 * keeps its own order of keys), any the form does not name after them as stored.
 */
function inFormOrder(group: string, fields: Fields): [string, unknown][] {
  const order = Object.keys(recordPartNames.en[group] ?? {});
  const rank = (key: string) => {
    const index = order.indexOf(key);
    return index === -1 ? order.length : index;
  };
  return Object.entries(fields)
    .filter(([key]) => !notForReview.has(key))
    .sort(([a], [b]) => rank(a) - rank(b));
}

/** A group's or an entry's fields, each under its name in the reader's language. */
function EntryFields({ group, fields }: { group: string; fields: Fields }) {
  const fieldName = useEntryFieldName();
  return (
    <dl className="console-entry">
      {inFormOrder(group, fields).map(([key, value]) => (
        <div key={key}>
          <dt>{fieldName(group, key)}</dt>
          <dd className="console-wrap">
            <FieldValue field={key} value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A list's entries, in order: each as a small labelled block under the laptop's title for it
 * ("Weapon 2") where the list has one, photos as one line each, plain values as they read.
 */
function ListEntries({ field, entries }: { field: string; entries: readonly unknown[] }) {
  const { t, i18n } = useTranslation();
  const loose = t as unknown as LooseT;
  const titled = i18n.exists(`recordParts:${field}.title`);
  return (
    <ol className={titled ? 'console-entries console-entries--titled' : 'console-entries'}>
      {entries.map((entry, index) => (
        // Entries have no key of their own that every list shares; their order is the record's.
        <li key={index}>
          {titled && (
            <p className="console-entries__title">
              {loose(`recordParts:${field}.title`, { n: index + 1 })}
            </p>
          )}
          {isPhoto(entry) ? (
            <PhotoLine photo={entry} />
          ) : isFields(entry) ? (
            <EntryFields group={field} fields={entry} />
          ) : (
            <FieldValue field={field} value={entry} />
          )}
        </li>
      ))}
    </ol>
  );
}

/**
 * A stored field's value as a reviewer reads it: a domain value by its label in the reader's
 * language ("Surrendered", not "surrendered"), a day in the reader's format, yes or no, a quantity
 * in words ("120 rounds"), an empty value as "—". A list of plain values (the countries of a
 * route) reads on one line; other lists and groups stay folded under their count, so a long record
 * stays short, and unfold into labelled blocks, lists within them in turn.
 */
export function FieldValue({ field, value }: { field: string; value: unknown }) {
  const { t, i18n } = useTranslation();
  const text = useScalarText();
  if (!Array.isArray(value) && !isFields(value)) return <ScalarValue field={field} value={value} />;
  if (isQuantity(value)) {
    const amount = numberFormat(i18n.language).format(value.amount);
    const loose = t as unknown as LooseT;
    return <>{loose(`domain:quantityUnitCount.${value.unit}`, { count: value.amount, amount })}</>;
  }
  const entries = Array.isArray(value) ? (value as readonly unknown[]) : null;
  const count = entries === null ? Object.keys(value).length : entries.length;
  // Nothing to unfold: said as an empty value is, not as "0 entries".
  if (count === 0) return <ScalarValue field={field} value={null} />;
  if (entries !== null && entries.every((entry) => !isFields(entry) && !Array.isArray(entry))) {
    const texts = entries.map((entry) => text(field, entry));
    return <>{formatList(i18n.language, texts, plainList)}</>;
  }
  return (
    <details className="console-folded">
      <summary>{t('review.entries', { count })}</summary>
      {entries === null ? (
        <EntryFields group={field} fields={value as Fields} />
      ) : (
        <ListEntries field={field} entries={entries} />
      )}
    </details>
  );
}
