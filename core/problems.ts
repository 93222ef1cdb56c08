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
