/**
 * Parses the plain-text unit documents the built-in qualification is derived from
 * (`../shared/seeds/*.txt`): a synopsis, key concepts ("- Title: text"), exam tips,
 * common misconceptions and examiner marking points, each under its own heading.
 * Pure text in, structured sections out; the grouping into learning outcomes is
 * editorial and lives in `builtin-outline.ts`.
 */
import type { KeyConcept } from './types';

export interface SeedDocument {
  synopsis: string;
  keyConcepts: KeyConcept[];
  tips: string[];
  misconceptions: string[];
  markingPoints: string[];
}

const HEADINGS = {
  'Topic Synopsis': 'synopsis',
  'Key Concepts & Core Principles': 'keyConcepts',
  'Exam Tips & Revision Strategies': 'tips',
  'Common Misconceptions & Mistakes to Avoid': 'misconceptions',
  'Examiner Marking Points': 'markingPoints',
} as const;
type Section = (typeof HEADINGS)[keyof typeof HEADINGS];

function isHeading(line: string): line is keyof typeof HEADINGS {
  return Object.hasOwn(HEADINGS, line);
}

export function parseSeedDocument(text: string): SeedDocument {
  const sections: Record<Section, string[]> = { synopsis: [], keyConcepts: [], tips: [], misconceptions: [], markingPoints: [] };
  let current: Section | undefined;
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '') continue;
    if (isHeading(line)) {
      current = HEADINGS[line];
      continue;
    }
    // Lines before the first heading are a truncated preview of the synopsis: not content.
    if (current === undefined) continue;
    sections[current].push(line);
  }
  const bullets = (lines: string[]): string[] => lines.map((line) => line.replace(/^[-•]\s*/, '').trim()).filter((line) => line !== '');
  const keyConcepts = bullets(sections.keyConcepts).map((line): KeyConcept => {
    const colon = line.indexOf(':');
    if (colon <= 0) return { title: line, text: line };
    return { title: line.slice(0, colon).trim(), text: line.slice(colon + 1).trim() };
  });
  const document: SeedDocument = {
    synopsis: sections.synopsis.join(' ').trim(),
    keyConcepts,
    tips: bullets(sections.tips),
    misconceptions: bullets(sections.misconceptions),
    markingPoints: bullets(sections.markingPoints),
  };
  for (const [name, value] of Object.entries(document)) {
    if (value.length === 0) throw new Error(`The seed document has no "${name}" section content.`);
  }
  return document;
}
