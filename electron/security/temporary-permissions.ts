/**
 * Permissions the renderer holds only while main is using them on its behalf (geolocation while
 * the position port reads one): outside such a call the page is refused as before, so a script
 * in the page can never ask for the laptop's position on its own.
 */
const held = new Map<string, number>();

export async function whileGranted<T>(permission: string, run: () => Promise<T>): Promise<T> {
  held.set(permission, (held.get(permission) ?? 0) + 1);
  try {
    return await run();
  } finally {
    const left = (held.get(permission) ?? 1) - 1;
    if (left === 0) held.delete(permission);
    else held.set(permission, left);
  }
}

/** The permissions held right now, for permissionDecision. */
export function temporarilyGranted(): readonly string[] {
  return [...held.keys()];
}
