import {
  custodyDecisionType,
  custodyTransferType,
  mayDo,
} from '../../../shared/records/record-types.ts';
import { useCurrentUser } from '../../app/SessionProvider.tsx';

/**
 * Whether the signed-in person may record custody transfers and decisions (custody officers,
 * team leads and administrators, from the record types). Hiding the buttons is a courtesy: main
 * refuses anyone else with FORBIDDEN, and the server refuses the mutation.
 */
export function useCustodyRights(): { transfer: boolean; decide: boolean } {
  const { role } = useCurrentUser();
  return {
    transfer: mayDo(custodyTransferType, 'create', role),
    decide: mayDo(custodyDecisionType, 'create', role),
  };
}
