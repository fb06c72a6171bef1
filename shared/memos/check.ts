// Reading memos.json back: each memo is judged on its own, so one bad entry never sinks the rest.
// Memos that cannot be used are returned to be set aside (the caller keeps them in the quarantine).
// A memo about a document, principle or actor that is gone is kept as it is: nothing the user wrote
// is dropped for a reference that may come back (a document restored from the trash).
import type { CheckedFile } from '../collections/check';
import { describeZodError } from '../schemas';
import { memoSchema, type Memo } from './model';

export function checkMemos(entries: readonly unknown[]): CheckedFile<Memo[]> {
  const invalid: CheckedFile<unknown>['invalid'] = [];
  const memos: Memo[] = [];
  const ids = new Set<string>();
  for (const entry of entries) {
    const parsed = memoSchema.safeParse(entry);
    if (!parsed.success) {
      invalid.push({ entry, reason: describeZodError(parsed.error) });
      continue;
    }
    if (ids.has(parsed.data.id)) {
      invalid.push({ entry, reason: `the id ${parsed.data.id} is used by another memo` });
      continue;
    }
    ids.add(parsed.data.id);
    memos.push(parsed.data);
  }
  return { value: memos, invalid, repairs: [] };
}
