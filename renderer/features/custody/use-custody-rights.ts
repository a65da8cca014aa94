import {
  custodyDecisionType,
  custodyTransferType,
  destructionEventType,
  lossIncidentType,
  mayDo,
  stockCheckType,
} from '../../../shared/records/record-types.ts';
import { useCurrentUser } from '../../app/SessionProvider.tsx';

/**
 * Whether the signed-in person may record custody transfers, decisions, stock checks, loss or
 * theft incidents and destructions (from the record types). Hiding the buttons is a courtesy:
 * main refuses anyone else with FORBIDDEN, and the server refuses the mutation.
 */
export function useCustodyRights(): {
  transfer: boolean;
  decide: boolean;
  stockCheck: boolean;
  incident: boolean;
  destroy: boolean;
} {
  const { role } = useCurrentUser();
  return {
    transfer: mayDo(custodyTransferType, 'create', role),
    decide: mayDo(custodyDecisionType, 'create', role),
    stockCheck: mayDo(stockCheckType, 'create', role),
    incident: mayDo(lossIncidentType, 'create', role),
    destroy: mayDo(destructionEventType, 'create', role),
  };
}
