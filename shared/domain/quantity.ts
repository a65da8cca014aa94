import { z } from 'zod';
import { AmmoQuantityUnitSchema, ExplosiveQuantityUnitSchema } from './enums.ts';
import { key, keyed } from './message-keys.ts';
import { objectOf, reportIssues, type DomainIssue } from './primitives.ts';

/**
 * Quantities of SALW items. Reports mix "pieces of SALW", parts, rounds, tonnes of ammunition and
 * kg of explosive; summing across them produces meaningless figures (salw-domain.md §a
 * principle 3). Every quantity therefore carries its kind and unit, and only identical
 * (kind, unit) pairs are ever added: at compile time through `addQuantities`' types, and at run
 * time by a throw.
 */
export const quantityKindValues = ['weapons', 'parts', 'ammunition', 'explosives'] as const;
export const QuantityKindSchema = z.enum(quantityKindValues, keyed('invalidOption'));
export type QuantityKind = z.infer<typeof QuantityKindSchema>;

/** Units that count things; their amounts are whole numbers. */
export const countableUnits = ['pieces', 'rounds', 'boxes'] as const;
/** Units that weigh things; decimals allowed. */
export const measuredUnits = ['kg', 'tonnes'] as const;
/** Also the canonical order of totals. */
export const quantityUnitValues = [...countableUnits, ...measuredUnits] as const;
export const QuantityUnitSchema = z.enum(quantityUnitValues, keyed('invalidOption'));
export type QuantityUnit = z.infer<typeof QuantityUnitSchema>;

const countableUnitSet: ReadonlySet<string> = new Set(countableUnits);
export function isCountableUnit(unit: QuantityUnit): boolean {
  return countableUnitSet.has(unit);
}

/** Non-negative and finite (zod 4 rejects NaN and ±Infinity); zero is a valid total. */
const AmountSchema = z.number(keyed('invalidNumber')).min(0, key('amountNegative'));
const PiecesSchema = z.literal('pieces', keyed('invalidOption'));

function wholeNumberIssues(unit: unknown, amount: unknown): DomainIssue[] {
  const countable = typeof unit === 'string' && countableUnitSet.has(unit);
  return countable && typeof amount === 'number' && !Number.isInteger(amount)
    ? [{ path: ['amount'], message: 'wholeNumberRequired' }]
    : [];
}

function kindSchema<const K extends QuantityKind>(kind: K) {
  return z.literal(kind, keyed('invalidOption'));
}

export const WeaponsQuantitySchema = objectOf({
  kind: kindSchema('weapons'),
  unit: PiecesSchema,
  amount: AmountSchema,
}).superRefine((q, ctx) => reportIssues(ctx, wholeNumberIssues(q.unit, q.amount)));
export type WeaponsQuantity = z.infer<typeof WeaponsQuantitySchema>;

export const PartsQuantitySchema = objectOf({
  kind: kindSchema('parts'),
  unit: PiecesSchema,
  amount: AmountSchema,
}).superRefine((q, ctx) => reportIssues(ctx, wholeNumberIssues(q.unit, q.amount)));
export type PartsQuantity = z.infer<typeof PartsQuantitySchema>;

export const AmmunitionQuantitySchema = objectOf({
  kind: kindSchema('ammunition'),
  unit: AmmoQuantityUnitSchema,
  amount: AmountSchema,
}).superRefine((q, ctx) => reportIssues(ctx, wholeNumberIssues(q.unit, q.amount)));
export type AmmunitionQuantity = z.infer<typeof AmmunitionQuantitySchema>;

export const ExplosivesQuantitySchema = objectOf({
  kind: kindSchema('explosives'),
  unit: ExplosiveQuantityUnitSchema,
  amount: AmountSchema,
}).superRefine((q, ctx) => reportIssues(ctx, wholeNumberIssues(q.unit, q.amount)));
export type ExplosivesQuantity = z.infer<typeof ExplosivesQuantitySchema>;

export const QuantitySchema = z.discriminatedUnion(
  'kind',
  [WeaponsQuantitySchema, PartsQuantitySchema, AmmunitionQuantitySchema, ExplosivesQuantitySchema],
  keyed('invalidObject'),
);
export type Quantity = z.infer<typeof QuantitySchema>;

/** The units a kind may use: `QuantityUnitOf<'explosives'>` is 'pieces' | 'kg'. */
export type QuantityUnitOf<K extends QuantityKind> = Extract<Quantity, { kind: K }>['unit'];

/*
 * Draft quantities: the item form may have a unit picked and no amount yet, or the reverse.
 * A present amount must still be well-formed (non-negative, whole for countable units).
 */
export const PartsQuantityDraftSchema = objectOf({
  kind: kindSchema('parts'),
  unit: PiecesSchema.optional(),
  amount: AmountSchema.optional(),
}).superRefine((q, ctx) => reportIssues(ctx, wholeNumberIssues(q.unit ?? 'pieces', q.amount)));
export type PartsQuantityDraft = z.infer<typeof PartsQuantityDraftSchema>;

export const AmmunitionQuantityDraftSchema = objectOf({
  kind: kindSchema('ammunition'),
  unit: AmmoQuantityUnitSchema.optional(),
  amount: AmountSchema.optional(),
}).superRefine((q, ctx) => reportIssues(ctx, wholeNumberIssues(q.unit, q.amount)));
export type AmmunitionQuantityDraft = z.infer<typeof AmmunitionQuantityDraftSchema>;

export const ExplosivesQuantityDraftSchema = objectOf({
  kind: kindSchema('explosives'),
  unit: ExplosiveQuantityUnitSchema.optional(),
  amount: AmountSchema.optional(),
}).superRefine((q, ctx) => reportIssues(ctx, wholeNumberIssues(q.unit, q.amount)));
export type ExplosivesQuantityDraft = z.infer<typeof ExplosivesQuantityDraftSchema>;

/** A recorded item has something in it: a FINAL lot of zero rounds is a typing slip. */
export function positiveAmountIssues(quantity: unknown): DomainIssue[] {
  const amount =
    typeof quantity === 'object' && quantity !== null
      ? (quantity as { amount?: unknown }).amount
      : undefined;
  return amount === 0 ? [{ path: ['quantity', 'amount'], message: 'amountMustBePositive' }] : [];
}

/** 'ammunition:rounds': the only key totals are ever grouped by. */
export function quantityKey(quantity: Pick<Quantity, 'kind' | 'unit'>): string {
  return `${quantity.kind}:${quantity.unit}`;
}

/** A validated quantity whose kind and unit are known to the type checker. */
export function makeQuantity<K extends QuantityKind, U extends QuantityUnitOf<K>>(
  kind: K,
  unit: U,
  amount: number,
): Quantity & { kind: K; unit: U } {
  // The parse proves the (kind, unit) pair and amount at run time; the cast only narrows.
  return QuantitySchema.parse({ kind, unit, amount }) as Quantity & { kind: K; unit: U };
}

/** Float noise (0.1 + 0.2 kg) never reaches a report; a microgram is far below any scale's reading. */
function settle(unit: QuantityUnit, amount: number): number {
  return isCountableUnit(unit) ? amount : Math.round(amount * 1e6) / 1e6;
}

/** The run-time rule behind both helpers below: same kind and unit, or a throw. */
function addChecked(a: Quantity, b: Quantity): Quantity {
  if (a.kind !== b.kind || a.unit !== b.unit) {
    throw new TypeError(
      `Cannot add ${quantityKey(b)} to ${quantityKey(a)}: quantities of different kinds or units are never summed`,
    );
  }
  return { ...a, amount: settle(a.unit, a.amount + b.amount) };
}

/**
 * Adds two quantities of the same kind and unit. `addQuantities(rounds, kg)` does not compile
 * when the units are known statically, and always throws at run time.
 */
export function addQuantities<Q extends Quantity>(
  a: Q,
  b: NoInfer<Quantity & Pick<Q, 'kind' | 'unit'>>,
): Quantity & Pick<Q, 'kind' | 'unit'> {
  // addChecked keeps a's kind and unit, which is what the return type states.
  return addChecked(a, b) as Quantity & Pick<Q, 'kind' | 'unit'>;
}

const kindOrder: ReadonlyMap<string, number> = new Map(quantityKindValues.map((k, i) => [k, i]));
const unitOrder: ReadonlyMap<string, number> = new Map(quantityUnitValues.map((u, i) => [u, i]));

/**
 * One total per (kind, unit), in a stable order (weapons, parts, ammunition, explosives; pieces,
 * rounds, boxes, kg, tonnes). There is deliberately no grand total.
 */
export function sumByKindAndUnit<Q extends Quantity>(
  list: readonly Q[],
): Array<Quantity & Pick<Q, 'kind' | 'unit'>> {
  const totals = new Map<string, Quantity>();
  for (const quantity of list) {
    const total = totals.get(quantityKey(quantity));
    totals.set(
      quantityKey(quantity),
      total === undefined
        ? { ...quantity, amount: settle(quantity.unit, quantity.amount) }
        : addChecked(total, quantity),
    );
  }
  const sorted = [...totals.values()].sort(
    (x, y) =>
      (kindOrder.get(x.kind) ?? 0) - (kindOrder.get(y.kind) ?? 0) ||
      (unitOrder.get(x.unit) ?? 0) - (unitOrder.get(y.unit) ?? 0),
  );
  // Every total was built from list members, so it has one of their (kind, unit) pairs.
  return sorted as Array<Quantity & Pick<Q, 'kind' | 'unit'>>;
}
