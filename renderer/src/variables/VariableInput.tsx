// One variable's value as a form control: a list for a list of choices, a box for the other types.
import type { DocumentVariable } from '../../../shared/variables';

interface Props {
  variable: DocumentVariable;
  value: string;
  onChange(value: string): void;
  label: string;
  id?: string;
}

const PLACEHOLDERS: Record<DocumentVariable['type'], string> = { text: '', choice: '', number: 'a number', date: 'YYYY-MM-DD' };

export function VariableInput({ variable, value, onChange, label, id }: Props) {
  if (variable.type === 'choice') {
    return (
      <select id={id} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">(no value)</option>
        {/* A value typed elsewhere that is no longer a choice still shows, so saving does not drop it unseen. */}
        {value !== '' && !variable.choices.includes(value) && <option value={value}>{value}</option>}
        {variable.choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      id={id}
      aria-label={label}
      value={value}
      inputMode={variable.type === 'number' ? 'decimal' : undefined}
      placeholder={PLACEHOLDERS[variable.type]}
      maxLength={1_000}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
