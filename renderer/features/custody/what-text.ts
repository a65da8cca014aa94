import type { CustodyEntity } from '../../../shared/custody/item-custody.ts';
import { useItemLabels } from '../items/item-labels.ts';

export interface WhatText {
  /** A transfer's purpose or a decision's kind, by the record's entity. */
  of(entity: CustodyEntity, what: string): string;
  purpose(what: string): string;
  decision(what: string): string;
}

/** A transfer's purpose or a decision's kind in words; a value this app does not know, as stored. */
export function useWhatText(): WhatText {
  const labels = useItemLabels();
  const purpose = (what: string) => labels.known('custodyPurpose', what) ?? what;
  const decision = (what: string) => labels.known('custodyDecisionKind', what) ?? what;
  return {
    of: (entity, what) =>
      entity === 'custody_transfer'
        ? purpose(what)
        : entity === 'custody_decision'
          ? decision(what)
          : what,
    purpose,
    decision,
  };
}
