import { useHashSubpath } from '../../app/use-hash-route.ts';
import { CampaignEditor } from './CampaignEditor.tsx';
import { CampaignPage } from './CampaignPage.tsx';
import { CampaignsPage } from './CampaignsPage.tsx';
import { LocationEditor } from './LocationEditor.tsx';
import { LocationPage } from './LocationPage.tsx';
import { LocationsPage } from './LocationsPage.tsx';
import '../records/records.css';
import './places.css';

/**
 * The Locations and campaigns area: `#/places` and `#/places/locations` list locations,
 * `#/places/locations/new` adds one, `#/places/locations/<id>` shows one and `…/<id>/edit` edits
 * it; the same under `#/places/campaigns`.
 */
export function PlacesPage() {
  const [list, first, second] = useHashSubpath();
  if (list === 'campaigns') {
    if (first === undefined) return <CampaignsPage />;
    if (first === 'new') return <CampaignEditor key="new" id={null} />;
    if (second === 'edit') return <CampaignEditor key={`edit:${first}`} id={first} />;
    return <CampaignPage key={first} id={first} />;
  }
  if (first === undefined) return <LocationsPage />;
  if (first === 'new') return <LocationEditor key="new" id={null} />;
  if (second === 'edit') return <LocationEditor key={`edit:${first}`} id={first} />;
  return <LocationPage key={first} id={first} />;
}
