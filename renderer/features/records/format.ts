import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTimeFormat, numberFormat } from '../../../shared/i18n/formats.ts';

export interface Formatters {
  /** A calendar date as stored (YYYY-MM-DD), read as that day wherever the laptop is. */
  date(isoDate: string): string;
  /** An instant (ISO timestamp) in local time. */
  dateTime(isoTimestamp: string): string;
  time(moment: Date): string;
  number(value: number): string;
}

export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const date = dateTimeFormat(language, { dateStyle: 'medium' });
    const dateTime = dateTimeFormat(language, {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    const time = dateTimeFormat(language, { timeStyle: 'short' });
    const number = numberFormat(language);
    return {
      date: (isoDate) => {
        const [year, month, day] = isoDate.split('-').map(Number);
        if (year === undefined || month === undefined || day === undefined) return isoDate;
        return date.format(new Date(year, month - 1, day));
      },
      dateTime: (isoTimestamp) => {
        const moment = new Date(isoTimestamp);
        return Number.isNaN(moment.getTime()) ? isoTimestamp : dateTime.format(moment);
      },
      time: (moment) => time.format(moment),
      number: (value) => number.format(value),
    };
  }, [language]);
}

/** Today as YYYY-MM-DD in local time (the `max` of date inputs: intake cannot be in the future). */
export function todayIsoDate(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
