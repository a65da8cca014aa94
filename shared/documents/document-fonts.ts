import type { Language } from '../settings/settings.ts';

/**
 * The fonts documents print in. pdfmake's own Roboto covers Latin (with č ć đ š ž) and Cyrillic
 * but has no Arabic letters, so an Arabic document prints in Vazirmatn (OFL), from the npm
 * package `vazirmatn`: Arabic, with Latin letters and digits drawn from Roboto, so serials, codes
 * and names inside Arabic text look as they do in the other documents. It has no Cyrillic
 * (right-to-left.ts prints Cyrillic and Greek runs in Roboto).
 *
 * Main and the server read its files from node_modules when they render (render-pdf.ts);
 * packaging/document-fonts.ts copies those files, and the licence notices beside them, into the
 * packaged app, as native modules ship with their LICENSE.
 */
export const arabicFont = {
  family: 'Vazirmatn',
  packageName: 'vazirmatn',
  /** Arabic has no italics; bold is Medium, as pdfmake's Roboto bold is Roboto-Medium. */
  files: {
    normal: 'fonts/ttf/Vazirmatn-Regular.ttf',
    bold: 'fonts/ttf/Vazirmatn-Medium.ttf',
  },
  /** The OFL and the copyright holders it names ("The Vazirmatn Project Authors"). */
  notices: ['OFL.txt', 'AUTHORS.txt'],
} as const;

export const latinFont = 'Roboto';

/** The font a document in `language` prints in. */
export function documentFontOf(language: Language): string {
  return language === 'ar' ? arabicFont.family : latinFont;
}
