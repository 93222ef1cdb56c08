/**
 * Writes each demo evidence item: title, narrative (paragraphs separated by blank lines, lists
 * as "- " lines), type-specific details and the places in it ("anchors") that show each theme,
 * which become mapping locators. Items are built on a reactive case (a complaint as it
 * happened) or an improvement project (monitoring, finding and preventing a repeated problem),
 * in the voice the evidence type calls for: the learner's own account, a witness's statement,
 * the assessor's observation record.
 */
import type { ComplaintModel, ComplaintStage, EvidenceDetails, EvidenceType, Locator, ModelStage, ServiceLabel } from '../model/portfolio';
import type { Rng } from './prng';
import { LEGISLATION, type DemoSetting, type DemoWitness, type Improvement, type LegislationKey, type ReactiveCase } from './settings';
import type { Theme } from './themes';

export type StoryVariant = 'reactive' | 'improvement';
export type NamedModel = Exclude<ComplaintModel, 'other'>;

export interface ItemContext {
  type: EvidenceType;
  variant: StoryVariant;
  setting: DemoSetting;
  learner: string;
  assessor: string;
  /** The learner's team leader (first witness of the setting). */
  leader: DemoWitness;
  /** The witness giving a testimony, when the item is one. */
  witness: DemoWitness;
  customer: string;
  caseRef: string;
  /** Activity date, YYYY-MM-DD. */
  date: string;
  reactive: ReactiveCase;
  improvement: Improvement;
  model: NamedModel;
  /** Whether the witness has confirmed their statement yet. */
  isWitnessConfirmed: boolean;
  /** When the witness confirmed (YYYY-MM-DD), if they have. */
  confirmedOn: string;
  /** Whether the case log shows every complaint stage (some are still open). */
  isCaseComplete: boolean;
  /** Short narratives for very large demo portfolios, which must stay within the manifest size limit. */
  isCompact: boolean;
  rng: Rng;
}

/** A place in an item that shows some themes, and how a mapping points at it. */
export interface Anchor {
  themes: readonly Theme[];
  locator: Locator;
  /** How a justification names the place: "Paragraph 3", "From 02:40 to 03:30". */
  where: string;
}

export interface BuiltItem {
  title: string;
  narrative: string;
  details: EvidenceDetails;
  label: ServiceLabel;
  legislation: string[];
  tags: string[];
  rootCause?: string;
  prevention?: string;
  anchors: Anchor[];
}

interface Paragraph {
  text: string;
  themes: readonly Theme[];
  locator?: Locator;
  where?: string;
}

export const MODEL_STAGE_NAMES: Readonly<Record<NamedModel, readonly string[]>> = {
  HEAT: ['Hear', 'Empathise', 'Apologise', 'Take action'],
  LATER: ['Listen', 'Apologise', 'Thank', 'Empathise', 'Resolve'],
  AAAA: ['Acknowledge', 'Apologise', 'Act', 'Assure'],
};

const MODEL_TITLES: Readonly<Record<NamedModel, string>> = {
  HEAT: 'HEAT (Hear, Empathise, Apologise, Take action)',
  LATER: 'LATER (Listen, Apologise, Thank, Empathise, Resolve)',
  AAAA: 'Acknowledge, Apologise, Act, Assure',
};

/** How people name each model in conversation. */
const MODEL_SHORT: Readonly<Record<NamedModel, string>> = { HEAT: 'HEAT', LATER: 'LATER', AAAA: 'Acknowledge, Apologise, Act, Assure' };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "6 February 2026" from "2026-02-06". */
export function longDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${day ?? 1} ${MONTHS[(month ?? 1) - 1] ?? ''} ${year ?? ''}`;
}

/** "6 Feb" from "2026-02-06". */
function shortDate(iso: string): string {
  const [, month, day] = iso.split('-').map(Number);
  return `${day ?? 1} ${(MONTHS[(month ?? 1) - 1] ?? '').slice(0, 3)}`;
}

export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function clock(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${String(minutes).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

function firstName(name: string): string {
  return name.split(' ')[0] ?? name;
}

function pronouns(honorific: ReactiveCase['honorific']): { they: string; them: string; their: string } {
  if (honorific === 'Mr') return { they: 'he', them: 'him', their: 'his' };
  if (honorific === 'Mrs' || honorific === 'Ms') return { they: 'she', them: 'her', their: 'her' };
  return { they: 'they', them: 'them', their: 'their' };
}

/** "Delayed cash ISA transfer" → "delayed cash ISA transfer"; "ISA transfer delays" stays as it is. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Fills the placeholders of settings.ts. */
function fill(text: string, context: ItemContext): string {
  const { they, them, their } = pronouns(context.reactive.honorific);
  const values: Record<string, string> = {
    c: context.customer,
    ref: context.caseRef,
    org: context.setting.organisation,
    team: context.setting.team,
    system: context.setting.system,
    leader: context.leader.name,
    learner: context.learner,
    they,
    them,
    their,
    They: capitalise(they),
    Their: capitalise(their),
  };
  return text.replace(/\{([A-Za-z]+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function bullets(lines: readonly string[]): string {
  return lines.map((line) => `- ${line}`).join('\n');
}

function legislationNames(keys: readonly LegislationKey[]): string[] {
  return keys.map((key) => LEGISLATION[key]);
}

function assemble(paragraphs: Paragraph[], isCompact: boolean): { narrative: string; anchors: Anchor[] } {
  // Compact items keep the opening and the first paragraph that shows something.
  const firstShowing = paragraphs.findIndex((paragraph) => paragraph.themes.length > 0);
  const kept = isCompact ? paragraphs.filter((_, index) => index === 0 || index === firstShowing) : paragraphs;
  return {
    narrative: kept.map((paragraph) => paragraph.text).join('\n\n'),
    anchors: kept.map((paragraph, index) => ({
      themes: paragraph.themes,
      locator: paragraph.locator ?? { kind: 'paragraph', paragraph: index + 1 },
      where: paragraph.where ?? `Paragraph ${index + 1}`,
    })),
  };
}

function receivedVia(channel: ReactiveCase['channel']): string {
  switch (channel) {
    case 'telephone':
      return 'by telephone';
    case 'web chat':
      return 'on web chat';
    case 'in store':
      return 'in store';
    case 'in branch':
      return 'in branch';
  }
}

function channelPhrase(channel: ReactiveCase['channel']): string {
  switch (channel) {
    case 'telephone':
      return 'a phone call';
    case 'web chat':
      return 'a web chat';
    case 'in store':
      return 'a conversation at the store counter';
    case 'in branch':
      return 'a conversation in branch';
  }
}

// ---------------------------------------------------------------------------------------------
// Reflective account

function reflectiveStages(context: ItemContext): ModelStage[] {
  const item = context.reactive;
  const listen = fill(`I let {c} explain without interrupting, then summarised: "${item.paraphrase}" {They} confirmed I had it right.`, context);
  const empathy = fill(item.empathy, context);
  const apology = fill(item.apology, context);
  const action = fill(`${item.action} ${item.resolution}`, context);
  switch (context.model) {
    case 'HEAT':
      return [
        { stage: 'Hear', text: listen },
        { stage: 'Empathise', text: empathy },
        { stage: 'Apologise', text: apology },
        { stage: 'Take action', text: action },
      ];
    case 'LATER':
      return [
        { stage: 'Listen', text: listen },
        { stage: 'Apologise', text: apology },
        { stage: 'Thank', text: fill('I thanked {c} for raising it with us, because it showed us a problem that could be affecting other customers too.', context) },
        { stage: 'Empathise', text: empathy },
        { stage: 'Resolve', text: action },
      ];
    case 'AAAA':
      return [
        { stage: 'Acknowledge', text: listen },
        { stage: 'Apologise', text: `${apology} ${empathy}` },
        { stage: 'Act', text: action },
        { stage: 'Assure', text: fill(`${item.followUp} I also told {them} what we were changing so it would not happen again: ${item.preventionShort}.`, context) },
      ];
  }
}

function reactiveReflective(context: ItemContext): BuiltItem {
  const item = context.reactive;
  const { they, them } = pronouns(item.honorific);
  const paragraphs: Paragraph[] = [
    {
      text: fill(`On ${longDate(context.date)}, working in the {team} at {org}, I dealt with {c} in ${channelPhrase(item.channel)}. ${item.issue} ${item.impact}`, context),
      themes: [],
    },
    {
      text: fill(
        `I could tell early on that this was likely to become a complaint. ${item.cue} Rather than carry on with the usual script, I slowed down and let ${them} explain everything before I asked my own questions.`,
        context,
      ),
      themes: ['cues'],
    },
    {
      text: fill(
        `When ${they} had finished, I summarised what I had heard: "${item.paraphrase}" Once {c} confirmed I had understood, the conversation became calmer. ${item.empathy} ${item.apology}`,
        context,
      ),
      themes: ['listening', 'defuse', 'model'],
    },
    {
      text: fill(
        `Before I offered anything, I checked:\n${bullets([
          'the account history and any earlier contact we had had with {them}',
          'that the fix was within my authority, or who had to approve it',
          "what {org}'s procedure says about timescales and putting things right",
        ])}`,
        context,
      ),
      themes: ['procedure'],
    },
    { text: fill(`${item.action} I logged the complaint on {system} as {ref} the same day, following ${context.setting.policy}.`, context), themes: ['procedure'] },
    { text: fill(`${item.resolution} ${item.followUp}`, context), themes: ['closure', 'defuse'] },
    { text: fill(item.rulesNote, context), themes: ['rules'] },
    { text: fill(`Looking at why it happened: ${item.rootCause} ${item.prevention}`, context), themes: ['prevention'] },
  ];
  const { narrative, anchors } = assemble(paragraphs, context.isCompact);
  anchors.push({ themes: ['model'], locator: { kind: 'note', text: `${context.model} stages (${MODEL_STAGE_NAMES[context.model].join(', ')})` }, where: `The ${context.model} stages` });
  return {
    title: `Reflective account: ${lowerFirst(item.title)} (${context.customer})`,
    narrative,
    details: {
      type: 'reflective-account',
      model: context.model,
      stages: reflectiveStages(context),
      wentWell: fill(item.wentWell, context),
      doDifferently: fill(item.doDifferently, context),
      preventRecurrence: fill(item.prevention, context),
    },
    label: 'both',
    legislation: legislationNames(item.legislation),
    tags: [...item.tags, context.model, 'identification', 'resolution', 'recording'],
    rootCause: fill(item.rootCause, context),
    prevention: fill(item.prevention, context),
    anchors,
  };
}

function improvementReflective(context: ItemContext): BuiltItem {
  const item = context.improvement;
  const paragraphs: Paragraph[] = [
    { text: fill(`This account reflects on my project "${item.title}" at {org}, using Gibbs' reflective cycle. ${item.trigger}`, context), themes: ['review'] },
    { text: fill(`Planning: ${item.plan}`, context), themes: ['planning'] },
    {
      text: fill(
        `I used ${item.methods}. ${item.methodsWhy} I had to adapt the approach for each channel: a phone call can be listened to again, but a conversation at a counter or in a chat only shows what was written down or remembered, so for those I relied more on records and feedback.`,
        context,
      ),
      themes: ['methods'],
    },
    { text: fill(`What I found:\n${bullets(item.findings)}`, context), themes: ['analysis', 'review'] },
    { text: fill(`${item.analysis} ${item.proposal}`, context), themes: ['solutions'] },
    { text: fill(item.communicated, context), themes: ['communication'] },
    { text: fill(`What changed:\n${bullets(item.actions)}\n\n${item.result}`, context), themes: ['prevention', 'analysis'] },
  ];
  const { narrative, anchors } = assemble(paragraphs, context.isCompact);
  return {
    title: `Reflective account: ${lowerFirst(item.title)}`,
    narrative,
    details: {
      type: 'reflective-account',
      model: 'other',
      modelName: "Gibbs' reflective cycle",
      stages: [
        { stage: 'Description', text: fill(item.trigger, context) },
        { stage: 'Feelings', text: 'At first I was unsure whether it was my place to question a process another team owns, but having the figures in front of me gave me the confidence to raise it.' },
        { stage: 'Evaluation', text: fill('What went well was that the data pointed clearly at one cause. What was harder was fitting the work around my normal workload; {leader} agreed protected time for it.', context) },
        { stage: 'Analysis', text: fill(item.analysis, context) },
        { stage: 'Conclusion', text: fill(item.result, context) },
        { stage: 'Action plan', text: 'Next time I will agree the measures of success with the process owner before I start, so that the results are accepted straight away.' },
      ],
      wentWell: 'Using more than one source of data meant the cause I found was hard to argue with.',
      doDifferently: 'I would involve the process owner from the start rather than presenting the findings at the end.',
      preventRecurrence: fill(item.prevention, context),
    },
    label: 'proactive',
    legislation: legislationNames(item.legislation),
    tags: [...item.tags, 'reflection'],
    rootCause: fill(item.rootCause, context),
    prevention: fill(item.prevention, context),
    anchors,
  };
}

// ---------------------------------------------------------------------------------------------
// Witness testimony

function witnessTestimony(context: ItemContext): BuiltItem {
  const item = context.reactive;
  const witness = context.witness;
  const learnerFirst = firstName(context.learner);
  const statementParagraphs = [
    fill(
      `I am ${witness.name}, ${witness.role} at {org}. ${witness.knows.replace('{learner}', learnerFirst)}. On ${longDate(context.date)} I was beside ${learnerFirst} during ${channelPhrase(item.channel)} with {c}, who was complaining about ${item.about}.`,
      context,
    ),
    fill(
      `${learnerFirst} picked up early that the customer was becoming upset: ${item.cueShort}. ${learnerFirst} slowed the conversation down and let the customer finish before asking any questions, which stopped it turning into an argument.`,
      context,
    ),
    fill(
      `${learnerFirst} summarised the concern back accurately and checked it was right, then acknowledged how the customer felt and apologised without making excuses. You could hear the customer's tone change after that. ${learnerFirst} followed the ${MODEL_SHORT[context.model]} steps we coach in the team without sounding scripted.`,
      context,
    ),
    fill(
      `${learnerFirst} then looked into the cause, agreed a fair resolution, and came to me for approval where it was outside their authority. The complaint was logged on {system} as {ref} the same day, following ${context.setting.policy}, and ${learnerFirst} rang the customer back to confirm the outcome before closing it.`,
      context,
    ),
    'I confirm this is a true account of what I saw and heard.',
  ];
  // Compact items keep the introduction, the early-signs paragraph and the confirmation.
  const statement = (context.isCompact ? [statementParagraphs[0], statementParagraphs[1], statementParagraphs[4]] : statementParagraphs).join('\n\n');
  const paragraphs: Paragraph[] = [
    {
      text: fill(`This testimony is from ${witness.name} (${witness.role}), who was with me when {c} complained about ${item.about}.`, context),
      themes: [],
    },
    {
      text: `The statement confirms that I:\n${bullets([
        'noticed the early signs that the customer was unhappy',
        'summarised the concern back before offering a solution',
        'logged the complaint and followed it through to closure',
      ])}`,
      themes: [],
    },
  ];
  const { narrative, anchors } = assemble(paragraphs, context.isCompact);
  const statementAnchors: Array<[number, Theme[]]> = context.isCompact
    ? [[2, ['cues']]]
    : [
        [2, ['cues']],
        [3, ['listening', 'defuse', 'model']],
        [4, ['procedure', 'closure']],
      ];
  for (const [paragraph, themes] of statementAnchors) {
    anchors.push({ themes, locator: { kind: 'note', text: `Witness statement, paragraph ${paragraph}` }, where: `Paragraph ${paragraph} of the witness statement` });
  }
  return {
    title: `Witness testimony: ${witness.name}, ${lowerFirst(item.title)}`,
    narrative,
    details: {
      type: 'witness-testimony',
      witness: {
        name: witness.name,
        role: witness.role,
        relationship: witness.relationship,
        contact: witness.contact,
        // The first two witnesses of each setting supervise or coach the work they saw: expert witnesses.
        witnessType: context.setting.witnesses.indexOf(witness) < 2 ? 'expert' : 'ordinary',
        ...(context.isWitnessConfirmed
          ? {
              confirmedOn: context.confirmedOn,
              confirmedHow: `Read and signed the statement in person with my assessor, ${context.assessor}`,
              confirmationStatement: `I confirm that this statement is a true account of what I saw ${learnerFirst} do on ${longDate(context.date)}.`,
            }
          : {}),
      },
      statement,
      statementDate: addDays(context.date, 1),
    },
    label: 'reactive',
    legislation: legislationNames(item.legislation),
    tags: [...item.tags, 'witness', 'identification', 'resolution', 'recording'],
    rootCause: fill(item.rootCause, context),
    prevention: fill(item.prevention, context),
    anchors,
  };
}

// ---------------------------------------------------------------------------------------------
// Observation (the assessor's record)

function observation(context: ItemContext): BuiltItem {
  const item = context.reactive;
  const learnerFirst = firstName(context.learner);
  const paragraphs: Paragraph[] = [
    {
      text: fill(
        `I observed ${context.learner} on ${longDate(context.date)} for two hours on the {team} at {org}, ${context.setting.site}, handling live customer contacts. ${learnerFirst} knew I was observing; customers were not told, as I did not take part or record anything that identifies them.`,
        context,
      ),
      themes: [],
    },
    {
      text: fill(
        `The main contact was ${channelPhrase(item.channel)} with {c}. ${item.issue} ${learnerFirst} noticed the warning signs quickly (${item.cueShort}) and changed approach: slower pace, open questions, no interrupting. Afterwards ${learnerFirst} explained quietly that once the signs appeared they had put the script aside so the customer could finish.`,
        context,
      ),
      themes: ['cues'],
    },
    {
      text: fill(
        `${learnerFirst} summarised the concern back in the customer's own terms and checked it was right before moving on. The acknowledgement was calm and specific, the apology sounded genuine, and the steps to put things right were explained clearly with timescales. The customer's tone eased noticeably.`,
        context,
      ),
      themes: ['listening', 'defuse'],
    },
    {
      text: fill(`The structure followed the ${MODEL_TITLES[context.model]} model, although it did not sound scripted.`, context),
      themes: ['model'],
    },
    {
      text: fill(
        `I watched ${learnerFirst} log the complaint on {system} as {ref}: the customer's concern in their own words, the category, the action agreed and the promised call-back date, with no more personal information than the case needed. ${learnerFirst} followed ${context.setting.policy}, including asking ${context.leader.name} to approve the redress.`,
        context,
      ),
      themes: ['procedure', 'recording'],
    },
    {
      text: `Assessor's summary: competent, calm handling of an unhappy customer. Development point: ${learnerFirst} could check earlier whether the customer is in vulnerable circumstances.`,
      themes: [],
    },
  ];
  const { narrative, anchors } = assemble(paragraphs, context.isCompact);
  return {
    title: `Observation: complaint handling on the ${context.setting.team} (${context.customer})`,
    narrative,
    details: { type: 'observation', observer: context.assessor, observedOn: context.date, setting: `${context.setting.team}, ${context.setting.site}: live ${item.channel} contacts` },
    label: 'reactive',
    legislation: legislationNames(item.legislation),
    tags: [...item.tags, 'observation', 'identification', 'resolution', 'recording'],
    rootCause: fill(item.rootCause, context),
    prevention: fill(item.prevention, context),
    anchors,
  };
}

// ---------------------------------------------------------------------------------------------
// Professional discussion (recorded; locators are times)

function professionalDiscussion(context: ItemContext): BuiltItem {
  const item = context.improvement;
  let at = 60 + context.rng.int(0, 60);
  const segment = (text: string, themes: Theme[]): Paragraph => {
    const length = 180 + context.rng.int(0, 240);
    const start = at;
    at += length;
    return { text: `${clock(start)}–${clock(start + length)}: ${text}`, themes, locator: { kind: 'time', startSeconds: start, endSeconds: start + length }, where: `From ${clock(start)} to ${clock(start + length)}` };
  };
  const segments: Paragraph[] = [
    segment(fill(`How I found the problem. ${item.trigger} I explained that the source was ${item.dataSource}.`, context), ['review']),
    segment(fill(`How I planned it. ${item.plan}`, context), ['planning']),
    segment(fill(`The options and my recommendation. I considered: ${item.options.map((option) => lowerFirst(option).replace(/\.$/, '')).join('; ')}. ${item.proposal}`, context), ['solutions']),
    segment(fill(`Preventing it happening again. ${item.prevention} ${item.result}`, context), ['prevention']),
    segment(fill(`The rules. ${item.rulesNote}`, context), ['rules']),
    segment(fill(`Telling people and acting on it. ${item.communicated}`, context), ['communication']),
  ];
  const intro: Paragraph = {
    text: fill(
      `Recorded professional discussion with my assessor, ${context.assessor}, on ${longDate(context.date)} (${Math.round(at / 60)} minutes), about my work on ${item.topic} at {org}. The summary below gives the time of each part of the recording.`,
      context,
    ),
    themes: [],
  };
  const { narrative, anchors } = assemble([intro, ...segments], context.isCompact);
  return {
    title: `Professional discussion: ${item.topic}`,
    narrative,
    details: { type: 'professional-discussion', discussedWith: context.assessor, topics: `${capitalise(item.topic)}; root cause; options; prevention; the rules that applied; communicating the findings` },
    label: 'proactive',
    legislation: legislationNames(item.legislation),
    tags: [...item.tags, 'discussion'],
    rootCause: fill(item.rootCause, context),
    prevention: fill(item.prevention, context),
    anchors,
  };
}

// ---------------------------------------------------------------------------------------------
// Case log

function caseLog(context: ItemContext): BuiltItem {
  const item = context.reactive;
  const day = (offset: number): string => shortDate(addDays(context.date, offset));
  const stages: ComplaintStage[] = context.isCaseComplete ? ['identification', 'resolution', 'recording'] : ['identification', 'recording'];
  const entries = [
    `${day(0)} ${String(9 + context.rng.int(0, 7)).padStart(2, '0')}:${String(context.rng.int(0, 59)).padStart(2, '0')} Complaint received ${receivedVia(item.channel)}; logged; acknowledgement sent`,
    `${day(0)} Investigation started; customer told to expect an update within two working days`,
    `${day(1)} Cause found; redress approved by ${context.leader.name}`,
  ];
  if (context.isCaseComplete) {
    entries.push(`${day(2)} Resolution agreed with the customer`, `${day(5)} Follow-up call: customer confirmed the outcome`, `${day(5)} Final response sent; case closed`);
  } else {
    entries.push(`${day(2)} Awaiting the other team's fix; customer updated by phone`);
  }
  const paragraphs: Paragraph[] = [
    { text: fill(`Case ${context.caseRef}, opened ${longDate(context.date)} (${item.channel}). Category: ${item.category}. Customer: {c}.`, context), themes: [] },
    { text: fill(`Identification: ${item.issue} ${item.cue}`, context), themes: ['procedure'] },
    { text: `Log entries:\n${bullets(entries)}`, themes: ['procedure', 'closure'] },
    {
      text: fill(
        `Recording: every mandatory field on {system} was completed: the customer's concern in their own words, the category, the root cause, the redress and the dates. Personal details stay on the customer record, not in the free text, as the Data Protection Act 2018 requires.`,
        context,
      ),
      themes: ['recording'],
    },
    context.isCaseComplete
      ? { text: fill(`Resolution and closure: ${item.resolution} ${item.followUp}`, context), themes: ['closure'] }
      : { text: fill(`Status: open. ${item.resolution} I will complete the follow-up call and close the case when the fix is in place.`, context), themes: [] },
    { text: fill(`Trend note: I tagged the root cause so the case appears in the monthly trend report. ${item.rootCause}`, context), themes: ['review'] },
  ];
  const { narrative, anchors } = assemble(paragraphs, context.isCompact);
  return {
    title: `Complaint log: ${lowerFirst(item.title)} (${context.caseRef})`,
    narrative,
    details: { type: 'case-log', stagesCovered: stages, caseReference: context.caseRef },
    label: context.isCaseComplete ? 'both' : 'reactive',
    legislation: legislationNames(item.legislation),
    tags: [...item.tags, ...stages],
    rootCause: fill(item.rootCause, context),
    prevention: fill(item.prevention, context),
    anchors,
  };
}

// ---------------------------------------------------------------------------------------------
// Call recording (locators are times)

function callRecording(context: ItemContext): BuiltItem {
  const item = context.reactive;
  const duration = 300 + context.rng.int(0, 600);
  const cut = (fraction: number): number => Math.round(duration * fraction);
  const marks = [0, 45, cut(0.3), cut(0.42), cut(0.72), duration];
  const segment = (index: number, text: string, themes: Theme[]): Paragraph => {
    const start = marks[index] as number;
    const end = marks[index + 1] as number;
    return { text: `${clock(start)}–${clock(end)}: ${text}`, themes, locator: { kind: 'time', startSeconds: start, endSeconds: end }, where: `From ${clock(start)} to ${clock(end)}` };
  };
  const paragraphs: Paragraph[] = [
    {
      text: fill(
        `Recording of ${channelPhrase('telephone')} with {c} on ${longDate(context.date)} (${Math.floor(duration / 60)} minutes ${duration % 60} seconds). {c} was complaining about ${item.about}. The timings below show where each part of the call is.`,
        context,
      ),
      themes: [],
    },
    segment(0, 'Greeting and security checks, explained before I asked them.', []),
    segment(1, fill(`{c} explains the problem. ${item.cue} From here I slow down and stop following the script.`, context), ['cues']),
    segment(2, fill(`I summarise the concern back: "${item.paraphrase}"`, context), ['listening']),
    segment(3, fill(`${item.empathy} ${item.apology} I explain what I am going to check and how long it will take.`, context), ['defuse', 'model']),
    segment(4, fill(`I explain what I found and we agree the resolution: ${item.resolution} I confirm the next steps and when I will call back.`, context), ['closure', 'defuse']),
  ];
  const { narrative, anchors } = assemble(paragraphs, context.isCompact);
  return {
    title: `Call recording: ${lowerFirst(item.title)} (${context.customer})`,
    narrative,
    details: {
      type: 'call-recording',
      durationSeconds: duration,
      consent: fill(
        `Recorded under {org}'s call recording policy: the customer heard the recorded message at the start of the call, and agreed when asked that it could be used for my training and assessment. The recording stays on the call-quality system and my assessor listened to it there.`,
        context,
      ),
    },
    label: 'reactive',
    legislation: legislationNames(item.legislation.filter((key) => key !== 'pra')),
    tags: ['call recording', item.category],
    anchors,
  };
}

// ---------------------------------------------------------------------------------------------
// Customer feedback, mystery shopping and work products (reports: locators are pages)

function pageParagraph(page: number, text: string, themes: Theme[]): Paragraph {
  return { text: `Page ${page}: ${text}`, themes, locator: { kind: 'page', page }, where: `Page ${page}` };
}

function kpiSentence(item: Improvement): string {
  const { kpi } = item;
  const unit = kpi.unit === '%' ? '%' : ` ${kpi.unit}`;
  const better = kpi.isLowerBetter ? 'lower is better' : 'higher is better';
  return `${kpi.name}: ${kpi.before}${unit} before, ${kpi.after}${unit} after, against a target of ${kpi.target}${unit} (${better}).`;
}

const FEEDBACK_COMMENTS = [
  "I expected to be fobbed off, but {L} listened, said back what I'd told them so I knew they'd understood, and did exactly what they promised.",
  '{L} was calm and kind when I was anything but. They explained what would happen next and rang me back when they said they would.',
  'First person who actually listened. {L} sorted it in one go and checked afterwards that everything was right.',
] as const;

/** Feedback from the customer of one complaint: their survey answers and comment, and what they show. */
function complaintFeedback(context: ItemContext): BuiltItem {
  const item = context.reactive;
  const learnerFirst = firstName(context.learner);
  const { they } = pronouns(item.honorific);
  const score = 4 + context.rng.int(0, 1);
  const paragraphs: Paragraph[] = [
    {
      text: fill(
        `After {c}'s complaint about ${item.about} was closed, {org}'s ${context.setting.surveyName} asked ${pronouns(item.honorific).them} about the way it was handled. These are the answers, anonymised by the survey team, and what I take from them.`,
        context,
      ),
      themes: [],
    },
    {
      text: `Survey answers:
${bullets([`Overall satisfaction: ${score} out of 5`, 'Did the adviser understand your problem? Yes', 'Was your problem resolved? Yes', 'Were you kept informed? Yes'])}`,
      themes: ['closure'],
    },
    {
      text: fill(
        `Customer's comment: "${context.rng.pick(FEEDBACK_COMMENTS).replace(/\{L\}/g, learnerFirst)} ${score === 5 ? 'Best service I have had from you.' : 'It should not have gone wrong in the first place, though.'}"`,
        context,
      ),
      themes: ['listening', 'defuse'],
    },
    {
      text: fill(
        `What it shows: summarising the problem back made ${item.honorific === 'Customer' ? 'the customer' : '{c}'} feel heard before I tried to fix anything, and the follow-up call confirmed ${they} ${they === 'they' ? 'were' : 'was'} satisfied before I closed {ref}. ${score === 5 ? '' : 'The comment about it going wrong in the first place is fair, which is why I pushed for the root cause to be fixed.'}`.trim(),
        context,
      ),
      themes: ['closure', 'review'],
    },
  ];
  const { narrative, anchors } = assemble(paragraphs, context.isCompact);
  return {
    title: `Customer feedback: ${context.customer} on ${item.about}`,
    narrative,
    details: { type: 'customer-feedback', source: capitalise(context.setting.surveyName), sampleSize: 1 },
    label: 'reactive',
    legislation: legislationNames(item.legislation.filter((key) => key === 'dpa' || key === 'gdpr' || key === 'disp' || key === 'ofcom' || key === 'cra')),
    tags: ['feedback', item.category],
    rootCause: fill(item.rootCause, context),
    prevention: fill(item.prevention, context),
    anchors,
  };
}

function customerFeedback(context: ItemContext): BuiltItem {
  if (context.variant === 'reactive') return complaintFeedback(context);
  const item = context.improvement;
  const sampleSize = 120 + context.rng.int(0, 300);
  const paragraphs: Paragraph[] = [
    { text: fill(`This is my analysis of ${item.dataSource}, written up as a three-page report for {leader}. ${item.trigger}`, context), themes: ['review'] },
    pageParagraph(1, fill(`What the feedback says (${sampleSize} responses read):\n${bullets(item.findings)}`, context), ['review', 'analysis']),
    pageParagraph(2, fill(`Analysis against our measures. ${item.analysis} ${kpiSentence(item)}`, context), ['analysis']),
    pageParagraph(2, fill(`Why I used these methods: ${item.methodsWhy}`, context), ['methods']),
    pageParagraph(3, fill(`Who I told and what happened next. ${item.communicated} ${item.result}`, context), ['communication']),
  ];
  const { narrative, anchors } = assemble(paragraphs, context.isCompact);
  return {
    title: `Customer feedback analysis: ${item.topic}`,
    narrative,
    details: { type: 'customer-feedback', source: capitalise(context.setting.surveyName), sampleSize },
    label: 'proactive',
    legislation: legislationNames(item.legislation),
    tags: [...item.tags, 'feedback'],
    rootCause: fill(item.rootCause, context),
    prevention: fill(item.prevention, context),
    anchors,
  };
}

const SHOP_CONTACTS = { telephone: 'telephone calls', 'web chat': 'web chats', 'in store': 'store visits', 'in branch': 'branch visits' } as const;

function mysteryShopping(context: ItemContext): BuiltItem {
  const item = context.improvement;
  // Claims are handled remotely; the retailer and the society also serve customers face to face.
  const faceToFace: Array<keyof typeof SHOP_CONTACTS> = context.setting.key === 'telecoms' ? ['in store'] : context.setting.key === 'building-society' ? ['in branch'] : [];
  const channel = context.rng.pick<keyof typeof SHOP_CONTACTS>(['telephone', 'web chat', ...faceToFace]);
  const visits = 8 + context.rng.int(0, 8);
  const met = Math.round(visits * (0.4 + context.rng.next() * 0.3));
  const paragraphs: Paragraph[] = [
    {
      text: fill(`Mystery shopping results from ${context.setting.shopperTeam}, which I asked to include complaint scenarios for ${item.topic}. The report has three pages.`, context),
      themes: [],
    },
    pageParagraph(1, fill(`Plan: ${item.plan} ${visits} ${SHOP_CONTACTS[channel]} were scripted around a customer with a genuine grievance.`, context), ['planning']),
    pageParagraph(1, fill(`Methods: ${/mystery/i.test(item.methods) ? `I used ${item.methods}` : `alongside mystery shopping I used ${item.methods}`}. ${item.methodsWhy}`, context), ['methods']),
    pageParagraph(
      2,
      fill(
        `Results: ${met} of ${visits} contacts met the complaint standard.\n${bullets([
          `Frustration acknowledged in ${Math.min(visits, met + 2)} of ${visits}`,
          `Concern summarised back in ${met} of ${visits}`,
          `Clear next step and timescale given in ${Math.max(0, met - 1)} of ${visits}`,
        ])}\n${kpiSentence(item)}`,
        context,
      ),
      ['analysis'],
    ),
    pageParagraph(3, fill(`Actions: ${item.communicated}\n${bullets(item.actions)}`, context), ['communication']),
  ];
  const { narrative, anchors } = assemble(paragraphs, context.isCompact);
  return {
    title: `Mystery shopping: ${item.topic} (${channel})`,
    narrative,
    details: { type: 'mystery-shopping', shopper: capitalise(context.setting.shopperTeam.replace(/^the /, '')), channel },
    label: 'proactive',
    legislation: legislationNames(item.legislation),
    tags: [...item.tags, 'mystery shopping'],
    rootCause: fill(item.rootCause, context),
    prevention: fill(item.prevention, context),
    anchors,
  };
}

const PRODUCT_KINDS = ['Improvement proposal', 'Trend report', 'Revised procedure and briefing note', 'Monitoring plan and results'] as const;

function workProduct(context: ItemContext): BuiltItem {
  const item = context.improvement;
  const productKind = context.rng.pick(PRODUCT_KINDS);
  const paragraphs: Paragraph[] = [
    { text: fill(`${productKind} I wrote on ${item.topic} at {org}, approved by {leader}. It has four pages; the sections are summarised below.`, context), themes: [] },
    pageParagraph(1, fill(`The problem and the evidence. Source: ${item.dataSource}.\n${bullets(item.findings)}`, context), ['review', 'analysis']),
    pageParagraph(2, fill(`Options considered:\n${bullets(item.options)}\n\nRecommendation: ${item.proposal}`, context), ['solutions']),
    pageParagraph(2, fill(`The rules that apply: ${item.rulesNote}`, context), ['rules']),
    pageParagraph(3, fill(`Action plan, with owners and dates agreed:\n${bullets(item.actions)}`, context), ['prevention', 'communication']),
    pageParagraph(4, fill(`Monitoring: ${item.plan} ${kpiSentence(item)} ${item.result}`, context), ['planning', 'analysis']),
  ];
  const { narrative, anchors } = assemble(paragraphs, context.isCompact);
  return {
    title: `${productKind}: ${item.topic}`,
    narrative,
    details: { type: 'work-product', productKind },
    label: 'proactive',
    legislation: legislationNames(item.legislation),
    tags: [...item.tags, 'work product'],
    rootCause: fill(item.rootCause, context),
    prevention: fill(item.prevention, context),
    anchors,
  };
}

// ---------------------------------------------------------------------------------------------
// Questions and answers (locators are question numbers)

function questionAnswer(context: ItemContext): BuiltItem {
  const item = context.reactive;
  const setting = context.setting;
  const pairs: Array<[string, string, Theme[]]> = [
    ['Which rules govern how you handle complaints, and how do they shape what you do?', setting.rulesAnswer, ['rules']],
    [
      `Talk me through ${setting.organisation}'s complaints procedure from the moment a customer says they are unhappy.`,
      fill(
        `I treat any expression of dissatisfaction as a complaint, whether or not the customer uses the word. I log it on {system} straight away, acknowledge it, and investigate. If the fix or the redress is outside my authority I escalate to {leader}. I agree a resolution with the customer, confirm it in writing, follow up to check it worked, and close the case. On the record I write the concern in the customer's own words, the category, the root cause and what we did, but only the personal data the case needs.`,
        context,
      ),
      ['procedure', 'recording'],
    ],
    [
      'Which complaint-handling model do you use, and why?',
      `Mostly ${MODEL_TITLES[context.model]}. It makes sure I deal with how the customer feels before I try to fix anything, which is where complaints go wrong if you rush. I adapt it: on a web chat, for example, I acknowledge in writing before asking questions.`,
      ['model'],
    ],
    [
      'How do you stop the same problem happening again?',
      fill(`I record the root cause, not just the fix, so it shows in the trend report. For example, when a customer complained about ${item.about}, the cause was this: ${item.rootCause} ${item.prevention}`, context),
      ['prevention'],
    ],
    [
      'What is the difference between an internal procedure and external legislation?',
      `Legislation and regulation, such as ${LEGISLATION[item.legislation[0] ?? 'dpa']}, apply to every organisation they cover and are enforced from outside. Our own procedure is how ${setting.organisation} chooses to meet them, and it can go further than the law. If the two ever seemed to conflict, the law wins and I would raise it with my team leader.`,
      ['rules'],
    ],
  ];
  const kept = context.isCompact ? pairs.slice(0, 1) : pairs;
  const narrative = kept.map(([question, answer], index) => `Q${index + 1}. ${question}\n\nA${index + 1}. ${answer}`).join('\n\n');
  const anchors: Anchor[] = kept.map(([, , themes], index) => ({ themes, locator: { kind: 'note', text: `Question ${index + 1}` }, where: `My answer to question ${index + 1}` }));
  return {
    title: `Assessor questions: rules, procedures and models at ${setting.organisation}`,
    narrative,
    details: { type: 'question-answer', askedBy: context.assessor },
    label: 'both',
    legislation: legislationNames([...new Set<LegislationKey>([...item.legislation, ...(setting.key === 'building-society' ? (['pra', 'fsma'] as const) : [])])]),
    tags: ['knowledge', 'rules', 'procedure'],
    // Answer 4 works through a real case's root cause and prevention, so the fields carry them too.
    ...(context.isCompact ? {} : { rootCause: fill(item.rootCause, context), prevention: fill(item.prevention, context) }),
    anchors,
  };
}

// ---------------------------------------------------------------------------------------------

/** Builds one evidence item of the context's type and variant. */
export function buildItem(context: ItemContext): BuiltItem {
  const built = buildFull(context);
  return context.isCompact ? compacted(built) : built;
}

/** The first sentence of a text (all of it if it has only one), never cut inside a quotation. */
function firstSentence(text: string): string {
  let isQuoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (char === '"') isQuoted = !isQuoted;
    if (!isQuoted && /[.!?]/.test(char) && /^\s+[A-Z]/.test(text.slice(index + 1, index + 3))) return text.slice(0, index + 1);
  }
  return text;
}

/**
 * Very large demo portfolios must still fit a package manifest (at most 64 MiB), so their
 * later items keep only the first sentence of each long field.
 */
function compacted(built: BuiltItem): BuiltItem {
  const details = built.details;
  let brief: EvidenceDetails = details;
  if (details.type === 'reflective-account') {
    brief = {
      ...details,
      stages: details.stages.map((stage) => ({ stage: stage.stage, text: firstSentence(stage.text) })),
      ...(details.wentWell !== undefined ? { wentWell: firstSentence(details.wentWell) } : {}),
      ...(details.doDifferently !== undefined ? { doDifferently: firstSentence(details.doDifferently) } : {}),
      ...(details.preventRecurrence !== undefined ? { preventRecurrence: firstSentence(details.preventRecurrence) } : {}),
    };
  } else if (details.type === 'call-recording') {
    brief = { ...details, consent: firstSentence(details.consent) };
  }
  return {
    ...built,
    details: brief,
    legislation: built.legislation.slice(0, 2),
    ...(built.rootCause !== undefined ? { rootCause: firstSentence(built.rootCause) } : {}),
    ...(built.prevention !== undefined ? { prevention: firstSentence(built.prevention) } : {}),
  };
}

function buildFull(context: ItemContext): BuiltItem {
  switch (context.type) {
    case 'reflective-account':
      return context.variant === 'reactive' ? reactiveReflective(context) : improvementReflective(context);
    case 'witness-testimony':
      return witnessTestimony(context);
    case 'observation':
      return observation(context);
    case 'professional-discussion':
      return professionalDiscussion(context);
    case 'case-log':
      return caseLog(context);
    case 'call-recording':
      return callRecording(context);
    case 'customer-feedback':
      return customerFeedback(context);
    case 'mystery-shopping':
      return mysteryShopping(context);
    case 'work-product':
      return workProduct(context);
    case 'question-answer':
      return questionAnswer(context);
  }
}

/** The variant an evidence type is written in; reflective accounts can be either. */
export function defaultVariant(type: EvidenceType): StoryVariant {
  return ['professional-discussion', 'customer-feedback', 'mystery-shopping', 'work-product'].includes(type) ? 'improvement' : 'reactive';
}

/** The justification a learner writes for a mapping, naming the place and what it shows. */
export function justify(theme: Theme, anchor: Anchor | undefined, context: ItemContext, markingPointLabel: string): string {
  const where = anchor?.where ?? 'This item';
  const item = context.reactive;
  const project = context.improvement;
  const c = context.customer;
  if (context.type === 'question-answer') {
    const knowledge: Partial<Record<Theme, string>> = {
      procedure: `how I follow ${context.setting.policy}: logging a complaint, acting on it and escalating when it is outside my authority`,
      recording: `what I record about a complaint on ${context.setting.system}, and why I keep personal data to what the case needs`,
      model: 'the complaint-handling model I use, why, and how I adapt it to the channel',
      rules: `the rules that govern complaint handling at ${context.setting.organisation} and how they shape what I do`,
      prevention: 'how I make sure the root cause is recorded and fixed so the problem does not come back',
    };
    const what = knowledge[theme];
    if (what !== undefined) return `${where} explains ${what}.`;
  }
  switch (theme) {
    case 'cues':
      return `${where} shows me picking up ${c}'s early signs of dissatisfaction (${item.cueShort}) and changing my approach before it escalated.`;
    case 'model':
      return `${where} shows me working through each stage of ${MODEL_TITLES[context.model]} with ${c}.`;
    case 'defuse':
      return `${where} shows me acknowledging ${c}'s frustration calmly, showing empathy and explaining the steps to a resolution we agreed.`;
    case 'listening':
      return `${where} shows me paraphrasing ${c}'s concern back and checking I had understood it before moving to a solution.`;
    case 'closure':
      return `${where} follows case ${context.caseRef} from first contact to closure, including the follow-up confirming the outcome with ${c}.`;
    case 'recording':
      return `${where} shows what I recorded for case ${context.caseRef} on ${context.setting.system}, keeping personal data to what the case needed.`;
    case 'procedure':
      return `${where} shows me following ${context.setting.policy} for case ${context.caseRef}: logging it, acting on it and escalating where I needed approval.`;
    case 'planning':
      return `${where} sets out how I planned the monitoring of ${project.topic}: the objective, the sample and the schedule.`;
    case 'methods':
      return `${where} explains the monitoring methods I used (${project.methods}) and why I chose them.`;
    case 'analysis':
      return `${where} shows the results I recorded and analysed against our measure, ${lowerFirst(project.kpi.name)}.`;
    case 'communication':
      return `${where} shows how I shared the findings on ${project.topic} with ${project.stakeholders} and the action plan that followed.`;
    case 'solutions':
      return `${where} sets out the solution I proposed for ${project.topic} and why it gives customers a better outcome.`;
    case 'prevention':
      return context.variant === 'reactive'
        ? `${where} records what was done so the problem does not happen again: ${item.preventionShort}.`
        : `${where} records the actions taken so the problem with ${project.topic} does not come back: ${project.preventionShort}.`;
    case 'review':
      return context.variant === 'reactive'
        ? `${where} shows me tagging the root cause so repeated cases show up in the trend report.`
        : `${where} shows how I reviewed ${project.dataSource} to find the repeated problem with ${project.topic}.`;
    case 'rules':
      return `${where} links the rules that applied (${(context.variant === 'reactive' ? item.legislation : project.legislation).map((key) => LEGISLATION[key]).slice(0, 2).join('; ')}) to what I did.`;
    case 'general':
      return `${where} is relevant to "${markingPointLabel}": it describes the work in context.`;
  }
}
