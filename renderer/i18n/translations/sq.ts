import { dashboardResources } from '../dashboard-namespaces.ts';
import translation from '../locales/sq.json';
import session from '../locales/sq.session.json';
import records from '../locales/sq.records.json';
import event from '../locales/sq.event.json';
import items from '../locales/sq.items.json';
import inventory from '../locales/sq.inventory.json';
import places from '../locales/sq.places.json';
import actions from '../locales/sq.actions.json';
import sync from '../locales/sq.sync.json';
import custody from '../locales/sq.custody.json';
import tracing from '../locales/sq.tracing.json';
import review from '../locales/sq.review.json';

/** Every namespace of the screens in Shqip (`sq`), as i18n.ts loads them. */
export const sq = {
  translation,
  session,
  records,
  event,
  items,
  inventory,
  places,
  ...dashboardResources.sq,
  actions,
  sync,
  custody,
  tracing,
  review,
} as const;
