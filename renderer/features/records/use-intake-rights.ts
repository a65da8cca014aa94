import { intakeEventType, mayDo } from '../../../shared/records/record-types.ts';
import { useCurrentUser } from '../../app/SessionProvider.tsx';

/**
 * What the signed-in person's role may do with intake records (field officers, team leads and
 * administrators record them; custody and destruction officers read them). Hiding the buttons is
 * a courtesy: main refuses anything else with FORBIDDEN, and the server refuses the mutation.
 */
export function useIntakeRights(): {
  create: boolean;
  update: boolean;
  finalise: boolean;
} {
  const { role } = useCurrentUser();
  return {
    create: mayDo(intakeEventType, 'create', role),
    update: mayDo(intakeEventType, 'update', role),
    finalise: mayDo(intakeEventType, 'finalise', role),
  };
}
