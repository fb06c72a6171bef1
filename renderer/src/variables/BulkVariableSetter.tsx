// Among the selected documents' actions: give them all one value of a variable (or none) at once.
import { useState, type FormEvent } from 'react';
import { parseValue, type DocumentVariable, type VariableValue } from '../../../shared/variables';

interface Props {
  variables: readonly DocumentVariable[];
  onSet(variable: DocumentVariable, value: VariableValue | null): Promise<boolean>;
  onError(message: string): void;
}

export function BulkVariableSetter({ variables, onSet, onError }: Props) {
  const [variableId, setVariableId] = useState('');
  const [value, setValue] = useState('');
  const variable = variables.find((v) => v.id === variableId);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!variable) return;
    const parsed = parseValue(variable, value);
    if ('error' in parsed) return onError(`${parsed.error}.`);
    if (await onSet(variable, parsed.value)) setValue('');
  };
  if (variables.length === 0) return null;
  return (
    <form className="bulk-variable" onSubmit={(e) => void submit(e)}>
      <select aria-label="Variable to set on the selected documents" value={variableId} onChange={(e) => (setVariableId(e.target.value), setValue(''))}>
        <option value="">Set variable…</option>
        {variables.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </select>
      {variable && (
        <>
          {variable.type === 'choice' ? (
            <select aria-label={`Value of ${variable.name}`} value={value} onChange={(e) => setValue(e.target.value)}>
              <option value="">(no value)</option>
              {variable.choices.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          ) : (
            <input
              aria-label={`Value of ${variable.name}`}
              placeholder={variable.type === 'date' ? 'YYYY-MM-DD' : variable.type === 'number' ? 'a number' : 'value (empty: none)'}
              inputMode={variable.type === 'number' ? 'decimal' : undefined}
              value={value}
              maxLength={1_000}
              onChange={(e) => setValue(e.target.value)}
            />
          )}
          <button type="submit" className="small">
            {value.trim() === '' ? 'Clear' : 'Set'}
          </button>
        </>
      )}
    </form>
  );
}
