import { dashboardResources } from '../dashboard-namespaces.ts';
import translation from '../locales/ar.json';
import session from '../locales/ar.session.json';
import records from '../locales/ar.records.json';
import event from '../locales/ar.event.json';
import items from '../locales/ar.items.json';
import inventory from '../locales/ar.inventory.json';
import places from '../locales/ar.places.json';
import actions from '../locales/ar.actions.json';
import sync from '../locales/ar.sync.json';
import custody from '../locales/ar.custody.json';
import tracing from '../locales/ar.tracing.json';
import review from '../locales/ar.review.json';

/** Every namespace of the screens in العربية (`ar`), as i18n.ts loads them. */
export const ar = {
  translation,
  session,
  records,
  event,
  items,
  inventory,
  places,
  ...dashboardResources.ar,
  actions,
  sync,
  custody,
  tracing,
  review,
} as const;
