import { useHashSubpath } from '../../app/use-hash-route.ts';
import { DashboardOverview } from './DashboardOverview.tsx';
import { MeasureRecordsPage } from './MeasureRecordsPage.tsx';

/**
 * The Dashboard area: the figures (`#/dashboard/?year=2025…`) and the records behind any one of
 * them (`#/dashboard/records?…&source=k1&s.context=seized`).
 */
export function DashboardPage() {
  const [page] = useHashSubpath();
  // Keyed by the address: another figure's records start again from their first page.
  return page === 'records' ? (
    <MeasureRecordsPage key={window.location.hash} />
  ) : (
    <DashboardOverview />
  );
}
