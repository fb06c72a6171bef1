// Every change to the codebook goes through here: an edit (shared/codebooks/operations.ts), a codebook
// brought in from a file or a template, and undo and redo of those. Each is one journalled change of
// the store (which publishes it, with the passages it recoded, for search and the views to follow) and
// one step of the history. The history lives as long as the library is open.
import type { CodebookEditResult, CodebookHistory } from '../../../shared/api';
import type { CodebookEdit } from '../../../shared/codebooks/edits';
import { reverse, stepOf, type CodebookStep } from '../../../shared/codebooks/history';
import { applyCodebookEdit, type CodebookChange } from '../../../shared/codebooks/operations';
import { AppError } from '../../../shared/errors';
import type { Annotation, Codebook } from '../../../shared/model';
import type { LibraryStore } from '../library/store';


const MAX_STEPS = 100;

export class CodebookEditor {
  private readonly undoStack: CodebookStep[] = [];
  private readonly redoStack: CodebookStep[] = [];

  constructor(private readonly store: LibraryStore) {}

  history(): CodebookHistory {
    return { undo: this.undoStack.at(-1)?.summary ?? null, redo: this.redoStack.at(-1)?.summary ?? null };
  }

  edit(edit: CodebookEdit): Promise<CodebookEditResult> {
    return this.commit((current) => applyCodebookEdit(current.codebook, current.annotations, edit));
  }

  /**
   * A whole new codebook (an import, a template), keeping the library's colour setting. Refused if it
   * would leave passages linked to nothing.
   */
  replace(codebook: Codebook, summary: string): Promise<CodebookEditResult> {
    return this.commit((current) => ({ codebook: { ...codebook, colorByPrinciple: current.codebook.colorByPrinciple }, annotations: [], summary }));
  }

  async undo(): Promise<CodebookEditResult> {
    return this.travel('undo');
  }

  async redo(): Promise<CodebookEditResult> {
    return this.travel('redo');
  }

  private async commit(make: (current: { codebook: Codebook; annotations: Annotation[] }) => CodebookChange): Promise<CodebookEditResult> {
    const before = this.store.getCodebook();
    const stored = await this.store.changeCodebook(make);
    const { summary, createdId } = stored.change;
    this.undoStack.push(stepOf(summary, before, stored.codebook, stored.annotations, new Map(stored.previous.map((a) => [a.id, a]))));
    if (this.undoStack.length > MAX_STEPS) this.undoStack.shift();
    this.redoStack.length = 0;
    return { codebook: stored.codebook, summary, createdId: createdId ?? null, ...this.history() };
  }

  private async travel(direction: 'undo' | 'redo'): Promise<CodebookEditResult> {
    const [from, to] = direction === 'undo' ? [this.undoStack, this.redoStack] : [this.redoStack, this.undoStack];
    const step = from.at(-1);
    if (!step) throw new AppError('not-found', `There is no codebook change to ${direction}.`);
    // When the library moved on since the step, this throws and the history stays as it is: the user
    // may put things back as they were and try again.
    const stored = await this.store.changeCodebook((current) => ({
      ...reverse(step, direction, { codebook: current.codebook, annotations: new Map(current.annotations.map((a) => [a.id, a])) }),
      summary: step.summary,
    }));
    from.pop();
    to.push(step);
    const done = direction === 'undo' ? `Undone: ${step.summary}` : `Redone: ${step.summary}`;
    return { codebook: stored.codebook, summary: done, createdId: null, ...this.history() };
  }
}
