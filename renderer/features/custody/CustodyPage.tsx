import { useCustodyLocation } from './custody-location.ts';
import { CustodyRecordPage } from './CustodyRecordPage.tsx';
import { CustodyRecordsPage } from './CustodyRecordsPage.tsx';
import { DecisionEditor } from './DecisionForm.tsx';
import { DestructionEditor } from './DestructionForm.tsx';
import { IncidentEditor } from './IncidentForm.tsx';
import { StockCheckEditor } from './StockCheckForm.tsx';
import { SitePage } from './SitePage.tsx';
import { SitesPage } from './SitesPage.tsx';
import { TransferEditor } from './TransferForm.tsx';
import '../records/records.css';
import '../places/places.css';
import '../items/items.css';
import './custody.css';

/**
 * The Custody area (issue 14): `#/custody` and `#/custody/sites` list storage sites,
 * `#/custody/sites/<id>` shows what one holds, `#/custody/records` lists transfers and decisions,
 * `#/custody/records/<id>` shows one as sealed; `#/custody/transfer/new` and
 * `#/custody/decision/new` record one (and `stock-check/new`, `incident/new`, `destruction/new`), with what they start from in the query
 * (`?intake=`, `?site=`, `?items=`, `?corrects=`, `?decision=`).
 */
export function CustodyPage() {
  const { segments, params } = useCustodyLocation();
  const [first, second] = segments;
  const query = params.toString();
  if (first === 'transfer' && second === 'new') return <TransferEditor key={query} query={query} />;
  if (first === 'decision' && second === 'new') return <DecisionEditor key={query} query={query} />;
  if (first === 'destruction' && second === 'new')
    return <DestructionEditor key={query} query={query} />;
  if (first === 'stock-check' && second === 'new')
    return <StockCheckEditor key={query} query={query} />;
  if (first === 'incident' && second === 'new') return <IncidentEditor key={query} query={query} />;
  if (first === 'records') {
    if (second === undefined) return <CustodyRecordsPage />;
    return <CustodyRecordPage key={second} id={second} />;
  }
  if (first === 'sites' && second !== undefined) return <SitePage key={second} id={second} />;
  return <SitesPage />;
}
