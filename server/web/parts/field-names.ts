import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The keys below are built from stored field names, which the typed `t` cannot check; every one
 * has a default, so a field no catalogue names still reads as words.
 */
type LooseT = (key: string | string[], options: { defaultValue: string }) => string;

/** A stored key spelled out ("agencyCaseRef" reads "Agency case ref") rather than shown as code. */
function spelledOut(key: string): string {
  const spelled = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spelled.charAt(0).toUpperCase() + spelled.slice(1);
}

/**
 * A record's top-level field name as a reviewer reads it: the console's label where it has one
 * (it names the fields of every kind of record), else the name spelled out.
 */
export function useFieldName(): (key: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (key) =>
      (t as unknown as LooseT)(`review.fieldNames.${key}`, { defaultValue: spelledOut(key) }),
    [t],
  );
}

/**
 * The name of a field inside a record's list or group (`group` is the stored key of the list or
 * group holding it: a weapon's `serialNumber` is in `weapons`): the laptop's form label for it
 * (`recordParts`), else the laptop's name of a record field by that key (`recordFields`), else the
 * console's, else the key spelled out.
 */
export function useEntryFieldName(): (group: string, key: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (group, key) =>
      (t as unknown as LooseT)(
        [`recordParts:${group}.${key}`, `recordFields:${key}`, `review.fieldNames.${key}`],
        { defaultValue: spelledOut(key) },
      ),
    [t],
  );
}
