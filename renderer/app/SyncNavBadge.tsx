import { useTranslation } from 'react-i18next';
import { navBadge } from '../features/sync/sync-words.ts';
import '../features/sync/sync.css';
import { useSync } from './SyncProvider.tsx';

/**
 * Next to "Sync" in the navigation: how many issues wait for a decision, or "!" when the laptop
 * was revoked or holds unsent changes older than a day. The hidden words make the link read
 * "Sync, 2 issues need a decision" to a screen reader.
 */
export function SyncNavBadge() {
  const { t } = useTranslation('sync');
  const { status } = useSync();
  const badge = navBadge(status);
  if (badge === null) return null;
  const description =
    badge.reason === 'issues'
      ? t('nav.issues', { count: badge.count })
      : badge.reason === 'stale'
        ? t('nav.stale')
        : t('nav.revoked');
  return (
    <>
      <span
        className={`nav__badge${badge.reason === 'revoked' ? ' nav__badge--revoked' : ''}`}
        aria-hidden="true"
        data-testid="sync-nav-badge"
      >
        {badge.text}
      </span>{' '}
      <span className="visually-hidden">{description}</span>
    </>
  );
}
