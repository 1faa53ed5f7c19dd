// Who is asking, as the access rules need them. Built by the Slack layer (src/slack/actor.ts); pure data here.

export interface Actor {
  userId: string;
  /** Listed in VET_ADMINS. */
  admin: boolean;
  /** Listed in VET_RISK_OWNERS: may accept high and critical risks, and confirm as the second pair of eyes. */
  riskOwner: boolean;
  /**
   * From another organisation: a Slack Connect user whose team is not the app's own. Such a person is never an
   * evaluator, never decides a flag and sees no vetting, whatever list they are on.
   */
  external: boolean;
}
