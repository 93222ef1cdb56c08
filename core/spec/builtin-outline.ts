/**
 * Editorial outline of the built-in qualification: which unit each seed document becomes,
 * and how its examiner marking points group into learning outcomes. The wording of every
 * marking point comes verbatim from the seed; only titles and short labels are ours.
 * `points` are indices into the seed's list of examiner marking points, in order.
 */
export interface OutlineOutcome {
  title: string;
  points: Array<{ index: number; label: string }>;
}

export interface OutlineUnit {
  /** Seed document file name prefix, e.g. "000". */
  seed: string;
  id: string;
  title: string;
  /** Product rules for checks, kept as `x-` keys so other readers ignore them. */
  requiresReactiveAndProactive: boolean;
  outcomes: OutlineOutcome[];
}

export const BUILTIN_IDENTITY = {
  id: 'cs-diploma-l3',
  title: 'Level 3 Diploma in Customer Service: Problems, Complaints and Service Improvement',
  awardingBody: 'Centre-devised specification (built in, for practice)',
  level: '3',
  version: '2026.1',
} as const;

export const BUILTIN_OUTLINE: OutlineUnit[] = [
  {
    seed: '000',
    id: 'CS1',
    title: 'Resolve immediate and repeated customer service problems in financial services',
    requiresReactiveAndProactive: true,
    outcomes: [
      { title: 'Deal with immediate customer service problems', points: [{ index: 0, label: 'Log and escalate immediate problems' }] },
      { title: 'Identify repeated customer service problems', points: [{ index: 1, label: 'Review feedback and data for repeats' }] },
      {
        title: 'Resolve repeated problems and prevent them happening again',
        points: [
          { index: 2, label: 'Propose justified solutions' },
          { index: 3, label: 'Document actions that prevent recurrence' },
        ],
      },
    ],
  },
  {
    seed: '001',
    id: 'CS2',
    title: 'Identify, address and resolve customer issues',
    requiresReactiveAndProactive: true,
    outcomes: [
      {
        title: 'Handle complaints with a structured approach',
        points: [
          { index: 0, label: 'Paraphrase to confirm understanding' },
          { index: 1, label: 'Use a complaint-handling model (e.g. HEAT)' },
        ],
      },
      { title: 'Monitor recurring issues and prevent them', points: [{ index: 2, label: 'Log, analyse trends and prevent' }] },
    ],
  },
  {
    seed: '002',
    id: 'CS3',
    title: 'Apply rules and regulations to improve customer service',
    requiresReactiveAndProactive: false,
    outcomes: [
      {
        title: 'Identify the rules that govern customer service',
        points: [
          { index: 1, label: 'Use real policies and legislation' },
          { index: 3, label: 'Reference acts and regulations accurately' },
        ],
      },
      {
        title: 'Propose improvements that comply with the rules',
        points: [
          { index: 0, label: 'Link rules to improvement actions' },
          { index: 2, label: 'Justify recommendations within the rules' },
        ],
      },
    ],
  },
  {
    seed: '003',
    id: 'CS4',
    title: 'Monitor and evaluate customer service interactions',
    requiresReactiveAndProactive: false,
    outcomes: [
      { title: 'Plan monitoring activities', points: [{ index: 0, label: 'Plan monitoring systematically' }] },
      { title: 'Monitor interactions using a range of methods', points: [{ index: 1, label: 'Use and justify a range of methods' }] },
      {
        title: 'Analyse the results and act on the findings',
        points: [
          { index: 2, label: 'Record and analyse results against KPIs' },
          { index: 3, label: 'Communicate findings and act on them' },
        ],
      },
    ],
  },
  {
    seed: '004',
    id: 'CS5',
    title: 'Process customer service complaints',
    requiresReactiveAndProactive: false,
    outcomes: [
      {
        title: 'Identify the early signs of a complaint',
        points: [
          { index: 0, label: 'Spot cues of escalating dissatisfaction' },
          { index: 3, label: 'Recognise cues of an impending complaint' },
          { index: 7, label: 'Recognise early signs before a complaint' },
        ],
      },
      {
        title: 'Resolve complaints effectively',
        points: [
          { index: 1, label: 'Follow the complaints procedure' },
          { index: 2, label: 'Defuse tension and agree a resolution' },
          { index: 4, label: 'Acknowledge, listen and explain next steps' },
        ],
      },
      {
        title: 'Record complaints and see them through to closure',
        points: [
          { index: 5, label: 'Record complaint details accurately' },
          { index: 6, label: 'Follow the process through to closure' },
        ],
      },
    ],
  },
];
