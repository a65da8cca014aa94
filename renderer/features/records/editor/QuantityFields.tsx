import { useId } from 'react';
import { useFormContext, useWatch, type Path } from 'react-hook-form';
import type { QuantityUnit } from '../../../../shared/domain/quantity.ts';
import {
  EnumSelect,
  FieldMessage,
  NumberField,
  useFieldMessage,
  type IntakeForm,
} from '../fields.tsx';
import { takesDecimals } from '../item-values.ts';
import { fieldId } from '../paths.ts';

/**
 * A lot's or item's quantity: the amount and its unit, side by side and both required. The
 * amount takes decimals only in a unit that weighs (kg, tonnes); a count is whole.
 */
export function QuantityFields({
  legend,
  quantityPath,
  amount,
  unit,
}: {
  legend: string;
  quantityPath: string;
  amount: { path: string; label: string };
  unit: { path: string; label: string; enumName: 'ammoQuantityUnit' | 'explosiveQuantityUnit' };
}) {
  const chosen = useWatch<IntakeForm>({ name: unit.path as Path<IntakeForm> }) as
    QuantityUnit | undefined;
  const { trigger } = useFormContext<IntakeForm>();
  const message = useFieldMessage(quantityPath);
  const messageId = useId();
  return (
    <fieldset className="quantity" id={fieldId(quantityPath)} tabIndex={-1}>
      <legend className="field__label--required">{legend}</legend>
      <div className="quantity__fields">
        <NumberField {...amount} required min={0} decimals={takesDecimals(chosen)} />
        <EnumSelect
          {...unit}
          required
          // Whether the amount may have decimals depends on the unit: check it again.
          onPicked={() => void trigger(amount.path as Path<IntakeForm>)}
        />
      </div>
      <FieldMessage id={messageId} messageKey={message} />
    </fieldset>
  );
}
