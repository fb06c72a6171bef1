// Reading document-variables.json back: each variable and each document's value is judged on its own,
// so one bad entry never sinks the rest. What cannot be used is returned to be set aside (the caller
// keeps it in the quarantine).
import { z } from 'zod';
import type { CheckedFile } from '../collections/check';
import { describeZodError, idSchema } from '../schemas';
import { documentVariableSchema, valueProblem, type DocumentVariable, type DocumentVariables } from './model';

export const VARIABLES_FORMAT_VERSION = 1;

/** The file's outer shape: what must hold for any entry in it to be read. */
export const variablesFileShape = z.object({
  version: z.literal(VARIABLES_FORMAT_VERSION),
  variables: z.array(z.unknown()),
  values: z.record(z.string(), z.record(z.string(), z.unknown())),
});

export function checkVariables(file: z.output<typeof variablesFileShape>): CheckedFile<DocumentVariables> {
  const invalid: CheckedFile<unknown>['invalid'] = [];
  const variables: DocumentVariable[] = [];
  const names = new Set<string>();
  for (const entry of file.variables) {
    const parsed = documentVariableSchema.safeParse(entry);
    if (!parsed.success) {
      invalid.push({ entry, reason: describeZodError(parsed.error) });
      continue;
    }
    const variable = parsed.data;
    const name = variable.name.toLocaleLowerCase();
    if (variables.some((v) => v.id === variable.id) || names.has(name)) {
      invalid.push({ entry, reason: `another variable has the id ${variable.id} or the name “${variable.name}”` });
      continue;
    }
    names.add(name);
    variables.push(variable);
  }
  const byId = new Map(variables.map((v) => [v.id, v]));
  const values: DocumentVariables['values'] = {};
  for (const [documentId, own] of Object.entries(file.values)) {
    if (!idSchema.safeParse(documentId).success) {
      invalid.push({ entry: { [documentId]: own }, reason: `“${documentId}” is not a document id` });
      continue;
    }
    for (const [variableId, value] of Object.entries(own)) {
      const variable = byId.get(variableId);
      const problem = variable ? valueProblem(variable, value) : `there is no variable with the id ${variableId}`;
      if (problem) invalid.push({ entry: { [documentId]: { [variableId]: value } }, reason: problem });
      else (values[documentId] ??= {})[variableId] = value as string | number;
    }
  }
  return { value: { variables, values }, invalid, repairs: [] };
}
