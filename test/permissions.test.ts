// Who may act on a vetting, checked on generated people and vettings rather than a few hand-picked cases.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../src/flows/actor.js';
import {
  countsAsEvaluator,
  isEvaluator,
  mayAdvise,
  mayAnswer,
  mayChangeDigest,
  mayDecideFlags,
  mayFinish,
  mayManageEvaluators,
  maySeeEvaluators,
  mayStart,
  type Permission,
  type Roles,
} from '../src/flows/permissions.js';

const PEOPLE = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'];

const rolesArb: fc.Arbitrary<Roles> = fc.record({
  vendor: fc.constantFrom('Acme', 'Globex & Co', '<!channel>'),
  lead: fc.constantFrom(...PEOPLE),
  evaluators: fc.uniqueArray(fc.constantFrom(...PEOPLE), { maxLength: PEOPLE.length }),
});

const actorArb: fc.Arbitrary<Actor> = fc.record({ userId: fc.constantFrom(...PEOPLE), admin: fc.boolean(), riskOwner: fc.boolean(), external: fc.boolean() });

/** Every rule that depends on the vetting, by name. */
const RULES: Record<string, (a: Actor, r: Roles) => Permission> = {
  answer: mayAnswer,
  finish: mayFinish,
  'manage-evaluators': mayManageEvaluators,
  'decide-flags': mayDecideFlags,
  'see-evaluators': (a) => maySeeEvaluators(a),
  start: (a) => mayStart(a),
  'change-digest': (a) => mayChangeDigest(a),
  advise: (a) => mayAdvise(a),
};

const allowed = (a: Actor, r: Roles) => Object.fromEntries(Object.entries(RULES).map(([name, rule]) => [name, rule(a, r).ok]));

describe('permissions', () => {
  it('never allows anything to someone from another organisation, even the named lead or an admin', () => {
    fc.assert(
      fc.property(actorArb, rolesArb, (actor, roles) => {
        const external = { ...actor, external: true };
        for (const [name, rule] of Object.entries(RULES)) {
          const p = rule(external, roles);
          expect(p, name).toEqual({ ok: false, reason: { kind: 'external', act: name } });
        }
        expect(countsAsEvaluator(external, roles)).toBe(false);
      }),
    );
  });

  it('lets nobody answer who is neither the lead nor a named evaluator, admins included', () => {
    fc.assert(
      fc.property(actorArb, rolesArb, (actor, roles) => {
        fc.pre(actor.userId !== roles.lead && !roles.evaluators.includes(actor.userId));
        const p = mayAnswer(actor, roles);
        expect(p.ok).toBe(false);
        // The refusal says who leads, so the person knows whom to ask.
        if (!actor.external) expect(p).toEqual({ ok: false, reason: { kind: 'not-allowed', act: 'answer', vendor: roles.vendor, lead: roles.lead } });
      }),
    );
  });

  it('lets the lead and the named evaluators of this organisation answer, decide flags and finish', () => {
    fc.assert(
      fc.property(actorArb, rolesArb, (actor, roles) => {
        fc.pre(!actor.external && isEvaluator(actor.userId, roles));
        expect(mayAnswer(actor, roles).ok).toBe(true);
        expect(mayDecideFlags(actor, roles).ok).toBe(true);
        expect(mayFinish(actor, roles).ok).toBe(true);
        expect(countsAsEvaluator(actor, roles)).toBe(true);
      }),
    );
  });

  it('lets an admin manage evaluators, decide flags and finish, without making them an evaluator', () => {
    fc.assert(
      fc.property(actorArb, rolesArb, (actor, roles) => {
        const admin = { ...actor, admin: true, external: false };
        expect(mayManageEvaluators(admin, roles).ok).toBe(true);
        expect(mayDecideFlags(admin, roles).ok).toBe(true);
        expect(mayFinish(admin, roles).ok).toBe(true);
        expect(mayAnswer(admin, roles).ok).toBe(isEvaluator(admin.userId, roles));
      }),
    );
  });

  it('lets only the lead and admins manage evaluators: a named evaluator may not', () => {
    fc.assert(
      fc.property(actorArb, rolesArb, (actor, roles) => {
        expect(mayManageEvaluators(actor, roles).ok).toBe(!actor.external && (actor.admin || actor.userId === roles.lead));
      }),
    );
  });

  it('never grants anything by removing someone from the evaluators', () => {
    fc.assert(
      fc.property(actorArb, rolesArb, fc.constantFrom(...PEOPLE), (actor, roles, removed) => {
        const after = { ...roles, evaluators: roles.evaluators.filter((e) => e !== removed) };
        const before = allowed(actor, roles);
        for (const [name, ok] of Object.entries(allowed(actor, after))) if (ok) expect(before[name], name).toBe(true);
      }),
    );
  });

  it('changes nothing for anyone else when one person is added to the evaluators', () => {
    fc.assert(
      fc.property(actorArb, rolesArb, fc.constantFrom(...PEOPLE), (actor, roles, added) => {
        fc.pre(actor.userId !== added);
        const after = { ...roles, evaluators: [...new Set([...roles.evaluators, added])] };
        expect(allowed(actor, after)).toEqual(allowed(actor, roles));
      }),
    );
  });

  it('counts a note as an evaluator’s exactly when its author could answer', () => {
    fc.assert(
      fc.property(actorArb, rolesArb, (actor, roles) => {
        expect(countsAsEvaluator(actor, roles)).toBe(mayAnswer({ ...actor, admin: false }, roles).ok);
      }),
    );
  });

  it('lets anyone of the organisation start a vetting and see who evaluates one', () => {
    fc.assert(
      fc.property(actorArb, (actor) => {
        expect(mayStart(actor).ok).toBe(!actor.external);
        expect(maySeeEvaluators(actor).ok).toBe(!actor.external);
      }),
    );
  });

  it('lets anyone of the organisation change a channel’s digest, admin or not, and nobody from another one', () => {
    fc.assert(
      fc.property(actorArb, (actor) => {
        const p = mayChangeDigest(actor);
        expect(p).toEqual(actor.external ? { ok: false, reason: { kind: 'external', act: 'change-digest' } } : { ok: true });
        // Being an admin never lets someone from another organisation in.
        expect(mayChangeDigest({ ...actor, admin: true }).ok).toBe(!actor.external);
      }),
    );
  });
});
