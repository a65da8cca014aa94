import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  importMessageKeys,
  IntakeImportValidator,
  parseDate,
  parseQuantity,
  type ImportedEvent,
  type ImportError,
} from '../../../../shared/import/intake-import.ts';
import {
  autoMapping,
  templateColumnNames,
  templateCsv,
} from '../../../../shared/import/intake-template.ts';

const stationId = '0190a6c2-0000-7000-8000-000000000001';
const provenance = {
  fileName: 'register-2015.csv',
  sha256: 'a'.repeat(64),
  importedAt: '2026-12-06T10:00:00.000Z',
};

const header = [
  'event_ref',
  'context',
  'occurred_on',
  'location',
  'recording_agency',
  'recording_officer',
  'seizing_agency_type',
  'legal_justification',
  'item_kind',
  'weapon_type',
  'manufacturer',
  'model',
  'calibre',
  'serial_number',
  'marking_condition',
  'ammo_class',
  'quantity',
  'unit',
];

type Row = Partial<Record<(typeof header)[number], string>>;

const seizure: Row = {
  event_ref: 'E-1',
  context: 'seized',
  occurred_on: '2015-03-14',
  location: 'Station Centar',
  recording_agency: 'Police',
  recording_officer: 'M. Petrović',
  seizing_agency_type: 'police',
  legal_justification: 'illicit_possession',
};

function rifle(serial: string, extra: Row = {}): Row {
  return {
    ...seizure,
    item_kind: 'weapon',
    weapon_type: 'assault_rifle',
    manufacturer: 'Zastava',
    model: 'M70',
    calibre: '7.62x39mm',
    serial_number: serial,
    marking_condition: 'intact',
    ...extra,
  };
}

function cartridges(quantity: string, unit: string, extra: Row = {}): Row {
  return {
    ...seizure,
    item_kind: 'ammunition',
    ammo_class: 'small_arms_cartridge',
    calibre: '7.62x39mm',
    quantity,
    unit,
    ...extra,
  };
}

function run(
  rows: readonly Row[],
  columns: readonly string[] = header,
  mapping = Object.fromEntries(columns.map((c) => [c, c])),
): { events: ImportedEvent[]; errors: ImportError[] } {
  const validator = new IntakeImportValidator({
    mapping,
    resolveLocation: (text) =>
      text.toLowerCase() === 'station centar' || text === stationId ? stationId : undefined,
    context: {
      lookup: (entity, id) =>
        entity === 'location' && id === stationId
          ? { locationType: 'inland_police_station' }
          : undefined,
      today: '2026-12-06',
    },
    newId: randomUUID,
    provenance,
  });
  const errors = validator.start(columns);
  const events: ImportedEvent[] = [];
  rows.forEach((row, index) => {
    events.push(
      ...validator.addRow(
        index + 2,
        columns.map((c) => row[c] ?? ''),
      ),
    );
  });
  events.push(...validator.finish());
  return { events, errors: [...errors, ...validator.takeErrors()] };
}

const pairs = (errors: readonly ImportError[]) =>
  errors.map(({ row, column, message }) => `${row} ${column} ${message}`);

describe('IntakeImportValidator', () => {
  it('groups rows by event_ref into final intake events that say where they came from', () => {
    const { events, errors } = run([
      rifle('123456'),
      cartridges('120', 'rounds'),
      rifle('77', { event_ref: 'E-2' }),
    ]);
    expect(errors).toStrictEqual([]);
    expect(events).toHaveLength(2);
    const [first] = events;
    expect(first?.event.status).toBe('final');
    expect(first?.event.locationId).toBe(stationId);
    expect(first?.event.weapons[0]).toMatchObject({
      category: 'small_arm',
      serialStatus: 'present',
      traceStatus: 'not_attempted',
      serialNumberNormalised: '123456',
      photos: [],
    });
    expect(first?.event.ammunition[0]?.quantity).toStrictEqual({
      kind: 'ammunition',
      unit: 'rounds',
      amount: 120,
    });
    expect(first?.event.importedFrom).toStrictEqual({
      ...provenance,
      eventRef: 'E-1',
      rows: [2, 3],
    });
  });

  it('refuses bad dates at the date column of the event row', () => {
    const { events, errors } = run([
      rifle('1', { occurred_on: '2015-02-30' }),
      rifle('2', { event_ref: 'E-2', occurred_on: '14/03/2015' }),
      rifle('3', { event_ref: 'E-3', occurred_on: '2099-01-01' }),
    ]);
    expect(events).toStrictEqual([]);
    expect(pairs(errors)).toStrictEqual([
      '2 occurred_on invalidDate',
      '3 occurred_on invalidDate',
      '4 occurred_on dateInFuture',
    ]);
    expect(errors[0]?.value).toBe('2015-02-30');
  });

  it('refuses unknown enumeration values and unknown places, naming the cell', () => {
    const { errors } = run([
      rifle('1', { weapon_type: 'bazooka' }),
      rifle('2', { event_ref: 'E-2', context: 'confiscated', location: 'Nowhere' }),
    ]);
    expect(pairs(errors)).toStrictEqual([
      '2 weapon_type invalidOption',
      '3 context invalidOption',
      '3 location unknownLocation',
    ]);
  });

  it('refuses units mixed in one column: a quantity cell naming another unit than the unit column', () => {
    const { events, errors } = run([
      cartridges('500 rounds', 'rounds'),
      cartridges('2 kg', 'rounds'),
      cartridges('3', 'litres', { event_ref: 'E-2' }),
    ]);
    expect(events).toStrictEqual([]);
    expect(pairs(errors)).toStrictEqual(['3 quantity mixedUnits', '4 unit invalidOption']);
  });

  it('takes the unit from the quantity cell when the unit column is empty', () => {
    const { events, errors } = run([cartridges('2,5 t', '')]);
    expect(errors).toStrictEqual([]);
    expect(events[0]?.event.ammunition[0]?.quantity).toStrictEqual({
      kind: 'ammunition',
      unit: 'tonnes',
      amount: 2.5,
    });
  });

  it('refuses a serial that appears twice in one file, naming the first row', () => {
    const { events, errors } = run([
      rifle('AK-123'),
      rifle('ak 123', { event_ref: 'E-2' }),
      rifle('AK-123', { event_ref: 'E-3', manufacturer: 'Izhmash' }),
    ]);
    expect(pairs(errors)).toStrictEqual(['3 serial_number duplicateSerial']);
    expect(errors[0]?.firstRow).toBe(2);
    // Another maker's weapon may carry the same serial.
    expect(events.map((e) => e.eventRef)).toStrictEqual(['E-1', 'E-3']);
  });

  it('puts final-form gaps at their cell, and event contradictions at the later row', () => {
    const { errors } = run([
      rifle('1', { manufacturer: '', marking_condition: '' }),
      rifle('2', { occurred_on: '2015-03-15' }),
      cartridges('0', 'rounds', { event_ref: 'E-2' }),
    ]);
    expect(pairs(errors)).toStrictEqual([
      '3 occurred_on eventFieldConflict',
      '4 quantity amountMustBePositive',
    ]);
    const gaps = run([rifle('1', { manufacturer: '', marking_condition: '' })]).errors;
    expect(pairs(gaps)).toStrictEqual(['2 manufacturer required', '2 marking_condition required']);
  });

  it('refuses an event whose rows are apart, and more than one weapon on a row', () => {
    const { errors } = run([
      rifle('1'),
      rifle('2', { event_ref: 'E-2' }),
      rifle('3', { quantity: '2' }),
    ]);
    expect(pairs(errors)).toStrictEqual(['4 event_ref eventRowsApart']);
    expect(pairs(run([rifle('1', { quantity: '2' })]).errors)).toStrictEqual([
      '2 quantity oneWeaponPerRow',
    ]);
  });

  it('reads a file with its own headers through a column mapping', () => {
    const columns = ['Događaj', 'Vrsta', 'Serijski broj', 'Datum', 'Extra'];
    const mapping = autoMapping(columns);
    expect(mapping).toStrictEqual({
      Događaj: 'event_ref',
      Vrsta: 'item_kind',
      'Serijski broj': 'serial_number',
      Datum: 'occurred_on',
      Extra: '',
    });
    const validator = new IntakeImportValidator({
      mapping: { Extra: 'notes' },
      resolveLocation: () => undefined,
      context: { lookup: () => undefined, today: '2026-12-06' },
      newId: randomUUID,
      provenance,
    });
    expect(pairs(validator.start(columns))).toStrictEqual([
      '1 event_ref columnMissing',
      '1 item_kind columnMissing',
    ]);
  });

  it('reads the documented template file as it is shipped, and local dates', () => {
    const [head] = templateCsv().split('\r\n');
    expect(head?.split(',')).toStrictEqual([...templateColumnNames]);
    expect(autoMapping(templateColumnNames)).toStrictEqual(
      Object.fromEntries(templateColumnNames.map((c) => [c, c])),
    );
    expect(parseDate('14.3.2015.')).toBe('2015-03-14');
    expect(parseQuantity('1 070')).toBeUndefined();
  });
});

describe('the shipped template and messages', () => {
  it('ships the documented template as a file the person can save, identical to templateCsv()', () => {
    const shipped = readFileSync(
      new URL('../../../../renderer/public/import-template-intake.csv', import.meta.url),
      'utf8',
    );
    expect(shipped).toBe(`${templateCsv()}\r\n`);
  });

  it('has every import message in English and Serbian', () => {
    for (const locale of ['en', 'sr-Latn']) {
      const catalogue = JSON.parse(
        readFileSync(
          new URL(`../../../../renderer/i18n/locales/${locale}.records.json`, import.meta.url),
          'utf8',
        ),
      ) as { import: { message: Record<string, string> } };
      expect(Object.keys(catalogue.import.message).sort()).toStrictEqual(
        [...importMessageKeys].sort(),
      );
    }
  });
});
