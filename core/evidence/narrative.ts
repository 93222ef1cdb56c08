/**
 * Narratives are plain text, never HTML: paragraphs are separated by blank lines, and lines
 * starting with "- ", "* " or "• " (or "1. ", "1) ") are list items. Parsing gives blocks that
 * the window renders as text nodes only, so nothing a learner pastes can run or restyle the
 * page. Blocks are numbered so that a mapping can point at "paragraph 3".
 */

export type NarrativeBlock =
  | { kind: 'paragraph'; number: number; lines: string[] }
  | { kind: 'list'; number: number; isOrdered: boolean; start: number; items: string[] };

const BULLET = /^\s{0,3}[-*•]\s+(.*)$/u;
const NUMBERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/u;
const CONTINUATION = /^\s{2,}\S/u;

/** Line breaks of every kind become "\n"; characters that only confuse display are dropped. */
export function normaliseNarrative(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/[\u2028\u2029]/g, '\n')
      // C0 controls other than tab and newline, and DEL: never meaningful in a narrative.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  );
}

type Marker = { isOrdered: false; text: string } | { isOrdered: true; number: number; text: string };

function listMarker(line: string): Marker | undefined {
  const bullet = BULLET.exec(line);
  if (bullet) return { isOrdered: false, text: bullet[1] ?? '' };
  const numbered = NUMBERED.exec(line);
  if (numbered) return { isOrdered: true, number: Number(numbered[1]), text: numbered[2] ?? '' };
  return undefined;
}

export function parseNarrative(text: string): NarrativeBlock[] {
  const blocks: NarrativeBlock[] = [];
  let paragraph: string[] | undefined;
  let list: Extract<NarrativeBlock, { kind: 'list' }> | undefined;

  const closeParagraph = (): void => {
    if (paragraph && paragraph.length > 0) blocks.push({ kind: 'paragraph', number: blocks.length + 1, lines: paragraph });
    paragraph = undefined;
  };
  const closeList = (): void => {
    if (list) blocks.push({ ...list, number: blocks.length + 1 });
    list = undefined;
  };

  for (const rawLine of normaliseNarrative(text).split('\n')) {
    const line = rawLine.replace(/\s+$/u, '');
    if (line.trim() === '') {
      closeParagraph();
      closeList();
      continue;
    }
    const marker = listMarker(line);
    if (marker) {
      closeParagraph();
      if (list && list.isOrdered !== marker.isOrdered) closeList();
      list ??= { kind: 'list', number: 0, isOrdered: marker.isOrdered, start: marker.isOrdered ? marker.number : 1, items: [] };
      list.items.push(marker.text.trim());
      continue;
    }
    if (list && CONTINUATION.test(line) && list.items.length > 0) {
      // An indented line carries on the list item above it.
      const last = list.items.length - 1;
      list.items[last] = `${list.items[last] ?? ''} ${line.trim()}`.trim();
      continue;
    }
    closeList();
    paragraph ??= [];
    paragraph.push(line.trim());
  }
  closeParagraph();
  closeList();
  return blocks;
}

/** How many numbered paragraphs (paragraphs and lists) the narrative has. */
export function paragraphCount(text: string): number {
  return parseNarrative(text).length;
}

/** The text of one numbered paragraph, for showing beside a locator. */
export function paragraphText(text: string, number: number): string | undefined {
  const block = parseNarrative(text).find((candidate) => candidate.number === number);
  if (!block) return undefined;
  return block.kind === 'paragraph' ? block.lines.join(' ') : block.items.join('; ');
}
