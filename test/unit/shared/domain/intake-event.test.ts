import { describe, expect, it } from 'vitest';
import {
  borderSeizureIssues,
  IntakeEventDraftSchema,
  IntakeEventFinalSchema,
  intakeEventFinalSchemaAt,
  intakeTotals,
  newIntakeEventDraft,
  type IntakeEvent,
} from '../../../../shared/domain/intake-event.ts';
import { SeizureDetailsDraftSchema } from '../../../../shared/domain/seizure-details.ts';
import {
  borderSeizure,
  campaignSurrender,
  finalAssaultRifle,
  id,
  issuesOf,
  photo,
} from './fixtures.ts';

/** A seizure being typed at the checkpoint: header partly done, one weapon started. */
function halfFilledDraft() {
  return {
    id: id(1),
    status: 'draft',
    revision: 1,
    context: 'seized',
    occurredAt: '2025-03-14',
    recordingAgency: 'Border Police',
    recordingOfficer: '',
    seizure: { direction: 'exit' },
    weapons: [
      {
        id: id(101),
        weaponType: 'assault_rifle',
        serialStatus: 'present',
        markings: [],
        photos: [],
      },
    ],
    parts: [],
    ammunition: [{ id: id(700), quantity: { kind: 'ammunition', unit: 'rounds' } }],
    explosives: [],
    photos: [],
  };
}

describe('IntakeEventFinalSchema', () => {
  it('accepts a realistic border seizure with two weapons', () => {
    const event: IntakeEvent = IntakeEventFinalSchema.parse(borderSeizure());
    expect(event.weapons).toHaveLength(2);
    expect(event.weapons.map((weapon) => weapon.uniquelyIdentifiable)).toStrictEqual([true, false]);
    expect(event.weapons[0]?.serialNumberNormalised).toBe('AK47123456');
    expect(event.ammunition[0]?.headstampTextNormalised).toBe('ППY85');
  });

  it('accepts a campaign surrender', () => {
    expect(IntakeEventFinalSchema.safeParse(campaignSurrender()).success).toBe(true);
  });

  it('rejects a draft as final: the status must say final', () => {
    expect(issuesOf(IntakeEventFinalSchema, { ...borderSeizure(), status: 'draft' })).toStrictEqual(
      [['status', 'invalidOption']],
    );
  });

  it('reports every gap of a half-filled draft at once, with paths and keys', () => {
    expect(
      issuesOf(IntakeEventFinalSchema, { ...halfFilledDraft(), status: 'final' }),
    ).toStrictEqual([
      ['locationId', 'required'],
      ['recordingOfficer', 'required'],
      ['seizure.seizingAgencyType', 'required'],
      ['weapons.0.category', 'required'],
      ['weapons.0.manufacturer', 'required'],
      ['weapons.0.model', 'required'],
      ['weapons.0.calibre', 'required'],
      ['weapons.0.markingCondition', 'required'],
      ['weapons.0.traceStatus', 'required'],
      ['weapons.0.serialNumber', 'serialRequired'],
      ['ammunition.0.ammoClass', 'required'],
      ['ammunition.0.calibre', 'required'],
      ['ammunition.0.quantity.amount', 'required'],
      // The event applies the photo rule (an imported record names its source instead).
      ['weapons.0.photos', 'photoRequired'],
      ['seizure.legalJustification', 'required'],
    ]);
  });

  it('requires the legal justification of a seizure (SDG 16.4.2 inclusion)', () => {
    const event = borderSeizure();
    const { legalJustification: _dropped, ...seizure } = event.seizure;
    expect(issuesOf(IntakeEventFinalSchema, { ...event, seizure })).toStrictEqual([
      ['seizure.legalJustification', 'required'],
    ]);
  });

  it('requires seizure details for a seizure', () => {
    const { seizure: _dropped, ...event } = borderSeizure();
    expect(issuesOf(IntakeEventFinalSchema, event)).toStrictEqual([['seizure', 'required']]);
  });

  it('does not require a legal justification for a found item', () => {
    const event = borderSeizure();
    const { legalJustification: _dropped, ...seizure } = event.seizure;
    expect(IntakeEventFinalSchema.safeParse({ ...event, context: 'found', seizure }).success).toBe(
      true,
    );
  });

  it('requires some details for a found item', () => {
    const { seizure: _dropped, ...event } = borderSeizure();
    expect(issuesOf(IntakeEventFinalSchema, { ...event, context: 'found' })).toStrictEqual([
      ['seizure', 'required'],
    ]);
  });

  it('requires collection details for a surrender', () => {
    const { collection: _dropped, ...event } = campaignSurrender();
    expect(issuesOf(IntakeEventFinalSchema, event)).toStrictEqual([
      ['collection', 'required'],
      ['campaignId', 'campaignNotExpected'],
    ]);
    const { campaignId: _campaign, ...withoutCampaign } = event;
    expect(issuesOf(IntakeEventFinalSchema, withoutCampaign)).toStrictEqual([
      ['collection', 'required'],
    ]);
  });

  it('requires each collection detail of a surrender', () => {
    const event = { ...campaignSurrender(), collection: {} };
    expect(issuesOf(IntakeEventFinalSchema, event)).toStrictEqual([
      ['collection.collectionMethod', 'required'],
      ['collection.surrenderingPartyType', 'required'],
      ['collection.anonymous', 'required'],
      ['collection.campaignBased', 'required'],
      ['collection.dispositionRequested', 'required'],
    ]);
  });

  it('rejects details of the other context', () => {
    const seizure = borderSeizure().seizure;
    expect(issuesOf(IntakeEventFinalSchema, { ...campaignSurrender(), seizure })).toStrictEqual([
      ['seizure', 'notApplicable'],
    ]);
    const collection = campaignSurrender().collection;
    expect(issuesOf(IntakeEventFinalSchema, { ...borderSeizure(), collection })).toStrictEqual([
      ['collection', 'notApplicable'],
    ]);
  });

  describe('campaign rule: the person says whether the collection was campaign-based', () => {
    it('requires the campaign when campaign-based', () => {
      const { campaignId: _dropped, ...event } = campaignSurrender();
      expect(issuesOf(IntakeEventFinalSchema, event)).toStrictEqual([['campaignId', 'required']]);
    });

    it('accepts an open-door surrender outside any campaign', () => {
      const { campaignId: _dropped, ...event } = campaignSurrender();
      const collection = { ...event.collection, campaignBased: false };
      expect(IntakeEventFinalSchema.safeParse({ ...event, collection }).success).toBe(true);
    });

    it('rejects a campaign on a collection said not to be campaign-based', () => {
      const event = campaignSurrender();
      const collection = { ...event.collection, campaignBased: false };
      expect(issuesOf(IntakeEventFinalSchema, { ...event, collection })).toStrictEqual([
        ['campaignId', 'campaignNotExpected'],
      ]);
    });

    it('rejects a campaign on a seizure', () => {
      expect(issuesOf(IntakeEventFinalSchema, { ...borderSeizure(), campaignId: id(3) })).toEqual([
        ['campaignId', 'campaignNotExpected'],
      ]);
    });

    it('accepts an item found during a campaign, described by collection details', () => {
      const event = { ...campaignSurrender(), context: 'found' };
      expect(IntakeEventFinalSchema.safeParse(event).success).toBe(true);
    });
  });

  it('fails a weapon without a photo at weapons.N.photos', () => {
    const event = borderSeizure();
    const second = { ...event.weapons[1], photos: [] };
    expect(
      issuesOf(IntakeEventFinalSchema, { ...event, weapons: [event.weapons[0], second] }),
    ).toStrictEqual([['weapons.1.photos', 'photoRequired']]);
  });

  it('accepts an empty serial when the serial is not present', () => {
    const event = borderSeizure();
    const rifle = { ...finalAssaultRifle(1), serialStatus: 'not_present', serialNumber: '' };
    expect(IntakeEventFinalSchema.safeParse({ ...event, weapons: [rifle] }).success).toBe(true);
  });

  it('requires at least one item of any kind', () => {
    const event = { ...borderSeizure(), weapons: [], parts: [], ammunition: [], explosives: [] };
    expect(issuesOf(IntakeEventFinalSchema, event)).toStrictEqual([['weapons', 'itemRequired']]);
    expect(
      IntakeEventFinalSchema.safeParse({ ...event, parts: borderSeizure().parts }).success,
    ).toBe(true);
  });

  it('rejects an item recorded with a zero quantity', () => {
    const event = borderSeizure();
    const lot = {
      ...event.ammunition[0],
      quantity: { kind: 'ammunition', unit: 'rounds', amount: 0 },
    };
    expect(issuesOf(IntakeEventFinalSchema, { ...event, ammunition: [lot] })).toStrictEqual([
      ['ammunition.0.quantity.amount', 'amountMustBePositive'],
    ]);
  });

  it('rejects one id used by two items, even of different kinds', () => {
    const event = borderSeizure();
    const part = { ...event.parts[0], id: event.weapons[0]?.id };
    expect(issuesOf(IntakeEventFinalSchema, { ...event, parts: [part] })).toStrictEqual([
      ['parts.0.id', 'duplicateId'],
    ]);
  });

  it('checks the date and time formats', () => {
    expect(
      issuesOf(IntakeEventFinalSchema, {
        ...borderSeizure(),
        occurredAt: '14.03.2025',
        occurredTime: '6:40',
      }),
    ).toStrictEqual([
      ['occurredAt', 'invalidDate'],
      ['occurredTime', 'invalidTime'],
    ]);
  });
});

describe('IntakeEventDraftSchema', () => {
  it('accepts the half-filled draft', () => {
    const draft = IntakeEventDraftSchema.parse(halfFilledDraft());
    expect(draft.weapons[0]?.serialNumberNormalised).toBeUndefined();
  });

  it('accepts a new, empty draft', () => {
    const draft = newIntakeEventDraft(id(5));
    expect(draft).toStrictEqual({
      id: id(5),
      status: 'draft',
      revision: 0,
      weapons: [],
      parts: [],
      ammunition: [],
      explosives: [],
      photos: [],
    });
  });

  it('keeps both details while the person is still deciding on the context', () => {
    const draft = {
      ...halfFilledDraft(),
      context: 'surrendered',
      collection: { anonymous: true },
      campaignId: id(3),
    };
    expect(IntakeEventDraftSchema.safeParse(draft).success).toBe(true);
  });

  it('refuses a final record: a final is never saved through the draft schema', () => {
    expect(issuesOf(IntakeEventDraftSchema, borderSeizure())).toStrictEqual([
      ['status', 'invalidOption'],
    ]);
  });

  it.each([
    ['a malformed date', { occurredAt: '2025-02-30' }, [['occurredAt', 'invalidDate']]],
    ['an impossible time', { occurredTime: '24:00' }, [['occurredTime', 'invalidTime']]],
    ['an unknown context', { context: 'confiscated' }, [['context', 'invalidOption']]],
    ['a negative revision', { revision: -1 }, [['revision', 'invalidNumber']]],
    [
      'a fractional round count',
      {
        ammunition: [
          { id: id(700), quantity: { kind: 'ammunition', unit: 'rounds', amount: 1.5 } },
        ],
      },
      [['ammunition.0.quantity.amount', 'wholeNumberRequired']],
    ],
    [
      'a scene photo that is too large',
      {
        photos: [{ ...photo(1, 'scene'), size: 26 * 1024 * 1024 }],
      },
      [['photos.0.size', 'attachmentTooLarge']],
    ],
    [
      'an unknown legal justification',
      { seizure: { legalJustification: 'suspicion' } },
      [['seizure.legalJustification', 'invalidOption']],
    ],
  ])('still rejects %s', (_label, patch, expected) => {
    expect(issuesOf(IntakeEventDraftSchema, { ...halfFilledDraft(), ...patch })).toStrictEqual(
      expected,
    );
  });
});

describe('border rule (A5: direction and conveyance required at borders)', () => {
  const { direction: _d, conveyance: _c, ...typed } = borderSeizure().seizure;
  const seizure = SeizureDetailsDraftSchema.parse(typed);

  it('requires both at a border crossing', () => {
    expect(borderSeizureIssues({ seizure }, 'border_crossing_road')).toStrictEqual([
      { path: ['seizure', 'direction'], message: 'required' },
      { path: ['seizure', 'conveyance'], message: 'required' },
    ]);
    expect(issuesOf(intakeEventFinalSchemaAt('airport'), { ...borderSeizure(), seizure })).toEqual([
      ['seizure.direction', 'required'],
      ['seizure.conveyance', 'required'],
    ]);
  });

  it('requires neither inland', () => {
    expect(borderSeizureIssues({ seizure }, 'inland_police_station')).toStrictEqual([]);
    const event = { ...borderSeizure(), seizure };
    expect(intakeEventFinalSchemaAt('inland_police_station').safeParse(event).success).toBe(true);
  });
});

describe('intakeTotals', () => {
  it('counts per kind and unit and never mixes units', () => {
    const event = IntakeEventFinalSchema.parse(borderSeizure());
    expect(intakeTotals(event)).toStrictEqual({
      weapons: { kind: 'weapons', unit: 'pieces', amount: 2 },
      parts: { kind: 'parts', unit: 'pieces', amount: 4 },
      ammunition: [
        { kind: 'ammunition', unit: 'rounds', amount: 120 },
        { kind: 'ammunition', unit: 'boxes', amount: 1 },
      ],
      explosives: [{ kind: 'explosives', unit: 'pieces', amount: 1 }],
    });
  });

  it('adds lots of the same unit and keeps other units apart', () => {
    const event = borderSeizure();
    const lot = (n: number, unit: string, amount: number) => ({
      ...event.ammunition[0],
      id: id(n),
      quantity: { kind: 'ammunition', unit, amount },
    });
    const parsed = IntakeEventFinalSchema.parse({
      ...event,
      ammunition: [lot(1001, 'rounds', 100), lot(1002, 'kg', 12.5), lot(1003, 'rounds', 50)],
      explosives: [
        {
          ...event.explosives[0],
          id: id(1004),
          quantity: { kind: 'explosives', unit: 'kg', amount: 50 },
        },
        {
          ...event.explosives[0],
          id: id(1005),
          quantity: { kind: 'explosives', unit: 'pieces', amount: 3 },
        },
      ],
    });
    const totals = intakeTotals(parsed);
    expect(totals.ammunition).toStrictEqual([
      { kind: 'ammunition', unit: 'rounds', amount: 150 },
      { kind: 'ammunition', unit: 'kg', amount: 12.5 },
    ]);
    expect(totals.explosives).toStrictEqual([
      { kind: 'explosives', unit: 'pieces', amount: 3 },
      { kind: 'explosives', unit: 'kg', amount: 50 },
    ]);
  });

  it('counts a draft, leaving out quantities whose unit or amount is not known yet', () => {
    const draft = IntakeEventDraftSchema.parse(halfFilledDraft());
    expect(intakeTotals(draft)).toStrictEqual({
      weapons: { kind: 'weapons', unit: 'pieces', amount: 1 },
      parts: { kind: 'parts', unit: 'pieces', amount: 0 },
      ammunition: [],
      explosives: [],
    });
  });

  it('is zero for an empty event', () => {
    expect(intakeTotals(newIntakeEventDraft(id(5)))).toStrictEqual({
      weapons: { kind: 'weapons', unit: 'pieces', amount: 0 },
      parts: { kind: 'parts', unit: 'pieces', amount: 0 },
      ammunition: [],
      explosives: [],
    });
  });
});
