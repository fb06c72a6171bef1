// The codebook in REFI-QDA terms (the exchange standard of NVivo, ATLAS.ti, MAXQDA and QualCoder), for
// the codebook file (.qdc) and the project file (.qdpx) alike:
// - principles are codes under a group code "Principles", nested as in the tree, with their colour;
//   a principle's definition, when to use it, when not to, and example share the code's Description,
//   as paragraphs headed "When to use:", "When not to use:" and "Example:";
// - actors are codes under a group code "Actors", their aliases in the Description ("Also known as:"
//   and one per line), their kind given by membership of a code set "Actors: State" and so on.
// Reading takes any tool's codes: codes under "Actors" become actors, every other code a principle.
import { ACTOR_KIND_LABELS, ACTOR_KINDS, type Actor, type ActorKind, type Codebook, type Principle } from '../model';
import { stableGuid } from '../interchange/stable-guid';
import { childNamed, childrenNamed, parseXml, xmlAttr, xmlText, type XmlElement } from '../interchange/xml';
import { nextPrincipleColor } from './colors';
import { codebookIds, slugId } from './ids';

const SECTIONS = [
  ['whenToUse', 'When to use:'],
  ['whenNotToUse', 'When not to use:'],
  ['example', 'Example:'],
] as const;
const ALIASES_HEADING = 'Also known as:';
export const PRINCIPLES_GROUP = 'Principles';
export const ACTORS_GROUP = 'Actors';
const kindSetName = (kind: ActorKind) => `${ACTORS_GROUP}: ${ACTOR_KIND_LABELS[kind]}`;

export const principleGuid = (id: string) => stableGuid('principle', id);
export const actorGuid = (id: string) => stableGuid('actor', id);

// ---- Writing ---------------------------------------------------------------------------------------

export function principleDescription(p: Pick<Principle, 'description' | 'whenToUse' | 'whenNotToUse' | 'example'>): string {
  const parts = [p.description.trim()];
  for (const [field, heading] of SECTIONS) if (p[field].trim()) parts.push(`${heading} ${p[field].trim()}`);
  return parts.filter(Boolean).join('\n\n');
}

export function actorDescription(actor: Actor): string {
  return actor.aliases.length ? [ALIASES_HEADING, ...actor.aliases].join('\n') : '';
}

/** The code elements of the codebook: the "Principles" group, and the "Actors" group when there are actors. */
export function codebookCodesXml(
  codebook: Codebook,
  actorChildren: (actor: Actor) => string[] = () => [],
  actorCodable = true,
  /** <NoteRef>s a project puts on a code (after its description, before its children, as the schema orders them). */
  noteRefs: (code: { kind: 'principle' | 'actor'; id: string }) => string[] = () => [],
): string[] {
  const out: string[] = [];
  const description = (text: string) => (text ? [`<Description>${xmlText(text)}</Description>`] : []);
  const principles = (parentId: string | null): void => {
    for (const p of codebook.principles.filter((x) => x.parentId === parentId)) {
      out.push(`<Code guid="${principleGuid(p.id)}" name="${xmlAttr(p.name)}" isCodable="true" color="${p.color}">`, ...description(principleDescription(p)), ...noteRefs({ kind: 'principle', id: p.id }));
      principles(p.id);
      out.push('</Code>');
    }
  };
  out.push(`<Code guid="${stableGuid('group', 'principles')}" name="${PRINCIPLES_GROUP}" isCodable="false">`);
  principles(null);
  out.push('</Code>');
  if (codebook.actors.length) {
    out.push(`<Code guid="${stableGuid('group', 'actors')}" name="${ACTORS_GROUP}" isCodable="false">`);
    for (const actor of codebook.actors) {
      out.push(`<Code guid="${actorGuid(actor.id)}" name="${xmlAttr(actor.name)}" isCodable="${actorCodable}">`, ...description(actorDescription(actor)), ...noteRefs({ kind: 'actor', id: actor.id }), ...actorChildren(actor), '</Code>');
    }
    out.push('</Code>');
  }
  return out;
}

/** One code set per kind of actor. `member` writes a member (the codebook and project schemas differ). */
export function actorKindSetsXml(codebook: Codebook, member: (guid: string) => string): string[] {
  const out: string[] = [];
  for (const kind of ACTOR_KINDS) {
    const actors = codebook.actors.filter((a) => a.kind === kind);
    if (!actors.length) continue;
    out.push(`<Set guid="${stableGuid('actor-kind', kind)}" name="${xmlAttr(kindSetName(kind))}">`, ...actors.map((a) => member(actorGuid(a.id))), '</Set>');
  }
  return out;
}

/** The codebook as a REFI-QDA codebook file (.qdc). */
export function codebookToQdc(codebook: Codebook): string {
  const sets = actorKindSetsXml(codebook, (guid) => `<MemberCode guid="${guid}"/>`);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Apostil">',
    '<Codes>',
    ...codebookCodesXml(codebook),
    '</Codes>',
    ...(sets.length ? ['<Sets>', ...sets, '</Sets>'] : []),
    '</CodeBook>',
    '',
  ].join('\n');
}

// ---- Reading ---------------------------------------------------------------------------------------

export interface RefiCode {
  guid: string;
  name: string;
  color: string | null;
  description: string;
  /** GUIDs of the notes (memos) the code refers to. */
  notes: string[];
  children: RefiCode[];
}

export interface RefiSet {
  name: string;
  members: string[];
}

export function readCodes(codes: XmlElement | undefined): RefiCode[] {
  if (!codes) return [];
  return childrenNamed(codes, 'Code').map((code) => ({
    guid: (code.attributes.guid ?? '').replace(/[{}]/g, '').toLowerCase(),
    name: code.attributes.name ?? '',
    color: code.attributes.color ?? null,
    description: childNamed(code, 'Description')?.text ?? '',
    notes: childrenNamed(code, 'NoteRef').map((n) => (n.attributes.targetGUID ?? '').replace(/[{}]/g, '').toLowerCase()),
    children: readCodes(code),
  }));
}

/** Code sets; their members are named by `guid` in a codebook file and by `targetGUID` in a project. */
export function readSets(sets: XmlElement | undefined): RefiSet[] {
  if (!sets) return [];
  return childrenNamed(sets, 'Set').map((set) => ({
    name: set.attributes.name ?? '',
    members: childrenNamed(set, 'MemberCode').map((m) => (m.attributes.guid ?? m.attributes.targetGUID ?? '').replace(/[{}]/g, '').toLowerCase()),
  }));
}

export function parsePrincipleDescription(text: string): Pick<Principle, 'description' | 'whenToUse' | 'whenNotToUse' | 'example'> {
  const out = { description: '', whenToUse: '', whenNotToUse: '', example: '' };
  let field: keyof typeof out = 'description';
  const collected: Record<keyof typeof out, string[]> = { description: [], whenToUse: [], whenNotToUse: [], example: [] };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const section = SECTIONS.find(([, heading]) => line.startsWith(heading));
    if (section) {
      field = section[0];
      collected[field].push(line.slice(section[1].length).trimStart());
    } else collected[field].push(line);
  }
  for (const key of Object.keys(out) as (keyof typeof out)[]) out[key] = collected[key].join('\n').trim();
  return out;
}

export function parseActorAliases(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim());
  const at = lines.indexOf(ALIASES_HEADING);
  return at === -1 ? [] : lines.slice(at + 1).filter(Boolean);
}

export type CodeTarget = { kind: 'principle' | 'actor'; id: string };

export interface ImportedCodebook {
  codebook: Codebook;
  /** Each code's GUID (lower case, no braces) to the principle or actor it became. */
  byGuid: Map<string, CodeTarget>;
  /** What was changed or left out on the way in, one line each. */
  notes: string[];
}

const MAX_NAME = 200;
const MAX_TEXT = 5_000;
const MAX_PRINCIPLES = 2_000;
const MAX_ACTORS = 10_000;

/**
 * Codes and sets as a codebook: codes under "Actors" become actors (kind from the "Actors: …" sets),
 * the "Principles" group is unwrapped, every other code is a principle, nested as it was. Names are
 * made unique among siblings, colours read or given, over-long texts shortened, and each change noted.
 */
export function codebookFromRefi(codes: readonly RefiCode[], sets: readonly RefiSet[], options: { skip?: (code: RefiCode, parent: RefiCode | null) => boolean } = {}): ImportedCodebook {
  const codebook: Codebook = { version: 1, principles: [], actors: [], colorByPrinciple: false };
  const byGuid = new Map<string, CodeTarget>();
  const notes: string[] = [];
  const kindOf = new Map<string, ActorKind>();
  const otherSets: string[] = [];
  for (const set of sets) {
    const kind = ACTOR_KINDS.find((k) => kindSetName(k).toLowerCase() === set.name.trim().toLowerCase());
    if (kind) for (const guid of set.members) kindOf.set(guid, kind);
    else otherSets.push(set.name);
  }
  if (otherSets.length) notes.push(`${otherSets.length} code set${otherSets.length === 1 ? '' : 's'} (${otherSets.slice(0, 5).map((n) => `“${n}”`).join(', ')}) left out: Apostil groups codes by nesting them instead.`);
  const clip = (text: string, what: string, max: number) => {
    if (text.length <= max) return text;
    notes.push(`${what} was longer than ${max.toLocaleString('en')} characters and was shortened.`);
    return text.slice(0, max);
  };
  const uniqueName = (name: string, taken: string[]) => {
    let candidate = name;
    for (let n = 2; taken.some((t) => t.toLowerCase() === candidate.toLowerCase()); n++) candidate = `${name} (${n})`;
    if (candidate !== name) notes.push(`Two codes named “${name}” sat side by side: the second is now “${candidate}”.`);
    return candidate;
  };

  const addActors = (list: readonly RefiCode[], parent: RefiCode) => {
    for (const code of list) {
      if (options.skip?.(code, parent)) continue;
      if (codebook.actors.length >= MAX_ACTORS) return void notes.push(`Only the first ${MAX_ACTORS.toLocaleString('en')} actors were kept.`);
      const name = uniqueName(clip(code.name.trim() || 'Unnamed actor', `The name “${code.name.slice(0, 40)}…”`, MAX_NAME), codebook.actors.map((a) => a.name));
      const actor: Actor = {
        id: slugId(name, codebookIds(codebook)),
        name,
        kind: kindOf.get(code.guid) ?? 'state',
        aliases: [...new Set(parseActorAliases(code.description).map((a) => a.slice(0, MAX_NAME)))].filter((a) => a !== name).slice(0, 100),
      };
      codebook.actors.push(actor);
      byGuid.set(code.guid, { kind: 'actor', id: actor.id });
      // An actor's sub-codes (a tool's own grouping) are actors too, listed after it.
      if (code.children.length) addActors(code.children, code);
    }
  };

  const addPrinciples = (list: readonly RefiCode[], parentId: string | null, parent: RefiCode | null) => {
    for (const code of list) {
      if (options.skip?.(code, parent)) continue;
      if (parentId === null && parent === null && code.name.trim().toLowerCase() === ACTORS_GROUP.toLowerCase()) {
        addActors(code.children, code);
        continue;
      }
      if (parentId === null && parent === null && code.name.trim().toLowerCase() === PRINCIPLES_GROUP.toLowerCase()) {
        addPrinciples(code.children, null, code);
        continue;
      }
      if (codebook.principles.length >= MAX_PRINCIPLES) return void notes.push(`Only the first ${MAX_PRINCIPLES.toLocaleString('en')} principles were kept.`);
      const siblings = codebook.principles.filter((p) => p.parentId === parentId).map((p) => p.name);
      const name = uniqueName(clip(code.name.trim() || 'Unnamed code', `The name “${code.name.slice(0, 40)}…”`, MAX_NAME), siblings);
      const described = parsePrincipleDescription(code.description);
      const principle: Principle = {
        id: slugId(name, codebookIds(codebook)),
        parentId,
        name,
        color: readColor(code.color) ?? nextPrincipleColor(codebook),
        description: clip(described.description, `The definition of “${name}”`, MAX_TEXT),
        whenToUse: clip(described.whenToUse, `“When to use” of “${name}”`, MAX_TEXT),
        whenNotToUse: clip(described.whenNotToUse, `“When not to use” of “${name}”`, MAX_TEXT),
        example: clip(described.example, `The example of “${name}”`, MAX_TEXT),
      };
      codebook.principles.push(principle);
      byGuid.set(code.guid, { kind: 'principle', id: principle.id });
      addPrinciples(code.children, principle.id, code);
    }
  };
  addPrinciples(codes, null, null);
  return { codebook, byGuid, notes };
}

/** "#abc" as "#aabbcc", "#AABBCC" as it is; null for anything else. */
function readColor(color: string | null): string | null {
  const hex = color?.trim().match(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i)?.[1];
  if (!hex) return null;
  return `#${hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex}`;
}

/** A REFI-QDA codebook file (.qdc) as a codebook. Throws CodebookFileError saying what is wrong. */
export function parseQdc(text: string): ImportedCodebook {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    throw new CodebookFileError(`it is not well-formed XML (${(error as Error).message})`);
  }
  if (root.name !== 'CodeBook') throw new CodebookFileError(`it is not a REFI-QDA codebook: its root element is <${root.name}>, not <CodeBook>`);
  const codes = readCodes(childNamed(root, 'Codes'));
  if (codes.length === 0) throw new CodebookFileError('it holds no codes');
  return codebookFromRefi(codes, readSets(childNamed(root, 'Sets')));
}

export class CodebookFileError extends Error {}
