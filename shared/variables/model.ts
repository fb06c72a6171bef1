// Document variables (QDA "case variables" or "attributes"): fields the user defines once for the
// library (country, actor type, language, stance of the source…), each of one type, and the value each
// document has for them. Pure: the shapes, their schemas, and what a valid value of each type is.
import { z } from 'zod';
import { idSchema } from '../schemas';

export const VARIABLE_TYPES = ['text', 'choice', 'number', 'date'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];
export const VARIABLE_TYPE_LABELS: Record<VariableType, string> = {
  text: 'Text',
  choice: 'List of choices',
  number: 'Number',
  date: 'Date',
};

export const MAX_VARIABLES = 200;
export const MAX_CHOICES = 200;
export const MAX_TEXT_VALUE = 1_000;

export const variableNameSchema = z.string().trim().min(1, 'a variable needs a name').max(100, 'a variable name is at most 100 characters');
export const choiceSchema = z.string().trim().min(1, 'a choice cannot be empty').max(200, 'a choice is at most 200 characters');
const choicesSchema = z.array(choiceSchema).max(MAX_CHOICES, `a list holds at most ${MAX_CHOICES} choices`);

export interface DocumentVariable {
  id: string;
  name: string;
  type: VariableType;
  /** The choices of a 'choice' variable, in the order shown; [] for the other types. */
  choices: string[];
  created: string;
}

export const documentVariableSchema = z
  .strictObject({ id: idSchema, name: variableNameSchema, type: z.enum(VARIABLE_TYPES), choices: choicesSchema, created: z.string().max(100) })
  .superRefine((v, context) => {
    const problem = choicesProblem(v.type, v.choices);
    if (problem) context.addIssue({ code: 'custom', path: ['choices'], message: problem });
  });

/** A value as stored: a number for a 'number' variable, else a string. */
export type VariableValue = string | number;
export const variableValueSchema = z.union([z.string().max(MAX_TEXT_VALUE), z.number().finite()]);

/** Values by document id, then by variable id; a document without a value for a variable has no entry. */
export type VariableValues = Record<string, Record<string, VariableValue>>;

export interface DocumentVariables {
  variables: DocumentVariable[];
  values: VariableValues;
}

export const NO_VARIABLES: DocumentVariables = { variables: [], values: {} };

/** Why a list of choices does not suit a type, or null. */
export function choicesProblem(type: VariableType, choices: readonly string[]): string | null {
  if (type !== 'choice') return choices.length ? `only a list of choices has choices` : null;
  if (choices.length === 0) return 'a list of choices needs at least one choice';
  const seen = new Set<string>();
  for (const choice of choices) {
    const key = choice.toLocaleLowerCase();
    if (seen.has(key)) return `the choice “${choice}” is listed twice`;
    seen.add(key);
  }
  return null;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Why a value does not suit a variable, in words, or null when it does. */
export function valueProblem(variable: Pick<DocumentVariable, 'name' | 'type' | 'choices'>, value: unknown): string | null {
  const name = `“${variable.name}”`;
  switch (variable.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : `${name} takes a number`;
    case 'text':
      if (typeof value !== 'string' || value.trim() === '') return `${name} takes some text`;
      return value.length > MAX_TEXT_VALUE ? `${name} takes at most ${MAX_TEXT_VALUE} characters` : null;
    case 'choice':
      return typeof value === 'string' && variable.choices.includes(value) ? null : `${name} takes one of: ${variable.choices.join(', ')}`;
    case 'date':
      return typeof value === 'string' && isDate(value) ? null : `${name} takes a date like 2018, 2018-11 or 2018-11-12`;
  }
}

function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const month = match[2] === undefined ? 1 : Number(match[2]);
  const day = match[3] === undefined ? 1 : Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(Number(match[1]), month, 0)).getUTCDate();
}

/**
 * What the user typed, as a value of the variable: '' (or only spaces) means no value (null). A number
 * may use a decimal comma. A message in words when it does not fit.
 */
export function parseValue(variable: Pick<DocumentVariable, 'name' | 'type' | 'choices'>, input: string): { value: VariableValue | null } | { error: string } {
  const text = input.trim();
  if (text === '') return { value: null };
  let value: VariableValue = text;
  if (variable.type === 'number') {
    const normal = text.replace(/\s/g, '').replace(/^[−–]/, '-').replace(/^(-?\d+),(\d+)$/, '$1.$2');
    value = /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(normal) ? Number(normal) : Number.NaN;
  }
  const problem = valueProblem(variable, value);
  return problem ? { error: problem } : { value };
}

/** A value as shown and exported: numbers without a trailing ".0", the rest as is. */
export function formatValue(value: VariableValue | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'number' ? String(value) : value;
}

/** A document's values as one line, in the variables' order: "Country: France; Pages: 12". */
export function valuesSummary(state: DocumentVariables, documentId: string): string {
  const own = state.values[documentId];
  if (!own) return '';
  return state.variables
    .filter((v) => own[v.id] !== undefined)
    .map((v) => `${v.name}: ${formatValue(own[v.id])}`)
    .join('; ');
}
