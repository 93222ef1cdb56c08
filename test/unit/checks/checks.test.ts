import { describe, expect, it } from 'vitest';
import { CHECK_RULES, runChecks, type CheckResult } from '../../../core/checks/checks';
import { contentHashesOf } from '../../../core/coverage/coverage';
import { evidenceContentHash } from '../../../core/integrity/content-hash';
import type { EvidenceItem, PortfolioContent } from '../../../core/model/portfolio';
import { builtinSpec } from '../../../core/spec/builtin';
import type { Unit } from '../../../core/spec/types';
import { ASSESSOR, cleanContent, makeContent, makeDecision, makeItem, makeMapping } from '../coverage/fixtures';

async function check(content: PortfolioContent): Promise<CheckResult[]> {
  return runChecks(content, await contentHashesOf(content.evidence));
}

function fired(results: readonly CheckResult[], rule: string): CheckResult[] {
  return results.filter((result) => result.rule === rule);
}

function item(content: PortfolioContent, id: string): EvidenceItem {
  const found = content.evidence.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`No item ${id}`);
  return found;
}

function unit(content: PortfolioContent, id: string): Unit {
  const found = content.qualification.units.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`No unit ${id}`);
  return found;
}

/** Adds an item mapped to C1.1.1 with a locator (so only the rule under test can fire). */
function withItem(content: PortfolioContent, added: EvidenceItem, pointId = 'C1.1.1'): PortfolioContent {
  content.evidence.push(added);
  content.mappings.push(makeMapping(added.id, pointId));
  return content;
}

describe('the clean portfolio', () => {
  it('passes every check (the baseline every other test breaks in one way)', async () => {
    expect(await check(cleanContent())).toEqual([]);
  });
});

describe('marking-point-gap', () => {
  it('is an error for a marking point with nothing mapped', async () => {
    const content = cleanContent();
    unit(content, 'C2').learningOutcomes[0]?.markingPoints.push({ id: 'C2.1.2', text: 'Award credit for escalating.', label: 'Escalate' });
    const results = await check(content);
    expect(results).toEqual([
      {
        rule: 'marking-point-gap',
        severity: 'error',
        ref: 'markingPoint:C2.1.2',
        message: 'Marking point C2.1.2 ("Escalate") has no evidence. Map an evidence item that shows it, or add a new one.',
      },
    ]);
  });

  it('counts a marking point whose only mapped items have gone as a gap too', async () => {
    const content = cleanContent();
    unit(content, 'C2').learningOutcomes[0]?.markingPoints.push({ id: 'C2.1.2', text: 'Escalating.' });
    content.mappings.push(makeMapping('deleted-item', 'C2.1.2'));
    const results = await check(content);
    expect(fired(results, 'marking-point-gap')).toHaveLength(1);
    expect(fired(results, 'marking-point-gap')[0]?.message).toContain('no longer in the portfolio');
    expect(fired(results, 'mapping-missing-evidence')).toHaveLength(1);
  });
});

describe('mapping rules', () => {
  it('reports a mapping to a marking point outside the spec as an error', async () => {
    const content = cleanContent();
    const stray = makeMapping('e1', 'OLD.9.9');
    content.mappings.push(stray);
    expect(await check(content)).toEqual([
      expect.objectContaining({ rule: 'mapping-unknown-marking-point', severity: 'error', ref: `mapping:${stray.id}` }),
    ]);
  });

  it('reports a mapping to a missing evidence item as an error', async () => {
    const content = cleanContent();
    const dangling = makeMapping('vanished', 'C1.1.1');
    content.mappings.push(dangling);
    const results = await check(content);
    expect(results).toEqual([expect.objectContaining({ rule: 'mapping-missing-evidence', severity: 'error', ref: `mapping:${dangling.id}` })]);
    expect(results[0]?.message).toContain('"vanished"');
  });

  it('warns about the same item mapped to the same marking point twice', async () => {
    const content = cleanContent();
    const repeat = makeMapping('e1', 'C1.1.1');
    content.mappings.push(repeat);
    expect(await check(content)).toEqual([expect.objectContaining({ rule: 'mapping-duplicate', severity: 'warning', ref: `mapping:${repeat.id}` })]);
  });
});

describe('mapped-without-locators', () => {
  function withSixPoints(): PortfolioContent {
    const content = cleanContent();
    const outcome = unit(content, 'C2').learningOutcomes[0];
    for (let index = 2; index <= 6; index++) {
      outcome?.markingPoints.push({ id: `C2.1.${index}`, text: `Point ${index}.` });
      for (const id of ['e1', 'e2', 'e3', 'e4']) content.mappings.push(makeMapping(id, `C2.1.${index}`));
    }
    return content;
  }

  it('warns when an item mapped to six or more marking points lacks locators', async () => {
    const content = withSixPoints();
    for (const mapping of content.mappings) if (mapping.evidenceId === 'e4' && mapping.markingPointId.startsWith('C2')) delete mapping.locator;
    const results = await check(content);
    expect(results).toEqual([expect.objectContaining({ rule: 'mapped-without-locators', severity: 'warning', ref: 'evidence:e4' })]);
    expect(results[0]?.message).toContain('mapped to 8 marking points, 6 of them without a locator');
  });

  it('treats an empty note as no locator, and is quiet when every mapping says where', async () => {
    const content = withSixPoints();
    expect(fired(await check(content), 'mapped-without-locators')).toEqual([]);
    const first = content.mappings.find((mapping) => mapping.evidenceId === 'e2');
    if (first) first.locator = { kind: 'note', text: '   ' };
    expect(fired(await check(content), 'mapped-without-locators').map((result) => result.ref)).toEqual(['evidence:e2']);
  });

  it('leaves items mapped to fewer than six marking points alone', async () => {
    const content = cleanContent();
    for (const mapping of content.mappings) delete mapping.locator;
    expect(fired(await check(content), 'mapped-without-locators')).toEqual([]);
  });
});

describe('personal-data', () => {
  it('names the kind and the field, and never repeats the data', async () => {
    const content = cleanContent();
    item(content, 'e2').narrative = 'The customer, reachable on 07700 900123, was upset.';
    const results = await check(content);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ rule: 'personal-data', severity: 'error', ref: 'evidence:e2' });
    expect(results[0]?.message).toContain('The narrative of evidence "Complaint log for case 17"');
    expect(results[0]?.message).toContain('a UK phone number');
    expect(results[0]?.message).not.toContain('07700 900123');
    expect(results[0]?.message).not.toContain('900123');
  });

  it('looks inside type-specific text and counts repeats', async () => {
    const content = cleanContent();
    const details = item(content, 'e1').details;
    if (details.type !== 'reflective-account') throw new Error('fixture changed');
    details.stages[1] = { stage: 'Empathise', text: 'She gave me a@example.com and b@example.org to write to.' };
    const results = await check(content);
    expect(results).toHaveLength(1);
    expect(results[0]?.message).toContain('The text of model stage 2 of evidence');
    expect(results[0]?.message).toContain('2 things that look like e-mail addresses');
  });

  it("does not treat a witness's own contact details as a leak", async () => {
    const content = cleanContent();
    const details = item(content, 'e3').details;
    if (details.type !== 'witness-testimony') throw new Error('fixture changed');
    details.witness.contact = 'sam.okafor@example.com, 07700 900456';
    expect(await check(content)).toEqual([]);
  });

  it('checks mapping justifications, locator notes, comments and action plans', async () => {
    const content = cleanContent();
    const mapping = content.mappings[0];
    if (!mapping) throw new Error('fixture changed');
    mapping.justification = 'See card 4111 1111 1111 1111 in the screenshot.';
    const noted = content.mappings[1];
    if (!noted) throw new Error('fixture changed');
    noted.locator = { kind: 'note', text: 'Where I wrote AB123456C' };
    content.comments.push({ id: 'c1', portfolioId: 'pf-1', evidenceId: 'e1', author: ASSESSOR, text: 'Remove SW1A 1AA', createdAt: '2026-03-01T00:00:00.000Z' });
    content.actionPlan.push({ id: 'a1', portfolioId: 'pf-1', action: 'Call 020 7946 0958', status: 'open', createdBy: ASSESSOR, createdAt: '2026-03-01T00:00:00.000Z' });
    const results = fired(await check(content), 'personal-data');
    expect(results.map((result) => result.ref)).toEqual([`mapping:${mapping.id}`, `mapping:${noted.id}`, 'comment:c1', 'action:a1']);
    expect(results[0]?.message).toContain('justification');
    expect(results[0]?.message).toContain('payment card number');
    expect(results[1]?.message).toContain('locator note');
    expect(results[1]?.message).toContain('National Insurance number');
    expect(results[2]?.message).toContain('UK postcode');
    expect(results[3]?.message).toContain('UK phone number');
  });

  it('names unexpected details fields by their path, even ones named like built-ins', async () => {
    const content = cleanContent();
    const log = item(content, 'e2');
    log.details = JSON.parse('{"type":"case-log","stagesCovered":["identification","resolution","recording"],"constructor":"ring 07700 900123","__proto__":{"note":"AB123456C"}}') as EvidenceItem['details'];
    const messages = fired(await check(content), 'personal-data').map((result) => result.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('The details field "constructor" of evidence');
    expect(messages[1]).toContain('The details field "__proto__.note" of evidence');
  });

  it('masks personal data in a title when quoting the title', async () => {
    const content = cleanContent();
    item(content, 'e4').title = 'Observed helping jo@example.com';
    const results = await check(content);
    expect(results).toHaveLength(1);
    expect(results[0]?.message).toContain('The title of evidence');
    expect(results[0]?.message).not.toContain('jo@example.com');
  });
});

describe('call-recording-consent-missing', () => {
  it('is an error when a call recording does not say how consent was given', async () => {
    const content = withItem(cleanContent(), makeItem('rec', 'call-recording', { details: { type: 'call-recording', consent: '  ' } }));
    expect(await check(content)).toEqual([expect.objectContaining({ rule: 'call-recording-consent-missing', severity: 'error', ref: 'evidence:rec' })]);
  });

  it('is quiet when consent is recorded', async () => {
    expect(await check(withItem(cleanContent(), makeItem('rec', 'call-recording')))).toEqual([]);
  });
});

describe('decisions', () => {
  it('warns about a stale decision when judged evidence was edited', async () => {
    const content = cleanContent();
    const before = item(content, 'e3');
    content.decisions.push(makeDecision('d1', 'C1.1.1', 'met', [{ evidenceId: 'e3', contentHash: await evidenceContentHash(before) }]));
    expect(await check(content)).toEqual([]);
    before.narrative = 'Rewritten after the assessor looked at it.';
    const results = await check(content);
    expect(results).toEqual([expect.objectContaining({ rule: 'decision-stale', severity: 'warning', ref: 'markingPoint:C1.1.1' })]);
    expect(results[0]?.message).toContain('"Statement from my team leader" has changed');
    expect(results[0]?.message).toContain('met, 2026-03-01');
  });

  it('warns about a stale decision when judged evidence was deleted', async () => {
    const content = cleanContent();
    content.decisions.push(makeDecision('d1', 'C1.1.2', 'met', [{ evidenceId: 'old-item', contentHash: 'sha256:00' }]));
    const results = await check(content);
    expect(results).toEqual([expect.objectContaining({ rule: 'decision-stale', ref: 'markingPoint:C1.1.2' })]);
    expect(results[0]?.message).toContain('"old-item" has been removed');
  });

  it('treats an item the caller gave no hash for as changed', async () => {
    const content = cleanContent();
    content.decisions.push(makeDecision('d1', 'C1.1.1', 'met', [{ evidenceId: 'e1', contentHash: await evidenceContentHash(item(content, 'e1')) }]));
    expect(fired(runChecks(content, new Map()), 'decision-stale')).toHaveLength(1);
  });

  it('only the latest decision counts', async () => {
    const content = cleanContent();
    const hash = await evidenceContentHash(item(content, 'e1'));
    content.decisions.push(
      makeDecision('d-old', 'C1.1.1', 'met', [{ evidenceId: 'e1', contentHash: 'sha256:outdated' }], '2026-01-01T00:00:00.000Z'),
      makeDecision('d-new', 'C1.1.1', 'not-yet', [{ evidenceId: 'e1', contentHash: hash }], '2026-02-01T00:00:00.000Z'),
    );
    expect(await check(content)).toEqual([expect.objectContaining({ rule: 'decision-not-yet-met', severity: 'warning', ref: 'markingPoint:C1.1.1' })]);
  });

  it('warns about a decision on a marking point outside the spec', async () => {
    const content = cleanContent();
    content.decisions.push(makeDecision('d-x', 'GONE.1', 'met', []));
    expect(await check(content)).toEqual([expect.objectContaining({ rule: 'decision-unknown-marking-point', ref: 'decision:d-x' })]);
  });
});

describe('witness-testimony-incomplete', () => {
  function setWitness(content: PortfolioContent, change: (witness: { name: string; role: string; relationship: string; confirmedOn?: string }) => void): void {
    const details = item(content, 'e3').details;
    if (details.type !== 'witness-testimony') throw new Error('fixture changed');
    change(details.witness);
  }

  it('warns when the witness has not confirmed the statement', async () => {
    const content = cleanContent();
    setWitness(content, (witness) => delete witness.confirmedOn);
    const results = await check(content);
    expect(results).toEqual([expect.objectContaining({ rule: 'witness-testimony-incomplete', severity: 'warning', ref: 'evidence:e3' })]);
    expect(results[0]?.message).toContain('the date the witness confirmed the statement');
  });

  it('lists every missing part, and rejects an impossible date', async () => {
    const content = cleanContent();
    setWitness(content, (witness) => {
      witness.role = '';
      witness.confirmedOn = '2026-02-30';
    });
    const [result] = await check(content);
    expect(result?.rule).toBe('witness-testimony-incomplete');
    expect(result?.message).toContain('their occupation (job role) and a real confirmation date');
  });
});

describe('witness-details-missing', () => {
  it.each([
    ['no name', { name: ' ', role: 'Team leader', relationship: 'Line manager' }, "the witness's name"],
    ['neither occupation nor relationship', { name: 'Sam Okafor', role: '', relationship: '' }, 'their occupation or their relationship to you'],
  ])('is an error for a witness with %s, instead of the warning', async (_case, witness, lacking) => {
    const content = cleanContent();
    const details = item(content, 'e3').details;
    if (details.type !== 'witness-testimony') throw new Error('fixture changed');
    details.witness = witness;
    const results = await check(content);
    expect(results.filter((result) => result.ref === 'evidence:e3')).toEqual([expect.objectContaining({ rule: 'witness-details-missing', severity: 'error' })]);
    expect(results[0]?.message).toContain(lacking);
  });

  it('is an error for a testimony whose witness is missing altogether (a damaged package)', async () => {
    const content = cleanContent();
    Reflect.deleteProperty(item(content, 'e3').details, 'witness');
    expect(fired(await check(content), 'witness-details-missing').map((result) => result.ref)).toEqual(['evidence:e3']);
  });

  it('warns when the kind of witness or how the statement was confirmed is not given', async () => {
    const content = cleanContent();
    const details = item(content, 'e3').details;
    if (details.type !== 'witness-testimony') throw new Error('fixture changed');
    delete details.witness.witnessType;
    delete details.witness.confirmedHow;
    const [result] = await check(content);
    expect(result?.rule).toBe('witness-testimony-incomplete');
    expect(result?.message).toContain('whether they are an expert or an ordinary witness and how the statement was confirmed');
  });
});

describe('unprintable-text', () => {
  it('is quiet for Chinese, Japanese, Korean, Arabic, Hebrew, Welsh and emoji: the PDF embeds faces for them', async () => {
    const content = cleanContent();
    item(content, 'e1').narrative = '我们的客户服务很好。ご協力ありがとう。고객 서비스. خدمة العملاء ممتازة. שירות לקוחות. Gŵyl Dewi, Llŷn. 😀👍';
    expect(fired(await check(content), 'unprintable-text')).toEqual([]);
  });

  it('warns once per item about characters no embedded font has, naming them by code point', async () => {
    const content = cleanContent();
    item(content, 'e2').narrative = 'Tamil: தமிழ், and a private character \u{F8FF}.';
    item(content, 'e2').tags.push('ꯃꯤꯇꯩ');
    const results = fired(await check(content), 'unprintable-text');
    expect(results).toEqual([expect.objectContaining({ severity: 'warning', ref: 'evidence:e2' })]);
    expect(results[0]?.message).toContain('U+0BA4');
    expect(results[0]?.message).toMatch(/and \d+ more/);
  });

  it('looks at the learner and the declarations too', async () => {
    const content = cleanContent();
    content.portfolio.learner.name = 'ᏣᎳᎩ Smith';
    expect(fired(await check(content), 'unprintable-text').map((result) => result.ref)).toEqual(['portfolio:pf-1']);
  });
});

describe('iqa-sample-missing', () => {
  it('warns for each unit no internal quality assurer has sampled, saying whether it has been judged', async () => {
    const content = cleanContent();
    content.iqaSamples = content.iqaSamples.filter((sample) => sample.unitId === 'C2');
    content.decisions.push(makeDecision('d1', 'C1.1.1', 'met', [{ evidenceId: 'e1', contentHash: await evidenceContentHash(item(content, 'e1')) }]));
    const results = await check(content);
    expect(results).toEqual([expect.objectContaining({ rule: 'iqa-sample-missing', severity: 'warning', ref: 'unit:C1' })]);
    expect(results[0]?.message).toContain('has assessor decisions but no internal quality assurance sample');
    content.decisions = [];
    content.iqaSamples = [];
    const unjudged = await check(content);
    expect(fired(unjudged, 'iqa-sample-missing').map((result) => result.ref)).toEqual(['unit:C1', 'unit:C2']);
    expect(unjudged[0]?.message).toContain('Once your assessor has judged it');
  });

  it('does not count a sample of a unit outside the specification', async () => {
    const content = cleanContent();
    for (const sample of content.iqaSamples) sample.unitId = 'OLD';
    expect(fired(await check(content), 'iqa-sample-missing')).toHaveLength(2);
  });
});

describe('witness-not-listed', () => {
  it('warns when an observer is not on the witness status list', async () => {
    const content = withItem(cleanContent(), makeItem('obs', 'observation', { details: { type: 'observation', observer: 'Jordan Blake' } }));
    const results = await check(content);
    expect(results).toEqual([expect.objectContaining({ rule: 'witness-not-listed', severity: 'warning', ref: 'evidence:obs' })]);
    expect(results[0]?.message).toContain('Jordan Blake as the observer');
  });

  it('also covers the person a professional discussion was with', async () => {
    const content = withItem(cleanContent(), makeItem('pd', 'professional-discussion', { details: { type: 'professional-discussion', discussedWith: 'Kim Lee' } }));
    expect(fired(await check(content), 'witness-not-listed').map((result) => result.ref)).toEqual(['evidence:pd']);
  });

  it.each([
    ['a listed witness, written differently', 'Mr SAM okafor (team leader)'],
    ['a listed witness, by surname', 'Okafor'],
    ['the assessor', ASSESSOR],
    ['an assessing role', 'My assessor'],
    ['the internal quality assurer', 'IQA'],
  ])('is quiet for %s', async (_what, observer) => {
    const content = withItem(cleanContent(), makeItem('obs', 'observation', { details: { type: 'observation', observer } }));
    expect(await check(content)).toEqual([]);
  });

  it('accepts anyone who signed a decision as an assessor', async () => {
    const content = cleanContent();
    content.portfolio.assessorName = undefined;
    const hash = await evidenceContentHash(item(content, 'e4'));
    const decision = makeDecision('d1', 'C1.1.1', 'met', [{ evidenceId: 'e4', contentHash: hash }]);
    content.decisions.push({ ...decision, signer: { ...decision.signer, name: ASSESSOR } });
    expect(await check(content)).toEqual([]);
    content.decisions = [];
    expect(fired(await check(content), 'witness-not-listed').map((result) => result.ref)).toEqual(['evidence:e4']);
  });
});

describe('complaint-stages-incomplete', () => {
  it('warns about a case log that misses stages', async () => {
    const content = cleanContent();
    withItem(content, makeItem('log', 'case-log', { rootCause: 'x', prevention: 'y', details: { type: 'case-log', stagesCovered: ['identification'] } }));
    const results = await check(content);
    expect(results).toEqual([expect.objectContaining({ rule: 'complaint-stages-incomplete', severity: 'warning', ref: 'evidence:log' })]);
    expect(results[0]?.message).toContain('does not show the resolution and recording stages');
  });

  it('treats items titled or tagged as complaints as complaint evidence', async () => {
    const content = cleanContent();
    withItem(content, makeItem('letter', 'work-product', { title: 'Letter closing the complaint', rootCause: 'x', prevention: 'y' }));
    withItem(content, makeItem('tagged', 'work-product', { tags: ['Complaints'], rootCause: 'x', prevention: 'y' }));
    const results = fired(await check(content), 'complaint-stages-incomplete');
    expect(results.map((result) => result.ref)).toEqual(['evidence:letter', 'evidence:tagged']);
    expect(results[0]?.message).toContain('does not show how it was identified, resolved and recorded');
  });

  it('accepts stages given as tags, and ignores items that are not about complaints', async () => {
    const content = cleanContent();
    withItem(content, makeItem('letter', 'work-product', { title: 'Complaint letter', tags: ['Stage: identification', 'resolution', 'Recording stage'], rootCause: 'x', prevention: 'y' }));
    withItem(content, makeItem('plain', 'work-product', { title: 'Rota for the team' }));
    expect(await check(content)).toEqual([]);
  });

  it('treats a reflective account that follows a complaint model as complaint evidence', async () => {
    const content = cleanContent();
    item(content, 'e1').tags = ['identification', 'resolution'];
    const results = await check(content);
    expect(results).toEqual([expect.objectContaining({ rule: 'complaint-stages-incomplete', ref: 'evidence:e1' })]);
    expect(results[0]?.message).toContain('how it was recorded');
  });
});

describe('complete-complaint-missing', () => {
  it('warns when a unit that asks for a complete complaint has none', async () => {
    const content = cleanContent();
    const log = item(content, 'e2').details;
    if (log.type !== 'case-log') throw new Error('fixture changed');
    log.stagesCovered = ['identification', 'resolution'];
    item(content, 'e1').tags = [];
    const results = fired(await check(content), 'complete-complaint-missing');
    // Only C1 asks for it, in its guidance; C2 does not.
    expect(results).toEqual([expect.objectContaining({ severity: 'warning', ref: 'unit:C1' })]);
  });

  it('follows an explicit x-requires-complete-complaint either way', async () => {
    const content = cleanContent();
    unit(content, 'C1')['x-requires-complete-complaint'] = false;
    unit(content, 'C2')['x-requires-complete-complaint'] = true;
    content.mappings = content.mappings.filter((mapping) => !(mapping.markingPointId === 'C2.1.1' && mapping.evidenceId === 'e2'));
    item(content, 'e1').tags = [];
    const results = fired(await check(content), 'complete-complaint-missing');
    expect(results.map((result) => result.ref)).toEqual(['unit:C2']);
  });
});

describe('complaint-model-stages-missing', () => {
  function reflective(id: string, details: EvidenceItem['details']): EvidenceItem {
    return makeItem(id, 'reflective-account', { tags: ['identification', 'resolution', 'recording'], rootCause: 'x', prevention: 'y', details });
  }

  it('warns when a HEAT account leaves stages out or empty', async () => {
    const content = withItem(
      cleanContent(),
      reflective('r', {
        type: 'reflective-account',
        model: 'HEAT',
        stages: [
          { stage: 'Hear', text: 'Listened.' },
          { stage: 'Empathise', text: '  ' },
          { stage: 'Apologise', text: 'Said sorry.' },
        ],
        wentWell: 'a',
        doDifferently: 'b',
      }),
    );
    const results = await check(content);
    expect(results).toEqual([expect.objectContaining({ rule: 'complaint-model-stages-missing', severity: 'warning', ref: 'evidence:r' })]);
    expect(results[0]?.message).toContain('follows the HEAT model but leaves out Empathise and Take action');
  });

  it('accepts every LATER stage, whatever the spelling of empathise', async () => {
    const stages = ['Listen', 'Apologise', 'Thank', 'Empathize', 'Resolve'].map((stage) => ({ stage, text: `I did ${stage}.` }));
    const content = withItem(cleanContent(), reflective('r', { type: 'reflective-account', model: 'LATER', stages, wentWell: 'a', doDifferently: 'b' }));
    expect(await check(content)).toEqual([]);
  });

  it('asks for the name of an unnamed model', async () => {
    const content = withItem(cleanContent(), reflective('r', { type: 'reflective-account', model: 'other', stages: [{ stage: 'Step', text: 'x' }], wentWell: 'a', doDifferently: 'b' }));
    const results = await check(content);
    expect(results).toEqual([expect.objectContaining({ rule: 'complaint-model-stages-missing', ref: 'evidence:r' })]);
    expect(results[0]?.message).toContain('does not name the model');
  });
});

describe('reflection-incomplete', () => {
  it('warns when a reflective account does not say what went well', async () => {
    const content = cleanContent();
    const details = item(content, 'e1').details;
    if (details.type !== 'reflective-account') throw new Error('fixture changed');
    details.wentWell = '';
    const results = await check(content);
    expect(results).toEqual([expect.objectContaining({ rule: 'reflection-incomplete', severity: 'warning', ref: 'evidence:e1' })]);
    expect(results[0]?.message).toContain('does not say what went well');
  });
});

describe('root-cause-or-prevention-missing', () => {
  it('warns about complaint evidence without a root cause', async () => {
    const content = cleanContent();
    delete item(content, 'e2').rootCause;
    const results = await check(content);
    expect(results).toEqual([expect.objectContaining({ rule: 'root-cause-or-prevention-missing', severity: 'warning', ref: 'evidence:e2' })]);
    expect(results[0]?.message).toContain('does not give the root cause');
  });

  it('warns about an item titled as a problem with neither', async () => {
    const content = withItem(cleanContent(), makeItem('fix', 'work-product', { title: 'Fixing a recurring fault with statements' }));
    const results = await check(content);
    expect(results).toEqual([expect.objectContaining({ rule: 'root-cause-or-prevention-missing', ref: 'evidence:fix' })]);
    expect(results[0]?.message).toContain('the root cause or what was done to stop it happening again');
  });

  it('counts a reflective account’s "prevent recurrence" as prevention', async () => {
    const content = cleanContent();
    delete item(content, 'e1').prevention;
    expect(await check(content)).toEqual([]);
  });

  it('treats items mapped to a marking point about prevention as problem solving', async () => {
    const content = cleanContent();
    const point = unit(content, 'C2').learningOutcomes[0]?.markingPoints[0];
    if (!point) throw new Error('fixture changed');
    point.text = 'Assessors must look for documented actions taken to prevent recurrence.';
    // e3 (witness testimony) and e4 (observation) are mapped there and give neither.
    expect(fired(await check(content), 'root-cause-or-prevention-missing').map((result) => result.ref)).toEqual(['evidence:e3', 'evidence:e4']);
  });

  it('leaves ordinary evidence alone', async () => {
    expect(await check(withItem(cleanContent(), makeItem('plain', 'customer-feedback', { title: 'Survey results for March' })))).toEqual([]);
  });
});

describe('reactive-and-proactive-evidence', () => {
  it('warns when a unit that asks for both has no proactive evidence', async () => {
    const content = cleanContent();
    delete item(content, 'e2').label;
    const results = await check(content);
    expect(results).toEqual([expect.objectContaining({ rule: 'reactive-and-proactive-evidence', severity: 'warning', ref: 'unit:C1' })]);
    expect(results[0]?.message).toContain('none of its evidence is labelled proactive (preventive)');
  });

  it('counts "both" as each kind', async () => {
    const content = cleanContent();
    delete item(content, 'e1').label;
    item(content, 'e2').label = 'both';
    expect(await check(content)).toEqual([]);
  });

  it('follows an explicit x-requires-reactive-and-proactive either way', async () => {
    const content = cleanContent();
    for (const evidence of content.evidence) delete evidence.label;
    unit(content, 'C1')['x-requires-reactive-and-proactive'] = false;
    unit(content, 'C2')['x-requires-reactive-and-proactive'] = true;
    expect(fired(await check(content), 'reactive-and-proactive-evidence').map((result) => result.ref)).toEqual(['unit:C2']);
  });
});

describe('reflective-account-missing', () => {
  it('warns about a unit without a reflective account', async () => {
    const content = cleanContent();
    content.mappings = content.mappings.filter((mapping) => !(mapping.evidenceId === 'e1' && mapping.markingPointId === 'C2.1.1'));
    expect(await check(content)).toEqual([expect.objectContaining({ rule: 'reflective-account-missing', severity: 'warning', ref: 'unit:C2' })]);
  });
});

describe('legislation-missing', () => {
  it('warns when a unit about rules and regulation names no legislation', async () => {
    const content = cleanContent();
    item(content, 'e1').legislation = ['  '];
    // C1's synopsis mentions legislation; C2 is not about regulation, so only C1 is reported.
    expect(await check(content)).toEqual([expect.objectContaining({ rule: 'legislation-missing', severity: 'warning', ref: 'unit:C1' })]);
  });
});

describe('evidence-types-too-few', () => {
  it('warns about a unit with evidence of only two types', async () => {
    const content = cleanContent();
    content.mappings = content.mappings.filter((mapping) => !(mapping.markingPointId === 'C2.1.1' && ['e3', 'e4'].includes(mapping.evidenceId)));
    const results = await check(content);
    expect(results).toEqual([expect.objectContaining({ rule: 'evidence-types-too-few', severity: 'warning', ref: 'unit:C2' })]);
    expect(results[0]?.message).toContain('evidence of only 2 types (reflective account and case log)');
  });

  it('counts types, not items', async () => {
    const content = cleanContent();
    content.mappings = content.mappings.filter((mapping) => !(mapping.markingPointId === 'C2.1.1' && mapping.evidenceId !== 'e2'));
    withItem(content, makeItem('log2', 'case-log', { rootCause: 'x', prevention: 'y' }), 'C2.1.1');
    withItem(content, makeItem('refl2', 'reflective-account', { tags: ['identification', 'resolution', 'recording'], rootCause: 'x', prevention: 'y' }), 'C2.1.1');
    expect(fired(await check(content), 'evidence-types-too-few').map((result) => result.ref)).toEqual(['unit:C2']);
  });
});

describe('learner-declaration-missing', () => {
  it('warns when the learner has not signed the declaration', async () => {
    const content = cleanContent();
    content.declarations = [];
    expect(await check(content)).toEqual([expect.objectContaining({ rule: 'learner-declaration-missing', severity: 'warning', ref: 'portfolio:pf-1' })]);
  });
});

describe('the result list', () => {
  it('puts errors first, is stable, and uses the catalogue severities', async () => {
    const content = makeContent(builtinSpec(), {
      evidence: [makeItem('x', 'case-log', { narrative: 'Mail me at a@b.co.uk', details: { type: 'case-log', stagesCovered: [] } })],
      mappings: [makeMapping('x', 'CS5.3.1'), makeMapping('x', 'NOWHERE')],
    });
    const first = await check(content);
    const second = await check(structuredClone(content));
    expect(second).toEqual(first);
    const firstWarning = first.findIndex((result) => result.severity === 'warning');
    expect(firstWarning).toBeGreaterThan(0);
    expect(first.slice(firstWarning).every((result) => result.severity === 'warning')).toBe(true);
    for (const result of first) {
      expect(Object.keys(result).sort()).toEqual(['message', 'ref', 'rule', 'severity']);
      expect(result.rule).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      expect(result.severity).toBe(CHECK_RULES[result.rule as keyof typeof CHECK_RULES].severity);
      expect(result.message).not.toMatch(/[\n\r]/);
    }
    const pointCount = builtinSpec().units.flatMap((entry) => entry.learningOutcomes.flatMap((outcome) => outcome.markingPoints)).length;
    expect(fired(first, 'marking-point-gap')).toHaveLength(pointCount - 1);
  });

  it('survives damaged records without throwing', () => {
    const content = cleanContent();
    const damaged = {
      ...content,
      evidence: [null, 42, { id: 'odd', type: 'case-log', title: 7, narrative: null, tags: 'x', legislation: null, details: null }, ...content.evidence],
      mappings: [null, { id: 'm?', evidenceId: 'odd', markingPointId: 'C1.1.1', locator: 'page 3' }, ...content.mappings],
      decisions: [{ id: 'd?', markingPointId: 'C1.1.1', status: 'met', evidence: 'all', decidedAt: 5 }],
      comments: [undefined],
      declarations: null,
    } as unknown as PortfolioContent;
    const results = runChecks(damaged, new Map());
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) expect(typeof result.message).toBe('string');
    expect(fired(results, 'learner-declaration-missing')).toHaveLength(1);
  });
});
