import { templateColumnNames } from '../../shared/import/intake-template.ts';

/** The inland police station the rows below name; a test saves it before importing them. */
export const importPlace = 'Stanica Centar';

/** One row of the import template: an assault rifle seized at `importPlace` in 2015. */
export function seizedRifleRow(event: string, serial: string): Record<string, string> {
  return {
    event_ref: event,
    context: 'seized',
    occurred_on: '2015-03-14',
    location: importPlace,
    recording_agency: 'Police',
    recording_officer: 'M. Petrovic',
    seizing_agency_type: 'police',
    legal_justification: 'illicit_possession',
    item_kind: 'weapon',
    weapon_type: 'assault_rifle',
    manufacturer: 'Zastava',
    model: 'M70',
    calibre: '7.62x39mm',
    serial_number: serial,
    marking_condition: 'intact',
  };
}

/**
 * A CSV in the template's columns, as a spreadsheet saves it (CRLF), or under other headings
 * (`rename`: template column → the file's heading).
 */
export function templateCsv(
  rows: readonly Record<string, string>[],
  rename: Readonly<Record<string, string>> = {},
): string {
  const lines = [templateColumnNames.map((name) => rename[name] ?? name).join(',')];
  for (const row of rows) lines.push(templateColumnNames.map((c) => row[c] ?? '').join(','));
  return `${lines.join('\r\n')}\r\n`;
}
