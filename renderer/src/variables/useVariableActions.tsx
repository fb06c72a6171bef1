// The document variables in the Documents view: the button and dialog that define them, setting one on
// the selected documents at once (with Undo, which puts back each document's own value), and the text
// of the table's Variables column.
import { useCallback, useMemo, useState } from 'react';
import { formatValue, NO_VARIABLES, valuesSummary, type DocumentVariable, type VariableEdit, type VariableValue } from '../../../shared/variables';
import { call, errorMessage } from '../api/client';
import { useNotices } from '../ui/notices';
import { BulkVariableSetter } from './BulkVariableSetter';
import { useVariables } from './useVariables';
import { VariablesDialog } from './VariablesDialog';
import './variables.css';

const plural = (n: number) => (n === 1 ? '1 document' : `${n} documents`);

export function useVariableActions() {
  const { notify } = useNotices();
  const state = useVariables();
  const [managing, setManaging] = useState(false);
  const variables = state.status === 'ready' ? state.value : null;
  // The table's "Variables" column; a new function only when the variables change, so rows are prepared again then.
  const summary = useMemo(() => {
    const current = variables ?? NO_VARIABLES;
    return (documentId: string) => valuesSummary(current, documentId);
  }, [variables]);

  const edit = useCallback(
    async (change: VariableEdit): Promise<boolean> => {
      try {
        await call('variables.edit', { edit: change });
        return true;
      } catch (e) {
        notify('error', `The variables could not be changed: ${errorMessage(e)}`);
        return false;
      }
    },
    [notify],
  );

  const setOn = async (documentIds: string[], variable: DocumentVariable, value: VariableValue | null): Promise<boolean> => {
    // Each document's value before, grouped, so that Undo gives every one its own back.
    const before = new Map<string, { value: VariableValue | null; ids: string[] }>();
    for (const id of documentIds) {
      const old = variables?.values[id]?.[variable.id] ?? null;
      const key = JSON.stringify(old);
      (before.get(key) ?? before.set(key, { value: old, ids: [] }).get(key)!).ids.push(id);
    }
    if (!(await edit({ op: 'set', variableId: variable.id, documentIds, value }))) return false;
    notify('info', value === null ? `${variable.name} cleared on ${plural(documentIds.length)}.` : `${variable.name} set to ${formatValue(value)} on ${plural(documentIds.length)}.`, {
      label: 'Undo',
      run: () => void (async () => {
        for (const group of before.values()) if (!(await edit({ op: 'set', variableId: variable.id, documentIds: group.ids, value: group.value }))) return;
      })(),
    });
    return true;
  };

  return {
    summary,
    manageButton: (
      <button type="button" className="small" onClick={() => setManaging(true)} disabled={!variables}>
        Variables…
      </button>
    ),
    dialog: managing && variables && (
      <VariablesDialog variables={variables} onEdit={(change) => call('variables.edit', { edit: change })} onClose={() => setManaging(false)} />
    ),
    bulkSetter: (documentIds: string[]) =>
      variables && (
        <BulkVariableSetter variables={variables.variables} onSet={(variable, value) => setOn(documentIds, variable, value)} onError={(message) => notify('error', message)} />
      ),
  };
}
