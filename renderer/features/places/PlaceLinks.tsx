import { useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useLoaded } from './use-loaded.ts';

/** A location as a record names it: a link to its page. */
export function LocationLink({ id, children }: { id: string; children: ReactNode }) {
  return <a href={`#/places/locations/${encodeURIComponent(id)}`}>{children}</a>;
}

/**
 * A campaign as a record names it: its name, linking to its page; never the raw id. A pulled
 * record may name a campaign that has not arrived yet: that is said plainly.
 */
export function CampaignLink({ id }: { id: string }) {
  const { t } = useTranslation('places');
  const load = useCallback(() => api().getCampaign({ id }), [id]);
  const { state } = useLoaded(load);
  if (state.kind === 'loading') return <>{t('common.loading')}</>;
  if (state.kind === 'failed') return <>{t('common.notOnLaptop')}</>;
  return <a href={`#/places/campaigns/${encodeURIComponent(id)}`}>{state.value.campaign.name}</a>;
}
