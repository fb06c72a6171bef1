// Document variables of an open library (shared/variables): kept in memory, changed by pure edits and
// written through at once, atomically, one write at a time (the library store's queue), then published
// as 'variables.changed'. A trashed document keeps its values in the file, so that bringing it back
// (Undo) brings them back too; lists of the library's documents simply skip it.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { LibraryChange } from '../../../shared/library-changes';
import { describeZodError } from '../../../shared/schemas';
import {
  applyVariableEdit,
  checkVariables,
  NO_VARIABLES,
  variableEditSchema,
  VARIABLES_FORMAT_VERSION,
  variablesFileShape,
  type DocumentVariables,
  type VariableEdit,
} from '../../../shared/variables';
import { writeJsonAtomic } from './atomic';
import { checkEntriesFile, type Report } from './check-collections';
import type { LibraryPaths } from './files';
import type { Quarantine } from './quarantine';

export interface VariablesHost {
  /** Runs a write after every earlier write of the library. */
  serialize<T>(write: () => Promise<T>): Promise<T>;
  publish(change: Extract<LibraryChange, { kind: 'variables.changed' }>): void;
  hasDocument(id: string): boolean;
}

export class LibraryVariables {
  private state: DocumentVariables;

  constructor(
    private readonly file: string,
    initial: DocumentVariables,
    private readonly host: VariablesHost,
  ) {
    this.state = initial;
  }

  get(): DocumentVariables {
    return this.state;
  }

  /** The variables and values as they arrived by sync, made from the current ones in the write queue: checked as at open, written, published. */
  replaceSynced(update: (current: DocumentVariables) => DocumentVariables): Promise<void> {
    return this.host.serialize(async () => {
      const next = update(this.state);
      const checked = checkVariables({ version: VARIABLES_FORMAT_VERSION, ...next });
      if (checked.invalid.length) throw new AppError('invalid-input', `A document variable from the server cannot be used: ${checked.invalid[0]!.reason}`);
      await writeVariablesFile(this.file, checked.value);
      this.state = checked.value;
      this.host.publish({ kind: 'variables.changed', variables: checked.value });
    });
  }

  /** An edit from within main (an import) is checked as one from the renderer is: nothing invalid is written. */
  edit(edit: VariableEdit): Promise<DocumentVariables> {
    return this.host.serialize(async () => {
      const context = { newId: randomUUID(), now: new Date().toISOString(), hasDocument: (id: string) => this.host.hasDocument(id) };
      const valid = variableEditSchema.safeParse(edit);
      if (!valid.success) throw new AppError('invalid-input', describeZodError(valid.error));
      const next = applyVariableEdit(this.state, valid.data, context);
      await writeVariablesFile(this.file, next);
      // Memory changes only once the file is written: a failed write leaves both as they were.
      this.state = next;
      this.host.publish({ kind: 'variables.changed', variables: next });
      return next;
    });
  }
}

export function writeVariablesFile(file: string, variables: DocumentVariables): Promise<void> {
  return writeJsonAtomic(file, { version: VARIABLES_FORMAT_VERSION, ...variables });
}

/** The check at open: an unreadable file is set aside whole, bad entries one by one (check-collections.ts). */
export function checkVariablesFile(paths: Pick<LibraryPaths, 'variablesFile'>, quarantine: Quarantine, report: Report): Promise<DocumentVariables> {
  return checkEntriesFile(quarantine, report, {
    file: paths.variablesFile,
    name: 'document-variables.json',
    without: 'The library opened with no document variables (documents, passages and their codes are not affected).',
    issues: { unreadable: 'unreadable-variables', invalid: 'invalid-variables', repaired: 'invalid-variables' }, // nothing is repaired: bad entries are set aside
    shape: variablesFileShape,
    entries: checkVariables,
    empty: NO_VARIABLES,
    write: writeVariablesFile,
  });
}
