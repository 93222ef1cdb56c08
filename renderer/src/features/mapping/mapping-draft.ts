import { formatTime, parseTime } from '../../../../core/evidence/locator';
import type { Locator, Mapping } from '../../../../core/model/portfolio';
import { emptyLocatorDraft, type LocatorDraft } from './LocatorFields';

/**
 * The locator typed so far. Text that is not a number or a time becomes NaN, so validation
 * names the field ("The page must be a whole number…") instead of the value vanishing.
 */
export function locatorFromDraft(draft: LocatorDraft): Locator {
  const whole = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));
  const time = (text: string): number => parseTime(text) ?? Number.NaN;
  switch (draft.kind) {
    case 'page':
      return { kind: 'page', page: whole(draft.page) };
    case 'paragraph':
      return { kind: 'paragraph', paragraph: whole(draft.paragraph) };
    case 'time':
      return { kind: 'time', startSeconds: time(draft.start), endSeconds: time(draft.end) };
    case 'note':
      return { kind: 'note', text: draft.note };
  }
}

export function draftFromMapping(mapping: Mapping): LocatorDraft {
  const locator = mapping.locator;
  if (!locator) return emptyLocatorDraft('note');
  const draft = emptyLocatorDraft(locator.kind);
  switch (locator.kind) {
    case 'page':
      return { ...draft, page: String(locator.page) };
    case 'paragraph':
      return { ...draft, paragraph: String(locator.paragraph) };
    case 'time':
      return { ...draft, start: formatTime(locator.startSeconds), end: formatTime(locator.endSeconds) };
    case 'note':
      return { ...draft, note: locator.text };
  }
}

/** A sensible first choice of locator for a kind of evidence. */
export function defaultLocatorKind(type: string, paragraphCount: number): LocatorDraft['kind'] {
  if (type === 'call-recording') return 'time';
  if (type === 'case-log') return 'note';
  return paragraphCount > 0 ? 'paragraph' : 'page';
}
