import { describe, expect, it } from 'vitest';
import { normaliseNarrative, paragraphCount, paragraphText, parseNarrative } from '../../../core/evidence/narrative';

describe('narrative parsing', () => {
  it('splits paragraphs on blank lines and keeps single line breaks within a paragraph', () => {
    expect(parseNarrative('First line\nsecond line\n\n\nNext paragraph.')).toEqual([
      { kind: 'paragraph', number: 1, lines: ['First line', 'second line'] },
      { kind: 'paragraph', number: 2, lines: ['Next paragraph.'] },
    ]);
  });

  it('reads bulleted and numbered lists, including a list straight after a sentence', () => {
    const text = 'I took these steps:\n- listened\n* apologised\n• logged it\n\n1. Called back\n2) Closed the case';
    expect(parseNarrative(text)).toEqual([
      { kind: 'paragraph', number: 1, lines: ['I took these steps:'] },
      { kind: 'list', number: 2, isOrdered: false, start: 1, items: ['listened', 'apologised', 'logged it'] },
      { kind: 'list', number: 3, isOrdered: true, start: 1, items: ['Called back', 'Closed the case'] },
    ]);
  });

  it('joins an indented line onto the list item above and starts a numbered list at its first number', () => {
    expect(parseNarrative('3. Third step\n   carried on here\n4. Fourth')).toEqual([{ kind: 'list', number: 1, isOrdered: true, start: 3, items: ['Third step carried on here', 'Fourth'] }]);
  });

  it('treats markup as plain text: nothing is interpreted', () => {
    const blocks = parseNarrative('<img src=x onerror=alert(1)>\n\n<script>alert("x")</script> **bold**');
    expect(blocks).toEqual([
      { kind: 'paragraph', number: 1, lines: ['<img src=x onerror=alert(1)>'] },
      { kind: 'paragraph', number: 2, lines: ['<script>alert("x")</script> **bold**'] },
    ]);
  });

  it('normalises Windows and old Mac line endings and drops control characters', () => {
    expect(normaliseNarrative('a\r\nb\rc\u2028d\u0007e\u0000')).toBe('a\nb\nc\nde');
    expect(paragraphCount('one\r\n\r\ntwo')).toBe(2);
  });

  it('has no paragraphs when empty or blank, and "-" alone is not a list item', () => {
    expect(parseNarrative('')).toEqual([]);
    expect(parseNarrative(' \n\t\n ')).toEqual([]);
    expect(parseNarrative('-\n--- not a list')).toEqual([{ kind: 'paragraph', number: 1, lines: ['-', '--- not a list'] }]);
  });

  it('gives the text of a numbered paragraph for showing beside a locator', () => {
    const text = 'Intro.\n\n- a\n- b';
    expect(paragraphText(text, 1)).toBe('Intro.');
    expect(paragraphText(text, 2)).toBe('a; b');
    expect(paragraphText(text, 3)).toBeUndefined();
  });
});
