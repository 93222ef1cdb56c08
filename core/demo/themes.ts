/**
 * What a marking point asks for, read from its wording, so the demo maps each one to evidence
 * that plausibly shows it (a paraphrasing point to a call recording, a trend-review point to a
 * complaint-log analysis) whatever specification it is given. Unknown wording falls back to
 * `general`, which any evidence type may cover.
 */
export const THEMES = [
  'cues',
  'model',
  'defuse',
  'listening',
  'closure',
  'recording',
  'planning',
  'methods',
  'analysis',
  'communication',
  'solutions',
  'prevention',
  'review',
  'procedure',
  'rules',
  'general',
] as const;
export type Theme = (typeof THEMES)[number];

/** In priority order: the first theme whose pattern matches the wording wins. */
const PATTERNS: ReadonlyArray<readonly [Theme, RegExp]> = [
  ['cues', /\bcues?\b|early signs|signs of|impending|changes in tone/i],
  ['model', /\bHEAT\b|\bLATER\b|complaint[- ]handling model|recognised model/i],
  ['defuse', /defus|de-escalat|empath|calm acknowledgement/i],
  ['listening', /paraphras|active listening|listening/i],
  ['closure', /closure|initiation to|follow-up|confirmation of resolution/i],
  ['recording', /complaint details|designated system|data protection/i],
  ['planning', /planning|objectives|scheduling|samples/i],
  ['methods', /range of monitoring|monitoring methods|mystery shopping/i],
  ['analysis', /\bKPIs?\b|benchmark|monitoring results|analysed/i],
  ['communication', /stakeholders|communicated|action plans?/i],
  ['solutions', /solutions|recommendations|redesign/i],
  ['prevention', /prevent (?:the )?recurrence|actions taken to prevent|preventive|proactive approach/i],
  ['review', /recurring|repeated|trends?\b|customer feedback|service data|monitor/i],
  ['procedure', /procedure|logging|escalat|complaints? process|complaints handling rules/i],
  ['rules', /\brules\b|legislation|\bacts?\b|regulat|polic/i],
];

export function themeOf(markingPointText: string): Theme {
  for (const [theme, pattern] of PATTERNS) if (pattern.test(markingPointText)) return theme;
  return 'general';
}
