import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { UNKNOWN, type DrillKey } from '../../../shared/measures/measure-results.ts';
import { useCountryName } from '../../components/country-names.ts';
import { domainEnums, type DomainEnum } from '../../components/domain-enums.ts';
import { useEnumLabel } from '../../components/domain-labels.ts';
import { sourceName } from './dashboard-filter.ts';

/** Keys built at run time (`dashboard.value.over_1_year`), which the typed `t` cannot check. */
type LooseT = (key: string, options?: Record<string, unknown>) => string;

/** The domain enumeration a measure's dimension takes its values from (labels in `domain`). */
export const enumOfDimension: Readonly<Record<string, DomainEnum>> = {
  context: 'intakeContext',
  sourceContext: 'sourceContext',
  legalJustification: 'legalJustification',
  category: 'weaponCategory',
  weaponType: 'weaponType',
  unodcType: 'unodcFirearmType',
  registerCategory: 'registerCategory',
  barrel: 'barrelClass',
  markingCondition: 'markingCondition',
  partType: 'partType',
  ammoClass: 'ammoClass',
  eoType: 'explosiveType',
  method: 'destructionMethod',
  disposition: 'dispositionRequested',
  locationType: 'locationType',
  direction: 'direction',
  conveyance: 'conveyance',
  sex: 'sex',
  ageBand: 'ageBand',
  discrepancyKind: 'stockDiscrepancyKind',
  incidentKind: 'lossIncidentKind',
  status: 'recordStatus',
  unit: 'quantityUnit',
};

/** Values the dashboard names itself (not domain enumerations): ageing, roles, trace outcomes. */
const ownValues: ReadonlySet<string> = new Set([
  'none',
  'yes',
  'no',
  'under_90_days',
  '90_to_365_days',
  'over_1_year',
  'surrenderer',
  'person_involved',
  'established',
  'pending',
  'insufficient_information',
  'never_attempted',
  'trace',
  'other_means',
]);

const countryDimensions: ReadonlySet<string> = new Set(['departure', 'destination']);

/**
 * A dimension's value in the person's language: `unknown` always as its own word (never
 * dropped), domain values by their labels, countries by name, campaigns by name; a value this
 * app does not know (written by a newer one) as stored.
 */
export function useDimensionText(
  campaignNames: ReadonlyMap<string, string>,
): (dimension: string, value: string) => string {
  const { t } = useTranslation('reports');
  const loose = t as unknown as LooseT;
  const enumLabel = useEnumLabel();
  const country = useCountryName();
  return useCallback(
    (dimension, value) => {
      if (value === UNKNOWN) return loose('dashboard.value.unknown');
      if (dimension === 'campaignId') {
        return value === 'none'
          ? loose('dashboard.value.noCampaign')
          : (campaignNames.get(value) ?? value);
      }
      if (countryDimensions.has(dimension)) return country(value);
      const name = enumOfDimension[dimension];
      if (name !== undefined && (domainEnums[name] as readonly string[]).includes(value)) {
        return enumLabel(name, value as never);
      }
      return ownValues.has(value) ? loose(`dashboard.value.${value}`) : value;
    },
    [loose, enumLabel, country, campaignNames],
  );
}

/** The name of a dimension (a table's column heading). */
export function useDimensionName(): (dimension: string) => string {
  const { t } = useTranslation('reports');
  return useCallback(
    (dimension) => (t as unknown as LooseT)(`dashboard.dimension.${dimension}`),
    [t],
  );
}

/**
 * A drilled figure as its records' page names it ("K1 · Weapons · Context: Seized"), on the
 * laptop and in the console alike: the measure, then each value of its slice in words.
 */
export function useFigureName(
  dimensionText: (dimension: string, value: string) => string,
): (drill: DrillKey) => string {
  const { t } = useTranslation('reports');
  const dimensionName = useDimensionName();
  return useCallback(
    (drill) => {
      const loose = t as unknown as LooseT;
      return [
        // The K15 sources are named in words, which sourceName gives in English only.
        drill.source.startsWith('k15_')
          ? loose(`drill.source.${drill.source}`)
          : sourceName(drill.source),
        ...Object.entries(drill.slice).map(([dimension, value]) =>
          dimension === 'kind'
            ? loose(`dashboard.kind.${value}`)
            : dimension === 'unit'
              ? dimensionText(dimension, value)
              : `${dimensionName(dimension)}: ${dimensionText(dimension, value)}`,
        ),
      ].join(' · ');
    },
    [t, dimensionName, dimensionText],
  );
}
