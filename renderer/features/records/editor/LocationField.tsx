import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import { locationTypeValues } from '../../../../shared/domain/enums.ts';
import { LocationInputSchema, type LocationInput } from '../../../../shared/domain/location.ts';
import { api } from '../../../api.ts';
import { useEnumLabel } from '../../../components/domain-labels.ts';
import {
  ChooseOptions,
  InlineField,
  InlineForm,
  useCountryChoices,
  useInlineSave,
} from './InlineForm.tsx';
import { PickOrAddField } from './PickOrAddField.tsx';
import type { LocationsState } from '../use-locations.ts';

/**
 * Where the intake happened: one of the known locations, or a new one added right here (name,
 * type, jurisdiction) without leaving the record.
 */
const locationPath = 'locationId' as const;

export function LocationField({ locations }: { locations: LocationsState }) {
  const { t } = useTranslation('records');
  const label = useEnumLabel();
  const options =
    locations.locations?.map((location) => ({
      id: location.id,
      label: t('location.option', {
        name: location.name,
        type: label('locationType', location.locationType),
      }),
    })) ?? null;
  return (
    <PickOrAddField
      path={locationPath}
      label={t('field.locationId')}
      options={options}
      addLabel={t('location.new')}
      hint={({ added }) => (added !== null ? t('location.added', { name: added }) : '')}
      reload={locations.reload}
      AddForm={NewLocationForm}
    />
  );
}

const locationFields = ['name', 'locationType', 'jurisdiction'] as const;

type NewLocationValues = Pick<LocationInput, 'name' | 'locationType' | 'jurisdiction'>;
const NewLocationSchema = LocationInputSchema;

/** A small form of its own (its own checks and save); the record's form is not a <form>. */
function NewLocationForm({
  onCancel,
  onSaved,
}: {
  onCancel: () => void;
  onSaved: (location: { id: string; name: string }) => Promise<void>;
}) {
  const { t } = useTranslation('records');
  const label = useEnumLabel();
  const countries = useCountryChoices();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<NewLocationValues>({
    // The schema's own messages are keys; a blank select reaches it as undefined ('required').
    resolver: zodResolver(NewLocationSchema) as never,
    defaultValues: {},
  });
  const blank = (value: unknown) => (value === '' ? undefined : value);
  const fields = {
    name: register('name', { setValueAs: blank }),
    locationType: register('locationType', { setValueAs: blank }),
    jurisdiction: register('jurisdiction', { setValueAs: blank }),
  };
  const typeOptions = locationTypeValues.map((type) => ({
    value: type,
    label: label('locationType', type),
  }));

  const { failure, save } = useInlineSave(locationFields, (field, message) =>
    setError(field, { message }),
  );
  const submit = handleSubmit((values) =>
    save(async () => {
      const location = { ...values, id: uuidv7() };
      await api().saveLocation(location);
      await onSaved(location);
    }),
  );

  return (
    <InlineForm
      title={t('location.newTitle')}
      saveLabel={t('location.save')}
      failure={failure}
      isSubmitting={isSubmitting}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <InlineField label={t('location.name')} error={errors.name?.message}>
        {(control) => (
          <input
            {...control}
            type="text"
            autoComplete="off"
            // The person opened this form to type a name: start there.
            // eslint-disable-next-line jsx-a11y/no-autofocus
            autoFocus
            {...fields.name}
          />
        )}
      </InlineField>
      <InlineField label={t('location.locationType')} error={errors.locationType?.message}>
        {(control) => (
          <select {...control} {...fields.locationType}>
            <ChooseOptions options={typeOptions} />
          </select>
        )}
      </InlineField>
      <InlineField label={t('location.jurisdiction')} error={errors.jurisdiction?.message}>
        {(control) => (
          <select {...control} {...fields.jurisdiction}>
            <ChooseOptions options={countries} />
          </select>
        )}
      </InlineField>
    </InlineForm>
  );
}
