import { z } from 'zod';
import { countryName, documentLabels, type DocumentLabels } from '../documents/document-labels.ts';
import type { Measures } from '../measures/measure-results.ts';
import type { Language } from '../settings/settings.ts';
import { translatedWordsOf } from '../documents/words/translated.ts';
import { catalogueToCyrillic } from '../i18n/serbian-cyrillic.ts';
import { dateTimeFormat, numberFormat } from '../i18n/formats.ts';

/**
 * The national reports of issue 16, built from the measures (shared/measures: each figure defined
 * once), in the words of the instrument they serve: SDG indicator 16.4.2, UNODC's Illicit Arms
 * Flows Questionnaire (with its consistency checks), the UN Programme of Action, a campaign's
 * results and the Western Balkans Roadmap's figures. A report is tables of rows (a label, then
 * numbers) and checks (pass or fail); the screen, the PDF and the XLSX all show this one structure,
 * in the language it was built in.
 */
export const reportIds = ['sdg_16_4_2', 'iafq', 'poa', 'campaign', 'roadmap'] as const;
export const ReportIdSchema = z.enum(reportIds);
export type ReportId = z.infer<typeof ReportIdSchema>;

export const ReportCellSchema = z.union([z.string(), z.number(), z.null()]);
export type ReportCell = z.infer<typeof ReportCellSchema>;
export const ReportTableSchema = z.object({
  id: z.string(),
  title: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(ReportCellSchema)),
  /** Where the table's figures stop: a note the reader needs (a unit, what is left out). */
  note: z.string().optional(),
});
export type ReportTable = z.infer<typeof ReportTableSchema>;

export const ReportCheckSchema = z.object({
  id: z.string(),
  label: z.string(),
  pass: z.boolean(),
  detail: z.string(),
});
export type ReportCheck = z.infer<typeof ReportCheckSchema>;

export const NationalReportSchema = z.object({
  id: ReportIdSchema,
  title: z.string(),
  subtitle: z.string(),
  /** The period and the filter in words. */
  scope: z.string(),
  draftsLeftOut: z.int().min(0),
  tables: z.array(ReportTableSchema),
  checks: z.array(ReportCheckSchema),
});
export type NationalReport = z.infer<typeof NationalReportSchema>;

const en = {
  title: {
    sdg_16_4_2: 'SDG indicator 16.4.2',
    iafq: 'Illicit Arms Flows Questionnaire (UNODC): statistical tables',
    poa: 'UN Programme of Action: collection and destruction',
    campaign: 'Weapons collection campaign: results',
    roadmap: 'Western Balkans SALW Control Roadmap: figures',
  } satisfies Record<ReportId, string>,
  subtitle: {
    sdg_16_4_2:
      'Proportion of seized, found or surrendered arms whose illicit origin or context has been traced or established by a competent authority',
    iafq: 'Seized, found and surrendered weapons, parts, ammunition and explosives; tracing results',
    poa: 'Small arms and light weapons collected and destroyed, by method',
    campaign: 'Legalised versus surrendered, and who handed in, by sex and age band',
    roadmap:
      'Figures for the semi-annual and annual reports (Goals 2, 3, 5, 6 and 7, as far as the sources confirm them)',
  } satisfies Record<ReportId, string>,
  scope: 'Period {from} to {to}',
  scopeJurisdiction: 'Jurisdiction: {country}',
  scopeCampaign: 'Campaign: {campaign}',
  scopeTeam: 'Team scope: {team}',
  scopeReview: 'Intake records under review: {state}',
  reviewStanding: {
    not_reviewed: 'not reviewed',
    approved: 'approved',
    has_issues: 'has issues',
    answered: 'answered, awaiting review',
    rejected: 'rejected',
  },
  draftsNote: '{n} draft records left out (final records only).',
  unknown: 'Unknown',
  total: 'Total',
  none: 'None',
  weapons: 'Weapons',
  established: 'Origin established',
  arms: 'Arms',
  proportion: 'Proportion',
  context: 'Context',
  outcome: 'Outcome',
  how: 'Established by',
  count: 'Count',
  type: 'Type',
  category: 'Category',
  unit: 'Unit',
  amount: 'Amount',
  entries: 'Items or lots',
  method: 'Method',
  sourceContext: 'Source',
  campaign: 'Campaign',
  disposition: 'Requested',
  sex: 'Sex',
  ageBand: 'Age band',
  people: 'People',
  measure: 'Figure',
  value: 'Value',
  goal: 'Goal',
  uniquelyIdentifiable: 'Uniquely identifiable arms only',
  byContext: 'By context',
  byOutcome: 'By tracing outcome',
  byHow: 'By how the origin was established',
  weaponsByContext: 'Weapons by context',
  weaponsByType: 'Weapons by type',
  weaponsByIafqType: "Firearms by the questionnaire's types",
  parts: 'Parts and components',
  ammunition: 'Ammunition',
  explosives: 'Explosives',
  tracing: 'Tracing results',
  collected: 'Collected (seized, found, surrendered)',
  destroyed: 'Weapons destroyed, by method',
  destroyedCounts: 'Destroyed without item records, by source',
  ammunitionDestroyed: 'Ammunition destroyed',
  legalisedVsSurrendered: 'What surrenderers asked for',
  surrenderers: 'Surrenderers by sex and age band',
  checkTypeContext: 'Weapons: the total by type equals the total by context',
  checkIafqTypeContext:
    "Weapons: the total by the questionnaire's types equals the total by context",
  checkContextTotal: 'Weapons: the totals by context add up to the total',
  checkAmmunition: 'Ammunition: the totals by class equal the totals by unit',
  checkDetail: '{left} and {right}',
  checks: 'Consistency checks',
  check: 'Check',
  result: 'Result',
  detail: 'Figures compared',
  pass: 'Pass',
  fail: 'FAIL',
  noCampaign: 'Not campaign-based',
  outcomeValue: {
    established: 'Established',
    pending: 'Pending',
    insufficient_information: 'Insufficient information',
    never_attempted: 'Never attempted',
  } as Record<string, string>,
  howValue: {
    trace: 'By a trace',
    other_means: 'By other means',
    none: 'Not established',
  } as Record<string, string>,
  roadmapRows: {
    g2People: 'G2: people recorded, by sex (unknown kept)',
    g3Border: 'G3: weapons seized or found at borders',
    g5Collected: 'G5: weapons surrendered',
    g5Legalised: 'G5: legalisation requested',
    g6Destroyed: 'G6: weapons destroyed',
    g6Ammunition: 'G6: ammunition destroyed',
    g7Sites: 'G7: storage sites meeting the minimum standard',
    g7Losses: 'G7: loss or theft incidents',
  },
};
export type ReportWords = typeof en;

const sr: ReportWords = {
  title: {
    sdg_16_4_2: 'Indikator COR 16.4.2',
    iafq: 'Upitnik o nezakonitim tokovima oružja (UNODC): statističke tabele',
    poa: 'Program akcije UN: prikupljanje i uništavanje',
    campaign: 'Akcija prikupljanja oružja: rezultati',
    roadmap: 'Mapa puta za kontrolu MLO na Zapadnom Balkanu: podaci',
  },
  subtitle: {
    sdg_16_4_2:
      'Udeo zaplenjenog, pronađenog ili predatog oružja čije je nezakonito poreklo ili kontekst utvrdio nadležni organ, praćenjem ili drugim putem',
    iafq: 'Zaplenjeno, pronađeno i predato oružje, delovi, municija i eksplozivi; rezultati praćenja porekla',
    poa: 'Malokalibarsko i lako oružje prikupljeno i uništeno, po načinu',
    campaign: 'Legalizacija naspram predaje, i ko je predao, po polu i starosnoj grupi',
    roadmap:
      'Podaci za polugodišnje i godišnje izveštaje (ciljevi 2, 3, 5, 6 i 7, koliko ih izvori potvrđuju)',
  },
  scope: 'Period od {from} do {to}',
  scopeJurisdiction: 'Nadležnost: {country}',
  scopeCampaign: 'Akcija: {campaign}',
  scopeTeam: 'Delokrug tima: {team}',
  scopeReview: 'Zapisi o prijemu u proveri: {state}',
  reviewStanding: {
    not_reviewed: 'nije provereno',
    approved: 'odobreni',
    has_issues: 'ima primedbe',
    answered: 'odgovoreno, čeka proveru',
    rejected: 'odbijeni',
  },
  draftsNote: 'Izostavljeno nacrta: {n} (samo zaključeni zapisi).',
  unknown: 'Nepoznato',
  total: 'Ukupno',
  none: 'Nema',
  weapons: 'Oružje',
  established: 'Poreklo utvrđeno',
  arms: 'Komada oružja',
  proportion: 'Udeo',
  context: 'Način preuzimanja',
  outcome: 'Ishod',
  how: 'Utvrđeno',
  count: 'Broj',
  type: 'Vrsta',
  category: 'Kategorija',
  unit: 'Jedinica',
  amount: 'Količina',
  entries: 'Predmeta ili partija',
  method: 'Način',
  sourceContext: 'Poreklo',
  campaign: 'Akcija',
  disposition: 'Zatraženo',
  sex: 'Pol',
  ageBand: 'Starosna grupa',
  people: 'Lica',
  measure: 'Podatak',
  value: 'Vrednost',
  goal: 'Cilj',
  uniquelyIdentifiable: 'Samo jedinstveno prepoznatljivo oružje',
  byContext: 'Po načinu preuzimanja',
  byOutcome: 'Po ishodu praćenja porekla',
  byHow: 'Po tome kako je poreklo utvrđeno',
  weaponsByContext: 'Oružje po načinu preuzimanja',
  weaponsByType: 'Oružje po vrsti',
  weaponsByIafqType: 'Vatreno oružje po vrstama iz upitnika',
  parts: 'Delovi i sklopovi',
  ammunition: 'Municija',
  explosives: 'Eksplozivna sredstva',
  tracing: 'Rezultati praćenja porekla',
  collected: 'Prikupljeno (zaplenjeno, pronađeno, predato)',
  destroyed: 'Uništeno oružje, po načinu',
  destroyedCounts: 'Uništeno bez zapisa o predmetima, po poreklu',
  ammunitionDestroyed: 'Uništena municija',
  legalisedVsSurrendered: 'Šta su lica koja predaju tražila',
  surrenderers: 'Lica koja su predala, po polu i starosnoj grupi',
  checkTypeContext: 'Oružje: zbir po vrsti jednak je zbiru po načinu preuzimanja',
  checkIafqTypeContext: 'Oružje: zbir po vrstama iz upitnika jednak je zbiru po načinu preuzimanja',
  checkContextTotal: 'Oružje: zbirovi po načinu preuzimanja daju ukupan broj',
  checkAmmunition: 'Municija: zbirovi po klasi jednaki su zbirovima po jedinici',
  checkDetail: '{left} i {right}',
  checks: 'Provere doslednosti',
  check: 'Provera',
  result: 'Rezultat',
  detail: 'Upoređeni podaci',
  pass: 'Ispravno',
  fail: 'NEISPRAVNO',
  noCampaign: 'Van akcije',
  outcomeValue: {
    established: 'Utvrđeno',
    pending: 'U toku',
    insufficient_information: 'Nedovoljno podataka',
    never_attempted: 'Nije pokušano',
  },
  howValue: { trace: 'Praćenjem porekla', other_means: 'Drugim putem', none: 'Nije utvrđeno' },
  roadmapRows: {
    g2People: 'C2: evidentirana lica, po polu (nepoznato zadržano)',
    g3Border: 'C3: oružje zaplenjeno ili pronađeno na granici',
    g5Collected: 'C5: predato oružje',
    g5Legalised: 'C5: zatražena legalizacija',
    g6Destroyed: 'C6: uništeno oružje',
    g6Ammunition: 'C6: uništena municija',
    g7Sites: 'C7: skladišta koja ispunjavaju minimalni standard',
    g7Losses: 'C7: slučajevi gubitka ili krađe',
  },
};

export const reportWords: Readonly<Record<Language, ReportWords>> = {
  en,
  'sr-Latn': sr,
  'sr-Cyrl': catalogueToCyrillic(sr),
  ...translatedWordsOf('nationalReport'),
};

function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}

/** Names the measures hold only as ids: campaigns. An id without a name is shown as stored. */
export interface ReportNames {
  readonly campaigns?: ReadonlyMap<string, string>;
  /**
   * The team whose scope the measures were counted over (the console's reports for a team), so
   * the printed report says whose records it counts. Absent: the store's records, all of them.
   */
  readonly team?: string;
}

interface Builder {
  readonly words: ReportWords;
  readonly labels: DocumentLabels;
  readonly number: (value: number) => string;
  /** A stored value in words: its label, "Unknown" for unknown. */
  readonly value: (labels: Readonly<Record<string, string>> | undefined, raw: string) => string;
  /** An item kind ("weapon") in words ("Weapons"). */
  readonly kind: (kind: string) => string;
  /** A campaign by its name; records outside any campaign (`none`) as such. */
  readonly campaign: (id: string | undefined) => string;
  /** A proportion as a percentage in the language ("12.5%", "12,5 %"); null when undefined. */
  readonly percent: (proportion: number | null) => string | null;
}

/** Item kinds as the measures name them, and the quantity kinds the documents have words for. */
const quantityKindOf: Readonly<Record<string, string>> = {
  weapon: 'weapons',
  part: 'parts',
  ammunition: 'ammunition',
  explosive: 'explosives',
};

function builderFor(language: Language, names: ReportNames = {}): Builder {
  const words = reportWords[language];
  const number = numberFormat(language, { maximumFractionDigits: 3 });
  const percent = numberFormat(language, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return {
    percent: (proportion) => (proportion === null ? null : percent.format(proportion)),
    words,
    labels: documentLabels[language],
    number: (value) => number.format(value),
    value: (labels, raw) =>
      raw === 'unknown' ? words.unknown : raw === 'none' ? words.none : (labels?.[raw] ?? raw),
    kind: (kind) => {
      const labels: Readonly<Record<string, string>> = documentLabels[language].quantityKind;
      return labels[quantityKindOf[kind] ?? kind] ?? kind;
    },
    campaign: (id) =>
      id === undefined || id === 'unknown'
        ? words.unknown
        : id === 'none'
          ? words.noCampaign
          : (names.campaigns?.get(id) ?? id),
  };
}

type Quantities = readonly {
  by?: Record<string, string>;
  kind: string;
  unit: string;
  amount: number;
  entries: number;
}[];

const sumOf = (rows: Quantities, kind?: string): number =>
  rows.filter((row) => kind === undefined || row.kind === kind).reduce((s, r) => s + r.amount, 0);

/** Amounts per unit: the only way quantities of one kind add up. */
function byUnit(rows: Quantities): Map<string, number> {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.unit, (totals.get(row.unit) ?? 0) + row.amount);
  return totals;
}

function sdgTables(m: Measures, b: Builder): ReportTable[] {
  const { words } = b;
  const sdg = m.sdg16_4_2;
  return [
    {
      id: 'total',
      title: words.title.sdg_16_4_2,
      columns: ['', words.established, words.arms, words.proportion],
      rows: [
        [words.total, sdg.total.part, sdg.total.whole, b.percent(sdg.total.proportion)],
        [
          words.uniquelyIdentifiable,
          sdg.uniquelyIdentifiable.part,
          sdg.uniquelyIdentifiable.whole,
          b.percent(sdg.uniquelyIdentifiable.proportion),
        ],
      ],
    },
    {
      id: 'by_context',
      title: words.byContext,
      columns: [words.context, words.established, words.arms, words.proportion],
      rows: sdg.byContext.map((row) => [
        b.value(b.labels.intakeContext, row.context),
        row.value.part,
        row.value.whole,
        b.percent(row.value.proportion),
      ]),
    },
    {
      id: 'by_outcome',
      title: words.byOutcome,
      columns: [words.outcome, words.arms],
      rows: sdg.byTraceOutcome.map((row) => [
        b.value(words.outcomeValue, row.by.outcome),
        row.count,
      ]),
    },
    {
      id: 'by_how',
      title: words.byHow,
      columns: [words.how, words.arms],
      rows: sdg.byEstablishedHow.map((row) => [b.value(words.howValue, row.by.how), row.count]),
    },
  ];
}

/**
 * The questionnaire's own checks, on the tables as built: totals by type equal totals by context,
 * and so on. Computed from the measures they never fail unless a figure is wrong, which is what
 * they are for; a report assembled by hand can be checked with `iafqChecks` too.
 */
export interface IafqTotals {
  readonly weaponsTotal: number;
  readonly weaponsByContext: readonly number[];
  readonly weaponsByType: readonly number[];
  /** The same weapons by the questionnaire's (UNODC's) firearm types (K3's cross-walk). */
  readonly weaponsByIafqType: readonly number[];
  readonly ammunitionByUnit: ReadonlyMap<string, number>;
  readonly ammunitionByClassAndUnit: ReadonlyMap<string, number>;
}

export function iafqChecks(totals: IafqTotals, language: Language): ReportCheck[] {
  const { words, number, value, labels } = builderFor(language);
  const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);
  const byType = sum(totals.weaponsByType);
  const byIafqType = sum(totals.weaponsByIafqType);
  const byContext = sum(totals.weaponsByContext);
  const units = new Set([
    ...totals.ammunitionByUnit.keys(),
    ...totals.ammunitionByClassAndUnit.keys(),
  ]);
  const ammunitionPass = [...units].every(
    (unit) =>
      (totals.ammunitionByUnit.get(unit) ?? 0) === (totals.ammunitionByClassAndUnit.get(unit) ?? 0),
  );
  const unitText = (map: ReadonlyMap<string, number>) =>
    [...map]
      .map(([unit, amount]) => `${number(amount)} ${value(labels.quantityUnit, unit)}`)
      .join(', ') || '0';
  return [
    {
      id: 'type_equals_context',
      label: words.checkTypeContext,
      pass: byType === byContext,
      detail: fill(words.checkDetail, { left: number(byType), right: number(byContext) }),
    },
    {
      id: 'iafq_type_equals_context',
      label: words.checkIafqTypeContext,
      pass: byIafqType === byContext,
      detail: fill(words.checkDetail, { left: number(byIafqType), right: number(byContext) }),
    },
    {
      id: 'context_equals_total',
      label: words.checkContextTotal,
      pass: byContext === totals.weaponsTotal,
      detail: fill(words.checkDetail, {
        left: number(byContext),
        right: number(totals.weaponsTotal),
      }),
    },
    {
      id: 'ammunition_class_equals_unit',
      label: words.checkAmmunition,
      pass: ammunitionPass,
      detail: fill(words.checkDetail, {
        left: unitText(totals.ammunitionByClassAndUnit),
        right: unitText(totals.ammunitionByUnit),
      }),
    },
  ];
}

type Lead = { column: string; label: (row: Quantities[number]) => string };

/** Quantities by their unit, after one or more leading columns that say what they count. */
function quantityTable(
  id: string,
  title: string,
  b: Builder,
  rows: Quantities,
  first: Lead | readonly Lead[],
): ReportTable {
  const leads: readonly Lead[] = Array.isArray(first) ? first : [first as Lead];
  return {
    id,
    title,
    columns: [...leads.map((lead) => lead.column), b.words.unit, b.words.amount, b.words.entries],
    rows: rows.map((row) => [
      ...leads.map((lead) => lead.label(row)),
      b.value(b.labels.quantityUnit, row.unit),
      row.amount,
      row.entries,
    ]),
  };
}

function iafq(
  m: Measures,
  b: Builder,
  language: Language,
): Pick<NationalReport, 'tables' | 'checks'> {
  const { words, labels } = b;
  const weapons = (rows: Quantities) => rows.filter((row) => row.kind === 'weapon');
  const tables: ReportTable[] = [
    quantityTable('weapons_by_context', words.weaponsByContext, b, weapons(m.k1.byContext), {
      column: words.context,
      label: (row) => b.value(labels.intakeContext, row.by?.context ?? 'unknown'),
    }),
    quantityTable('weapons_by_type', words.weaponsByType, b, weapons(m.k3.byType), {
      column: words.type,
      label: (row) => b.value(labels.weaponType, row.by?.weaponType ?? 'unknown'),
    }),
    quantityTable('weapons_by_iafq_type', words.weaponsByIafqType, b, weapons(m.k3.byUnodcType), {
      column: words.type,
      label: (row) => b.value(labels.unodcFirearmType, row.by?.unodcType ?? 'unknown'),
    }),
    quantityTable('parts', words.parts, b, m.k5.byPartType, {
      column: words.type,
      label: (row) => b.value(labels.partType, row.by?.partType ?? 'unknown'),
    }),
    quantityTable('ammunition', words.ammunition, b, m.k6.byClass, {
      column: words.type,
      label: (row) => b.value(labels.ammoClass, row.by?.ammoClass ?? 'unknown'),
    }),
    quantityTable('explosives', words.explosives, b, m.k7.byType, {
      column: words.type,
      label: (row) => b.value(labels.explosiveType, row.by?.eoType ?? 'unknown'),
    }),
    {
      id: 'tracing',
      title: words.tracing,
      columns: [words.outcome, words.arms],
      rows: m.sdg16_4_2.byTraceOutcome.map((row) => [
        b.value(words.outcomeValue, row.by.outcome),
        row.count,
      ]),
    },
  ];
  const checks = iafqChecks(
    {
      weaponsTotal: sumOf(m.k1.total, 'weapon'),
      weaponsByContext: weapons(m.k1.byContext).map((row) => row.amount),
      weaponsByType: weapons(m.k3.byType).map((row) => row.amount),
      weaponsByIafqType: weapons(m.k3.byUnodcType).map((row) => row.amount),
      ammunitionByUnit: byUnit(m.k6.byUnit),
      ammunitionByClassAndUnit: byUnit(m.k6.byClass),
    },
    language,
  );
  return { tables, checks };
}

function poa(m: Measures, b: Builder): ReportTable[] {
  const { words, labels } = b;
  return [
    quantityTable('collected', words.collected, b, m.k1.byContext, {
      column: words.context,
      label: (row) =>
        `${b.kind(row.kind)}: ${b.value(labels.intakeContext, row.by?.context ?? 'unknown')}`,
    }),
    quantityTable('destroyed', words.destroyed, b, m.k8.byMethod, {
      column: words.method,
      label: (row) => b.value(labels.destructionMethod, row.by?.method ?? 'unknown'),
    }),
    quantityTable('destroyed_counts', words.destroyedCounts, b, m.k8.countsWithoutItems, {
      column: words.sourceContext,
      label: (row) => b.value(labels.sourceContext, row.by?.sourceContext ?? 'unknown'),
    }),
    quantityTable('ammunition_destroyed', words.ammunitionDestroyed, b, m.k9.byMethod, {
      column: words.method,
      label: (row) => b.value(labels.destructionMethod, row.by?.method ?? 'unknown'),
    }),
  ];
}

function campaign(m: Measures, b: Builder): ReportTable[] {
  const { words } = b;
  const surrenderers = m.k14.bySexAndAgeBand.filter((row) => row.by.role === 'surrenderer');
  return [
    quantityTable('by_disposition', words.legalisedVsSurrendered, b, m.k12.byCampaign, [
      { column: words.campaign, label: (row) => b.campaign(row.by?.campaignId) },
      {
        column: words.disposition,
        label: (row) =>
          `${b.kind(row.kind)}: ${b.value(b.labels.dispositionRequested, row.by?.disposition ?? 'unknown')}`,
      },
    ]),
    {
      id: 'surrenderers',
      title: words.surrenderers,
      columns: [words.sex, words.ageBand, words.people],
      rows: surrenderers.map((row) => [
        b.value(b.labels.sex, row.by.sex ?? 'unknown'),
        b.value(b.labels.ageBand, row.by.ageBand ?? 'unknown'),
        row.count,
      ]),
    },
  ];
}

function roadmap(m: Measures, b: Builder): ReportTable[] {
  const { words, number } = b;
  const rows = words.roadmapRows;
  const people = m.k14.bySex
    .map((row) => `${b.value(b.labels.sex, row.by.sex ?? 'unknown')} ${number(row.count)}`)
    .join(', ');
  const surrendered = m.k1.byContext.filter(
    (row) => row.kind === 'weapon' && row.by.context === 'surrendered',
  );
  const legalised = m.k12.byCampaign.filter(
    (row) => row.kind === 'weapon' && row.by.disposition === 'legalization_registration',
  );
  const ammunition = [...byUnit(m.k9.byUnit)]
    .map(([unit, amount]) => `${number(amount)} ${b.value(b.labels.quantityUnit, unit)}`)
    .join(', ');
  const sites = m.k16.share;
  const losses = m.k15.incidents.reduce((s, row) => s + row.count, 0);
  return [
    {
      id: 'roadmap',
      title: words.title.roadmap,
      columns: [words.measure, words.value],
      rows: [
        [rows.g2People, people === '' ? '0' : people],
        [rows.g3Border, sumOf(m.k13.byLocationType, 'weapon')],
        [rows.g5Collected, sumOf(surrendered)],
        [rows.g5Legalised, sumOf(legalised)],
        [rows.g6Destroyed, sumOf(m.k8.total, 'weapon')],
        [rows.g6Ammunition, ammunition === '' ? '0' : ammunition],
        [rows.g7Sites, `${number(sites.part)} / ${number(sites.whole)}`],
        [rows.g7Losses, losses],
      ],
    },
  ];
}

/** The report, in `language`, from the measures of its period and filter. */
export function buildNationalReport(
  id: ReportId,
  measures: Measures,
  language: Language,
  names: ReportNames = {},
): NationalReport {
  const b = builderFor(language, names);
  const { words } = b;
  const { from, to, jurisdiction, campaignId, reviewState } = measures.filter;
  const dates = dateTimeFormat(language, {
    dateStyle: 'medium',
    timeZone: 'UTC',
  });
  const day = (iso: string) => dates.format(new Date(`${iso}T00:00:00Z`));
  const base = {
    id,
    title: words.title[id],
    subtitle: words.subtitle[id],
    // What the figures are limited to, so a printed report says which country and campaign.
    scope: [
      fill(words.scope, { from: day(from), to: day(to) }),
      ...(jurisdiction === undefined
        ? []
        : [fill(words.scopeJurisdiction, { country: countryName(language, jurisdiction) })]),
      ...(campaignId === undefined
        ? []
        : [fill(words.scopeCampaign, { campaign: b.campaign(campaignId) })]),
      ...(reviewState === undefined
        ? []
        : [fill(words.scopeReview, { state: words.reviewStanding[reviewState] })]),
      ...(names.team === undefined ? [] : [fill(words.scopeTeam, { team: names.team })]),
    ].join(' · '),
    draftsLeftOut: measures.draftsLeftOut,
  };
  switch (id) {
    case 'sdg_16_4_2':
      return { ...base, tables: sdgTables(measures, b), checks: [] };
    case 'iafq':
      return { ...base, ...iafq(measures, b, language) };
    case 'poa':
      return { ...base, tables: poa(measures, b), checks: [] };
    case 'campaign':
      return { ...base, tables: campaign(measures, b), checks: [] };
    case 'roadmap':
      return { ...base, tables: roadmap(measures, b), checks: [] };
  }
}
