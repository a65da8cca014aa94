import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../records/format.ts';
import { useNow } from './use-now.ts';
import { relativeTime } from './sync-words.ts';
import { relativeTimeFormat } from '../../../shared/i18n/formats.ts';

/** A moment both ways: "5 minutes ago (12 Mar 2025, 14:05)", in a <time> element. */
export function WhenText({ iso }: { iso: string }) {
  const { t, i18n } = useTranslation('sync');
  const format = useFormatters();
  const now = useNow();
  const relative = useMemo(
    () => relativeTimeFormat(i18n.language, { numeric: 'auto' }),
    [i18n.language],
  );
  const ago = relativeTime(iso, now);
  const absolute = format.dateTime(iso);
  // Where the runtime has no words for "… ago" in this language, the moment alone says it.
  if (relative === null && ago !== null) return <time dateTime={iso}>{absolute}</time>;
  return (
    <time dateTime={iso}>
      {t('when', {
        relative:
          ago === null || relative === null ? t('justNow') : relative.format(ago.value, ago.unit),
        absolute,
      })}
    </time>
  );
}
