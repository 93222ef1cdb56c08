/**
 * Orders identifiers such as marking point ids so that numbers inside them count as numbers:
 * CS1.2.3 before CS1.2.10, CS2 before CS10. Runs of digits compare by value (then by length,
 * so "01" and "1" stay in a fixed order); everything else compares by code unit. No locale is
 * involved, so the order is the same everywhere, and nothing costly is created (a collator
 * takes tens of milliseconds to make in a fresh page).
 */
const RUN = /\d+|\D+/g;

function runsOf(text: string): string[] {
  return text.match(RUN) ?? [];
}

function compareRuns(a: string, b: string): number {
  const aIsNumber = a.charCodeAt(0) >= 48 && a.charCodeAt(0) <= 57;
  const bIsNumber = b.charCodeAt(0) >= 48 && b.charCodeAt(0) <= 57;
  if (aIsNumber && bIsNumber) {
    const aDigits = a.replace(/^0+(?=\d)/, '');
    const bDigits = b.replace(/^0+(?=\d)/, '');
    // Compared as digit strings, so numbers of any length order correctly.
    if (aDigits.length !== bDigits.length) return aDigits.length - bDigits.length;
    if (aDigits !== bDigits) return aDigits < bDigits ? -1 : 1;
    return a.length - b.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareNatural(a: string, b: string): number {
  if (a === b) return 0;
  const aRuns = runsOf(a);
  const bRuns = runsOf(b);
  const shared = Math.min(aRuns.length, bRuns.length);
  for (let index = 0; index < shared; index++) {
    const order = compareRuns(aRuns[index] ?? '', bRuns[index] ?? '');
    if (order !== 0) return order;
  }
  return aRuns.length - bRuns.length;
}
