/**
 * Whether a database failure says nothing about the change being written: a deadlock or
 * serialization failure (SQLSTATE class 40), a lost connection (08, or Node's socket codes), the
 * server out of resources or shutting down (53, 57, 58), a lock it could not get (55P03). The
 * push then fails as a whole and the laptop sends it again; such a change must never be rejected
 * for good as "a value the server cannot keep".
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  if (/^E[A-Z]+$/.test(code)) return true;
  return /^(08|40|53|57|58)[0-9A-Z]{3}$/.test(code) || code === '55P03';
}
