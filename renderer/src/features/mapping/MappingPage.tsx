import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { evidenceTypeLabel } from '../../../../core/evidence/catalogue';
import { formatLocator, validateMappingDraft, type FieldProblem } from '../../../../core/evidence/locator';
import { buildSearchEntries, filterEntries, sortEntries } from '../../../../core/evidence/search';
import { markingPointIndex, markingPointShortName } from '../../../../core/evidence/spec-index';
import type { QualificationSpec } from '../../../../core/spec/types';
import { Field, FieldSet, type FieldMessage } from '../../components/Field';
import { formatDay } from '../../components/format';
import { ToastProvider, useToasts } from '../../components/Toasts';
import { appDb, type StoredEvidence } from '../../db/app-db';
import { actorName, listEvidence } from '../../db/evidence-repo';
import { addMapping, claimCounts, evidenceForMarkingPoint, locatorContextOf, MappingError, removeMapping } from '../../db/mappings-repo';
import { restoreFromTrash } from '../../db/trash-repo';
import { routeHref } from '../../lib/use-hash-route';
import { PortfolioSwitcher } from '../portfolios/PortfolioSwitcher';
import { useCurrentPortfolio } from '../portfolios/use-current-portfolio';
import { ProblemSummary } from './EvidenceMappings';
import { emptyLocatorDraft, LocatorFields, type LocatorDraft } from './LocatorFields';
import { defaultLocatorKind, locatorFromDraft } from './mapping-draft';

interface Props {
  markingPointId: string | undefined;
  navigate: (path: string) => void;
}

/** Mapping from the marking point's side: every marking point with the evidence that claims it. */
export function MappingPage(props: Props) {
  return (
    <ToastProvider>
      <MappingPageBody {...props} />
    </ToastProvider>
  );
}

function MappingPageBody({ markingPointId, navigate }: Props) {
  const db = appDb();
  const current = useCurrentPortfolio();
  const portfolioId = current.status === 'ready' ? current.portfolio.id : undefined;
  const counts = useLiveQuery(async () => (portfolioId ? claimCounts(db, portfolioId) : new Map<string, number>()), [db, portfolioId]);

  if (current.status === 'loading' || counts === undefined) return <p aria-busy="true">Loading…</p>;
  if (current.status === 'none') {
    return (
      <section className="page">
        <h1>Mapping</h1>
        <p>
          There is no portfolio yet. <a href={routeHref('portfolios')}>Start a portfolio</a> first.
        </p>
      </section>
    );
  }
  const spec = current.spec?.spec;
  if (!spec) {
    return (
      <section className="page">
        <PortfolioSwitcher />
        <h1>Mapping</h1>
        <p className="problems">This portfolio’s qualification ({current.portfolio.qualificationId}, version {current.portfolio.qualificationVersion}) is not in the app. Import its specification on the Qualification page.</p>
      </section>
    );
  }
  const index = markingPointIndex(spec);
  const selected = markingPointId && index.has(markingPointId) ? markingPointId : undefined;
  const total = index.size;
  const gaps = [...index.keys()].filter((id) => !counts.get(id)).length;

  return (
    <section className="page mapping-page" aria-labelledby="mapping-heading">
      <PortfolioSwitcher />
      <div className="page-head">
        <div>
          <h1 id="mapping-heading">Mapping to marking points</h1>
          <p className="subtle">
            {total - gaps} of {total} marking points have evidence · {gaps === 0 ? 'no gaps' : `${gaps} ${gaps === 1 ? 'gap' : 'gaps'}`}
          </p>
        </div>
      </div>
      <div className="two-columns">
        <nav aria-label="Marking points" className="point-tree">
          {spec.units.map((unit) => (
            <div key={unit.id} className="point-tree-unit">
              <h2 className="tree-unit-title">
                <span className="unit-id">{unit.id}</span> {unit.title}
              </h2>
              {unit.learningOutcomes.map((outcome) => (
                <ul key={outcome.id} aria-label={`${outcome.id} ${outcome.title}`}>
                  {outcome.markingPoints.map((point) => {
                    const count = counts.get(point.id) ?? 0;
                    return (
                      <li key={point.id}>
                        <a href={routeHref(`mapping/${point.id}`)} className="point-link" aria-current={point.id === selected ? 'page' : undefined}>
                          <span className="mp-id">{point.id}</span>
                          <span className="point-name">{markingPointShortName(point, 50)}</span>
                          <span className={`count-badge${count === 0 ? ' is-gap' : ''}`}>{count === 0 ? 'Gap' : `${count} ${count === 1 ? 'item' : 'items'}`}</span>
                        </a>
                      </li>
                    );
                  })}
                </ul>
              ))}
            </div>
          ))}
        </nav>
        {selected ? (
          <PointDetail key={selected} spec={spec} markingPointId={selected} portfolioId={current.portfolio.id} actor={actorName(current.portfolio)} navigate={navigate} />
        ) : (
          <div className="panel">
            <p>Choose a marking point to see the evidence that claims it, and to map more evidence to it.</p>
          </div>
        )}
      </div>
    </section>
  );
}

function PointDetail({ spec, markingPointId, portfolioId, actor, navigate }: { spec: QualificationSpec; markingPointId: string; portfolioId: string; actor: string; navigate: (path: string) => void }) {
  const db = appDb();
  const toasts = useToasts();
  const ref = markingPointIndex(spec).get(markingPointId);
  const claims = useLiveQuery(() => evidenceForMarkingPoint(db, portfolioId, markingPointId), [db, portfolioId, markingPointId]);
  const [isAdding, setIsAdding] = useState(false);
  if (!ref) return null;

  return (
    <article className="point-detail" aria-labelledby="point-heading">
      <p className="subtle">
        <span className="unit-id">{ref.unit.id}</span> {ref.unit.title} · {ref.outcome.title}
      </p>
      <h2 id="point-heading">
        <span className="mp-id">{ref.point.id}</span> {ref.point.label ?? 'Marking point'}
      </h2>
      <blockquote className="quoted-point">{ref.point.text}</blockquote>
      <h3>Evidence that claims this marking point</h3>
      {claims === undefined ? null : claims.length === 0 ? (
        <p className="gap-note">No evidence claims this marking point yet: it is a gap.</p>
      ) : (
        <ul className="claim-list">
          {claims.map(({ mapping, item }) => (
            <li key={mapping.id} className="claim">
              <a href={routeHref(`evidence/${item.id}`)} className="claim-title">
                {item.title || 'Untitled'}
              </a>
              <span className="subtle">
                {' '}
                · {evidenceTypeLabel(item.type)} · {formatDay(item.activityDate)}
              </span>
              <p className="mapping-detail">
                <strong>Where:</strong> {formatLocator(mapping.locator)}
              </p>
              <p className="mapping-detail">
                <strong>Why:</strong> {mapping.justification ?? <span className="subtle">No justification given.</span>}
              </p>
              <button
                type="button"
                className="secondary small"
                aria-label={`Remove “${item.title || 'Untitled'}” from ${markingPointId}`}
                onClick={() => {
                  void removeMapping(db, mapping.portfolioId, mapping.id, actor).then((entry) =>
                    toasts.show(`Removed “${item.title || 'Untitled'}” from ${markingPointId}.`, { label: 'Undo', run: async () => void (await restoreFromTrash(db, entry.portfolioId, entry.id, actor)) }),
                  );
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {isAdding ? (
        <AddEvidenceToPoint spec={spec} markingPointId={markingPointId} portfolioId={portfolioId} actor={actor} claimed={new Set((claims ?? []).map((claim) => claim.item.id))} onDone={() => setIsAdding(false)} />
      ) : (
        <div className="button-row">
          <button type="button" onClick={() => setIsAdding(true)}>
            Map evidence to this marking point
          </button>
          <button type="button" className="secondary" onClick={() => navigate('evidence')}>
            Add new evidence
          </button>
        </div>
      )}
    </article>
  );
}

const toMessages = (problems: readonly FieldProblem[], field: string): FieldMessage[] => problems.filter((problem) => problem.field === field).map((problem) => ({ message: problem.message, severity: 'error' }));

function AddEvidenceToPoint({ spec, markingPointId, portfolioId, actor, claimed, onDone }: { spec: QualificationSpec; markingPointId: string; portfolioId: string; actor: string; claimed: ReadonlySet<string>; onDone: () => void }) {
  const db = appDb();
  const searchId = useId();
  const radioName = useId();
  const items = useLiveQuery(() => listEvidence(db, portfolioId), [db, portfolioId]);
  const entries = useMemo(() => sortEntries(buildSearchEntries(items ?? [], [], () => undefined), 'date-newest'), [items]);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<StoredEvidence | undefined>();
  const [locator, setLocator] = useState<LocatorDraft>(emptyLocatorDraft('paragraph'));
  const [justification, setJustification] = useState('');
  const [hasTried, setHasTried] = useState(false);
  const [refused, setRefused] = useState<FieldProblem[]>([]);
  const matches = useMemo(() => filterEntries(entries, { query }).filter((entry) => !claimed.has(entry.item.id)), [entries, query, claimed]);
  const shown = matches.slice(0, 12);
  const context = chosen ? locatorContextOf(chosen) : { paragraphCount: 0 };

  const check = (): FieldProblem[] => {
    if (!chosen) return [{ field: 'evidence', message: 'Choose the evidence that meets this marking point.' }];
    return validateMappingDraft({ markingPointId, locator: locatorFromDraft(locator), justification }, { ...locatorContextOf(chosen), markingPointIds: new Set(markingPointIndex(spec).keys()) });
  };
  // After the first try, problems follow the fields as they are corrected.
  const problems = [...(hasTried ? check() : []), ...refused];

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setHasTried(true);
    setRefused([]);
    if (!chosen || check().length > 0) return;
    try {
      await addMapping(db, { portfolioId: chosen.portfolioId, evidenceId: chosen.id, markingPointId, locator: locatorFromDraft(locator), justification }, actor);
      onDone();
    } catch (error) {
      setRefused(error instanceof MappingError ? error.problems : [{ field: 'evidence', message: error instanceof Error ? error.message : String(error) }]);
    }
  }

  return (
    <form className="mapping-form panel" onSubmit={(event) => void submit(event)} noValidate aria-label={`Map evidence to ${markingPointId}`}>
      <h3>Map evidence to {markingPointId}</h3>
      <ProblemSummary problems={problems} />
      <label htmlFor={searchId}>Find the evidence</label>
      <input id={searchId} type="search" value={query} onChange={(event) => setQuery(event.target.value)} placeholder="Search titles, narratives and tags" />
      <FieldSet legend="Evidence" id="field-evidence" messages={toMessages(problems, 'evidence')} className="evidence-choices">
        {shown.length === 0 ? <p className="subtle">{items && items.length === 0 ? 'There is no evidence in this portfolio yet.' : 'Nothing matches.'}</p> : null}
        {shown.map(({ item }) => (
          <label key={item.id} className="check">
            <input
              type="radio"
              name={radioName}
              checked={chosen?.id === item.id}
              onChange={() => {
                setChosen(item);
                setLocator(emptyLocatorDraft(defaultLocatorKind(item.type, locatorContextOf(item).paragraphCount)));
              }}
            />
            <span>
              {item.title || 'Untitled'} <span className="subtle">· {evidenceTypeLabel(item.type)} · {formatDay(item.activityDate)}</span>
            </span>
          </label>
        ))}
        {matches.length > shown.length ? <p className="subtle">{matches.length - shown.length} more match: search to narrow them down.</p> : null}
      </FieldSet>
      {chosen ? (
        <>
          <LocatorFields idPrefix="point-mapping" draft={locator} onChange={setLocator} messagesFor={(field) => toMessages(problems, field)} narrative={chosen.narrative} paragraphCount={context.paragraphCount} durationSeconds={'durationSeconds' in context ? context.durationSeconds : undefined} />
          <Field field="point-mapping-justification" label="Why it meets the marking point" hint="One sentence linking what was done to the marking point." messages={toMessages(problems, 'justification')}>
            {(control) => <textarea {...control} rows={2} value={justification} onChange={(event) => setJustification(event.target.value)} />}
          </Field>
        </>
      ) : null}
      <div className="button-row">
        <button type="submit">Add mapping</button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
