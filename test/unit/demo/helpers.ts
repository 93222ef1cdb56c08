/** Shared helpers for the demo portfolio tests: a small hand-made spec and a strict PNG reader. */
import { unzlibSync } from 'fflate';
import { crc32 } from '../../../core/demo/png';
import { QUALIFICATION_FORMAT, type QualificationSpec } from '../../../core/spec/types';

/** A small specification shaped like CONTRACTS.md §1, with wording the demo has never seen. */
export function smallSpec(): QualificationSpec {
  return {
    format: QUALIFICATION_FORMAT,
    id: 'test-spec',
    title: 'Test qualification',
    awardingBody: 'Test body',
    version: '1',
    units: [
      {
        id: 'U1',
        title: 'Unit one',
        learningOutcomes: [
          {
            id: 'U1.LO1',
            title: 'Outcome one',
            markingPoints: [
              { id: 'U1.1.1', text: 'Shows paraphrasing of the customer concern.' },
              { id: 'U1.1.2', text: 'Uses the HEAT model.', label: 'HEAT' },
              { id: 'U1.1.3', text: 'Does something nobody has written about before.' },
            ],
          },
        ],
      },
      {
        id: 'U2',
        title: 'Unit two',
        learningOutcomes: [
          {
            id: 'U2.LO1',
            title: 'Outcome two',
            markingPoints: [
              { id: 'U2.1.1', text: 'Plans monitoring with objectives and samples.' },
              { id: 'U2.1.2', text: 'References legislation accurately.' },
              { id: 'U2.1.3', text: 'Communicated findings to stakeholders.' },
              { id: 'U2.1.4', text: 'Records complaint details in the designated system.' },
              { id: 'U2.1.5', text: 'Another entirely unfamiliar requirement.' },
            ],
          },
        ],
      },
    ],
  };
}

export function allPointIds(spec: QualificationSpec): string[] {
  return spec.units.flatMap((unit) => unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints.map((point) => point.id)));
}

export interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  /** Inflated IDAT: one filter byte and the row's samples per row. */
  raw: Uint8Array;
}

/** Reads a PNG strictly: signature, every chunk's CRC, IHDR first, IEND last; inflates IDAT. */
export function decodePng(bytes: Uint8Array): DecodedPng {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  signature.forEach((byte, index) => {
    if (bytes[index] !== byte) throw new Error('Bad PNG signature.');
  });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  const chunks: Array<{ type: string; data: Uint8Array }> = [];
  while (offset < bytes.length) {
    const length = view.getUint32(offset);
    const typeBytes = bytes.subarray(offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    const stored = view.getUint32(offset + 8 + length);
    if (crc32(typeBytes, data) !== stored) throw new Error(`Bad CRC in chunk at ${offset}.`);
    chunks.push({ type: String.fromCharCode(...typeBytes), data });
    offset += 12 + length;
  }
  if (offset !== bytes.length) throw new Error('Trailing bytes after the last chunk.');
  if (chunks[0]?.type !== 'IHDR' || chunks.at(-1)?.type !== 'IEND') throw new Error('IHDR must come first and IEND last.');
  const header = new DataView(chunks[0].data.buffer, chunks[0].data.byteOffset, 13);
  const idat = chunks.filter((chunk) => chunk.type === 'IDAT');
  const joined = new Uint8Array(idat.reduce((sum, chunk) => sum + chunk.data.length, 0));
  let at = 0;
  for (const chunk of idat) {
    joined.set(chunk.data, at);
    at += chunk.data.length;
  }
  return { width: header.getUint32(0), height: header.getUint32(4), bitDepth: header.getUint8(8), colourType: header.getUint8(9), raw: unzlibSync(joined) };
}
