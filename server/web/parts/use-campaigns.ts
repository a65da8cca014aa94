import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleCampaignsSchema } from '../../../shared/console/console-data.ts';
import { consoleDataApiPaths } from '../../../shared/console/overview.ts';
import { collator } from '../../../shared/i18n/formats.ts';
import { consoleApi } from '../api-client.ts';
import { useLoad } from './use-load.ts';

/**
 * The collection campaigns a filter offers, in the reader's alphabetical order, and their names
 * by id (for figures counted by campaign); none while loading.
 */
export function useCampaigns() {
  const { i18n } = useTranslation();
  const load = useCallback(
    () => consoleApi.get(consoleDataApiPaths.campaigns, ConsoleCampaignsSchema),
    [],
  );
  const { data, error } = useLoad(load);
  const language = i18n.language;
  return useMemo(() => {
    const order = collator(language);
    const campaigns = [...(data ?? [])].sort((a, b) => order.compare(a.name, b.name));
    return {
      campaigns,
      names: new Map(campaigns.map((campaign) => [campaign.id, campaign.name])) as ReadonlyMap<
        string,
        string
      >,
      error,
    };
  }, [data, error, language]);
}
