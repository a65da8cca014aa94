import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isUnknownText } from '../../../../shared/domain/weapon-item.ts';
import type {
  SerialCheckResult,
  SerialMatch,
  WatchListMatch,
} from '../../../../shared/ipc/procedures/serial-check.ts';
import type { SerialLookupMatch } from '../../../../shared/sync/protocol.ts';
import { api } from '../../../api.ts';
import { useEnumLabel } from '../../../components/domain-labels.ts';
import { useFormatters } from '../format.ts';

/** Long enough that the check runs once the person pauses, not on every key. */
const PAUSE_MS = 350;

/**
 * Under a serial being typed: whether this laptop has seen it before, with links to those
 * records, and an alarm that cannot be missed (an alert, in the error colour) when a match was
 * destroyed, is lost or stolen, or is under an open trace (issue 15). Make and calibre narrow it.
 */
export function SerialCheckNotice({
  serial,
  manufacturer,
  calibre,
  intakeEventId,
}: {
  serial: string | undefined;
  manufacturer: string | undefined;
  calibre: string | undefined;
  intakeEventId: string | undefined;
}) {
  const { t } = useTranslation('records');
  const known = (text: string | undefined) =>
    text === undefined || text.trim() === '' || isUnknownText(text) ? undefined : text;
  const make = known(manufacturer);
  const calibreKnown = known(calibre);
  const typed = serial?.trim() ?? '';
  // Each answer says which question it answers: one for an earlier serial is never shown.
  const question = JSON.stringify([typed, make, calibreKnown, intakeEventId]);
  const [answer, setAnswer] = useState<{ question: string; result: SerialCheckResult | null }>();
  useEffect(() => {
    if (typed === '') return;
    let current = true;
    const timer = setTimeout(() => {
      api()
        .checkSerial({ serial: typed, manufacturer: make, calibre: calibreKnown, intakeEventId })
        .then(
          (result) => {
            if (current) setAnswer({ question, result });
          },
          // A check that fails (locked meanwhile) shows nothing: it never blocks typing.
          () => {
            if (current) setAnswer({ question, result: null });
          },
        );
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [typed, make, calibreKnown, intakeEventId, question]);

  const result = typed !== '' && answer?.question === question ? answer.result : null;
  const matches = result?.matches ?? [];
  const narrowedOut = result?.narrowedOut ?? 0;
  const onServer = result?.serverMatches ?? [];
  const alarms = [...matches, ...onServer].filter((match) => match.alarm !== null);
  const unreachable = result?.serverChecked === 'unreachable';
  const listed = result?.watchListMatches ?? [];
  const listedAlarms = listed.filter((match) => match.alarm !== null);
  const anyAlarm = alarms.length > 0 || listedAlarms.length > 0;
  return (
    // Always there, so a screen reader announces what appears in it.
    <div role={anyAlarm ? 'alert' : 'status'} data-testid="serial-check">
      {listed.length > 0 && (
        // A listed serial comes first and on its own: it is the reason the list was imported.
        <div
          className={`notice serial-check ${listedAlarms.length > 0 ? 'notice--error' : ''}`}
          data-testid="watch-list-check"
        >
          <p>
            <strong>
              {listedAlarms.length > 0
                ? t('serialCheck.watchListAlarmTitle', { count: listedAlarms.length })
                : t('serialCheck.watchListTitle', { count: listed.length })}
            </strong>
          </p>
          <ul className="serial-check__list">
            {listed.map((match) => (
              <WatchListLine
                key={`${match.listName}:${match.serial}:${match.reference ?? ''}`}
                match={match}
              />
            ))}
          </ul>
        </div>
      )}
      {(matches.length > 0 || narrowedOut > 0 || onServer.length > 0 || unreachable) && (
        <div className={`notice serial-check ${alarms.length > 0 ? 'notice--error' : ''}`}>
          {matches.length > 0 && (
            <>
              <p>
                <strong>
                  {alarms.length > 0
                    ? t('serialCheck.alarmTitle', { count: alarms.length })
                    : t('serialCheck.seenTitle', { count: matches.length })}
                </strong>
              </p>
              <ul className="serial-check__list">
                {matches.map((match) => (
                  <MatchLine key={match.id} match={match} />
                ))}
              </ul>
            </>
          )}
          {onServer.length > 0 && (
            <>
              <p>
                <strong>{t('serialCheck.serverTitle', { count: onServer.length })}</strong>
              </p>
              <ul className="serial-check__list" data-testid="serial-check-server">
                {onServer.map((match) => (
                  <ServerMatchLine key={match.itemId} match={match} />
                ))}
              </ul>
            </>
          )}
          {narrowedOut > 0 && (
            <p className="field__hint">{t('serialCheck.narrowedOut', { count: narrowedOut })}</p>
          )}
          {unreachable && <p className="field__hint">{t('serialCheck.serverUnreachable')}</p>}
        </div>
      )}
    </div>
  );
}

function MatchLine({ match }: { match: SerialMatch }) {
  const { t } = useTranslation('records');
  const label = useEnumLabel();
  const format = useFormatters();
  const what = [match.manufacturer, match.model, match.calibre]
    .filter((part) => part !== null && part !== '')
    .join(' ');
  const status =
    match.lifecycleStatus === null
      ? null
      : label('lifecycleStatus', match.lifecycleStatus as never);
  return (
    <li>
      {match.alarm !== null && (
        <strong className="serial-check__alarm">{t(`serialCheck.alarm.${match.alarm}`)} </strong>
      )}
      <a href={`#/items/${encodeURIComponent(match.id)}`} className="mono">
        {match.serialNumber ?? t('serialCheck.noSerial')}
      </a>
      {what !== '' && ` · ${what}`}
      {status !== null && ` · ${status}`}
      {' · '}
      {match.recordNumber ?? t('serialCheck.noNumber')}
      {match.occurredAt !== null && `, ${format.date(match.occurredAt)}`}
      {!match.exact && ` · ${t('serialCheck.partial')}`}
      {match.matchedOn === 'marking' && ` · ${t('serialCheck.onMarking')}`}
    </li>
  );
}

/** A match only the server holds: no record here to link to, so its number, said to be there. */
function ServerMatchLine({ match }: { match: SerialLookupMatch }) {
  const { t } = useTranslation('records');
  const label = useEnumLabel();
  const format = useFormatters();
  const what = [match.manufacturer, match.model, match.calibre]
    .filter((part) => part !== null && part !== '')
    .join(' ');
  const status =
    match.lifecycleStatus === null
      ? null
      : label('lifecycleStatus', match.lifecycleStatus as never);
  return (
    <li>
      {match.alarm !== null && (
        <strong className="serial-check__alarm">{t(`serialCheck.alarm.${match.alarm}`)} </strong>
      )}
      <span className="mono">{match.serialNumber ?? t('serialCheck.noSerial')}</span>
      {what !== '' && ` · ${what}`}
      {status !== null && ` · ${status}`}
      {' · '}
      {t('serialCheck.onServer', { number: match.recordNumber ?? t('serialCheck.noNumber') })}
      {match.occurredOn !== null && `, ${format.date(match.occurredOn)}`}
      {!match.exact && ` · ${t('serialCheck.partial')}`}
    </li>
  );
}

function WatchListLine({ match }: { match: WatchListMatch }) {
  const { t } = useTranslation('records');
  const format = useFormatters();
  const what = [match.make, match.model, match.calibre]
    .filter((part) => part !== null && part !== '')
    .join(' ');
  return (
    <li>
      {match.alarm !== null && (
        <strong className="serial-check__alarm">{t('serialCheck.alarm.watch_list')} </strong>
      )}
      <span className="mono">{match.serial}</span>
      {what !== '' && ` · ${what}`}
      {` · ${t(`serialCheck.watchListReason.${match.reason}`)}`}
      {` · ${match.listName}`}
      {match.reference !== null &&
        ` · ${t('serialCheck.watchListReference', { reference: match.reference })}`}
      {match.listedOn !== null &&
        ` · ${t('serialCheck.watchListListedOn', { date: format.date(match.listedOn) })}`}
      {!match.exact && ` · ${t('serialCheck.partial')}`}
    </li>
  );
}
