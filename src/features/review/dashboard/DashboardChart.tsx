import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import type { ChartFigures } from './chartFigures';

// Only the parts a bar chart needs, so the rest of Chart.js stays out of the bundle.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

interface DashboardChartProps {
  title: string;
  figures: ChartFigures;
}

/** Keep rate and filter pass rate per group, as bars; the table beside it has every figure with its interval. */
export function DashboardChart({ title, figures }: DashboardChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar', (number | null)[], string> | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: [],
        datasets: [
          { label: 'Keep rate (%)', data: [], backgroundColor: '#1f5fbf' },
          { label: 'Filter pass rate (%)', data: [], backgroundColor: '#8aa6cf' },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: 'y',
        plugins: { legend: { position: 'bottom' }, tooltip: { enabled: true } },
        scales: { x: { beginAtZero: true, max: 100 }, y: { ticks: { autoSkip: false } } },
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);

  // Redrawn only when the figures change, not on every render of the panel around it.
  const data = JSON.stringify([figures.labels, figures.keepRates, figures.passRates]);
  useEffect(() => {
    const current = chart.current;
    if (!current) return;
    const [labels, keepRates, passRates] = JSON.parse(data) as [string[], (number | null)[], number[]];
    current.data.labels = labels;
    current.data.datasets[0]!.data = keepRates;
    current.data.datasets[1]!.data = passRates;
    current.update();
  }, [data]);

  return (
    <figure className="dashboard-chart">
      <figcaption>{title}</figcaption>
      <div className="dashboard-chart-canvas" style={{ height: `${Math.max(2, figures.labels.length) * 3 + 4}rem` }}>
        <canvas ref={canvas} role="img" aria-label={figures.summary} />
      </div>
    </figure>
  );
}
