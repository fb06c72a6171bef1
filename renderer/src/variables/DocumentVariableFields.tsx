// The document's variables in its details dialog: one field each, saved with the details. The values
// are checked before anything is saved, so a value that does not fit changes nothing.
import { useState } from 'react';
import { formatValue, parseValue, type DocumentVariables, type VariableValue } from '../../../shared/variables';
import { call } from '../api/client';
import { useVariables } from './useVariables';
import { VariableInput } from './VariableInput';

export interface VariableForm {
  /** The fields, or nothing when the library has no variables. */
  fields: React.ReactNode;
  /** The changed values, or why one does not fit. */
  changes(): { values: Record<string, VariableValue | null> } | { error: string };
  save(values: Record<string, VariableValue | null>): Promise<void>;
}

export function useDocumentVariableForm(documentId: string | undefined): VariableForm {
  const state = useVariables();
  const [typed, setTyped] = useState<Record<string, string>>({});
  const variables: DocumentVariables | null = state.status === 'ready' && documentId ? state.value : null;
  const own = (documentId && variables?.values[documentId]) || {};
  const shown = (id: string) => typed[id] ?? formatValue(own[id]);

  const fields = variables && variables.variables.length > 0 && (
    <fieldset className="document-variables">
      <legend>Variables</legend>
      {variables.variables.map((variable) => (
        <label key={variable.id}>
          {variable.name}
          <VariableInput variable={variable} label={variable.name} value={shown(variable.id)} onChange={(value) => setTyped({ ...typed, [variable.id]: value })} />
        </label>
      ))}
    </fieldset>
  );

  return {
    fields,
    changes() {
      const values: Record<string, VariableValue | null> = {};
      for (const variable of variables?.variables ?? []) {
        if (typed[variable.id] === undefined || typed[variable.id] === formatValue(own[variable.id])) continue;
        const parsed = parseValue(variable, typed[variable.id]!);
        if ('error' in parsed) return { error: `${parsed.error}.` };
        values[variable.id] = parsed.value;
      }
      return { values };
    },
    async save(values) {
      if (!documentId || Object.keys(values).length === 0) return;
      await call('variables.edit', { edit: { op: 'setDocument', documentId, values } });
    },
  };
}
