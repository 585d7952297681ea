import { isUtf8 } from 'node:buffer';

/**
 * Bytes to text, the same for the CLI and the editor, as editors and Compose read files: a UTF-16 byte-order mark
 * (either order) means UTF-16; otherwise UTF-8, with a UTF-8 byte-order mark dropped from the text (editors show
 * none, so positions on the first line agree). Invalid UTF-8 is decoded with replacement characters, and the
 * result says so: writing such a text back would change bytes the user never touched.
 */
export type Encoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be';

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** False when the bytes were not valid in their encoding: the text is not the file (no fix may write it). */
  lossless: boolean;
}

export function decodeBytes(bytes: Buffer): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: bytes.subarray(2).toString('utf16le'), encoding: 'utf16le', lossless: bytes.length % 2 === 0 };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    swapped.swap16();
    return { text: swapped.toString('utf16le'), encoding: 'utf16be', lossless: bytes.length % 2 === 0 };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  return { text: body.toString('utf8'), encoding: bom ? 'utf8bom' : 'utf8', lossless: isUtf8(body) };
}

/** Text to bytes in the encoding the file was read in (its byte-order mark kept). */
export function encodeText(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be': {
      const le = Buffer.from(text, 'utf16le');
      le.swap16();
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
    }
    case 'utf8bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    default:
      return Buffer.from(text, 'utf8');
  }
}
