import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { intakeContextValues, locationTypeValues } from '../../../shared/domain/enums.ts';
import { useCountryName } from '../../components/country-names.ts';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { DateField } from '../../components/DateField.tsx';
import { FormField } from '../../components/FormField.tsx';
import { useFormatters } from '../records/format.ts';
import { periodRange, yearChoices, type DashboardFilter } from './dashboard-filter.ts';

const customValue = 'custom';

/**
 * The Dashboard's filter: a calendar year or half-year (the IAFQ and Roadmap periods) or any
 * range of days, the intake's jurisdiction, campaign, agency, place type and context, and final
 * records only (saying how many drafts that leaves out). Every change shows at once; the range
 * and the agency, typed, take effect when confirmed.
 */
export function DashboardFilterBar({
  filter,
  onChange,
  campaigns,
  jurisdictions,
  draftsLeftOut,
}: {
  filter: DashboardFilter;
  onChange: (next: DashboardFilter) => void;
  campaigns: readonly { id: string; name: string }[];
  jurisdictions: readonly string[];
  draftsLeftOut: number | null;
}) {
  const { t } = useTranslation('reports');
  const enumLabel = useEnumLabel();
  const country = useCountryName();
  const format = useFormatters();
  const range = periodRange(filter.period);
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [rangeError, setRangeError] = useState<string | undefined>(undefined);
  const [agency, setAgency] = useState(filter.agency ?? '');

  const custom = filter.period.kind === 'range';
  const year = filter.period.kind === 'range' ? null : filter.period.year;
  const half = filter.period.kind === 'half' ? String(filter.period.half) : '';
  const years = yearChoices();
  if (year !== null && !years.includes(year)) years.push(year);

  const locationTypeLabel = (value: (typeof locationTypeValues)[number]) =>
    enumLabel('locationType', value);
  const contextLabel = (value: (typeof intakeContextValues)[number]) =>
    enumLabel('intakeContext', value);
  const set = (patch: Partial<DashboardFilter>) => onChange({ ...filter, ...patch });
  const applyRange = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from > to) {
      setRangeError(t('dashboard.rangeInvalid'));
      return;
    }
    setRangeError(undefined);
    set({ period: { kind: 'range', from, to } });
  };
  const applyAgency = () => {
    const typed = agency.trim();
    if (typed !== (filter.agency ?? '')) set({ agency: typed === '' ? undefined : typed });
  };

  return (
    <section className="card dashboard-filters" aria-labelledby="dashboard-filters-title">
      <h2 id="dashboard-filters-title" className="visually-hidden">
        {t('dashboard.filters')}
      </h2>
      <div className="dashboard-filters__grid">
        <FormField label={t('dashboard.year')}>
          {(control) => (
            <select
              {...control}
              value={year === null ? customValue : String(year)}
              onChange={(event) => {
                const value = event.target.value;
                if (value === customValue) {
                  setFrom(range.from);
                  setTo(range.to);
                  set({ period: { kind: 'range', ...range } });
                } else set({ period: { kind: 'year', year: Number(value) } });
              }}
            >
              {years.map((choice) => (
                <option key={choice} value={String(choice)}>
                  {choice}
                </option>
              ))}
              <option value={customValue}>{t('dashboard.custom')}</option>
            </select>
          )}
        </FormField>
        {!custom && year !== null && (
          <FormField label={t('dashboard.half')}>
            {(control) => (
              <select
                {...control}
                value={half}
                onChange={(event) => {
                  const value = event.target.value;
                  set({
                    period:
                      value === '1' || value === '2'
                        ? { kind: 'half', year, half: value === '1' ? 1 : 2 }
                        : { kind: 'year', year },
                  });
                }}
              >
                <option value="">{t('dashboard.halfAll')}</option>
                <option value="1">{t('dashboard.half1')}</option>
                <option value="2">{t('dashboard.half2')}</option>
              </select>
            )}
          </FormField>
        )}
        <FormField label={t('dashboard.jurisdiction')}>
          {(control) => (
            <select
              {...control}
              value={filter.jurisdiction ?? ''}
              onChange={(event) => set({ jurisdiction: event.target.value || undefined })}
            >
              <option value="">{t('dashboard.any')}</option>
              {jurisdictions.map((code) => (
                <option key={code} value={code}>
                  {country(code)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('dashboard.campaign')}>
          {(control) => (
            <select
              {...control}
              value={filter.campaignId ?? ''}
              onChange={(event) => set({ campaignId: event.target.value || undefined })}
            >
              <option value="">{t('dashboard.any')}</option>
              {campaigns.map((campaign) => (
                <option key={campaign.id} value={campaign.id}>
                  {campaign.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('dashboard.locationType')}>
          {(control) => (
            <select
              {...control}
              value={filter.locationType ?? ''}
              onChange={(event) => set({ locationType: event.target.value || undefined })}
            >
              <option value="">{t('dashboard.any')}</option>
              {locationTypeValues.map((value) => (
                <option key={value} value={value}>
                  {locationTypeLabel(value)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('dashboard.context')}>
          {(control) => (
            <select
              {...control}
              value={filter.context ?? ''}
              onChange={(event) => set({ context: event.target.value || undefined })}
            >
              <option value="">{t('dashboard.any')}</option>
              {intakeContextValues.map((value) => (
                <option key={value} value={value}>
                  {contextLabel(value)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('dashboard.agency')} hint={t('dashboard.agencyHint')}>
          {(control) => (
            <input
              {...control}
              type="text"
              maxLength={120}
              value={agency}
              onChange={(event) => setAgency(event.target.value)}
              onBlur={applyAgency}
              onKeyDown={(event) => {
                if (event.key === 'Enter') applyAgency();
              }}
            />
          )}
        </FormField>
      </div>
      {custom && (
        <form className="dashboard-filters__range" onSubmit={applyRange} noValidate>
          <FormField label={t('dashboard.from')} error={rangeError}>
            {(control) => (
              <DateField {...control} value={from} onChange={(value) => setFrom(value ?? '')} />
            )}
          </FormField>
          <FormField label={t('dashboard.to')}>
            {(control) => (
              <DateField {...control} value={to} onChange={(value) => setTo(value ?? '')} />
            )}
          </FormField>
          <button type="submit" className="button">
            {t('dashboard.apply')}
          </button>
        </form>
      )}
      <div className="dashboard-filters__final">
        <div className="checkbox-row">
          <input
            id="dashboard-final-only"
            type="checkbox"
            checked={filter.finalOnly}
            onChange={(event) => set({ finalOnly: event.target.checked })}
          />
          <label htmlFor="dashboard-final-only">{t('dashboard.finalOnly')}</label>
        </div>
        <p className="dashboard-filters__drafts" role="status" data-testid="drafts-left-out">
          {!filter.finalOnly
            ? t('dashboard.draftsCounted')
            : draftsLeftOut !== null && t('dashboard.draftsLeftOut', { count: draftsLeftOut })}
        </p>
      </div>
      <p className="field__hint">
        {t('dashboard.showing', { from: format.date(range.from), to: format.date(range.to) })}
      </p>
    </section>
  );
}
