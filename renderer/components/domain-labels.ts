import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { domainMessageKeys } from '../../shared/domain/message-keys.ts';
import { historyActions, type DomainEnum, type DomainEnumValue } from './domain-enums.ts';

/**
 * The keys below are built at run time (`enum.weaponType.assault_rifle`), which the typed `t`
 * cannot check; test/unit/renderer/i18n/domain-labels.test.ts proves every one exists instead.
 */
type LooseT = (key: string, options?: Record<string, unknown>) => string;

const messageKeys: ReadonlySet<string> = new Set(domainMessageKeys);
const actions: ReadonlySet<string> = new Set(historyActions);

/** The label of an enumeration value in the person's language: `weaponType`, `assault_rifle`. */
export function useEnumLabel(): <E extends DomainEnum>(
  name: E,
  value: DomainEnumValue<E>,
) => string {
  const { t } = useTranslation('domain');
  return useCallback((name, value) => (t as unknown as LooseT)(`enum.${name}.${value}`), [t]);
}

/** A domain validation message key (`photoRequired`) in the person's language. */
export function useDomainValidationText(): (messageKey: string) => string {
  const { t } = useTranslation('domain');
  return useCallback(
    (messageKey) =>
      messageKeys.has(messageKey)
        ? (t as unknown as LooseT)(`validation.${messageKey}`)
        : t('validationFallback'),
    [t],
  );
}

/** An audit action (`intake.finalised`) in the person's language; an unknown one as stored. */
export function useActionLabel(): (action: string) => string {
  const { t } = useTranslation('domain');
  return useCallback(
    (action) => (actions.has(action) ? (t as unknown as LooseT)(`action.${action}`) : action),
    [t],
  );
}
