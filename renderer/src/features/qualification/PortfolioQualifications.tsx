import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { appDb } from '../../db/app-db';
import { getCurrentPortfolio, setAdditionalQualifications } from '../../db/portfolios-repo';
import { listSpecs, specKey } from '../../db/specs-repo';

/**
 * Which qualifications the current portfolio maps to: its main one, and any further ones (an
 * apprentice's standard's KSBs alongside the qualification taken inside it). Evidence can then
 * be mapped to marking points of each, and each has its own coverage matrix.
 */
export function PortfolioQualifications() {
  const db = appDb();
  // The portfolio is read only when there is another qualification to offer (most people have one).
  const state = useLiveQuery(async () => {
    const specs = await listSpecs(db);
    return { specs, portfolio: specs.length > 1 ? await getCurrentPortfolio(db) : undefined };
  }, [db]);
  const portfolio = state?.portfolio;
  const specs = state?.specs;
  const id = useId();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState<{ kind: 'saved' | 'failed'; text: string } | undefined>(undefined);
  const savedKeys = (portfolio?.additionalQualifications ?? []).map((ref) => specKey(ref)).join('\n');
  useEffect(() => setChosen(new Set(savedKeys === '' ? [] : savedKeys.split('\n'))), [savedKeys]);

  if (!portfolio || !specs) return null;
  const others = specs.filter((stored) => stored.id !== portfolio.qualificationId);
  if (others.length === 0) return null;
  const main = specs.find((stored) => stored.key === specKey({ id: portfolio.qualificationId, version: portfolio.qualificationVersion }));
  const chosenIds = new Set(others.filter((stored) => chosen.has(stored.key)).map((stored) => stored.id));
  const isChanged = [...chosen].sort().join('\n') !== savedKeys.split('\n').filter(Boolean).sort().join('\n');

  const save = async (): Promise<void> => {
    try {
      const refs = others.filter((stored) => chosen.has(stored.key)).map((stored) => ({ id: stored.id, version: stored.version }));
      await setAdditionalQualifications(db, portfolio.id, refs, portfolio.learner.name);
      setMessage({ kind: 'saved', text: refs.length === 0 ? 'The portfolio now maps to its main qualification only.' : `Saved. Evidence can now be mapped to ${refs.length === 1 ? 'that qualification' : 'those qualifications'} too.` });
    } catch (error) {
      setMessage({ kind: 'failed', text: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <details className="card portfolio-qualifications">
      <summary>
        Qualifications {portfolio.learner.name}’s portfolio maps to{portfolio.additionalQualifications?.length ? ` (${1 + portfolio.additionalQualifications.length})` : ''}
      </summary>
      <p>
        Main qualification: <strong>{main?.title ?? portfolio.qualificationId}</strong> (version {portfolio.qualificationVersion}). An apprentice can map the same evidence to the
        standard’s knowledge, skills and behaviours and to a qualification inside it: tick each further one.
      </p>
      <fieldset className="fieldset">
        <legend>Also maps to</legend>
        {others.map((stored) => (
          <label key={stored.key} className="check" htmlFor={`${id}-${stored.key}`}>
            <input
              id={`${id}-${stored.key}`}
              type="checkbox"
              checked={chosen.has(stored.key)}
              disabled={!chosen.has(stored.key) && chosenIds.has(stored.id)}
              onChange={(event) => {
                const next = new Set(chosen);
                if (event.target.checked) next.add(stored.key);
                else next.delete(stored.key);
                setChosen(next);
                setMessage(undefined);
              }}
            />
            <span>
              {stored.title} ({stored.version}){stored.spec.qualificationNumber ? ` · ${stored.spec.qualificationNumber}` : ''}
            </span>
          </label>
        ))}
      </fieldset>
      <button type="button" onClick={() => void save()} disabled={!isChanged}>
        Save the qualifications
      </button>
      <div aria-live="polite">
        {message ? (
          <p className={message.kind === 'saved' ? 'status success' : 'status warning'} role={message.kind === 'failed' ? 'alert' : undefined}>
            {message.text}
          </p>
        ) : null}
      </div>
    </details>
  );
}
