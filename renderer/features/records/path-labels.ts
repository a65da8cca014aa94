import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/**
 * A field path in words, for the finalise summary and the history: `weapons.1.markings.0.legibility`
 * → "Weapon 2 · Marking 1 · Legibility". Keys are built at run time, so a missing one falls back
 * to the next shorter description instead of showing a key.
 */
export function usePathLabel(): (path: string) => string {
  const { t, i18n } = useTranslation('records');
  return useCallback(
    (path: string) => {
      const tt = t as unknown as LooseT;
      const has = (key: string) => i18n.exists(key, { ns: 'records' });
      const label = (key: string, fallback: string) => (has(key) ? tt(key) : fallback);
      const [first = '', second, third, fourth, fifth] = path.split('.');
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
    [t, i18n],
  );
}
