import { describe, expect, it } from 'vitest';
import * as domain from '../../../../shared/domain/index.ts';

describe('shared/domain public surface', () => {
  it.each([
    'IntakeEventDraftSchema',
    'IntakeEventFinalSchema',
    'WeaponItemDraftSchema',
    'WeaponItemFinalSchema',
    'RecordMetaSchema',
    'QuantitySchema',
    'addQuantities',
    'sumByKindAndUnit',
    'intakeTotals',
    'normaliseMarkingText',
    'SerialStatusSchema',
    'RecordIdSchema',
    'Sha256Schema',
    'UserSchema',
    'PassphraseSchema',
    'passphraseProblems',
    'LocationSchema',
    'CampaignSchema',
    'AttachmentRefSchema',
    'MarkingFinalSchema',
    'PartFinalSchema',
    'AmmunitionLotFinalSchema',
    'ExplosiveItemFinalSchema',
    'CustodyTransferSchema',
    'DestructionEventSchema',
    'categoryOfWeaponType',
    'smallArmTypes',
    'lightWeaponTypes',
    'domainMessageKeys',
  ])('exports %s', (name) => {
    expect(domain).toHaveProperty(name);
  });

  it('keeps internal helpers private', () => {
    expect(domain).not.toHaveProperty('key');
    expect(domain).not.toHaveProperty('keyed');
    expect(domain).not.toHaveProperty('alwaysOnObjects');
  });
});
