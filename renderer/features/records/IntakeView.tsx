import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentRef } from '../../../shared/domain/attachment.ts';
import type { IntakeEventDraft } from '../../../shared/domain/intake-event.ts';
import { isUnknownText } from '../../../shared/domain/weapon-item.ts';
import type { HistoryEntry, IntakeRecordView } from '../../../shared/ipc/procedures/records.ts';
import { api } from '../../api.ts';
import { useCountryName } from '../../components/country-names.ts';
import type { DomainEnum, DomainEnumValue } from '../../components/domain-enums.ts';
import { useActionLabel, useEnumLabel } from '../../components/domain-labels.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { transferHref } from '../custody/custody-location.ts';
import { useCustodyRights } from '../custody/use-custody-rights.ts';
import { CampaignLink, LocationLink } from '../places/PlaceLinks.tsx';
import { ReviewPanel } from '../review/ReviewPanel.tsx';
import { RecordSyncNotice } from '../sync/RecordSyncNotice.tsx';
import { RecordActions } from './RecordActions.tsx';
import {
  PersonsInvolvedList,
  ScenePhotosDetails,
  useCoordinatesText,
  useTransitText,
} from './EventDetails.tsx';
import { useFormatters } from './format.ts';
import { OtherItemsDetails } from './OtherItemsDetails.tsx';
import { usePathLabel } from './path-labels.ts';
import { PhotoThumb } from './photos.tsx';
import { useIntakeRights } from './use-intake-rights.ts';
import { useLocations } from './use-locations.ts';

type Weapon = IntakeEventDraft['weapons'][number];

/** `#/records/<id>`: everything recorded, read-only, with the record's history. */
export function IntakeView({ id }: { id: string }) {
  const { t } = useTranslation('records');
  const [record, setRecord] = useState<IntakeRecordView | null>(null);
  const [history, setHistory] = useState<readonly HistoryEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    Promise.all([api().getIntake({ id }), api().getIntakeHistory({ id })]).then(
      ([view, entries]) => {
        if (!live) return;
        setRecord(view);
        setHistory(entries);
      },
      (caught: unknown) => live && setError(caught),
    );
    return () => {
      live = false;
    };
  }, [id]);

  return (
    <section aria-labelledby="view-title" className="records-view">
      <p className="back">
        <a href="#/records">{t('editor.back')}</a>
      </p>
      {error !== null && (
        <>
          <h1 id="view-title">{t('view.titleFallback')}</h1>
          <ErrorMessage error={error} />
        </>
      )}
      {error === null && record === null && (
        <>
          <h1 id="view-title">{t('view.titleFallback')}</h1>
          <p className="field__hint">{t('editor.loading')}</p>
        </>
      )}
      {record !== null && <RecordDetails record={record} history={history ?? []} />}
    </section>
  );
}

type FactRow = readonly [string, ReactNode];

/** A definition list that leaves out what was not recorded. */
function Facts({ rows }: { rows: readonly FactRow[] }) {
  const shown = rows.filter(([, value]) => value !== undefined && value !== null && value !== '');
  if (shown.length === 0) return null;
  return (
    <dl className="facts facts--compact">
      {shown.map(([label, value]) => (
        <div key={label} className="facts__row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function RecordDetails({
  record,
  history,
}: {
  record: IntakeRecordView;
  history: readonly HistoryEntry[];
}) {
  const { t } = useTranslation('records');
  const enumLabel = useEnumLabel();
  const format = useFormatters();
  const country = useCountryName();
  const { locations } = useLocations();
  const rights = useIntakeRights();
  const custody = useCustodyRights();
  const event = record.event;
  const location = locations?.find((candidate) => candidate.id === event.locationId);
  const title =
    event.context === undefined
      ? t('view.titleFallback')
      : event.occurredAt === undefined
        ? enumLabel('intakeContext', event.context)
        : t('view.title', {
            intake: enumLabel('intakeContext', event.context),
            date: format.date(event.occurredAt),
          });
  const opt = <E extends DomainEnum>(name: E, value: DomainEnumValue<E> | undefined) =>
    value === undefined ? undefined : enumLabel(name, value);
  const yesNo = (value: boolean | undefined) =>
    value === undefined ? undefined : value ? t('editor.yes') : t('editor.no');
  const seizure = event.seizure;
  const collection = event.collection;
  const coordinatesText = useCoordinatesText();
  const transitText = useTransitText();

  const eventRows: FactRow[] = [
    [t('field.context'), opt('intakeContext', event.context)],
    [t('field.occurredAt'), event.occurredAt && format.date(event.occurredAt)],
    [t('field.occurredTime'), event.occurredTime],
    [
      t('field.locationId'),
      location === undefined ? undefined : (
        <LocationLink id={location.id}>
          {t('view.location', {
            name: location.name,
            type: enumLabel('locationType', location.locationType),
            jurisdiction: country(location.jurisdiction),
          })}
        </LocationLink>
      ),
    ],
    [t('field.coordinates'), coordinatesText(event)],
    [t('field.recordingAgency'), event.recordingAgency],
    [t('field.recordingOfficer'), event.recordingOfficer],
    [t('field.agencyCaseRef'), event.agencyCaseRef],
    [
      t('field.campaignId'),
      event.campaignId === undefined ? undefined : <CampaignLink id={event.campaignId} />,
    ],
    [t('field.notes'), event.notes],
  ];
  const seizureRows: FactRow[] =
    seizure === undefined
      ? []
      : [
          [t('seizure.seizingAgencyType'), opt('seizingAgencyType', seizure.seizingAgencyType)],
          [t('seizure.legalJustification'), opt('legalJustification', seizure.legalJustification)],
          [t('seizure.offenceType'), seizure.offenceType],
          [t('seizure.detectionMethod'), opt('detectionMethod', seizure.detectionMethod)],
          [t('seizure.direction'), opt('direction', seizure.direction)],
          [t('seizure.conveyance'), opt('conveyance', seizure.conveyance)],
          [t('seizure.concealment'), opt('concealment', seizure.concealment)],
          [t('seizure.concealmentNote'), seizure.concealmentNote],
          [
            t('seizure.routeDepartureCountry'),
            seizure.routeDepartureCountry && country(seizure.routeDepartureCountry),
          ],
          [t('seizure.routeTransitCountries'), transitText(event)],
          [
            t('seizure.routeDestinationCountry'),
            seizure.routeDestinationCountry && country(seizure.routeDestinationCountry),
          ],
          [
            t('seizure.personsInvolved'),
            (seizure.personsInvolved?.length ?? 0) > 0 ? (
              <PersonsInvolvedList event={event} />
            ) : undefined,
          ],
          [t('seizure.linkedProsecutionRef'), seizure.linkedProsecutionRef],
          [t('seizure.iarmsChecked'), yesNo(seizure.iarmsChecked)],
          [t('seizure.iarmsHit'), yesNo(seizure.iarmsHit)],
        ];
  const collectionRows: FactRow[] =
    collection === undefined
      ? []
      : [
          [t('collection.collectionMethod'), opt('collectionMethod', collection.collectionMethod)],
          [
            t('collection.surrenderingPartyType'),
            opt('surrenderingPartyType', collection.surrenderingPartyType),
          ],
          [
            t('collection.dispositionRequested'),
            opt('dispositionRequested', collection.dispositionRequested),
          ],
          [t('collection.anonymous'), yesNo(collection.anonymous)],
          [t('collection.campaignBased'), yesNo(collection.campaignBased)],
          [t('collection.receiptNumber'), collection.receiptNumber],
          [t('collection.surrendererSex'), opt('sex', collection.surrendererSex)],
          [t('collection.surrendererAgeBand'), opt('ageBand', collection.surrendererAgeBand)],
          [t('collection.incentiveGiven'), opt('incentiveType', collection.incentiveGiven)],
          [t('collection.incentiveValue'), collection.incentiveValue],
        ];
  const statusLabel = enumLabel('recordStatus', record.status);
  // An imported record names its source: the file, its rows (as the spreadsheet numbers them)
  // and the event_ref that grouped them, so it can be traced back to the register.
  const imported = event.importedFrom;
  const importedRows = imported?.rows ?? [];
  const importedText =
    imported === undefined
      ? undefined
      : importedRows.length > 1
        ? t('view.importedRows', {
            fileName: imported.fileName,
            first: format.number(importedRows[0] ?? 0),
            last: format.number(importedRows[importedRows.length - 1] ?? 0),
            eventRef: imported.eventRef,
            when: format.dateTime(imported.importedAt),
          })
        : t('view.importedRow', {
            fileName: imported.fileName,
            row: format.number(importedRows[0] ?? 0),
            eventRef: imported.eventRef,
            when: format.dateTime(imported.importedAt),
          });
  const recordRows: FactRow[] = [
    [t('view.status'), statusLabel],
    [
      t('view.created'),
      t('view.byAt', {
        name: record.createdBy.name,
        when: format.dateTime(record.createdAt),
      }),
    ],
    [
      t('view.updated'),
      t('view.byAt', {
        name: record.updatedBy.name,
        when: format.dateTime(record.updatedAt),
      }),
    ],
    [
      t('view.finalised'),
      record.finalisedAt === null || record.finalisedBy === null
        ? undefined
        : t('view.byAt', {
            name: record.finalisedBy.name,
            when: format.dateTime(record.finalisedAt),
          }),
    ],
    [t('view.imported'), importedText],
  ];
  const totals = [
    record.totals.weapons,
    record.totals.parts,
    ...record.totals.ammunition,
    ...record.totals.explosives,
  ].map((total) => ({
    key: `${total.kind}:${total.unit}`,
    kind: enumLabel('quantityKind', total.kind),
    unit: enumLabel('quantityUnit', total.unit),
    amount: format.number(total.amount),
  }));

  return (
    <>
      <div className="page-head">
        <h1 id="view-title">{title}</h1>
        <StatusBadge status={record.status} />
        {record.status === 'draft' && rights.update && (
          <a
            className="button button--primary page-head__action"
            href={`#/records/${encodeURIComponent(event.id)}/edit`}
          >
            {t('view.edit')}
          </a>
        )}
      </div>
      {event.recordNumber !== undefined && (
        <p className="record-number">
          {t('view.recordNumber')} <span className="mono">{event.recordNumber}</span>
        </p>
      )}
      {record.status === 'final' && <p className="field__hint">{t('view.finalHint')}</p>}
      <RecordSyncNotice id={event.id} />
      <RecordActions record={record} />
      {record.status === 'final' && <ReviewPanel recordId={event.id} />}
      {record.status === 'final' && custody.transfer && (
        <p className="custody-entry">
          <a className="button" href={transferHref({ intake: event.id })}>
            {t('view.moveItems')}
          </a>
        </p>
      )}

      <section className="card" aria-labelledby="view-event">
        <h2 id="view-event">{t('view.sectionEvent')}</h2>
        <Facts rows={eventRows} />
      </section>

      <ScenePhotosDetails event={event} />

      {seizureRows.length > 0 && (
        <section className="card" aria-labelledby="view-seizure">
          <h2 id="view-seizure">{t('editor.sectionSeizure')}</h2>
          <Facts rows={seizureRows} />
        </section>
      )}

      {collectionRows.length > 0 && (
        <section className="card" aria-labelledby="view-collection">
          <h2 id="view-collection">{t('editor.sectionCollection')}</h2>
          <Facts rows={collectionRows} />
        </section>
      )}

      <section aria-labelledby="view-weapons" className="weapons">
        <h2 id="view-weapons">{t('editor.sectionWeapons', { count: event.weapons.length })}</h2>
        {event.weapons.length === 0 && <p className="field__hint">{t('editor.noWeapons')}</p>}
        {event.weapons.map((weapon, index) => (
          <WeaponDetails key={weapon.id} weapon={weapon} index={index} />
        ))}
      </section>

      <OtherItemsDetails event={event} />

      <section className="card" aria-labelledby="view-totals">
        <h2 id="view-totals">{t('view.totals')}</h2>
        <p className="field__hint">{t('view.totalsHint')}</p>
        <div className="table-wrap">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t('view.totalKind')}</th>
                <th scope="col">{t('view.totalUnit')}</th>
                <th scope="col" className="num">
                  {t('view.totalAmount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {totals.map((total) => (
                <tr key={total.key}>
                  <td>{total.kind}</td>
                  <td>{total.unit}</td>
                  <td className="num">{total.amount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="view-record">
        <h2 id="view-record">{t('view.sectionRecord')}</h2>
        <Facts rows={recordRows} />
      </section>

      <HistoryList entries={history} />
    </>
  );
}

function WeaponDetails({ weapon, index }: { weapon: Weapon; index: number }) {
  const { t } = useTranslation('records');
  const enumLabel = useEnumLabel();
  const country = useCountryName();
  const title = t('weapon.title', { n: index + 1 });
  const text = (value: string | undefined) =>
    value === undefined ? undefined : isUnknownText(value) ? t('editor.unknownValue') : value;
  const opt = <E extends DomainEnum>(name: E, value: DomainEnumValue<E> | undefined) =>
    value === undefined ? undefined : enumLabel(name, value);
  const headingId = `view-weapon-${index}`;
  const heading =
    weapon.weaponType === undefined
      ? title
      : t('view.weaponTitle', { title, type: enumLabel('weaponType', weapon.weaponType) });
  const weaponRows: FactRow[] = [
    [t('weapon.category'), opt('weaponCategory', weapon.category)],
    [t('weapon.manufacturer'), text(weapon.manufacturer)],
    [t('weapon.model'), text(weapon.model)],
    [t('weapon.calibre'), text(weapon.calibre)],
    [
      t('weapon.serialNumber'),
      weapon.serialNumber === undefined ? undefined : (
        <span className="mono">{weapon.serialNumber}</span>
      ),
    ],
    [t('weapon.serialStatus'), opt('serialStatus', weapon.serialStatus)],
    [t('weapon.serialLocation'), opt('serialLocation', weapon.serialLocation)],
    [t('weapon.markingCondition'), opt('markingCondition', weapon.markingCondition)],
    [t('weapon.traceStatus'), opt('traceStatus', weapon.traceStatus)],
    [
      t('weapon.countryOfManufacture'),
      weapon.countryOfManufacture && country(weapon.countryOfManufacture),
    ],
    [t('weapon.yearOfManufacture'), weapon.yearOfManufacture?.toString()],
    [t('weapon.actionType'), opt('actionType', weapon.actionType)],
    [t('weapon.condition'), opt('weaponCondition', weapon.condition)],
    [t('weapon.pointOfDiversionNote'), weapon.pointOfDiversionNote],
  ];
  const markings = weapon.markings.map((marking) => ({
    id: marking.id,
    component: opt('markingComponent', marking.component),
    kind: opt('markingKind', marking.markingKind),
    text: marking.textAsRead,
    legibility: opt('legibility', marking.legibility),
  }));
  const photos = weapon.photos.map((photo: AttachmentRef, photoIndex) => ({
    photo,
    kind: enumLabel('attachmentKind', photo.kind),
    alt: t('photo.alt', {
      weapon: title,
      n: photoIndex + 1,
      kind: enumLabel('attachmentKind', photo.kind),
    }),
  }));
  return (
    <article className="card weapon" aria-labelledby={headingId} data-testid="weapon-details">
      <h3 id={headingId}>{heading}</h3>
      <Facts rows={weaponRows} />
      <h4>{t('weapon.markings', { count: weapon.markings.length })}</h4>
      {weapon.markings.length === 0 ? (
        <p className="field__hint">{t('editor.noMarkings')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t('marking.component')}</th>
                <th scope="col">{t('marking.markingKind')}</th>
                <th scope="col">{t('marking.textAsRead')}</th>
                <th scope="col">{t('marking.legibility')}</th>
              </tr>
            </thead>
            <tbody>
              {markings.map((marking) => (
                <tr key={marking.id}>
                  <td>{marking.component}</td>
                  <td>{marking.kind}</td>
                  <td className="mono">{marking.text}</td>
                  <td>{marking.legibility}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h4>{t('weapon.photos', { count: weapon.photos.length })}</h4>
      {weapon.photos.length === 0 ? (
        <p className="field__hint">{t('view.noPhotos')}</p>
      ) : (
        <ul className="thumbs">
          {photos.map(({ photo, kind, alt }) => (
            <li key={photo.sha256} className="thumbs__item">
              <PhotoThumb photo={photo} alt={alt} errorText={t('photo.unreadable')} />
              <span className="thumbs__caption">{kind}</span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

interface HistoryGroup {
  readonly key: string;
  readonly action: string;
  readonly userName: string;
  readonly firstAt: string;
  readonly lastAt: string;
  readonly count: number;
  readonly changedFields: readonly string[];
  /** An amendment's reason. */
  readonly reason?: string | undefined;
}

/**
 * Autosave writes a "draft saved" entry every few seconds of typing; consecutive saves by the
 * same person are shown as one line (how many, from when to when, which fields).
 */
export function groupHistory(entries: readonly HistoryEntry[]): HistoryGroup[] {
  const groups: HistoryGroup[] = [];
  for (const [index, entry] of entries.entries()) {
    const last = groups[groups.length - 1];
    if (
      last !== undefined &&
      entry.action === 'intake.draft_saved' &&
      last.action === entry.action &&
      last.userName === entry.userName
    ) {
      groups[groups.length - 1] = {
        ...last,
        lastAt: entry.at,
        count: last.count + 1,
        changedFields: [...new Set([...last.changedFields, ...entry.changedFields])].sort(),
      };
    } else {
      groups.push({
        // An amendment known only from the server has no entry of its own here.
        key: entry.seq === null ? `server-${index}` : String(entry.seq),
        action: entry.action,
        userName: entry.userName,
        firstAt: entry.at,
        lastAt: entry.at,
        count: 1,
        changedFields: entry.changedFields,
        reason: entry.reason,
      });
    }
  }
  return groups;
}

const hiddenHistoryFields: ReadonlySet<string> = new Set(['id', 'revision', 'status']);

function HistoryList({ entries }: { entries: readonly HistoryEntry[] }) {
  const { t } = useTranslation('records');
  const { t: actionsT } = useTranslation('actions');
  const reasonText = (reason: string) => actionsT('history.reason', { reason });
  const actionLabel = useActionLabel();
  const pathLabel = usePathLabel();
  const format = useFormatters();
  const groups = groupHistory(entries);
  return (
    <section className="card" aria-labelledby="view-history">
      <h2 id="view-history">{t('view.history')}</h2>
      {groups.length === 0 ? (
        <p className="field__hint">{t('view.noHistory')}</p>
      ) : (
        <ol className="history" data-testid="history">
          {groups.map((group) => {
            const fields = group.changedFields.filter((field) => !hiddenHistoryFields.has(field));
            return (
              <li key={group.key} className="history__entry">
                <p className="history__what">
                  <strong>{actionLabel(group.action)}</strong>
                  {group.count > 1 && ` ${t('view.times', { count: group.count })}`}
                </p>
                <p className="history__meta">
                  {group.count > 1
                    ? t('view.byFromTo', {
                        name: group.userName,
                        from: format.dateTime(group.firstAt),
                        to: format.dateTime(group.lastAt),
                      })
                    : t('view.byAt', { name: group.userName, when: format.dateTime(group.lastAt) })}
                </p>
                {fields.length > 0 &&
                  (group.action === 'intake.draft_saved' || group.action === 'intake.amended') && (
                    <p className="history__fields">
                      {t('view.changedFields', {
                        fields: fields.map((field) => pathLabel(field)).join(', '),
                      })}
                    </p>
                  )}
                {group.reason !== undefined && (
                  <p className="history__reason" data-testid="history-reason">
                    {reasonText(group.reason)}
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
