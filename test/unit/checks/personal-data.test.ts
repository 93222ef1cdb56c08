import { describe, expect, it } from 'vitest';
import { findPersonalData, maskPersonalValue, redactPersonalData, type PersonalDataKind } from '../../../core/checks/personal-data';

function kinds(text: string): PersonalDataKind[] {
  return findPersonalData(text).map((finding) => finding.kind);
}

describe('findPersonalData finds', () => {
  it.each([
    ['email', 'Write to jo.bloggs+work@example.co.uk today.', 'jo.bloggs+work@example.co.uk'],
    ['uk-phone', 'Her mobile is 07700 900123.', '07700 900123'],
    ['uk-phone', 'Call +44 7700 900123 after six.', '+44 7700 900123'],
    ['uk-phone', 'Office: +44 (0)20 7946 0958.', '+44 (0)20 7946 0958'],
    ['uk-phone', 'Ring 0044 7700 900 123.', '0044 7700 900 123'],
    ['uk-phone', 'Ring (020) 7946 0958 please.', '(020) 7946 0958'],
    ['uk-phone', 'Landline 01632 960123.', '01632 960123'],
    ['uk-phone', 'Text 07700-900-123.', '07700-900-123'],
    ['uk-postcode', 'She lives near SW1A 1AA now.', 'SW1A 1AA'],
    ['uk-postcode', 'Delivered to b12 3xy.', 'b12 3xy'],
    ['uk-postcode', 'Postcode M11AE on the form.', 'M11AE'],
    ['ni-number', 'NI number AB123456C was quoted.', 'AB123456C'],
    ['ni-number', 'NI: JG 10 37 21 D.', 'JG 10 37 21 D'],
    ['card-number', 'Card 4111 1111 1111 1111 was charged twice.', '4111 1111 1111 1111'],
    ['card-number', 'Amex 3782-822463-10005 declined.', '3782-822463-10005'],
    ['card-number', 'Card 4111111111111111 then 12 more.', '4111111111111111'],
    ['bank-account', 'Sort code 12-34-56, account number 12345678.', '12-34-56, account number 12345678'],
    ['bank-account', 'Account 87654321 and sort code 65 43 21.', '87654321 and sort code 65 43 21'],
  ] as const)('%s in "%s"', (kind, text, value) => {
    const findings = findPersonalData(text);
    expect(findings.map((finding) => finding.kind)).toEqual([kind]);
    const [finding] = findings;
    expect(text.slice(finding?.start, finding?.end)).toBe(value);
    expect(finding?.masked).not.toContain(value);
  });

  it('finds several kinds in one text, in order', () => {
    expect(kinds('Mail a@b.org, call 07700 900123, post to SW1A 1AA.')).toEqual(['email', 'uk-phone', 'uk-postcode']);
  });

  it('reports a card grouped with a following number by its leading groups', () => {
    const text = 'Card 4111 1111 1111 1111 12';
    const [finding] = findPersonalData(text);
    expect(finding?.kind).toBe('card-number');
    expect(text.slice(finding?.start, finding?.end)).toBe('4111 1111 1111 1111');
  });

  it('does not report the digits of a sort code and account as a card as well', () => {
    expect(kinds('Pay 12-34-56 12345678 today')).toEqual(['bank-account']);
  });
});

describe('findPersonalData leaves alone', () => {
  it.each([
    'Case reference CASE-2026-0042 was closed on 2026-03-01 at 10:30.',
    'Resolved within 3 working days; satisfaction rose from 72% to 88%.',
    'Card 4111 1111 1111 1112 fails the Luhn check.',
    'Order 1234567890123 is thirteen digits but not a card.',
    'Freephone 0800 123 4567 and 0300 123 4567 belong to organisations.',
    'The meeting is on the M4 5th floor, and in Q1 3rd party fees rose.',
    'QQ123456C is a made-up NI prefix that HMRC never issues.',
    'The sort code was 12-34-56 but no account number was given.',
    'Page 12 of 30, paragraph 4, from 01:30 to 02:15.',
    'An e-mail was sent to the customer@ the branch.',
    'Consumer Rights Act 2015, Data Protection Act 2018 and Equality Act 2010.',
    '',
  ])('"%s"', (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });

  it('ignores what is not a string', () => {
    expect(findPersonalData(42 as unknown as string)).toEqual([]);
  });
});

describe('masking', () => {
  it('keeps the shape and the last two characters only of longer values', () => {
    expect(maskPersonalValue('07700 900123')).toBe('***** ****23');
    expect(maskPersonalValue('4111 1111 1111 1111')).toBe('**** **** **** **11');
  });

  it('hides short values completely', () => {
    expect(maskPersonalValue('SW1A 1AA')).toBe('**** ***');
  });

  it('redacts every finding in a text and nothing else', () => {
    expect(redactPersonalData('Call 07700 900123 or mail jo@example.com please')).toBe('Call ***** ****23 or mail **@*******.*om please');
  });
});

describe('hostile input', () => {
  // Each text would take seconds or worse with a backtracking-prone pattern; linear patterns
  // finish at once. The assertions are on the results, not on time.
  it.each([
    ['a long local part with no @', `${'a'.repeat(200_000)}@`],
    ['digits with no end', '0'.repeat(200_000)],
    ['alternating digits and dashes', '1-'.repeat(100_000)],
    ['repeated phone prefixes', '07700 '.repeat(40_000)],
    ['dotted domain without a top level', `x@${'a.'.repeat(100_000)}`],
    ['spaced digits', '1 '.repeat(100_000)],
  ])('%s', (_name, text) => {
    const findings = findPersonalData(text);
    expect(Array.isArray(findings)).toBe(true);
    for (const finding of findings) expect(finding.end).toBeGreaterThan(finding.start);
  });

  it('finds every address in a text full of them', () => {
    const text = Array.from({ length: 20_000 }, (_, index) => `user${index}@example.com`).join(' ');
    expect(findPersonalData(text)).toHaveLength(20_000);
  });
});
