import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MAX_ATTACHMENT_BYTES,
  attachmentKindOf,
  attachmentSizeProblem,
  isPlainUtf8Text,
  mediaTypeLabel,
  sniffMediaType,
  unsupportedFileMessage,
} from '../../../core/evidence/media-type';

const media = join(import.meta.dirname, '..', '..', 'fixtures', 'media');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(media, name)));
const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((char) => char.charCodeAt(0)) : part)));

describe('media type from the bytes', () => {
  it.each([
    ['complaint-log.png', 'image/png', 'image'],
    ['team-briefing.jpg', 'image/jpeg', 'image'],
    ['call-extract.wav', 'audio/wav', 'audio'],
    ['call-intro.mp3', 'audio/mpeg', 'audio'],
    ['complaints-policy.pdf', 'application/pdf', 'pdf'],
    ['call-notes.txt', 'text/plain', 'text'],
  ])('recognises the fixture %s as %s', (name, mediaType, kind) => {
    expect(sniffMediaType(fixture(name))).toEqual({ mediaType, kind });
  });

  it('goes by the bytes, not the name: a PNG saved as .txt is a PNG, a program called .png is refused', () => {
    expect(sniffMediaType(fixture('screenshot-saved-as.txt'))?.mediaType).toBe('image/png');
    expect(sniffMediaType(fixture('not-really-a-photo.png'))).toBeUndefined();
  });

  it.each([
    ['GIF87a', bytes('GIF87a', [1, 0, 1, 0])],
    ['GIF89a', bytes('GIF89a', [1, 0, 1, 0])],
  ])('recognises %s', (_name, head) => {
    expect(sniffMediaType(head)).toEqual({ mediaType: 'image/gif', kind: 'image' });
  });

  it('tells WebP and WAV apart although both are RIFF files, and refuses other RIFF (AVI)', () => {
    expect(sniffMediaType(bytes('RIFF', [0, 1, 0, 0], 'WEBPVP8 '))?.mediaType).toBe('image/webp');
    expect(sniffMediaType(bytes('RIFF', [0, 1, 0, 0], 'WAVEfmt '))?.mediaType).toBe('audio/wav');
    expect(sniffMediaType(bytes('RIFF', [0, 1, 0, 0], 'AVI LIST'))).toBeUndefined();
  });

  it('recognises MP3 with an ID3 tag and as a bare frame, but not a reserved frame header', () => {
    expect(sniffMediaType(bytes('ID3', [4, 0, 0, 0, 0, 2, 1]))?.mediaType).toBe('audio/mpeg');
    expect(sniffMediaType(bytes([0xff, 0xfb, 0x90, 0x64]))?.mediaType).toBe('audio/mpeg');
    expect(sniffMediaType(bytes([0xff, 0xf3, 0x48, 0xc4]))?.mediaType).toBe('audio/mpeg');
    // Bitrate index 15 is "bad", sample-rate index 3 reserved: not a frame.
    expect(sniffMediaType(bytes([0xff, 0xfb, 0xf0, 0x64]))).toBeUndefined();
    expect(sniffMediaType(bytes([0xff, 0xfb, 0x9c, 0x64]))).toBeUndefined();
    // An ID3 tag with a size byte that breaks the syncsafe rule is not a tag.
    expect(sniffMediaType(bytes('ID3', [3, 0, 0, 0x80, 0, 0, 0]))).toBeUndefined();
  });

  it('recognises AAC (ADTS), Ogg, FLAC and WebM audio', () => {
    expect(sniffMediaType(bytes([0xff, 0xf1, 0x50, 0x80]))?.mediaType).toBe('audio/aac');
    expect(sniffMediaType(bytes('OggS', [0, 2, 0, 0]))?.mediaType).toBe('audio/ogg');
    expect(sniffMediaType(bytes('fLaC', [0, 0, 0, 34]))?.mediaType).toBe('audio/flac');
    const webm = bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm', [0x42, 0x87, 0x81, 0x04]);
    expect(sniffMediaType(webm)?.mediaType).toBe('audio/webm');
    const matroska = bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88], 'matroska');
    expect(sniffMediaType(matroska)).toBeUndefined();
  });

  it('accepts MP4 audio brands and refuses HEIC, AVIF and QuickTime', () => {
    const ftyp = (brand: string): Uint8Array => bytes([0, 0, 0, 0x20], 'ftyp', brand, [0, 0, 0, 0]);
    expect(sniffMediaType(ftyp('M4A '))).toEqual({ mediaType: 'audio/mp4', kind: 'audio' });
    expect(sniffMediaType(ftyp('isom'))?.mediaType).toBe('audio/mp4');
    expect(sniffMediaType(ftyp('heic'))).toBeUndefined();
    expect(sniffMediaType(ftyp('avif'))).toBeUndefined();
    expect(sniffMediaType(ftyp('qt  '))).toBeUndefined();
  });

  it('refuses formats it cannot show or play', () => {
    expect(sniffMediaType(bytes('PK', [3, 4, 20, 0, 0, 0]))).toBeUndefined(); // ZIP / Word
    expect(sniffMediaType(bytes('BM', [0x36, 0, 0, 0, 0, 0]))).toBeUndefined(); // BMP
    expect(sniffMediaType(bytes([0x7f], 'ELF', [2, 1, 1, 0]))).toBeUndefined();
    expect(sniffMediaType(new Uint8Array())).toBeUndefined();
  });

  it('does not take a short prefix of a signature for the real thing', () => {
    expect(sniffMediaType(bytes([0x89], 'PNG'))).toBeUndefined();
    expect(sniffMediaType(bytes('%PD'))?.mediaType).toBe('text/plain');
    expect(sniffMediaType(bytes([0, 0, 0, 0x20], 'ftyp'))).toBeUndefined();
  });
});

describe('plain text', () => {
  const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

  it('accepts UTF-8 with accents, emoji, tabs and a byte-order mark', () => {
    expect(sniffMediaType(encode('\uFEFFCafé — 10 % off, £5 ✓ 🙂\tdone\r\n'))).toEqual({ mediaType: 'text/plain', kind: 'text' });
  });

  it('refuses text with a NUL byte (binary files nearly always have one)', () => {
    expect(sniffMediaType(encode('hello\u0000world'))).toBeUndefined();
  });

  it('refuses malformed UTF-8: stray continuation, overlong forms, surrogates, beyond U+10FFFF', () => {
    expect(isPlainUtf8Text(bytes('a', [0x80]))).toBe(false);
    expect(isPlainUtf8Text(bytes([0xc0, 0xaf]))).toBe(false);
    expect(isPlainUtf8Text(bytes([0xe0, 0x80, 0xaf]))).toBe(false);
    expect(isPlainUtf8Text(bytes([0xed, 0xa0, 0x80]))).toBe(false);
    expect(isPlainUtf8Text(bytes([0xf4, 0x90, 0x80, 0x80]))).toBe(false);
    expect(isPlainUtf8Text(bytes([0xf5, 0x80, 0x80, 0x80]))).toBe(false);
    expect(isPlainUtf8Text(bytes('Latin-1 caf', [0xe9]))).toBe(false);
  });

  it('allows a character cut off at the end only when the bytes are the start of a longer file', () => {
    const euro = encode('price €');
    const cut = euro.subarray(0, euro.length - 1);
    expect(isPlainUtf8Text(cut, true)).toBe(false);
    expect(isPlainUtf8Text(cut, false)).toBe(true);
    expect(sniffMediaType(cut, { isComplete: false })?.mediaType).toBe('text/plain');
    // A cut-off character must still be well formed as far as it goes.
    expect(isPlainUtf8Text(bytes('x', [0xe2, 0x41]), false)).toBe(false);
  });
});

describe('size limits and messages', () => {
  it('refuses files over 250 MB and empty files, naming the file', () => {
    expect(attachmentSizeProblem('call.wav', MAX_ATTACHMENT_BYTES)).toBeUndefined();
    expect(attachmentSizeProblem('call.wav', MAX_ATTACHMENT_BYTES + 1)).toBe('“call.wav” is 250.0 MB, which is larger than the 250 MB limit for one attachment. Shorten the recording or reduce the file, then try again.');
    expect(attachmentSizeProblem('big.mp3', 400 * 1024 * 1024)).toContain('is 400.0 MB');
    expect(attachmentSizeProblem('empty.txt', 0)).toBe('“empty.txt” is empty, so there is nothing to attach.');
    expect(attachmentSizeProblem('odd', Number.NaN)).toBe('“odd” could not be read.');
  });

  it('explains what can be attached', () => {
    expect(unsupportedFileMessage('report.docx')).toMatch(/^“report.docx” is not a kind of file the app can keep\. You can attach images \(PNG, JPEG, GIF or WebP\), PDF documents/);
  });

  it('labels and kinds match the accepted media types only', () => {
    expect(mediaTypeLabel('audio/mpeg')).toBe('MP3 audio');
    expect(mediaTypeLabel('application/zip')).toBe('File');
    expect(attachmentKindOf('image/webp')).toBe('image');
    expect(attachmentKindOf('application/pdf')).toBe('pdf');
    expect(attachmentKindOf('image/svg+xml')).toBeUndefined();
    expect(attachmentKindOf('text/html')).toBeUndefined();
  });
});
