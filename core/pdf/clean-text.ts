/**
 * Makes any text from a package safe to print with an embedded font. PDF/A forbids showing
 * the .notdef glyph (the empty box a font draws for a character it lacks), and control
 * characters have no place on a page, so every string goes through here on its way to the
 * page: normalised to NFC (so "w" + combining circumflex prints as the one glyph ŵ), line
 * breaks unified, invisible format characters dropped, and anything the font cannot draw
 * replaced by the replacement character � (or "?" where the font lacks even that).
 */
const REPLACEMENT = 0xfffd;
const FORMAT_CHARACTER = /^[\p{Cf}\p{Cc}]$/u;

export function cleanText(value: unknown, coverage: { has(code: number): boolean }): string {
  if (value === undefined || value === null) return '';
  let text = typeof value === 'string' ? value : String(value);
  // Lone surrogates make normalize() keep them; they are replaced below like any unknown character.
  text = text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/[\u2028\u2029]/g, '\n').replace(/\t/g, '    ');
  let out = '';
  let isClean = true;
  let index = 0;
  for (const char of text) {
    const at = index;
    index += char.length;
    const code = char.codePointAt(0) ?? REPLACEMENT;
    // Printable ASCII is in every font used; the costlier checks run only beyond it.
    const isPrintable = code === 10 || (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && coverage.has(code) && !FORMAT_CHARACTER.test(char));
    if (isPrintable) {
      if (!isClean) out += char;
      continue;
    }
    if (isClean) {
      // Start copying only at the first character that needs attention: most text is clean.
      out = text.slice(0, at);
      isClean = false;
    }
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || FORMAT_CHARACTER.test(char)) {
      // Control and format characters (zero-width joiners, direction marks, byte-order marks)
      // carry no visible ink; dropping them keeps the words they sit in searchable.
      continue;
    }
    if (/^\p{M}$/u.test(char)) continue; // a combining mark with no precomposed form in the font
    out += coverage.has(REPLACEMENT) ? '\uFFFD' : '?';
  }
  return isClean ? text : out;
}
