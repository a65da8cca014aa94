import type { Campaign } from '../../shared/domain/campaign.ts';
import {
  quantityKindValues,
  QuantityUnitSchema,
  quantityUnitValues,
  type QuantityKind,
} from '../../shared/domain/quantity.ts';
import type { CampaignProgress, CampaignTotal } from '../../shared/ipc/procedures/places.ts';
import type { ItemKind } from '../../shared/records/intake-items.ts';
import type { Db } from './encrypted-database.ts';
import type { ReferenceRowMeta } from './locations-repository.ts';
import { listReferenceRows, readReferenceRow } from './reference-rows.ts';

export function readCampaign(db: Db, id: string): Campaign | null {
  return readReferenceRow<Campaign>(db, 'campaigns', id);
}

export function listCampaigns(db: Db): Campaign[] {
  return listReferenceRows<Campaign>(db, 'campaigns');
}

/** Revisions as in writeLocation. */
export function writeCampaign(
  db: Db,
  campaign: Campaign,
  at: string,
  by: string,
  revision: number,
  serverRev: number | null = null,
): void {
  db.prepare(
    `INSERT INTO campaigns (id, name, status, data_json, created_at, created_by, revision, server_rev)
     VALUES (?, ?, ?, ?, ?, ?, ?, coalesce(?, 0))
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, status = excluded.status,
       data_json = excluded.data_json, revision = excluded.revision,
       server_rev = coalesce(?, campaigns.server_rev)`,
  ).run(
    campaign.id,
    campaign.name,
    campaign.status,
    JSON.stringify(campaign),
    at,
    by,
    revision,
    serverRev,
    serverRev,
  );
}

export function readCampaignMeta(db: Db, id: string): ReferenceRowMeta | null {
  return (
    (db
      .prepare(
        `SELECT revision, server_rev AS serverRev, created_at AS createdAt, created_by AS createdBy
         FROM campaigns WHERE id = ?`,
      )
      .get(id) as ReferenceRowMeta | undefined) ?? null
  );
}

/** Item kinds as rows name them, and as quantities (and a campaign's target) name them. */
const quantityKindOf: Readonly<Record<ItemKind, QuantityKind>> = {
  weapon: 'weapons',
  part: 'parts',
  ammunition: 'ammunition',
  explosive: 'explosives',
};

/**
 * What the intake records naming this campaign hold: the records, final and draft, and their
 * items summed per (kind, unit), never across. A weapon is one piece; a draft lot with no amount
 * or unit yet is counted apart.
 */
export function campaignProgress(db: Db, campaignId: string): CampaignProgress {
  const records = db
    .prepare(
      `SELECT coalesce(sum(status = 'final'), 0) AS final, coalesce(sum(status = 'draft'), 0) AS draft
       FROM intake_events WHERE campaign_id = ?`,
    )
    .get(campaignId) as { final: number; draft: number };
  const rows = db
    .prepare(
      `SELECT i.kind, i.quantity_unit AS unit, i.record_status AS status,
         count(*) AS items, sum(i.quantity_amount) AS amount
       FROM intake_events e JOIN items i ON i.intake_event_id = e.id
       WHERE e.campaign_id = ?
       GROUP BY i.kind, i.quantity_unit, i.record_status`,
    )
    .all(campaignId) as Array<{
    kind: ItemKind;
    unit: string | null;
    status: 'draft' | 'final';
    items: number;
    amount: number | null;
  }>;
  const totals = new Map<string, CampaignTotal>();
  let uncounted = 0;
  for (const row of rows) {
    const kind = quantityKindOf[row.kind];
    const unit = QuantityUnitSchema.safeParse(row.unit);
    if (!unit.success || row.amount === null) {
      uncounted += row.items;
      continue;
    }
    const key = `${kind}:${unit.data}`;
    const total = totals.get(key) ?? { kind, unit: unit.data, final: 0, draft: 0 };
    // Float noise (0.1 + 0.2 kg) never reaches the page; a microgram is below any scale.
    const sum = Math.round((total[row.status] + row.amount) * 1e6) / 1e6;
    totals.set(key, { ...total, [row.status]: sum });
  }
  const kindOrder: readonly string[] = quantityKindValues;
  const unitOrder: readonly string[] = quantityUnitValues;
  return {
    records,
    totals: [...totals.values()].sort(
      (a, b) =>
        kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) ||
        unitOrder.indexOf(a.unit) - unitOrder.indexOf(b.unit),
    ),
    uncounted,
  };
}
