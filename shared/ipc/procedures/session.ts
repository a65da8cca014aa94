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

export const sessionProcedures = {
  getSession: { input: noInput, output: SessionStatusSchema },
  setUp: {
    input: NewPersonSchema,
    output: z.object({ recoveryCode: z.string(), session: SessionStatusSchema }),
  },
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
  addPerson: { input: NewPersonSchema, output: UserSchema },
  changePassphrase: {
    input: z.object({ currentPassphrase: EnteredSecretSchema, newPassphrase: PassphraseSchema }),
    output: z.null(),
  },
  setKeychainUnlock: { input: z.object({ enabled: z.boolean() }), output: SessionStatusSchema },
} as const;
