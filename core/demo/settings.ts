/**
 * The workplaces, people and cases the demo portfolio is written about. They follow the seed
 * documents' settings: a building society contact centre, a telecoms retailer and an
 * insurance claims team. Every organisation and person is invented; customers are only ever
 * anonymised ("Mrs C", "Customer A"); witness contact details are internal extensions.
 *
 * Texts use placeholders filled per item: {c} customer, {ref} case reference, {org}
 * organisation, {team} team, {system} complaints system, {leader} the learner's team leader.
 */

/** Legislation and regulation, as the learner would name them. */
export const LEGISLATION = {
  disp: 'FCA Handbook DISP (complaints handling rules)',
  fsma: 'Financial Services and Markets Act 2000',
  pra: 'PRA Rulebook (Prudential Regulation Authority)',
  consumerDuty: 'FCA Consumer Duty (PRIN 2A)',
  icobs: 'FCA Handbook ICOBS 8 (claims handling)',
  cra: 'Consumer Rights Act 2015',
  dpa: 'Data Protection Act 2018',
  gdpr: 'UK GDPR',
  equality: 'Equality Act 2010',
  ofcom: 'Ofcom General Conditions of Entitlement',
} as const;
export type LegislationKey = keyof typeof LEGISLATION;

export interface DemoWitness {
  name: string;
  role: string;
  /** Their relationship to the learner, as the learner records it. */
  relationship: string;
  /** How the witness describes knowing the learner, in their own words ({learner} is filled in). */
  knows: string;
  contact: string;
}

/** A complaint or problem the learner dealt with as it happened. */
export interface ReactiveCase {
  key: string;
  title: string;
  /** What the complaint was about, as a phrase: "a cash ISA transfer that was weeks late". */
  about: string;
  /** Short category for complaint logs and charts. */
  category: string;
  honorific: 'Mrs' | 'Mr' | 'Ms' | 'Customer';
  channel: 'telephone' | 'web chat' | 'in store' | 'in branch';
  issue: string;
  impact: string;
  cue: string;
  cueShort: string;
  paraphrase: string;
  empathy: string;
  apology: string;
  action: string;
  resolution: string;
  followUp: string;
  rootCause: string;
  prevention: string;
  preventionShort: string;
  rulesNote: string;
  wentWell: string;
  doDifferently: string;
  legislation: LegislationKey[];
  tags: string[];
}

/** A key performance indicator with a before/after pair and a target. */
export interface Kpi {
  name: string;
  unit: '%' | 'days' | 'per month';
  before: number;
  after: number;
  target: number;
  /** True when a lower figure is better (e.g. complaints per month). */
  isLowerBetter: boolean;
}

/** A monitoring or improvement project: finding a repeated problem and preventing it. */
export interface Improvement {
  key: string;
  title: string;
  category: string;
  topic: string;
  dataSource: string;
  trigger: string;
  findings: string[];
  analysis: string;
  rootCause: string;
  options: string[];
  proposal: string;
  actions: string[];
  prevention: string;
  preventionShort: string;
  stakeholders: string;
  communicated: string;
  plan: string;
  methods: string;
  methodsWhy: string;
  kpi: Kpi;
  result: string;
  rulesNote: string;
  legislation: LegislationKey[];
  tags: string[];
}

export interface DemoSetting {
  key: 'building-society' | 'telecoms' | 'insurance';
  organisation: string;
  team: string;
  site: string;
  system: string;
  policy: string;
  caseRefPrefix: string;
  learnerRole: string;
  learners: string[];
  witnesses: DemoWitness[];
  surveyName: string;
  shopperTeam: string;
  categories: string[];
  reactive: ReactiveCase[];
  improvements: Improvement[];
  /** A knowledge answer on the rules, in the learner's words. */
  rulesAnswer: string;
}

export const CENTRE = { name: 'Thameside Training Partnership', number: 'C70412' } as const;
export const ASSESSORS = ['Helen Marsh', 'Graham Whitlock', 'Anita Desai'] as const;
export const QUALITY_ASSURER = 'Robert Kerr';

const BUILDING_SOCIETY: DemoSetting = {
  key: 'building-society',
  organisation: 'Fenmoor Building Society',
  team: 'Member Services contact centre',
  site: 'Harrogate',
  system: 'the MemberView complaints register',
  policy: "Fenmoor's Complaints Handling Procedure (version 4.2)",
  caseRefPrefix: 'FBS',
  learnerRole: 'Member Services Adviser',
  learners: ['Priya Shah', 'Daniel Okafor', 'Megan Hughes', 'Tom Brennan'],
  witnesses: [
    { name: 'Sarah Whitfield', role: 'Team Leader, Member Services', relationship: 'Line manager for 14 months; sits on the same bank of desks', knows: "I have been {learner}'s line manager for over a year and sit on the same bank of desks", contact: 'Ext. 4412' },
    { name: 'Imran Qureshi', role: 'Complaints Quality Coach', relationship: 'Reviews my complaint files each month and ran my call-listening sessions', knows: "I review {learner}'s complaint files each month and ran their call-listening sessions", contact: 'Ext. 4470' },
    { name: 'Joanne Pike', role: 'Savings Operations Manager', relationship: 'Owner of the ISA transfer process; worked with me on the transfer improvement', knows: "I own the ISA transfer process and worked with {learner} on improving it", contact: 'Ext. 4305' },
  ],
  surveyName: 'post-call text message survey',
  shopperTeam: 'the Member Experience mystery shopping panel',
  categories: ['ISA transfers', 'Mortgage statements', 'Account opening', 'Bereavement', 'Card and payments', 'Accessibility'],
  rulesAnswer:
    "The FCA sets the conduct rules we follow, and its DISP rules say how complaints must be handled: we acknowledge promptly, investigate fairly, and send a final response within eight weeks that tells the member about their right to go to the Financial Ombudsman Service. If we resolve a complaint by the end of the third business day after it was received, we can send a summary resolution communication instead. The Financial Services and Markets Act 2000 is the law that gives the FCA and the PRA their powers; the PRA looks after the society's financial soundness rather than how we treat members day to day.",
  reactive: [
    {
      key: 'isa-transfer',
      title: 'Delayed cash ISA transfer',
      about: 'a cash ISA transfer that was weeks late',
      category: 'ISA transfers',
      honorific: 'Mrs',
      channel: 'telephone',
      issue: '{c} had asked us to transfer her cash ISA from another provider 24 working days earlier, and the money still had not arrived.',
      impact: 'She was anxious that the money had gone missing and annoyed that she was losing the better rate she had moved for.',
      cue: "She repeated the date of her request three times, her answers became clipped, and when I mentioned the usual timescale she said \"I've been told that before\".",
      cueShort: 'repeating the date three times and clipped answers',
      paraphrase: "So you asked for the transfer over a month ago, you've had no update since, and you're worried the money is lost and that you're missing out on our rate. Have I got that right?",
      empathy: 'I told her I could understand why she was worried: it was her savings and she had heard nothing for over a month.',
      apology: 'I apologised that we had not kept her updated and that the transfer had taken longer than the 15 working days we aim for.',
      action:
        "I checked the transfer tracker and found the request had been posted to the other provider's old ISA processing address and returned to us unopened. While she held, I rang the other provider's ISA team, confirmed the electronic transfer route and resubmitted the request that afternoon.",
      resolution: 'We agreed that I would ring her on the day the funds arrived, that interest would be backdated to the date the money should have reached us, and that we would pay £40 for the distress and inconvenience.',
      followUp: 'The funds arrived four working days later. I rang her, confirmed the balance and the backdated interest, sent the final response letter with her Financial Ombudsman Service referral rights, and closed {ref} on the register.',
      rootCause: "The table of other providers' ISA addresses in our transfer system had not been updated after that provider moved its processing, and nothing flagged transfers outstanding beyond 15 working days.",
      prevention: 'I asked for the address table to be checked monthly against the industry list, and suggested a daily report of transfers outstanding for more than 10 working days, which {leader} now runs each morning.',
      preventionShort: 'a monthly address check and a daily report of transfers over 10 working days',
      rulesNote:
        "Because she was unhappy with our service, this was a complaint under {org}'s procedure, which follows the FCA's DISP rules: the acknowledgement went the same day and the final response well within eight weeks, with her right to refer to the Financial Ombudsman Service. I completed security checks before discussing the account, as the Data Protection Act 2018 requires.",
      wentWell: 'Calling the other provider while she held meant she heard the fix being made rather than another promise.',
      doDifferently: 'I would check the transfer tracker before the call rather than during it, so she was not left on hold while I searched.',
      legislation: ['disp', 'fsma', 'dpa', 'gdpr'],
      tags: ['ISA', 'transfer', 'complaint'],
    },
    {
      key: 'mortgage-statement',
      title: 'Missing overpayment on an annual mortgage statement',
      about: 'a mortgage overpayment missing from an annual statement',
      category: 'Mortgage statements',
      honorific: 'Mr',
      channel: 'telephone',
      issue: '{c} rang because his annual mortgage statement did not show a £1,200 overpayment he had made earlier in the year, and he was convinced the society had lost it.',
      impact: 'He was frustrated and said he no longer trusted the statement to be right about anything else.',
      cue: 'His voice got louder each time I asked a security question, and he said "this is typical" twice before I had checked anything.',
      cueShort: 'a rising voice and "this is typical" before any checks',
      paraphrase: 'So the statement leaves out the £1,200 you paid earlier in the year, and you want to know where that money went and whether your balance is right. Is that it?',
      empathy: 'I said it was worrying to see a large payment missing and that I would want answers too.',
      apology: 'I apologised that the statement had caused him this worry.',
      action:
        'I found the overpayment had been applied to the second part of his mortgage, a tracker sub-account, because his bank transfer quoted the account number without the two-digit suffix. I asked the mortgage servicing team to move it to the part he had intended and to recalculate the interest.',
      resolution: 'He agreed to the correction, a reissued statement and a refund of the £6.14 extra interest he had been charged.',
      followUp: 'I rang him when the corrected statement was issued, talked him through the new balance, sent the final response letter and closed {ref}.',
      rootCause: 'Overpayments sent without the sub-account suffix default to the first sub-account, and neither the website nor our letters told members to quote the suffix.',
      prevention: 'The overpayment guidance on the website and in annual letters now asks for the full account number with its suffix, and the servicing team checks any overpayment to a multi-part mortgage before applying it.',
      preventionShort: 'clearer overpayment guidance and a check step for multi-part mortgages',
      rulesNote:
        'The FCA DISP rules meant I logged this as a complaint even though the money was not lost, because he had expressed dissatisfaction. The Consumer Duty expects us to give members information they can understand, which is why I asked for the guidance to be changed.',
      wentWell: 'Staying calm while he was angry meant he stayed on the line long enough for me to find the payment.',
      doDifferently: 'I would explain why I needed the security questions before asking them; he heard them as a delay.',
      legislation: ['disp', 'consumerDuty', 'dpa'],
      tags: ['mortgage', 'statement', 'complaint'],
    },
    {
      key: 'large-print',
      title: 'Large-print statements not sent',
      about: 'large-print statements that were never sent',
      category: 'Accessibility',
      honorific: 'Mr',
      channel: 'in branch',
      issue: '{c}, who is partially sighted, had asked twice for his statements in large print, but his latest savings statement arrived in standard print.',
      impact: 'He had to ask a neighbour to read it to him, which he found embarrassing, and he felt he was not being listened to.',
      cue: 'He held the statement very close, sighed, and said "third time of asking" quietly before he had sat down.',
      cueShort: 'a sigh and "third time of asking" on arrival',
      paraphrase: "You've asked us twice for large print, this statement still came in small print, and you had to rely on someone else to read your own finances. Is that right?",
      empathy: 'I told him I understood that having to ask a neighbour to read his finances was upsetting and that he should not have had to.',
      apology: 'I apologised sincerely that we had not done what he had asked, twice.',
      action:
        "I found both requests had been typed into the free-text notes rather than set as a correspondence preference, so the statement run ignored them. I set the large-print preference, ordered a large-print copy of the statement, and noted on the record that he prefers a phone call to explain anything complicated.",
      resolution: 'He agreed that we would post the large-print copy within two working days and that I would ring him to confirm it had arrived.',
      followUp: 'I rang on the third day; the copy had arrived and was easy to read. I sent the final response in large print and closed {ref}.',
      rootCause: 'Format requests were being typed into notes, which the statement run never reads, instead of the correspondence preference flag.',
      prevention: 'I searched the notes for "large print" and "braille" and found 17 members with the same problem; their flags were set, and the request process now says to use the flag only.',
      preventionShort: 'preference flags set for 17 members and the request process corrected',
      rulesNote:
        'The Equality Act 2010 requires us to make reasonable adjustments for disabled members, so sending large print is a duty, not a favour. The Data Protection Act 2018 meant I only recorded the adjustment he needed, not details of his condition.',
      wentWell: 'Looking for other members affected turned one complaint into a fix for 17 people.',
      doDifferently: 'I would offer to read through the statement with him there and then, rather than only promising a new copy.',
      legislation: ['equality', 'disp', 'dpa'],
      tags: ['accessibility', 'reasonable adjustments', 'complaint'],
    },
    {
      key: 'bereavement',
      title: 'Bereavement: death certificate requested twice',
      about: 'being asked twice for a death certificate',
      category: 'Bereavement',
      honorific: 'Ms',
      channel: 'telephone',
      issue: "{c} was settling her late father's savings accounts and had been asked by letter to send the death certificate again, three weeks after she had brought the original into the branch.",
      impact: 'She was grieving, close to tears, and said she could not face explaining everything a second time.',
      cue: 'She went quiet for long pauses, then said "I just want this finished" in a flat voice.',
      cueShort: 'long pauses and a flat "I just want this finished"',
      paraphrase: 'So you brought the certificate in three weeks ago, you have now had a letter asking for it again, and you want to close your dad\'s accounts without going over it all again. Have I understood?',
      empathy: "I said I was very sorry for her loss and that she should not have had to think about paperwork again at a time like this.",
      apology: 'I apologised that our letter had asked her for something she had already given us.',
      action:
        "The branch had scanned the certificate but filed it against her own membership number, not her father's. I moved the scan to the right record, confirmed with the bereavement team that nothing else was needed, and asked them to release the funds that day.",
      resolution: 'She agreed to the funds being paid to her by faster payment that afternoon and to me being her single point of contact until the accounts closed.',
      followUp: 'I rang the next morning to confirm the payment had arrived, sent the closing letter, and closed {ref} with her agreement.',
      rootCause: 'Bereavement documents scanned in branch were indexed by the member present rather than the deceased member.',
      prevention: 'The branch scanning step now asks for the deceased member\'s number first, and the bereavement team checks for misfiled documents before sending any request letter.',
      preventionShort: 'scanning by the deceased member\'s number and a check before any request letter',
      rulesNote:
        "The FCA expects firms to take particular care with customers in vulnerable circumstances, and bereavement is one. Under {org}'s procedure I logged the complaint, and the Data Protection Act 2018 shaped what I could discuss: she was the executor, which I confirmed before going into the accounts.",
      wentWell: 'Becoming her single point of contact meant she did not have to tell her story again.',
      doDifferently: 'I would check the bereavement team had everything before calling her, so that the first call ended with a payment date.',
      legislation: ['disp', 'consumerDuty', 'dpa', 'gdpr'],
      tags: ['bereavement', 'vulnerable customer', 'complaint'],
    },
  ],
  improvements: [
    {
      key: 'isa-trend',
      title: 'ISA transfer delays: trend review',
      category: 'ISA transfers',
      topic: 'ISA transfer delays',
      dataSource: 'the complaints register for the last three months and the transfer tracker',
      trigger: 'After handling several ISA transfer complaints in one week, I asked {leader} whether I could look at the complaints register for the last three months to see whether they were a pattern or bad luck.',
      findings: [
        '142 complaints were logged in the period; 37 (26%) were about ISA transfers.',
        '21 of those 37 involved four providers that had changed their processing address in the last year.',
        'The average transfer took 19 working days against our 15-day promise.',
        'Only 3 of the 37 members had been told about the delay before they rang us.',
      ],
      analysis: 'Sorting the transfer complaints by provider showed the delays clustered on providers with changed addresses, and the tracker showed requests sent by post to old addresses being returned after two to three weeks.',
      rootCause: 'An out-of-date provider address table, and no alert for transfers running late.',
      options: [
        'Retrain advisers on transfer timescales (cheap, but does not stop the delay).',
        'Check the provider address table monthly against the industry list.',
        'Run a daily report of transfers outstanding for more than 10 working days and text members an update.',
      ],
      proposal: 'I recommended the second and third options together: the address check removes the main cause, and the daily report catches anything else before the member has to chase us. Both use systems we already have, so they could start within a fortnight.',
      actions: [
        'Provider address table checked and corrected (four addresses updated).',
        'Daily report of transfers over 10 working days set up and owned by the team leader.',
        'Text message template agreed for members whose transfer is running late.',
        'Team briefing on the new report and template.',
      ],
      prevention: 'A monthly address check and a daily late-transfer report with a text update to members.',
      preventionShort: 'a monthly address check and a daily late-transfer report',
      stakeholders: 'my team leader, the Savings Operations Manager and the monthly complaints forum',
      communicated: 'I presented the findings to {leader} and the Savings Operations Manager with a one-page summary, then to the monthly complaints forum, which agreed the action plan and asked for a progress update after six weeks.',
      plan: 'I set the objective (find out why transfer complaints were rising), chose the sample (every transfer complaint from the last three months, plus 40 transfers without complaints for comparison), and scheduled the review over two weeks of quiet afternoons agreed with {leader}.',
      methods: 'complaint log analysis, the transfer tracker and call listening',
      methodsWhy: 'The complaint log showed what members complained about; the tracker showed where each transfer had stalled; listening to six transfer calls showed how members felt about the waiting, which the numbers could not.',
      kpi: { name: 'ISA transfers completed within 15 working days', unit: '%', before: 71, after: 93, target: 90, isLowerBetter: false },
      result: 'In the six weeks after the changes, ISA transfer complaints fell from about 12 a month to 4, and transfers completed within 15 working days rose from 71% to 93%, above the 90% target.',
      rulesNote: 'The FCA DISP rules require firms to analyse complaint data to find recurring problems and fix their root causes, so this review was part of meeting the rules as well as helping members. The Consumer Duty expects us to avoid foreseeable harm, which a lost transfer is.',
      legislation: ['disp', 'consumerDuty', 'fsma'],
      tags: ['ISA', 'root cause analysis', 'trend analysis'],
    },
    {
      key: 'account-opening',
      title: 'Online account opening: feedback review',
      category: 'Account opening',
      topic: 'online account opening failures',
      dataSource: 'the post-call text message survey and web chat transcripts for the last month',
      trigger: 'Survey scores for account opening calls were the lowest of any call type last month, so {leader} asked me to find out why.',
      findings: [
        '312 survey responses; account opening scored 3.1 out of 5 against 4.3 for all calls.',
        '58 comments mentioned identity checks failing online.',
        '41 of those members had moved house in the last six months.',
      ],
      analysis: 'The identity check matches the address on the credit file; members who had recently moved failed it and were told only to "visit a branch", which many could not easily do.',
      rootCause: 'The online journey offered no alternative proof of address when the automatic check failed.',
      options: [
        'Let members upload a recent utility bill or council tax letter when the check fails.',
        'Offer a video call identity check.',
        'Improve the failure message so members know what to do next.',
      ],
      proposal: 'I proposed the upload option with a clearer failure message: it is the smallest change that lets most members finish opening their account the same day, and the document checks already exist in branch.',
      actions: [
        'Upload route added to the online journey (delivered by the digital team within six weeks).',
        'Failure message rewritten in plain English.',
        'Advisers briefed on helping members through the upload on the phone.',
      ],
      prevention: 'An upload route for proof of address and a plain-English failure message.',
      preventionShort: 'an upload route and a clearer failure message',
      stakeholders: 'my team leader, the digital team and the branch network manager',
      communicated: 'I shared a short report with {leader}, the digital team and the branch network manager, and explained the change to my team at the Monday huddle.',
      plan: 'The objective was to explain the low scores; the sample was every survey response for account opening that month plus 30 web chats; the work was scheduled over one week, with findings due at the month-end team meeting.',
      methods: 'the customer survey and web chat transcript review',
      methodsWhy: 'The survey gave a score I could compare with other call types; the chat transcripts showed the exact point where members gave up.',
      kpi: { name: 'Account opening satisfaction', unit: '%', before: 62, after: 81, target: 80, isLowerBetter: false },
      result: 'Account opening satisfaction rose from 62% to 81% satisfied in the two months after the change.',
      rulesNote: 'Money laundering rules still require us to verify identity, so the improvement had to keep a proper check; the upload route does that while removing the barrier. UK GDPR meant uploaded documents are deleted once verified.',
      legislation: ['consumerDuty', 'gdpr', 'dpa'],
      tags: ['account opening', 'customer feedback', 'service improvement'],
    },
    {
      key: 'complaint-call-monitoring',
      title: 'Monitoring plan for call handling quality',
      category: 'Card and payments',
      topic: 'call handling quality',
      dataSource: 'call listening scores, mystery shopping results and the complaints register',
      trigger: 'As part of my development, {leader} asked me to help plan the quarter\'s quality monitoring for complaint calls.',
      findings: [
        '60 complaint calls were sampled across 12 advisers (5 each).',
        'Paraphrasing the member\'s concern was missed on 23% of calls.',
        'Acknowledgements were sent within one working day on 96% of complaints.',
      ],
      analysis: 'The calls where paraphrasing was missed were twice as likely to need a second call, which suggests members did not feel understood.',
      rootCause: 'The call guide listed the steps but did not prompt advisers to summarise back before moving to a solution.',
      options: ['Add a summarising prompt to the call guide.', 'Run short coaching sessions using anonymised call clips.'],
      proposal: 'I suggested both: the prompt costs nothing and coaching with real clips shows what good sounds like.',
      actions: ['Summarising prompt added to the call guide.', 'Two 20-minute coaching sessions run with anonymised clips.', 'Calibration session held so team leaders score calls the same way.'],
      prevention: 'A summarising prompt in the call guide and coaching with real clips.',
      preventionShort: 'a call-guide prompt and coaching with real clips',
      stakeholders: 'the team leaders and the complaints quality coach',
      communicated: 'I presented the results at the team leaders\' meeting and agreed an action plan with dates and owners.',
      plan: 'The objectives were to check complaint calls against the call guide and the DISP timescales. I chose a sample of five calls per adviser, spread across mornings, afternoons and Saturdays, and scheduled the listening over four weeks, with a calibration session first so every scorer used the same standard.',
      methods: 'call listening, mystery shopping and complaint file checks',
      methodsWhy: 'Call listening shows how advisers speak to members; mystery shopping tests the parts of the journey we cannot hear on recordings; file checks show whether the record matches the call.',
      kpi: { name: 'Complaint calls meeting the call standard', unit: '%', before: 74, after: 88, target: 85, isLowerBetter: false },
      result: 'The next month\'s sample met the call standard on 88% of calls, up from 74%.',
      rulesNote: 'DISP requires complaints to be investigated competently and fairly, and recordings are kept and used under our call recording policy and UK GDPR, so only anonymised clips were used in coaching.',
      legislation: ['disp', 'gdpr', 'dpa'],
      tags: ['monitoring', 'call listening', 'quality'],
    },
  ],
};

const TELECOMS: DemoSetting = {
  key: 'telecoms',
  organisation: 'Larkfield Mobile',
  team: 'Cardiff Queen Street store and telephone sales team',
  site: 'Cardiff',
  system: 'the CaseTrack customer case system',
  policy: "Larkfield's Customer Complaints Code",
  caseRefPrefix: 'LKM',
  learnerRole: 'Senior Customer Adviser',
  learners: ['Rhys Morgan', 'Chloe Evans', 'Aisha Begum', 'Liam Doyle'],
  witnesses: [
    { name: 'Gareth Pryce', role: 'Store Manager', relationship: 'My line manager; works the shop floor with me most days', knows: "I am {learner}'s line manager and work the shop floor with them most days", contact: 'Ext. 2210' },
    { name: 'Nia Roberts', role: 'Assistant Store Manager', relationship: 'Supervises my shifts and countersigns my complaint logs', knows: "I supervise {learner}'s shifts and countersign their complaint logs", contact: 'Ext. 2214' },
    { name: 'Kofi Mensah', role: 'Area Customer Experience Lead', relationship: 'Runs mystery shopping for the area and reviewed my improvement proposal', knows: "I run mystery shopping for the area and reviewed {learner}'s improvement proposal", contact: 'Ext. 3091' },
  ],
  surveyName: 'post-visit Net Promoter survey',
  shopperTeam: 'the area mystery shopping programme',
  categories: ['Bills and charges', 'Repairs', 'Broadband installs', 'Switching', 'Upgrades', 'Network'],
  rulesAnswer:
    "Ofcom's General Conditions set the rules for phone and broadband providers: we must have a complaints code that is easy to find and use, and if a complaint is not resolved after eight weeks the customer can go to alternative dispute resolution. The switching rules mean a customer who texts for a switching code must get it straight away. The Consumer Rights Act 2015 says services must be carried out with reasonable care and skill, and goods such as handsets must be of satisfactory quality, with repair or replacement if they are not.",
  reactive: [
    {
      key: 'roaming-bill',
      title: 'Roaming charges after an upgrade',
      about: 'roaming charges after an upgrade',
      category: 'Bills and charges',
      honorific: 'Mr',
      channel: 'in store',
      issue: '{c} came into the store with a bill of £386 after a week in Spain, although he had been told at his upgrade that his plan included EU roaming.',
      impact: 'He felt he had been mis-sold and said he would leave for another network.',
      cue: 'He came straight to the counter past the queue, held his phone up to show the bill, and his arms stayed folded while I greeted him.',
      cueShort: 'folded arms and holding the bill up at the counter',
      paraphrase: 'So you were told at your upgrade that roaming was included, you used your phone normally in Spain, and now you have been charged £386 for it. Is that right?',
      empathy: 'I said that a bill that size with no warning would worry anyone, especially after being told roaming was covered.',
      apology: 'I apologised for the shock and said I would find out exactly what had happened before he left the store.',
      action:
        'His account showed the roaming add-on from his old plan had not carried over when the upgrade was processed on the till. I checked the upgrade notes, which confirmed he had asked about roaming, and raised a billing adjustment with the store manager\'s approval.',
      resolution: 'We credited £352 of roaming charges, added the roaming add-on from that day, and he agreed to stay on his plan.',
      followUp: 'I rang him after his next bill to check the credit showed, which it did, and closed {ref} on CaseTrack with his confirmation.',
      rootCause: 'The upgrade journey on the till does not copy add-ons from the old plan, and the upgrade checklist did not ask about them.',
      prevention: 'The upgrade checklist now includes "confirm add-ons carried over", and the area team has raised a change request to copy add-ons automatically.',
      preventionShort: 'a checklist step and a system change request',
      rulesNote:
        "Under the Consumer Rights Act 2015, what we told him about roaming at the upgrade became part of the contract, so he was entitled to it. Ofcom's General Conditions require us to handle complaints under our published code, so I logged it on CaseTrack and gave him a copy of the code.",
      wentWell: 'Finding the upgrade note that proved what he had been told ended the argument about who was right.',
      doDifferently: 'I would invite him to sit at the consultation desk straight away rather than talk across a busy counter.',
      legislation: ['cra', 'ofcom', 'dpa'],
      tags: ['billing', 'upgrade', 'complaint'],
    },
    {
      key: 'handset-repair',
      title: 'Handset repair three weeks overdue',
      about: 'a handset repair three weeks overdue',
      category: 'Repairs',
      honorific: 'Ms',
      channel: 'telephone',
      issue: '{c} had handed her phone in for a screen repair three weeks earlier and been promised it back within seven days; she had heard nothing since.',
      impact: 'She runs a small business from her phone and had been using an old handset that could not run her card reader app.',
      cue: 'She said "I\'ll try one more time" as soon as I answered, and kept asking "so when?" while I was still checking.',
      cueShort: '"I\'ll try one more time" and repeated "so when?"',
      paraphrase: 'Your phone went in three weeks ago for a seven-day repair, nobody has told you where it is, and without it you cannot take card payments. Have I got that right?',
      empathy: 'I told her I understood how stressful it is to lose the phone your business depends on.',
      apology: 'I apologised that we had not kept our promise or kept her informed.',
      action:
        'The repair record showed the phone had never been collected by the courier because the booking had not been confirmed. I booked an urgent collection, and because the Consumer Rights Act allows a replacement when a repair takes too long, I asked the store manager to authorise a replacement handset instead.',
      resolution: 'She agreed to collect a replacement handset from the store the next morning, and we set up the card reader app with her there.',
      followUp: 'I called her a week later to check the new phone and app were working and closed {ref} with her agreement.',
      rootCause: 'Courier bookings were not being confirmed, and no one checked repairs that had not moved for several days.',
      prevention: 'The store now checks the repair tracker every morning for any repair with no movement for two days.',
      preventionShort: 'a daily repair tracker check',
      rulesNote:
        'The Consumer Rights Act 2015 says a repair must be done within a reasonable time and without significant inconvenience; after three weeks she was entitled to a replacement. I noted only what was needed on CaseTrack, in line with the Data Protection Act 2018.',
      wentWell: 'Offering the replacement rather than another repair date solved her real problem, which was her business.',
      doDifferently: 'I would have checked whether she had a working phone for her business at the start of the call and arranged a loan phone sooner.',
      legislation: ['cra', 'ofcom', 'dpa'],
      tags: ['repair', 'Consumer Rights Act', 'complaint'],
    },
    {
      key: 'broadband-install',
      title: 'Two missed broadband installation appointments',
      about: 'two missed broadband installation appointments',
      category: 'Broadband installs',
      honorific: 'Customer',
      channel: 'web chat',
      issue: '{c} contacted us on web chat after the engineer failed to turn up for a broadband installation for the second time.',
      impact: 'They had taken two days off work unpaid and were working from home without a connection.',
      cue: 'Their messages got shorter and moved to capitals ("SECOND TIME"), and they asked for a manager twice.',
      cueShort: 'shorter messages, capitals and asking for a manager',
      paraphrase: 'To check I have this right: the engineer missed both appointments, you lost two days\' pay waiting in, and you still have no broadband. Is that everything?',
      empathy: 'I wrote that I completely understood their frustration at losing two days and still having no connection.',
      apology: 'I apologised for both missed appointments and for the loss of earnings.',
      action:
        "I checked the engineering partner's booking and found the appointment had been moved by their team without the change reaching our system. I booked the first available slot with a confirmed morning arrival, and arranged a 4G home broadband router to be sent out next day so they could work in the meantime.",
      resolution: 'They agreed to the new appointment, the temporary router, automatic compensation for each missed appointment, and a month\'s line rental credit for the lost time.',
      followUp: 'I messaged on the installation day to confirm the engineer had arrived and the line was working, then closed {ref}.',
      rootCause: 'Appointment changes made by the engineering partner were not being passed back into our booking system.',
      prevention: 'The area team now gets a daily list of changed appointments, and customers are texted whenever their appointment moves.',
      preventionShort: 'a daily changed-appointment list and text alerts',
      rulesNote:
        "Ofcom's General Conditions require a fair complaints process and, after eight weeks, access to alternative dispute resolution. The automatic compensation scheme for missed appointments meant the payment was owed without the customer having to claim it.",
      wentWell: 'Sending a temporary router meant they could work the next day, which mattered more to them than the compensation.',
      doDifferently: 'I would move to a phone call sooner; long chat threads made it harder to show empathy.',
      legislation: ['ofcom', 'cra', 'dpa'],
      tags: ['broadband', 'missed appointment', 'complaint'],
    },
    {
      key: 'switching-code',
      title: 'Switching code not provided',
      about: 'a switching code that was not given',
      category: 'Switching',
      honorific: 'Mrs',
      channel: 'telephone',
      issue: '{c} wanted her switching code to move to another network and had been transferred three times to the retentions team without getting it.',
      impact: 'She felt trapped and said she was being made to listen to offers she had already refused.',
      cue: 'She said "I just want my code" in a slow, deliberate voice and stopped answering my questions about her plan.',
      cueShort: 'a slow, deliberate "I just want my code"',
      paraphrase: 'You have asked three times for your switching code, you have already heard the offers and said no, and you just want the code now. Is that right?',
      empathy: 'I said it must be infuriating to ask for something simple three times and not get it.',
      apology: 'I apologised that she had been passed around instead of being given what she asked for.',
      action: 'I sent her switching code by text while she was on the line, confirmed she had received it, explained the notice period and her final bill date, and reported the transfers to my manager.',
      resolution: 'She received the code during the call and was satisfied; she agreed that we would log her complaint about the transfers.',
      followUp: 'I emailed her a summary of the final bill date and closed {ref} after the switch completed.',
      rootCause: 'The call routing sent every switching request to retentions first, even after a customer had declined offers.',
      prevention: 'The routing menu now lets customers text for their code, and advisers send the code at the first request.',
      preventionShort: 'text-for-code routing and code at first request',
      rulesNote:
        "Ofcom's switching rules say customers can get their switching code by text straight away and must not be held up by retention offers they do not want. Not giving it was a breach of the General Conditions, so the complaint was escalated to the compliance mailbox as our code requires.",
      wentWell: 'Sending the code during the call proved she was being listened to.',
      doDifferently: 'I would have escalated the routing problem the first time I heard about it rather than waiting for a complaint.',
      legislation: ['ofcom', 'dpa'],
      tags: ['switching', 'Ofcom', 'complaint'],
    },
  ],
  improvements: [
    {
      key: 'upgrade-addons',
      title: 'Lost add-ons after upgrades: trend review',
      category: 'Upgrades',
      topic: 'add-ons lost at upgrade',
      dataSource: 'CaseTrack complaints for the last three months',
      trigger: 'After the roaming complaint I wanted to know how often upgrades lost add-ons, so I asked {leader} for access to the store\'s CaseTrack reports.',
      findings: [
        '190 complaints logged in the quarter; 28 (15%) were about add-ons lost at upgrade.',
        'Roaming (11), data boosts (9) and insurance (8) were the add-ons lost.',
        '24 of the 28 upgrades were processed on the store till rather than online.',
      ],
      analysis: 'The online journey copies add-ons across; the till journey does not, and the checklist never asked about them.',
      rootCause: 'The till upgrade journey does not carry add-ons over, and nothing prompted advisers to check.',
      options: ['Add a checklist step at the till.', 'Ask IT to copy add-ons in the till journey.', 'Send customers a text summary of their new plan after every upgrade.'],
      proposal: 'I proposed all three in stages: the checklist step straight away, the text summary within a month, and the system change through the area team, because the first two protect customers while the system change waits its turn.',
      actions: ['Checklist step "confirm add-ons carried over" added.', 'Plan summary text sent after every upgrade.', 'Change request raised by the area team.'],
      prevention: 'A checklist step, a plan summary text, and a change request to fix the till journey.',
      preventionShort: 'a checklist step, a summary text and a system change request',
      stakeholders: 'the store manager, the area customer experience lead and the store team',
      communicated: 'I presented the findings at the store\'s monthly meeting and sent a short report to the area customer experience lead, who took the change request to the regional meeting.',
      plan: 'The objective was to measure how often upgrades lost add-ons; the sample was every upgrade complaint in the quarter plus 50 upgrades without complaints; I scheduled the review over two weeks of quieter weekday mornings.',
      methods: 'CaseTrack complaint analysis and a check of 50 upgrade records',
      methodsWhy: 'Complaints only show the customers who noticed; checking upgrade records without complaints showed how often it happened to everyone.',
      kpi: { name: 'Upgrade complaints', unit: 'per month', before: 9, after: 2, target: 3, isLowerBetter: true },
      result: 'Upgrade complaints about add-ons fell from about nine a month to two in the following two months.',
      rulesNote: 'The Consumer Rights Act 2015 makes what we tell customers part of their contract, and Ofcom\'s rules on contract information mean customers must get a clear summary, which the text now gives them.',
      legislation: ['cra', 'ofcom'],
      tags: ['upgrades', 'trend analysis', 'service improvement'],
    },
    {
      key: 'mystery-shop-complaints',
      title: 'Mystery shopping of how unhappy customers are handled in store',
      category: 'Network',
      topic: 'handling unhappy customers in store',
      dataSource: 'twelve mystery shopping visits and the Net Promoter survey',
      trigger: 'Our Net Promoter score for customers who had raised a problem in store was well below the area average, so I asked the area customer experience lead to include complaint scenarios in the next mystery shops.',
      findings: [
        '12 visits across four stores, each with a scripted complaint about a network fault.',
        'Staff acknowledged the shopper\'s frustration in 7 of 12 visits.',
        'A clear next step and timescale was given in only 5 of 12.',
      ],
      analysis: 'Where staff did not acknowledge the frustration, the shoppers rated the visit poorly even when the fault was explained correctly.',
      rootCause: 'Training covered network checks but not how to handle an unhappy customer at the counter.',
      options: ['A short in-store coaching session on acknowledging and explaining next steps.', 'A laminated counter card with the LATER steps.'],
      proposal: 'I recommended both: coaching builds the skill, and the card is a prompt when the store is busy.',
      actions: ['30-minute coaching sessions run in all four stores.', 'LATER counter cards placed at every till.', 'Repeat mystery shops booked for the following quarter.'],
      prevention: 'Coaching, counter cards and repeat mystery shops.',
      preventionShort: 'coaching and LATER counter cards',
      stakeholders: 'the four store managers and the area customer experience lead',
      communicated: 'I shared the mystery shopping summary with the four store managers and agreed who would run each coaching session and by when.',
      plan: 'The objective was to test how staff handle an unhappy customer; the sample was three visits per store at different times of day; visits were scheduled over three weeks without staff being told the dates.',
      methods: 'mystery shopping and the Net Promoter survey',
      methodsWhy: 'Mystery shopping is the only way to see a complaint handled at the counter from the customer\'s side; the survey told us which stores to look at first.',
      kpi: { name: 'Mystery shops meeting the complaint standard', unit: '%', before: 42, after: 83, target: 75, isLowerBetter: false },
      result: 'The repeat mystery shops met the complaint standard in 10 of 12 visits (83%), up from 5 of 12.',
      rulesNote: 'Our Customer Complaints Code, which Ofcom requires us to publish, promises to explain the next steps and timescale; the mystery shops tested exactly that.',
      legislation: ['ofcom', 'equality'],
      tags: ['mystery shopping', 'monitoring', 'coaching'],
    },
    {
      key: 'repair-updates',
      title: 'Repair status text messages',
      category: 'Repairs',
      topic: 'lack of repair updates',
      dataSource: 'the Net Promoter survey comments for repairs',
      trigger: 'I noticed repair customers often rang to ask where their phone was, so I reviewed the survey comments from repair customers.',
      findings: ['260 repair survey responses in two months.', '94 comments mentioned not knowing where the phone was.', 'Repair customers scored 18 points below other customers.'],
      analysis: 'Customers were not unhappy with the repairs themselves but with not knowing what was happening.',
      rootCause: 'No updates were sent between handing the phone in and it being ready.',
      options: ['Text updates at booking, collection, repair and return.', 'A repair tracking page.'],
      proposal: 'I proposed text updates first, because the system could already send them and they reach every customer.',
      actions: ['Four-stage repair texts switched on.', 'Daily tracker check for repairs with no movement.'],
      prevention: 'Automatic repair status texts and a daily tracker check.',
      preventionShort: 'repair status texts and a daily tracker check',
      stakeholders: 'the store manager and the repairs partner',
      communicated: 'I sent my findings to the store manager, who agreed the texts with the repairs partner, and I briefed the team.',
      plan: 'The objective was to understand why repair customers scored low; I sampled all repair survey comments for two months and scheduled the review for one week.',
      methods: 'survey comment analysis',
      methodsWhy: 'The comments said in customers\' own words what was wrong, which the score alone could not.',
      kpi: { name: 'Repair customer satisfaction', unit: '%', before: 58, after: 77, target: 75, isLowerBetter: false },
      result: 'Repair satisfaction rose from 58% to 77%, and calls asking about repairs halved.',
      rulesNote: 'The Consumer Rights Act 2015 expects repairs within a reasonable time; the texts also keep customers informed, as our complaints code promises.',
      legislation: ['cra', 'gdpr'],
      tags: ['repairs', 'customer feedback', 'service improvement'],
    },
  ],
};

const INSURANCE: DemoSetting = {
  key: 'insurance',
  organisation: 'Copperbridge Insurance',
  team: 'Home Claims team',
  site: 'Norwich',
  system: 'the ClaimsCentre complaints log',
  policy: "Copperbridge's Complaints Procedure (Home Claims)",
  caseRefPrefix: 'CBI',
  learnerRole: 'Claims Handler',
  learners: ['Hannah Clarke', 'Oliver Grant', 'Zara Ahmed', 'Ben Lawson'],
  witnesses: [
    { name: 'Claire Bennett', role: 'Team Leader, Home Claims', relationship: 'My line manager; listens to my calls weekly', knows: "I am {learner}'s line manager and listen to their calls every week", contact: 'Ext. 6120' },
    { name: 'Marcus Hill', role: 'Claims Technical Specialist', relationship: 'Checks my complex claims and complaint responses', knows: "I check {learner}'s complex claims and complaint responses", contact: 'Ext. 6157' },
    { name: 'Deborah Lowe', role: 'Customer Relations Manager', relationship: 'Leads the complaints team; reviewed my improvement work', knows: "I lead the complaints team and reviewed {learner}'s improvement work", contact: 'Ext. 6002' },
  ],
  surveyName: 'claim closure survey',
  shopperTeam: 'the customer relations quality panel',
  categories: ['Claim delays', 'Loss adjusters', 'Settlements', 'Declined claims', 'Communication', 'Accessibility'],
  rulesAnswer:
    "The FCA's ICOBS rules say claims must be handled promptly and fairly, with reasonable guidance and appropriate information on progress, and a claim must not be unreasonably rejected. DISP says how complaints are handled: acknowledge promptly, investigate fairly and send a final response within eight weeks with the customer's right to go to the Financial Ombudsman Service. The Financial Services and Markets Act 2000 is the law behind the FCA's powers.",
  reactive: [
    {
      key: 'escape-of-water',
      title: 'Escape of water claim: drying delayed',
      about: 'drying delayed on an escape of water claim',
      category: 'Claim delays',
      honorific: 'Mrs',
      channel: 'telephone',
      issue: '{c}\'s kitchen had flooded from a burst pipe three weeks earlier, and the drying company still had not been booked.',
      impact: 'She has a baby under one and was worried about damp and mould in the house.',
      cue: 'She started the call by saying "I don\'t want to be fobbed off again", and spoke faster each time I asked for a detail.',
      cueShort: '"I don\'t want to be fobbed off again" and speaking faster',
      paraphrase: 'So the kitchen flooded three weeks ago, nobody has come to dry it, and you are worried about damp with the baby in the house. Is that right?',
      empathy: 'I said I understood how worrying damp is with a young baby and that I would treat it as urgent.',
      apology: 'I apologised that three weeks had passed without the drying starting.',
      action:
        "The claim showed the loss adjuster's report had been received but the drying instruction had not been sent. I sent it as urgent, rang the drying company to confirm a visit within 48 hours, and flagged the claim as involving a vulnerable household so it would be prioritised.",
      resolution: 'She agreed to the drying visit within 48 hours, a call from me after the visit, and £150 for the distress and inconvenience.',
      followUp: 'I called after the drying equipment was installed, then again when the drying certificate came through, sent the final response letter and closed {ref}.',
      rootCause: 'The drying instruction depended on a handler spotting that the adjuster\'s report had arrived; nothing prompted it.',
      prevention: 'A task now appears automatically when an adjuster\'s report arrives on a water damage claim, and vulnerable households are flagged at first notification.',
      preventionShort: 'an automatic task when reports arrive and a vulnerability flag at first notification',
      rulesNote:
        "ICOBS 8 requires claims to be handled promptly and fairly; three weeks without drying was not prompt. Under DISP I logged the complaint, acknowledged it the same day and sent a final response with her Financial Ombudsman Service rights. I recorded the vulnerability in line with the Data Protection Act 2018, with her consent.",
      wentWell: 'Ringing the drying company during my shift meant I could give her a confirmed date, not an estimate.',
      doDifferently: 'I would ask about vulnerability at the start of the call, not only when she mentioned the baby.',
      legislation: ['icobs', 'disp', 'fsma', 'dpa'],
      tags: ['escape of water', 'vulnerable customer', 'complaint'],
    },
    {
      key: 'declined-storm',
      title: 'Storm damage claim declined in unclear wording',
      about: 'a storm damage claim declined in unclear wording',
      category: 'Declined claims',
      honorific: 'Mr',
      channel: 'telephone',
      issue: '{c} rang after receiving a letter declining his storm damage claim "under the gradual deterioration exclusion", which he read as us calling him a liar.',
      impact: 'He was angry and said he had paid premiums for 20 years without claiming.',
      cue: 'He read the letter out to me word for word in a sarcastic voice and asked "what is that supposed to mean?".',
      cueShort: 'reading the letter out sarcastically',
      paraphrase: 'You had storm damage to your roof, our letter declined the claim with a term you did not understand, and you feel we have accused you of not looking after your home. Have I got that right?',
      empathy: 'I told him I could see why the letter felt like an accusation and that it should have been much clearer.',
      apology: 'I apologised for the wording of our letter.',
      action:
        "I explained in plain words what the exclusion meant, then read the surveyor's report with him. It showed the ridge tiles were storm damaged but the felt underneath had worn out over time. I asked the claims technical specialist to review whether the storm part could be paid.",
      resolution: 'The review agreed to pay for the storm-damaged ridge tiles; he accepted that the worn felt was not covered once it had been explained clearly.',
      followUp: 'I rang him with the decision, sent the settlement and a final response letter in plain English, and closed {ref}.',
      rootCause: 'Decline letters used policy terms without explanation and did not say which parts of the damage were and were not covered.',
      prevention: 'Decline letter templates have been rewritten in plain English, with a section for what we will pay and what we will not.',
      preventionShort: 'plain-English decline letters',
      rulesNote:
        'ICOBS 8 says a claim must not be unreasonably rejected, including partially; splitting the storm damage from wear and tear was fairer. The FCA Consumer Duty expects communications that customers can understand, which our old letter was not.',
      wentWell: 'Going through the surveyor\'s report together meant he understood the decision, even the part he did not like.',
      doDifferently: 'I would ask for the technical review before calling him back, to save him a second call.',
      legislation: ['icobs', 'consumerDuty', 'disp'],
      tags: ['declined claim', 'plain English', 'complaint'],
    },
    {
      key: 'bike-settlement',
      title: 'Stolen bicycle settlement lower than expected',
      about: 'a stolen bicycle settlement lower than expected',
      category: 'Settlements',
      honorific: 'Ms',
      channel: 'telephone',
      issue: "{c}'s claim for a stolen bicycle was settled at £450 less than the receipt she had sent, and no one had explained why.",
      impact: 'She felt cheated and said she was going to post about it online.',
      cue: 'She kept repeating the receipt total and asked "so what am I paying you for?"',
      cueShort: 'repeating the receipt total',
      paraphrase: 'Your receipt was for £1,200, you have received £750, and nobody has told you where the other £450 went. Is that right?',
      empathy: 'I said I understood it felt unfair to receive less with no explanation.',
      apology: 'I apologised that the settlement had not been explained to her.',
      action:
        'The settlement had deducted her £100 excess and £350 for the bicycle\'s age under the policy\'s wear and tear scale. I checked the policy: bicycles under two years old should have been replaced as new. Hers was 18 months old, so the deduction was wrong.',
      resolution: 'We paid the £350 wear and tear deduction back, with 8% simple interest for the time she had been without it, and I explained the excess clearly.',
      followUp: 'I confirmed the payment by email, sent the final response letter and closed {ref}.',
      rootCause: 'The settlement calculator applied the general wear and tear scale to bicycles, ignoring the new-for-old rule for items under two years old.',
      prevention: 'The calculator was corrected, and bicycle settlements from the last six months were reviewed; 11 customers received top-up payments.',
      preventionShort: 'a corrected calculator and a review that paid 11 customers',
      rulesNote:
        'ICOBS 8 requires claims to be settled promptly once terms are agreed and handled fairly. Under DISP, where a customer has lost out we put them back in the position they should have been in, which is why interest was added.',
      wentWell: 'Checking the policy wording myself rather than trusting the calculator found the real error.',
      doDifferently: 'I would explain the excess before the settlement, not after.',
      legislation: ['icobs', 'disp', 'fsma'],
      tags: ['settlement', 'root cause', 'complaint'],
    },
    {
      key: 'hearing-loss',
      title: 'Contact preference ignored for a customer with hearing loss',
      about: 'phone calls despite asking for email or text only',
      category: 'Accessibility',
      honorific: 'Mr',
      channel: 'web chat',
      issue: '{c}, who has hearing loss, had asked to be contacted by email or text only, but kept receiving phone calls about his claim that he could not follow.',
      impact: 'He had missed two appointments because he could not understand the calls.',
      cue: 'His first message said "I have told you FOUR times" and his later messages got shorter.',
      cueShort: '"I have told you FOUR times" and shortening messages',
      paraphrase: 'You have asked four times for email or text only, you are still being phoned, and because of that you have missed two appointments. Is that right?',
      empathy: 'I wrote that it must be exhausting to ask for the same thing four times, and that I understood why he was annoyed.',
      apology: 'I apologised that we had not made the adjustment he asked for.',
      action:
        'His preference was written in a claim note, which the outbound call list does not read. I set the contact preference flag on his policy, told the loss adjuster and contractor by email, and rebooked both appointments by text with him.',
      resolution: 'He agreed new appointment times by text and that all future contact would be by email or text.',
      followUp: 'I emailed him after each appointment to check it had happened, then closed {ref} once the claim was settled.',
      rootCause: 'Contact preferences recorded in claim notes were not visible to the outbound call list or our suppliers.',
      prevention: 'Contact preferences are now set on the policy flag, which suppliers can see, and the notes screen reminds handlers to use it.',
      preventionShort: 'contact preference flags visible to suppliers',
      rulesNote:
        'The Equality Act 2010 requires reasonable adjustments for disabled customers; contact by text or email is one. The Data Protection Act 2018 and UK GDPR meant I shared only his contact preference with suppliers, not his medical details.',
      wentWell: 'Using text and email for everything from that point showed him the adjustment was real.',
      doDifferently: 'I would check the suppliers had updated their records, not just that I had told them.',
      legislation: ['equality', 'dpa', 'gdpr', 'disp'],
      tags: ['accessibility', 'reasonable adjustments', 'complaint'],
    },
  ],
  improvements: [
    {
      key: 'adjuster-delays',
      title: 'Loss adjuster appointment delays: trend review',
      category: 'Loss adjusters',
      topic: 'loss adjuster appointment delays',
      dataSource: 'the ClaimsCentre complaints log for the last quarter',
      trigger: 'Several complaints in a month were about waiting for a loss adjuster, so I asked {leader} if I could analyse the complaints log.',
      findings: ['204 home claims complaints in the quarter; 49 (24%) were about adjuster delays.', 'Average time to first adjuster visit was 11 working days against a 5-day standard.', '30 of the 49 were in two postcode areas covered by one adjusting firm.'],
      analysis: 'The delays clustered on one adjusting firm that had lost staff; we were still sending it the same volume of work.',
      rootCause: 'Work was allocated by postcode without checking the adjusting firm\'s capacity.',
      options: ['Move some postcodes to a second firm.', 'Use video assessment for smaller claims.', 'Ask the firm for a recovery plan.'],
      proposal: 'I recommended video assessment for claims under £5,000 and a temporary second firm for the two postcodes, because together they cut waiting times fastest without lowering the quality of assessments.',
      actions: ['Video assessment offered for claims under £5,000.', 'Second adjusting firm appointed for two postcodes for three months.', 'Weekly capacity check added to the supplier meeting.'],
      prevention: 'Video assessment for small claims and a weekly supplier capacity check.',
      preventionShort: 'video assessment and a weekly capacity check',
      stakeholders: 'my team leader, the supplier manager and the customer relations manager',
      communicated: 'I presented the analysis to {leader} and the supplier manager, and the customer relations manager added it to the monthly complaints report.',
      plan: 'The objective was to find where and why adjuster delays happened; the sample was all delay complaints in the quarter plus supplier visit data; the review was scheduled over two weeks.',
      methods: 'complaints log analysis and supplier visit data',
      methodsWhy: 'The log showed where customers were unhappy; the visit data showed whether the delay was ours or the supplier\'s.',
      kpi: { name: 'Days to first adjuster visit', unit: 'days', before: 11, after: 4, target: 5, isLowerBetter: true },
      result: 'Average time to first visit fell from 11 working days to 4, and adjuster delay complaints halved in the next quarter.',
      rulesNote: 'ICOBS 8 requires prompt claims handling, and DISP requires us to look for root causes in complaint data; this review did both.',
      legislation: ['icobs', 'disp'],
      tags: ['loss adjusters', 'trend analysis', 'supplier management'],
    },
    {
      key: 'claim-updates',
      title: 'Proactive claim update calls',
      category: 'Communication',
      topic: 'customers not kept updated on claims',
      dataSource: 'the claim closure survey for the last two months',
      trigger: 'The closure survey showed "kept me informed" as our lowest-scoring question, so I looked into the comments.',
      findings: ['418 survey responses over two months.', '"Kept me informed" scored 54% against 82% for "handler was helpful".', '63 comments said the customer had to chase for updates.'],
      analysis: 'Customers chased when nothing happened for more than a week; handlers only called when there was news.',
      rootCause: 'No standard for how often to update a customer when nothing had changed.',
      options: ['A five-working-day update standard.', 'Automatic texts at each claim stage.'],
      proposal: 'I proposed a five-working-day update standard for open claims, using text or email where the customer prefers, because silence was what customers complained about.',
      actions: ['Update diary task created every five working days.', 'Update message templates written.', 'Standard added to the team\'s quality checklist.'],
      prevention: 'A five-working-day update standard with diary tasks.',
      preventionShort: 'a five-day update standard',
      stakeholders: 'the team leaders and the customer relations manager',
      communicated: 'I shared the survey findings at the team leaders\' meeting and the standard was launched at a team briefing I co-presented.',
      plan: 'The objective was to understand the low "kept me informed" score; I sampled all responses for two months and read every comment, over one week.',
      methods: 'survey analysis and a sample of claim diaries',
      methodsWhy: 'The survey showed the problem; the claim diaries showed how long customers actually went without contact.',
      kpi: { name: '"Kept me informed" score', unit: '%', before: 54, after: 76, target: 75, isLowerBetter: false },
      result: '"Kept me informed" rose from 54% to 76% in the following two months.',
      rulesNote: 'ICOBS 8 requires insurers to give customers appropriate information on a claim\'s progress, which the standard now makes routine.',
      legislation: ['icobs', 'consumerDuty'],
      tags: ['customer feedback', 'communication', 'service improvement'],
    },
    {
      key: 'decline-letters',
      title: 'Plain-English decline letters and call calibration',
      category: 'Declined claims',
      topic: 'unclear decline letters',
      dataSource: 'complaints about declined claims and call listening',
      trigger: 'After the storm claim complaint, I asked to review other complaints about declined claims.',
      findings: ['31 decline complaints in six months; 19 said the letter was hard to understand.', '8 of 20 sampled decline calls used policy jargon without explaining it.'],
      analysis: 'Letters and calls both used policy terms that customers read as accusations.',
      rootCause: 'Templates and call guidance were written by technical staff without customer testing.',
      options: ['Rewrite templates in plain English.', 'Calibrate call listening so jargon is marked down.'],
      proposal: 'I proposed rewriting the three most used decline templates and adding "explained policy terms" to the call scoring, because clearer wording prevents complaints at the start.',
      actions: ['Three decline templates rewritten and tested with five colleagues from other teams.', 'Call scoring updated and calibrated with team leaders.'],
      prevention: 'Plain-English templates and updated call scoring.',
      preventionShort: 'plain-English templates and call scoring',
      stakeholders: 'the claims technical team, the team leaders and the customer relations manager',
      communicated: 'The new templates were approved by the customer relations manager and explained to every handler at a team briefing.',
      plan: 'The objective was to find out how clearly we explain declines; I sampled all decline complaints and 20 decline calls over three weeks.',
      methods: 'complaint review and call listening',
      methodsWhy: 'Complaints showed the letters were the problem; call listening checked whether our calls had the same problem.',
      kpi: { name: 'Decline complaints', unit: 'per month', before: 5, after: 2, target: 3, isLowerBetter: true },
      result: 'Decline complaints fell from about five a month to two.',
      rulesNote: 'The Consumer Duty expects communications customers can understand, and ICOBS 8 requires fair claims handling, including clear reasons for a decline.',
      legislation: ['consumerDuty', 'icobs', 'disp'],
      tags: ['plain English', 'call listening', 'service improvement'],
    },
  ],
};

export const DEMO_SETTINGS: readonly DemoSetting[] = [BUILDING_SOCIETY, TELECOMS, INSURANCE];
