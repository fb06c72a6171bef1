// A labelled choice among words that are both the value and what the user reads (link relations,
// coders), with an "any" choice first where it filters.
interface Props {
  label: string;
  choices: readonly string[];
  value: string;
  onChange(choice: string): void;
  /** The words of a first choice meaning "any" (value ""), where the select filters. */
  anyLabel?: string;
}

export function LabelledSelect({ label, choices, value, onChange, anyLabel }: Props) {
  return (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
    </label>
  );
}
