// When highlights take the colour of their first principle, the reader says which colour means what:
// the principles that colour this document's highlights, in codebook order.
import type { Annotation } from '../../../shared/model';
import { useCodebook } from './codebook-context';

export function MeaningLegend({ annotations }: { annotations: readonly Annotation[] }) {
  const { codebook, ordered } = useCodebook();
  if (!codebook.colorByPrinciple) return null;
  const known = new Set(ordered.map((p) => p.id));
  const first = new Set(annotations.map((a) => a.body.principles.find((id) => known.has(id))).filter((id): id is string => id !== undefined));
  const shown = ordered.filter((p) => first.has(p.id));
  const uncoded = annotations.some((a) => !a.body.principles.some((id) => known.has(id)));
  return (
    <div className="meaning-legend" role="group" aria-label="Highlight colours: each highlight takes the colour of its first principle">
      {shown.length === 0 && <span className="hint">No highlight here is linked to a principle yet.</span>}
      {shown.map((p) => (
        <span key={p.id} className="legend-entry">
          <span className="legend-swatch" style={{ background: p.color }} aria-hidden="true" />
          {p.name}
        </span>
      ))}
      {uncoded && shown.length > 0 && <span className="hint">Highlights without a principle keep their own colour.</span>}
    </div>
  );
}
