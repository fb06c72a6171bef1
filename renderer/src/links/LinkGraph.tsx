// The documents linked by passages, drawn as a small graph: a node per document (its size says how
// many links it has), a line per pair of documents and relation (with the count). A node is a button:
// it filters the list to that document (and back). The lines are a picture of the list below them.
import type { KeyboardEvent } from 'react';
import { documentGraph, type GraphEdge, type GraphNode } from '../../../shared/links/graph';
import type { ListedLink } from '../../../shared/links/model';

const W = 640;
const H = 360;
const PALETTE = ['#2f6fb3', '#c0392b', '#7d5ba6', '#2e8b57', '#b8860b', '#d35400', '#16808a', '#8e44ad'];

export function relationColor(relations: readonly string[], relation: string): string {
  const i = relations.findIndex((r) => r.toLowerCase() === relation.toLowerCase());
  return PALETTE[(i < 0 ? relations.length : i) % PALETTE.length]!;
}

interface Props {
  links: readonly ListedLink[];
  relations: readonly string[];
  titleOf(documentId: string): string;
  selected: string | null;
  onSelect(documentId: string | null): void;
}

export function LinkGraph({ links, relations, titleOf, selected, onSelect }: Props) {
  const graph = documentGraph(links, titleOf);
  const at = new Map(graph.nodes.map((n) => [n.documentId, { x: 40 + n.x * (W - 80), y: 30 + n.y * (H - 60) }]));
  // Several relations between the same two documents bend apart so each stays visible.
  const pairIndex = new Map<string, number>();
  const bend = (edge: GraphEdge) => {
    const key = `${edge.a}\u0000${edge.b}`;
    const i = pairIndex.get(key) ?? 0;
    pairIndex.set(key, i + 1);
    return i === 0 ? 0 : (i % 2 ? 1 : -1) * Math.ceil(i / 2) * 28;
  };
  const radius = (n: GraphNode) => 10 + Math.min(14, Math.sqrt(n.links) * 4);
  const toggle = (id: string) => onSelect(selected === id ? null : id);
  const onKey = (event: KeyboardEvent, id: string) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      toggle(id);
    }
  };
  if (graph.nodes.length === 0) return null;
  return (
    <svg className="link-graph" viewBox={`0 0 ${W} ${H}`} role="group" aria-label="Documents linked by passages: choose one to list its links">
      <g aria-hidden="true">
        {graph.edges.map((edge) => {
          const p = at.get(edge.a)!;
          const q = at.get(edge.b)!;
          const color = relationColor(relations, edge.relation);
          const offset = bend(edge);
          if (edge.a === edge.b) {
            const r = 16 + Math.abs(offset) / 2;
            return (
              <g key={`${edge.a}-self-${edge.relation}`}>
                <circle cx={p.x} cy={p.y - 26 - r} r={r} fill="none" stroke={color} strokeWidth={1 + Math.min(4, edge.count)} />
                <text x={p.x + r + 4} y={p.y - 26 - r} className="edge-label" fill={color}>
                  {edge.relation} ×{edge.count}
                </text>
              </g>
            );
          }
          const mx = (p.x + q.x) / 2;
          const my = (p.y + q.y) / 2;
          const len = Math.hypot(q.x - p.x, q.y - p.y) || 1;
          const cx = mx + (-(q.y - p.y) / len) * offset;
          const cy = my + ((q.x - p.x) / len) * offset;
          return (
            <g key={`${edge.a}-${edge.b}-${edge.relation}`}>
              <path d={`M ${p.x} ${p.y} Q ${cx} ${cy} ${q.x} ${q.y}`} fill="none" stroke={color} strokeWidth={1 + Math.min(4, edge.count)} />
              <text x={(mx + cx) / 2} y={(my + cy) / 2 - 4} className="edge-label" fill={color} textAnchor="middle">
                {edge.relation} ×{edge.count}
              </text>
            </g>
          );
        })}
      </g>
      {graph.nodes.map((node) => {
        const p = at.get(node.documentId)!;
        const title = titleOf(node.documentId);
        const short = title.length > 28 ? `${title.slice(0, 27)}…` : title;
        const below = p.y < H / 2 ? -radius(node) - 8 : radius(node) + 16;
        return (
          <g
            key={node.documentId}
            className={selected === node.documentId ? 'graph-node selected' : 'graph-node'}
            role="button"
            tabIndex={0}
            aria-pressed={selected === node.documentId}
            aria-label={`${title}: ${node.links} link${node.links === 1 ? '' : 's'}`}
            onClick={() => toggle(node.documentId)}
            onKeyDown={(event) => onKey(event, node.documentId)}
          >
            <circle cx={p.x} cy={p.y} r={radius(node)} />
            <text x={p.x} y={p.y + 4} textAnchor="middle" className="node-count">
              {node.links}
            </text>
            <text x={p.x} y={p.y + below} textAnchor="middle" className="node-label">
              {short}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
