// The analysis filter by document variables: for each variable, the values whose sources are kept (a
// list's choices, or the values in use, and "(no value)"); none ticked keeps every source.
import { NO_VALUE, type AnalysisFilter } from '../../../shared/analysis';
import { formatValue, type DocumentVariable, type DocumentVariables } from '../../../shared/variables';
import { FilterMenu } from './FilterMenu';

interface Props {
  filter: AnalysisFilter;
  variables: DocumentVariables;
  onChange(filter: AnalysisFilter): void;
}

/** The values a filter can pick for a variable, in the order shown. */
function choicesOf(variable: DocumentVariable, variables: DocumentVariables): string[] {
  if (variable.type === 'choice') return [...variable.choices, NO_VALUE];
  const used = new Set<string>();
  for (const own of Object.values(variables.values)) if (own[variable.id] !== undefined) used.add(formatValue(own[variable.id]));
  const sorted = [...used].sort((a, b) => (variable.type === 'number' ? Number(a) - Number(b) : a.localeCompare(b)));
  return [...sorted, NO_VALUE];
}

export function VariableFilter({ filter, variables, onChange }: Props) {
  if (variables.variables.length === 0) return null;
  const conditions = filter.variables ?? [];
  const picked = (id: string) => conditions.find((c) => c.variableId === id)?.values ?? [];
  const toggle = (id: string, value: string) => {
    const now = picked(id);
    const next = now.includes(value) ? now.filter((v) => v !== value) : [...now, value];
    const others = conditions.filter((c) => c.variableId !== id);
    const all = next.length ? [...others, { variableId: id, values: next }] : others;
    onChange({ ...filter, variables: all.length ? all : undefined });
  };
  return (
    <>
      {variables.variables.map((variable) => {
        const values = picked(variable.id);
        return (
          <FilterMenu
            key={variable.id}
            name={variable.name}
            shown={values.length ? values.map((v) => v || '(no value)').join(', ') : 'any'}
            optionsLabel={`Sources whose ${variable.name} is`}
          >
            {choicesOf(variable, variables).map((value) => (
              <label key={value}>
                <input type="checkbox" checked={values.includes(value)} onChange={() => toggle(variable.id, value)} />
                {value === NO_VALUE ? '(no value)' : value}
              </label>
            ))}
          </FilterMenu>
        );
      })}
    </>
  );
}
