import { describe, expect, it } from 'vitest';
import {
  exportTablesOf,
  joinColumnOf,
  rowsOfRecord,
} from '../../../../shared/exports/export-tables.ts';

const meta = { id: 'E1', revision: 3, createdAt: '2026-01-02T10:00:00Z', createdBy: 'U1' };

describe('the tables of an export', () => {
  const withPersons = exportTablesOf('intake_event', { personalData: true });
  const without = exportTablesOf('intake_event', { personalData: false });
  const table = (tables: typeof without, name: string) => tables.find((t) => t.name === name);

  it('puts each list of an intake record in its own table, joined by ids', () => {
    expect(without.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'intake_event',
        'intake_event.weapons',
        'intake_event.weapons.markings',
        'intake_event.parts',
        'intake_event.ammunition',
        'intake_event.explosives',
      ]),
    );
    expect(table(without, 'intake_event.weapons.markings')?.columns.slice(0, 3)).toEqual([
      'intake_event_id',
      'weapon_id',
      'index',
    ]);
    expect(table(without, 'intake_event')?.columns).toEqual(
      expect.arrayContaining(['id', 'seizure.legalJustification', 'context']),
    );
  });

  it('leaves personal data out unless asked: surrenderers and persons involved', () => {
    expect(table(withPersons, 'intake_event')?.columns).toContain('collection.surrendererSex');
    expect(table(without, 'intake_event')?.columns).not.toContain('collection.surrendererSex');
    expect(table(without, 'intake_event')?.columns).not.toContain('collection.receiptNumber');
    expect(table(withPersons, 'intake_event.seizure.personsInvolved')).toBeDefined();
    expect(table(without, 'intake_event.seizure.personsInvolved')).toBeUndefined();
  });

  it('gives a marking row its record and its weapon, and a list of values as one cell', () => {
    const markings = table(without, 'intake_event.weapons.markings');
    if (markings === undefined) throw new Error('no markings table');
    const record = {
      weapons: [
        { id: 'W1', markings: [] },
        { id: 'W2', markings: [{ id: 'M1', textAsRead: 'ZASTAVA' }, { id: 'M2' }] },
      ],
    };
    const rows = [...rowsOfRecord(markings, record, meta)];
    const at = (row: unknown[] | undefined, column: string) =>
      row?.[markings.columns.indexOf(column)];
    expect(
      rows.map((row) => [at(row, 'intake_event_id'), at(row, 'weapon_id'), at(row, 'index')]),
    ).toEqual([
      ['E1', 'W2', 1],
      ['E1', 'W2', 2],
    ]);
    expect(at(rows[0], 'textAsRead')).toBe('ZASTAVA');
  });

  it('starts a record table with what the store knows of the record', () => {
    const events = table(without, 'intake_event');
    if (events === undefined) throw new Error('no events table');
    const [row] = [...rowsOfRecord(events, { context: 'seized' }, meta)];
    expect(row?.slice(0, 4)).toEqual(['E1', 3, '2026-01-02T10:00:00Z', 'U1']);
    expect(row?.[events.columns.indexOf('context')]).toBe('seized');
  });

  it.each([
    ['weapons', 'weapon_id'],
    ['ammunition', 'ammunition_id'],
    ['discrepancies', 'discrepancy_id'],
    ['personsInvolved', 'persons_involved_id'],
  ])('names the join column of %s', (list, column) => {
    expect(joinColumnOf(list)).toBe(column);
  });
});
