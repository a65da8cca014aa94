import { useTranslation } from 'react-i18next';
import { WholeNumberSettingForm } from './WholeNumberSettingForm.tsx';

const traceAnswerDaysKey = 'traceAnswerDays' as const;

/**
 * Days a state is given to answer a trace request before it is listed as overdue, beside the
 * idle lock and saved the same way.
 */
export function TraceAnswerDaysForm() {
  const { t } = useTranslation('tracing');
  return (
    <WholeNumberSettingForm
      setting={traceAnswerDaysKey}
      title={t('settings.section')}
      label={t('settings.answerDays')}
      hint={t('settings.answerDaysHint')}
      max={365}
    />
  );
}
