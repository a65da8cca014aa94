import { useState, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';

const autoCompleteFor = { current: 'current-password', new: 'new-password' } as const;

/**
 * A passphrase field with a Show/Hide button: long passphrases are easier to type correctly when
 * the person can check them. Takes every input prop, including react-hook-form's `register()`;
 * `isNew` tells password managers whether to offer a stored passphrase or to save a new one.
 */
export function PasswordInput({
  isNew = false,
  ...props
}: Omit<ComponentProps<'input'>, 'type' | 'autoComplete'> & { id: string; isNew?: boolean }) {
  const { t } = useTranslation('session');
  const [visible, setVisible] = useState(false);
  return (
    <div className="password-input">
      <input
        type={visible ? 'text' : 'password'}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        autoComplete={autoCompleteFor[isNew ? 'new' : 'current']}
        {...props}
      />
      <button
        type="button"
        className="button password-input__toggle"
        aria-controls={props.id}
        aria-label={visible ? t('passphrase.hideLabel') : t('passphrase.showLabel')}
        onClick={() => setVisible((shown) => !shown)}
      >
        {visible ? t('passphrase.hide') : t('passphrase.show')}
      </button>
    </div>
  );
}
