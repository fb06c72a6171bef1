// Reading a REFI-QDA project (project.qde, QDA-XML 1.0) from any tool: its codes and code sets, its
// text and PDF sources with their coded selections, its variables and notes. Only what Apostil can
// hold is read; the rest is counted so the import can say what it left out.
import { readCodes, readSets, type RefiCode, type RefiSet } from '../codebooks/refi-codebook';
import { childNamed, childrenNamed, parseXml, type XmlElement } from './xml';
import { choicesOf } from './refi-qda-variables';

export interface RefiSelection {
  guid: string;
  /** [start, end) in characters (code points) of the source's plain text. */
  start: number;
  end: number;
  description: string;
  codes: string[];
  notes: string[];
  created: string | null;
  modified: string | null;
  /** GUID of the user who made it: its first coding's creatingUser, else the selection's own. */
  creatingUser: string | null;
}

export interface RefiSource {
  guid: string;
  name: string;
  /** Where its plain text is: inline, or a path (internal://… is inside the project file). */
  plainText: string | null;
  plainTextPath: string | null;
  /** A PDF source's own file (its plain text is then its representation's). */
  pdfPath: string | null;
  description: string;
  selections: RefiSelection[];
  /** Variable name → value: the source's own, then those of the cases it belongs to. */
  variables: Map<string, string>;
  /** GUIDs of the notes the source (not one of its selections) refers to. */
  noteRefs: string[];
}

/** A note (a memo, in most tools): its text inline, or in a file of the project. */
export interface RefiNote {
  guid: string;
  name: string;
  text: string | null;
  plainTextPath: string | null;
  created: string | null;
  modified: string | null;
}

export interface RefiProject {
  origin: string;
  codes: RefiCode[];
  sets: RefiSet[];
  sources: RefiSource[];
  /** User GUID → name, from <Users>. */
  users: Map<string, string>;
  notes: RefiNote[];
  /** GUIDs of the notes about the project as a whole (its own <NoteRef>s). */
  projectNoteRefs: string[];
  /** Variable name → its REFI type (Text, Integer, Float, Date…). */
  variableTypes: Map<string, string>;
  /** Variable name → the choices its description lists (our export's lists of choices). */
  variableChoices: Map<string, string[]>;
  /** What was left out, by reason. */
  skipped: Map<string, number>;
}

export class ProjectFileError extends Error {}

const GUID = (value: string | undefined) => (value ?? '').replace(/[{}]/g, '').toLowerCase();

export function readRefiProject(xml: string): RefiProject {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    throw new ProjectFileError(`its project.qde is not well-formed XML (${(error as Error).message})`);
  }
  if (root.name !== 'Project') throw new ProjectFileError(`its project.qde is not a REFI-QDA project: its root element is <${root.name}>, not <Project>`);
  const skipped = new Map<string, number>();
  const skip = (reason: string, n = 1) => n > 0 && skipped.set(reason, (skipped.get(reason) ?? 0) + n);

  const codebook = childNamed(root, 'CodeBook');
  const declared = childrenNamed(childNamed(root, 'Variables') ?? emptyElement, 'Variable');
  const variables = new Map(declared.map((v) => [GUID(v.attributes.guid), v.attributes.name ?? '']));
  const variableTypes = new Map(declared.map((v) => [v.attributes.name ?? '', v.attributes.typeOfVariable ?? 'Text']));
  const variableChoices = new Map<string, string[]>();
  for (const v of declared) {
    const choices = (v.attributes.typeOfVariable ?? 'Text') === 'Text' ? choicesOf(childNamed(v, 'Description')?.text ?? '') : null;
    if (choices) variableChoices.set(v.attributes.name ?? '', choices);
  }
  const notes: RefiNote[] = childrenNamed(childNamed(root, 'Notes') ?? emptyElement, 'Note').map((note) => ({
    guid: GUID(note.attributes.guid),
    name: note.attributes.name ?? '',
    text: childNamed(note, 'PlainTextContent')?.text ?? null,
    plainTextPath: note.attributes.plainTextPath ?? null,
    created: note.attributes.creationDateTime ?? null,
    modified: note.attributes.modifiedDateTime ?? null,
  }));

  const sources: RefiSource[] = [];
  for (const element of childNamed(root, 'Sources')?.children ?? []) {
    if (element.name === 'TextSource') sources.push(readTextSource(element, variables, skip));
    else if (element.name === 'PDFSource') {
      const representation = childNamed(element, 'Representation');
      const source = representation ? readTextSource(representation, variables, skip) : emptySource();
      skip('regions of PDF pages (PDF selections)', childrenNamed(element, 'PDFSelection').length);
      skip('codes given to a whole source', childrenNamed(element, 'Coding').length);
      sources.push({
        ...source,
        guid: GUID(element.attributes.guid),
        name: element.attributes.name ?? source.name,
        pdfPath: element.attributes.path ?? null,
        variables: new Map([...source.variables, ...readVariables(element, variables)]),
        noteRefs: [...source.noteRefs, ...noteRefsOf(element)],
      });
    } else skip(`${element.name.replace(/Source$/, '').toLowerCase()} sources (Apostil reads texts and PDFs)`);
  }
  // Case variables (NVivo's attributes): a case's values go to each source it refers to, after the source's own.
  const byGuid = new Map(sources.map((s) => [s.guid, s]));
  for (const element of childrenNamed(childNamed(root, 'Cases') ?? emptyElement, 'Case')) {
    const values = readVariables(element, variables);
    for (const ref of childrenNamed(element, 'SourceRef')) {
      const source = byGuid.get(GUID(ref.attributes.targetGUID));
      if (source) for (const [name, value] of values) if (!source.variables.has(name)) source.variables.set(name, value);
    }
  }
  return {
    origin: root.attributes.origin ?? '',
    variableTypes,
    variableChoices,
    codes: readCodes(childNamed(codebook ?? emptyElement, 'Codes')),
    // Code sets sit in the project (1.0) or, in some tools' files, in the codebook.
    sets: [...readSets(childNamed(root, 'Sets')), ...readSets(childNamed(codebook ?? emptyElement, 'Sets'))],
    sources,
    users: new Map(
      childrenNamed(childNamed(root, 'Users') ?? emptyElement, 'User')
        .filter((u) => u.attributes.name !== undefined)
        .map((u) => [GUID(u.attributes.guid), u.attributes.name!]),
    ),
    notes,
    projectNoteRefs: noteRefsOf(root),
    skipped,
  };
}

const noteRefsOf = (element: XmlElement) => childrenNamed(element, 'NoteRef').map((n) => GUID(n.attributes.targetGUID));

const emptyElement: XmlElement = { name: '', namespace: '', attributes: {}, children: [], text: '' };
const emptySource = (): RefiSource => ({ guid: '', name: '', plainText: null, plainTextPath: null, pdfPath: null, description: '', selections: [], variables: new Map(), noteRefs: [] });

function readTextSource(element: XmlElement, variables: Map<string, string>, skip: (reason: string, n?: number) => void): RefiSource {
  skip('codes given to a whole source', childrenNamed(element, 'Coding').length);
  const selections: RefiSelection[] = [];
  for (const s of childrenNamed(element, 'PlainTextSelection')) {
    const start = Number(s.attributes.startPosition);
    const end = Number(s.attributes.endPosition);
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) {
      skip('selections without a valid start and end');
      continue;
    }
    selections.push({
      guid: GUID(s.attributes.guid),
      start,
      end,
      description: childNamed(s, 'Description')?.text ?? '',
      codes: childrenNamed(s, 'Coding').map((c) => GUID(childNamed(c, 'CodeRef')?.attributes.targetGUID)),
      notes: noteRefsOf(s),
      created: s.attributes.creationDateTime ?? null,
      modified: s.attributes.modifiedDateTime ?? null,
      creatingUser: nonEmpty(GUID(childrenNamed(s, 'Coding')[0]?.attributes.creatingUser)) ?? nonEmpty(GUID(s.attributes.creatingUser)),
    });
  }
  return {
    guid: GUID(element.attributes.guid),
    name: element.attributes.name ?? '',
    plainText: childNamed(element, 'PlainTextContent')?.text ?? null,
    plainTextPath: element.attributes.plainTextPath ?? null,
    pdfPath: null,
    description: childNamed(element, 'Description')?.text ?? '',
    selections,
    variables: readVariables(element, variables),
    noteRefs: noteRefsOf(element),
  };
}

const nonEmpty = (value: string) => (value === '' ? null : value);

function readVariables(element: XmlElement, variables: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const value of childrenNamed(element, 'VariableValue')) {
    const name = variables.get(GUID(childNamed(value, 'VariableRef')?.attributes.targetGUID));
    const text = value.children.find((c) => c.name !== 'VariableRef')?.text;
    if (name && text !== undefined) out.set(name, text);
  }
  return out;
}

/** REFI-QDA positions count characters (code points); our offsets count UTF-16 units. */
export function codePointsToOffsets(text: string): (position: number) => number {
  if (!/[\ud800-\udfff]/.test(text)) return (position) => Math.min(position, text.length);
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    offsets.push(i);
    if (text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff) i++;
  }
  return (position) => (position < offsets.length ? offsets[position]! : text.length);
}

/** internal://x (or a bare relative path) inside the project file; null for a file elsewhere on some disk. */
export function zipPathOf(path: string): string | null {
  const internal = /^internal:\/\/(.+)$/i.exec(path);
  if (internal) return `sources/${internal[1]}`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('/') || path.includes('..')) return null;
  return path.startsWith('sources/') ? path : `sources/${path}`;
}
