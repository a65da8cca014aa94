import type { AttachmentRef } from '../../shared/domain/attachment.ts';
import { buildIntakeReceipt, recordNumberOf } from '../../shared/documents/intake-receipt.ts';
import type { Language } from '../../shared/settings/settings.ts';
import { renderPdf } from '../documents/render-pdf.ts';
import type { DocumentOutput } from '../documents/document-output.ts';
import { AppError } from '../ipc/app-error.ts';
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session, Unlocked } from '../session/session.ts';
import { readAttachment } from '../store/attachments-repository.ts';
import { readBlob } from '../store/blob-store.ts';
import { amendmentsOf } from '../store/intake-amendments.ts';
import { readIntake } from '../store/intake-repository.ts';
import { readLocation } from '../store/locations-repository.ts';
import { findUser } from '../store/users-repository.ts';

type DocumentHandlers = Pick<HandlerTable, 'makeIntakeReceipt'>;

/** pdfkit embeds JPEG and PNG; a WebP photo is named on the page instead of printed. */
const printableMimes: ReadonlySet<string> = new Set(['image/jpeg', 'image/png']);

/**
 * Documents made from records. Main reads the record from its own store (the renderer only names
 * it), builds the document in the interface's language and hands it to the host's port: a save
 * dialog on the desktop, a download in the browser preview.
 */
export function documentHandlers(
  session: Session,
  idle: IdleLock,
  output: DocumentOutput,
  language: () => Language,
  now: () => Date = () => new Date(),
): DocumentHandlers {
  const open = (): Unlocked => {
    idle.touch();
    return session.requireUnlocked();
  };

  return {
    makeIntakeReceipt: async ({ id, includePhotos }) => {
      const unlocked = open();
      const { db } = unlocked;
      const row = readIntake(db, id);
      if (row === null) throw new AppError('NOT_FOUND', 'This record does not exist.');
      if (row.status !== 'final') {
        throw new AppError(
          'VALIDATION_ERROR',
          'Only a final record has a receipt or report; finalise it first.',
          [{ path: '', message: 'notFinal', code: 'custom' }],
        );
      }
      const { event } = row;
      const location = event.locationId === undefined ? null : readLocation(db, event.locationId);
      const name = (userId: string | null) =>
        userId === null ? '' : (findUser(db, userId)?.name ?? userId);
      const photos = includePhotos ? await photoData(unlocked, allPhotos(event)) : undefined;
      const lang = language();
      const definition = buildIntakeReceipt(
        {
          event,
          revision: row.revision,
          place:
            location === null ? null : { name: location.name, locationType: location.locationType },
          finalisedAt: row.finalisedAt,
          finalisedByName: row.finalisedBy === null ? null : name(row.finalisedBy),
          amendments: amendmentsOf(db, id).map((amendment) => ({
            at: amendment.at,
            byName: name(amendment.userId),
            reason: amendment.reason,
          })),
          ...(photos === undefined ? {} : { photos }),
          generatedAt: now().toISOString(),
        },
        lang,
      );
      const bytes = await renderPdf(definition);
      return output.deliver({ fileName: fileNameOf(event), bytes });
    },
  };
}

function allPhotos(event: {
  photos: readonly AttachmentRef[];
  weapons: readonly { photos: readonly AttachmentRef[] }[];
}): AttachmentRef[] {
  return [...event.photos, ...event.weapons.flatMap((weapon) => weapon.photos)];
}

/**
 * The photos as data URLs, read and decrypted here; null for one that cannot be printed (still on
 * the server, unreadable, or WebP). The key is copied so that a lock meanwhile cannot pull it away
 * under a read in progress, and wiped afterwards.
 */
async function photoData(
  { db, dek, dataDir }: Unlocked,
  photos: readonly AttachmentRef[],
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const key = Buffer.from(dek);
  try {
    for (const photo of photos) {
      if (out.has(photo.sha256)) continue;
      const stored = readAttachment(db, photo.sha256);
      if (stored === null || stored.remote || !printableMimes.has(stored.mime)) {
        out.set(photo.sha256, null);
        continue;
      }
      try {
        const bytes = await readBlob(dataDir, key, photo.sha256);
        out.set(photo.sha256, `data:${stored.mime};base64,${bytes.toString('base64')}`);
      } catch {
        out.set(photo.sha256, null);
      }
    }
  } finally {
    key.fill(0);
  }
  return out;
}

/** "surrender-receipt-K7QX9-00042.pdf", or with the record's date when it has no number yet. */
function fileNameOf(event: {
  context?: string | undefined;
  occurredAt?: string | undefined;
  id: string;
}): string {
  // An ASCII name in any language: a title with spaces and diacritics travels badly between
  // systems (mail, USB sticks). The document itself is in the interface's language.
  const kind = event.context === 'surrendered' ? 'surrender-receipt' : 'seizure-report';
  const number = recordNumberOf(event) ?? event.occurredAt ?? event.id.slice(0, 8);
  return `${kind}-${number}.pdf`;
}
