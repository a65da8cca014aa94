import { campaignType, mayDo } from '../../../shared/records/record-types.ts';
import { useCurrentUser } from '../../app/SessionProvider.tsx';

/**
 * Whether the signed-in person may add or change campaigns (team leads and administrators).
 * Hiding the buttons is a courtesy: main refuses anyone else's save with FORBIDDEN.
 */
export function useCampaignRights(): { create: boolean; update: boolean } {
  const { role } = useCurrentUser();
  return {
    create: mayDo(campaignType, 'create', role),
    update: mayDo(campaignType, 'update', role),
  };
}
