import type { SyncEntity } from '../../shared/sync/protocol.ts';

const sha256Pattern = /^[0-9a-f]{64}$/;
/** The keys under which a record names a photo by its content address, at any depth. */
const photoKeys = new Set(['sha256', 'photoSha256']);

/**
 * Every photo a record refers to (scene photos, each weapon's photos, a marking's photo, and
 * whatever photo fields later record types add under these keys), sorted. This is what a photo
 * is served by: a laptop may fetch a photo only when a record it may see refers to it. An
 * attachment record describes a photo and refers to none. Migration 50 backfills the same set
 * with jsonpath (`$.**.sha256`, `$.**.photoSha256`), so the two must keep the same keys.
 */
export function photosReferencedBy(entity: SyncEntity, data: unknown): string[] {
  if (entity === 'attachment' || data === null || typeof data !== 'object') return [];
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (photoKeys.has(key) && typeof inner === 'string' && sha256Pattern.test(inner)) {
        found.add(inner);
      } else {
        visit(inner);
      }
    }
  };
  visit(data);
  return [...found].sort();
}
