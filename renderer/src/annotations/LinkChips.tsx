// The principles, actors (with stance) and tags of an annotation, as compact chips.
import type { AnnotationBody } from '../../../shared/model';
import { useCodebook } from '../codebook/codebook-context';

export function LinkChips({ body }: { body: AnnotationBody }) {
  const { principle, actor } = useCodebook();
  if (!body.principles.length && !body.actors.length && !body.tags.length) return null;
  return (
    <div className="chips">
      {body.principles.map((id) => {
        const p = principle(id);
        return (
          <span key={id} className="chip chip-principle" title={p?.description}>
            <span className="principle-dot" style={{ background: p?.color ?? '#888' }} aria-hidden="true" />
            {p?.name ?? `Unknown principle (${id})`}
          </span>
        );
      })}
      {body.actors.map((link) => (
        <span key={link.actorId} className={`chip chip-actor stance-${link.stance}`}>
          {actor(link.actorId)?.name ?? `Unknown actor (${link.actorId})`}
          <span className="stance"> · {link.stance}</span>
        </span>
      ))}
      {body.tags.map((tag) => (
        <span key={tag} className="chip chip-tag">
          #{tag}
        </span>
      ))}
    </div>
  );
}
