/**
 * Text handling shared by the converters: decoding a file's bytes whatever its encoding
 * mark, and turning the HTML that frameworks carry in their statements ("&amp;", "<p>",
 * "<li>") into plain text: entities decoded, markup removed, the words kept as they are.
 */
import { firstInvalidUtf8Offset } from '../validate';

export interface DecodedText {
  text: string;
  /** Set when the bytes were not UTF-8 and another reading was used: said to the user. */
  note?: string;
}

export type DecodeResult = { ok: true; decoded: DecodedText } | { ok: false; message: string };

/**
 * Decodes a file's bytes: UTF-8 (one byte-order mark is dropped), UTF-16 with a byte-order
 * mark, and, for files saved by older spreadsheet programs, Windows-1252 when the bytes are
 * not UTF-8. Binary files (PDF, ZIP, Word) are refused with a sentence saying what they look like.
 */
export function decodeInput(bytes: Uint8Array): DecodeResult {
  const binary = describeBinary(bytes);
  if (binary) return { ok: false, message: binary };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, decoded: { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) } };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, decoded: { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) } };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, decoded: { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body) } };
  } catch {
    const offset = firstInvalidUtf8Offset(body);
    return {
      ok: true,
      decoded: {
        text: new TextDecoder('windows-1252').decode(body),
        note: `The file is not UTF-8 text (the first byte that is not is near byte ${offset.toLocaleString('en-GB')}), so it was read as Windows-1252 (Western European). Check accented letters and symbols in the preview.`,
      },
    };
  }
}

function describeBinary(bytes: Uint8Array): string | undefined {
  const starts = (...prefix: number[]): boolean => prefix.every((byte, index) => bytes[index] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'This is a PDF, which cannot be converted automatically. Use “Create or edit a qualification” and paste each unit’s text from the PDF instead.';
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) {
    return 'This is a ZIP file (a .portfolio package, a Word or Excel document, or a zipped export). Unzip it, or save the framework as JSON or CSV, and try again.';
  }
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'This is an old Word or Excel document. Save it as CSV (Moodle) or JSON and try again.';
  // UTF-16 text holds zero bytes too; it starts with its byte-order mark, so is let through.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined;
  const sample = bytes.subarray(0, 64 * 1024);
  if (sample.includes(0)) return 'This is not a text file (it holds binary data), so it is not a framework export this app can read.';
  return undefined;
}

/** A value read from a file as text: strings as they are, numbers written out, anything else absent. */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Line endings made "\n", surrounding white space removed; the words themselves untouched. */
export function tidyPlainText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/^[\s\u0085\ufeff]+|[\s\u0085\ufeff]+$/g, '');
}

const TAG = /<\/?[A-Za-z][^<>]*>|<!--[\s\S]*?-->/;
const ENTITY = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/** True when the text carries HTML markup or character references. */
export function looksLikeHtml(text: string): boolean {
  return TAG.test(text) || ENTITY.test(text);
}

/**
 * A statement as plain text. Text with HTML tags has its markup removed (paragraphs, list
 * items and line breaks become line breaks; HTML's insignificant white space is collapsed)
 * and its entities decoded; text without tags only has its entities decoded and its ends
 * trimmed, so a plain statement is kept exactly as written.
 */
export function cleanStatement(raw: string): string {
  if (!TAG.test(raw)) return tidyPlainText(ENTITY.test(raw) ? decodeEntities(raw) : raw);
  return htmlToText(raw);
}

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul',
]);
const CELL_TAGS = new Set(['td', 'th']);
const HIDDEN_TAGS = new Set(['script', 'style', 'template', 'head', 'title']);

function htmlToText(html: string): string {
  const parts: string[] = [];
  let index = 0;
  let hiddenUntil: string | undefined;
  while (index < html.length) {
    const open = html.indexOf('<', index);
    const textEnd = open === -1 ? html.length : open;
    if (textEnd > index && hiddenUntil === undefined) parts.push(decodeEntities(html.slice(index, textEnd)).replace(/[\s\u00a0]+/g, ' '));
    if (open === -1) break;
    if (html.startsWith('<!--', open)) {
      const close = html.indexOf('-->', open + 4);
      index = close === -1 ? html.length : close + 3;
      continue;
    }
    const match = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*>/.exec(html.slice(open, open + 2000));
    if (!match) {
      // A "<" that begins no tag ("a < b") is text.
      if (hiddenUntil === undefined) parts.push('<');
      index = open + 1;
      continue;
    }
    const isClosing = match[1] === '/';
    const name = (match[2] as string).toLowerCase();
    index = open + match[0].length;
    if (hiddenUntil !== undefined) {
      if (isClosing && name === hiddenUntil) hiddenUntil = undefined;
      continue;
    }
    if (!isClosing && HIDDEN_TAGS.has(name) && !match[0].endsWith('/>')) hiddenUntil = name;
    else if (BLOCK_TAGS.has(name)) parts.push('\n');
    else if (CELL_TAGS.has(name)) parts.push(' ');
  }
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** Decodes numeric and named character references; unknown names are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      // As browsers do: nothing, surrogates and beyond Unicode become the replacement character.
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(WINDOWS_1252_C1[code] ?? code);
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/** Numeric references to 128–159 mean Windows-1252 characters in every browser (HTML5 §13.2.5.80). */
const WINDOWS_1252_C1: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6, 0x89: 0x2030, 0x8a: 0x0160,
  0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014,
  0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

/** The named references that occur in real frameworks' text (HTML5 names). */
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', zwnj: '\u200c', zwj: '\u200d',
  lrm: '\u200e', rlm: '\u200f', shy: '\u00ad', ndash: '\u2013', mdash: '\u2014', hyphen: '\u2010', minus: '\u2212', lsquo: '\u2018', rsquo: '\u2019',
  sbquo: '\u201a', ldquo: '\u201c', rdquo: '\u201d', bdquo: '\u201e', laquo: '\u00ab', raquo: '\u00bb', lsaquo: '\u2039', rsaquo: '\u203a',
  hellip: '\u2026', bull: '\u2022', middot: '\u00b7', prime: '\u2032', Prime: '\u2033', dagger: '\u2020', Dagger: '\u2021', permil: '\u2030',
  copy: '\u00a9', reg: '\u00ae', trade: '\u2122', deg: '\u00b0', plusmn: '\u00b1', times: '\u00d7', divide: '\u00f7', frac12: '\u00bd',
  frac14: '\u00bc', frac34: '\u00be', sup1: '\u00b9', sup2: '\u00b2', sup3: '\u00b3', micro: '\u00b5', para: '\u00b6', sect: '\u00a7',
  euro: '\u20ac', pound: '\u00a3', yen: '\u00a5', cent: '\u00a2', curren: '\u00a4', iexcl: '\u00a1', iquest: '\u00bf', ordf: '\u00aa',
  ordm: '\u00ba', not: '\u00ac', macr: '\u00af', acute: '\u00b4', cedil: '\u00b8', uml: '\u00a8', brvbar: '\u00a6', larr: '\u2190',
  rarr: '\u2192', uarr: '\u2191', darr: '\u2193', harr: '\u2194', rArr: '\u21d2', lArr: '\u21d0', hArr: '\u21d4', le: '\u2264', ge: '\u2265',
  ne: '\u2260', asymp: '\u2248', equiv: '\u2261', infin: '\u221e', sum: '\u2211', prod: '\u220f', radic: '\u221a', lowast: '\u2217',
  check: '\u2713', cross: '\u2717', star: '\u2606', starf: '\u2605', hearts: '\u2665', oline: '\u203e', frasl: '\u2044', loz: '\u25ca',
  Agrave: 'À', Aacute: 'Á', Acirc: 'Â', Atilde: 'Ã', Auml: 'Ä', Aring: 'Å', AElig: 'Æ', Ccedil: 'Ç', Egrave: 'È', Eacute: 'É', Ecirc: 'Ê',
  Euml: 'Ë', Igrave: 'Ì', Iacute: 'Í', Icirc: 'Î', Iuml: 'Ï', ETH: 'Ð', Ntilde: 'Ñ', Ograve: 'Ò', Oacute: 'Ó', Ocirc: 'Ô', Otilde: 'Õ',
  Ouml: 'Ö', Oslash: 'Ø', Ugrave: 'Ù', Uacute: 'Ú', Ucirc: 'Û', Uuml: 'Ü', Yacute: 'Ý', THORN: 'Þ', szlig: 'ß', agrave: 'à', aacute: 'á',
  acirc: 'â', atilde: 'ã', auml: 'ä', aring: 'å', aelig: 'æ', ccedil: 'ç', egrave: 'è', eacute: 'é', ecirc: 'ê', euml: 'ë', igrave: 'ì',
  iacute: 'í', icirc: 'î', iuml: 'ï', eth: 'ð', ntilde: 'ñ', ograve: 'ò', oacute: 'ó', ocirc: 'ô', otilde: 'õ', ouml: 'ö', oslash: 'ø',
  ugrave: 'ù', uacute: 'ú', ucirc: 'û', uuml: 'ü', yacute: 'ý', thorn: 'þ', yuml: 'ÿ', Yuml: 'Ÿ', OElig: 'Œ', oelig: 'œ', Scaron: 'Š',
  scaron: 'š', Wcirc: 'Ŵ', wcirc: 'ŵ', Ycirc: 'Ŷ', ycirc: 'ŷ', Amacr: 'Ā', amacr: 'ā', Emacr: 'Ē', emacr: 'ē', Imacr: 'Ī', imacr: 'ī',
  Omacr: 'Ō', omacr: 'ō', Umacr: 'Ū', umacr: 'ū', fnof: 'ƒ', circ: 'ˆ', tilde: '˜',
  Alpha: 'Α', Beta: 'Β', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Pi: 'Π', Sigma: 'Σ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω', alpha: 'α',
  beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', theta: 'θ', lambda: 'λ', mu: 'μ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ',
  chi: 'χ', psi: 'ψ', omega: 'ω',
};
