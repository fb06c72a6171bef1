// The library health report: what the integrity check found when the library was opened, what it
// did about each finding, and everything kept aside in the library's quarantine folder so far.

export const HEALTH_ISSUE_KINDS = [
  'unfinished-import',
  'interrupted-replace',
  'interrupted-codebook-change',
  'orphan-annotations',
  'unreadable-document',
  'unreadable-annotations',
  'invalid-annotations',
  'unknown-codebook-links',
  'missing-original',
  'unreadable-codebook',
  'unreadable-library-file',
  'unreadable-collections',
  'invalid-collections',
  'repaired-collections',
  'unreadable-memos',
  'invalid-memos',
  'unreadable-variables',
  'invalid-variables',
  'unreadable-links',
  'invalid-links',
  'repaired-links',
  'orphaned-links',
  'link-or-special-file',
  'unused-entry',
  'changed-original',
] as const;
export type HealthIssueKind = (typeof HEALTH_ISSUE_KINDS)[number];

export const HEALTH_ISSUE_TITLES: Record<HealthIssueKind, string> = {
  'unfinished-import': 'An import that did not finish',
  'interrupted-replace': 'A file replacement that did not finish',
  'interrupted-codebook-change': 'A codebook change that did not finish',
  'orphan-annotations': 'Annotations whose document is missing',
  'unreadable-document': 'A document that could not be read',
  'unreadable-annotations': 'An annotations file that could not be read',
  'invalid-annotations': 'Annotations that are not valid',
  'unknown-codebook-links': 'Links to principles or actors the codebook does not have',
  'missing-original': 'An original file that is missing',
  'unreadable-codebook': 'A codebook that could not be read',
  'unreadable-library-file': 'A library description that could not be read',
  'unreadable-collections': 'Collections or document tags that could not be read',
  'invalid-collections': 'Collections or document tags that are not valid',
  'repaired-collections': 'Collections that were repaired',
  'unreadable-memos': 'Memos that could not be read',
  'invalid-memos': 'Memos that are not valid',
  'unreadable-variables': 'Document variables that could not be read',
  'invalid-variables': 'Document variable values that are not valid',
  'unreadable-links': 'Links between passages that could not be read',
  'invalid-links': 'Links between passages that are not valid',
  'repaired-links': 'Links between passages that were repaired',
  'orphaned-links': 'Links to a highlight that is missing',
  'link-or-special-file': 'A link or special file where a library file should be',
  'unused-entry': 'Something in the documents folder that is not used',
  'changed-original': 'An original file that changed',
};

export interface HealthIssue {
  kind: HealthIssueKind;
  /** What was found, naming the file. */
  message: string;
  /** What Apostil did about it. */
  action: string;
  /** The file or folder concerned, relative to the library folder ("/" separated). */
  path: string;
  /** Where the affected data was kept, relative to the library folder; null when nothing was moved. */
  keptAt: string | null;
  documentId: string | null;
}

/** One folder of <library>/quarantine: data set aside by a check, with the note written beside it. */
export interface QuarantineEntry {
  /** Relative to the library folder, e.g. "quarantine/2026-05-01T10-00-00-000Z-unreadable-document-3f2a". */
  folder: string;
  kind: HealthIssueKind | 'unknown';
  foundAt: string;
  message: string;
  /** Where the data was found, relative to the library folder. */
  originalPath: string;
}

/** The task name of the background check's 'task.progress' events. */
export const LIBRARY_CHECK_TASK = 'library-check';

/** The check of every file's content that follows an open (see main/services/library/verify.ts). */
export interface LibraryVerification {
  /** 'full': every file was read at open (a new library, or no record of an earlier check could be trusted); 'incremental': only files changed since the last check. */
  openCheck: 'full' | 'incremental';
  /** Files read at open. */
  filesRead: number;
  state: 'waiting' | 'running' | 'done' | 'stopped';
  /** Files whose content has been checked against the record, of all. */
  done: number;
  total: number;
  /** When the last pass over every file finished. */
  finishedAt: string | null;
}

export interface LibraryHealth {
  /** When the check ran (at open). */
  checkedAt: string;
  /** How the library was checked at open, and the background check of every file's content. */
  verification: LibraryVerification;
  /** What the check found at this open, and the background check since. Empty when all is well. */
  issues: HealthIssue[];
  /** Everything kept aside so far, newest first (from this and earlier opens). */
  quarantine: QuarantineEntry[];
  /** The quarantine folder, absolute, to show the user where to look. */
  quarantinePath: string;
}
