import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { sourceContextValues } from '../../../shared/domain/enums.ts';
import {
  historicActivityValues,
  HistoricCountSchema,
  type HistoricActivity,
} from '../../../shared/domain/historic-count.ts';
import {
  quantityKindValues,
  quantityUnitValues,
  type QuantityKind,
  type QuantityUnit,
} from '../../../shared/domain/quantity.ts';
import { IpcError } from '../../../shared/ipc/errors.ts';
import { api } from '../../api.ts';
import { useDomainValidationText, useEnumLabel } from '../../components/domain-labels.ts';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { FormField } from '../../components/FormField.tsx';

/** The units each kind is counted in (shared/domain/quantity.ts says which pairs are valid). */
const unitsOf: Readonly<Record<QuantityKind, readonly QuantityUnit[]>> = {
  weapons: ['pieces'],
  parts: ['pieces'],
  ammunition: ['rounds', 'boxes', 'kg', 'tonnes'],
  explosives: ['pieces', 'kg'],
};

type Field = 'year' | 'activity' | 'kind' | 'unit' | 'amount' | 'source';

/**
 * One historic count typed by hand, for a whole year ("857 weapons destroyed in 2015"); a count
 * for part of a year comes in through the import, which takes a period. Checked with the shared
 * schema before it is sent; main checks it again, with the role.
 */
export function HistoricCountForm({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation('reports');
  const enumLabel = useEnumLabel();
  const validationText = useDomainValidationText();
  const errorText = useErrorText();
  const titleId = useId();
  const form = useRef<HTMLFormElement>(null);
  const [year, setYear] = useState('');
  const [activity, setActivity] = useState<HistoricActivity | ''>('');
  const [sourceContext, setSourceContext] = useState('');
  const [kind, setKind] = useState<QuantityKind | ''>('');
  const [unit, setUnit] = useState<QuantityUnit | ''>('');
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const [source, setSource] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const units = kind === '' ? quantityUnitValues : unitsOf[kind];
  const contextLabel = (value: (typeof sourceContextValues)[number]) =>
    enumLabel('sourceContext', value);
  const kindLabel = (value: QuantityKind) => enumLabel('quantityKind', value);
  const unitLabel = (value: QuantityUnit) => enumLabel('quantityUnit', value);
  const fieldOf = (path: readonly PropertyKey[]): Field => {
    const [head, next] = path.map(String);
    if (head === 'periodFrom' || head === 'periodTo') return 'year';
    if (head === 'quantity') return next === 'unit' ? 'unit' : next === 'kind' ? 'kind' : 'amount';
    return head === 'activity' || head === 'source' ? head : 'amount';
  };
  const show = (found: Partial<Record<Field, string>>) => {
    setErrors(found);
    // The first field in error takes the focus, so the person reads what to fix.
    requestAnimationFrame(() =>
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setSaved(false);
    setFailure(null);
    const found: Partial<Record<Field, string>> = {};
    if (!/^\d{4}$/.test(year.trim())) found.year = t('form.yearInvalid');
    const count = {
      id: crypto.randomUUID(),
      activity: activity === '' ? undefined : activity,
      periodFrom: `${year.trim()}-01-01`,
      periodTo: `${year.trim()}-12-31`,
      ...(sourceContext === '' ? {} : { sourceContext }),
      quantity: {
        kind: kind === '' ? undefined : kind,
        unit: unit === '' ? undefined : unit,
        amount: amount.trim() === '' ? undefined : Number(amount.replace(',', '.')),
      },
      ...(description.trim() === '' ? {} : { description: description.trim() }),
      source: source.trim(),
    };
    const parsed = HistoricCountSchema.safeParse(count);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = fieldOf(issue.path);
        found[field] ??= validationText(issue.message);
      }
    }
    if (!parsed.success || Object.keys(found).length > 0) {
      show(found);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api().saveHistoricCount({ count: parsed.data, expectedRevision: null });
      setSaved(true);
      setYear('');
      setAmount('');
      setDescription('');
      onSaved();
    } catch (error) {
      if (error instanceof IpcError && error.issues.length > 0) {
        const fromMain: Partial<Record<Field, string>> = {};
        for (const issue of error.issues) {
          const field = fieldOf(issue.path.split('.').slice(1));
          fromMain[field] ??= validationText(issue.message);
        }
        show(fromMain);
      } else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={form}
      className="stack"
      aria-labelledby={titleId}
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <h3 id={titleId}>{t('form.title')}</h3>
      <div className="grid">
        <FormField label={t('form.year')} required error={errors.year}>
          {(control) => (
            <input
              {...control}
              type="text"
              inputMode="numeric"
              maxLength={4}
              value={year}
              onChange={(event) => setYear(event.target.value)}
            />
          )}
        </FormField>
        <FormField label={t('form.activity')} required error={errors.activity}>
          {(control) => (
            <select
              {...control}
              value={activity}
              onChange={(event) => setActivity(event.target.value as HistoricActivity | '')}
            >
              <option value="">{t('form.choose')}</option>
              {historicActivityValues.map((value) => (
                <option key={value} value={value}>
                  {t(`activity.${value}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('form.sourceContext')}>
          {(control) => (
            <select
              {...control}
              value={sourceContext}
              onChange={(event) => setSourceContext(event.target.value)}
            >
              <option value="">{t('form.notSaid')}</option>
              {sourceContextValues.map((value) => (
                <option key={value} value={value}>
                  {contextLabel(value)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('form.kind')} required error={errors.kind}>
          {(control) => (
            <select
              {...control}
              value={kind}
              onChange={(event) => {
                const next = event.target.value as QuantityKind | '';
                setKind(next);
                // A kind counted in one unit only takes it; a unit it cannot have is dropped.
                const allowed = next === '' ? quantityUnitValues : unitsOf[next];
                if (allowed.length === 1) setUnit(allowed[0] ?? '');
                else if (unit !== '' && !allowed.includes(unit)) setUnit('');
              }}
            >
              <option value="">{t('form.choose')}</option>
              {quantityKindValues.map((value) => (
                <option key={value} value={value}>
                  {kindLabel(value)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('form.unit')} required error={errors.unit}>
          {(control) => (
            <select
              {...control}
              value={unit}
              onChange={(event) => setUnit(event.target.value as QuantityUnit | '')}
            >
              <option value="">{t('form.choose')}</option>
              {units.map((value) => (
                <option key={value} value={value}>
                  {unitLabel(value)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('form.amount')} required error={errors.amount}>
          {(control) => (
            <input
              {...control}
              type="text"
              inputMode="decimal"
              value={amount}
              onChange={(event) => setAmount(event.target.value)}
            />
          )}
        </FormField>
      </div>
      <FormField label={t('form.description')} hint={t('form.descriptionHint')}>
        {(control) => (
          <input
            {...control}
            type="text"
            maxLength={300}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        )}
      </FormField>
      <FormField
        label={t('form.source')}
        required
        hint={t('form.sourceHint')}
        error={errors.source}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            maxLength={500}
            value={source}
            onChange={(event) => setSource(event.target.value)}
          />
        )}
      </FormField>
      <div className="actions">
        <button type="submit" className="button" aria-disabled={busy}>
          {t('form.save')}
        </button>
      </div>
      <p role="status">{saved ? t('form.saved') : null}</p>
      {failure !== null && (
        <p className="notice notice--error" role="alert">
          {errorText(failure)}
        </p>
      )}
    </form>
  );
}
