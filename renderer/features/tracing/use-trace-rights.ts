import { mayDo, traceRequestType } from '../../../shared/records/record-types.ts';
import { useCurrentUser } from '../../app/SessionProvider.tsx';

/**
 * Whether the signed-in person may make and change trace requests (those who hold weapons: field
 * and custody officers, team leads, administrators; a destruction officer only reads them).
 * Hiding the buttons is a courtesy: main refuses anyone else's save with FORBIDDEN.
 */
export function useTraceRights(): { create: boolean; update: boolean } {
  const { role } = useCurrentUser();
  return {
    create: mayDo(traceRequestType, 'create', role),
    update: mayDo(traceRequestType, 'update', role),
  };
}
