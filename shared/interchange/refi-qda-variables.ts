// Document variables in a REFI-QDA project: each variable a <Variable> (REFI's types: a list of choices
// and text are Text; a number Integer or Float; a date Date when every value is a whole day, else Text
// since xsd:date has no year-only form), and each exported source with values a <Case> of its own
// ("case variables", as NVivo and MAXQDA hold them) carrying its values and a reference to the source.
import { formatValue, type DocumentVariable, type DocumentVariables, type VariableValue } from '../variables/model';
import { stableGuid } from './stable-guid';
import { xmlAttr as attr, xmlText as text } from './xml';

/** REFI has no list type: a list's choices are in its Variable's description, read back by choicesOf. */
const CHOICES_PREFIX = 'One of: ';

/** The choices a Variable's description lists ("One of: France; Kenya"), or null when it lists none. */
export function choicesOf(description: string): string[] | null {
  if (!description.startsWith(CHOICES_PREFIX)) return null;
  const choices = description.slice(CHOICES_PREFIX.length).split('; ').map((c) => c.trim()).filter(Boolean);
  return choices.length ? choices : null;
}

type RefiType = 'Text' | 'Integer' | 'Float' | 'Date';

export function documentVariableGuid(variable: Pick<DocumentVariable, 'id'>): string {
  return stableGuid('document-variable', variable.id);
}

function refiType(variable: DocumentVariable, used: readonly VariableValue[]): RefiType {
  if (variable.type === 'number') return used.every((v) => Number.isInteger(v)) ? 'Integer' : 'Float';
  if (variable.type === 'date') return used.every((v) => /^\d{4}-\d{2}-\d{2}$/.test(String(v))) ? 'Date' : 'Text';
  return 'Text';
}

const ELEMENT: Record<RefiType, string> = { Text: 'TextValue', Integer: 'IntegerValue', Float: 'FloatValue', Date: 'DateValue' };

/** The <Variable> elements and the <Cases> element (empty when no exported source has a value). */
export function documentVariablesXml(
  state: DocumentVariables,
  sources: readonly { id: string; title: string }[],
): { variables: string[]; cases: string[] } {
  const types = new Map<string, RefiType>();
  const variables = state.variables.map((variable) => {
    const used = sources.map((s) => state.values[s.id]?.[variable.id]).filter((v): v is VariableValue => v !== undefined);
    const type = refiType(variable, used);
    types.set(variable.id, type);
    const description = variable.type === 'choice' ? `<Description>${text(`${CHOICES_PREFIX}${variable.choices.join('; ')}`)}</Description>` : '';
    return `<Variable guid="${documentVariableGuid(variable)}" name="${attr(variable.name)}" typeOfVariable="${type}">${description}</Variable>`;
  });
  const cases: string[] = [];
  for (const source of sources) {
    const own = state.values[source.id];
    const values = state.variables.filter((v) => own?.[v.id] !== undefined);
    if (!values.length) continue;
    cases.push(`<Case guid="${stableGuid('case', source.id)}" name="${attr(source.title)}">`);
    for (const variable of values) {
      const element = ELEMENT[types.get(variable.id)!];
      cases.push(`<VariableValue><VariableRef targetGUID="${documentVariableGuid(variable)}"/><${element}>${text(formatValue(own![variable.id]))}</${element}></VariableValue>`);
    }
    cases.push(`<SourceRef targetGUID="${stableGuid('source', source.id)}"/>`, '</Case>');
  }
  return { variables, cases: cases.length ? ['<Cases>', ...cases, '</Cases>'] : [] };
}
