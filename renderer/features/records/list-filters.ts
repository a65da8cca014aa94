import type { ListFilters } from '../../../shared/ipc/procedures/unsaved.ts';
import { api } from '../../api.ts';
import { nextWriteOrder } from './write-order.ts';

export type { ListFilters };

/**
 * The list's filters stay while the person opens a record and comes back, and across a reload.
 * Main keeps them for the signed-in person, not the page: a serial search is typed text, and in
 * the browser preview Chromium writes page storage to its profile on disk in clear (issue 12).
 */
export async function readFilters(): Promise<ListFilters> {
  try {
    return await api().getListFilters();
  } catch {
    // Not kept: the list still works, from no filters.
    return {};
  }
}

export function writeFilters(filters: ListFilters): void {
  api()
    .putListFilters({ filters, order: nextWriteOrder() })
    // Refused (a serial longer than the search takes) or not reachable: the list still works.
    .catch(() => undefined);
}
