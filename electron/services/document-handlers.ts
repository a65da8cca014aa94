import type { AttachmentRef } from '../../shared/domain/attachment.ts';
import {
  buildDestructionCertificate,
  type CertificateItemLine,
  type DestructionCertificateInput,
} from '../../shared/documents/destruction-certificate.ts';
import { documentLabels, type DocumentLabels } from '../../shared/documents/document-labels.ts';
import { buildIntakeReceipt, recordNumberOf } from '../../shared/documents/intake-receipt.ts';
import { buildTraceRequest } from '../../shared/documents/trace-request.ts';
import { sentOnOf, type TraceRequest } from '../../shared/domain/trace-request.ts';
import type { DestructionEvent } from '../../shared/domain/destruction-event.ts';
import type { Language } from '../../shared/settings/settings.ts';
import { renderPdf } from '../documents/render-pdf.ts';
import { fileNameInLanguage } from '../../shared/documents/document-file-name.ts';
import type { DocumentOutput } from '../documents/document-output.ts';
import { AppError } from '../ipc/app-error.ts';
import type { HandlerTable } from '../ipc/handler-table.ts';
import type { IdleLock } from '../session/idle-lock.ts';
import type { Session, Unlocked } from '../session/session.ts';
import { readAttachment } from '../store/attachments-repository.ts';
import { readBlob } from '../store/blob-store.ts';
import { certificateItemRows } from '../store/custody-queries.ts';
import { readCustodyRecord } from '../store/custody-repository.ts';
import { amendmentsOf } from '../store/intake-amendments.ts';
import { readIntake } from '../store/intake-repository.ts';
import { readLocation } from '../store/locations-repository.ts';
import { readTraceRequest, readTraceRequestMeta } from '../store/trace-requests-repository.ts';
import { findUser } from '../store/users-repository.ts';

type DocumentHandlers = Pick<
  HandlerTable,
  'makeIntakeReceipt' | 'makeDestructionCertificate' | 'makeTraceRequestDocument'
>;

/** pdfkit embeds JPEG and PNG; a WebP photo is named on the page instead of printed. */
const printableMimes: ReadonlySet<string> = new Set(['image/jpeg', 'image/png']);

/**
 * Documents made from records. Main reads the record from its own store (the renderer only names
 * it), builds the document in the language the renderer asks for, else the interface's, and hands
 * it to the host's port: a save dialog on the desktop, a download in the browser preview.
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
    makeIntakeReceipt: async ({ id, includePhotos, language: asked }) => {
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
      const lang = asked ?? language();
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
            byName: amendment.userName ?? name(amendment.userId),
            // An amendment sent without a reason (an older laptop) is still listed.
            reason: amendment.reason ?? '—',
          })),
          ...(photos === undefined ? {} : { photos }),
          generatedAt: now().toISOString(),
        },
        lang,
      );
      const bytes = await renderPdf(definition);
      return output.deliver({
        fileName: fileNameInLanguage(fileNameOf(event), lang, language()),
        bytes,
      });
    },

    makeDestructionCertificate: async (input) => {
      const { db } = open();
      let record: DestructionCertificateInput['record'];
      let seal: DestructionCertificateInput['seal'] = null;
      if ('id' in input) {
        const stored = readCustodyRecord(db, input.id);
        if (stored === null || stored.entity !== 'destruction_event') {
          throw new AppError('NOT_FOUND', 'This destruction does not exist here.');
        }
        const sealedRecord = stored.data as unknown as DestructionEvent;
        record = sealedRecord;
        const sealed = sealedRecord.seal;
        if (sealed !== undefined) {
          seal = {
            byName: findUser(db, sealed.signerId)?.name ?? sealed.signerId,
            at: sealed.sealedAt,
            digest: sealed.digest,
          };
        }
      } else {
        record = input.destruction as DestructionCertificateInput['record'];
      }
      const ticked = new Set(record.preDestructionVerification.itemsTicked);
      const refs = record.items.flatMap((ref) => ('id' in ref ? [ref] : []));
      const quantities = new Map(
        refs.map((ref) => [ref.id, 'quantity' in ref ? ref.quantity : undefined] as const),
      );
      const lang = input.language ?? language();
      const labels = documentLabels[lang];
      const items = certificateItemRows(
        db,
        refs.map((ref) => ref.id),
      ).map((row): CertificateItemLine => {
        const quantity = quantities.get(row.id);
        const typeLabel =
          row.itemType === null
            ? null
            : (itemTypeLabel(labels, row.kind, row.itemType) ?? row.itemType);
        return {
          kind: row.kind,
          description: [
            typeLabel,
            [row.manufacturer, row.model].filter(Boolean).join(' '),
            row.calibre,
          ]
            .filter((part) => part !== null && part !== '')
            .join(', '),
          identifiers: [row.serialNumber, row.texts]
            .filter((part) => part !== null && part !== '')
            .join('\n'),
          amount: quantity?.amount ?? row.quantityAmount,
          unit: quantity?.unit ?? row.quantityUnit,
          ticked: ticked.has(row.id),
        };
      });
      const definition = buildDestructionCertificate(
        {
          record,
          siteName: readLocation(db, record.siteLocationId)?.name ?? '',
          items,
          seal,
          generatedAt: now().toISOString(),
        },
        lang,
      );
      const bytes = await renderPdf(definition);
      // An ASCII name in any language (see fileNameOf).
      const number = record.certificateNumber.replace(/[^A-Za-z0-9-]+/g, '-');
      // The copy printed to be signed is never mistaken for the sealed one in a folder.
      const stage = seal === null ? '-to-sign' : '';
      return output.deliver({
        fileName: fileNameInLanguage(
          `destruction-certificate-${number}${stage}.pdf`,
          lang,
          language(),
        ),
        bytes,
      });
    },

    makeTraceRequestDocument: async ({ id, includePhotos, language: asked }) => {
      const unlocked = open();
      const request = readTraceRequest(unlocked.db, id);
      if (request === null) throw new AppError('NOT_FOUND', 'This trace request does not exist.');
      // The weapon's photos as they stood when the request was made (its snapshot's).
      const photos = includePhotos ? await photoData(unlocked, request.weapon.photos) : undefined;
      const authorId = readTraceRequestMeta(unlocked.db, id)?.createdBy;
      const author = authorId === undefined ? null : findUser(unlocked.db, authorId);
      const lang = asked ?? language();
      const definition = buildTraceRequest(
        {
          request,
          ...(photos === undefined ? {} : { photos }),
          generatedAt: now().toISOString(),
          ...(author === null ? {} : { requestedBy: author.name }),
        },
        lang,
      );
      const bytes = await renderPdf(definition);
      return output.deliver({
        fileName: fileNameInLanguage(traceFileNameOf(request), lang, language()),
        bytes,
      });
    },
  };
}

/**
 * "trace-request-KU-2026-118.pdf" by the case reference, else the day sent, else the id; a draft's
 * name says so, so that it is never sent by mistake for the request that went out.
 */
function traceFileNameOf(request: TraceRequest): string {
  const sentOn = sentOnOf(request);
  // ASCII only, as in fileNameOf: the reference may hold diacritics and slashes.
  const reference = (request.caseReference ?? sentOn ?? request.id.slice(0, 8))
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const name = reference === '' ? request.id.slice(0, 8) : reference;
  return `trace-request-${name}${sentOn === undefined ? '-draft' : ''}.pdf`;
}

/** The screen's label of an item's type, whatever its kind. */
function itemTypeLabel(labels: DocumentLabels, kind: string, itemType: string): string | undefined {
  const table: Record<string, Record<string, string>> = {
    weapon: labels.weaponType,
    part: labels.partType,
    ammunition: labels.ammoClass,
    explosive: labels.explosiveType,
  };
  return table[kind]?.[itemType];
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
  // systems (mail, USB sticks). The document itself is in the language it was asked in.
  const kind =
    event.context === 'surrendered'
      ? 'surrender-receipt'
      : event.context === 'found'
        ? 'found-items-report'
        : 'seizure-report';
  const number = recordNumberOf(event) ?? event.occurredAt ?? event.id.slice(0, 8);
  return `${kind}-${number}.pdf`;
}
