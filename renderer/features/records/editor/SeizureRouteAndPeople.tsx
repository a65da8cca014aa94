import { useId, useRef, useState } from 'react';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CountryCode } from '../../../../shared/domain/country-code.ts';
import { useCountryName, useCountryOptions } from '../../../components/country-names.ts';
import {
  CountrySelectField,
  EnumSelect,
  FieldMessage,
  useFieldMessage,
  type IntakeForm,
} from '../fields.tsx';
import { fieldId } from '../paths.ts';

const transitPath = 'seizure.routeTransitCountries' as const;
const personsPath = 'seizure.personsInvolved' as const;

/**
 * The countries a seizure's route crossed between departure and destination, in the order
 * crossed. A country is chosen from a select and added to the end of the route; the list never
 * holds a blank entry (a blank country is not a country), and each can be taken out again.
 */
export function TransitCountriesField() {
  const { t } = useTranslation(['event', 'records']);
  const { control, setValue, getValues } = useFormContext<IntakeForm>();
  const countries = useCountryOptions();
  const countryName = useCountryName();
  const route = (useWatch({ control, name: transitPath }) ?? []) as CountryCode[];
  const message = useFieldMessage(transitPath);
  const ids = { legend: useId(), hint: useId(), error: useId(), list: useId() };
  const selectRef = useRef<HTMLSelectElement>(null);
  // Arrow keys change a closed select's value: a country is added by the button, not by that.
  const [choice, setChoice] = useState('');

  const put = (next: CountryCode[]) =>
    setValue(transitPath, next.length === 0 ? undefined : next, {
      shouldDirty: true,
      shouldValidate: true,
    });
  const add = (code: string) => {
    const picked = countries.find((country) => country.code === code);
    if (picked === undefined) return;
    const current = (getValues(transitPath) ?? []) as CountryCode[];
    put([...current, picked.code]);
  };
  const removeAt = (index: number) => {
    const current = (getValues(transitPath) ?? []) as CountryCode[];
    put(current.filter((_, at) => at !== index));
    selectRef.current?.focus();
  };

  return (
    <fieldset className="chips-field" aria-describedby={ids.hint}>
      <legend id={ids.legend}>{t('records:seizure.routeTransitCountries')}</legend>
      {route.length > 0 && (
        <ol id={ids.list} className="chips" aria-labelledby={ids.legend}>
          {route.map((code, index) => (
            <li key={`${code}-${String(index)}`} className="chip">
              <span>{t('transit.item', { n: index + 1, name: countryName(code) })}</span>
              <button
                type="button"
                className="button button--small"
                aria-label={t('transit.removeNamed', { name: countryName(code) })}
                onClick={() => removeAt(index)}
              >
                {t('transit.remove')}
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="transit-add">
        <div className="field">
          <label htmlFor={fieldId(transitPath)}>{t('transit.country')}</label>
          <select
            id={fieldId(transitPath)}
            ref={selectRef}
            value={choice}
            aria-invalid={message !== undefined}
            aria-describedby={message !== undefined ? ids.error : undefined}
            onChange={(event) => setChoice(event.target.value)}
          >
            <option value="">{t('records:editor.choose')}</option>
            {countries.map((country) => (
              <option key={country.code} value={country.code}>
                {t('records:editor.country', { name: country.name, code: country.code })}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="button button--small"
          disabled={choice === ''}
          onClick={() => {
            add(choice);
            setChoice('');
            selectRef.current?.focus();
          }}
        >
          {t('transit.add')}
        </button>
      </div>
      <p id={ids.hint} className="field__hint">
        {t('transit.hint')}
      </p>
      <FieldMessage id={ids.error} messageKey={message} />
    </fieldset>
  );
}

/** Where one person's answers live, and which enumerations label them. */
function personSpecs(index: number) {
  const base = `${personsPath}.${index}`;
  return {
    nationality: { path: `${base}.nationality` },
    sex: { path: `${base}.sex`, enumName: 'sex' },
    ageBand: { path: `${base}.ageBand`, enumName: 'ageBand' },
  } as const;
}

/**
 * The persons involved in a seizure, minimised to what the IAFQ asks: nationality, sex and age
 * band, never a name (salw-domain.md §e point 8). Each answer may stay blank (not known).
 */
export function PersonsInvolvedField() {
  const { t } = useTranslation(['event', 'records']);
  const { control } = useFormContext<IntakeForm>();
  const { fields, append, remove } = useFieldArray({ control, name: personsPath, keyName: 'key' });
  const ids = { heading: useId(), hint: useId() };
  const addRef = useRef<HTMLButtonElement>(null);

  return (
    <section className="persons" aria-labelledby={ids.heading} id={fieldId(personsPath)}>
      <h3 id={ids.heading}>
        {t('records:seizure.personsInvolved')}{' '}
        <span className="count">{t('persons.count', { count: fields.length })}</span>
      </h3>
      <p id={ids.hint} className="field__hint">
        {t('persons.hint')}
      </p>
      {fields.map((field, index) => {
        const specs = personSpecs(index);
        return (
          <article
            key={field.key}
            className="person"
            aria-label={t('persons.title', { n: index + 1 })}
          >
            <h4>{t('persons.title', { n: index + 1 })}</h4>
            <div className="grid">
              <CountrySelectField {...specs.nationality} label={t('persons.nationality')} />
              <EnumSelect {...specs.sex} label={t('persons.sex')} />
              <EnumSelect {...specs.ageBand} label={t('persons.ageBand')} />
            </div>
            <button
              type="button"
              className="button button--small"
              aria-label={t('persons.removeNamed', { n: index + 1 })}
              onClick={() => {
                remove(index);
                addRef.current?.focus();
              }}
            >
              {t('persons.remove')}
            </button>
          </article>
        );
      })}
      <button
        type="button"
        ref={addRef}
        className="button"
        onClick={() => {
          // The new person's first question gets the focus.
          append({}, { focusName: `${personsPath}.${fields.length}.nationality` });
        }}
      >
        {t('persons.add')}
      </button>
    </section>
  );
}
