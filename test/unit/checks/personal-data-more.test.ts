/**
 * Personal-data detection, issue 12 item 6: text is normalised first (NFKC, no-break and
 * zero-width spaces, full-width digits, odd dashes), and IBANs (mod-97), NHS numbers (mod-11),
 * dates of birth and National Insurance numbers with separators are found, with the tricky
 * look-alikes left alone.
 */
import { describe, expect, it } from 'vitest';
import { findPersonalData, normaliseForScan, redactPersonalData, type PersonalDataKind } from '../../../core/checks/personal-data';

function found(text: string): Array<[PersonalDataKind, string]> {
  return findPersonalData(text).map((finding) => [finding.kind, text.slice(finding.start, finding.end)]);
}

describe('normalising before scanning', () => {
  it.each([
    ['full-width digits', 'Call ０７７００ ９００１２３ today', 'uk-phone', '０７７００ ９００１２３'],
    ['no-break spaces', 'Card 4111\u00a01111\u00a01111\u00a01111 was used', 'card-number', '4111\u00a01111\u00a01111\u00a01111'],
    ['narrow no-break spaces', 'NI AB\u202f12\u202f34\u202f56\u202fC', 'ni-number', 'AB\u202f12\u202f34\u202f56\u202fC'],
    ['zero-width spaces inside', 'Mobile 0770\u200b0 900\u200b123.', 'uk-phone', '0770\u200b0 900\u200b123'],
    ['soft hyphens and word joiners', 'Postcode SW1A\u00ad\u2060 1AA', 'uk-postcode', 'SW1A\u00ad\u2060 1AA'],
    ['en dashes in a sort code', 'Sort code 12–34–56, account 12345678', 'bank-account', '12–34–56, account 12345678'],
    ['full-width letters', 'ＡＢ１２３４５６Ｃ on the form', 'ni-number', 'ＡＢ１２３４５６Ｃ'],
  ] as const)('%s', (_, text, kind, value) => {
    expect(found(text)).toEqual([[kind, value]]);
  });

  it('points findings at the original text, so redaction masks exactly the disguised value', () => {
    const text = 'Ring ０７７００\u200b９００１２３ or mail jo@example.org.';
    const redacted = redactPersonalData(text);
    expect(redacted).not.toMatch(/[０-９]{3}/);
    expect(redacted.startsWith('Ring ')).toBe(true);
    expect(redacted.endsWith('.')).toBe(true);
  });

  it('maps every normalised character back to the character it came from', () => {
    const { text, starts, ends } = normaliseForScan('a\u200bＢ①c');
    expect(text).toBe('aB1c');
    expect([...(starts ?? [])]).toEqual([0, 2, 3, 4]);
    expect([...(ends ?? [])]).toEqual([1, 3, 4, 5]);
    expect(normaliseForScan('plain ASCII').starts).toBeUndefined();
  });
});

describe('IBANs', () => {
  it.each([
    ['GB IBAN in groups', 'Refund to GB82 WEST 1234 5698 7654 32 please.', 'GB82 WEST 1234 5698 7654 32'],
    ['GB IBAN in one run', 'IBAN: GB82WEST12345698765432.', 'GB82WEST12345698765432'],
    ['Dutch IBAN', 'Rekening NL91ABNA0417164300 bevestigd.', 'NL91ABNA0417164300'],
    ['German IBAN, lower case', 'iban de89 3704 0044 0532 0130 00 and more words', 'de89 3704 0044 0532 0130 00'],
    ['Irish IBAN with dashes', 'IE29-AIBK-9311-5212-3456-78 was used', 'IE29-AIBK-9311-5212-3456-78'],
  ] as const)('%s', (_, text, value) => {
    expect(found(text)).toEqual([['iban', value]]);
  });

  it.each([
    ['a wrong check digit', 'GB83 WEST 1234 5698 7654 32'],
    ['a wrong length for the country', 'GB82 WEST 1234 5698 7654 3'],
    ['an unknown country', 'ZZ82 WEST 1234 5698 7654 32'],
    ['a product code that looks like one', 'Part AB12CDEF34567890 was replaced'],
    ['a valid IBAN running into more letters', 'GB82WEST12345698765432XYZ'],
  ])('not %s', (_, text) => {
    expect(found(text).filter(([kind]) => kind === 'iban')).toEqual([]);
  });
});

describe('NHS numbers', () => {
  it.each([
    ['grouped 3-3-4 with spaces', 'Patient 943 476 5919 was seen.', '943 476 5919'],
    ['grouped with dashes', 'NHS no. 401-023-2137.', '401-023-2137'],
    ['ten digits after "NHS"', 'NHS number: 9434765919', '9434765919'],
  ] as const)('%s', (_, text, value) => {
    expect(found(text)).toEqual([['nhs-number', value]]);
  });

  it.each([
    ['a failing check digit', 'Patient 943 476 5918 was seen.'],
    ['ten digits with no NHS label (an order number)', 'Order 9434765919 was dispatched.'],
    ['mixed separators', 'Ref 943 476-5919.'],
    ['all one digit', 'NHS number 000 000 0000'],
    ['a check digit of 10 (never issued)', 'NHS 123 456 7890'],
  ])('not %s', (_, text) => {
    expect(found(text).filter(([kind]) => kind === 'nhs-number')).toEqual([]);
  });
});

describe('dates of birth', () => {
  it.each([
    ['DOB with slashes', 'Customer DOB: 12/03/1987, called about a refund.', '12/03/1987'],
    ['D.O.B. with a short year', 'D.O.B. 3-7-65 on the form', '3-7-65'],
    ['date of birth in words', 'Her date of birth is 3rd March 1987.', '3rd March 1987'],
    ['born on, month first', 'He was born on March 12, 1990 in Leeds.', 'March 12, 1990'],
    ['born the … of', 'born on the 1st of Sept 2001', '1st of Sept 2001'],
    ['ISO date', 'Date of birth: 1987-03-12', '1987-03-12'],
    ['birthdate, full-width digits', 'Birthdate １２/０３/１９８７', '１２/０３/１９８７'],
  ] as const)('%s', (_, text, value) => {
    expect(found(text)).toEqual([['date-of-birth', value]]);
  });

  it.each([
    ['a date with no birth words', 'The complaint was logged on 12/03/2024 and closed on 14/03/2024.'],
    ['a birth word with no date', 'Date of birth: [removed]. Born and raised locally.'],
    ['a date too far from the words', 'Date of birth was not asked for; the call on 12/03/2024 was short.'],
    ['an impossible date', 'DOB 45/13/1987'],
    ['born with only a year', 'born in 1987'],
    ['a time, not a date', 'DOB confirmed at 12:30 on the call'],
  ])('not %s', (_, text) => {
    expect(found(text).filter(([kind]) => kind === 'date-of-birth')).toEqual([]);
  });
});

describe('National Insurance numbers with separators', () => {
  it.each([
    ['dashes', 'NI AB-12-34-56-C', 'AB-12-34-56-C'],
    ['dots', 'NI: JG.10.37.21.D', 'JG.10.37.21.D'],
    ['grouped as printed', 'NINO AB 123456 C', 'AB 123456 C'],
    ['lower case', 'ni number jg103721d', 'jg103721d'],
  ] as const)('%s', (_, text, value) => {
    expect(found(text)).toEqual([['ni-number', value]]);
  });

  it.each([
    ['a prefix HMRC never issues', 'GB-12-34-56-A'],
    ['a letter O second', 'AO 12 34 56 C'],
    ['a suffix beyond D', 'AB 12 34 56 E'],
    ['two separators in a row', 'AB--12-34-56-C'],
  ])('not %s', (_, text) => {
    expect(found(text).filter(([kind]) => kind === 'ni-number')).toEqual([]);
  });
});

describe('hostile text', () => {
  it('scans a megabyte of near-misses (within the test timeout; the patterns are linear) and finds none of them', () => {
    const text = `${'GB82 WEST 1234 '.repeat(20_000)}${'born 1/'.repeat(20_000)}${'NHS 12345678 '.repeat(20_000)}`;
    const kinds = new Set(findPersonalData(text).map((finding) => finding.kind));
    expect([...kinds].filter((kind) => kind === 'iban' || kind === 'date-of-birth' || kind === 'nhs-number')).toEqual([]);
  });
});
