// The memos about a document, principle or actor, where that thing is shown (the reader, the codebook):
// each opens in the Memos view, and a new one can be started about it.
import type { MemoTarget } from '../../../shared/memos/model';
import { useMemos } from './memos-context';

export function AttachedMemos({ target, name }: { target: MemoTarget; name: string }) {
  const { about, show } = useMemos();
  const memos = about(target);
  return (
    <div className="attached-memos" role="group" aria-label={`Memos about ${name}`}>
      <span className="legend">Memos{memos.length ? ` (${memos.length})` : ''}:</span>
      {memos.slice(0, 5).map((memo) => (
        <button key={memo.id} type="button" className="link-button" onClick={() => show({ target, memoId: memo.id })}>
          {memo.title}
        </button>
      ))}
      {memos.length > 5 && (
        <button type="button" className="link-button" onClick={() => show({ target })}>
          all {memos.length}…
        </button>
      )}
      <button type="button" onClick={() => show({ target, create: true })}>
        New memo
      </button>
    </div>
  );
}
