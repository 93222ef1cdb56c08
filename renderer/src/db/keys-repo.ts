/**
 * Who is using the app (learner, assessor or internal quality assurer), their profile, their
 * signing key and the centre's key register.
 *
 * One key pair per installation: the person at this computer signs everything with it, in
 * whichever role. That is deliberate: an IQA who assessed a unit on this computer carries the
 * same key, so `canSample` refuses their sampling of their own decisions. The private key is
 * made non-extractable by WebCrypto and stored as a CryptoKey (IndexedDB keeps it by
 * structured clone, never as bytes), so it cannot be copied out of the app.
 *
 * Keys are made BEFORE any transaction opens: awaiting WebCrypto inside one commits it early.
 */
import { createSigningKey, isSigningKey, isSigningKeyUsable, type SigningKey } from '../../../core/integrity/keys';
import { formatKeyRegister, keyRegisterEntry, parseKeyRegister, type KeyRegister, type RegisteredRole } from '../../../core/integrity/key-register';
import type { Signer } from '../../../core/model/portfolio';
import type { Problem } from '../../../core/problems';
import type { AppDB, StoredKey } from './app-db';
import { nowIso } from './ids';

export const ROLES = ['learner', 'assessor', 'iqa'] as const;
export type AppRole = (typeof ROLES)[number];

export const ROLE_SETTING = 'role';
export const PROFILE_SETTING = 'signerProfile';
export const KEY_REGISTER_SETTING = 'keyRegister';
/** The id of this installation's one key pair in the `keys` table. */
export const PERSONAL_KEY_ID = 'personal';

export const ROLE_LABELS: Readonly<Record<AppRole, string>> = {
  learner: 'Learner',
  assessor: 'Assessor',
  iqa: 'Internal quality assurer (IQA)',
};

export function isAppRole(value: unknown): value is AppRole {
  return value === 'learner' || value === 'assessor' || value === 'iqa';
}

/** The role the app runs as; a new installation is a learner's. */
export async function getRole(db: AppDB): Promise<AppRole> {
  const setting = await db.settings.get(ROLE_SETTING);
  return isAppRole(setting?.value) ? setting.value : 'learner';
}

export async function setRole(db: AppDB, role: AppRole): Promise<void> {
  if (!isAppRole(role)) throw new Error('Choose learner, assessor or internal quality assurer.');
  await db.settings.put({ key: ROLE_SETTING, value: role });
}

// ---------------------------------------------------------------------------------------
// Profile of an assessor or IQA: what their signatures name.

export interface SignerProfile {
  name: string;
  /** Assessor or IQA registration number, where the centre gives one. */
  number?: string;
  centre?: string;
}

export type ProfileProblem = { field: keyof SignerProfile; message: string };

export const MAX_PROFILE_TEXT = 200;

/** Checks what a person typed; every problem names its field. */
export function checkProfile(input: SignerProfile): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  if (input.name.trim() === '') problems.push({ field: 'name', message: 'Enter your name as it should appear on your decisions.' });
  for (const field of ['name', 'number', 'centre'] as const) {
    if ((input[field]?.trim().length ?? 0) > MAX_PROFILE_TEXT) problems.push({ field, message: `This must be ${MAX_PROFILE_TEXT} characters or fewer.` });
  }
  return problems;
}

function tidyProfile(input: SignerProfile): SignerProfile {
  const number = input.number?.trim();
  const centre = input.centre?.trim();
  return { name: input.name.trim(), ...(number ? { number } : {}), ...(centre ? { centre } : {}) };
}

function isProfile(value: unknown): value is SignerProfile {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof SignerProfile, unknown>>;
  return typeof candidate.name === 'string' && (candidate.number === undefined || typeof candidate.number === 'string') && (candidate.centre === undefined || typeof candidate.centre === 'string');
}

export async function getProfile(db: AppDB): Promise<SignerProfile | undefined> {
  const setting = await db.settings.get(PROFILE_SETTING);
  return isProfile(setting?.value) ? setting.value : undefined;
}

/** Saves the profile; throws with every problem's message when it is not valid (nothing saved). */
export async function saveProfile(db: AppDB, input: SignerProfile): Promise<SignerProfile> {
  const problems = checkProfile(input);
  if (problems.length > 0) throw new Error(problems.map((problem) => problem.message).join(' '));
  const profile = tidyProfile(input);
  await db.settings.put({ key: PROFILE_SETTING, value: profile });
  return profile;
}

// ---------------------------------------------------------------------------------------
// The signing key.

/** What the app shows about the key: everything but the private key. */
export interface KeyInfo {
  algorithm: SigningKey['algorithm'];
  publicKey: string;
  fingerprint: string;
  createdAt: string;
  /** The role the key was first made for. */
  role: StoredKey['role'];
}

/** Thrown when the stored key cannot sign; the message says what the person can do. */
export class KeyUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyUnavailableError';
  }
}

function toSigningKey(row: StoredKey | undefined): SigningKey | undefined {
  if (!row) return undefined;
  const candidate = { algorithm: row.algorithm, privateKey: row.privateKey, publicKey: row.publicKey, fingerprint: row.fingerprint };
  return isSigningKey(candidate) ? candidate : undefined;
}

export async function getKeyInfo(db: AppDB): Promise<KeyInfo | undefined> {
  const row = await db.keys.get(PERSONAL_KEY_ID);
  const key = toSigningKey(row);
  if (!row || !key) return undefined;
  return { algorithm: key.algorithm, publicKey: key.publicKey, fingerprint: key.fingerprint, createdAt: row.createdAt, role: row.role };
}

/** Whether a key row exists but cannot be read as a key (damaged, or from another program). */
export async function hasDamagedKey(db: AppDB): Promise<boolean> {
  const row = await db.keys.get(PERSONAL_KEY_ID);
  return row !== undefined && toSigningKey(row) === undefined;
}

/**
 * The key to sign with, checked to work (it signs a probe its public key verifies). Undefined
 * when there is none yet; throws KeyUnavailableError when the stored one no longer works.
 */
export async function loadSigningKey(db: AppDB): Promise<SigningKey | undefined> {
  const row = await db.keys.get(PERSONAL_KEY_ID);
  if (!row) return undefined;
  const key = toSigningKey(row);
  if (!key || !(await isSigningKeyUsable(key))) {
    throw new KeyUnavailableError('Your signing key can no longer be used on this computer. Make a new key in Settings and give its public key to your centre.');
  }
  return key;
}

function rowOf(key: SigningKey, role: StoredKey['role'], createdAt: string): StoredKey {
  return { id: PERSONAL_KEY_ID, role, algorithm: key.algorithm, privateKey: key.privateKey, publicKey: key.publicKey, fingerprint: key.fingerprint, createdAt };
}

/**
 * The key to sign with, made on first use. If two calls race, the first stored wins and both
 * get it: a person has one key, never two made a moment apart.
 */
export async function ensureSigningKey(db: AppDB, role: StoredKey['role'], now = new Date()): Promise<{ key: SigningKey; isNew: boolean }> {
  const existing = await loadSigningKey(db);
  if (existing) return { key: existing, isNew: false };
  const made = await createSigningKey();
  const stored = await db.transaction('rw', db.keys, async () => {
    const current = await db.keys.get(PERSONAL_KEY_ID);
    if (current) return current;
    const row = rowOf(made, role, nowIso(now));
    await db.keys.add(row);
    return row;
  });
  const key = toSigningKey(stored);
  if (!key) throw new KeyUnavailableError('Your signing key could not be stored on this computer.');
  return { key, isNew: stored.publicKey === made.publicKey };
}

/**
 * Replaces the key with a new one (after the old one was damaged, or lost to the centre). The
 * old key's signatures stay valid; the centre must register the new public key.
 */
export async function replaceSigningKey(db: AppDB, role: StoredKey['role'], now = new Date()): Promise<SigningKey> {
  const made = await createSigningKey();
  await db.keys.put(rowOf(made, role, nowIso(now)));
  return made;
}

/** The signer a record names: role, the profile's name, number and centre, and the key. */
export function signerOf(role: Signer['role'], profile: SignerProfile, key: Pick<SigningKey, 'fingerprint'>): Signer {
  return {
    role,
    name: profile.name,
    ...(profile.number ? { number: profile.number } : {}),
    ...(profile.centre ? { centre: profile.centre } : {}),
    keyFingerprint: key.fingerprint,
  };
}

/** A register file holding just this person's key, for the centre to add to its register. */
export function publicKeyRegisterText(key: Pick<SigningKey, 'algorithm' | 'publicKey' | 'fingerprint'>, profile: SignerProfile, role: RegisteredRole): string {
  const entry = keyRegisterEntry(key, { name: profile.name, role, ...(profile.number ? { number: profile.number } : {}) });
  return formatKeyRegister([entry], profile.centre ? { name: profile.centre } : undefined);
}

// ---------------------------------------------------------------------------------------
// The centre's key register.

export interface StoredKeyRegister {
  register: KeyRegister;
  importedAt: string;
  fileName?: string;
}

function isStoredRegister(value: unknown): value is StoredKeyRegister {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof StoredKeyRegister, unknown>>;
  const register = candidate.register as Partial<KeyRegister> | undefined;
  return typeof candidate.importedAt === 'string' && typeof register === 'object' && register !== null && Array.isArray(register.keys);
}

export async function getKeyRegister(db: AppDB): Promise<StoredKeyRegister | undefined> {
  const setting = await db.settings.get(KEY_REGISTER_SETTING);
  return isStoredRegister(setting?.value) ? setting.value : undefined;
}

export type ImportRegisterResult = { ok: true; stored: StoredKeyRegister } | { ok: false; problems: Problem[] };

/**
 * Checks a register file completely and stores it in place of any earlier one. A register with
 * any problem is refused whole, and the one in use (if any) stays.
 */
export async function importKeyRegister(db: AppDB, text: string, fileName?: string, now = new Date()): Promise<ImportRegisterResult> {
  const parsed = await parseKeyRegister(text);
  if (!parsed.ok) return parsed;
  const stored: StoredKeyRegister = { register: parsed.register, importedAt: nowIso(now), ...(fileName ? { fileName } : {}) };
  await db.settings.put({ key: KEY_REGISTER_SETTING, value: stored });
  return { ok: true, stored };
}

export async function removeKeyRegister(db: AppDB): Promise<void> {
  await db.settings.delete(KEY_REGISTER_SETTING);
}

/** Everything the Settings page shows, read in one go. */
export interface IdentitySnapshot {
  role: AppRole;
  profile?: SignerProfile;
  key?: KeyInfo;
  hasDamagedKey: boolean;
  register?: StoredKeyRegister;
}

export async function loadIdentity(db: AppDB): Promise<IdentitySnapshot> {
  return db.transaction('r', db.settings, db.keys, async () => {
    const [role, profile, key, isDamaged, register] = await Promise.all([getRole(db), getProfile(db), getKeyInfo(db), hasDamagedKey(db), getKeyRegister(db)]);
    return { role, hasDamagedKey: isDamaged, ...(profile ? { profile } : {}), ...(key ? { key } : {}), ...(register ? { register } : {}) };
  });
}
