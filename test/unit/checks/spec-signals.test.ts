import { describe, expect, it } from 'vitest';
import { asksForCompleteComplaint, asksForReactiveAndProactive, isAboutRegulation } from '../../../core/checks/spec-signals';
import { builtinSpec } from '../../../core/spec/builtin';
import type { Unit } from '../../../core/spec/types';

/** The built-in units with their explicit `x-` keys removed, so only the wording speaks. */
function wordingOnly(): Unit[] {
  return builtinSpec().units.map((unit) => {
    const copy: Unit = { ...unit };
    for (const key of Object.keys(copy)) if (key.startsWith('x-')) delete copy[key as `x-${string}`];
    return copy;
  });
}

function plainUnit(overrides: Partial<Unit>): Unit {
  return { id: 'U', title: 'Work with customers', learningOutcomes: [{ id: 'U.LO1', title: 'Outcome', markingPoints: [{ id: 'U.1', text: 'Greets customers.' }] }], ...overrides };
}

describe('reading what a unit asks for from its wording', () => {
  it('finds the seed units that ask for reactive and proactive evidence', () => {
    const asked = wordingOnly().filter(asksForReactiveAndProactive).map((unit) => unit.id);
    // CS1: "both reactive (immediate) and proactive (preventive)"; CS2: "both the immediate
    // resolution and any longer-term actions taken to prevent recurrence".
    expect(asked).toEqual(['CS1', 'CS2']);
  });

  it('agrees with the explicit keys the built-in spec carries', () => {
    for (const unit of builtinSpec().units) {
      const explicit = unit['x-requires-reactive-and-proactive'];
      if (explicit !== undefined) expect(asksForReactiveAndProactive(unit)).toBe(explicit);
    }
  });

  it('finds the seed unit that asks for a complete complaint', () => {
    expect(wordingOnly().filter(asksForCompleteComplaint).map((unit) => unit.id)).toEqual(['CS5']);
  });

  it('finds the units about rules and regulation from title, synopsis, tips and marking points', () => {
    // CS2 mentions regulation only in a key concept, which nearly every unit carries.
    expect(wordingOnly().filter(isAboutRegulation).map((unit) => unit.id)).toEqual(['CS1', 'CS3', 'CS4', 'CS5']);
  });

  it('pairs words within one piece of guidance only', () => {
    const unit = plainUnit({ guidance: { tips: ['Act on immediate problems.', 'Plan ahead where you can.'], misconceptions: ['Forgetting to prevent repeats.'] } });
    expect(asksForReactiveAndProactive(unit)).toBe(false);
    expect(asksForReactiveAndProactive(plainUnit({ synopsis: 'Immediate fixes and preventive action.' }))).toBe(true);
  });

  it('lets explicit keys override the wording both ways', () => {
    const worded = plainUnit({ title: 'Apply legislation', synopsis: 'Reactive and proactive service; identification, resolution and recording.' });
    expect([asksForReactiveAndProactive(worded), isAboutRegulation(worded), asksForCompleteComplaint(worded)]).toEqual([true, true, true]);
    const off = { ...worded, 'x-requires-reactive-and-proactive': false, 'x-requires-legislation': false, 'x-requires-complete-complaint': false };
    expect([asksForReactiveAndProactive(off), isAboutRegulation(off), asksForCompleteComplaint(off)]).toEqual([false, false, false]);
    const on = { ...plainUnit({}), 'x-requires-reactive-and-proactive': true, 'x-requires-legislation': true, 'x-requires-complete-complaint': true };
    expect([asksForReactiveAndProactive(on), isAboutRegulation(on), asksForCompleteComplaint(on)]).toEqual([true, true, true]);
  });

  it('ignores explicit keys that are not true or false', () => {
    expect(asksForReactiveAndProactive({ ...plainUnit({}), 'x-requires-reactive-and-proactive': 'yes' })).toBe(false);
  });
});
