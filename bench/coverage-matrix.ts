/**
 * Benchmark: the coverage gap matrix for a large portfolio (10,000 evidence items, 500 marking
 * points, 50,000 mappings, 1,000 decisions), against the goal of under 20 ms, beside a
 * straightforward nested-loop implementation measured in the same run on the same data.
 * Also times content hashing and the full pre-submission checks for context.
 *
 * Run alone: `npx tsx bench/coverage-matrix.ts`; or through bench/run.ts via `run()`.
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { runChecks } from '../core/checks/checks';
import { computeCoverage, contentHashesOf } from '../core/coverage/coverage';
import type { CoverageMatrix, CoverageStatus } from '../core/coverage/types';
import { EVIDENCE_TYPES, type AssessorDecision, type EvidenceItem, type Mapping, type PortfolioContent } from '../core/model/portfolio';
import type { QualificationSpec } from '../core/spec/types';

const ITEMS = 10_000;
const UNITS = 50;
const OUTCOMES_PER_UNIT = 2;
const POINTS_PER_OUTCOME = 5;
const MAPPINGS = 50_000;
const DECISIONS = 1_000;
const GOAL_MS = 20;

/** mulberry32: the same data every run, so figures are comparable between runs. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Evidence ids are UUIDs in the app; random hex in the same shape, from the seeded generator. */
function uuidLike(random: () => number): string {
  const hex = (length: number): string => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

export interface Workload {
  spec: QualificationSpec;
  evidence: EvidenceItem[];
  mappings: Mapping[];
  decisions: AssessorDecision[];
}

export function buildWorkload(): Workload {
  const random = seededRandom(2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const stamp = '2026-03-01T09:00:00.000Z';

  const spec: QualificationSpec = {
    format: 'portfolio-qualification/1',
    id: 'bench-spec',
    title: 'Benchmark qualification',
    awardingBody: 'Benchmark body',
    version: '1',
    units: Array.from({ length: UNITS }, (_, u) => ({
      id: `U${u + 1}`,
      title: `Unit ${u + 1}: handle customer complaints in line with regulation`,
      guidance: { tips: ['Include both reactive (immediate) and proactive (preventive) actions.'] },
      learningOutcomes: Array.from({ length: OUTCOMES_PER_UNIT }, (_, o) => ({
        id: `U${u + 1}.LO${o + 1}`,
        title: `Outcome ${o + 1}`,
        markingPoints: Array.from({ length: POINTS_PER_OUTCOME }, (_, p) => ({
          id: `U${u + 1}.${o + 1}.${p + 1}`,
          text: `Award credit for showing point ${p + 1}, including actions that prevent recurrence.`,
        })),
      })),
    })),
  };
  const pointIds = spec.units.flatMap((unit) => unit.learningOutcomes.flatMap((outcome) => outcome.markingPoints.map((point) => point.id)));

  const narrative = 'I listened to the customer, confirmed what had gone wrong, apologised and agreed a plan. '.repeat(6);
  const evidence: EvidenceItem[] = Array.from({ length: ITEMS }, (_, index) => {
    const type = EVIDENCE_TYPES[index % EVIDENCE_TYPES.length] ?? 'work-product';
    const base = {
      id: uuidLike(random),
      portfolioId: 'bench',
      title: `Evidence ${index}: complaint about a delayed transfer`,
      activityDate: '2026-02-01',
      narrative,
      label: index % 2 === 0 ? ('reactive' as const) : ('proactive' as const),
      legislation: index % 3 === 0 ? ['Consumer Rights Act 2015'] : [],
      tags: [],
      rootCause: index % 4 === 0 ? undefined : 'Manual re-keying of transfer forms.',
      prevention: 'Automated the transfer form.',
      attachments: [],
      createdAt: stamp,
      updatedAt: stamp,
    };
    switch (type) {
      case 'case-log':
        return { ...base, type, details: { type, stagesCovered: ['identification', 'resolution', 'recording'] } };
      case 'witness-testimony':
        return { ...base, type, details: { type, witness: { name: 'Sam Okafor', role: 'Team leader', relationship: 'Line manager', confirmedOn: '2026-02-10' }, statement: 'Seen.' } };
      case 'call-recording':
        return { ...base, type, details: { type, consent: 'Customer told the call was recorded.' } };
      case 'reflective-account':
        return { ...base, type, details: { type, model: 'HEAT', stages: [{ stage: 'Hear', text: 'Listened.' }], wentWell: 'Calm.', doDifferently: 'Faster.' } };
      default:
        return { ...base, type: 'work-product', details: { type: 'work-product', productKind: 'Procedure' } };
    }
  });

  const mappings: Mapping[] = Array.from({ length: MAPPINGS }, (_, index) => ({
    id: `m-${index}`,
    portfolioId: 'bench',
    evidenceId: pick(evidence).id,
    markingPointId: pick(pointIds),
    locator: { kind: 'page', page: 1 + (index % 9) },
    createdAt: stamp,
  }));

  return { spec, evidence, mappings, decisions: [] };
}

/** Decisions judging each point's first mapped item: most current, some stale, some repeated. */
export function addDecisions(workload: Workload, hashes: ReadonlyMap<string, string>): void {
  const random = seededRandom(7);
  const firstMapped = new Map<string, string>();
  for (const mapping of workload.mappings) if (!firstMapped.has(mapping.markingPointId)) firstMapped.set(mapping.markingPointId, mapping.evidenceId);
  const points = [...firstMapped];
  for (let index = 0; index < DECISIONS; index++) {
    const [markingPointId, evidenceId] = points[Math.floor(random() * points.length)] as [string, string];
    const isStale = random() < 0.1;
    workload.decisions.push({
      id: `d-${index}`,
      portfolioId: 'bench',
      markingPointId,
      status: random() < 0.8 ? 'met' : 'not-yet',
      feedback: 'Clear.',
      evidence: [{ evidenceId, contentHash: isStale ? `sha256:${'0'.repeat(64)}` : (hashes.get(evidenceId) ?? '') }],
      signer: { role: 'assessor', name: 'Priya Natarajan', keyFingerprint: 'ab12' },
      decidedAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 86_400_000 * 60)).toISOString(),
      signature: { algorithm: 'Ed25519', publicKey: 'AAAA', value: 'BBBB' },
    });
  }
}

/**
 * The straightforward way: for each marking point scan every mapping, then every decision,
 * then look each judged item up in the evidence list. Correct, and what the index replaces.
 */
function nestedLoopCoverage(workload: Workload): CoverageMatrix {
  const summary = { markingPoints: 0, gaps: 0, claimed: 0, met: 0, notYet: 0, stale: 0 };
  const units = workload.spec.units.map((unit) => ({
    id: unit.id,
    learningOutcomes: unit.learningOutcomes.map((outcome) => ({
      id: outcome.id,
      markingPoints: outcome.markingPoints.map((point) => {
        const evidence: string[] = [];
        for (const mapping of workload.mappings) {
          if (mapping.markingPointId === point.id && !evidence.includes(mapping.evidenceId)) evidence.push(mapping.evidenceId);
        }
        evidence.sort();
        let latest: AssessorDecision | undefined;
        for (const decision of workload.decisions) {
          if (decision.markingPointId !== point.id) continue;
          const time = Date.parse(decision.decidedAt);
          const latestTime = latest === undefined ? -Infinity : Date.parse(latest.decidedAt);
          if (latest === undefined || time > latestTime || (time === latestTime && decision.id > latest.id)) latest = decision;
        }
        let status: CoverageStatus;
        if (evidence.length === 0) status = 'gap';
        else if (latest === undefined) status = 'claimed';
        else {
          const isStale = latest.evidence.some((judged) => {
            const item = workload.evidence.find((candidate) => candidate.id === judged.evidenceId);
            return item === undefined || hashesForBaseline.get(item.id) !== judged.contentHash;
          });
          status = isStale ? 'stale' : latest.status;
        }
        summary.markingPoints++;
        if (status === 'gap') summary.gaps++;
        else if (status === 'claimed') summary.claimed++;
        else if (status === 'met') summary.met++;
        else if (status === 'not-yet') summary.notYet++;
        else summary.stale++;
        return { id: point.id, evidence, status };
      }),
    })),
  }));
  return { units, summary };
}

// The baseline reads stored hashes the way it would read them off each item.
let hashesForBaseline: ReadonlyMap<string, string> = new Map();

interface Timing {
  median: number;
  min: number;
  /** Median processor time of the thread: less disturbed than wall time when the machine is busy. */
  cpu: number;
  runs: number;
}

function timeRuns(runs: number, warmUps: number, body: () => void): Timing {
  for (let index = 0; index < warmUps; index++) body();
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let index = 0; index < runs; index++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    body();
    times.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const middle = Math.floor(runs / 2);
  return { median: times[middle] ?? 0, min: times[0] ?? 0, cpu: cpuTimes[middle] ?? 0, runs };
}

function ms(value: number): string {
  return `${value.toFixed(1)} ms`.padStart(11);
}

export async function run(): Promise<void> {
  // Through JSON and back, as a package manifest arrives: parsed strings are flat, where
  // strings built by template literals are ropes that compare and hash more slowly.
  const workload = JSON.parse(JSON.stringify(buildWorkload())) as Workload;
  const hashStart = performance.now();
  const hashes = await contentHashesOf(workload.evidence);
  const hashTime = performance.now() - hashStart;
  addDecisions(workload, hashes);
  hashesForBaseline = hashes;

  // Both must agree before either is timed, or the comparison means nothing.
  const indexed = computeCoverage(workload.spec, workload.mappings, workload.decisions, hashes);
  const nested = nestedLoopCoverage(workload);
  if (JSON.stringify(indexed) !== JSON.stringify(nested)) throw new Error('The indexed and nested-loop matrices differ; the benchmark is void.');

  const fast = timeRuns(41, 5, () => computeCoverage(workload.spec, workload.mappings, workload.decisions, hashes));
  const slow = timeRuns(3, 1, () => nestedLoopCoverage(workload));
  const content: PortfolioContent = {
    portfolio: {
      id: 'bench',
      learner: { name: 'Alex Learner' },
      centre: { name: 'Bench centre' },
      assessorName: 'Priya Natarajan',
      qualificationId: workload.spec.id,
      qualificationVersion: workload.spec.version,
      createdAt: '2026-03-01T09:00:00.000Z',
      updatedAt: '2026-03-01T09:00:00.000Z',
    },
    qualification: workload.spec,
    evidence: workload.evidence,
    mappings: workload.mappings,
    decisions: workload.decisions,
    signOffs: [],
    iqaSamples: [],
    declarations: [],
    actionPlan: [],
    comments: [],
    audit: [],
  };
  let resultCount = 0;
  const checks = timeRuns(5, 1, () => {
    resultCount = runChecks(content, hashes).length;
  });

  const { summary } = indexed;
  const lines = [
    `Coverage matrix: ${ITEMS.toLocaleString('en-GB')} evidence items, ${summary.markingPoints} marking points, ${MAPPINGS.toLocaleString('en-GB')} mappings, ${DECISIONS.toLocaleString('en-GB')} decisions`,
    `  (result: ${summary.gaps} gaps, ${summary.claimed} claimed, ${summary.met} met, ${summary.notYet} not yet met, ${summary.stale} stale)`,
    `  ${'what'.padEnd(34)}${'median'.padStart(11)}${'fastest'.padStart(11)}${'cpu'.padStart(11)}  runs`,
    `  ${'computeCoverage (indexed)'.padEnd(34)}${ms(fast.median)}${ms(fast.min)}${ms(fast.cpu)}  ${fast.runs}`,
    `  ${'nested-loop baseline'.padEnd(34)}${ms(slow.median)}${ms(slow.min)}${ms(slow.cpu)}  ${slow.runs}`,
    `  speed-up ${(slow.median / fast.median).toFixed(1)}x (median); goal under ${GOAL_MS} ms: ${fast.median < GOAL_MS ? 'met' : 'NOT met'} (median), ${fast.min < GOAL_MS ? 'met' : 'NOT met'} (fastest run)`,
    `  ${'contentHashesOf (once, WebCrypto)'.padEnd(34)}${ms(hashTime)}`,
    `  ${'runChecks (whole portfolio)'.padEnd(34)}${ms(checks.median)}${ms(checks.min)}${ms(checks.cpu)}  ${checks.runs}  (${resultCount.toLocaleString('en-GB')} results)`,
    // Other work on the machine slows every figure; the load says how far to trust them.
    `  load average when finished: ${(loadavg()[0] ?? 0).toFixed(1)}`,
  ];
  console.log(lines.join('\n'));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
