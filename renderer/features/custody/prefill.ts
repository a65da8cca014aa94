import type { Location } from '../../../shared/domain/location.ts';
import type {
  CustodyItem,
  CustodyRecordView,
  StorageSiteSummary,
} from '../../../shared/ipc/procedures/custody.ts';
import { api } from '../../api.ts';
import type { ItemPrefillParams } from './custody-location.ts';

/** What a custody form starts from: places, sites, the items it was opened with, a record it corrects. */
export interface FormStart {
  readonly locations: readonly Location[];
  readonly sites: readonly StorageSiteSummary[];
  readonly items: readonly CustodyItem[];
  readonly corrected: CustodyRecordView | null;
}

/** The items of the source the form was opened from (a record or a site), only those asked for. */
async function prefilledItems(prefill: ItemPrefillParams): Promise<CustodyItem[]> {
  const query =
    prefill.intake !== undefined
      ? { intakeEventId: prefill.intake }
      : prefill.site !== undefined
        ? { siteId: prefill.site }
        : null;
  if (query === null) return [];
  const items = await api().pickItems(query);
  if (prefill.items === undefined) return items;
  const wanted = new Set(prefill.items);
  return items.filter((item) => wanted.has(item.id));
}

export async function loadFormStart(prefill: ItemPrefillParams): Promise<FormStart> {
  const [locations, sites, items, corrected] = await Promise.all([
    api().listLocations(),
    api().listStorageSites(),
    prefilledItems(prefill),
    prefill.corrects === undefined ? null : api().getCustodyRecord({ id: prefill.corrects }),
  ]);
  return { locations, sites, items: corrected === null ? items : corrected.items, corrected };
}
