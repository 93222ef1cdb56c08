/**
 * Finds personal data a learner should have anonymised before submission (seed guidance:
 * "ensure you anonymise any personal data"): e-mail addresses, UK phone numbers, UK postcodes,
 * National Insurance numbers, payment card numbers and bank sort code + account number pairs.
 *
 * Every pattern uses bounded repetition over disjoint character classes, so matching is linear
 * in the length of the text (no catastrophic backtracking), and each field is scanned up to
 * MAX_SCAN_LENGTH characters. Findings carry a masked form only: the checks never echo
 * personal data back in full.
 */

export type PersonalDataKind = 'email' | 'uk-phone' | 'uk-postcode' | 'ni-number' | 'card-number' | 'bank-account';

export interface PersonalDataFinding {
  kind: PersonalDataKind;
  /** Where the match starts and ends in the scanned text (UTF-16 offsets). */
  start: number;
  end: number;
  /** The match with all but its last two letters or digits replaced by `*`. */
  masked: string;
}

/** Plain names for messages, with the article they need. */
export const PERSONAL_DATA_NAMES: Readonly<Record<PersonalDataKind, string>> = {
  email: 'an e-mail address',
  'uk-phone': 'a UK phone number',
  'uk-postcode': 'a UK postcode',
  'ni-number': 'a National Insurance number',
  'card-number': 'a payment card number',
  'bank-account': 'a bank sort code and account number',
};

/** Longest stretch of one field that is scanned; longer text is checked up to here. */
export const MAX_SCAN_LENGTH = 1_000_000;

const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g;

// Sort code with a consistent separator, then an 8-digit account number within 40 characters
// (or the other way round). Requiring the separator keeps order and reference numbers out.
const SORT_THEN_ACCOUNT = /(?<![\d-])\d{2}([- ])\d{2}\1\d{2}(?![\d-])\D{1,40}?(?<!\d)\d{8}(?!\d)/g;
const ACCOUNT_THEN_SORT = /(?<![\d-])\d{8}(?!\d)\D{1,40}?(?<![\d-])\d{2}([- ])\d{2}\1\d{2}(?![\d-])/g;

// Two prefix letters (never D, F, I, Q, U, V; second never O), six digits, suffix A–D.
// The pairs HMRC never issues are excluded.
const NI_NUMBER = /\b(?!(?:BG|GB|NK|KN|TN|NT|ZZ))[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/gi;

// 13–19 digits, optionally grouped by single spaces or dashes; confirmed by the Luhn check.
const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?!\d)/g;

// +44 7700 900123, +44 (0)20 7946 0958, 0044 ..., 07700 900123, (020) 7946 0958, 01632 960123.
// Each repetition consumes exactly one digit, so there is only one way to match a given text.
const PHONE = /(?<![\d+])(?:\+44 ?(?:\(0\) ?)?|0044 ?|\(?0)\d(?:(?:[ -]|\) ?)?\d){8,9}(?!\d)/g;

// Outward code (area letters never Q, V, X first or I, J, Z second), optional space, inward
// code (digit and two letters, never C, I, K, M, O, V).
const POSTCODE = /\b[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}\b/gi;
const ORDINAL_ENDING = /^(?:st|nd|rd|th)$/;

function luhnValid(digits: string): boolean {
  let sum = 0;
  let isDoubled = false;
  for (let index = digits.length - 1; index >= 0; index--) {
    let digit = digits.charCodeAt(index) - 48;
    if (isDoubled) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    isDoubled = !isDoubled;
  }
  return sum % 10 === 0;
}

function isCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && !/^(\d)\1*$/.test(digits) && luhnValid(digits);
}

/**
 * The part of a digit run that is a card number, as a length in characters from its start,
 * or 0. A card followed by another grouped number ("4111 1111 1111 1111 12") is still found
 * by trying the run's leading groups.
 */
function cardLength(candidate: string): number {
  if (isCardNumber(candidate.replace(/\D/g, ''))) return candidate.length;
  let digits = '';
  let best = 0;
  for (let index = 0; index < candidate.length; index++) {
    const char = candidate[index] as string;
    if (char === ' ' || char === '-') {
      if (isCardNumber(digits)) best = index;
    } else {
      digits += char;
    }
  }
  return best;
}

function ukNationalNumber(match: string): string {
  const digits = match.replace(/\D/g, '');
  if (match.startsWith('+44')) return digits.slice(2).startsWith('0') ? digits.slice(2) : `0${digits.slice(2)}`;
  if (match.startsWith('0044')) return digits.slice(4).startsWith('0') ? digits.slice(4) : `0${digits.slice(4)}`;
  return digits;
}

/** Mobiles (07, 11 digits) and geographic numbers (01/02, 10 or 11 digits): the ones people own. */
function isPersonalUkPhone(match: string): boolean {
  return /^0(?:7\d{9}|[12]\d{8,9})$/.test(ukNationalNumber(match));
}

/** All but the last two letters or digits become `*`; separators stay, so the shape shows. */
export function maskPersonalValue(value: string): string {
  let remaining = 0;
  for (const char of value) if (/[A-Za-z0-9]/.test(char)) remaining++;
  const keep = remaining >= 8 ? 2 : 0;
  let masked = '';
  for (const char of value) {
    if (/[A-Za-z0-9]/.test(char)) {
      masked += remaining <= keep ? char : '*';
      remaining--;
    } else {
      masked += char;
    }
  }
  return masked;
}

interface Detector {
  kind: PersonalDataKind;
  pattern: RegExp;
  /** Length of the match that counts (0 = not personal data). */
  accept: (match: string) => number;
  mask?: (value: string) => string;
  /** Fewest digits a match holds; a text with fewer is skipped without running the pattern. */
  minDigits: number;
  needsAt?: boolean;
}

/** Only the sort code and the account number, not the words between them. */
function maskBankDetails(value: string): string {
  return (value.match(/\d{2}[- ]\d{2}[- ]\d{2}|\d{8}/g) ?? []).map(maskPersonalValue).join(' … ');
}

// Order matters: a span claimed by an earlier detector is not reported again by a later one
// (the digits of a sort code and account number must not also be reported as a card).
const DETECTORS: readonly Detector[] = [
  { kind: 'email', pattern: EMAIL, accept: (match) => match.length, minDigits: 0, needsAt: true },
  { kind: 'bank-account', pattern: SORT_THEN_ACCOUNT, accept: (match) => match.length, mask: maskBankDetails, minDigits: 14 },
  { kind: 'bank-account', pattern: ACCOUNT_THEN_SORT, accept: (match) => match.length, mask: maskBankDetails, minDigits: 14 },
  { kind: 'ni-number', pattern: NI_NUMBER, accept: (match) => match.length, minDigits: 6 },
  { kind: 'card-number', pattern: CARD, accept: cardLength, minDigits: 13 },
  { kind: 'uk-phone', pattern: PHONE, accept: (match) => (isPersonalUkPhone(match) ? match.length : 0), minDigits: 10 },
  {
    kind: 'uk-postcode',
    pattern: POSTCODE,
    minDigits: 2,
    // "m4 5th" reads as an ordinal, not a postcode.
    accept: (match) => (ORDINAL_ENDING.test(match.slice(-2)) ? 0 : match.length),
  },
];

/**
 * Whether [start, end) overlaps a claimed span. `spans` is sorted by start and its spans do
 * not overlap one another, so a binary search finds the only candidate: text full of matches
 * stays linear-logarithmic, not quadratic.
 */
const MOST_DIGITS_NEEDED = Math.max(...DETECTORS.map((detector) => detector.minDigits));

function overlaps(spans: readonly PersonalDataFinding[], start: number, end: number): boolean {
  let low = 0;
  let high = spans.length;
  // First span that ends after `start`.
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((spans[middle] as PersonalDataFinding).end <= start) low = middle + 1;
    else high = middle;
  }
  const candidate = spans[low];
  return candidate !== undefined && candidate.start < end;
}

/** Every piece of personal data in the text, in order of position. */
export function findPersonalData(text: string): PersonalDataFinding[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const scanned = text.length > MAX_SCAN_LENGTH ? text.slice(0, MAX_SCAN_LENGTH) : text;
  // Most prose has few digits and no "@": counting them first lets most patterns be skipped.
  const hasAt = scanned.includes('@');
  let digits = 0;
  for (let index = 0; index < scanned.length && digits < MOST_DIGITS_NEEDED; index++) {
    const code = scanned.charCodeAt(index);
    if (code >= 48 && code <= 57) digits++;
  }
  let findings: PersonalDataFinding[] = [];
  for (const detector of DETECTORS) {
    if (digits < detector.minDigits || (detector.needsAt === true && !hasAt)) continue;
    const found: PersonalDataFinding[] = [];
    for (const match of scanned.matchAll(detector.pattern)) {
      const length = detector.accept(match[0]);
      if (length === 0) continue;
      const start = match.index;
      const end = start + length;
      if (overlaps(findings, start, end)) continue;
      const value = scanned.slice(start, end);
      found.push({ kind: detector.kind, start, end, masked: (detector.mask ?? maskPersonalValue)(value) });
    }
    // One detector's matches never overlap each other (a global regex resumes after each).
    if (found.length > 0) findings = findings.concat(found).sort((a, b) => a.start - b.start);
  }
  return findings;
}

/** The text with every piece of personal data masked: safe to quote in a message. */
export function redactPersonalData(text: string): string {
  const findings = findPersonalData(text);
  if (findings.length === 0) return text;
  let result = '';
  let position = 0;
  for (const finding of findings) {
    result += text.slice(position, finding.start) + finding.masked;
    position = finding.end;
  }
  return result + text.slice(position);
}
