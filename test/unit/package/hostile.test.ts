/**
 * A hostile-package corpus, generated here: one test per rule of CONTRACTS.md §2, each
 * checking the package is refused with a message that names the offending entry.
 */
import { describe, expect, it } from 'vitest';
import { memoryByteSink, memoryByteSource } from '../../../core/package/byte-io';
import { readPackage } from '../../../core/package/reader';
import { bytesPayload, writePackage } from '../../../core/package/writer';
import { type Problem, formatProblem } from '../../../core/problems';
import { nodeCrc32, nodeSha256Hasher } from '../../../cli/package-file';
import { attachment, pseudoRandomBytes, sampleManifest } from './fixtures';
import { type ForgeEntry, crc, forgeZip } from './zip-forge';

const encoder = new TextEncoder();
const photo = attachment(pseudoRandomBytes(5000, 11), 'image/jpeg');
const note = attachment(encoder.encode('Nodyn byr — ŵ ŷ'), 'text/plain');
const manifest = sampleManifest([photo, note]);
const manifestBytes = encoder.encode(JSON.stringify(manifest));
const photoName = `attachments/${photo.sha256}`;
const noteName = `attachments/${note.sha256}`;

/** A valid package's entries; each test changes one thing. */
function validEntries(): ForgeEntry[] {
  return [
    { name: 'manifest.json', data: manifestBytes, method: 8 },
    { name: photoName, data: photo.bytes },
    { name: noteName, data: note.bytes },
  ];
}

function withManifest(value: unknown): ForgeEntry[] {
  return [{ name: 'manifest.json', data: encoder.encode(JSON.stringify(value)), method: 8 }, ...validEntries().slice(1)];
}

async function read(bytes: Uint8Array) {
  return readPackage(memoryByteSource(bytes), { createHasher: nodeSha256Hasher, crc32: nodeCrc32 });
}

async function problemsOf(bytes: Uint8Array): Promise<Problem[]> {
  const result = await read(bytes);
  if (result.ok) throw new Error('The package was accepted but should have been refused.');
  expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) expect(problem.message).not.toMatch(/\bat .*\.ts:\d+/);
  return result.problems;
}

/** The problems must include one matching `pattern` whose message names `entry`. */
async function expectRefusal(bytes: Uint8Array, pattern: RegExp, entry?: string): Promise<void> {
  const problems = await problemsOf(bytes);
  const matching = problems.filter((problem) => pattern.test(problem.message));
  expect(matching, problems.map(formatProblem).join('\n')).not.toHaveLength(0);
  if (entry !== undefined) expect(matching.some((problem) => problem.message.includes(entry)), problems.map(formatProblem).join('\n')).toBe(true);
}

async function validPackage(): Promise<Uint8Array> {
  const sink = memoryByteSink();
  await writePackage(manifest, [bytesPayload(photo.sha256, photo.bytes), bytesPayload(note.sha256, note.bytes)], sink);
  return sink.bytes();
}

describe('controls: packages that must be accepted', () => {
  it('accepts the forged baseline every hostile case starts from', async () => {
    const result = await read(forgeZip(validEntries()));
    expect(result.ok ? 'accepted' : result.problems.map(formatProblem).join('\n')).toBe('accepted');
  });

  it('accepts data descriptors that agree with the table of contents', async () => {
    const entries = validEntries().map((entry) => ({ ...entry, descriptor: {} }));
    expect((await read(forgeZip(entries))).ok).toBe(true);
  });

  it('accepts ZIP64 extra fields and ZIP64 end records', async () => {
    const entries = validEntries().map((entry) => ({ ...entry, zip64: true, descriptor: {} }));
    const result = await read(forgeZip(entries, { zip64End: true }));
    expect(result.ok ? 'accepted' : result.problems.map(formatProblem).join('\n')).toBe('accepted');
  });

  it('accepts a ZIP comment after the end record', async () => {
    expect((await read(forgeZip(validEntries(), { comment: 'made by hand' }))).ok).toBe(true);
  });
});

describe('not a complete ZIP', () => {
  it('refuses a file that is not a ZIP at all', async () => {
    await expectRefusal(encoder.encode('Dear assessor, here is my portfolio. '.repeat(20)), /not a complete ZIP package/);
  });

  it('refuses an empty file', async () => {
    await expectRefusal(new Uint8Array(0), /not a complete ZIP package/);
  });

  it('refuses a package cut short (truncated)', async () => {
    const bytes = await validPackage();
    await expectRefusal(bytes.subarray(0, Math.floor(bytes.byteLength * 0.7)), /not a complete ZIP package.*(cut short|missing)/);
  });

  it('refuses a package whose last byte is missing', async () => {
    const bytes = await validPackage();
    await expectRefusal(bytes.subarray(0, bytes.byteLength - 1), /not a complete ZIP package/);
  });

  it('refuses a table of contents that points beyond the file (bad offsets)', async () => {
    await expectRefusal(forgeZip(validEntries(), { directoryOffset: 10_000_000 }), /not a complete ZIP package.*beyond the end/);
  });

  it('refuses an entry whose table-of-contents offset does not lead to its header', async () => {
    const entries = validEntries();
    entries[1] = { ...(entries[1] as ForgeEntry), central: { offset: 3 } };
    await expectRefusal(forgeZip(entries), /not where the table of contents says/, photoName);
  });

  it('refuses a second end record hidden in the ZIP comment', async () => {
    const inner = forgeZip(validEntries());
    const fakeEnd = inner.subarray(inner.byteLength - 22);
    // The outer end record's comment is exactly the inner package's 22-byte end record.
    const outer = forgeZip(validEntries(), { comment: 'x'.repeat(22) });
    outer.set(fakeEnd, outer.byteLength - 22);
    await expectRefusal(outer, /two closing records/);
  });

  it('refuses bytes before the first entry', async () => {
    await expectRefusal(forgeZip(validEntries(), { prefix: encoder.encode('MZ-stub') }), /belong to no entry/);
  });
});

describe('entry names', () => {
  // [what, entry name, expected message, how the message shows the name]
  const cases: Array<[string, string, RegExp, string?]> = [
    ['an absolute path', '/etc/passwd', /absolute path/],
    ['a Windows drive path', 'C:/Windows/evil.dll', /absolute path/],
    ['a parent folder (..)', '../../evil.sh', /outside the package.*\.\./],
    ['a parent folder inside attachments', 'attachments/../manifest.json', /outside the package/],
    ['a backslash', 'attachments\\evil', /backslash/],
    ['an unexpected folder', 'docs/readme.txt', /unexpected folder/],
    ['a nested attachments folder', `attachments/x/${photo.sha256}`, /unexpected folder/],
    ['a folder entry', 'attachments/', /folder entry/],
    ['an unexpected file', 'readme.txt', /not expected/],
    ['an attachment not named by a hash', 'attachments/photo.jpg', /not named by the SHA-256/],
    ['an upper-case hash', `attachments/${photo.sha256.toUpperCase()}`, /not named by the SHA-256/],
    ['a control character', 'manifest.json\u0000.exe', /control characters/, 'manifest.json\\u0000.exe'],
  ];
  for (const [what, name, pattern, shown] of cases) {
    it(`refuses ${what}: ${JSON.stringify(name)}`, async () => {
      await expectRefusal(forgeZip([...validEntries(), { name, data: encoder.encode('x') }]), pattern, `"${shown ?? name}"`);
    });
  }

  it('refuses a duplicate entry', async () => {
    await expectRefusal(forgeZip([...validEntries(), { name: 'manifest.json', data: manifestBytes }]), /more than once/, '"manifest.json"');
  });

  it('refuses a duplicate attachment', async () => {
    await expectRefusal(forgeZip([...validEntries(), { name: photoName, data: photo.bytes }]), /more than once/, photoName);
  });
});

describe('manifest', () => {
  it('refuses a package without manifest.json', async () => {
    await expectRefusal(forgeZip(validEntries().slice(1)), /has no manifest\.json/, 'manifest.json');
  });

  it('refuses a manifest that is not UTF-8', async () => {
    const bytes = new Uint8Array([...encoder.encode('{"format":"portfolio-package/1","x":"'), 0xff, 0xfe, ...encoder.encode('"}')]);
    await expectRefusal(forgeZip([{ name: 'manifest.json', data: bytes }, ...validEntries().slice(1)]), /not valid UTF-8/, 'manifest.json');
  });

  it('refuses a name that starts with a byte-order mark (other tools see a different name)', async () => {
    await expectRefusal(forgeZip([{ name: '\ufeffmanifest.json', data: manifestBytes, method: 8 }, ...validEntries()]), /is not expected/);
  });

  it('refuses an entry marked as a symbolic link, whatever its bytes', async () => {
    const bytes = forgeZip(validEntries());
    // The first central directory record: "made by" Unix, mode lrwxrwxrwx in the external attributes.
    let central = -1;
    for (let index = bytes.length - 22; index >= 0; index--) {
      if (bytes[index] === 0x50 && bytes[index + 1] === 0x4b && bytes[index + 2] === 0x01 && bytes[index + 3] === 0x02) central = index;
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    view.setUint16(central + 4, (3 << 8) | 20, true);
    view.setUint32(central + 38, (0o120777 << 16) >>> 0, true);
    await expectRefusal(bytes, /marked as a link or special file/, 'manifest.json');
  });

  it('refuses a manifest that is not JSON', async () => {
    await expectRefusal(forgeZip([{ name: 'manifest.json', data: encoder.encode('{"format": "portfolio-package/1",') }, ...validEntries().slice(1)]), /not valid JSON/, 'manifest.json');
  });

  it('refuses a manifest nested absurdly deeply, even inside an "x-" field', async () => {
    const deep = JSON.stringify(manifest).replace('"units":[', `"x-deep":${'['.repeat(200_000)}${']'.repeat(200_000)},"units":[`);
    await expectRefusal(forgeZip([{ name: 'manifest.json', data: encoder.encode(deep), method: 8 }, ...validEntries().slice(1)]), /manifest\.json is nested more than/);
  });

  it('refuses a manifest failing the schema, with JSON Pointers', async () => {
    const broken = structuredClone(manifest) as unknown as { evidence: Array<Record<string, unknown>> };
    (broken.evidence[0] as Record<string, unknown>).title = 42;
    (broken.evidence[1] as Record<string, unknown>).activityDate = '22/11/2026';
    const problems = await problemsOf(forgeZip(withManifest(broken)));
    expect(problems[0]?.path).toBe('manifest.json');
    expect(problems[0]?.message).toMatch(/manifest\.json does not follow the package format/);
    expect(problems).toContainEqual({ path: '/evidence/0/title', message: 'must be text, but it is 42.' });
    expect(problems.find((problem) => problem.path === '/evidence/1/activityDate')?.message).toMatch(/YYYY-MM-DD/);
  });

  it('refuses an unknown format version, naming the one found and the one supported', async () => {
    await expectRefusal(forgeZip(withManifest({ ...manifest, format: 'portfolio-package/2' })), /"portfolio-package\/2".*"portfolio-package\/1"/, 'manifest.json');
  });

  it('refuses a manifest over 64 MiB', async () => {
    const entries = validEntries();
    entries[0] = { ...(entries[0] as ForgeEntry), central: { size: 65 * 1024 * 1024 }, local: { size: 65 * 1024 * 1024 } };
    await expectRefusal(forgeZip(entries), /at most 64 MiB/, '"manifest.json"');
  });

  it('ignores "__proto__" keys safely: refused as unknown fields, no prototype touched', async () => {
    const text = JSON.stringify(manifest).replace('{"format"', '{"__proto__":{"isPolluted":true},"format"').replace('"learner":{', '"learner":{"__proto__":{"isAdmin":true},');
    const problems = await problemsOf(forgeZip([{ name: 'manifest.json', data: encoder.encode(text) }, ...validEntries().slice(1)]));
    expect(problems.some((problem) => problem.path === '/__proto__')).toBe(true);
    expect(problems.some((problem) => problem.path === '/portfolio/learner/__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).isPolluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});

describe('attachments', () => {
  it('refuses an attachment whose bytes do not hash to its name', async () => {
    const entries = validEntries();
    const tampered = photo.bytes.slice();
    tampered[100] = (tampered[100] as number) ^ 0xff;
    entries[1] = { name: photoName, data: tampered };
    await expectRefusal(forgeZip(entries), /do not have the SHA-256 its name says/, photoName);
  });

  it('refuses a referenced attachment that is missing', async () => {
    await expectRefusal(forgeZip(validEntries().filter((entry) => entry.name !== noteName)), /attachment is missing/, noteName);
  });

  it('refuses an attachment entry the manifest does not list', async () => {
    const stray = attachment(encoder.encode('stray'));
    await expectRefusal(forgeZip([...validEntries(), { name: `attachments/${stray.sha256}`, data: stray.bytes }]), /not listed/, `attachments/${stray.sha256}`);
  });

  it('refuses evidence that refers to an attachment the manifest does not list', async () => {
    const broken = structuredClone(manifest);
    broken.attachments = broken.attachments.filter((item) => item.sha256 !== note.sha256);
    const problems = await problemsOf(forgeZip(withManifest(broken).filter((entry) => entry.name !== noteName)));
    expect(problems.some((problem) => problem.path.startsWith('/evidence/0/attachments/') && problem.message.includes(note.sha256))).toBe(true);
  });

  it('refuses damaged bytes that fail the CRC-32 checksum', async () => {
    const entries = validEntries();
    entries[2] = { ...(entries[2] as ForgeEntry), local: { crc: 1234 }, central: { crc: 1234 } };
    await expectRefusal(forgeZip(entries), /checksum/, noteName);
  });
});

describe('limits and tampering', () => {
  it('refuses more than 100,000 entries', async () => {
    const entries: ForgeEntry[] = [validEntries()[0] as ForgeEntry];
    const empty = new Uint8Array(0);
    for (let index = 0; index < 100_000; index++) entries.push({ name: `attachments/${index.toString(16).padStart(64, '0')}`, data: empty });
    await expectRefusal(forgeZip(entries, { zip64End: true }), /100,001 entries; at most 100,000/);
  });

  it('refuses an end record announcing more than 100,000 entries before reading them', async () => {
    await expectRefusal(forgeZip(validEntries(), { entryCount: 1_000_000, zip64End: true }), /1,000,000 entries/);
  });

  it('refuses an attachment that inflates to more than its declared size', async () => {
    const entries = validEntries();
    // Headers agree with each other and with the manifest; only inflating reveals the extra bytes.
    const data = new Uint8Array([...note.bytes, ...encoder.encode(' and a hidden tail')]);
    const declared = { size: note.bytes.byteLength, crc: crc(note.bytes) };
    entries[2] = { name: noteName, data, method: 8, local: declared, central: declared };
    await expectRefusal(forgeZip(entries), /larger than its declared size/, noteName);
  });

  it('refuses a manifest that inflates to more than its declared size', async () => {
    const entries = validEntries();
    const declared = { size: manifestBytes.byteLength - 10 };
    entries[0] = { ...(entries[0] as ForgeEntry), local: declared, central: declared };
    await expectRefusal(forgeZip(entries), /larger than its declared size/, '"manifest.json"');
  });

  it('refuses a stored entry larger than declared (hidden bytes after the declared end)', async () => {
    const entries = validEntries();
    const declared = photo.bytes.byteLength - 100;
    entries[1] = { name: photoName, data: photo.bytes, local: { size: declared, compressedSize: declared }, central: { size: declared, compressedSize: declared } };
    await expectRefusal(forgeZip(entries), /larger than declared/, photoName);
  });

  it('refuses a local header that disagrees with the table of contents', async () => {
    const entries = validEntries();
    entries[1] = { ...(entries[1] as ForgeEntry), local: { size: photo.bytes.byteLength + 1000, compressedSize: photo.bytes.byteLength + 1000 } };
    await expectRefusal(forgeZip(entries), /larger than declared: its own header/, photoName);
  });

  it('refuses a local header whose name differs from the table of contents', async () => {
    const entries = validEntries();
    entries[2] = { ...(entries[2] as ForgeEntry), local: { name: `attachments/${'0'.repeat(64)}` } };
    await expectRefusal(forgeZip(entries), /different name in its own header/, noteName);
  });

  it('refuses a data descriptor that disagrees with the table of contents', async () => {
    const entries = validEntries();
    entries[1] = { ...(entries[1] as ForgeEntry), descriptor: { size: 1 } };
    await expectRefusal(forgeZip(entries), /data descriptor/, photoName);
  });

  it('refuses an entry declared larger than 2 GiB', async () => {
    const entries = validEntries();
    const size = 3 * 1024 ** 3;
    entries[2] = { name: noteName, data: note.bytes, method: 8, local: { size }, central: { size, compressedSize: 20 * 1024 ** 2 } };
    await expectRefusal(forgeZip(entries), /at most 2 GiB/, noteName);
  });

  it('refuses an entry compressed more than 200:1 beyond 1 MiB (a zip bomb)', async () => {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const bomb = attachment(zeros);
    const withBomb = sampleManifest([photo, note, bomb]);
    const entries: ForgeEntry[] = [...withManifest(withBomb), { name: `attachments/${bomb.sha256}`, data: zeros, method: 8 }];
    await expectRefusal(forgeZip(entries), /more than 200 times/, `attachments/${bomb.sha256}`);
  });

  it('accepts a small entry compressed far more than 200:1 (under 1 MiB)', async () => {
    const zeros = new Uint8Array(512 * 1024);
    const small = attachment(zeros);
    const entries: ForgeEntry[] = [...withManifest(sampleManifest([photo, note, small])), { name: `attachments/${small.sha256}`, data: zeros, method: 8 }];
    expect((await read(forgeZip(entries))).ok).toBe(true);
  });

  it('refuses an encrypted entry', async () => {
    const entries = validEntries();
    entries[1] = { ...(entries[1] as ForgeEntry), flags: 0x0001 };
    await expectRefusal(forgeZip(entries), /encrypted/, photoName);
  });

  it('refuses an unsupported compression method', async () => {
    const entries = validEntries();
    entries[2] = { ...(entries[2] as ForgeEntry), method: 12 };
    await expectRefusal(forgeZip(entries), /compression method 12 \(bzip2\)/, noteName);
  });

  it('refuses corrupt deflate data', async () => {
    const entries = validEntries();
    const garbage = pseudoRandomBytes(4000, 5);
    entries[0] = { name: 'manifest.json', data: garbage, method: 8 };
    // The forge deflates `data`; corrupt the stream by declaring the body stored-as-deflate garbage instead.
    const bytes = forgeZip(entries);
    const at = bytes.indexOf(0x6d, 30) + 13 + 100; // inside the manifest's compressed body
    bytes.fill(0xff, at, at + 200);
    await expectRefusal(bytes, /manifest\.json/);
  });
});
