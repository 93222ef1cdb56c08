/**
 * Text no embedded font can show: every string the PDF prints from the portfolio is checked
 * against the faces the PDF embeds (core/text), character by character after NFC normalisation
 * (as the PDF prints it). Control and format characters and combining marks are left out: the
 * PDF drops them. Anything else no face has would print as a replacement mark.
 */
import { isPrintable } from '../text/coverage';
import { hasText, recordsOf, textOf, type CheckContext } from './context';

/** Each string is read up to this many characters (the personal-data scan's bound). */
const MAX_SCANNED = 1_000_000;
const DROPPED = /^[\p{Cc}\p{Cf}\p{M}]$/u;

function unprintable(text: string, found: Set<number>): void {
  const value = text.length > MAX_SCANNED ? text.slice(0, MAX_SCANNED) : text;
  // The common case, plain ASCII, needs no normalisation.
  if (/^[\x20-\x7e\n\r\t]*$/.test(value)) return;
  for (const char of value.normalize('NFC')) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x7f || isPrintable(code) || DROPPED.test(char)) continue;
    found.add(code);
    if (found.size >= 50) return;
  }
}

/** Every string in a value, however deep (details and locators hold nested strings). */
function eachString(value: unknown, visit: (text: string) => void, depth = 0): void {
  if (depth > 8) return;
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const entry of value) eachString(entry, visit, depth + 1);
  else if (value !== null && typeof value === 'object') for (const entry of Object.values(value)) eachString(entry, visit, depth + 1);
}

function describe(found: ReadonlySet<number>): string {
  const shown = [...found].slice(0, 5).map((code) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`);
  return `${shown.join(', ')}${found.size > 5 ? ` and ${found.size - 5} more` : ''}`;
}

export function checkPrintableText(context: CheckContext): void {
  for (const item of context.evidence) {
    const found = new Set<number>();
    eachString(item, (text) => unprintable(text, found));
    for (const mapping of context.mappingsByEvidence.get(item.id) ?? []) eachString([mapping.justification, mapping.locator], (text) => unprintable(text, found));
    for (const comment of recordsOf(context.content.comments)) if (comment.evidenceId === item.id) unprintable(textOf(comment.text), found);
    if (found.size === 0) continue;
    context.report(
      'unprintable-text',
      `evidence:${textOf(item.id)}`,
      `Evidence ${context.nameOf(item)} uses characters no font in the PDF can show (${describe(found)}); they would print as a replacement mark. Retype them, or describe them in words.`,
    );
  }
  const found = new Set<number>();
  const portfolio: unknown = context.content.portfolio;
  eachString(portfolio, (text) => unprintable(text, found));
  for (const list of [context.content.declarations, context.content.actionPlan, context.decisions, context.content.signOffs, context.content.iqaSamples]) {
    for (const record of recordsOf(list as readonly object[] | undefined)) {
      for (const key of ['name', 'text', 'action', 'feedback', 'declaration', 'comments', 'createdBy']) {
        const value: unknown = Reflect.get(record, key);
        if (hasText(value)) unprintable(value as string, found);
      }
    }
  }
  if (found.size > 0) {
    const id = portfolio !== null && typeof portfolio === 'object' ? textOf(Reflect.get(portfolio, 'id')) : '';
    context.report(
      'unprintable-text',
      `portfolio:${id}`,
      `The portfolio's details, declarations, action plan or assessor records use characters no font in the PDF can show (${describe(found)}); they would print as a replacement mark. Retype them, or describe them in words.`,
    );
  }
}
