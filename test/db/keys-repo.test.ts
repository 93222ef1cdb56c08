import { describe, expect, it } from 'vitest';
import { fingerprintOf, FINGERPRINT_PATTERN } from '../../core/integrity/keys';
import { formatKeyRegister, keyRegisterEntry, parseKeyRegister } from '../../core/integrity/key-register';
import { signDecision } from '../../core/integrity/signing';
import { verifyPortfolio } from '../../core/integrity/verify';
import {
  KeyUnavailableError,
  PERSONAL_KEY_ID,
  checkProfile,
  ensureSigningKey,
  getKeyInfo,
  getKeyRegister,
  getProfile,
  getRole,
  importKeyRegister,
  loadIdentity,
  loadSigningKey,
  publicKeyRegisterText,
  removeKeyRegister,
  replaceSigningKey,
  saveProfile,
  setRole,
  signerOf,
} from '../../renderer/src/db/keys-repo';
import { ASSESSOR, freshDb } from './assessment-fixtures';

describe('role and profile', () => {
  it('starts as a learner, remembers the chosen role, and refuses an unknown one', async () => {
    const db = await freshDb('keys');
    expect(await getRole(db)).toBe('learner');
    await setRole(db, 'iqa');
    expect(await getRole(db)).toBe('iqa');
    await expect(setRole(db, 'examiner' as never)).rejects.toThrow(/learner, assessor or internal quality assurer/);
    expect(await getRole(db)).toBe('iqa');
    // A damaged setting falls back to the safest role, the learner's.
    await db.settings.put({ key: 'role', value: { nonsense: true } });
    expect(await getRole(db)).toBe('learner');
  });

  it('saves a tidy profile and refuses a nameless or over-long one without changing the saved one', async () => {
    const db = await freshDb('keys');
    expect(await getProfile(db)).toBeUndefined();
    const saved = await saveProfile(db, { name: '  Priya Shah ', number: ' A1042 ', centre: '' });
    expect(saved).toEqual({ name: 'Priya Shah', number: 'A1042' });
    expect(await getProfile(db)).toEqual({ name: 'Priya Shah', number: 'A1042' });
    expect(checkProfile({ name: ' ' }).map((problem) => problem.field)).toEqual(['name']);
    await expect(saveProfile(db, { name: '   ' })).rejects.toThrow(/Enter your name/);
    await expect(saveProfile(db, { name: 'x', centre: 'c'.repeat(201) })).rejects.toThrow(/200 characters/);
    expect(await getProfile(db)).toEqual({ name: 'Priya Shah', number: 'A1042' });
  });
});

describe('signing key', () => {
  it('is made on first use, stored non-extractable, and the same key comes back after reopening', async () => {
    const db = await freshDb('keys');
    expect(await loadSigningKey(db)).toBeUndefined();
    const first = await ensureSigningKey(db, 'assessor');
    expect(first.isNew).toBe(true);
    expect(first.key.privateKey.extractable).toBe(false);
    expect(first.key.fingerprint).toMatch(FINGERPRINT_PATTERN);
    expect(await fingerprintOf(first.key.publicKey)).toBe(first.key.fingerprint);

    const second = await ensureSigningKey(db, 'assessor');
    expect(second.isNew).toBe(false);
    expect(second.key.fingerprint).toBe(first.key.fingerprint);

    // The stored private key still signs after a round trip through IndexedDB.
    db.close();
    await db.open();
    const reloaded = await loadSigningKey(db);
    expect(reloaded?.fingerprint).toBe(first.key.fingerprint);
    const info = await getKeyInfo(db);
    expect(info).toMatchObject({ fingerprint: first.key.fingerprint, publicKey: first.key.publicKey, role: 'assessor' });
    expect(info).not.toHaveProperty('privateKey');
  });

  it('makes exactly one key when two first uses race', async () => {
    const db = await freshDb('keys');
    const [a, b] = await Promise.all([ensureSigningKey(db, 'assessor'), ensureSigningKey(db, 'assessor')]);
    expect(a.key.fingerprint).toBe(b.key.fingerprint);
    expect(await db.keys.count()).toBe(1);
    expect([a.isNew, b.isNew].filter(Boolean)).toHaveLength(1);
  });

  it('refuses to sign with a damaged stored key rather than silently making another identity', async () => {
    const db = await freshDb('keys');
    const { key } = await ensureSigningKey(db, 'assessor');
    const row = await db.keys.get(PERSONAL_KEY_ID);
    if (!row) throw new Error('the key should be stored');
    // A fingerprint that is not this key's: the row no longer describes its key.
    await db.keys.put({ ...row, fingerprint: '0000-0000-0000-0000-0000-0000-0000-0000' });
    await expect(loadSigningKey(db)).rejects.toBeInstanceOf(KeyUnavailableError);
    await expect(ensureSigningKey(db, 'assessor')).rejects.toThrow(/can no longer be used/);
    expect((await loadIdentity(db)).hasDamagedKey).toBe(false);
    await db.keys.put({ ...row, privateKey: 'not a key' as never });
    expect((await loadIdentity(db)).hasDamagedKey).toBe(true);
    const replaced = await replaceSigningKey(db, 'assessor');
    expect(replaced.fingerprint).not.toBe(key.fingerprint);
    expect((await loadSigningKey(db))?.fingerprint).toBe(replaced.fingerprint);
  });

  it('exports a register file with just the public key, which the register parser accepts', async () => {
    const db = await freshDb('keys');
    const { key } = await ensureSigningKey(db, 'assessor');
    const text = await publicKeyRegisterText(key, ASSESSOR, 'assessor');
    expect(text).not.toMatch(/privateKey/);
    const parsed = await parseKeyRegister(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.register.centre).toEqual({ name: 'Northgate College' });
    expect(parsed.register.keys).toEqual([{ name: 'Priya Shah', role: 'assessor', number: 'A1042', fingerprint: key.fingerprint, publicKey: key.publicKey, algorithm: key.algorithm }]);
  });
});

describe('centre key register', () => {
  it('imports a valid register, lists every problem of a bad one and keeps the register in use', async () => {
    const db = await freshDb('keys');
    const { key } = await ensureSigningKey(db, 'assessor');
    const good = formatKeyRegister([keyRegisterEntry(key, { name: 'Priya Shah', role: 'assessor' })], { name: 'Northgate College' });
    const imported = await importKeyRegister(db, good, 'register.json', new Date('2026-11-01T09:00:00Z'));
    expect(imported.ok).toBe(true);
    expect(await getKeyRegister(db)).toMatchObject({ importedAt: '2026-11-01T09:00:00.000Z', fileName: 'register.json', register: { keys: [{ fingerprint: key.fingerprint }] } });

    const bad = JSON.stringify({ format: 'portfolio-key-register/1', keys: [{ name: '', role: 'examiner', fingerprint: 'nope', publicKey: 'AAAA', algorithm: 'RSA' }] });
    const refused = await importKeyRegister(db, bad);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    const paths = refused.problems.map((problem) => problem.path);
    expect(paths).toEqual(expect.arrayContaining(['/keys/0/name', '/keys/0/role', '/keys/0/fingerprint', '/keys/0/algorithm']));
    expect((await importKeyRegister(db, '{ not json')).ok).toBe(false);
    // The good register is still the one in use.
    expect((await getKeyRegister(db))?.fileName).toBe('register.json');
    await removeKeyRegister(db);
    expect(await getKeyRegister(db)).toBeUndefined();
  });

  it('a stored register flags a decision signed by a key that is not in it', async () => {
    const db = await freshDb('keys');
    const { key } = await ensureSigningKey(db, 'assessor');
    const other = await ensureSigningKey(await freshDb('keys-other'), 'assessor');
    await importKeyRegister(db, formatKeyRegister([keyRegisterEntry(other.key, { name: 'Someone Else', role: 'assessor' })]));
    const register = (await getKeyRegister(db))?.register;
    const decision = await signDecision(
      { id: 'd1', portfolioId: 'p1', markingPointId: 'CS1.1.1', status: 'met', feedback: '', evidence: [], signer: signerOf('assessor', ASSESSOR, key), decidedAt: '2026-11-01T10:00:00.000Z' },
      key,
    );
    const content = { portfolio: { id: 'p1' }, qualification: { units: [] }, evidence: [], mappings: [], decisions: [decision], signOffs: [], iqaSamples: [], declarations: [], actionPlan: [], comments: [], audit: [] };
    const report = await verifyPortfolio(content as never, new Map(), register ? { register } : {});
    expect(report.findings.map((finding) => finding.kind)).toEqual(['unknown-key']);
  });
});
