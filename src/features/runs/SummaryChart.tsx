import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

// Only the parts a bar chart needs, so the rest of Chart.js stays out of the bundle.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

interface SummaryChartProps {
  /** Names the chart for screen readers; the table beside it has the same figures. */
  title: string;
  /** One label per bar; a label of several strings is drawn on several lines. */
  labels: readonly (string | readonly string[])[];
  /** null where there is nothing to measure yet (drawn as no bar). */
  values: readonly (number | null)[];
  max?: number;
}

/** One bar per run column for one figure. */
export function SummaryChart({ title, labels, values, max }: SummaryChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar', (number | null)[], string | string[]> | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: 'bar',
      data: { labels: [], datasets: [{ label: title, data: [], backgroundColor: '#1f5fbf' }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: 'y',
        plugins: { tooltip: { enabled: true } },
        scales: { x: { beginAtZero: true, ...(max !== undefined ? { max } : {}) }, y: { ticks: { autoSkip: false } } },
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [title, max]);

  // Redrawn only when the figures change, not on every render of the page around it.
  const figures = JSON.stringify([labels, values]);
  useEffect(() => {
    const current = chart.current;
    if (!current) return;
    const [nextLabels, nextValues] = JSON.parse(figures) as [(string | string[])[], (number | null)[]];
    current.data.labels = nextLabels;
    current.data.datasets[0]!.data = nextValues;
    current.update();
  }, [figures, title, max]);

  return (
    <figure className="summary-chart">
      <figcaption>{title}</figcaption>
      <div className="summary-chart-canvas" style={{ height: `${Math.max(2, labels.length) * 2.6 + 2}rem` }}>
        <canvas ref={canvas} role="img" aria-label={`${title}: ${labels.map((l, i) => `${typeof l === 'string' ? l : l.join(', ')} ${values[i] === null ? 'no data' : values[i]!.toFixed(2)}`).join('; ')}`} />
      </div>
    </figure>
  );
}
