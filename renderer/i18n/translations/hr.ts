import { dashboardResources } from '../dashboard-namespaces.ts';
import translation from '../locales/hr.json';
import session from '../locales/hr.session.json';
import records from '../locales/hr.records.json';
import event from '../locales/hr.event.json';
import items from '../locales/hr.items.json';
import inventory from '../locales/hr.inventory.json';
import places from '../locales/hr.places.json';
import actions from '../locales/hr.actions.json';
import sync from '../locales/hr.sync.json';
import custody from '../locales/hr.custody.json';
import tracing from '../locales/hr.tracing.json';
import review from '../locales/hr.review.json';

/** Every namespace of the screens in Hrvatski (`hr`), as i18n.ts loads them. */
export const hr = {
  translation,
  session,
  records,
  event,
  items,
  inventory,
  places,
  ...dashboardResources.hr,
  actions,
  sync,
  custody,
  tracing,
  review,
} as const;
