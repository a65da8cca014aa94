import { z } from 'zod';
import { UserRoleSchema } from '../../domain/enums.ts';
import { RecordIdSchema } from '../../domain/ids.ts';
import { PassphraseSchema, UserSchema } from '../../domain/people.ts';
import { noInput } from './app.ts';

/**
 * People and the lock. Passphrases travel from the renderer (where they are typed) to main and
 * nowhere else; the data key never crosses IPC in either direction (S11).
 */
export const SessionStateSchema = z.enum(['needs_setup', 'locked', 'unlocked']);

export const SessionStatusSchema = z.object({
  state: SessionStateSchema,
  /** Who may unlock this laptop, as the unlock screen lists them. */
  people: z.array(z.object({ id: RecordIdSchema, label: z.string(), keychainUnlock: z.boolean() })),
  currentUser: UserSchema.nullable(),
  keychainAvailable: z.boolean(),
  /** Seconds before another unlock attempt is allowed (after repeated wrong secrets). */
  retryAfterSeconds: z.number().int().min(0),
  /**
   * The signed-in administrator has a recovery code they have not confirmed keeping: the app
   * shows only its sheet (showRecoveryCode) until they do (confirmRecoveryCode), at every start.
   */
  recoveryCodePending: z.boolean(),
  /**
   * Why main signed the last person out by itself, while locked: 'deactivated' when the centre
   * deactivated them and the decision arrived by sync. Null otherwise.
   */
  signedOutReason: z.enum(['deactivated']).nullable(),
});
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

const PersonNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'required' })
  .max(80, { error: 'tooLong' });
/** Typed at unlock: checked only for size, because the policy applies when a passphrase is set. */
const EnteredSecretSchema = z
  .string()
  .min(1, { error: 'required' })
  .max(1024, { error: 'tooLong' });

export const NewPersonSchema = z.object({
  name: PersonNameSchema,
  role: UserRoleSchema,
  passphrase: PassphraseSchema,
});

/**
 * The first person is always the administrator: otherwise nobody could ever add people. Strict,
 * so a caller that still sends a role is refused (VALIDATION_ERROR) instead of having it ignored.
 */
export const SetUpInputSchema = z.strictObject({
  name: PersonNameSchema,
  passphrase: PassphraseSchema,
});

/** A person of this laptop as Settings → People lists them. */
export const PersonSchema = UserSchema.extend({
  keychainUnlock: z.boolean(),
  /** When an administrator at the centre set this role (null: set on this laptop). */
  roleSetByCentreAt: z.iso.datetime({ offset: true }).nullable(),
  /** When the centre deactivated this person: they can no longer unlock (null: active). */
  deactivatedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Person = z.infer<typeof PersonSchema>;

export const sessionProcedures = {
  getSession: { input: noInput, output: SessionStatusSchema },
  /** Leaves the app unlocked as the new administrator, with the recovery code pending. */
  setUp: { input: SetUpInputSchema, output: SessionStatusSchema },
  unlock: {
    input: z.object({ userId: RecordIdSchema, passphrase: EnteredSecretSchema }),
    output: SessionStatusSchema,
  },
  unlockWithKeychain: { input: z.object({ userId: RecordIdSchema }), output: SessionStatusSchema },
  resetPassphrase: {
    input: z.object({
      userId: RecordIdSchema,
      recoveryCode: EnteredSecretSchema,
      newPassphrase: PassphraseSchema,
    }),
    output: SessionStatusSchema,
  },
  lock: { input: noInput, output: SessionStatusSchema },
  /** The person is working: postpones the idle lock. */
  reportActivity: { input: noInput, output: z.null() },
  /** Everyone who may use this laptop now; any signed-in person may read it. */
  listPeople: { input: noInput, output: z.array(PersonSchema) },
  /** Administrators only (FORBIDDEN otherwise, whatever the screens show). */
  addPerson: { input: NewPersonSchema, output: UserSchema },
  /**
   * Administrators only; never demotes the last administrator (FORBIDDEN, issue
   * lastAdministrator), never changes a role the centre set (FORBIDDEN, issue roleSetByCentre).
   */
  changeRole: {
    input: z.object({ userId: RecordIdSchema, role: UserRoleSchema }),
    output: UserSchema,
  },
  /**
   * Administrators only: the person can no longer unlock here; what they recorded keeps their
   * name. Never oneself (issue cannotRemoveYourself) or the last administrator.
   */
  removePerson: { input: z.object({ userId: RecordIdSchema }), output: z.null() },
  /**
   * The pending recovery code of the signed-in administrator, NOT_FOUND when none. The code is a
   * secret that opens all the data: this is the only procedure that returns it, and only so the
   * sheet can show it; the renderer keeps it nowhere but on screen.
   */
  showRecoveryCode: {
    input: noInput,
    output: z.object({
      recoveryCode: z.string(),
      reason: z.enum(['set_up', 'replaced']),
      createdAt: z.iso.datetime({ offset: true }),
    }),
  },
  /** "I have written it down / printed it": the sheet is not shown again. */
  confirmRecoveryCode: { input: noInput, output: SessionStatusSchema },
  /**
   * Administrators only, with their passphrase: a new recovery code; the old one stops working
   * at once. The new one is pending (recoveryCodePending) until confirmed.
   */
  replaceRecoveryCode: {
    input: z.object({ passphrase: EnteredSecretSchema }),
    output: SessionStatusSchema,
  },
  changePassphrase: {
    input: z.object({ currentPassphrase: EnteredSecretSchema, newPassphrase: PassphraseSchema }),
    output: z.null(),
  },
  setKeychainUnlock: { input: z.object({ enabled: z.boolean() }), output: SessionStatusSchema },
} as const;
