// Toggling the principles a passage is linked to. Principles are listed in codebook order, children
// indented under their parent.
import type { Principle } from '../../../shared/model';
import { useCodebook } from './codebook-context';

interface Props {
  selected: string[];
  onChange(ids: string[]): void;
}

export function PrinciplePicker({ selected, onChange }: Props) {
  const { codebook } = useCodebook();
  const chosen = new Set(selected);
  const unknown = selected.filter((id) => !codebook.principles.some((p) => p.id === id));
  return (
    <ul className="principle-picker">
      {ordered(codebook.principles).map(({ principle, depth }) => (
        <li key={principle.id} style={{ paddingLeft: `${depth * 1.2}em` }}>
          <label title={principle.description}>
            <input
              type="checkbox"
              checked={chosen.has(principle.id)}
              onChange={(event) =>
                onChange(event.target.checked ? [...selected, principle.id] : selected.filter((id) => id !== principle.id))
              }
            />
            <span className="principle-dot" style={{ background: principle.color }} aria-hidden="true" />
            {principle.name}
          </label>
        </li>
      ))}
      {unknown.map((id) => (
        <li key={id} className="unknown">
          <label>
            <input type="checkbox" checked onChange={() => onChange(selected.filter((x) => x !== id))} />
            Unknown principle ({id})
          </label>
        </li>
      ))}
    </ul>
  );
}

function ordered(principles: Principle[]): { principle: Principle; depth: number }[] {
  const out: { principle: Principle; depth: number }[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const p of principles.filter((x) => x.parentId === parentId)) {
      out.push({ principle: p, depth });
      if (depth < 10) visit(p.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}
