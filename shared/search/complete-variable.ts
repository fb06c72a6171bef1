// Completion of var: clauses: the variables' names, then (after =, <, >…) the values documents have,
// or a list variable's choices.
import type { Completion } from './complete';
import { VARIABLE_TYPE_LABELS, formatValue, type DocumentVariables } from '../variables/model';
import { findVariable, formatVariableName, formatVariableValue } from '../variables/search';

/**
 * Completions for what follows "var:" (`rest`); `sign` is "-" for an exclusion; `matches` says whether
 * a partial word matches names, as for the other fields.
 */
export function completeVariable(
  rest: string,
  sign: string,
  state: DocumentVariables | undefined,
  matches: (partial: string, ...names: string[]) => boolean,
): Completion[] {
  if (!state) return [];
  const quotedName = rest.startsWith('"');
  const nameEnd = quotedName ? rest.indexOf('"', 1) : rest.search(/[=<>]/);
  const op = nameEnd === -1 ? null : /^(>=|<=|=|<|>)/.exec(rest.slice(nameEnd + (quotedName ? 1 : 0)))?.[1];
  if (nameEnd === -1 || !op) {
    // Still typing the name.
    const partial = rest.replace(/"/g, '');
    return state.variables
      .filter((v) => matches(partial, v.name))
      .map((v) => ({
        label: v.name,
        detail: v.type === 'choice' ? `${v.choices.slice(0, 3).join(', ')}${v.choices.length > 3 ? ', …' : ''}` : `${VARIABLE_TYPE_LABELS[v.type]} variable`,
        insert: `${sign}var:${formatVariableName(v.name)}=`,
      }));
  }
  const name = quotedName ? rest.slice(1, nameEnd) : rest.slice(0, nameEnd);
  const variable = findVariable(state.variables, name);
  if (!variable) return [];
  const partial = rest.slice(nameEnd + (quotedName ? 1 : 0) + op.length).replace(/"/g, '');
  const counts = new Map<string, number>();
  for (const own of Object.values(state.values)) {
    const value = own[variable.id];
    if (value !== undefined) counts.set(formatValue(value), (counts.get(formatValue(value)) ?? 0) + 1);
  }
  const values = variable.type === 'choice' ? variable.choices : [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || a.localeCompare(b));
  return values
    .filter((value) => (variable.type === 'text' || variable.type === 'choice' ? matches(partial, value) : value.startsWith(partial)))
    .map((value) => ({
      label: value,
      detail: `${counts.get(value) ?? 0} document${counts.get(value) === 1 ? '' : 's'}`,
      insert: `${sign}var:${formatVariableName(variable.name)}${op}${formatVariableValue(value)}`,
    }));
}
