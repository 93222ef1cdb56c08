/**
 * Finds personal data a learner should have anonymised before submission (seed guidance:
 * "ensure you anonymise any personal data"): e-mail addresses, UK phone numbers, UK postcodes,
 * National Insurance numbers, payment card numbers, bank sort code + account number pairs,
 * IBANs (mod-97 checked), NHS numbers (mod-11 check digit) and dates of birth (a date written
 * near "DOB", "date of birth" or "born").
 *
 * Text is normalised before it is scanned, so look-alike characters cannot hide a number:
 * NFKC (full-width digits and letters, no-break and other odd spaces become plain ones),
 * dashes of every kind become "-", and zero-width characters and soft hyphens are dropped.
 * Findings still point into the original text.
 *
 * Every pattern uses bounded repetition over disjoint character classes, so matching is linear
 * in the length of the text (no catastrophic backtracking), and each field is scanned up to
 * MAX_SCAN_LENGTH characters. Findings carry a masked form only: the checks never echo
 * personal data back in full.
 */

export type PersonalDataKind = 'email' | 'uk-phone' | 'uk-postcode' | 'ni-number' | 'card-number' | 'bank-account' | 'iban' | 'nhs-number' | 'date-of-birth';

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
  iban: 'an IBAN bank account number',
  'nhs-number': 'an NHS number',
  'date-of-birth': 'a date of birth',
};

/** Longest stretch of one field that is scanned; longer text is checked up to here. */
export const MAX_SCAN_LENGTH = 1_000_000;

const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g;

// Sort code with a consistent separator, then an 8-digit account number within 40 characters
// (or the other way round). Requiring the separator keeps order and reference numbers out.
const SORT_THEN_ACCOUNT = /(?<![\d-])\d{2}([- ])\d{2}\1\d{2}(?![\d-])\D{1,40}?(?<!\d)\d{8}(?!\d)/g;
const ACCOUNT_THEN_SORT = /(?<![\d-])\d{8}(?!\d)\D{1,40}?(?<![\d-])\d{2}([- ])\d{2}\1\d{2}(?![\d-])/g;

// Two prefix letters (never D, F, I, Q, U, V; second never O), six digits, suffix A–D, in any
// grouping with single spaces, dots or dashes. The pairs HMRC never issues are excluded.
const NI_NUMBER = /\b(?!(?:BG|GB|NK|KN|TN|NT|ZZ))[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][ .-]?\d{2}[ .-]?\d{2}[ .-]?\d{2}[ .-]?[A-D]\b/gi;

// Country code, check digits, then up to 30 letters and digits, grouped by single spaces or
// dashes; confirmed by the country's length and the mod-97 check (ISO 13616).
const IBAN = /\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]){10,30}\b/gi;

// Ten digits grouped 3-3-4 (the way NHS numbers are printed), or ten in a row just after
// "NHS"; confirmed by the mod-11 check digit.
const NHS_GROUPED = /(?<![\d-])\d{3}([ -])\d{3}\1\d{4}(?![\d-])/g;
const NHS_AFTER_LABEL = /\bNHS\b[^\d\n]{0,25}(\d{10})(?!\d)/dgi;

// A date near the words that say it is a date of birth: 12/03/1987, 1987-03-12,
// 12th March 1987, March 12, 1987.
const MONTH_NAMES = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATE_FORMS = `\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})(?!\\d)|\\d{4}-\\d{2}-\\d{2}(?!\\d)|\\d{1,2}(?:st|nd|rd|th)?(?: of)? (?:${MONTH_NAMES})\\.?,? \\d{4}|(?:${MONTH_NAMES})\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}`;
const DATE_OF_BIRTH = new RegExp(`(?:\\bd\\.?o\\.?b\\b\\.?|\\bdate of birth\\b|\\bbirth ?date\\b|\\bborn\\b)[^\\d\\n]{0,20}?(?<![\\d/.-])(${DATE_FORMS})`, 'dgi');

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
  /**
   * For patterns that match a label too ("NHS number 9434765919"): the part that is the
   * personal data is capture group 1 (the pattern has the `d` flag), and `accept` judges it.
   */
  isValueInGroup?: boolean;
  mask?: (value: string) => string;
  /** Fewest digits a match holds; a text with fewer is skipped without running the pattern. */
  minDigits: number;
  needsAt?: boolean;
}

/** IBAN lengths by country (the SWIFT IBAN registry), which rule out most chance matches. */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28,
  EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26,
  IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18,
  NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24,
  TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/** ISO 13616: the first four characters moved to the end, letters as 10–35, the number mod 97 is 1. */
function ibanChecks(compact: string): boolean {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const value = code <= 57 ? code - 48 : code - 55;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

/** The IBAN at the start of a match (which may run on into the next word), as a length, or 0. */
function ibanLength(match: string): number {
  const upper = match.toUpperCase();
  const wanted = IBAN_LENGTHS[upper.slice(0, 2)];
  if (wanted === undefined) return 0;
  let compact = '';
  for (let index = 0; index < upper.length; index++) {
    const char = upper[index] as string;
    if (char === ' ' || char === '-') continue;
    compact += char;
    if (compact.length === wanted) {
      // It must end at a word boundary: "GB82…32" followed by more letters is something else.
      const next = upper[index + 1];
      if (next !== undefined && /[A-Z0-9]/.test(next)) return 0;
      return ibanChecks(compact) ? index + 1 : 0;
    }
  }
  return 0;
}

/** NHS numbers: the tenth digit is 11 minus the weighted sum of the first nine, mod 11. */
function isNhsNumber(digits: string): boolean {
  if (digits.length !== 10 || /^(\d)\1*$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < 9; index++) sum += (digits.charCodeAt(index) - 48) * (10 - index);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === digits.charCodeAt(9) - 48;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Whether a matched date is a real calendar date (day 1–31, month 1–12, a year since 1900). */
function isPlausibleDate(text: string): boolean {
  const lower = text.toLowerCase();
  const numbers = (lower.match(/\d+/g) ?? []).map(Number);
  const monthByName = MONTHS.findIndex((month) => lower.includes(month)) + 1;
  let day: number | undefined;
  let month: number | undefined;
  let year: number | undefined;
  if (monthByName > 0) {
    [day, year] = numbers;
    month = monthByName;
  } else if (/^\d{4}-/.test(lower)) {
    [year, month, day] = numbers;
  } else {
    [day, month, year] = numbers;
  }
  if (day === undefined || month === undefined || year === undefined) return false;
  const fullYear = year < 100 ? year + 1900 : year;
  return day >= 1 && day <= 31 && month >= 1 && month <= 12 && fullYear >= 1900 && fullYear <= 2100;
}

/** Only the sort code and the account number, not the words between them. */
function maskBankDetails(value: string): string {
  return (value.match(/\d{2}[- ]\d{2}[- ]\d{2}|\d{8}/g) ?? []).map(maskPersonalValue).join(' … ');
}

// Order matters: a span claimed by an earlier detector is not reported again by a later one
// (the digits of a sort code and account number must not also be reported as a card).
const DETECTORS: readonly Detector[] = [
  { kind: 'email', pattern: EMAIL, accept: (match) => match.length, minDigits: 0, needsAt: true },
  // Before bank details and cards: an IBAN holds a sort code, an account number and many digits.
  { kind: 'iban', pattern: IBAN, accept: ibanLength, minDigits: 8 },
  { kind: 'bank-account', pattern: SORT_THEN_ACCOUNT, accept: (match) => match.length, mask: maskBankDetails, minDigits: 14 },
  { kind: 'bank-account', pattern: ACCOUNT_THEN_SORT, accept: (match) => match.length, mask: maskBankDetails, minDigits: 14 },
  { kind: 'ni-number', pattern: NI_NUMBER, accept: (match) => match.length, minDigits: 6 },
  { kind: 'card-number', pattern: CARD, accept: cardLength, minDigits: 13 },
  { kind: 'nhs-number', pattern: NHS_GROUPED, accept: (match) => (isNhsNumber(match.replace(/\D/g, '')) ? match.length : 0), minDigits: 10 },
  { kind: 'nhs-number', pattern: NHS_AFTER_LABEL, isValueInGroup: true, accept: (value) => (isNhsNumber(value) ? value.length : 0), minDigits: 10 },
  { kind: 'date-of-birth', pattern: DATE_OF_BIRTH, isValueInGroup: true, accept: (value) => (isPlausibleDate(value) ? value.length : 0), minDigits: 4 },
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

/**
 * Characters that only look different: removed (zero-width spaces and joiners, the word
 * joiner, byte-order marks and soft hyphens, which break a number up invisibly) or made a plain
 * hyphen (every dash and minus sign).
 */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200d\u2060\ufeff]/;
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/;

interface NormalisedText {
  text: string;
  /** For each character of `text`: where the character it came from starts and ends in the original. */
  starts?: Int32Array;
  ends?: Int32Array;
}

/** NFKC, dashes made "-", invisible characters dropped; with a map back to the original offsets. */
export function normaliseForScan(original: string): NormalisedText {
  // eslint-disable-next-line no-control-regex -- plain ASCII needs no work
  if (/^[\u0000-\u007f]*$/.test(original)) return { text: original };
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (let index = 0; index < original.length; ) {
    const codePoint = original.codePointAt(index) as number;
    const width = codePoint > 0xffff ? 2 : 1;
    const char = original.slice(index, index + width);
    const replacement = codePoint < 0x80 ? char : INVISIBLE.test(char) ? '' : DASHES.test(char) ? '-' : char.normalize('NFKC');
    for (let unit = 0; unit < replacement.length; unit++) {
      starts.push(index);
      ends.push(index + width);
    }
    text += replacement;
    index += width;
  }
  return { text, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** Every piece of personal data in the text, in order of position (offsets into `text` as given). */
export function findPersonalData(text: string): PersonalDataFinding[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const normalised = normaliseForScan(text.length > MAX_SCAN_LENGTH ? text.slice(0, MAX_SCAN_LENGTH) : text);
  const findings = findInNormalised(normalised.text);
  const { starts, ends } = normalised;
  if (starts === undefined || ends === undefined) return findings;
  return findings.map((finding) => ({ ...finding, start: starts[finding.start] as number, end: ends[finding.end - 1] as number }));
}

function findInNormalised(scanned: string): PersonalDataFinding[] {
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
      const groupStart = detector.isValueInGroup === true ? match.indices?.[1]?.[0] : match.index;
      if (groupStart === undefined) continue;
      const candidate = detector.isValueInGroup === true ? (match[1] ?? '') : match[0];
      const length = detector.accept(candidate);
      if (length === 0) continue;
      const start = groupStart;
      const end = start + length;
      if (overlaps(findings, start, end) || overlaps(found, start, end)) continue;
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
