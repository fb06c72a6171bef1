// Opening a segment's file: its header and resident sections, checked before anything is used.
import { fstatSync, readSync } from 'node:fs';
import { checkResident, CorruptSegmentError, readHeader, type SegmentHeader } from './segment-format';

export function readResident(fd: number): { header: SegmentHeader; dataStart: number; resident: Uint8Array } {
  const { size } = fstatSync(fd);
  const prefix = new Uint8Array(Math.min(size, 1 << 16));
  readSync(fd, prefix, 0, prefix.byteLength, 0);
  let read = readHeader(prefix);
  if ('needed' in read) {
    if (read.needed > size) throw new CorruptSegmentError('truncated header');
    const whole = new Uint8Array(read.needed);
    readSync(fd, whole, 0, read.needed, 0);
    read = readHeader(whole);
    if ('needed' in read) throw new CorruptSegmentError('truncated header');
  }
  const { header, dataStart } = read;
  if (dataStart + header.dataLength !== size) throw new CorruptSegmentError('truncated');
  // An ArrayBuffer of its own, so the typed-array views are aligned.
  const resident = new Uint8Array(header.storedFrom);
  let done = 0;
  while (done < resident.byteLength) {
    const n = readSync(fd, resident, done, resident.byteLength - done, dataStart + done);
    if (n === 0) throw new CorruptSegmentError('truncated');
    done += n;
  }
  checkResident(header, resident);
  return { header, dataStart, resident };
}
