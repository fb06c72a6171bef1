// A REFI-QDA project (QDA-XML 1.0, the exchange format of NVivo, ATLAS.ti and MAXQDA): the codebook as
// codes, each source as a text source with its plain text, each passage as a coded selection. This
// module writes project.qde and names the source files; main zips them into the .qdpx.
import { STANCES, type Codebook, type LibraryDocument, type Stance } from '../model';
import type { CodedPassage } from '../analysis/passages';
import type { ExportSet } from './collections';
import { stableGuid } from './stable-guid';

export interface RefiQdaSource {
  document: LibraryDocument;
  text: string;
}

export interface RefiQdaInput {
  projectName: string;
  sources: readonly RefiQdaSource[];
  passages: readonly CodedPassage[];
  codebook: Codebook;
  generatedAt: string;
  /** Collections and document tags as sets of sources (shared/export/collections.ts). */
  sets?: readonly ExportSet[];
}

export interface RefiQdaProject {
  /** The project.qde XML. */
  xml: string;
  /** Files for the zip's sources/ folder: name → UTF-8 text. */
  files: { path: string; text: string }[];
}

const VARIABLES = ['Authors', 'Publication date', 'Publication', 'DOI', 'URL'] as const;

export function buildRefiQdaProject(input: RefiQdaInput): RefiQdaProject {
  const now = xmlDateTime(input.generatedAt);
  const user = stableGuid('user', 'apostil');
  const codes = new CodeTree(input.codebook);
  const usedStances = new Map<string, Set<Stance>>();
  const usedTags = new Set<string>();
  for (const p of input.passages) {
    for (const link of p.actors) (usedStances.get(link.actorId) ?? usedStances.set(link.actorId, new Set()).get(link.actorId)!).add(link.stance);
    for (const tag of p.tags) usedTags.add(tag);
  }
  const passagesBySource = new Map<string, CodedPassage[]>();
  for (const p of input.passages) (passagesBySource.get(p.documentId) ?? passagesBySource.set(p.documentId, []).get(p.documentId)!).push(p);

  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="utf-8"?>');
  out.push(
    `<Project xmlns="urn:QDA-XML:project:1.0" name="${attr(input.projectName)}" origin="Apostil" creatingUserGUID="${user}" creationDateTime="${now}">`,
  );
  out.push(`<Users><User guid="${user}" name="Apostil"/></Users>`);
  out.push('<CodeBook><Codes>', ...codes.xml(usedStances, [...usedTags].sort()), '</Codes></CodeBook>');
  out.push('<Variables>');
  for (const name of VARIABLES) out.push(`<Variable guid="${stableGuid('variable', name)}" name="${attr(name)}" typeOfVariable="Text"/>`);
  out.push('</Variables>');

  const files: RefiQdaProject['files'] = [];
  const sourcesXml: string[] = [];
  for (const { document, text } of input.sources) {
    const guid = stableGuid('source', document.id);
    const path = `${guid}.txt`;
    files.push({ path, text });
    const toCodePoints = codePointCounter(text);
    sourcesXml.push(
      `<TextSource guid="${guid}" name="${attr(document.metadata.title)}" plainTextPath="internal://${path}" creatingUser="${user}" creationDateTime="${xmlDateTime(document.importedAt)}">`,
    );
    for (const p of passagesBySource.get(document.id) ?? []) {
      if (p.start === null || p.end === null || p.end > text.length) continue;
      const codings = [
        ...p.principles.filter((id) => codes.principle(id)).map((id) => codes.principle(id)!),
        ...p.actors.map((l) => codes.stance(l.actorId, l.stance)).filter((g): g is string => g !== null),
        ...p.tags.map((t) => codes.tag(t)),
      ];
      sourcesXml.push(
        `<PlainTextSelection guid="${stableGuid('selection', p.annotationId)}" name="${attr(selectionName(p.quote))}" startPosition="${toCodePoints(p.start)}" endPosition="${toCodePoints(p.end)}" creatingUser="${user}" creationDateTime="${xmlDateTime(p.created)}" modifyingUser="${user}" modifiedDateTime="${xmlDateTime(p.modified)}">`,
      );
      if (p.note) sourcesXml.push(`<Description>${text_(p.note)}</Description>`);
      for (const code of codings) {
        sourcesXml.push(
          `<Coding guid="${stableGuid('coding', `${p.annotationId}/${code}`)}" creatingUser="${user}" creationDateTime="${xmlDateTime(p.created)}"><CodeRef targetGUID="${code}"/></Coding>`,
        );
      }
      sourcesXml.push('</PlainTextSelection>');
    }
    const m = document.metadata;
    const values: [string, string | null][] = [
      ['Authors', m.authors.join('; ') || null],
      ['Publication date', m.date],
      ['Publication', m.publication],
      ['DOI', m.doi],
      ['URL', m.url],
    ];
    for (const [name, value] of values) {
      if (!value) continue;
      sourcesXml.push(
        `<VariableValue><VariableRef targetGUID="${stableGuid('variable', name)}"/><TextValue>${text_(value)}</TextValue></VariableValue>`,
      );
    }
    sourcesXml.push('</TextSource>');
  }
  if (sourcesXml.length) out.push('<Sources>', ...sourcesXml, '</Sources>');
  const exported = new Set(input.sources.map((s) => s.document.id));
  const sets = (input.sets ?? []).map((set) => ({ ...set, documentIds: set.documentIds.filter((id) => exported.has(id)) })).filter((set) => set.documentIds.length);
  if (sets.length) {
    out.push('<Sets>');
    for (const set of sets) {
      out.push(`<Set guid="${stableGuid('set', set.name)}" name="${attr(set.name)}">`, `<Description>${text_(set.description)}</Description>`);
      for (const id of set.documentIds) out.push(`<MemberSource targetGUID="${stableGuid('source', id)}"/>`);
      out.push('</Set>');
    }
    out.push('</Sets>');
  }
  out.push('<Description>Exported from Apostil: principles, actors (by stance) and tags as codes; highlighted passages as coded selections.</Description>');
  out.push('</Project>');
  return { xml: out.join('\n') + '\n', files };
}

class CodeTree {
  private readonly principles: Map<string, string>;
  constructor(private readonly codebook: Codebook) {
    this.principles = new Map(codebook.principles.map((p) => [p.id, stableGuid('principle', p.id)]));
  }

  principle(id: string): string | undefined {
    return this.principles.get(id);
  }

  stance(actorId: string, stance: Stance): string | null {
    return this.codebook.actors.some((a) => a.id === actorId) ? stableGuid('actor-stance', `${actorId}/${stance}`) : null;
  }

  tag(tag: string): string {
    return stableGuid('tag', tag);
  }

  xml(usedStances: Map<string, Set<Stance>>, tags: string[]): string[] {
    const out: string[] = [];
    const principle = (id: string | null): void => {
      for (const p of this.codebook.principles.filter((x) => x.parentId === id)) {
        out.push(`<Code guid="${this.principles.get(p.id)}" name="${attr(p.name)}" isCodable="true" color="${p.color}">`);
        if (p.description) out.push(`<Description>${text_(p.description)}</Description>`);
        principle(p.id);
        out.push('</Code>');
      }
    };
    out.push(`<Code guid="${stableGuid('group', 'principles')}" name="Principles" isCodable="false">`);
    principle(null);
    out.push('</Code>');
    const actors = this.codebook.actors.filter((a) => usedStances.has(a.id));
    if (actors.length) {
      out.push(`<Code guid="${stableGuid('group', 'actors')}" name="Actors" isCodable="false">`);
      out.push('<Description>Each actor has one code per stance a passage gives it.</Description>');
      for (const actor of actors) {
        out.push(`<Code guid="${stableGuid('actor', actor.id)}" name="${attr(actor.name)}" isCodable="false">`);
        for (const stance of STANCES.filter((s) => usedStances.get(actor.id)!.has(s))) {
          out.push(`<Code guid="${this.stance(actor.id, stance)}" name="${attr(`${actor.name}: ${stance}`)}" isCodable="true"/>`);
        }
        out.push('</Code>');
      }
      out.push('</Code>');
    }
    if (tags.length) {
      out.push(`<Code guid="${stableGuid('group', 'tags')}" name="Tags" isCodable="false">`);
      for (const tag of tags) out.push(`<Code guid="${this.tag(tag)}" name="${attr(`#${tag}`)}" isCodable="true"/>`);
      out.push('</Code>');
    }
    return out;
  }
}

/** REFI-QDA positions count characters (code points); our offsets count UTF-16 units. */
function codePointCounter(text: string): (offset: number) => number {
  if (!/[\ud800-\udfff]/.test(text)) return (offset) => offset;
  return (offset) => [...text.slice(0, offset)].length;
}

function selectionName(quote: string): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat || 'Region';
}

/** xsd:dateTime wants seconds and a zone; our timestamps are ISO already, but be safe with odd ones. */
function xmlDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '1970-01-01T00:00:00Z' : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// XML 1.0 forbids most control characters even when escaped; they are dropped.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function text_(value: string): string {
  return value.replace(XML_INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text_(value).replace(/"/g, '&quot;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
