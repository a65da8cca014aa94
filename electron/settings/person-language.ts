import { LanguageSchema, type Language } from '../../shared/settings/settings.ts';
import type { Session } from '../session/session.ts';
import { personLanguage, rememberPersonLanguage } from '../store/users-repository.ts';
import type { SettingsService } from './settings-service.ts';

/**
 * Each person's language on a shared laptop (issue 18). The laptop's setting (a file outside
 * the encrypted store) is what the unlock screen speaks, so the next person at the laptop meets
 * the last one's language and can change it there; once a person signs in, the language they
 * chose last is put back. Their choice is kept on their user row, inside the encrypted store.
 */
export function followPersonLanguage(session: Session, settings: SettingsService): () => void {
  let signedIn: string | null = null;
  return session.onChange(() => {
    const state = session.state;
    if (state.kind !== 'unlocked') {
      signedIn = null;
      return;
    }
    if (state.user.id === signedIn) return;
    signedIn = state.user.id;
    const chosen = LanguageSchema.safeParse(personLanguage(state.db, state.user.id));
    if (chosen.success && chosen.data !== settings.get().language) {
      settings.update({ language: chosen.data });
    }
  });
}

/** A language chosen while someone is signed in becomes theirs. */
export function rememberLanguageOfSignedInPerson(session: Session, language: Language): void {
  const state = session.state;
  if (state.kind !== 'unlocked') return;
  rememberPersonLanguage(state.db, state.user.id, language);
}
