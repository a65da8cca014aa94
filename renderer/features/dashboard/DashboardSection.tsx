import type { ReactNode } from 'react';

/**
 * One group of figures, answering one question ("What came in"). Its heading is where the
 * page's contents jump to, so the section takes the focus then.
 */
export function DashboardSection({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <section
      id={id}
      tabIndex={-1}
      className="card stack dashboard-section"
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}
