import { describe, expect, it } from 'vitest';
import { fileNameInLanguage } from '../../../../shared/documents/document-file-name.ts';

describe('a document’s file name in another language', () => {
  it('names the language before the extension, and only when it is not the interface’s', () => {
    expect(fileNameInLanguage('surrender-receipt-K7QX9-00042.pdf', 'fr', 'en')).toBe(
      'surrender-receipt-K7QX9-00042-fr.pdf',
    );
    expect(fileNameInLanguage('report-iafq-2024-01-01-2024-12-31.xlsx', 'sr-Cyrl', 'sr-Latn')).toBe(
      'report-iafq-2024-01-01-2024-12-31-sr-Cyrl.xlsx',
    );
    expect(fileNameInLanguage('surrender-receipt-K7QX9-00042.pdf', 'ar', 'ar')).toBe(
      'surrender-receipt-K7QX9-00042.pdf',
    );
    // A name without an extension still says it.
    expect(fileNameInLanguage('certificate', 'mk', 'en')).toBe('certificate-mk');
  });
});
