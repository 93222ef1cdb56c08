/**
 * A problem found in user input: where (a JSON Pointer such as `/units/2/id`, or a package
 * entry name such as `attachments/ab12…`) and what, in a plain sentence for a learner or
 * assessor. Every validator in the product reports problems in this one shape.
 */
export interface Problem {
  path: string;
  message: string;
}

export function formatProblem(problem: Problem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}

/** Builds a JSON Pointer from path segments, escaping `~` and `/` as RFC 6901 says. */
export function jsonPointer(segments: ReadonlyArray<string | number>): string {
  return segments.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * More problems than anyone will read, but few enough to hold and print: a hostile file can
 * produce millions. Beyond this many, the list ends with one line saying how many more there are.
 */
export const MAX_LISTED_PROBLEMS = 10_000;

/** The problems to report: all of them, up to MAX_LISTED_PROBLEMS, then a count of the rest. */
export function listedProblems(problems: Problem[]): Problem[] {
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems;
  // Already listed this way (a validator further in capped its own list, and its caller may
  // have put one line of its own before it): keep its count.
  if (problems.length <= MAX_LISTED_PROBLEMS + 2 && isCountLine(problems.at(-1))) return problems;
  return [...problems.slice(0, MAX_LISTED_PROBLEMS), countLine(problems.length - MAX_LISTED_PROBLEMS)];
}

/** The last line of a capped list: how many problems were left out. */
export function countLine(more: number): Problem {
  return { path: '', message: `…and ${more.toLocaleString('en-GB')} more problems not listed. Fix these first.` };
}

/**
 * The last line of a list whose checking stopped early (a validator that caps the errors it
 * builds cannot say how many more there are).
 */
export function uncountedLine(listed: number): Problem {
  return { path: '', message: `…and more problems not listed: checking stopped after the first ${Math.min(listed, MAX_LISTED_PROBLEMS).toLocaleString('en-GB')}. Fix these first.` };
}

function isCountLine(problem: Problem | undefined): boolean {
  if (problem?.path !== '' || !problem.message.startsWith('…and ')) return false;
  return problem.message.endsWith(' more problems not listed. Fix these first.') || problem.message.startsWith('…and more problems not listed: checking stopped');
}
