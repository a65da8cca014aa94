import { lazy, Suspense } from 'react';
import { AboutPage } from '../features/about/AboutPage.tsx';
import { CustodyPage } from '../features/custody/CustodyPage.tsx';
import { ItemsPage } from '../features/items/ItemsPage.tsx';
import { PlacesPage } from '../features/places/PlacesPage.tsx';
import { RecordsPage } from '../features/records/RecordsPage.tsx';
import { ReportsPage } from '../features/reports/ReportsPage.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { SyncPage } from '../features/sync/SyncPage.tsx';
import { TracingPage } from '../features/tracing/TracingPage.tsx';
import { AppFrame } from './AppFrame.tsx';
import { SyncProvider } from './SyncProvider.tsx';
import type { Route } from './routes.ts';
import { useHashRoute } from './use-hash-route.ts';

// The Dashboard (its figures, tables and the code that draws charts) loads when first opened,
// so the app's first bundle does not carry it.
const LazyDashboard = lazy(() =>
  import('../features/dashboard/DashboardPage.tsx').then((module) => ({
    default: module.DashboardPage,
  })),
);

function DashboardPage() {
  return (
    <Suspense fallback={null}>
      <LazyDashboard />
    </Suspense>
  );
}

const pages: Record<Route, () => React.JSX.Element> = {
  records: RecordsPage,
  items: ItemsPage,
  custody: CustodyPage,
  tracing: TracingPage,
  places: PlacesPage,
  dashboard: DashboardPage,
  reports: ReportsPage,
  sync: SyncPage,
  settings: SettingsPage,
  about: AboutPage,
};

export function App() {
  const route = useHashRoute();
  const Page = pages[route];
  return (
    <SyncProvider>
      <AppFrame route={route}>
        <Page />
      </AppFrame>
    </SyncProvider>
  );
}
