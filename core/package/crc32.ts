/**
 * CRC-32 (ZIP's polynomial 0xEDB88320), sliced by 16 so it runs at about 1 GB/s in plain
 * JavaScript. Node callers may pass `zlib.crc32` (several times faster) through the reader and
 * writer options; both compute the same value.
 */
export type Crc32Function = (data: Uint8Array, previous: number) => number;

const TABLE = buildTable();

function buildTable(): Uint32Array {
  const table = new Uint32Array(256 * 16);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = table[n] as number;
    for (let slice = 1; slice < 16; slice++) {
      c = (table[c & 0xff] as number) ^ (c >>> 8);
      table[slice * 256 + n] = c >>> 0;
    }
  }
  return table;
}

/** Continues a CRC-32 over `data`; start with `previous = 0`. */
export const crc32: Crc32Function = (data, previous) => {
  const t = TABLE;
  let c = ~previous;
  let i = 0;
  const end16 = data.length - 15;
  // Indexing a Uint32Array with an in-range index always yields a number; the casts keep
  // noUncheckedIndexedAccess quiet without slowing the hot loop.
  for (; i < end16; i += 16) {
    c ^= (data[i] as number) | ((data[i + 1] as number) << 8) | ((data[i + 2] as number) << 16) | ((data[i + 3] as number) << 24);
    c =
      (t[3840 + (c & 0xff)] as number) ^
      (t[3584 + ((c >>> 8) & 0xff)] as number) ^
      (t[3328 + ((c >>> 16) & 0xff)] as number) ^
      (t[3072 + (c >>> 24)] as number) ^
      (t[2816 + (data[i + 4] as number)] as number) ^
      (t[2560 + (data[i + 5] as number)] as number) ^
      (t[2304 + (data[i + 6] as number)] as number) ^
      (t[2048 + (data[i + 7] as number)] as number) ^
      (t[1792 + (data[i + 8] as number)] as number) ^
      (t[1536 + (data[i + 9] as number)] as number) ^
      (t[1280 + (data[i + 10] as number)] as number) ^
      (t[1024 + (data[i + 11] as number)] as number) ^
      (t[768 + (data[i + 12] as number)] as number) ^
      (t[512 + (data[i + 13] as number)] as number) ^
      (t[256 + (data[i + 14] as number)] as number) ^
      (t[data[i + 15] as number] as number);
  }
  for (; i < data.length; i++) c = (t[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
};
