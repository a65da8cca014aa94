import { reviewFilterValues, type ReviewFilter } from '../../shared/domain/record-review.ts';

/**
 * A filter's review state: "any" or one standing (the laptop's reports and export, the console's
 * overview and reports). The words come from the caller, as each app keeps them in its own
 * catalogue; the hint says what the filter leaves out, shown only while it has effect when
 * `hintWhenChosen` is set.
 */
export function ReviewFilterSelect({
  id,
  value,
  onChange,
  disabled = false,
  words,
  hintWhenChosen = false,
}: {
  id: string;
  value: ReviewFilter | undefined;
  onChange: (value: ReviewFilter | undefined) => void;
  disabled?: boolean;
  words: {
    readonly label: string;
    readonly any: string;
    readonly standing: (value: ReviewFilter) => string;
    readonly hint: string;
  };
  hintWhenChosen?: boolean;
}) {
  const showHint = !hintWhenChosen || value !== undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{words.label}</label>
      <select
        id={id}
        value={value ?? ''}
        disabled={disabled}
        aria-describedby={showHint ? `${id}-hint` : undefined}
        onChange={(event) =>
          onChange(reviewFilterValues.find((standing) => standing === event.target.value))
        }
      >
        <option value="">{words.any}</option>
        {reviewFilterValues.map((standing) => (
          <option key={standing} value={standing}>
            {words.standing(standing)}
          </option>
        ))}
      </select>
      {showHint && (
        <p id={`${id}-hint`} className="field__hint">
          {words.hint}
        </p>
      )}
    </div>
  );
}
