import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useDomainValidationText } from '../../../components/domain-labels.ts';
import { usePathLabel } from '../path-labels.ts';
import { elementForPath, focusPath } from '../paths.ts';

export interface SummaryIssue {
  readonly path: string;
  readonly message: string;
}

/** In the order the fields appear on screen, so the list reads like the form. */
function inScreenOrder(issues: readonly SummaryIssue[]): SummaryIssue[] {
  const placed = issues.map((issue, index) => ({
    issue,
    index,
    element: elementForPath(issue.path),
  }));
  return placed
    .sort((a, b) => {
      if (a.element === null || b.element === null || a.element === b.element)
        return a.index - b.index;
      const position = a.element.compareDocumentPosition(b.element);
      if (position & Node.DOCUMENT_POSITION_FOLLOWING) return -1;
      if (position & Node.DOCUMENT_POSITION_PRECEDING) return 1;
      return a.index - b.index;
    })
    .map(({ issue }) => issue);
}

/**
 * After a refused finalisation: how many fields still need attention, each a link that moves the
 * focus to its field. It takes the focus itself, so a screen reader reads it first.
 */
export function FinaliseSummary({
  issues,
  ref,
}: {
  issues: readonly SummaryIssue[];
  ref?: Ref<HTMLDivElement>;
}) {
  const { t } = useTranslation('records');
  const pathLabel = usePathLabel();
  const messageText = useDomainValidationText();
  return (
    <div
      ref={ref}
      className="notice notice--error summary"
      tabIndex={-1}
      aria-labelledby="finalise-summary-title"
      role="region"
      data-testid="finalise-summary"
    >
      <h2 id="finalise-summary-title">{t('finalise.attention', { count: issues.length })}</h2>
      <p>{t('finalise.attentionHint')}</p>
      <ul>
        {inScreenOrder(issues).map((issue) => (
          <li key={`${issue.path}:${issue.message}`}>
            <button type="button" className="link-button" onClick={() => focusPath(issue.path)}>
              {pathLabel(issue.path)}
            </button>
            {t('finalise.issueSeparator')}
            {messageText(issue.message)}
          </li>
        ))}
      </ul>
    </div>
  );
}
