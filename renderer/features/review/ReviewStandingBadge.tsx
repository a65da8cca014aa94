import { useTranslation } from 'react-i18next';
import type { ReviewFilter } from '../../../shared/domain/record-review.ts';

/** Where a record stands with its review, as a badge (nothing for a record never reviewed). */
export function ReviewStandingBadge({ standing }: { standing: ReviewFilter }) {
  const { t } = useTranslation('review');
  if (standing === 'not_reviewed') return null;
  return (
    <span className={`badge badge--review-${standing}`} data-testid="review-standing">
      {t(`standing.${standing}`)}
    </span>
  );
}
