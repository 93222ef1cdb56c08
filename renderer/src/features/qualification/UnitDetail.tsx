import type { Unit } from '../../../../core/spec/types';

/** One unit: synopsis, learning outcomes with their marking points, and the unit's guidance. */
export function UnitDetail({ unit }: { unit: Unit }) {
  const guidance = unit.guidance;
  return (
    <article className="unit-detail" aria-labelledby={`unit-${unit.id}`}>
      <h2 id={`unit-${unit.id}`}>
        <span className="unit-id">{unit.id}</span> {unit.title}
      </h2>
      {unit.synopsis ? <p className="synopsis">{unit.synopsis}</p> : null}

      <h3>Learning outcomes and marking points</h3>
      {unit.learningOutcomes.map((outcome) => (
        <section key={outcome.id} className="outcome" aria-labelledby={`lo-${outcome.id}`}>
          <h4 id={`lo-${outcome.id}`}>
            <span className="unit-id">{outcome.id}</span> {outcome.title}
          </h4>
          <ol className="marking-points">
            {outcome.markingPoints.map((point) => (
              <li key={point.id}>
                <span className="mp-id">{point.id}</span>
                {point.label ? <strong className="mp-label">{point.label}</strong> : null}
                <p className="mp-text">{point.text}</p>
              </li>
            ))}
          </ol>
        </section>
      ))}

      {guidance ? (
        <section className="guidance" aria-labelledby={`guidance-${unit.id}`}>
          <h3 id={`guidance-${unit.id}`}>Guidance for this unit</h3>
          {guidance.keyConcepts ? (
            <details open>
              <summary>Key concepts ({guidance.keyConcepts.length})</summary>
              <dl>
                {guidance.keyConcepts.map((concept) => (
                  <div key={concept.title}>
                    <dt>{concept.title}</dt>
                    <dd>{concept.text}</dd>
                  </div>
                ))}
              </dl>
            </details>
          ) : null}
          {guidance.tips ? (
            <details open>
              <summary>Tips for your portfolio ({guidance.tips.length})</summary>
              <ul>
                {guidance.tips.map((tip) => (
                  <li key={tip}>{tip}</li>
                ))}
              </ul>
            </details>
          ) : null}
          {guidance.misconceptions ? (
            <details open>
              <summary>Common mistakes to avoid ({guidance.misconceptions.length})</summary>
              <ul>
                {guidance.misconceptions.map((mistake) => (
                  <li key={mistake}>{mistake}</li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ) : null}
    </article>
  );
}
