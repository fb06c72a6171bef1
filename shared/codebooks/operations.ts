// Codebook operations as pure functions: each takes the codebook and the library's annotations and
// returns the new codebook, the annotations it rewrites (only those), and a line saying what was done.
// Main applies the result through the store as one journalled change; undo applies the reverse.
import { AppError } from '../errors';
import type { Actor, ActorLink, Annotation, Codebook, Principle, PrincipleFields, Stance } from '../model';
import { codebookSchema, describeZodError } from '../schemas';
import { nextPrincipleColor } from './colors';
import type { CodebookEdit, PassageDisposition } from './edits';
import { codebookIds, slugId } from './ids';
import { descendantIds } from './tree';

export interface CodebookChange {
  codebook: Codebook;
  /** The annotations the change rewrites, as they become. */
  annotations: Annotation[];
  /** What was done, in one line for the user ("Merged “USA” into “United States”: 3 passages recoded."). */
  summary: string;
  /** The code the change created, if any (a new principle or actor, or the new half of a split). */
  createdId?: string;
}

export function applyCodebookEdit(codebook: Codebook, annotations: readonly Annotation[], edit: CodebookEdit): CodebookChange {
  const change = compute(codebook, annotations, edit);
  const valid = codebookSchema.safeParse(change.codebook);
  if (!valid.success) throw new AppError('invalid-input', `That change would leave the codebook invalid: ${describeZodError(valid.error)}`);
  return { ...change, codebook: valid.data };
}

/** A principle made from a form's fields (created, or split off another): what is left blank is empty. */
function newPrinciple(codebook: Codebook, fields: Partial<PrincipleFields> & { name: string }): Omit<Principle, 'parentId'> {
  return {
    id: slugId(fields.name, codebookIds(codebook)),
    name: fields.name,
    description: fields.description ?? '',
    color: fields.color ?? nextPrincipleColor(codebook),
    whenToUse: fields.whenToUse ?? '',
    whenNotToUse: fields.whenNotToUse ?? '',
    example: fields.example ?? '',
  };
}

function compute(codebook: Codebook, annotations: readonly Annotation[], edit: CodebookEdit): CodebookChange {
  const same = (c: Codebook, summary: string): CodebookChange => ({ codebook: c, annotations: [], summary });
  switch (edit.kind) {
    case 'principle.create': {
      if (edit.parentId !== null) principleOf(codebook, edit.parentId);
      const principle: Principle = { ...newPrinciple(codebook, edit.fields), parentId: edit.parentId };
      checkSiblingName(codebook.principles, principle);
      const principles = placeAmongSiblings(codebook.principles, principle, edit.index ?? Infinity);
      return { ...same({ ...codebook, principles }, `Added the principle “${principle.name}”.`), createdId: principle.id };
    }
    case 'principle.update': {
      const before = principleOf(codebook, edit.id);
      const after = { ...before, ...edit.fields };
      checkSiblingName(codebook.principles, after);
      const principles = codebook.principles.map((p) => (p.id === edit.id ? after : p));
      const what = edit.fields.name && edit.fields.name !== before.name ? `Renamed “${before.name}” to “${after.name}”.` : `Changed “${after.name}”.`;
      return same({ ...codebook, principles }, what);
    }
    case 'principle.move': {
      const principle = principleOf(codebook, edit.id);
      if (edit.parentId !== null) {
        principleOf(codebook, edit.parentId);
        if (edit.parentId === edit.id || descendantIds(codebook.principles, edit.id).has(edit.parentId)) {
          throw new AppError('invalid-input', `“${principle.name}” cannot be moved inside itself.`);
        }
      }
      const moved = { ...principle, parentId: edit.parentId };
      const rest = codebook.principles.filter((p) => p.id !== edit.id);
      checkSiblingName(rest, moved);
      return same({ ...codebook, principles: placeAmongSiblings(rest, moved, edit.index) }, `Moved “${principle.name}”.`);
    }
    case 'principle.delete': {
      const principle = principleOf(codebook, edit.id);
      const linked = annotations.filter((a) => a.body.principles.includes(edit.id));
      const target = disposition(linked, edit.passages, principle.name, 'principle', (id) => principleOf(codebook, id).name, edit.id);
      const principles = withoutPrinciple(codebook.principles, principle);
      const rewritten = linked.map((a) => withPrinciples(a, replaceId(a.body.principles, edit.id, target?.id ?? null)));
      return {
        codebook: { ...codebook, principles },
        annotations: rewritten,
        summary: deletedSummary(principle.name, linked.length, target?.name ?? null),
      };
    }
    case 'principle.merge': {
      const source = principleOf(codebook, edit.sourceId);
      const target = principleOf(codebook, edit.targetId);
      if (source.id === target.id) throw new AppError('invalid-input', 'A principle cannot be merged into itself.');
      let principles = codebook.principles;
      // A target inside the source first takes the source's place, so the tree cannot loop.
      if (descendantIds(principles, source.id).has(target.id)) principles = principles.map((p) => (p.id === target.id ? { ...p, parentId: source.parentId } : p));
      const filled = fillEmpty(principles.find((p) => p.id === target.id)!, source);
      principles = principles
        .filter((p) => p.id !== source.id)
        .map((p) => (p.id === target.id ? filled : p.parentId === source.id ? { ...p, parentId: target.id } : p));
      const linked = annotations.filter((a) => a.body.principles.includes(source.id));
      const rewritten = linked.map((a) => withPrinciples(a, replaceId(a.body.principles, source.id, target.id)));
      return { codebook: { ...codebook, principles }, annotations: rewritten, summary: mergedSummary(source.name, target.name, linked.length) };
    }
    case 'principle.split': {
      const original = principleOf(codebook, edit.id);
      const chosen = chosenPassages(annotations, edit.annotationIds, (a) => a.body.principles.includes(original.id), original.name);
      const created: Principle = { ...newPrinciple(codebook, edit.fields), parentId: original.parentId };
      checkSiblingName(codebook.principles, created);
      const at = siblingsOf(codebook.principles, original.parentId).findIndex((p) => p.id === original.id) + 1;
      const principles = placeAmongSiblings(codebook.principles, created, at);
      const rewritten = chosen.map((a) => withPrinciples(a, replaceId(a.body.principles, original.id, created.id)));
      return { codebook: { ...codebook, principles }, annotations: rewritten, summary: splitSummary(original.name, created.name, chosen.length), createdId: created.id };
    }
    case 'actor.create': {
      const actor = cleanActor({
        id: slugId(edit.fields.name, codebookIds(codebook)),
        name: edit.fields.name,
        kind: edit.fields.kind ?? 'state',
        aliases: edit.fields.aliases ?? [],
      });
      checkActorName(codebook.actors, actor);
      const actors = [...codebook.actors];
      actors.splice(Math.min(edit.index ?? actors.length, actors.length), 0, actor);
      return { ...same({ ...codebook, actors }, `Added the actor “${actor.name}”.`), createdId: actor.id };
    }
    case 'actor.update': {
      const before = actorOf(codebook, edit.id);
      const after = cleanActor({ ...before, ...edit.fields });
      checkActorName(codebook.actors, after);
      const actors = codebook.actors.map((a) => (a.id === edit.id ? after : a));
      const what = edit.fields.name && edit.fields.name !== before.name ? `Renamed “${before.name}” to “${after.name}”.` : `Changed “${after.name}”.`;
      return same({ ...codebook, actors }, what);
    }
    case 'actor.move': {
      const actor = actorOf(codebook, edit.id);
      const actors = codebook.actors.filter((a) => a.id !== edit.id);
      actors.splice(Math.min(edit.index, actors.length), 0, actor);
      return same({ ...codebook, actors }, `Moved “${actor.name}”.`);
    }
    case 'actor.delete': {
      const actor = actorOf(codebook, edit.id);
      const linked = annotations.filter((a) => a.body.actors.some((l) => l.actorId === edit.id));
      const target = disposition(linked, edit.passages, actor.name, 'actor', (id) => actorOf(codebook, id).name, edit.id);
      const rewritten = linked.map((a) => withActors(a, relinkActor(a.body.actors, edit.id, target?.id ?? null)));
      return {
        codebook: { ...codebook, actors: codebook.actors.filter((a) => a.id !== edit.id) },
        annotations: rewritten,
        summary: deletedSummary(actor.name, linked.length, target?.name ?? null),
      };
    }
    case 'actor.merge': {
      const source = actorOf(codebook, edit.sourceId);
      const target = actorOf(codebook, edit.targetId);
      if (source.id === target.id) throw new AppError('invalid-input', 'An actor cannot be merged into itself.');
      // The source's names become the target's aliases: texts that say "USA" still suggest the target.
      const merged = cleanActor({ ...target, aliases: [...target.aliases, source.name, ...source.aliases] });
      const actors = codebook.actors.filter((a) => a.id !== source.id).map((a) => (a.id === target.id ? merged : a));
      const linked = annotations.filter((a) => a.body.actors.some((l) => l.actorId === source.id));
      const rewritten = linked.map((a) => withActors(a, relinkActor(a.body.actors, source.id, target.id)));
      return { codebook: { ...codebook, actors }, annotations: rewritten, summary: mergedSummary(source.name, target.name, linked.length) };
    }
    case 'actor.split': {
      const original = actorOf(codebook, edit.id);
      const chosen = chosenPassages(annotations, edit.annotationIds, (a) => a.body.actors.some((l) => l.actorId === original.id), original.name);
      const created = cleanActor({
        id: slugId(edit.fields.name, codebookIds(codebook)),
        name: edit.fields.name,
        kind: edit.fields.kind ?? original.kind,
        aliases: edit.fields.aliases ?? [],
      });
      checkActorName(codebook.actors, created);
      const actors = [...codebook.actors];
      actors.splice(actors.findIndex((a) => a.id === original.id) + 1, 0, created);
      const rewritten = chosen.map((a) => withActors(a, relinkActor(a.body.actors, original.id, created.id)));
      return { codebook: { ...codebook, actors }, annotations: rewritten, summary: splitSummary(original.name, created.name, chosen.length), createdId: created.id };
    }
    case 'display':
      return same(
        { ...codebook, colorByPrinciple: edit.colorByPrinciple },
        edit.colorByPrinciple ? 'Highlights now take the colour of their first principle.' : 'Highlights keep their own colours again.',
      );
  }
}

// ---- Lookups and checks ---------------------------------------------------------------------------

function principleOf(codebook: Codebook, id: string): Principle {
  const principle = codebook.principles.find((p) => p.id === id);
  if (!principle) throw new AppError('not-found', `The codebook has no principle with id ${id}.`);
  return principle;
}

function actorOf(codebook: Codebook, id: string): Actor {
  const actor = codebook.actors.find((a) => a.id === id);
  if (!actor) throw new AppError('not-found', `The codebook has no actor with id ${id}.`);
  return actor;
}

const nameKey = (name: string) => name.trim().toLocaleLowerCase();

/** Siblings may not share a name (the same name under different parents is fine: "Other"). */
function checkSiblingName(principles: readonly Principle[], principle: Principle): void {
  const clash = principles.find((p) => p.id !== principle.id && p.parentId === principle.parentId && nameKey(p.name) === nameKey(principle.name));
  if (clash) throw new AppError('duplicate', `There is already a principle named “${clash.name}” there. Choose another name, or merge the two.`);
}

function checkActorName(actors: readonly Actor[], actor: Actor): void {
  const clash = actors.find((a) => a.id !== actor.id && nameKey(a.name) === nameKey(actor.name));
  if (clash) throw new AppError('duplicate', `There is already an actor named “${clash.name}”. Choose another name, or merge the two.`);
}

/**
 * Trimmed aliases, each once, none equal to the name itself. Case counts: "Nato" is kept beside "NATO"
 * on purpose (mentions.ts matches some aliases case-sensitively).
 */
function cleanActor(actor: Actor): Actor {
  const name = actor.name.trim();
  const aliases = [...new Set(actor.aliases.map((a) => a.trim()).filter((a) => a && a !== name))];
  return { ...actor, name, aliases };
}

function siblingsOf(principles: readonly Principle[], parentId: string | null): Principle[] {
  return principles.filter((p) => p.parentId === parentId);
}

/** Inserts `principle` (not in the list) as the `index`th child of its parent. */
function placeAmongSiblings(principles: readonly Principle[], principle: Principle, index: number): Principle[] {
  const siblings = siblingsOf(principles, principle.parentId);
  const before = siblings[index];
  const out = [...principles];
  out.splice(before ? out.indexOf(before) : out.length, 0, principle);
  return out;
}

/** Removes a principle; its children take its place under its parent, in their order. */
function withoutPrinciple(principles: readonly Principle[], removed: Principle): Principle[] {
  const children = principles.filter((p) => p.parentId === removed.id).map((p) => ({ ...p, parentId: removed.parentId }));
  const out = principles.filter((p) => p.id !== removed.id && p.parentId !== removed.id);
  const at = principles.slice(0, principles.indexOf(removed)).filter((p) => p.parentId !== removed.id).length;
  out.splice(at, 0, ...children);
  return out;
}

/** Empty fields of the target are filled from the source: merging never drops a definition. */
function fillEmpty(target: Principle, source: Principle): Principle {
  const fill = (a: string, b: string) => (a.trim() ? a : b);
  return {
    ...target,
    description: fill(target.description, source.description),
    whenToUse: fill(target.whenToUse, source.whenToUse),
    whenNotToUse: fill(target.whenNotToUse, source.whenNotToUse),
    example: fill(target.example, source.example),
  };
}

/** The code a deleted code's passages go to (null: they are uncoded). Refuses when the caller did not choose. */
function disposition(
  linked: readonly Annotation[],
  passages: PassageDisposition | undefined,
  name: string,
  kind: 'principle' | 'actor',
  nameOf: (id: string) => string,
  deletedId: string,
): { id: string; name: string } | null {
  if (linked.length > 0 && passages === undefined) {
    throw new AppError(
      'in-use',
      `“${name}” codes ${linked.length} passage${linked.length === 1 ? '' : 's'}. Choose whether to uncode ${linked.length === 1 ? 'it' : 'them'} or recode ${linked.length === 1 ? 'it' : 'them'} to another ${kind}.`,
    );
  }
  if (passages === undefined || passages === 'uncode') return null;
  if (passages.recodeTo === deletedId) throw new AppError('invalid-input', `Passages cannot be recoded to the ${kind} being deleted.`);
  return { id: passages.recodeTo, name: nameOf(passages.recodeTo) };
}

function chosenPassages(annotations: readonly Annotation[], ids: readonly string[], codes: (a: Annotation) => boolean, name: string): Annotation[] {
  const byId = new Map(annotations.map((a) => [a.id, a]));
  return [...new Set(ids)].map((id) => {
    const annotation = byId.get(id);
    if (!annotation) throw new AppError('not-found', `There is no passage with id ${id} in this library.`);
    if (!codes(annotation)) throw new AppError('invalid-input', `A chosen passage is not coded with “${name}”.`);
    return annotation;
  });
}

// ---- Rewriting annotations ------------------------------------------------------------------------

/** Replaces `from` with `to` (or removes it when `to` is null), keeping each id once, in order. */
function replaceId(ids: readonly string[], from: string, to: string | null): string[] {
  const out: string[] = [];
  for (const id of ids) {
    const next = id === from ? to : id;
    if (next !== null && !out.includes(next)) out.push(next);
  }
  return out;
}

/**
 * Moves the links to actor `from` onto `to` (or removes them). When the passage already links `to`,
 * the two stances combine: the same stays, "mentions" gives way to the other, and two different
 * positions become "mixed".
 */
function relinkActor(links: readonly ActorLink[], from: string, to: string | null): ActorLink[] {
  const moved = links.find((l) => l.actorId === from);
  const rest = links.filter((l) => l.actorId !== from);
  if (!moved || to === null) return rest;
  const existing = rest.find((l) => l.actorId === to);
  if (!existing) return links.map((l) => (l.actorId === from ? { actorId: to, stance: l.stance } : l));
  return rest.map((l) => (l.actorId === to ? { actorId: to, stance: combineStances(l.stance, moved.stance) } : l));
}

export function combineStances(a: Stance, b: Stance): Stance {
  if (a === b) return a;
  if (a === 'mentions') return b;
  if (b === 'mentions') return a;
  return 'mixed';
}

const withPrinciples = (a: Annotation, principles: string[]): Annotation => ({ ...a, body: { ...a.body, principles } });
const withActors = (a: Annotation, actors: ActorLink[]): Annotation => ({ ...a, body: { ...a.body, actors } });

// ---- Summaries ------------------------------------------------------------------------------------

const passagesText = (n: number) => `${n} passage${n === 1 ? '' : 's'}`;

function deletedSummary(name: string, count: number, recodedTo: string | null): string {
  if (count === 0) return `Deleted “${name}”.`;
  return recodedTo ? `Deleted “${name}”: ${passagesText(count)} recoded to “${recodedTo}”.` : `Deleted “${name}”: ${passagesText(count)} uncoded.`;
}

function mergedSummary(source: string, target: string, count: number): string {
  return `Merged “${source}” into “${target}”${count ? `: ${passagesText(count)} recoded` : ''}.`;
}

function splitSummary(original: string, created: string, count: number): string {
  return `Split “${created}” from “${original}”: ${passagesText(count)} moved.`;
}
