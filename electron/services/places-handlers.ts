import type { CampaignRecordView, LocationRecordView } from '../../shared/ipc/procedures/places.ts';
import { AppError } from '../ipc/app-error.ts';
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session, Unlocked } from '../session/session.ts';
import { appendAuditEntry, auditEntriesFor } from '../store/audit-log.ts';
import {
  campaignProgress,
  readCampaign,
  readCampaignMeta,
  writeCampaign,
} from '../store/campaigns-repository.ts';
import {
  readLocation,
  readLocationMeta,
  writeLocation,
  type ReferenceRowMeta,
} from '../store/locations-repository.ts';
import { appendOutbox } from '../store/outbox.ts';
import { findUser } from '../store/users-repository.ts';
import { changedTopLevelFields } from '../sync/fields.ts';
import { requireRecordPermission } from './permissions.ts';

type PlaceHandlers = Pick<
  HandlerTable,
  'getLocation' | 'updateLocation' | 'getCampaign' | 'updateCampaign' | 'getCampaignProgress'
>;

type Db = Unlocked['db'];

/** How each reference type is read and written; the update path is the same for both. */
interface ReferenceStore<T extends { id: string }> {
  readonly entity: 'location' | 'campaign';
  readonly read: (db: Db, id: string) => T | null;
  readonly meta: (db: Db, id: string) => ReferenceRowMeta | null;
  readonly write: (db: Db, item: T, at: string, by: string, revision: number) => void;
  readonly missing: string;
}

const locations: ReferenceStore<LocationRecordView['location']> = {
  entity: 'location',
  read: readLocation,
  meta: readLocationMeta,
  write: writeLocation,
  missing: 'This location does not exist on this computer.',
};

const campaigns: ReferenceStore<CampaignRecordView['campaign']> = {
  entity: 'campaign',
  read: readCampaign,
  meta: readCampaignMeta,
  write: writeCampaign,
  missing: 'This campaign does not exist on this computer.',
};

/**
 * Locations and campaigns as records of their own: read with who made and last changed them,
 * changed with the revision the form was opened on, and a campaign's progress from its intakes'
 * item rows. A change writes the record, its audit entry and its outbox row in one transaction.
 */
export function placeHandlers(
  session: Session,
  idle: IdleLock,
  now: () => Date = () => new Date(),
  onSaved: () => void = () => undefined,
): PlaceHandlers {
  const open = (): Unlocked => {
    idle.touch();
    return session.requireUnlocked();
  };

  return {
    getLocation: ({ id }) => {
      const { db } = open();
      const { item, ...meta } = viewOf(db, locations, id);
      return { location: item, ...meta };
    },

    updateLocation: ({ location, expectedRevision }) => {
      const unlocked = open();
      update(unlocked, locations, location, expectedRevision, now());
      onSaved();
      const { item, ...meta } = viewOf(unlocked.db, locations, location.id);
      return { location: item, ...meta };
    },

    getCampaign: ({ id }) => {
      const { db } = open();
      const { item, ...meta } = viewOf(db, campaigns, id);
      return { campaign: item, ...meta };
    },

    updateCampaign: ({ campaign, expectedRevision }) => {
      const unlocked = open();
      update(unlocked, campaigns, campaign, expectedRevision, now());
      onSaved();
      const { item, ...meta } = viewOf(unlocked.db, campaigns, campaign.id);
      return { campaign: item, ...meta };
    },

    getCampaignProgress: ({ id }) => {
      const { db } = open();
      if (readCampaignMeta(db, id) === null) throw new AppError('NOT_FOUND', campaigns.missing);
      return campaignProgress(db, id);
    },
  };
}

function update<T extends { id: string }>(
  { db, dbId, user }: Unlocked,
  store: ReferenceStore<T>,
  item: T,
  expectedRevision: number,
  when: Date,
): void {
  const at = when.toISOString();
  db.transaction(() => {
    requireRecordPermission(user, store.entity, 'update');
    const before = store.read(db, item.id);
    const meta = store.meta(db, item.id);
    if (before === null || meta === null) throw new AppError('NOT_FOUND', store.missing);
    if (meta.revision !== expectedRevision) {
      throw new AppError(
        'CONFLICT',
        'Someone changed this in the meantime. Reopen it to see the latest version.',
      );
    }
    const changed = changedTopLevelFields(store.entity, before, item);
    // Saving an unchanged form is not a change: no revision, no history line, nothing to send.
    if (changed.length === 0) return;
    store.write(db, item, at, user.id, meta.revision + 1);
    appendAuditEntry(db, dbId, {
      at,
      userId: user.id,
      action: `${store.entity}.updated`,
      entity: store.entity,
      entityId: item.id,
      before,
      after: item,
    });
    appendOutbox(db, {
      entity: store.entity,
      entityId: item.id,
      op: 'update',
      baseRevision: meta.serverRev,
      payload: item,
      changedFields: changed,
      createdAt: at,
      createdBy: user.id,
    });
  })();
}

function viewOf<T extends { id: string }>(db: Db, store: ReferenceStore<T>, id: string) {
  const item = store.read(db, id);
  const meta = store.meta(db, id);
  if (item === null || meta === null) throw new AppError('NOT_FOUND', store.missing);
  const person = (userId: string) => ({ id: userId, name: findUser(db, userId)?.name ?? userId });
  // The audit log says who changed it last here; a pulled change may name nobody on this laptop.
  const last = auditEntriesFor(db, store.entity, id).at(-1);
  return {
    item,
    revision: meta.revision,
    createdAt: meta.createdAt,
    createdBy: person(meta.createdBy),
    updatedAt: last?.at ?? meta.createdAt,
    updatedBy:
      last === undefined
        ? person(meta.createdBy)
        : last.userId === null
          ? null
          : person(last.userId),
  };
}
