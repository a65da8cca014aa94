import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Controller, useFormContext, useWatch, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CoordinatesDraft } from '../../../../shared/domain/coordinates.ts';
import { api } from '../../../api.ts';
import { formatDecimalText, parseDecimalText } from '../../../components/decimal-text.ts';
import { useErrorText } from '../../../components/ErrorMessage.tsx';
import type { MapPoint, PickedPosition } from '../../../components/map/map-point.ts';
import { OfflineMap } from '../../../components/map/OfflineMap.tsx';
import { FieldFrame, type IntakeForm } from '../fields.tsx';
import { fieldId } from '../paths.ts';
import type { LocationsState } from '../use-locations.ts';
import { numberFormat } from '../../../../shared/i18n/formats.ts';

const coordinatesPath = 'coordinates' as const;
const parts = ['lat', 'lon', 'accuracyM'] as const;
type Part = (typeof parts)[number];

/** The three numbers, and the decimals each is shown with (a metre needs no more than one). */
const numbers = {
  lat: { part: 'lat', digits: 6 },
  lon: { part: 'lon', digits: 6 },
  accuracyM: { part: 'accuracyM', digits: 1 },
} as const;
const typedSource: CoordinatesDraft['source'] = 'typed';

/** Six decimals of a degree are about 10 cm: more is noise from the sensor, not precision. */
const roundDegrees = (value: number) => Math.round(value * 1e6) / 1e6;

function isEmpty(coordinates: CoordinatesDraft | undefined): boolean {
  // A value not yet a number is held as its text (see DecimalInput): that is not empty.
  return coordinates === undefined || parts.every((part) => coordinates[part] === undefined);
}

type Reading =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reading' }
  | { readonly kind: 'filled'; readonly accuracyM: number }
  | { readonly kind: 'placed'; readonly accuracyM: number }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * Where exactly the event happened: typed (decimal degrees, as a handheld GPS or a map shows
 * them, with a point or a comma), measured by this laptop where the platform offers a position,
 * or copied from the chosen location's own coordinates while the event has none of its own, or
 * placed by clicking the offline map below the fields (a person reading a map: "typed", with the
 * accuracy a click at that zoom has). Each value is checked as typed (latitude -90..90, longitude
 * -180..180, accuracy not negative).
 */
export function CoordinatesField({ locations }: { locations: LocationsState }) {
  const { t, i18n } = useTranslation('event');
  const errorText = useErrorText();
  const { control, getValues, setValue } = useFormContext<IntakeForm>();
  const [locationId, coordinates] = useWatch({
    control,
    name: ['locationId', coordinatesPath],
  });
  const [offered, setOffered] = useState(false);
  const [reading, setReading] = useState<Reading>({ kind: 'idle' });
  const ids = { legend: useId(), hint: useId(), status: useId() };

  useEffect(() => {
    let live = true;
    api()
      .getPositionOffer()
      .then(
        (answer) => live && setOffered(answer.offered),
        () => live && setOffered(false),
      );
    return () => {
      live = false;
    };
  }, []);

  // The known sites, for orientation; the event's own point is the one placed.
  const sitePoints = useMemo<MapPoint[]>(
    () =>
      (locations.locations ?? []).flatMap((location) =>
        location.lat === undefined || location.lon === undefined
          ? []
          : [
              {
                id: location.id,
                kind: 'site' as const,
                lat: location.lat,
                lon: location.lon,
                label: location.name,
              },
            ],
      ),
    [locations.locations],
  );
  const lat = coordinates?.lat;
  const lon = coordinates?.lon;
  const placed = useMemo(
    () => (typeof lat === 'number' && typeof lon === 'number' ? { lat, lon } : undefined),
    [lat, lon],
  );

  const put = (next: CoordinatesDraft | undefined) =>
    setValue(coordinatesPath, next, { shouldDirty: true, shouldValidate: true });

  // A location picked (or changed) fills in its coordinates while the event has none of its own;
  // coordinates that came from the previous location follow the new one.
  const previousLocation = useRef(locationId);
  const knownLocations = locations.locations;
  useEffect(() => {
    if (previousLocation.current === locationId) return;
    previousLocation.current = locationId;
    const current = getValues(coordinatesPath);
    if (!isEmpty(current) && current?.source !== 'location') return;
    const location = knownLocations?.find((candidate) => candidate.id === locationId);
    if (location?.lat !== undefined && location.lon !== undefined) {
      setValue(
        coordinatesPath,
        {
          lat: location.lat,
          lon: location.lon,
          ...(location.accuracyM === undefined ? {} : { accuracyM: location.accuracyM }),
          source: 'location',
        },
        { shouldDirty: true, shouldValidate: true },
      );
    } else if (current?.source === 'location') {
      setValue(coordinatesPath, undefined, { shouldDirty: true, shouldValidate: true });
    }
  }, [locationId, knownLocations, getValues, setValue]);

  const readLaptopPosition = async () => {
    setReading({ kind: 'reading' });
    try {
      const answer = await api().getDevicePosition();
      if (answer.kind === 'unavailable') {
        setReading({ kind: 'failed', message: t(`coordinates.unavailable.${answer.reason}`) });
        return;
      }
      const accuracyM = Math.round(answer.accuracyM);
      put({
        lat: roundDegrees(answer.lat),
        lon: roundDegrees(answer.lon),
        accuracyM,
        source: 'device',
      });
      setReading({ kind: 'filled', accuracyM });
    } catch (error) {
      setReading({ kind: 'failed', message: errorText(error) });
    }
  };

  const placeOnMap = (position: PickedPosition) => {
    put({
      lat: position.lat,
      lon: position.lon,
      accuracyM: position.accuracyM,
      source: typedSource,
    });
    setReading({ kind: 'placed', accuracyM: position.accuracyM });
  };

  const source = isEmpty(coordinates) ? undefined : coordinates?.source;
  const status =
    reading.kind === 'reading'
      ? t('coordinates.reading')
      : reading.kind === 'failed'
        ? reading.message
        : reading.kind === 'placed' && source === 'typed'
          ? t('coordinates.placed', {
              metres: numberFormat(i18n.language).format(reading.accuracyM),
            })
          : source !== undefined
            ? t(`coordinates.source.${source}`)
            : '';

  return (
    <fieldset className="coordinates" aria-describedby={ids.hint} id={fieldId(coordinatesPath)}>
      <legend id={ids.legend}>{t('coordinates.legend')}</legend>
      <p id={ids.hint} className="field__hint">
        {t('coordinates.hint')}
      </p>
      <div className="grid">
        <DecimalField {...numbers.lat} label={t('coordinates.lat')} />
        <DecimalField {...numbers.lon} label={t('coordinates.lon')} />
        <DecimalField {...numbers.accuracyM} label={t('coordinates.accuracyM')} />
      </div>
      <div className="coordinates__actions">
        {offered && (
          <button
            type="button"
            className="button button--small"
            disabled={reading.kind === 'reading'}
            onClick={() => void readLaptopPosition()}
          >
            {t('coordinates.useLaptop')}
          </button>
        )}
        {!isEmpty(coordinates) && (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              put(undefined);
              setReading({ kind: 'idle' });
            }}
          >
            {t('coordinates.clear')}
          </button>
        )}
      </div>
      <p
        id={ids.status}
        className={reading.kind === 'failed' ? 'field__error' : 'field__hint'}
        aria-live="polite"
      >
        {status !== ''
          ? status
          : !offered && isEmpty(coordinates)
            ? t('coordinates.notOffered')
            : ''}
      </p>
      <OfflineMap
        label={t('coordinates.mapLabel')}
        points={sitePoints}
        onPick={placeOnMap}
        {...(placed === undefined ? {} : { picked: placed })}
      />
    </fieldset>
  );
}

/**
 * One number of the coordinates, typed as text: a decimal comma or point, and text that is not
 * a number stays on screen (and in the form, so its message shows) instead of vanishing the way
 * a number input drops it. A value typed here makes the coordinates "typed".
 */
function DecimalField({ part, label, digits }: { part: Part; label: string; digits: number }) {
  const { i18n } = useTranslation();
  const { control, getValues, setValue } = useFormContext<IntakeForm>();
  const path = `${coordinatesPath}.${part}` as Path<IntakeForm>;
  return (
    <Controller
      control={control}
      name={path}
      render={({ field }) => (
        <FieldFrame path={path} label={label}>
          {(a11y) => (
            <DecimalInput
              {...a11y}
              inputRef={field.ref}
              name={field.name}
              value={field.value}
              language={i18n.language}
              digits={digits}
              onBlur={field.onBlur}
              onChange={(next) => {
                const current = getValues(coordinatesPath) ?? {};
                const updated: Record<string, unknown> = { ...current, [part]: next };
                const blank = parts.every((name) => updated[name] === undefined);
                setValue(
                  coordinatesPath,
                  blank ? undefined : { ...(updated as CoordinatesDraft), source: typedSource },
                  { shouldDirty: true, shouldValidate: true },
                );
              }}
            />
          )}
        </FieldFrame>
      )}
    />
  );
}

function DecimalInput({
  value,
  onChange,
  onBlur,
  inputRef,
  name,
  language,
  digits,
  ...a11y
}: {
  value: unknown;
  onChange: (value: number | string | undefined) => void;
  onBlur: () => void;
  inputRef: (element: HTMLInputElement | null) => void;
  name: string;
  language: string;
  digits: number;
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}) {
  const [text, setText] = useState(() => formatDecimalText(value, language, digits));
  const [shown, setShown] = useState<{ value: unknown; language: string }>({ value, language });
  if (shown.value !== value || shown.language !== language) {
    setShown({ value, language });
    setText(formatDecimalText(value, language, digits));
  }
  const commit = (next: number | string | undefined, nextText: string) => {
    setShown({ value: next, language });
    setText(nextText);
    if (next !== value) onChange(next);
  };
  const typed = (nextText: string) => {
    const parsed = parseDecimalText(nextText);
    if (parsed.kind === 'number') commit(parsed.value, nextText);
    else if (parsed.kind === 'empty') commit(undefined, nextText);
    // "-" or "44," on the way to a number: not wrong yet; it reaches the form on leaving.
    else setText(nextText);
  };
  const settle = () => {
    const parsed = parseDecimalText(text);
    if (parsed.kind === 'number')
      commit(parsed.value, formatDecimalText(parsed.value, language, digits));
    else if (parsed.kind === 'empty') commit(undefined, '');
    else commit(text.trim(), text);
  };
  return (
    <input
      {...a11y}
      ref={inputRef}
      name={name}
      type="text"
      inputMode="decimal"
      autoComplete="off"
      spellCheck={false}
      className="input--short"
      value={text}
      onChange={(event) => typed(event.target.value)}
      onBlur={() => {
        settle();
        onBlur();
      }}
    />
  );
}
