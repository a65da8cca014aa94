import type { CampaignStatus } from '../../../shared/domain/enums.ts';
import { useEnumLabel } from '../../components/domain-labels.ts';

/** Planned, active or closed, as a badge; only an active campaign stands out. */
export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const label = useEnumLabel();
  const text = label('campaignStatus', status);
  return <span className={`badge badge--${status}`}>{text}</span>;
}
