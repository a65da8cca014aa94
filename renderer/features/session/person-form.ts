import { UserRoleSchema, type UserRole } from '../../../shared/domain/enums.ts';
import { maxPassphraseLength, passphraseProblems } from '../../../shared/domain/people.ts';
import { NewPersonSchema } from '../../../shared/ipc/procedures/session.ts';
import { joinMessageKeys } from './message-text.ts';

/**
 * Field checks for the forms that add a person or set a passphrase, with the schemas main applies
 * (shared/), so the form refuses exactly what main would. Each returns true or message keys.
 */
export function checkPersonName(value: string): true | string {
  const result = NewPersonSchema.shape.name.safeParse(value);
  return result.success || (result.error.issues[0]?.message ?? 'invalid');
}

export function checkRole(value: string): true | string {
  return UserRoleSchema.safeParse(value).success || 'roleRequired';
}

export function toRole(value: string): UserRole {
  return UserRoleSchema.parse(value);
}

/** Every unmet requirement at once, so the message can name all of them. */
export function checkNewPassphrase(value: string): true | string {
  if (value === '') return 'passphraseRequired';
  if (value.length > maxPassphraseLength) return 'passphraseTooLong';
  const problems = passphraseProblems(value);
  return problems.length === 0 || joinMessageKeys(problems);
}

export function checkConfirmation(value: string, passphrase: string): true | string {
  return value === passphrase || 'passphraseMismatch';
}
