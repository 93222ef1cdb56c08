import { describe, expect, it } from 'vitest';
import { computeCoverage } from '../../../core/coverage/coverage';
import { suggestEvidenceTypes, whatsMissing, type EvidenceSuggestion } from '../../../core/coverage/suggestions';
import { EVIDENCE_TYPES, type Mapping } from '../../../core/model/portfolio';
import { builtinSpec } from '../../../core/spec/builtin';
import type { MarkingPoint, QualificationSpec, Unit } from '../../../core/spec/types';

const spec = builtinSpec();

function unitOf(id: string): Unit {
  const unit = spec.units.find((candidate) => candidate.id === id);
  if (!unit) throw new Error(`no unit ${id}`);
  return unit;
}

function pointOf(unit: Unit, id: string): MarkingPoint {
  for (const outcome of unit.learningOutcomes) {
    const point = outcome.markingPoints.find((candidate) => candidate.id === id);
    if (point) return point;
  }
  throw new Error(`no marking point ${id}`);
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function makeUnit(guidance: Unit['guidance'], points: MarkingPoint[] = [{ id: 'U1.1', text: 'Award credit for handling a complaint.' }], synopsis?: string): Unit {
  return {
    id: 'U1',
    title: 'Unit one',
    ...(synopsis === undefined ? {} : { synopsis }),
    ...(guidance === undefined ? {} : { guidance }),
    learningOutcomes: [{ id: 'U1.LO1', title: 'Outcome', markingPoints: points }],
  };
}

const types = (suggestions: readonly EvidenceSuggestion[]) => suggestions.map((suggestion) => suggestion.type);

describe('suggestEvidenceTypes on the built-in qualification', () => {
  it('draws CS5’s suggestions from its tips, quoting the sentence each came from', () => {
    const unit = unitOf('CS5');
    const suggestions = suggestEvidenceTypes(unit);
    expect(types(suggestions)).toEqual(expect.arrayContaining(['call-recording', 'witness-testimony', 'case-log', 'reflective-account', 'observation']));
    const call = suggestions.find((suggestion) => suggestion.type === 'call-recording');
    expect(call).toMatchObject({ label: 'Call recording', source: 'tip' });
    expect(call?.quote).toBe(
      'Build a portfolio with diverse evidence types: call recordings (where permitted), supervisor witness testimonies, screenshots of complaint logs, and reflective accounts explaining your decision-making.',
    );
    const observation = suggestions.find((suggestion) => suggestion.type === 'observation');
    expect(observation?.quote).toMatch(/^When an assessor observes you, narrate your thought process quietly/);
  });

  it('puts what the marking point itself names first', () => {
    const unit = unitOf('CS4');
    const suggestions = suggestEvidenceTypes(unit, pointOf(unit, 'CS4.2.1'));
    expect(types(suggestions).slice(0, 3)).toEqual(['call-recording', 'customer-feedback', 'mystery-shopping']);
    expect(suggestions.slice(0, 3).every((suggestion) => suggestion.source === 'marking-point')).toBe(true);
    // The unit's own tip still follows.
    expect(suggestions.find((suggestion) => suggestion.type === 'reflective-account')?.source).toBe('tip');
  });

  it('orders the unit’s suggestions by what the marking point is about', () => {
    const unit = unitOf('CS5');
    // "Spot cues of escalating dissatisfaction": watching or hearing the learner shows it best.
    expect(types(suggestEvidenceTypes(unit, pointOf(unit, 'CS5.1.1'), { limit: 3 }))).toEqual(['observation', 'witness-testimony', 'call-recording']);
    // "Record complaint details accurately": the complaint log says so in the marking point itself.
    expect(suggestEvidenceTypes(unit, pointOf(unit, 'CS5.3.1'))[0]).toMatchObject({ type: 'case-log', source: 'marking-point' });
  });

  it('suggests a reflective account for CS2 from its tip about complaint-handling models', () => {
    const unit = unitOf('CS2');
    const [first] = suggestEvidenceTypes(unit, pointOf(unit, 'CS2.1.1'));
    expect(first).toMatchObject({ type: 'reflective-account', source: 'tip' });
    expect(first?.quote).toMatch(/^Always structure your response using a recognised complaint-handling model/);
    // "alignment with company policy" in a common mistake asks for no policy document.
    expect(suggestEvidenceTypes(unit).find((suggestion) => suggestion.type === 'work-product')?.source).not.toBe('misconception');
  });

  it('for every marking point: known types, no repeats, and quotes taken word for word from the specification', () => {
    for (const unit of spec.units) {
      const texts = [
        ...(unit.guidance?.tips ?? []),
        ...(unit.guidance?.misconceptions ?? []),
        ...(unit.guidance?.keyConcepts ?? []).map((concept) => concept.text),
        unit.synopsis ?? '',
      ].map(flat);
      for (const outcome of unit.learningOutcomes) {
        for (const point of outcome.markingPoints) {
          const suggestions = suggestEvidenceTypes(unit, point);
          expect(suggestions.length).toBeGreaterThan(0);
          expect(new Set(types(suggestions)).size).toBe(suggestions.length);
          for (const suggestion of suggestions) {
            expect(EVIDENCE_TYPES).toContain(suggestion.type);
            const sources = suggestion.source === 'marking-point' ? [flat(point.text)] : texts;
            expect(sources.some((text) => text.includes(suggestion.quote)), `${point.id} ${suggestion.type}: ${suggestion.quote}`).toBe(true);
          }
        }
      }
    }
  });

  it('honours the limit', () => {
    const unit = unitOf('CS5');
    expect(suggestEvidenceTypes(unit, undefined, { limit: 2 })).toHaveLength(2);
    expect(suggestEvidenceTypes(unit, undefined, { limit: 0 })).toEqual([]);
    expect(suggestEvidenceTypes(unit, undefined, { limit: -3 })).toEqual([]);
  });
});

describe('suggestEvidenceTypes on other specifications', () => {
  it('reads an imported unit’s own guidance, not a list kept for the built-in units', () => {
    const unit = makeUnit({ tips: ['Ask a mystery shopper to visit, and keep their report.', 'A professional discussion with your assessor can cover the rest.'] });
    const suggestions = suggestEvidenceTypes(unit);
    expect(types(suggestions)).toEqual(['mystery-shopping', 'work-product', 'professional-discussion']);
  });

  it('offers the general kinds, saying so, when the guidance names no evidence', () => {
    for (const guidance of [undefined, {}, { tips: ['Be kind to customers.'] }]) {
      const suggestions = suggestEvidenceTypes(makeUnit(guidance));
      expect(types(suggestions)).toEqual(['reflective-account', 'witness-testimony', 'observation']);
      expect(suggestions.every((suggestion) => suggestion.source === 'general' && suggestion.quote === '')).toBe(true);
    }
  });

  it('knows complaint models by their capitals, not the everyday word', () => {
    expect(types(suggestEvidenceTypes(makeUnit({ tips: ['Come back to this later in the year.'] })))).toEqual(['reflective-account', 'witness-testimony', 'observation']);
    const model = suggestEvidenceTypes(makeUnit({ tips: ['Work through the LATER model step by step.'] }));
    expect(model[0]).toMatchObject({ type: 'reflective-account', source: 'tip' });
  });

  it('quotes the whole sentence around an abbreviation, and only that sentence', () => {
    const unit = makeUnit({
      keyConcepts: [{ title: 'Monitoring', text: 'Good service is planned. Use methods, e.g. call recordings and surveys, to check it. Act on what you find.' }],
    });
    const call = suggestEvidenceTypes(unit).find((suggestion) => suggestion.type === 'call-recording');
    expect(call).toMatchObject({ source: 'key-concept', quote: 'Use methods, e.g. call recordings and surveys, to check it.' });
  });

  it('keeps to what the tips ask for, adding passing mentions only where they suit the marking point', () => {
    const guidance = { tips: ['Keep copies of customer surveys.'], misconceptions: ['Forgetting witness statements.'], keyConcepts: [{ title: 'Observation', text: 'Direct observation shows skill.' }] };
    const synopsis = 'Learners use a case log and a case log again.';
    const neutral = makeUnit(guidance, [{ id: 'U1.1', text: 'Award credit for something general.' }], synopsis);
    expect(types(suggestEvidenceTypes(neutral))).toEqual(['customer-feedback']);
    expect(types(suggestEvidenceTypes(neutral, neutral.learningOutcomes[0]?.markingPoints[0]))).toEqual(['customer-feedback']);
    // A marking point about documenting: the mistake's witness statements and the synopsis's case log now suit it, and come first.
    const documenting = makeUnit(guidance, [{ id: 'U1.1', text: 'Award credit for documenting what was agreed.' }], synopsis);
    const suggestions = suggestEvidenceTypes(documenting, documenting.learningOutcomes[0]?.markingPoints[0]);
    expect(types(suggestions)).toEqual(['witness-testimony', 'case-log', 'customer-feedback']);
    expect(suggestions[0]).toMatchObject({ source: 'misconception', quote: 'Forgetting witness statements.' });
    expect(suggestions[1]).toMatchObject({ source: 'synopsis', quote: synopsis });
  });

  it('uses passing mentions when the tips name nothing', () => {
    const unit = makeUnit({ keyConcepts: [{ title: 'Tools', text: 'Mystery shopping shows the service as customers see it.' }] });
    expect(suggestEvidenceTypes(unit, unit.learningOutcomes[0]?.markingPoints[0])[0]).toMatchObject({ type: 'mystery-shopping', source: 'key-concept' });
  });

  it('tops up a lone suggestion with general advice suited to the marking point', () => {
    const unit = unitOf('CS2');
    const suggestions = suggestEvidenceTypes(unit, pointOf(unit, 'CS2.1.1'));
    expect(suggestions.map((suggestion) => `${suggestion.type}:${suggestion.source}`)).toEqual(['reflective-account:tip', 'observation:general']);
    expect(suggestions[1]?.quote).toBe('');
  });

  it('cuts a very long sentence short', () => {
    const long = `Record every call recording ${'and more detail '.repeat(100)}here.`;
    const [first] = suggestEvidenceTypes(makeUnit({ tips: [long] }));
    expect(first?.quote.length).toBeLessThanOrEqual(300);
    expect(first?.quote.endsWith('…')).toBe(true);
  });

  it('survives hostile guidance without throwing, in linear time', () => {
    const hostile = {
      tips: [42, null, { text: 'x' }, 'a'.repeat(2_000_000), 'call recording'],
      misconceptions: 'not a list',
      keyConcepts: [null, { title: 't', text: 7 }, { title: 't', text: 'witness '.repeat(5_000) }],
    } as unknown as Unit['guidance'];
    const unit = { ...makeUnit(hostile, [{ id: 'U1.1', text: 42 } as unknown as MarkingPoint]), synopsis: 9 } as unknown as Unit;
    // A backtracking pattern would take minutes on these texts: the test's own time limit would stop it.
    const suggestions = suggestEvidenceTypes(unit, unit.learningOutcomes[0]?.markingPoints[0]);
    expect(types(suggestions)).toEqual(['call-recording']);
  });
});

describe('whatsMissing', () => {
  const mapAll = (except: readonly string[]): Mapping[] => {
    const mappings: Mapping[] = [];
    for (const unit of spec.units) {
      for (const outcome of unit.learningOutcomes) {
        for (const point of outcome.markingPoints) {
          if (except.includes(point.id)) continue;
          mappings.push({ id: `m-${point.id}`, portfolioId: 'p', evidenceId: 'e1', markingPointId: point.id, createdAt: '2026-01-01T00:00:00.000Z' });
        }
      }
    }
    return mappings;
  };

  it('names every gap in specification order, each with suggestions', () => {
    const matrix = computeCoverage(spec, mapAll(['CS5.3.1', 'CS2.1.1', 'CS3.1.2']), [], new Map([['e1', 'sha256:x']]));
    const entries = whatsMissing(spec, matrix, { limit: 4 });
    expect(entries.map((entry) => entry.point.id)).toEqual(['CS2.1.1', 'CS3.1.2', 'CS5.3.1']);
    expect(entries[2]).toMatchObject({ unitId: 'CS5', outcomeId: 'CS5.LO3', status: 'gap', outcomeTitle: 'Record complaints and see them through to closure' });
    for (const entry of entries) {
      expect(entry.suggestions.length).toBeGreaterThan(0);
      expect(entry.suggestions.length).toBeLessThanOrEqual(4);
    }
    expect(whatsMissing(spec, matrix, { unitId: 'CS5' }).map((entry) => entry.point.id)).toEqual(['CS5.3.1']);
    expect(whatsMissing(spec, matrix, { unitId: 'CS1' })).toEqual([]);
  });

  it('lists other statuses when asked', () => {
    const matrix = computeCoverage(spec, mapAll([]), [], new Map());
    expect(whatsMissing(spec, matrix)).toEqual([]);
    expect(whatsMissing(spec, matrix, { statuses: ['claimed'] })).toHaveLength(matrix.summary.markingPoints);
  });

  it('lists a marking point a hostile specification repeats only once', () => {
    const repeated: QualificationSpec = {
      ...spec,
      units: [makeUnit(undefined, [{ id: 'X.1', text: 'First.' }]), { ...makeUnit(undefined, [{ id: 'X.1', text: 'Again.' }]), id: 'U2' }],
    };
    const matrix = computeCoverage(repeated, [], [], new Map());
    expect(whatsMissing(repeated, matrix).map((entry) => `${entry.unitId}/${entry.point.id}`)).toEqual(['U1/X.1']);
  });
});
