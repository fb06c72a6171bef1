// What the crash harness's child does to a library, as messages: before each change it announces it
// ("begin"), and once the library service has acknowledged it ("ack"). The parent keeps the expected
// library state by applying acknowledged changes, and allows the one change in flight at the kill to
// have landed or not, never half.
import type { LinkEnd } from '../../../../shared/links/model';
import type { Annotation } from '../../../../shared/model';

export type CrashOp =
  | { kind: 'import'; name: string; hash: string; token: string }
  | { kind: 'annotation.save'; annotation: Annotation }
  | { kind: 'annotation.delete'; documentId: string; id: string }
  | { kind: 'document.title'; documentId: string; title: string }
  | { kind: 'document.delete'; documentId: string }
  | { kind: 'document.replace'; documentId: string; hash: string; annotations: Annotation[] }
  | { kind: 'codebook.addActor'; actorId: string }
  /** One document variable's value (null: none) set on some documents at once. */
  | { kind: 'variables.set'; variableId: string; documentIds: string[]; value: string | null }
  /** A merge or split: the actors afterwards, and every annotation it recodes as it becomes. */
  | { kind: 'codebook.change'; actors: string[]; annotations: Annotation[] }
  /** Memos (memos.json): a new memo's id is reported with its ack. */
  | { kind: 'memo.create'; title: string; body: string }
  | { kind: 'memo.update'; id: string; title: string; body: string }
  | { kind: 'memo.delete'; id: string }
  /** Links between passages (links.json): a new link's id is reported with its ack. */
  | { kind: 'link.create'; from: LinkEnd; to: LinkEnd; relation: string }
  | { kind: 'link.delete'; id: string };

export type ChildMessage =
  | { t: 'ready' }
  | { t: 'begin'; op: CrashOp }
  | { t: 'ack'; op: CrashOp; documentId?: string; title?: string; memoId?: string; linkId?: string };

/** What must survive: documents (title, hash), their annotations (all but timestamps), codebook actors, variable values. */
export interface LibraryState {
  documents: Map<string, { title: string; hash: string }>;
  annotations: Map<string, Map<string, string>>;
  actors: Set<string>;
  /** The word each imported document contains, by document id, to check search with. */
  tokens: Map<string, string>;
  /** Memos by id: their title and body. */
  memos: Map<string, string>;
  /** Document variable values, by "<document id> <variable id>" (a trashed document keeps its own). */
  variableValues: Map<string, string>;
  /** Links by id: their ends and relation (whether one is live follows from the annotations). */
  links: Map<string, string>;
}

export const linkKey = (link: { from: LinkEnd; to: LinkEnd; relation: string }): string =>
  JSON.stringify([link.from.documentId, link.from.annotationId, link.to.documentId, link.to.annotationId, link.relation]);

export const memoKey = (memo: { title: string; body: string }): string => JSON.stringify([memo.title, memo.body]);

export function emptyState(): LibraryState {
  return { documents: new Map(), annotations: new Map(), actors: new Set(), tokens: new Map(), memos: new Map(), variableValues: new Map(), links: new Map() };
}

export function cloneState(state: LibraryState): LibraryState {
  return {
    documents: new Map([...state.documents].map(([id, d]) => [id, { ...d }])),
    annotations: new Map([...state.annotations].map(([id, m]) => [id, new Map(m)])),
    actors: new Set(state.actors),
    tokens: new Map(state.tokens),
    memos: new Map(state.memos),
    variableValues: new Map(state.variableValues),
    links: new Map(state.links),
  };
}

/** An annotation as the harness compares it: everything but the times the store sets. */
export function annotationKey(annotation: Annotation): string {
  return JSON.stringify({ target: annotation.target, body: annotation.body });
}

/** Applies an acknowledged change. An import needs the id and title it was given. */
export function applyOp(state: LibraryState, message: Extract<ChildMessage, { t: 'ack' }>): void {
  const { op } = message;
  switch (op.kind) {
    case 'import':
      if (message.documentId && !state.documents.has(message.documentId)) {
        state.documents.set(message.documentId, { title: message.title ?? '', hash: op.hash });
        state.annotations.set(message.documentId, new Map());
        state.tokens.set(message.documentId, op.token);
      }
      break;
    case 'annotation.save':
      state.annotations.get(op.annotation.documentId)?.set(op.annotation.id, annotationKey(op.annotation));
      break;
    case 'annotation.delete':
      state.annotations.get(op.documentId)?.delete(op.id);
      break;
    case 'document.title': {
      const document = state.documents.get(op.documentId);
      if (document) document.title = op.title;
      break;
    }
    case 'document.delete':
      state.documents.delete(op.documentId);
      state.annotations.delete(op.documentId);
      state.tokens.delete(op.documentId);
      break;
    case 'document.replace': {
      const document = state.documents.get(op.documentId);
      if (document) document.hash = op.hash;
      state.annotations.set(op.documentId, new Map(op.annotations.map((a) => [a.id, annotationKey(a)])));
      break;
    }
    case 'codebook.addActor':
      state.actors.add(op.actorId);
      break;
    case 'variables.set':
      for (const id of op.documentIds) {
        if (op.value === null) state.variableValues.delete(`${id} ${op.variableId}`);
        else state.variableValues.set(`${id} ${op.variableId}`, op.value);
      }
      break;
    case 'codebook.change':
      state.actors = new Set(op.actors);
      for (const annotation of op.annotations) state.annotations.get(annotation.documentId)?.set(annotation.id, annotationKey(annotation));
      break;
    case 'memo.create':
      if (message.memoId) state.memos.set(message.memoId, memoKey(op));
      break;
    case 'memo.update':
      state.memos.set(op.id, memoKey(op));
      break;
    case 'memo.delete':
      state.memos.delete(op.id);
      break;
    case 'link.create':
      if (message.linkId) state.links.set(message.linkId, linkKey(op));
      break;
    case 'link.delete':
      state.links.delete(op.id);
      break;
  }
}

/** Differences between two states, as readable lines (empty when equal). Tokens are not compared. */
export function diffStates(actual: LibraryState, expected: LibraryState): string[] {
  const lines: string[] = [];
  for (const [id, doc] of expected.documents) {
    const got = actual.documents.get(id);
    if (!got) lines.push(`document ${id} ("${doc.title}") is missing`);
    else if (got.title !== doc.title || got.hash !== doc.hash) lines.push(`document ${id} is "${got.title}", expected "${doc.title}"`);
  }
  for (const id of actual.documents.keys()) if (!expected.documents.has(id)) lines.push(`document ${id} should not be there`);
  for (const [id, expectedList] of expected.annotations) {
    const got = actual.annotations.get(id) ?? new Map<string, string>();
    for (const [annotationId, key] of expectedList) {
      if (!got.has(annotationId)) lines.push(`annotation ${annotationId} of ${id} is missing`);
      else if (got.get(annotationId) !== key) lines.push(`annotation ${annotationId} of ${id} differs: ${got.get(annotationId)} vs ${key}`);
    }
    for (const annotationId of got.keys()) if (!expectedList.has(annotationId)) lines.push(`annotation ${annotationId} of ${id} should not be there`);
  }
  for (const actor of expected.actors) if (!actual.actors.has(actor)) lines.push(`actor ${actor} is missing`);
  for (const actor of actual.actors) if (!expected.actors.has(actor)) lines.push(`actor ${actor} should not be there`);
  for (const [id, key] of expected.memos) {
    if (!actual.memos.has(id)) lines.push(`memo ${id} is missing`);
    else if (actual.memos.get(id) !== key) lines.push(`memo ${id} differs: ${actual.memos.get(id)} vs ${key}`);
  }
  for (const id of actual.memos.keys()) if (!expected.memos.has(id)) lines.push(`memo ${id} should not be there`);
  for (const [key, value] of expected.variableValues) {
    if (actual.variableValues.get(key) !== value) lines.push(`variable value ${key} is ${actual.variableValues.get(key) ?? 'missing'}, expected ${value}`);
  }
  for (const key of actual.variableValues.keys()) if (!expected.variableValues.has(key)) lines.push(`variable value ${key} should not be there`);
  for (const [id, key] of expected.links) if (actual.links.get(id) !== key) lines.push(`link ${id} is ${actual.links.has(id) ? 'different' : 'missing'}`);
  for (const id of actual.links.keys()) if (!expected.links.has(id)) lines.push(`link ${id} should not be there`);
  return lines;
}

/** A seeded random generator (mulberry32): a failing run can be replayed from its seed. */
export { random } from '../../../../shared/anchoring/test-text';
