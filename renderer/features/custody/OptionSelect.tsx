/**
 * A plain choice among values, with a first "none chosen" option, for the custody forms and
 * filters that keep their own state (not react-hook-form's EnumSelect).
 */
export function OptionSelect<T extends string>({
  id,
  value,
  empty,
  options,
  label,
  onChange,
  ...aria
}: {
  readonly id: string;
  readonly value: string;
  /** The first option's text: "Choose…" in a form, "Any…" in a filter. */
  readonly empty: string;
  readonly options: readonly T[];
  readonly label: (option: T) => string;
  readonly onChange: (value: string) => void;
  /** Set by the field around it when it has an issue. */
  readonly 'aria-invalid'?: boolean;
  readonly 'aria-describedby'?: string;
}) {
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value)} {...aria}>
      <option value="">{empty}</option>
      {options.map((option) => (
        <option key={option} value={option}>
          {label(option)}
        </option>
      ))}
    </select>
  );
}
