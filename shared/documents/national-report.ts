import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { NationalReport, ReportCell } from '../reports/national-reports.ts';
import type { Language } from '../settings/settings.ts';
import { formatsFor } from './intake-receipt.ts';
import { fill } from './receipt-words.ts';
import { translatedWordsOf } from './words/translated.ts';
import { catalogueToCyrillic } from '../i18n/serbian-cyrillic.ts';
import { numberFormat } from '../i18n/formats.ts';
import { forLanguage } from './right-to-left.ts';

/** The words the PDF adds around a report's own (the report is built in its language). */
const pdfWords = {
  en: {
    checks: 'Consistency checks',
    pass: 'Pass',
    fail: 'FAIL',
    empty: 'Nothing recorded.',
    printed: 'Printed {when} from SALW Field.',
    footer: '{title} · page {page} of {pages}',
  },
  'sr-Latn': {
    checks: 'Provere doslednosti',
    pass: 'Ispravno',
    fail: 'NEISPRAVNO',
    empty: 'Ništa nije evidentirano.',
    printed: 'Odštampano {when} iz aplikacije SALW Field.',
    footer: '{title} · strana {page} od {pages}',
  },
} satisfies Record<'en' | 'sr-Latn', Record<string, string>>;

export type NationalReportPdfWords = (typeof pdfWords)['en'];

const words: Readonly<Record<Language, NationalReportPdfWords>> = {
  ...pdfWords,
  'sr-Cyrl': catalogueToCyrillic(pdfWords['sr-Latn']),
  ...translatedWordsOf('nationalReportPdf'),
};

/** A report as a PDF: its tables in order, its checks with pass or fail, when it was printed. */
export function buildNationalReportDocument(
  report: NationalReport,
  language: Language,
  generatedAt: string,
): TDocumentDefinitions {
  const w = words[language];
  const format = formatsFor(language, undefined);
  const number = numberFormat(language, { maximumFractionDigits: 3 });
  const cell = (value: ReportCell): TableCell =>
    typeof value === 'number'
      ? { text: number.format(value), alignment: 'right' }
      : { text: value ?? '–' };
  const content: Content[] = [
    { text: report.title, style: 'title' },
    { text: report.subtitle, style: 'subtitle' },
    { text: report.scope },
  ];
  for (const table of report.tables) {
    content.push({ text: table.title, style: 'heading', headlineLevel: 1 });
    content.push(
      table.rows.length === 0
        ? { text: w.empty, italics: true }
        : {
            table: {
              headerRows: 1,
              dontBreakRows: true,
              widths: table.columns.map((_, index) => (index === 0 ? '*' : 'auto')),
              body: [
                table.columns.map((column): TableCell => ({ text: column, style: 'th' })),
                ...table.rows.map((row) => row.map(cell)),
              ],
            },
            layout: 'lightHorizontalLines',
          },
    );
  }
  if (report.checks.length > 0) {
    content.push({ text: w.checks, style: 'heading', headlineLevel: 1 });
    content.push({
      table: {
        widths: ['*', 'auto', 'auto'],
        body: report.checks.map((check): TableCell[] => [
          check.label,
          check.detail,
          {
            text: check.pass ? w.pass : w.fail,
            bold: true,
            color: check.pass ? '#1b5e20' : '#b71c1c',
          },
        ]),
      },
      layout: 'lightHorizontalLines',
    });
  }
  content.push({
    text: fill(w.printed, { when: format.instant(generatedAt) }),
    style: 'small',
    margin: [0, 16, 0, 0],
  });
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 48, 40, 48],
    info: {
      title: report.title,
      creator: 'SALW Field',
      producer: 'SALW Field',
      creationDate: new Date(generatedAt),
    },
    language,
    content,
    pageBreakBefore: (node, { getFollowingNodesOnPage }) =>
      node.headlineLevel === 1 &&
      getFollowingNodesOnPage().every((following) => following.style === 'footer'),
    footer: (page: number, pages: number) => ({
      text: fill(w.footer, { title: report.title, page, pages }),
      style: 'footer',
      margin: [40, 16, 40, 0],
    }),
    defaultStyle: { fontSize: 10, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 2] },
      subtitle: { fontSize: 9, color: '#444444', margin: [0, 0, 0, 8] },
      heading: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
      th: { bold: true },
      small: { fontSize: 8, color: '#444444' },
      footer: { fontSize: 8, color: '#444444', alignment: 'center' },
    },
  };
  return forLanguage(definition, language);
}
