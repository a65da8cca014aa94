import { describe, expect, it } from 'vitest';
import {
  countedUnit,
  countedUnitForms,
  documentLabels,
} from '../../../../shared/documents/document-labels.ts';
import { quantityUnitValues } from '../../../../shared/domain/quantity.ts';
import { receiptWords } from '../../../../shared/documents/receipt-words.ts';
import { supportedLanguages } from '../../../../shared/settings/settings.ts';
import { dashboardResources } from '../../../../renderer/i18n/dashboard-namespaces.ts';

// The screens' `domain` catalogue of each language, as the app loads it.
const screens = Object.fromEntries(
  supportedLanguages.map((language) => [language, dashboardResources[language].domain.enum]),
) as Record<string, Record<string, Record<string, string>>>;
const screensCounted = Object.fromEntries(
  supportedLanguages.map((language) => [
    language,
    dashboardResources[language].domain.quantityUnitCount,
  ]),
) as Record<string, Record<string, string>>;

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

  it('count each unit with the forms the language needs, as the screens do', () => {
    for (const language of supportedLanguages) {
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const printed: Record<string, string> = {};
      for (const unit of quantityUnitValues) {
        const forms = countedUnitForms[language][unit];
        expect(Object.keys(forms).sort(), `${language} ${unit}`).toEqual([...categories].sort());
        for (const [category, word] of Object.entries(forms))
          printed[`${unit}_${category}`] = `{{amount}} ${word}`;
      }
      expect(printed, language).toEqual(screensCounted[language]);
    }
  });

  // Serbian: 1 and 21 take "one", 2-4 and 22-24 "few", 0, 5-20 and 25 "other"; a decimal by its
  // fraction digits (2.5 is "other").
  it.each([
    [0, '0 pieces', '0 komada', '0 metaka'],
    [1, '1 piece', '1 komad', '1 metak'],
    [2, '2 pieces', '2 komada', '2 metka'],
    [5, '5 pieces', '5 komada', '5 metaka'],
    [11, '11 pieces', '11 komada', '11 metaka'],
    [21, '21 pieces', '21 komad', '21 metak'],
    [22, '22 pieces', '22 komada', '22 metka'],
    [25, '25 pieces', '25 komada', '25 metaka'],
    [2.5, '2.5 pieces', '2.5 komada', '2.5 metaka'],
  ])('agree with %d', (amount, english, serbianPieces, serbianRounds) => {
    expect(`${amount} ${countedUnit('en', 'pieces', amount)}`).toBe(english);
    expect(`${amount} ${countedUnit('sr-Latn', 'pieces', amount)}`).toBe(serbianPieces);
    expect(`${amount} ${countedUnit('sr-Latn', 'rounds', amount)}`).toBe(serbianRounds);
  });

  it('agree with a decimal by its plural category, and weights and boxes too', () => {
    expect(countedUnit('en', 'tonnes', 2.5)).toBe('tonnes');
    expect(countedUnit('en', 'tonnes', 1)).toBe('tonne');
    expect(countedUnit('sr-Latn', 'tonnes', 2.5)).toBe('tona');
    expect(countedUnit('sr-Latn', 'tonnes', 2)).toBe('tone');
    expect(countedUnit('sr-Latn', 'tonnes', 21)).toBe('tona');
    expect(countedUnit('sr-Latn', 'kg', 2.5)).toBe('kg');
    expect(countedUnit('en', 'boxes', 1)).toBe('box');
    expect(countedUnit('sr-Latn', 'boxes', 3)).toBe('kutije');
    expect(countedUnit('sr-Latn', 'boxes', 5)).toBe('kutija');
  });

  it('print a unit the app does not know (from a newer laptop) as stored', () => {
    expect(countedUnit('sr-Latn', 'barrels', 2)).toBe('barrels');
    expect(countedUnit('en', 'toString', 2)).toBe('toString');
  });
});
