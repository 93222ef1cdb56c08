import { formatProblem, type Problem } from '../../../core/problems';

/** On screen, a list this long is already more than anyone reads; the count says how many more. */
const SHOWN_PROBLEMS = 200;

/**
 * The problems found in a file, each with where it is (a JSON Pointer or a package entry)
 * and what is wrong. The validators report every problem; a hostile file can have 100,000,
 * so only the first 200 are drawn, followed by how many more there are.
 */
export function ProblemList({ problems }: { problems: readonly Problem[] }) {
  const hidden = problems.length - SHOWN_PROBLEMS;
  return (
    <ul>
      {problems.slice(0, SHOWN_PROBLEMS).map((problem, index) => (
        <li key={index}>
          {problem.path ? <code>{problem.path}</code> : null} {problem.path ? problem.message : formatProblem(problem)}
        </li>
      ))}
      {hidden > 0 ? <li>…and {hidden.toLocaleString('en-GB')} more problems not listed. Fix these first.</li> : null}
    </ul>
  );
}
