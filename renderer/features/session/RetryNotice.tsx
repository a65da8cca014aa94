import { useTranslation } from 'react-i18next';
import type { Countdown } from './use-countdown.ts';

/**
 * The wait after too many wrong secrets. The number ticks in a timer (not read out every second);
 * only "you can try again now" is announced, politely, when the wait is over.
 */
export function RetryNotice({ countdown }: { countdown: Countdown }) {
  const { t } = useTranslation('session');
  return (
    <>
      {countdown.secondsLeft > 0 && (
        <p className="countdown" role="timer" data-testid="retry-countdown">
          {t('unlock.retryIn', { count: countdown.secondsLeft })}
        </p>
      )}
      <p className="countdown__done" aria-live="polite">
        {countdown.finished ? t('unlock.canRetry') : ''}
      </p>
    </>
  );
}
