import { dashboardResources } from '../dashboard-namespaces.ts';
import translation from '../locales/bs.json';
import session from '../locales/bs.session.json';
import records from '../locales/bs.records.json';
import event from '../locales/bs.event.json';
import items from '../locales/bs.items.json';
import inventory from '../locales/bs.inventory.json';
import places from '../locales/bs.places.json';
import actions from '../locales/bs.actions.json';
import sync from '../locales/bs.sync.json';
import custody from '../locales/bs.custody.json';
import tracing from '../locales/bs.tracing.json';
import review from '../locales/bs.review.json';

/** Every namespace of the screens in Bosanski (`bs`), as i18n.ts loads them. */
export const bs = {
  translation,
  session,
  records,
  event,
  items,
  inventory,
  places,
  ...dashboardResources.bs,
  actions,
  sync,
  custody,
  tracing,
  review,
} as const;
