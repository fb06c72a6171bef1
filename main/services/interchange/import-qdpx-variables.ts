// A REFI-QDA project's variables (a source's own values, and its cases'), as document variables of the
// sources it brings: a variable is matched by name or made with the project's type (Integer and Float
// become numbers, Date dates, the rest text); a document's own value is never overwritten, and a value
// that does not fit the library's variable is left out and counted.
import { METADATA_VARIABLES } from '../../../shared/interchange/refi-qda';
import { parseValue, type DocumentVariable, type VariableType, type VariableValue } from '../../../shared/variables';
import { AppError } from '../../../shared/errors';
import type { LibraryStore } from '../library/store';

const REFI_TYPES: Record<string, VariableType> = { Integer: 'number', Float: 'number', Date: 'date' };
const METADATA = new Set<string>(METADATA_VARIABLES);

export async function importDocumentVariables(
  store: LibraryStore,
  documentId: string,
  incoming: ReadonlyMap<string, string>,
  types: ReadonlyMap<string, string>,
  skip: (reason: string) => void,
  /** Lists of choices by variable name (a new variable with one is a list of choices). */
  choices: ReadonlyMap<string, string[]> = new Map(),
): Promise<void> {
  const values: Record<string, VariableValue> = {};
  for (const [name, text] of incoming) {
    if (METADATA.has(name) || !name.trim() || !text.trim()) continue;
    const list = choices.get(name);
    const variable = await variableNamed(store, name.trim(), list ? 'choice' : (REFI_TYPES[types.get(name) ?? ''] ?? 'text'), list ?? []);
    if (!variable) {
      skip('variables the library could not take (it holds 200 at most, or the name is too long)');
      continue;
    }
    // A date-time cut to its day, so that a Date variable's xsd:date-like values fit.
    const parsed = parseValue(variable, variable.type === 'date' ? text.trim().slice(0, 10) : text);
    const own = store.variables.get().values[documentId]?.[variable.id];
    if ('error' in parsed || parsed.value === null) skip('variable values that do not fit the library’s variable of that name');
    else if (own !== undefined && own !== parsed.value) skip('variable values that differ from what the document already had (its own were kept)');
    else if (own === undefined) values[variable.id] = parsed.value;
  }
  if (Object.keys(values).length) await store.variables.edit({ op: 'setDocument', documentId, values });
}

async function variableNamed(store: LibraryStore, name: string, type: VariableType, choices: string[]): Promise<DocumentVariable | null> {
  const same = (v: DocumentVariable) => v.name.localeCompare(name, undefined, { sensitivity: 'base' }) === 0;
  const found = store.variables.get().variables.find(same);
  if (found) return found;
  try {
    const state = await store.variables.edit({ op: 'create', name, type, choices });
    return state.variables.find(same) ?? null;
  } catch (error) {
    if (error instanceof AppError) return null; // refused (too many, a name too long): counted by the caller
    throw error;
  }
}
