// Encrypts a PDF made by pdf-lib with a user password, for the tests: pdf-lib cannot encrypt, so this
// applies the standard security handler (revision 2, RC4 with a 40-bit key: PDF 1.1, which every
// reader opens) to every string and stream by hand. Test support only; never used on user files.
import { createHash } from 'node:crypto';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFObject,
} from 'pdf-lib';

const PADDING = Uint8Array.from([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08, 0x2e, 0x2e, 0x00, 0xb6, 0xd0,
  0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

const md5 = (...parts: Uint8Array[]) => new Uint8Array(createHash('md5').update(Buffer.concat(parts)).digest());

function padded(password: string): Uint8Array {
  const bytes = new TextEncoder().encode(password).slice(0, 32);
  const out = new Uint8Array(32);
  out.set(bytes);
  out.set(PADDING.slice(0, 32 - bytes.length), bytes.length);
  return out;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** Returns the PDF's bytes encrypted so that it opens only with `password`. */
export async function encryptPdf(plain: Uint8Array, password: string): Promise<Uint8Array> {
  // Saved once without object streams, so that every object is encrypted on its own.
  const flat = await (await PDFDocument.load(plain, { updateMetadata: false })).save({ useObjectStreams: false });
  const doc = await PDFDocument.load(flat, { updateMetadata: false });
  const id = md5(new TextEncoder().encode(`apostil-test-${password}`));
  const permissions = -4; // all allowed
  const p = new Uint8Array(4);
  new DataView(p.buffer).setInt32(0, permissions, true);

  const owner = rc4(md5(padded(password)).slice(0, 5), padded(password));
  const key = md5(padded(password), owner, p, id).slice(0, 5);
  const user = rc4(key, PADDING);

  const objectKey = (ref: PDFRef) => {
    const n = ref.objectNumber;
    const g = ref.generationNumber;
    return md5(key, Uint8Array.from([n & 255, (n >> 8) & 255, (n >> 16) & 255, g & 255, (g >> 8) & 255])).slice(0, 10);
  };
  const encryptValue = (value: PDFObject, k: Uint8Array): PDFObject => {
    if (value instanceof PDFString || value instanceof PDFHexString) return PDFHexString.of(hex(rc4(k, value.asBytes())));
    if (value instanceof PDFArray) {
      for (let i = 0; i < value.size(); i++) value.set(i, encryptValue(value.get(i), k));
      return value;
    }
    if (value instanceof PDFDict) {
      for (const [name, entry] of value.entries()) value.set(name, encryptValue(entry, k));
      return value;
    }
    return value;
  };

  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    const k = objectKey(ref);
    if (object instanceof PDFStream) {
      const contents = object.getContents();
      encryptValue(object.dict, k);
      const raw = PDFRawStream.of(object.dict, rc4(k, contents));
      raw.dict.set(PDFName.of('Length'), PDFNumber.of(raw.getContentsSize()));
      doc.context.assign(ref, raw);
    } else encryptValue(object, k);
  }

  const encrypt = doc.context.obj({
    Filter: 'Standard',
    V: 1,
    R: 2,
    O: PDFHexString.of(hex(owner)),
    U: PDFHexString.of(hex(user)),
    P: permissions,
  });
  doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(hex(id)), PDFHexString.of(hex(id))]);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
