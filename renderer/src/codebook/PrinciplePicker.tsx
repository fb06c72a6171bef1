// Toggling the principles a passage is linked to. Principles are listed in codebook order, children
// indented under their parent.
import { principlesInTreeOrder } from '../../../shared/codebooks/tree';
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
      {principlesInTreeOrder(codebook.principles).map(({ principle, depth }, i) => (
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
            {i < 9 && (
              <kbd className="picker-key" aria-hidden="true" title={`Key ${i + 1} links it to the selected text`}>
                {i + 1}
              </kbd>
            )}
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
