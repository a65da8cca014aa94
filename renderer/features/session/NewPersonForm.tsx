import { useState, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { userRoleValues, type UserRole } from '../../../shared/domain/enums.ts';
import { IpcError } from '../../../shared/ipc/errors.ts';
import { useErrorText } from '../../components/ErrorMessage.tsx';
import { FormField } from '../../components/FormField.tsx';
import { groupIssues, useSessionMessageText } from './message-text.ts';
import { NewPassphraseFields } from './NewPassphraseFields.tsx';
import {
  checkConfirmation,
  checkNewPassphrase,
  checkPersonName,
  checkRole,
  toRole,
} from './person-form.ts';

export interface NewPerson {
  readonly name: string;
  readonly role: UserRole;
  readonly passphrase: string;
}

interface Values {
  name: string;
  role: string;
  passphrase: string;
  confirm: string;
}

const emptyValues: Values = { name: '', role: '', passphrase: '', confirm: '' };

/**
 * Name, role and passphrase of a new person: the first person at set-up, or one added in
 * Settings. Checks locally with main's own rules, then shows main's field issues at the fields.
 * `submit` resolves when the person exists; the form then empties itself.
 */
export function NewPersonForm({
  nameLabel,
  passphraseHint,
  submitLabel,
  submittingLabel,
  fixedRole,
  submit,
  status,
}: {
  nameLabel: string;
  passphraseHint: string;
  submitLabel: string;
  submittingLabel: string;
  /** The role is not a choice (set-up: always the administrator): shown as a fact instead. */
  fixedRole?: { role: UserRole; label: string; hint: string };
  submit(person: NewPerson): Promise<void>;
  /** Shown politely next to the button (what happened after the last submit). */
  status?: ReactNode;
}) {
  const { t } = useTranslation('session');
  const messageText = useSessionMessageText();
  const errorText = useErrorText();
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    control,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: emptyValues });
  const passphrase = useWatch({ control, name: 'passphrase' });

  const onSubmit = handleSubmit(async (values, event) => {
    const form = event?.target instanceof HTMLFormElement ? event.target : null;
    setFailure(null);
    try {
      await submit({
        name: values.name,
        role: fixedRole?.role ?? toRole(values.role),
        passphrase: values.passphrase,
      });
      reset(emptyValues);
      // The button pressed was disabled while adding, which dropped the focus to the page. Where
      // the form stays (Settings), the emptied name field takes it for the next person, and the
      // status beside the button says who was added; set-up has moved on to another screen.
      requestAnimationFrame(() => {
        const active = document.activeElement;
        if (form === null || !form.isConnected) return;
        if (active !== null && active !== document.body && !form.contains(active)) return;
        // The input itself: reset() has emptied react-hook-form's field list until it renders.
        form.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
      });
    } catch (error) {
      if (error instanceof IpcError && error.code === 'VALIDATION_ERROR') {
        const { byField, left } = groupIssues(error.issues, {
          name: 'name',
          role: 'role',
          passphrase: 'passphrase',
        } as const);
        for (const [field, keys] of byField) setError(field, { type: 'server', message: keys });
        if (byField.size === 0 || left.length > 0) setFailure(errorText(error));
      } else {
        setFailure(errorText(error));
      }
    }
  });

  const text = (message: string | undefined) =>
    message === undefined ? undefined : messageText(message);
  const nameField = register('name', { validate: checkPersonName });
  // Registered only when the role is a choice: a fixed role has nothing to type or check.
  const roleField = fixedRole === undefined ? register('role', { validate: checkRole }) : null;
  const passphraseField = register('passphrase', { validate: checkNewPassphrase, deps: 'confirm' });
  const confirmField = register('confirm', {
    validate: (value, all) => checkConfirmation(value, all.passphrase),
  });
  return (
    <form className="stack" onSubmit={(event) => void onSubmit(event)} noValidate>
      <FormField label={nameLabel} hint={t('person.nameHint')} error={text(errors.name?.message)}>
        {(field) => <input {...field} type="text" autoComplete="off" {...nameField} />}
      </FormField>
      {fixedRole === undefined ? (
        <FormField label={t('person.role')} error={text(errors.role?.message)}>
          {(field) => (
            <select {...field} {...roleField}>
              <option value="">{t('person.chooseRole')}</option>
              {userRoleValues.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      ) : (
        <div className="field">
          <p className="fixed-role">
            <span className="fixed-role__label">{fixedRole.label}</span>
            <span className="fixed-role__value" data-testid="fixed-role">
              {t(`roles.${fixedRole.role}`)}
            </span>
          </p>
          <p className="field__hint">{fixedRole.hint}</p>
        </div>
      )}
      <NewPassphraseFields
        passphrase={{
          label: t('person.passphrase'),
          hint: passphraseHint,
          field: passphraseField,
          value: passphrase,
          error: text(errors.passphrase?.message),
        }}
        confirm={{
          label: t('person.confirmPassphrase'),
          field: confirmField,
          error: text(errors.confirm?.message),
        }}
      />
      {failure !== null && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {isSubmitting ? submittingLabel : submitLabel}
        </button>
        <span className="actions__status" aria-live="polite">
          {status}
        </span>
      </div>
    </form>
  );
}
