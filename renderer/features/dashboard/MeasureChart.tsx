import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { languageInfo } from '../../../shared/i18n/languages.ts';
import { LanguageSchema } from '../../../shared/settings/settings.ts';

/** One bar: its name, its value, and the records it opens. */
export interface ChartBar {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  readonly href: string;
}

/**
 * A bar chart of one measure's breakdown (Recharts: SVG drawn by React, styles set through the
 * CSSOM only, so nothing breaks the app's `style-src 'self'`). Loaded on its own, when the
 * Dashboard first shows a chart (LazyChart), so the app's first bundle does not carry it. A bar
 * opens its records; the table beside the chart has the same figures as links, for the keyboard
 * and screen readers. In a right-to-left language the chart mirrors as the page does: names on
 * the right, bars growing leftwards; its SVG is laid out left to right (dashboard.css), so the
 * anchors Recharts computes for its labels hold.
 */
const vertical = 'vertical';
const gridColour = '#d6dadf';
const barColour = '#0b6e79';
const labelKey = 'label';
const valueKey = 'value';
const pointer = 'pointer';
const nameSide = { ltr: 'left', rtl: 'right' } as const;

export function MeasureChart({
  bars,
  formatNumber,
}: {
  bars: readonly ChartBar[];
  formatNumber: (value: number) => string;
}) {
  const { i18n } = useTranslation();
  const { direction } = languageInfo[LanguageSchema.catch('en').parse(i18n.language)];
  const rtl = direction === 'rtl';
  const height = Math.max(110, 40 * bars.length + 50);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart
        data={[...bars]}
        layout={vertical}
        margin={{ top: 4, right: rtl ? 8 : 24, bottom: 4, left: rtl ? 24 : 8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid horizontal={false} stroke={gridColour} />
        <XAxis type="number" allowDecimals={false} tickFormatter={formatNumber} reversed={rtl} />
        <YAxis type="category" dataKey={labelKey} width={170} orientation={nameSide[direction]} />
        <Tooltip formatter={(value) => formatNumber(Number(value))} />
        <Bar
          dataKey={valueKey}
          fill={barColour}
          isAnimationActive={false}
          maxBarSize={28}
          cursor={pointer}
          onClick={(entry: { payload?: ChartBar }) => {
            const href = entry.payload?.href;
            if (href !== undefined) window.location.hash = href;
          }}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
