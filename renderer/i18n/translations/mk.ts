import { dashboardResources } from '../dashboard-namespaces.ts';
import translation from '../locales/mk.json';
import session from '../locales/mk.session.json';
import records from '../locales/mk.records.json';
import event from '../locales/mk.event.json';
import items from '../locales/mk.items.json';
import inventory from '../locales/mk.inventory.json';
import places from '../locales/mk.places.json';
import actions from '../locales/mk.actions.json';
import sync from '../locales/mk.sync.json';
import custody from '../locales/mk.custody.json';
import tracing from '../locales/mk.tracing.json';
import review from '../locales/mk.review.json';

/** Every namespace of the screens in Македонски (`mk`), as i18n.ts loads them. */
export const mk = {
  translation,
  session,
  records,
  event,
  items,
  inventory,
  places,
  ...dashboardResources.mk,
  actions,
  sync,
  custody,
  tracing,
  review,
} as const;
