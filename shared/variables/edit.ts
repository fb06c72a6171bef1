// Changes to the document variables, as values (they cross the contract) and as a pure function from
// the state before to the state after. A change that makes no sense is refused with a message in words
// and changes nothing.
import { z } from 'zod';
import { AppError } from '../errors';
import { idSchema } from '../schemas';
import {
  choiceSchema,
  choicesProblem,
  MAX_CHOICES,
  MAX_VARIABLES,
  valueProblem,
  variableNameSchema,
  variableValueSchema,
  VARIABLE_TYPES,
  type DocumentVariable,
  type DocumentVariables,
  type VariableValue,
} from './model';

const documentIds = z.array(idSchema).min(1, 'choose at least one document').max(100_000);
const choices = z.array(choiceSchema).max(MAX_CHOICES);

export const variableEditSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('create'), name: variableNameSchema, type: z.enum(VARIABLE_TYPES), choices }),
  /** A new name, and for a list its choices (a choice documents still have cannot go). */
  z.strictObject({ op: z.literal('update'), id: idSchema, name: variableNameSchema, choices }),
  /** The variable and every document's value for it. */
  z.strictObject({ op: z.literal('delete'), id: idSchema }),
  /** One value (null: none) for many documents at once. */
  z.strictObject({ op: z.literal('set'), variableId: idSchema, documentIds, value: variableValueSchema.nullable() }),
  /** Several variables' values (null: none) for one document, as the details dialog saves them. */
  z.strictObject({ op: z.literal('setDocument'), documentId: idSchema, values: z.record(idSchema, variableValueSchema.nullable()) }),
]);
export type VariableEdit = z.output<typeof variableEditSchema>;

export interface VariableEditContext {
  /** A fresh id for a new variable. */
  newId: string;
  now: string;
  hasDocument(id: string): boolean;
}

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;

export function applyVariableEdit(state: DocumentVariables, edit: VariableEdit, context: VariableEditContext): DocumentVariables {
  const find = (id: string): DocumentVariable => {
    const found = state.variables.find((v) => v.id === id);
    if (!found) throw new AppError('not-found', 'That variable no longer exists.');
    return found;
  };
  const refuseTwin = (name: string, self: string | null) => {
    const twin = state.variables.find((v) => v.id !== self && sameName(v.name, name));
    if (twin) throw new AppError('duplicate', `There is already a variable called “${twin.name}”.`);
  };
  const refuseChoices = (type: DocumentVariable['type'], list: readonly string[]) => {
    const problem = choicesProblem(type, list);
    if (problem) throw new AppError('invalid-input', `${problem[0]!.toUpperCase()}${problem.slice(1)}.`);
  };
  const refuseMissing = (ids: readonly string[]) => {
    const missing = ids.filter((id) => !context.hasDocument(id));
    if (missing.length) throw new AppError('not-found', `${missing.length === 1 ? 'A document is' : `${missing.length} documents are`} no longer in the library.`);
  };
  const refuseValue = (variable: DocumentVariable, value: VariableValue | null) => {
    const problem = value === null ? null : valueProblem(variable, value);
    if (problem) throw new AppError('invalid-input', `${problem}: “${String(value)}” does not fit.`);
  };

  switch (edit.op) {
    case 'create': {
      if (state.variables.length >= MAX_VARIABLES) throw new AppError('too-large', `A library can hold ${MAX_VARIABLES} variables.`);
      refuseTwin(edit.name, null);
      refuseChoices(edit.type, edit.choices);
      const variable: DocumentVariable = { id: context.newId, name: edit.name, type: edit.type, choices: edit.choices, created: context.now };
      return { ...state, variables: [...state.variables, variable] };
    }
    case 'update': {
      const variable = find(edit.id);
      refuseTwin(edit.name, variable.id);
      refuseChoices(variable.type, edit.choices);
      if (variable.type === 'choice') {
        const kept = new Set(edit.choices);
        const inUse = new Map<string, number>();
        for (const values of Object.values(state.values)) {
          const value = values[variable.id];
          if (typeof value === 'string' && !kept.has(value)) inUse.set(value, (inUse.get(value) ?? 0) + 1);
        }
        if (inUse.size) {
          const list = [...inUse].map(([choice, n]) => `“${choice}” (${n} document${n === 1 ? '' : 's'})`).join(', ');
          throw new AppError('invalid-input', `Documents still have ${list}: give them another value first.`);
        }
      }
      const updated = { ...variable, name: edit.name, choices: edit.choices };
      return { ...state, variables: state.variables.map((v) => (v.id === edit.id ? updated : v)) };
    }
    case 'delete': {
      find(edit.id);
      const values: DocumentVariables['values'] = {};
      for (const [documentId, own] of Object.entries(state.values)) {
        const { [edit.id]: _gone, ...rest } = own;
        if (Object.keys(rest).length) values[documentId] = rest;
      }
      return { variables: state.variables.filter((v) => v.id !== edit.id), values };
    }
    case 'set': {
      const variable = find(edit.variableId);
      refuseValue(variable, edit.value);
      refuseMissing(edit.documentIds);
      let values = state.values;
      for (const documentId of new Set(edit.documentIds)) values = withValue(values, documentId, variable.id, edit.value);
      return { ...state, values };
    }
    case 'setDocument': {
      refuseMissing([edit.documentId]);
      let values = state.values;
      for (const [variableId, value] of Object.entries(edit.values)) {
        refuseValue(find(variableId), value);
        values = withValue(values, edit.documentId, variableId, value);
      }
      return { ...state, values };
    }
  }
}

function withValue(values: DocumentVariables['values'], documentId: string, variableId: string, value: VariableValue | null): DocumentVariables['values'] {
  const { [variableId]: _old, ...rest } = values[documentId] ?? {};
  const own = value === null ? rest : { ...rest, [variableId]: value };
  const { [documentId]: _document, ...others } = values;
  return Object.keys(own).length ? { ...others, [documentId]: own } : others;
}
