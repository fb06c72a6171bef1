// The principles as a tree: Codebook.principles is a flat list in which each principle names its
// parent, and siblings keep the order they have in the list.
import type { Principle } from '../model';

export interface PlacedPrinciple {
  principle: Principle;
  depth: number;
}

/** Every principle, depth first: each parent before its children, siblings in list order. */
export function principlesInTreeOrder(principles: readonly Principle[]): PlacedPrinciple[] {
  const children = childrenByParent(principles);
  const out: PlacedPrinciple[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const principle of children.get(parentId) ?? []) {
      out.push({ principle, depth });
      visit(principle.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

export function childrenByParent(principles: readonly Principle[]): Map<string | null, Principle[]> {
  const map = new Map<string | null, Principle[]>();
  for (const p of principles) (map.get(p.parentId) ?? map.set(p.parentId, []).get(p.parentId)!).push(p);
  return map;
}

/** The ids of a principle's descendants (not the principle itself). */
export function descendantIds(principles: readonly Principle[], id: string): Set<string> {
  const children = childrenByParent(principles);
  const out = new Set<string>();
  const visit = (parentId: string) => {
    for (const child of children.get(parentId) ?? []) {
      if (out.has(child.id)) continue;
      out.add(child.id);
      visit(child.id);
    }
  };
  visit(id);
  return out;
}

/** The names from the top of the tree down to the principle: ["Security", "Supply chain"]. */
export function principlePath(principles: readonly Principle[], id: string): string[] {
  const byId = new Map(principles.map((p) => [p.id, p]));
  const path: string[] = [];
  for (let at = byId.get(id); at && path.length <= principles.length; at = at.parentId ? byId.get(at.parentId) : undefined) path.unshift(at.name);
  return path;
}

/** Where a principle goes: under `parentId` (null: the top), as its `index`th child. */
export interface TreePlace {
  parentId: string | null;
  index: number;
}

/**
 * The keyboard's moves of a principle: up or down among its siblings, indent (into the sibling above,
 * as its last child) and outdent (out of its parent, just after it). Null when the move is impossible.
 */
export function keyboardMove(principles: readonly Principle[], id: string, move: 'up' | 'down' | 'indent' | 'outdent'): TreePlace | null {
  const principle = principles.find((p) => p.id === id);
  if (!principle) return null;
  const siblings = principles.filter((p) => p.parentId === principle.parentId);
  const at = siblings.indexOf(principle);
  switch (move) {
    case 'up':
      return at > 0 ? { parentId: principle.parentId, index: at - 1 } : null;
    case 'down':
      return at < siblings.length - 1 ? { parentId: principle.parentId, index: at + 1 } : null;
    case 'indent': {
      const above = siblings[at - 1];
      return above ? { parentId: above.id, index: principles.filter((p) => p.parentId === above.id).length } : null;
    }
    case 'outdent': {
      const parent = principles.find((p) => p.id === principle.parentId);
      if (!parent) return null;
      return { parentId: parent.parentId, index: principles.filter((p) => p.parentId === parent.parentId).indexOf(parent) + 1 };
    }
  }
}

/** Where a principle dropped before, after or onto another lands; null when it would land inside itself. */
export function dropPlace(principles: readonly Principle[], draggedId: string, targetId: string, position: 'before' | 'after' | 'inside'): TreePlace | null {
  const target = principles.find((p) => p.id === targetId);
  if (!target || targetId === draggedId || descendantIds(principles, draggedId).has(targetId)) return null;
  const rest = principles.filter((p) => p.id !== draggedId);
  if (position === 'inside') return { parentId: target.id, index: rest.filter((p) => p.parentId === target.id).length };
  const index = rest.filter((p) => p.parentId === target.parentId).indexOf(target);
  return { parentId: target.parentId, index: position === 'before' ? index : index + 1 };
}
