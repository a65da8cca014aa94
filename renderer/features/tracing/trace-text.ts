import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { WeaponItemDraft } from '../../../shared/domain/weapon-item.ts';
import { useEnumLabel } from '../../components/domain-labels.ts';

/**
 * A weapon in a few words for titles and lists: its type and its serial number, or its make and
 * model when it has no serial number.
 */
export function useWeaponName(): (
  weapon: Pick<WeaponItemDraft, 'weaponType' | 'serialNumber' | 'manufacturer' | 'model'>,
) => string {
  const { t } = useTranslation('tracing');
  const label = useEnumLabel();
  return useCallback(
    (weapon) => {
      const type = weapon.weaponType === undefined ? null : label('weaponType', weapon.weaponType);
      const makeModel = [weapon.manufacturer, weapon.model].filter(Boolean).join(' ');
      const which = weapon.serialNumber ?? (makeModel === '' ? t('list.noSerial') : makeModel);
      return [type, which].filter((part) => part !== null).join(' · ');
    },
    [label, t],
  );
}

/** Make, model and calibre on one line, leaving out what was not recorded. */
export function makeModelCalibre(weapon: {
  readonly manufacturer?: string | null | undefined;
  readonly model?: string | null | undefined;
  readonly calibre?: string | null | undefined;
}): string {
  return [[weapon.manufacturer, weapon.model].filter(Boolean).join(' '), weapon.calibre]
    .filter(Boolean)
    .join(', ');
}
