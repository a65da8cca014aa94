import { catalogueToCyrillic } from '../../shared/i18n/serbian-cyrillic.ts';
import type { Language } from '../../shared/settings/settings.ts';
import enDomain from './locales/en.domain.json';
import enReports from './locales/en.reports.json';
import srLatnDomain from './locales/sr-Latn.domain.json';
import srLatnReports from './locales/sr-Latn.reports.json';

/**
 * The namespaces the Dashboard's figures read (`reports`: the figures, their tables, charts and
 * drill-downs; `domain`: the enumerations' labels and units), in their own module so the web
 * console, which draws the same figures over the server's measures, loads these two catalogues
 * and not the laptop's others. The laptop's i18n.ts takes them from here too: one copy of each.
 */
export const dashboardResources = {
  en: { domain: enDomain, reports: enReports },
  'sr-Latn': { domain: srLatnDomain, reports: srLatnReports },
  'sr-Cyrl': catalogueToCyrillic({ domain: srLatnDomain, reports: srLatnReports }),
} as const satisfies Record<Language, Record<string, unknown>>;

export const dashboardNamespaces = ['reports', 'domain'] as const;
