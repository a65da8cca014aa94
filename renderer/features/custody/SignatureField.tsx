import { useEffect, useId, useImperativeHandle, useRef, type Ref } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';
import { localTimestamp, type SignatureValues } from './custody-form.ts';
import { CustodyField, MomentInputs, useIssueText } from './fields.tsx';
import { SignatureImage } from './SignatureImage.tsx';

/** What the form asks of a signature when it saves: the drawn image as PNG base64, if any. */
export interface SignatureHandle {
  png(): string | null;
}

type Side = 'handover' | 'receipt';
interface SignatureForm {
  handover: SignatureValues;
  receipt: SignatureValues;
}

/** A typed name drawn as the signature: the way to sign without a mouse, pen or finger. */
function drawTypedName(canvas: HTMLCanvasElement, name: string): void {
  const context = canvas.getContext('2d');
  if (context === null) return;
  const width = canvas.offsetWidth;
  const height = canvas.offsetHeight;
  let size = Math.round(height * 0.4);
  context.save();
  context.fillStyle = 'rgb(0, 0, 0)';
  context.textBaseline = 'middle';
  do {
    context.font = `italic ${size}px "Segoe Script", "URW Chancery L", cursive, serif`;
    size -= 2;
  } while (context.measureText(name).width > width - 24 && size > 10);
  context.fillText(name, 12, height / 2);
  context.restore();
}

/**
 * A signature captured on the laptop (A11): who signs, when, and the signature drawn on a pad
 * (signature_pad, a canvas). The person signing need not use the laptop. Keyboard users sign with
 * the typed name instead, drawn onto the pad; Clear starts again. A correction may keep the
 * signature of the record it corrects until someone signs again.
 */
export function SignatureField({
  side,
  legend,
  intro,
  handleRef,
}: {
  side: Side;
  legend: string;
  intro: string;
  handleRef: Ref<SignatureHandle | null>;
}) {
  const { t } = useTranslation('custody');
  const issueText = useIssueText();
  const {
    control,
    register,
    setValue,
    getValues,
    formState: { errors, isSubmitted },
  } = useFormContext<SignatureForm>();
  const kept = useWatch({ control, name: `${side}.kept` });
  const drawn = useWatch({ control, name: `${side}.drawn` });
  const name = useWatch({ control, name: `${side}.name` });
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const typedRef = useRef<string | null>(null);
  const ids = { hint: useId(), status: useId(), error: useId() };
  const sideErrors = errors[side];
  const drawnError = sideErrors?.drawn?.message ?? sideErrors?.message;

  const markSigned = (signed: boolean) => {
    setValue(`${side}.drawn`, signed, { shouldDirty: true, shouldValidate: isSubmitted });
    if (signed && getValues(`${side}.at`) === '') {
      setValue(`${side}.at`, localTimestamp(new Date()), {
        shouldDirty: true,
        shouldValidate: isSubmitted,
      });
    }
  };
  const markRef = useRef(markSigned);
  useEffect(() => {
    markRef.current = markSigned;
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return;
    const pad = new SignaturePad(canvas, {
      backgroundColor: 'rgb(255, 255, 255)',
      penColor: 'rgb(0, 0, 0)',
    });
    padRef.current = pad;
    let width = 0;
    // The canvas draws at the screen's pixel density; a new size keeps what is drawn.
    const fit = () => {
      if (canvas.offsetWidth === width || canvas.offsetWidth === 0) return;
      width = canvas.offsetWidth;
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const strokes = pad.toData();
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
      if (typedRef.current !== null) drawTypedName(canvas, typedRef.current);
      pad.fromData(strokes, { clear: false });
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(canvas);
    const ended = () => markRef.current(true);
    pad.addEventListener('endStroke', ended);
    return () => {
      observer.disconnect();
      pad.removeEventListener('endStroke', ended);
      pad.off();
      padRef.current = null;
    };
  }, [kept]);

  useImperativeHandle(
    handleRef,
    () => ({
      png: () => {
        const canvas = canvasRef.current;
        if (canvas === null || !getValues(`${side}.drawn`)) return null;
        const url = canvas.toDataURL('image/png');
        return url.slice(url.indexOf(',') + 1);
      },
    }),
    [getValues, side],
  );

  const clear = () => {
    padRef.current?.clear();
    typedRef.current = null;
    markSigned(false);
  };
  const signWithName = () => {
    const canvas = canvasRef.current;
    const typed = (getValues(`${side}.name`) ?? '').trim();
    if (canvas === null || typed === '') return;
    padRef.current?.clear();
    typedRef.current = typed;
    drawTypedName(canvas, typed);
    markSigned(true);
  };
  const signer = name.trim() === '' ? t(`signature.${side}.who`) : name.trim();

  return (
    <fieldset className="card signature" data-testid={`signature-${side}`}>
      <legend>{legend}</legend>
      <p className="field__hint">{intro}</p>
      <div className="grid">
        <CustodyField label={t('signature.name')} required error={sideErrors?.name?.message}>
          {(a11y) => (
            <input {...a11y} type="text" autoComplete="off" {...register(`${side}.name`)} />
          )}
        </CustodyField>
        <div className="grid__row">
          <Controller
            control={control}
            name={`${side}.at`}
            render={({ field }) => (
              <CustodyField label={t('signature.at')} required error={sideErrors?.at?.message}>
                {(a11y) => (
                  <MomentInputs
                    control={a11y}
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                    timeLabel={t('signature.atTime')}
                    nowLabel={t('signature.atNow', { who: signer })}
                  />
                )}
              </CustodyField>
            )}
          />
        </div>
      </div>
      {kept !== null ? (
        <div className="signature__kept">
          <SignatureImage image={kept} alt={t('signature.keptAlt', { who: signer })} />
          <p className="field__hint">{t('signature.kept')}</p>
          <button
            type="button"
            className="button button--small"
            onClick={() => setValue(`${side}.kept`, null, { shouldDirty: true })}
          >
            {t('signature.signAgain')}
          </button>
        </div>
      ) : (
        <>
          <canvas
            ref={canvasRef}
            className={
              drawnError === undefined ? 'signature__pad' : 'signature__pad signature__pad--invalid'
            }
            role="img"
            aria-label={
              drawn
                ? t('signature.padSigned', { who: signer })
                : t('signature.padEmpty', { who: signer })
            }
            aria-describedby={`${ids.hint} ${ids.status}`}
          />
          <p id={ids.hint} className="field__hint">
            {t('signature.padHint')}
          </p>
          <div className="actions actions--tight">
            <button
              type="button"
              className="button button--small"
              onClick={signWithName}
              disabled={name.trim() === ''}
              aria-describedby={ids.hint}
            >
              {t('signature.useName')}
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={clear}
              aria-label={t(`signature.${side}.clear`)}
            >
              {t('signature.clear')}
            </button>
            <span id={ids.status} className="signature__status" role="status">
              {drawn ? t('signature.signed') : t('signature.notSigned')}
            </span>
          </div>
          {drawnError !== undefined && (
            <p id={ids.error} className="field__error" role="alert">
              {drawnError === 'required' ? t('signature.required') : issueText(drawnError)}
            </p>
          )}
        </>
      )}
    </fieldset>
  );
}
