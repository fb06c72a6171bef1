// What a check found: each finding is reported (for Library health) and whatever could not be used is
// moved to the quarantine with a note, never deleted.
import type { HealthIssue, HealthIssueKind } from '../../../shared/health';
import { Quarantine } from './quarantine';

export class Findings {
  readonly issues: HealthIssue[] = [];
  readonly quarantine: Quarantine;

  constructor(root: string) {
    this.quarantine = new Quarantine(root);
  }

  /** A path of the library, relative to its folder, "/"-separated. */
  relative(file: string): string {
    return this.quarantine.relative(file);
  }

  report(kind: HealthIssueKind, file: string, message: string, action: string, keptAt: string | null, documentId: string | null = null): void {
    this.issues.push({ kind, message, action, path: this.relative(file), keptAt, documentId });
  }

  /** Moves a file or folder (a link itself, never what it points to) into the quarantine, and reports it. */
  async moveAside(
    kind: HealthIssueKind,
    source: string,
    message: string,
    action: string,
    restore: string,
    documentId: string | null = null,
    originalPath = this.relative(source),
  ): Promise<string> {
    const keptAt = await this.quarantine.moveAside(source, { kind, message, originalPath, restore });
    this.issues.push({ kind, message, action, path: originalPath, keptAt, documentId });
    return keptAt;
  }

  /** Keeps copies of data about to be rewritten (e.g. entries taken out of an annotations file), and reports it. */
  async keepCopies(
    kind: HealthIssueKind,
    file: string,
    copies: Record<string, string>,
    message: string,
    action: string,
    restore: string,
    documentId: string | null = null,
  ): Promise<string> {
    const keptAt = await this.quarantine.keepCopies(copies, { kind, message, originalPath: this.relative(file), restore });
    this.report(kind, file, message, action, keptAt, documentId);
    return keptAt;
  }
}
