// The graph of documents the Links view draws: one node per document with links, one edge per pair of
// documents (and relation), counted; laid out on a circle (a handful to a few dozen documents: a force
// layout would buy nothing but motion). Pure: positions in a unit box, the view scales them.
import { relationKey, type ListedLink } from './model';

export interface GraphNode {
  documentId: string;
  /** Links with a passage in this document. */
  links: number;
  x: number;
  y: number;
}

export interface GraphEdge {
  /** Ordered so that the same pair always reads the same way. */
  a: string;
  b: string;
  relation: string;
  count: number;
}

export interface DocumentGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export function documentGraph(links: readonly ListedLink[], order: (documentId: string) => string = (id) => id): DocumentGraph {
  const counts = new Map<string, number>();
  const edges = new Map<string, GraphEdge>();
  for (const link of links) {
    const ends = [link.from.documentId, link.to.documentId];
    for (const id of new Set(ends)) counts.set(id, (counts.get(id) ?? 0) + 1);
    const [a, b] = ends[0]! <= ends[1]! ? ends : [ends[1]!, ends[0]!];
    const key = `${a}\u0000${b}\u0000${relationKey(link.relation)}`;
    const edge = edges.get(key) ?? edges.set(key, { a: a!, b: b!, relation: link.relation, count: 0 }).get(key)!;
    edge.count++;
  }
  const ids = [...counts.keys()].sort((x, y) => order(x).localeCompare(order(y)));
  const n = ids.length;
  const nodes = ids.map((documentId, i) => {
    // One document sits in the middle; more go round a circle, starting at the top.
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(n, 1);
    const r = n === 1 ? 0 : 0.38;
    return { documentId, links: counts.get(documentId)!, x: 0.5 + r * Math.cos(angle), y: 0.5 + r * Math.sin(angle) };
  });
  return { nodes, edges: [...edges.values()] };
}
