import { useCallback, useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import { locationTypeValues, type LocationType } from '../../../shared/domain/enums.ts';
import { LocationSchema, type Location } from '../../../shared/domain/location.ts';
import type { LocationRecordView } from '../../../shared/ipc/procedures/places.ts';
import { api } from '../../api.ts';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import type { FieldControlProps } from '../../components/FormField.tsx';
import { ChooseOptions, useCountryChoices } from '../records/editor/InlineForm.tsx';
import { FormActions } from './FormActions.tsx';
import {
  locationFormValues,
  locationFromForm,
  recordResolver,
  type LocationFormValues,
} from './place-form.ts';
import { PageTitle } from './PlaceFacts.tsx';
import { PlaceField } from './PlaceField.tsx';
import { useSaveFailure } from './save-failure.ts';
import { useLoaded } from './use-loaded.ts';

/**
 * What a new location starts from when another page sends someone to add one:
 * `#/places/locations/new?type=storage_site&from=custody` preselects the type, and the Custody
 * area it came from is where the back link and the saved location lead.
 */
export interface NewLocationStart {
  readonly locationType?: LocationType;
  readonly fromCustody: boolean;
}

export function newLocationStartOf(hash: string): NewLocationStart {
  const mark = hash.indexOf('?');
  const params = new URLSearchParams(mark === -1 ? '' : hash.slice(mark + 1));
  const type = params.get('type');
  const known = locationTypeValues.find((value) => value === type);
  return {
    ...(known === undefined ? {} : { locationType: known }),
    fromCustody: params.get('from') === 'custody',
  };
}

/** `#/places/locations/new` and `#/places/locations/<id>/edit`: every A1 field of a location. */
export function LocationEditor({ id }: { id: string | null }) {
  const { t } = useTranslation('places');
  const [start] = useState(() =>
    id === null ? newLocationStartOf(window.location.hash) : { fromCustody: false },
  );
  const load = useCallback(
    () =>
      Promise.all([id === null ? null : api().getLocation({ id }), api().listLocations()] as const),
    [id],
  );
  const { state } = useLoaded(load);
  const title = id === null ? t('location.newTitle') : t('location.editTitle');
  const back = start.fromCustody
    ? '#/custody'
    : id === null
      ? '#/places/locations'
      : `#/places/locations/${encodeURIComponent(id)}`;
  const backText = start.fromCustody
    ? t('location.backToCustody')
    : id === null
      ? t('location.back')
      : t('common.cancel');

  return (
    <section aria-labelledby="place-title" className="records-editor">
      <p className="back">
        <a href={back}>{backText}</a>
      </p>
      <PageTitle>{title}</PageTitle>
      {state.kind === 'loading' && <p className="field__hint">{t('common.loading')}</p>}
      {state.kind === 'failed' && <ErrorMessage error={state.error} />}
      {state.kind === 'ready' && (
        <LocationForm view={state.value[0]} all={state.value[1]} cancelHref={back} start={start} />
      )}
    </section>
  );
}

/** The location's own id and those inside it, at any depth: none of them can be its parent. */
function selfAndInside(id: string, all: readonly Location[]): Set<string> {
  const excluded = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const location of all) {
      const parent = location.parentLocationId;
      if (parent !== undefined && excluded.has(parent) && !excluded.has(location.id)) {
        excluded.add(location.id);
        grew = true;
      }
    }
  }
  return excluded;
}

type LocationField = keyof LocationFormValues;
const placeFields: readonly LocationField[] = [
  'name',
  'locationType',
  'jurisdiction',
  'adminArea1',
  'adminArea2',
  'parentLocationId',
];
const coordinateFields: readonly LocationField[] = ['lat', 'lon', 'accuracyM'];
const requiredFields: ReadonlySet<LocationField> = new Set([
  'name',
  'locationType',
  'jurisdiction',
]);

function LocationForm({
  view,
  all,
  cancelHref,
  start,
}: {
  view: LocationRecordView | null;
  all: readonly Location[];
  cancelHref: string;
  start: NewLocationStart;
}) {
  const { t } = useTranslation('places');
  const label = useEnumLabel();
  const countries = useCountryChoices();
  // A new location's id is made here, once: saving twice after an error saves the same record.
  const [id] = useState(() => view?.location.id ?? uuidv7());
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<LocationFormValues>({
    resolver: recordResolver(LocationSchema, (values: LocationFormValues) =>
      locationFromForm(id, values),
    ),
    defaultValues: {
      ...locationFormValues(view?.location ?? null),
      ...(view === null && start.locationType !== undefined
        ? { locationType: start.locationType }
        : {}),
    },
  });
  const { failure, save } = useSaveFailure((field, message) =>
    setError(field as keyof LocationFormValues, { message }),
  );
  const submit = handleSubmit((values) =>
    save(async () => {
      const location = LocationSchema.parse(locationFromForm(id, values));
      if (view === null) await api().saveLocation(location);
      else await api().updateLocation({ location, expectedRevision: view.revision });
      // Back where they came from: the Custody page now lists the new site with what it holds.
      window.location.hash = start.fromCustody
        ? '#/custody'
        : `#/places/locations/${encodeURIComponent(id)}`;
    }),
  );
  const excluded = selfAndInside(id, all);
  const parents = all.filter((location) => !excluded.has(location.id));
  const typeOptions = locationTypeValues.map((type) => ({
    value: type,
    label: label('locationType', type),
  }));
  const registered = {
    name: register('name'),
    locationType: register('locationType'),
    jurisdiction: register('jurisdiction'),
    adminArea1: register('adminArea1'),
    adminArea2: register('adminArea2'),
    parentLocationId: register('parentLocationId'),
    lat: register('lat'),
    lon: register('lon'),
    accuracyM: register('accuracyM'),
  };
  const controls: Record<LocationField, (control: FieldControlProps) => ReactNode> = {
    name: (control) => <input {...control} type="text" {...registered.name} />,
    locationType: (control) => (
      <select {...control} {...registered.locationType}>
        <ChooseOptions options={typeOptions} />
      </select>
    ),
    jurisdiction: (control) => (
      <select {...control} {...registered.jurisdiction}>
        <ChooseOptions options={countries} />
      </select>
    ),
    adminArea1: (control) => <input {...control} type="text" {...registered.adminArea1} />,
    adminArea2: (control) => <input {...control} type="text" {...registered.adminArea2} />,
    parentLocationId: (control) => (
      <select {...control} {...registered.parentLocationId}>
        <option value="">{t('location.noParent')}</option>
        {parents.map((location) => (
          <option key={location.id} value={location.id}>
            {location.name}
          </option>
        ))}
      </select>
    ),
    lat: (control) => <input {...control} type="text" inputMode="decimal" {...registered.lat} />,
    lon: (control) => <input {...control} type="text" inputMode="decimal" {...registered.lon} />,
    accuracyM: (control) => (
      <input {...control} type="text" inputMode="decimal" {...registered.accuracyM} />
    ),
  };
  const hints: Partial<Record<LocationField, string>> = {
    parentLocationId: t('location.parentHint'),
  };
  const field = (name: LocationField) => (
    <PlaceField
      key={name}
      label={t(`location.${name}`)}
      required={requiredFields.has(name)}
      hint={hints[name]}
      error={errors[name]?.message}
    >
      {controls[name]}
    </PlaceField>
  );

  return (
    <form
      aria-labelledby="place-title"
      noValidate
      autoComplete="off"
      onSubmit={(event) => void submit(event)}
    >
      <section className="card" aria-labelledby="location-place">
        <h2 id="location-place">{t('location.sectionPlace')}</h2>
        <div className="grid">{placeFields.map(field)}</div>
      </section>
      <section className="card" aria-labelledby="location-coordinates">
        <h2 id="location-coordinates">{t('location.sectionCoordinates')}</h2>
        <p className="field__hint">{t('location.coordinatesHint')}</p>
        <div className="grid">{coordinateFields.map(field)}</div>
      </section>
      <FormActions
        failure={failure}
        saveLabel={view === null ? t('location.saveNew') : t('common.save')}
        isSubmitting={isSubmitting}
        cancelHref={cancelHref}
        latestHref={`#/places/locations/${encodeURIComponent(id)}`}
      />
    </form>
  );
}
