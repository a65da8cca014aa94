import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../records/format.ts';

export type FactRow = readonly [string, ReactNode];

/** A definition list that leaves out what was not recorded. */
export function PlaceFacts({ rows }: { rows: readonly FactRow[] }) {
  const shown = rows.filter(([, value]) => value !== undefined && value !== null && value !== '');
  if (shown.length === 0) return null;
  return (
    <dl className="facts facts--compact">
      {shown.map(([label, value]) => (
        <div key={label} className="facts__row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Who recorded it and who changed it last, with the revision an edit will be checked against. */
export function RecordedFacts({
  view,
}: {
  view: {
    revision: number;
    createdAt: string;
    createdBy: { name: string };
    updatedAt: string;
    updatedBy: { name: string } | null;
  };
}) {
  const { t } = useTranslation('places');
  const format = useFormatters();
  return (
    <section className="card" aria-labelledby="place-recorded">
      <h2 id="place-recorded">{t('common.sectionRecord')}</h2>
      <PlaceFacts
        rows={[
          [
            t('common.created'),
            t('common.byAt', {
              name: view.createdBy.name,
              when: format.dateTime(view.createdAt),
            }),
          ],
          [
            t('common.updated'),
            view.updatedBy === null
              ? t('common.at', { when: format.dateTime(view.updatedAt) })
              : t('common.byAt', {
                  name: view.updatedBy.name,
                  when: format.dateTime(view.updatedAt),
                }),
          ],
          [t('common.revision'), String(view.revision)],
        ]}
      />
    </section>
  );
}

/** A page's heading takes focus when the page opens, so a screen reader announces where one is. */
export function PageTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 id="place-title" className="place-title" tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}
