// A REFI-QDA project (QDA-XML 1.0, the exchange format of NVivo, ATLAS.ti and MAXQDA): the codebook as
// codes (shared/codebooks/refi-codebook.ts), each source as a text source with its plain text, each
// passage as a coded selection. This module writes project.qde and names the files; main zips them
// into the .qdpx. What the standard has no place for (a highlight's colour and exact place on a PDF
// page, a region of a page, a source's original file and reading layout) goes beside it, in
// apostil.json and the original files, so that Apostil reads its own export back with nothing lost
// (refi-qda-sidecar.ts); other tools ignore them.
import { type Annotation, type Codebook, type DocumentText, type LibraryDocument, type Stance } from '../model';
import type { CodedPassage } from '../analysis/passages';
import type { ExportSet } from './collections';
import { actorKindSetsXml, codebookCodesXml } from '../codebooks/refi-codebook';
import { STANCES } from '../model';
import { SIDECAR_PATH, type RefiSidecar } from './refi-qda-sidecar';
import { documentVariablesXml } from './refi-qda-variables';
import { memoNotes } from './refi-qda-notes';
import type { Memo } from '../memos/model';
import type { DocumentVariables } from '../variables/model';
import { stableGuid } from './stable-guid';
import { xmlAttr as attr, xmlText as text_ } from './xml';

export interface RefiQdaSource {
  document: LibraryDocument;
  text: string;
  /** The document's text as Apostil reads it (blocks, pages), and its original file, for apostil.json. */
  layout?: DocumentText;
  original?: Uint8Array;
}

export interface RefiQdaInput {
  projectName: string;
  sources: readonly RefiQdaSource[];
  passages: readonly CodedPassage[];
  /** The annotations behind the passages (their exact selectors and colours go to apostil.json). */
  annotations?: readonly Annotation[];
  codebook: Codebook;
  generatedAt: string;
  /** Collections and document tags as sets of sources (shared/interchange/collections.ts). */
  sets?: readonly ExportSet[];
  /** The library's document variables: Variables, and a Case per source with values (refi-qda-variables.ts). */
  variables?: DocumentVariables;
  /** Memos, as Notes referred to by their source, code or the project (refi-qda-notes.ts). */
  memos?: readonly Memo[];
}

export interface RefiQdaProject {
  /** The project.qde XML. */
  xml: string;
  /** The other files of the zip, by their path in it: sources' texts and originals, apostil.json. */
  files: { path: string; content: string | Uint8Array }[];
}

/** The variables our export writes from a source's details (read back into them, not as document variables). */
export const METADATA_VARIABLES = ['Authors', 'Publication date', 'Publication', 'DOI', 'URL', 'Kind'] as const;
const VARIABLES = METADATA_VARIABLES;
const ORIGINAL_EXTENSION = { pdf: 'pdf', html: 'html', markdown: 'md', text: 'txt' } as const;

/** The project's own user: sources, and passages with no coder recorded. */
export const APOSTIL_USER = stableGuid('user', 'apostil');
/** A coder as a user of the project (the same GUID in every export, so tools can follow a coder across them). */
export const coderGuid = (coder: string) => stableGuid('coder', coder);

export function buildRefiQdaProject(input: RefiQdaInput): RefiQdaProject {
  const now = xmlDateTime(input.generatedAt);
  const user = APOSTIL_USER;
  // Each coder is a user of the project; passages with no coder recorded are the project's own user's.
  const coders = [...new Set(input.passages.map((p) => p.coder).filter((c): c is string => c !== null))].sort();
  const userOf = (coder: string | null) => (coder === null ? user : coderGuid(coder));
  const exportedSources = new Set(input.sources.map((s) => s.document.id));
  const notes = memoNotes(
    input.memos ?? [],
    {
      document: (id) => exportedSources.has(id),
      principle: (id) => input.codebook.principles.some((p) => p.id === id),
      actor: (id) => input.codebook.actors.some((a) => a.id === id),
    },
    user,
    xmlDateTime,
  );
  const noteRefs = (owner: string) => notes.refs.get(owner) ?? [];
  const codes = new CodeTree(input.codebook, (code) => noteRefs(`${code.kind}:${code.id}`));
  const annotations = new Map((input.annotations ?? []).map((a) => [a.id, a]));
  const sidecar: RefiSidecar = { version: 1, sources: {}, selections: {}, regions: [], ...(Object.keys(notes.ids).length ? { memos: notes.ids } : {}) };
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
  out.push(`<Users><User guid="${user}" name="Apostil"/>${coders.map((c) => `<User guid="${coderGuid(c)}" name="${attr(c)}"/>`).join('')}</Users>`);
  out.push('<CodeBook><Codes>', ...codes.xml(usedStances, [...usedTags].sort()), '</Codes></CodeBook>');
  const actorSets = actorKindSetsXml(input.codebook, (guid) => `<MemberCode targetGUID="${guid}"/>`);
  const documentVariables = documentVariablesXml(input.variables ?? { variables: [], values: {} }, input.sources.map((s) => ({ id: s.document.id, title: s.document.metadata.title })));
  out.push('<Variables>');
  for (const name of VARIABLES) out.push(`<Variable guid="${stableGuid('variable', name)}" name="${attr(name)}" typeOfVariable="Text"/>`);
  out.push(...documentVariables.variables, '</Variables>');
  out.push(...documentVariables.cases);

  const files: RefiQdaProject['files'] = [];
  const sourcesXml: string[] = [];
  for (const { document, text, layout, original } of input.sources) {
    const guid = stableGuid('source', document.id);
    const path = `${guid}.txt`;
    files.push({ path: `sources/${path}`, content: text });
    const originalPath = original ? `sources/${guid}.original.${ORIGINAL_EXTENSION[document.format]}` : null;
    if (original && originalPath) files.push({ path: originalPath, content: original });
    sidecar.sources[guid] = {
      documentId: document.id,
      format: document.format,
      originalName: document.originalName,
      original: originalPath,
      contentHash: document.contentHash,
      pageCount: document.pageCount,
      ...(document.fieldOrigins ? { fieldOrigins: document.fieldOrigins } : {}),
      blocks: layout?.blocks ?? null,
      pages: layout?.pages ?? null,
    };
    const toCodePoints = codePointCounter(text);
    sourcesXml.push(
      `<TextSource guid="${guid}" name="${attr(document.metadata.title)}" plainTextPath="internal://${path}" creatingUser="${user}" creationDateTime="${xmlDateTime(document.importedAt)}">`,
    );
    for (const p of passagesBySource.get(document.id) ?? []) {
      const annotation = annotations.get(p.annotationId);
      if (p.start === null || p.end === null || p.end > text.length) {
        // A region of a PDF page, or a passage no longer placed in the text: the standard has no place for it.
        if (annotation) sidecar.regions.push({ ...annotation, documentId: guid });
        continue;
      }
      if (annotation) {
        const { id: annotationId, body, target, created, modified } = annotation;
        sidecar.selections[stableGuid('selection', p.annotationId)] = { annotationId, color: body.color, selectors: target.selector, created, modified };
      }
      const codings = [
        ...p.principles.filter((id) => codes.principle(id)).map((id) => codes.principle(id)!),
        ...p.actors.map((l) => codes.stance(l.actorId, l.stance)).filter((g): g is string => g !== null),
        ...p.tags.map((t) => codes.tag(t)),
      ];
      const coder = userOf(p.coder);
      sourcesXml.push(
        `<PlainTextSelection guid="${stableGuid('selection', p.annotationId)}" name="${attr(selectionName(p.quote, p.pageLabel))}" startPosition="${toCodePoints(p.start)}" endPosition="${toCodePoints(p.end)}" creatingUser="${coder}" creationDateTime="${xmlDateTime(p.created)}" modifyingUser="${coder}" modifiedDateTime="${xmlDateTime(p.modified)}">`,
      );
      if (p.note) sourcesXml.push(`<Description>${text_(p.note)}</Description>`);
      for (const code of codings) {
        sourcesXml.push(
          `<Coding guid="${stableGuid('coding', `${p.annotationId}/${code}`)}" creatingUser="${coder}" creationDateTime="${xmlDateTime(p.created)}"><CodeRef targetGUID="${code}"/></Coding>`,
        );
      }
      sourcesXml.push('</PlainTextSelection>');
    }
    sourcesXml.push(...noteRefs(`document:${document.id}`));
    const m = document.metadata;
    const values: [string, string | null][] = [
      ['Authors', m.authors.join('; ') || null],
      ['Publication date', m.date],
      ['Publication', m.publication],
      ['DOI', m.doi],
      ['URL', m.url],
      ['Kind', m.kind],
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
  out.push(...notes.xml);
  // Sets: the actors of each kind (codes), then collections and document tags (sources).
  const exported = new Set(input.sources.map((s) => s.document.id));
  const sourceSets = (input.sets ?? []).map((set) => ({ ...set, documentIds: set.documentIds.filter((id) => exported.has(id)) })).filter((set) => set.documentIds.length);
  if (actorSets.length || sourceSets.length) {
    out.push('<Sets>', ...actorSets);
    for (const set of sourceSets) {
      out.push(`<Set guid="${stableGuid('set', set.name)}" name="${attr(set.name)}">`, `<Description>${text_(set.description)}</Description>`);
      for (const id of set.documentIds) out.push(`<MemberSource targetGUID="${stableGuid('source', id)}"/>`);
      out.push('</Set>');
    }
    out.push('</Sets>');
  }
  out.push('<Description>Exported from Apostil: principles, actors (by stance) and tags as codes; highlighted passages as coded selections.</Description>');
  out.push(...noteRefs('project'));
  out.push('</Project>');
  files.push({ path: SIDECAR_PATH, content: JSON.stringify(sidecar, null, 2) + '\n' });
  return { xml: out.join('\n') + '\n', files };
}

class CodeTree {
  private readonly principles: Map<string, string>;
  constructor(
    private readonly codebook: Codebook,
    private readonly noteRefs: (code: { kind: 'principle' | 'actor'; id: string }) => string[],
  ) {
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
    // Every actor, with one code per stance passages give it (the stances are what is coded).
    const out = codebookCodesXml(
      this.codebook,
      (actor) =>
        STANCES.filter((s) => usedStances.get(actor.id)?.has(s)).map(
          (stance) => `<Code guid="${this.stance(actor.id, stance)}" name="${attr(`${actor.name}: ${stance}`)}" isCodable="true"/>`,
        ),
      false,
      this.noteRefs,
    );
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

/** A selection's name: its quote, shortened, and the printed page it is on (the schema has no page for text). */
function selectionName(quote: string, pageLabel: string | null = null): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  const name = flat.length > 80 ? `${flat.slice(0, 79)}…` : flat || 'Region';
  return pageLabel === null ? name : `${name} (p. ${pageLabel})`;
}

/** xsd:dateTime wants seconds and a zone; our timestamps are ISO already, but be safe with odd ones. */
function xmlDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '1970-01-01T00:00:00Z' : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
