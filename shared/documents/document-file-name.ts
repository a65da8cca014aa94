import type { Language } from '../settings/settings.ts';

/**
 * A document made in another language than the interface's says so in its file name, before the
 * extension ("surrender-receipt-K7QX9-00042-fr.pdf"): a French and an English copy of one record
 * saved side by side never overwrite each other, and the copy for a partner is told apart in a
 * folder without opening it. A document in the interface's language keeps its plain name.
 */
export function fileNameInLanguage(
  fileName: string,
  documentLanguage: Language,
  interfaceLanguage: Language,
): string {
  if (documentLanguage === interfaceLanguage) return fileName;
  const dot = fileName.lastIndexOf('.');
  return dot <= 0
    ? `${fileName}-${documentLanguage}`
    : `${fileName.slice(0, dot)}-${documentLanguage}${fileName.slice(dot)}`;
}
