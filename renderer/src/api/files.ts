// A file the user chose, read for a call: one over the size the call accepts is refused in words before
// it is read (reading 2 GB into the page only to have it refused would freeze the window first).
import { describeSize, MAX_IMPORT_BYTES } from '../../../shared/call-limits';
import { AppError } from '../../../shared/errors';

export async function readChosenFile(file: File, limit: number = MAX_IMPORT_BYTES): Promise<Uint8Array<ArrayBuffer>> {
  if (file.size > limit) {
    throw new AppError('too-large', `It is ${describeSize(file.size)}, and Apostil accepts files of up to ${describeSize(limit)}.`);
  }
  return new Uint8Array(await file.arrayBuffer());
}
