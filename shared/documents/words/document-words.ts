import type { QuantityUnit } from '../../domain/quantity.ts';
import type { ReportWords } from '../../reports/national-reports.ts';
import type { CertificateWords } from '../destruction-certificate.ts';
import type { DocumentLabels } from '../document-labels.ts';
import type { NationalReportPdfWords } from '../national-report.ts';
import type { ReceiptWords } from '../receipt-words.ts';
import type { TraceRequestWords } from '../trace-request.ts';

/**
 * Every word the printed documents use, for one language: what each document module keeps for
 * English and Serbian beside its code, gathered in one file per language for the languages
 * translated as a whole (shared/documents/words/<language>.ts). The type is English's, so a
 * missing or misspelt key is a compile error; `countedUnits` has the plural forms the language's
 * CLDR rules use (checked against the screens' by test/unit/shared/documents).
 */
export interface DocumentWords {
  readonly receipt: ReceiptWords;
  readonly labels: DocumentLabels;
  readonly countedUnits: Readonly<Record<QuantityUnit, Readonly<Record<string, string>>>>;
  readonly certificate: CertificateWords;
  readonly traceRequest: TraceRequestWords;
  readonly nationalReport: ReportWords;
  readonly nationalReportPdf: NationalReportPdfWords;
}
