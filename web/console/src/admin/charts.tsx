import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Button } from '../../../shared/src/components/fields';
import { useT } from '../../../shared/src/i18n/i18n';
import { dashboardMessages } from './dashboard-messages';

/**
 * A chart as a figure: a caption, a one-sentence summary the SVG is labelled with, and the same
 * numbers as a table. The table is always in the page for screen readers (visually hidden) and can
 * be shown for anyone who prefers numbers to bars.
 */
export function ChartFigure({
  title,
  summary,
  isEmpty = false,
  table,
  children,
}: {
  title: string;
  summary: string;
  /** Nothing to draw: the summary says so, without an empty chart or table. */
  isEmpty?: boolean;
  table: ReactNode;
  children: ReactNode;
}) {
  const t = useT(dashboardMessages);
  const [showTable, setShowTable] = useState(false);
  const id = useId();
  return (
    <figure className="card admin-chart" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h2 id={`${id}-title`}>{title}</h2>
        <p id={`${id}-summary`}>{summary}</p>
      </figcaption>
      {isEmpty ? null : (
        <>
          <div
            className="admin-chart-body"
            role="img"
            aria-labelledby={`${id}-title`}
            aria-describedby={`${id}-summary`}
          >
            {children}
          </div>
          <Button
            variant="secondary"
            aria-expanded={showTable}
            onPress={() => setShowTable((shown) => !shown)}
          >
            {showTable ? t('hideTable') : t('showTable')}
          </Button>
          {showTable ? (
            // Scrolls sideways when the card is narrow: focusable so keyboard users can scroll it too.
            <div className="admin-table-wrap" role="region" aria-labelledby={`${id}-title`} tabIndex={0}>
              {table}
            </div>
          ) : (
            <div className="visually-hidden">{table}</div>
          )}
        </>
      )}
    </figure>
  );
}

/** Colours that keep 3:1 against white and apart from each other; the legend names each. */
export const SERIES_COLOURS = ['#1d4ed8', '#b45309', '#047857', '#b91c1c', '#6d28d9', '#0e7490', '#4b5563'];

export interface StackedSeries {
  key: string;
  label: string;
}

/** Bars stacked by series: categories along the bottom, or down the side (`horizontal`) for long names. */
export function StackedBars({
  data,
  categoryKey,
  series,
  horizontal = false,
}: {
  data: Record<string, string | number>[];
  categoryKey: string;
  series: StackedSeries[];
  horizontal?: boolean;
}) {
  const height = horizontal ? Math.max(140, data.length * 40 + 80) : 300;
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart
        data={data}
        layout={horizontal ? 'vertical' : 'horizontal'}
        accessibilityLayer={false}
        margin={{ left: 8, right: 16 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        {horizontal ? (
          <>
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey={categoryKey} width={230} tick={{ fontSize: 12 }} />
          </>
        ) : (
          <>
            <XAxis dataKey={categoryKey} />
            <YAxis allowDecimals={false} />
          </>
        )}
        <Tooltip />
        {series.length > 1 && <Legend />}
        {series.map((item, index) => (
          <Bar
            key={item.key}
            dataKey={item.key}
            name={item.label}
            stackId="all"
            fill={SERIES_COLOURS[index % SERIES_COLOURS.length]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
