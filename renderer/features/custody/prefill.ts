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
  // A selection (a site page's ticks, an item's page) is asked for by its ids.
  if (prefill.items !== undefined && prefill.items.length > 0) {
    const picked = await api().pickItems({ itemIds: [...prefill.items] });
    return prefill.intake === undefined
      ? picked
      : picked.filter((item) => item.intakeEventId === prefill.intake);
  }
  const query =
    prefill.intake !== undefined
      ? { intakeEventId: prefill.intake }
      : prefill.site !== undefined
        ? { siteId: prefill.site }
        : null;
  if (query === null) return [];
  return api().pickItems(query);
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
