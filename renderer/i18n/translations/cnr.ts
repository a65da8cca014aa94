import { dashboardResources } from '../dashboard-namespaces.ts';
import translation from '../locales/cnr.json';
import session from '../locales/cnr.session.json';
import records from '../locales/cnr.records.json';
import event from '../locales/cnr.event.json';
import items from '../locales/cnr.items.json';
import inventory from '../locales/cnr.inventory.json';
import places from '../locales/cnr.places.json';
import actions from '../locales/cnr.actions.json';
import sync from '../locales/cnr.sync.json';
import custody from '../locales/cnr.custody.json';
import tracing from '../locales/cnr.tracing.json';
import review from '../locales/cnr.review.json';

/** Every namespace of the screens in Crnogorski (`cnr`), as i18n.ts loads them. */
export const cnr = {
  translation,
  session,
  records,
  event,
  items,
  inventory,
  places,
  ...dashboardResources.cnr,
  actions,
  sync,
  custody,
  tracing,
  review,
} as const;
