import type { z } from 'zod';
import type { RecordEntity } from '../records/record-entities.ts';
import { recordTypeOf } from '../records/record-types.ts';

/**
 * The tables of an export (issue 16), derived from the record types' own schemas so that a field
 * added to a record appears in every export without a second list: one table per record type,
 * its fields flattened into columns by dotted path ("seizure.direction"), and one more table per
 * list of objects inside it ("intake_event.weapons", "intake_event.weapons.markings"), each row
 * joined to its record (and to its parent item) by id, as Kobo's XLSX puts each repeat on its own
 * sheet. A list of plain values is one cell, its values joined by "; ".
 */
export const exportedEntities = [
  'intake_event',
  'location',
  'campaign',
  'custody_transfer',
  'custody_decision',
  'destruction_event',
  'stock_check',
  'loss_incident',
  'trace_request',
  'historic_count',
] as const satisfies readonly RecordEntity[];
export type ExportedEntity = (typeof exportedEntities)[number];

/**
 * Personal data (issue 16: surrenderers and persons involved), left out unless the person asks
 * for it and their role allows it. Paths as in the tables; a path names a column or a whole
 * table. No names are recorded at all (collection-details.ts); what is here describes a person.
 */
export const personalDataPaths: ReadonlySet<string> = new Set([
  'intake_event:collection.surrendererSex',
  'intake_event:collection.surrendererAgeBand',
  'intake_event:collection.receiptNumber',
  'intake_event.seizure.personsInvolved',
]);

export interface ExportTable {
  /** "intake_event", "intake_event.weapons": the record type, then the path of the list. */
  readonly name: string;
  readonly entity: ExportedEntity;
  /** Path of the list inside the record, from the record down ([] for the record's own table). */
  readonly listPath: readonly string[];
  /** Columns: the join ids first, then the fields by dotted path. */
  readonly columns: readonly string[];
  /** The field paths behind the columns after the join ids. */
  readonly fields: readonly string[];
  /** For each list above this one, whether its elements' ids are join columns here. */
  readonly idAtLevel: readonly boolean[];
}

/** Columns every record table starts with: what the store knows beside the record's data. */
export const recordMetaColumns = ['id', 'revision', 'created_at', 'created_by'] as const;

interface Shape {
  readonly fields: string[];
  readonly lists: { path: string; element: z.ZodType }[];
}

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
};
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under wrappers (optional, nullable, default, a pipe's input…). */
function unwrap(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  if (def.innerType !== undefined) return unwrap(def.innerType);
  if (def.type === 'pipe' && def.in !== undefined) return unwrap(def.in);
  return schema;
}

/** The object shapes a schema may take (a union of objects has several). */
function objectShapes(schema: z.ZodType): Record<string, z.ZodType>[] {
  const def = defOf(unwrap(schema));
  if (def.type === 'object' && def.shape !== undefined) return [def.shape];
  if (def.type === 'union' && def.options !== undefined) return def.options.flatMap(objectShapes);
  if (def.type === 'intersection' && def.left !== undefined && def.right !== undefined) {
    return [...objectShapes(def.left), ...objectShapes(def.right)];
  }
  return [];
}

function shapeOf(schema: z.ZodType, prefix = '', into: Shape = { fields: [], lists: [] }): Shape {
  for (const shape of objectShapes(schema)) {
    for (const [key, field] of Object.entries(shape)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      const inner = unwrap(field);
      const def = defOf(inner);
      if (def.type === 'array' && def.element !== undefined) {
        if (objectShapes(def.element).length > 0) {
          if (!into.lists.some((list) => list.path === path)) {
            into.lists.push({ path, element: def.element });
          }
        } else if (!into.fields.includes(path)) into.fields.push(path);
      } else if (objectShapes(inner).length > 0) {
        shapeOf(inner, path, into);
      } else if (!into.fields.includes(path)) {
        into.fields.push(path);
      }
    }
  }
  return into;
}

/** The id column a child row carries for each list above it ("weapons" → "weapon_id"). */
export function joinColumnOf(segment: string): string {
  const last = segment.split('.').at(-1) ?? segment;
  const singular = last.endsWith('ies')
    ? `${last.slice(0, -3)}y`
    : last.endsWith('s')
      ? last.slice(0, -1)
      : last;
  return `${singular.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_id`;
}

/** The tables of one record type: the record's own, then one per list, depth first. */
export function exportTablesOf(
  entity: ExportedEntity,
  options: { personalData: boolean },
): ExportTable[] {
  const tables: ExportTable[] = [];
  const personal = (name: string, field?: string) =>
    !options.personalData &&
    (personalDataPaths.has(name) ||
      (field !== undefined && personalDataPaths.has(`${name}:${field}`)));
  const visit = (
    schema: z.ZodType,
    name: string,
    listPath: string[],
    joins: string[],
    idAtLevel: boolean[],
  ) => {
    if (personal(name)) return;
    const shape = shapeOf(schema);
    const fields = shape.fields.filter(
      (field) =>
        !personal(name, field) &&
        !(listPath.length === 0 && (field === 'id' || field === 'revision')),
    );
    const own = listPath.length === 0 ? [...recordMetaColumns] : [...joins, 'index'];
    tables.push({ name, entity, listPath, columns: [...own, ...fields], fields, idAtLevel });
    for (const list of shape.lists) {
      const withId = listPath.length > 0 && objectHasId(schema);
      const childJoins =
        listPath.length === 0
          ? [`${entity}_id`]
          : [...joins, ...(withId ? [joinColumnOf(listPath.at(-1) ?? '')] : [])];
      const childLevels = listPath.length === 0 ? [] : [...idAtLevel, withId];
      visit(
        list.element,
        `${name}.${list.path}`,
        [...listPath, list.path],
        childJoins,
        childLevels,
      );
    }
  };
  visit(recordTypeOf(entity).draftSchema, entity, [], [], []);
  return tables;
}

function objectHasId(schema: z.ZodType): boolean {
  return objectShapes(schema).some((shape) => 'id' in shape);
}

/** A value at a dotted path of an object (undefined when any step is missing). */
function valueAt(record: unknown, path: string): unknown {
  let value = record;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A cell as an export writes it: text, a number, a boolean or empty. */
export type ExportCell = string | number | boolean | null;

function cellOf(value: unknown): ExportCell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => String(cellOf(v) ?? '')).join('; ');
  return JSON.stringify(value);
}

/** What the store knows of a record beside its data. */
export interface StoredRecordMeta {
  readonly id: string;
  readonly revision: number;
  readonly createdAt: string;
  readonly createdBy: string;
}

/** The rows one record gives a table (one for its own table, one per element of a list). */
export function* rowsOfRecord(
  table: ExportTable,
  record: Record<string, unknown>,
  meta: StoredRecordMeta,
): Generator<ExportCell[]> {
  if (table.listPath.length === 0) {
    yield [
      meta.id,
      meta.revision,
      meta.createdAt,
      meta.createdBy,
      ...table.fields.map((field) => cellOf(valueAt(record, field))),
    ];
    return;
  }
  const walk = function* (
    holder: unknown,
    depth: number,
    joins: ExportCell[],
  ): Generator<ExportCell[]> {
    const list = valueAt(holder, table.listPath[depth] ?? '');
    if (!Array.isArray(list)) return;
    const last = depth === table.listPath.length - 1;
    for (const [index, element] of list.entries()) {
      if (last) {
        yield [
          ...joins,
          index + 1,
          ...table.fields.map((field) => cellOf(valueAt(element, field))),
        ];
      } else {
        const next =
          table.idAtLevel[depth] === true ? [...joins, cellOf(valueAt(element, 'id'))] : joins;
        yield* walk(element, depth + 1, next);
      }
    }
  };
  yield* walk(record, 0, [meta.id]);
}
