import { describe, expect, it } from 'vitest';
import { documentLabels } from '../../../../shared/documents/document-labels.ts';
import { receiptWords } from '../../../../shared/documents/receipt-words.ts';
import { supportedLanguages } from '../../../../shared/settings/settings.ts';
import en from '../../../../renderer/i18n/locales/en.domain.json' with { type: 'json' };
import srLatn from '../../../../renderer/i18n/locales/sr-Latn.domain.json' with { type: 'json' };

const screens = { en: en.enum, 'sr-Latn': srLatn.enum } as Record<
  string,
  Record<string, Record<string, string>>
>;

describe('the labels printed on documents', () => {
  it('say exactly what the screens say, in every language', () => {
    for (const language of supportedLanguages) {
      for (const [name, labels] of Object.entries(documentLabels[language])) {
        expect(labels, `${language} ${name}`).toEqual(screens[language]?.[name]);
      }
    }
  });

  it('have the same words in every language, none left in English in Serbian', () => {
    const english = receiptWords.en;
    const serbian = receiptWords['sr-Latn'];
    expect(Object.keys(serbian).sort()).toEqual(Object.keys(english).sort());
    const same = Object.keys(english).filter(
      (key) => english[key as keyof typeof english] === serbian[key as keyof typeof serbian],
    );
    // Placeholders only, and words that are the same in both ("Status").
    expect(same.sort()).toEqual(['amendment', 'status']);
  });
});
