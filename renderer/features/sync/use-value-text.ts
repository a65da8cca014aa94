import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useEnumLabel } from '../../components/domain-labels.ts';
import type { DomainEnum, DomainEnumValue } from '../../components/domain-enums.ts';
import { domainEnums } from '../../components/domain-enums.ts';
import { useFormatters } from '../records/format.ts';
import { usePathLabel } from '../records/path-labels.ts';
import { useLocations } from '../records/use-locations.ts';
import { describeValue, type DescribedValue } from './sync-words.ts';

/** A conflicting value in words: what `describeValue` found, in the person's language. */
export function useValueText(): (field: string, value: unknown) => string {
  const { t } = useTranslation('sync');
  const enumLabel = useEnumLabel();
  const pathLabel = usePathLabel();
  const format = useFormatters();
  const { locations } = useLocations();
  return useCallback(
    (topField: string, value: unknown) => {
      const say = (described: DescribedValue, field: string): string => {
        switch (described.kind) {
          case 'empty':
            return t('value.empty');
          case 'text':
            return described.text;
          case 'date':
            return format.date(described.iso);
          case 'dateTime':
            return format.dateTime(described.iso);
          case 'number':
            return format.number(described.value);
          case 'boolean':
            return described.value ? t('value.yes') : t('value.no');
          case 'enum': {
            const name = described.name as DomainEnum;
            const known = (domainEnums[name] as readonly string[] | undefined)?.includes(
              described.value,
            );
            return known
              ? enumLabel(name, described.value as DomainEnumValue<DomainEnum>)
              : described.value;
          }
          case 'location':
            return (
              locations?.find((location) => location.id === described.id)?.name ?? described.id
            );
          case 'weapons': {
            const shown = described.items.slice(0, 3).map((item) => {
              const type =
                item.type !== null &&
                (domainEnums.weaponType as readonly string[]).includes(item.type)
                  ? enumLabel('weaponType', item.type as DomainEnumValue<'weaponType'>)
                  : t('value.weapon');
              return item.serial === null
                ? type
                : t('value.weaponSerial', { type, serial: item.serial });
            });
            const more = described.items.length - shown.length;
            return [
              t('value.weapons', { count: described.items.length }),
              shown.join('; ') + (more > 0 ? `; ${t('value.more', { count: more })}` : ''),
            ].join(': ');
          }
          case 'list':
            return t('value.items', { count: described.count });
          case 'object':
            return described.entries
              .map((entry) =>
                t('value.entry', {
                  label: pathLabel(`${topField}.${entry.key}`),
                  value: say(entry.value, entry.key),
                }),
              )
              .join('\n');
          case 'json':
            return described.text;
        }
        return field;
      };
      return say(describeValue(topField, value), topField);
    },
    [t, enumLabel, format, locations, pathLabel],
  );
}
