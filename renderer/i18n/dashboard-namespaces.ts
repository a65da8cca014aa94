import { catalogueToCyrillic } from '../../shared/i18n/serbian-cyrillic.ts';
import type { Language } from '../../shared/settings/settings.ts';
import enDomain from './locales/en.domain.json';
import enReports from './locales/en.reports.json';
import srLatnDomain from './locales/sr-Latn.domain.json';
import srLatnReports from './locales/sr-Latn.reports.json';

import frDomain from './locales/fr.domain.json';
import frReports from './locales/fr.reports.json';

import mkDomain from './locales/mk.domain.json';
import mkReports from './locales/mk.reports.json';

import bsDomain from './locales/bs.domain.json';
import bsReports from './locales/bs.reports.json';

import hrDomain from './locales/hr.domain.json';
import hrReports from './locales/hr.reports.json';

import cnrDomain from './locales/cnr.domain.json';
import cnrReports from './locales/cnr.reports.json';

import arDomain from './locales/ar.domain.json';
import arReports from './locales/ar.reports.json';

import sqDomain from './locales/sq.domain.json';
import sqReports from './locales/sq.reports.json';

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
  fr: { domain: frDomain, reports: frReports },
  mk: { domain: mkDomain, reports: mkReports },
  bs: { domain: bsDomain, reports: bsReports },
  hr: { domain: hrDomain, reports: hrReports },
  cnr: { domain: cnrDomain, reports: cnrReports },
  ar: { domain: arDomain, reports: arReports },
  sq: { domain: sqDomain, reports: sqReports },
} as const satisfies Record<Language, Record<string, unknown>>;

export const dashboardNamespaces = ['reports', 'domain'] as const;
