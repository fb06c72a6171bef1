// Handlers of the codebook calls (spread into main/services/handlers.ts): edits, undo and redo, a
// codebook to start from, and REFI-QDA codebook files (.qdc) out and in.
import type { CallName, CodebookImportPreview } from '../../../shared/api';
import { mergeCodebooks, type CodebookImportMode } from '../../../shared/codebooks/merge';
import { CodebookFileError, codebookToQdc, parseQdc, type ImportedCodebook } from '../../../shared/codebooks/refi-codebook';
import { templateCodebook } from '../../../shared/codebooks/templates';
import { AppError } from '../../../shared/errors';
import type { Handlers } from '../../api/dispatch';
import type { AppServices } from '../app';
import { decodeText } from '../import/decode';

type CodebookCallName = Extract<CallName, `codebook.${string}`>;

export function createCodebookHandlers(app: AppServices): Pick<Handlers, CodebookCallName> {
  const { store } = app;

  /** The file's codebook merged into (or replacing) the library's, and what that does. */
  async function plan(name: string, bytes: Uint8Array, mode: CodebookImportMode) {
    const imported = readCodebookFile(name, bytes);
    const merged = mergeCodebooks(store.getCodebook(), imported.codebook, mode);
    return { imported, merged };
  }

  return {
    'codebook.get': async () => store.getCodebook(),
    'codebook.edit': async ({ edit }) => app.codebook.edit(edit),
    'codebook.undo': async () => app.codebook.undo(),
    'codebook.redo': async () => app.codebook.redo(),
    'codebook.history': async () => app.codebook.history(),
    'codebook.start': async ({ template }) =>
      app.codebook.replace(templateCodebook(template), template === 'empty' ? 'Started an empty codebook.' : 'Started from the Paris Call codebook.'),
    'codebook.exportQdc': async () => ({
      fileName: `${safeFileName(store.info().name)}-codebook-${new Date().toISOString().slice(0, 10)}.qdc`,
      mimeType: 'application/xml',
      bytes: new TextEncoder().encode(codebookToQdc(store.getCodebook())),
    }),
    'codebook.importPreview': async ({ name, bytes }): Promise<CodebookImportPreview> => {
      const { imported, merged } = await plan(name, bytes, 'merge');
      const replaced = mergeCodebooks(store.getCodebook(), imported.codebook, 'replace');
      const kept = new Set([...replaced.codebook.principles, ...replaced.codebook.actors].map((c) => c.id));
      const droppedPassages = (await store.allAnnotations()).filter(
        (a) => a.body.principles.some((id) => !kept.has(id)) || a.body.actors.some((l) => !kept.has(l.actorId)),
      ).length;
      return {
        principles: imported.codebook.principles.length,
        actors: imported.codebook.actors.length,
        matched: merged.matched,
        added: merged.added,
        droppedByReplace: replaced.dropped,
        droppedPassages,
        notes: imported.notes,
      };
    },
    'codebook.import': async ({ name, bytes, mode }) => {
      const { imported, merged } = await plan(name, bytes, mode);
      const what = mode === 'merge' ? `merged by name (${merged.matched} matched, ${merged.added} added)` : 'as the codebook';
      const result = await app.codebook.replace(merged.codebook, `Imported the codebook of ${name}, ${what}.`);
      return { ...result, notes: imported.notes };
    },
  };
}

/** A .qdc file's codebook; a file that is not one is refused, saying why. */
export function readCodebookFile(name: string, bytes: Uint8Array): ImportedCodebook {
  try {
    return parseQdc(decodeText(name, bytes).text);
  } catch (error) {
    if (error instanceof CodebookFileError) throw new AppError('invalid-input', `${name} could not be read as a REFI-QDA codebook: ${error.message}.`);
    throw error;
  }
}

function safeFileName(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'apostil';
}
