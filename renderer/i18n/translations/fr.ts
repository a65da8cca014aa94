import { dashboardResources } from '../dashboard-namespaces.ts';
import translation from '../locales/fr.json';
import session from '../locales/fr.session.json';
import records from '../locales/fr.records.json';
import event from '../locales/fr.event.json';
import items from '../locales/fr.items.json';
import inventory from '../locales/fr.inventory.json';
import places from '../locales/fr.places.json';
import actions from '../locales/fr.actions.json';
import sync from '../locales/fr.sync.json';
import custody from '../locales/fr.custody.json';
import tracing from '../locales/fr.tracing.json';
import review from '../locales/fr.review.json';

/** Every namespace of the screens in Français (`fr`), as i18n.ts loads them. */
export const fr = {
  translation,
  session,
  records,
  event,
  items,
  inventory,
  places,
  ...dashboardResources.fr,
  actions,
  sync,
  custody,
  tracing,
  review,
} as const;
