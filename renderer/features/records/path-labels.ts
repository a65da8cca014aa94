import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/** The item lists besides weapons, by the `items` namespace key their labels live under. */
const itemLabelKeys: Readonly<Record<string, string>> = {
  parts: 'part',
  ammunition: 'ammunition',
  explosives: 'explosive',
};

/**
 * A field path in words, for the finalise summary and the history: `weapons.1.markings.0.legibility`
 * → "Weapon 2 · Marking 1 · Legibility". Keys are built at run time, so a missing one falls back
 * to the next shorter description instead of showing a key.
 */
export function usePathLabel(): (path: string) => string {
  const { t, i18n } = useTranslation('records');
  const { t: tItems } = useTranslation('items');
  return useCallback(
    (path: string) => {
      const tt = t as unknown as LooseT;
      const has = (key: string) => i18n.exists(key, { ns: 'records' });
      const label = (key: string, fallback: string) => (has(key) ? tt(key) : fallback);
      const [first = '', second, third, fourth, fifth] = path.split('.');
      const itemKey = itemLabelKeys[first];
      if (itemKey !== undefined && second !== undefined && /^\d+$/.test(second)) {
        const ti = tItems as unknown as LooseT;
        const itemLabel = (key: string, fallback: string) =>
          i18n.exists(key, { ns: 'items' }) ? ti(key) : fallback;
        const item = ti(`${itemKey}.title`, { n: Number(second) + 1 });
        if (third === undefined) return item;
        // A quantity's amount and unit are separate fields of a lot; a part's count is its quantity.
        const field = third === 'quantity' && fourth !== undefined ? fourth : third;
        const key = itemKey === 'part' && third === 'quantity' ? 'quantity' : field;
        return `${item} · ${itemLabel(`${itemKey}.${key}`, field)}`;
      }
      if ((first === 'seizure' || first === 'collection') && second !== undefined) {
        return label(`${first}.${second}`, path);
      }
      if (first === 'weapons' && second !== undefined && /^\d+$/.test(second)) {
        const weapon = tt('weapon.title', { n: Number(second) + 1 });
        if (third === undefined) return weapon;
        if (third === 'markings' && fourth !== undefined && /^\d+$/.test(fourth)) {
          const marking = tt('marking.title', { n: Number(fourth) + 1 });
          return fifth === undefined
            ? `${weapon} · ${marking}`
            : `${weapon} · ${marking} · ${label(`marking.${fifth}`, fifth)}`;
        }
        // Headings carry a count ("Photos (2)"); a path names the field itself.
        const field = third === 'photos' || third === 'markings' ? `${third}Label` : third;
        return `${weapon} · ${label(`weapon.${field}`, third)}`;
      }
      return label(`field.${first}`, path);
    },
    [t, tItems, i18n],
  );
}
