import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consoleRoutes, type ConsoleSession } from '../../../shared/console/api.ts';
import { consoleApi, onSessionEnded } from '../api-client.ts';
import { AcceptInvitationPage } from '../pages/AcceptInvitationPage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { ResetPasswordPage } from '../pages/ResetPasswordPage.tsx';
import { SignInPage } from '../pages/SignInPage.tsx';
import { ConsoleFrame } from './ConsoleFrame.tsx';
import { pagesFor } from './pages.ts';
import { SessionContext, type SessionContextValue } from './session-context.ts';
import { navigate, useHashSegments } from './use-hash-route.ts';

/** The pages of someone signed out: signing in from one of them leads to the overview. */
const signedOutPages: ReadonlySet<string> = new Set(['sign-in', 'accept', 'reset']);

/**
 * The session guard: asks the server who is signed in (the cookie is HttpOnly, so only the server
 * knows), shows sign-in, accepting an invitation or a password reset to nobody, and the pages a
 * role allows to a signed-in person. When the server says the session ended, back to sign-in.
 */
export function ConsoleApp() {
  const { t } = useTranslation();
  const [session, setSession] = useState<ConsoleSession | null>(null);
  const [ended, setEnded] = useState(false);
  const [first] = useHashSegments();

  const refresh = useCallback(async () => {
    setSession(await consoleApi.session());
  }, []);
  useEffect(() => {
    consoleApi.session().then(setSession, () => setSession({ signedIn: false }));
    return onSessionEnded(() => {
      setEnded(true);
      setSession({ signedIn: false });
    });
  }, [refresh]);

  const signedIn = (next: ConsoleSession) => {
    setEnded(false);
    setSession(next);
    // A bookmarked page, or the one a session ended on, is where the person was going.
    if (first === undefined || signedOutPages.has(first)) navigate('home');
  };

  const context = useMemo<SessionContextValue | null>(() => {
    if (session === null || !session.signedIn) return null;
    return {
      session,
      refresh,
      async signOut() {
        setSession(await consoleApi.openSession(consoleRoutes.signOut, {}));
        navigate('sign-in');
      },
    };
  }, [session, refresh]);

  if (session === null) {
    return (
      <main className="session-loading">
        <p role="status">{t('app.loading')}</p>
      </main>
    );
  }
  if (context === null) {
    if (first === 'accept') return <AcceptInvitationPage onSignedIn={signedIn} />;
    if (first === 'reset') return <ResetPasswordPage />;
    return <SignInPage onSignedIn={signedIn} sessionEnded={ended} />;
  }
  const pages = pagesFor(context.session.permissions);
  const wanted = first === undefined || first === 'sign-in' || first === 'accept' ? 'home' : first;
  const current = pages.find((page) => page.path === wanted) ?? null;
  return (
    <SessionContext.Provider value={context}>
      <ConsoleFrame pages={pages} current={current}>
        {current === null ? <NotFoundPage /> : <current.Component key={current.path} />}
      </ConsoleFrame>
    </SessionContext.Provider>
  );
}
