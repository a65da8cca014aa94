import type { CustodyDecisionKind } from '../../../shared/domain/enums.ts';
import { useHashSubpath } from '../../app/use-hash-route.ts';

/**
 * The Custody area's addresses. A form can be opened with what it starts from in the hash's
 * query (`#/custody/transfer/new?site=<id>&items=<id>,<id>`), so a reload or a link keeps it.
 */
export interface CustodyLocation {
  /** What follows `#/custody`, without the query: `['sites', '<id>']`. */
  readonly segments: readonly string[];
  readonly params: URLSearchParams;
}

function decoded(segment: string): string {
  // A malformed escape typed by hand must not break routing: keep it as typed.
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function custodyLocationOf(hash: string): CustodyLocation {
  const body = hash.replace(/^#\/?/, '');
  const mark = body.indexOf('?');
  const path = mark === -1 ? body : body.slice(0, mark);
  const query = mark === -1 ? '' : body.slice(mark + 1);
  return {
    segments: path
      .split('/')
      .slice(1)
      .filter((segment) => segment !== '')
      .map(decoded),
    params: new URLSearchParams(query),
  };
}

/** The current custody address; the page renders again whenever the hash changes. */
export function useCustodyLocation(): CustodyLocation {
  // Subscribes to hash changes; the query is read from the hash itself.
  useHashSubpath();
  return custodyLocationOf(window.location.hash);
}

/** Where a transfer or a decision takes its first items from (one source) and which of them. */
export interface ItemPrefill {
  readonly intake?: string | undefined;
  readonly site?: string | undefined;
  /** Only these items of the source (all of them when absent). */
  readonly items?: readonly string[] | undefined;
}

export interface ItemPrefillParams extends ItemPrefill {
  readonly corrects?: string | undefined;
}

function query(entries: ReadonlyArray<readonly [string, string | undefined]>): string {
  const params = new URLSearchParams();
  for (const [name, value] of entries)
    if (value !== undefined && value !== '') params.set(name, value);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

function prefillEntries(prefill: ItemPrefillParams): Array<readonly [string, string | undefined]> {
  return [
    ['intake', prefill.intake],
    ['site', prefill.site],
    ['items', prefill.items === undefined ? undefined : prefill.items.join(',')],
    ['corrects', prefill.corrects],
  ];
}

export function transferHref(prefill: ItemPrefillParams = {}): string {
  return `#/custody/transfer/new${query(prefillEntries(prefill))}`;
}

export function decisionHref(
  prefill: ItemPrefillParams & { decision?: CustodyDecisionKind } = {},
): string {
  return `#/custody/decision/new${query([...prefillEntries(prefill), ['decision', prefill.decision]])}`;
}

export function prefillOf(params: URLSearchParams): ItemPrefillParams {
  const text = (name: string) => {
    const value = params.get(name)?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const items = text('items')
    ?.split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  return { intake: text('intake'), site: text('site'), items, corrects: text('corrects') };
}

export const siteHref = (id: string) => `#/custody/sites/${encodeURIComponent(id)}`;
export const custodyRecordHref = (id: string) => `#/custody/records/${encodeURIComponent(id)}`;
export const itemHref = (id: string) => `#/items/${encodeURIComponent(id)}`;

export const destructionHref = (prefill: ItemPrefillParams = {}) =>
  `#/custody/destruction/new${query(prefillEntries(prefill))}`;
export const stockCheckHref = (site?: string, corrects?: string) =>
  `#/custody/stock-check/new${query([
    ['site', site],
    ['corrects', corrects],
  ])}`;
export const incidentHref = (prefill: ItemPrefillParams = {}) =>
  `#/custody/incident/new${query(prefillEntries(prefill))}`;
