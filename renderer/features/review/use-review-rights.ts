import { mayDo, recordReviewType } from '../../../shared/records/record-types.ts';
import { useCurrentUser } from '../../app/SessionProvider.tsx';

/**
 * Whether the signed-in person may review records (team leads and administrators). Hiding the
 * controls is a courtesy: main refuses anyone else with FORBIDDEN, and the server refuses the
 * mutation by the same definition.
 */
export function useReviewRights(): boolean {
  const { role } = useCurrentUser();
  return mayDo(recordReviewType, 'create', role);
}
