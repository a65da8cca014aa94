import { hashRaw } from '@node-rs/argon2';
import { z } from 'zod';

/**
 * Argon2id parameters, stored per key slot so they can rise over time without breaking old slots
 * (LUKS2 does the same). m is in KiB.
 */
export const KdfParamsSchema = z.object({
  alg: z.literal('argon2id'),
  m: z.number().int().min(1024),
  t: z.number().int().min(1),
  p: z.number().int().min(1).max(16),
  salt: z.base64(),
});
export type KdfParams = z.infer<typeof KdfParamsSchema>;
export type KdfCost = Omit<KdfParams, 'alg' | 'salt'>;

/**
 * Passphrase slots start from 256 MiB, t=3, p=4, well above the floor of sync-and-crypto.md 7.6
 * (64 MiB, t=3, p=4); calibratePassphraseCost() then raises t until one derivation takes about
 * half a second on this laptop, inside the 0.3-1 s unlock budget.
 */
export const passphraseCost: KdfCost = { m: 262_144, t: 3, p: 4 };
export const unlockTargetMs = 500;
const maxTimeCost = 24;
/** The recovery code carries 160 random bits, so OWASP's minimum is plenty (7.6). */
export const recoveryCodeCost: KdfCost = { m: 19_456, t: 2, p: 1 };
/**
 * Only for automated tests (SALW_TEST_FAST_KDF=1), which unlock hundreds of times. Slots record
 * their own parameters, so a database made this way is simply weak, never unreadable.
 */
export const fastTestCost: KdfCost = { m: 8_192, t: 1, p: 1 };

export function newKdfParams(cost: KdfCost, salt: Uint8Array): KdfParams {
  return { alg: 'argon2id', ...cost, salt: Buffer.from(salt).toString('base64') };
}

/** Derives the 32-byte key-encryption key; runs in libuv's pool, never blocking the main loop. */
export async function deriveKek(secret: string, params: KdfParams): Promise<Buffer> {
  // NFKC, as the passphrase policy checks it (NIST SP 800-63B): the same passphrase typed on
  // another keyboard or input method derives the same key.
  return hashRaw(secret.normalize('NFKC'), {
    // Algorithm.Argon2id; the package exports a const enum, which isolated modules cannot read.
    algorithm: 2,
    memoryCost: params.m,
    timeCost: params.t,
    parallelism: params.p,
    outputLen: 32,
    salt: Buffer.from(params.salt, 'base64'),
  });
}

/**
 * The costs new slots get. SALW_TEST_FAST_KDF=1 (automated tests only; a packaged app ignores it)
 * swaps in the light test cost so a test can unlock hundreds of times.
 */
export function kdfCostsFor(env: Readonly<Record<string, string | undefined>>): {
  passphrase: KdfCostSource;
  recovery: KdfCost;
} {
  if (env.SALW_TEST_FAST_KDF === '1') return { passphrase: fastTestCost, recovery: fastTestCost };
  return { passphrase: calibratePassphraseCost, recovery: recoveryCodeCost };
}

let calibrated: Promise<KdfCost> | undefined;

/**
 * The passphrase cost for new slots on this machine: time one derivation at the base cost and
 * scale t so a derivation takes about `unlockTargetMs`. Measured once per process; each slot keeps
 * the parameters it was made with, so a slot made on a faster laptop still opens here.
 */
export function calibratePassphraseCost(): Promise<KdfCost> {
  calibrated ??= (async () => {
    const params = newKdfParams(passphraseCost, new Uint8Array(16));
    // The first derivation also pays for mapping 256 MiB; then the fastest of three, because a
    // busy moment must not make every later unlock on this laptop weaker than intended.
    await deriveKek('calibration', params);
    let elapsed = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const start = performance.now();
      await deriveKek('calibration', params);
      elapsed = Math.min(elapsed, Math.max(1, performance.now() - start));
    }
    const t = Math.round((passphraseCost.t * unlockTargetMs) / elapsed);
    return { ...passphraseCost, t: Math.min(maxTimeCost, Math.max(passphraseCost.t, t)) };
  })();
  return calibrated;
}

export type KdfCostSource = KdfCost | (() => Promise<KdfCost>);

export function resolveCost(source: KdfCostSource): Promise<KdfCost> {
  return typeof source === 'function' ? source() : Promise.resolve(source);
}
