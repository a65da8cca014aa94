import type { Language } from '../../settings/settings.ts';
import type { DocumentWords } from './document-words.ts';
import { fr } from './fr.ts';
import { mk } from './mk.ts';
import { bs } from './bs.ts';
import { hr } from './hr.ts';
import { cnr } from './cnr.ts';
import { ar } from './ar.ts';
import { sq } from './sq.ts';
// <imports>

/**
 * The documents' words of the languages translated as a whole, one file each; English and
 * Serbian keep theirs beside each document's code, Serbian Cyrillic is transliterated.
 */
export const translatedDocumentWords = {
  fr,
  mk,
  bs,
  hr,
  cnr,
  ar,
  sq,
  // <languages>
} satisfies Partial<Record<Language, DocumentWords>>;

export type TranslatedLanguage = keyof typeof translatedDocumentWords;

/** One document's words in every translated language. */
export function translatedWordsOf<Part extends keyof DocumentWords>(
  part: Part,
): Record<TranslatedLanguage, DocumentWords[Part]> {
  return Object.fromEntries(
    Object.entries(translatedDocumentWords).map(([language, words]) => [language, words[part]]),
  ) as Record<TranslatedLanguage, DocumentWords[Part]>;
}
