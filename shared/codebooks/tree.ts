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
