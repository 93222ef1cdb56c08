/**
 * The catalogue of pre-submission checks. Rule ids are stable (scripts and the app key on them);
 * severities follow one principle: an `error` is something that must not reach an awarding body
 * (a marking point with no evidence, a broken reference, personal data, a recording without
 * consent); a `warning` is advice from the unit guidance that an assessor may weigh.
 */
export type CheckSeverity = 'error' | 'warning';

export interface CheckRuleInfo {
  severity: CheckSeverity;
  /** What the rule looks for, in one plain sentence (for help pages and the app). */
  description: string;
}

export const CHECK_RULES = {
  'marking-point-gap': {
    severity: 'error',
    description: 'A marking point has no evidence mapped to it.',
  },
  'mapping-unknown-marking-point': {
    severity: 'error',
    description: 'An evidence item is mapped to a marking point that is not in the specification.',
  },
  'mapping-missing-evidence': {
    severity: 'error',
    description: 'A mapping refers to an evidence item that is not in the portfolio.',
  },
  'personal-data': {
    severity: 'error',
    description:
      'Free text or an attached text or CSV file holds personal data: an e-mail address, UK phone number, UK postcode, National Insurance number, payment card number, bank sort code and account number, IBAN, NHS number or date of birth.',
  },
  'photo-metadata': {
    severity: 'warning',
    description: 'An attached photo or screenshot carries metadata (GPS location, names, camera details, dates, XMP, comments…) that can identify people and places.',
  },
  'witness-details-missing': {
    severity: 'error',
    description: 'A witness testimony does not say who the witness is: their name, and their occupation or relationship to the learner.',
  },
  'call-recording-consent-missing': {
    severity: 'error',
    description: 'A call recording does not say what permission there was to record the call.',
  },
  'decision-stale': {
    severity: 'warning',
    description: 'Evidence an assessor judged has changed or gone since the decision was made.',
  },
  'decision-not-yet-met': {
    severity: 'warning',
    description: 'The assessor judged a marking point not yet met.',
  },
  'decision-unknown-marking-point': {
    severity: 'warning',
    description: 'An assessor decision is about a marking point that is not in the specification.',
  },
  'mapping-duplicate': {
    severity: 'warning',
    description: 'The same evidence item is mapped to the same marking point more than once.',
  },
  'mapped-without-locators': {
    severity: 'warning',
    description: 'An evidence item is mapped to many marking points without saying where it shows each one.',
  },
  'witness-testimony-incomplete': {
    severity: 'warning',
    description: "A witness testimony lacks the witness's name, occupation, relationship, kind of witness (expert or ordinary), statement, confirmation date or how it was confirmed.",
  },
  'iqa-sample-missing': {
    severity: 'warning',
    description: 'No internal quality assurer has sampled the assessment of a unit.',
  },
  'unprintable-text': {
    severity: 'warning',
    description: 'Text uses characters that none of the fonts the PDF embeds can show; they would print as a replacement mark.',
  },
  'witness-not-listed': {
    severity: 'warning',
    description: 'Evidence names an observer or other witness who is not on the witness status list.',
  },
  'complaint-stages-incomplete': {
    severity: 'warning',
    description: 'Complaint evidence does not show how the complaint was identified, resolved and recorded.',
  },
  'complaint-model-stages-missing': {
    severity: 'warning',
    description: 'A reflective account leaves out stages of the complaint-handling model it uses.',
  },
  'reflection-incomplete': {
    severity: 'warning',
    description: 'A reflective account does not say what went well and what you would do differently.',
  },
  'root-cause-or-prevention-missing': {
    severity: 'warning',
    description: 'Problem-solving evidence does not give the root cause or what was done to prevent it happening again.',
  },
  'reactive-and-proactive-evidence': {
    severity: 'warning',
    description: 'A unit that asks for both reactive and proactive evidence lacks one of them.',
  },
  'complete-complaint-missing': {
    severity: 'warning',
    description: 'A unit that asks for a complete complaint (identification, resolution, recording) has none.',
  },
  'reflective-account-missing': {
    severity: 'warning',
    description: 'A unit has no reflective account.',
  },
  'legislation-missing': {
    severity: 'warning',
    description: 'A unit about rules and regulation has no evidence that names the legislation or regulation.',
  },
  'evidence-types-too-few': {
    severity: 'warning',
    description: 'A unit has evidence of fewer than three types.',
  },
  'learner-declaration-missing': {
    severity: 'warning',
    description: 'The learner has not signed the declaration that the work is their own.',
  },
} as const satisfies Record<string, CheckRuleInfo>;

export type CheckRuleId = keyof typeof CHECK_RULES;

export interface CheckResult {
  /** A stable rule id from CHECK_RULES (kebab-case). */
  rule: string;
  severity: CheckSeverity;
  /** A plain sentence saying what is wrong and what to do about it. */
  message: string;
  /** What the result concerns: `markingPoint:<id>`, `evidence:<id>`, `unit:<id>`, `mapping:<id>`, … */
  ref: string;
}

/** An item mapped to at least this many marking points needs a locator on each mapping. */
export const MANY_MAPPINGS = 6;

/** A unit needs evidence of at least this many types. */
export const MIN_EVIDENCE_TYPES = 3;
