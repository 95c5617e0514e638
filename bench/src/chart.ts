import type { Layout } from './generate.js';
import { commandIds, type Result } from './results.js';

const width = 840;
const height = 420;
const margin = { top: 48, right: 290, bottom: 50, left: 60 };
const colours = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
const dashes = ['', '6 3', '2 3'];

/**
 * Draws ratio-to-floor against installed packages (log-log), one line per
 * command (colour) and layout (dash), for the projects with the most
 * plugins, without the compile cache. The subtitle names the machine.
 */
export function renderChart(results: Result[], title: string, subtitle: string): string {
  const plugins = Math.max(...results.map((result) => result.plugins));
  const shown = results.filter((result) => result.plugins === plugins && result.compileCache === 'off' && result.command !== commandIds.floor);
  const commands = [...new Set(shown.map((result) => result.command))];
  const layouts = [...new Set(shown.map((result) => result.layout))];
  const series = new Map<string, Result[]>();
  for (const result of shown) {
    const key = `${result.command} (${result.layout})`;
    series.set(
      key,
      [...(series.get(key) ?? []), result].sort((a, b) => a.packages - b.packages),
    );
  }
  const sizes = [...new Set(shown.map((result) => result.packages))].sort((a, b) => a - b);
  const ratios = shown.map((result) => result.ratio);
  const [yMin, yMax] = [Math.min(1, ...ratios) * 0.95, Math.max(...ratios) * 1.1];
  const x = (n: number) =>
    margin.left +
    ((Math.log10(n) - Math.log10(sizes[0]!)) / Math.max(1e-9, Math.log10(sizes.at(-1)!) - Math.log10(sizes[0]!))) * (width - margin.left - margin.right);
  const y = (ratio: number) =>
    height - margin.bottom - ((Math.log(ratio) - Math.log(yMin)) / (Math.log(yMax) - Math.log(yMin))) * (height - margin.top - margin.bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${margin.left}" y="18" font-size="14">${escapeXml(title)}</text>`,
    `<text x="${margin.left}" y="34" font-size="11" fill="#555">${escapeXml(subtitle)}</text>`,
  ];
  for (const tick of yTicks(yMin, yMax)) {
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#ddd"/>`,
      `<text x="${margin.left - 6}" y="${y(tick) + 4}" text-anchor="end">${tick}×</text>`,
    );
  }
  for (const size of sizes) {
    parts.push(`<text x="${x(size)}" y="${height - margin.bottom + 18}" text-anchor="middle">${size.toLocaleString('en')}</text>`);
  }
  parts.push(`<text x="${(margin.left + width - margin.right) / 2}" y="${height - 12}" text-anchor="middle">installed packages (log scale)</text>`);
  parts.push(`<text transform="translate(16 ${height / 2}) rotate(-90)" text-anchor="middle">median wall time ÷ node -e 0 (log scale)</text>`);
  const colourOf = (command: string) => colours[commands.indexOf(command) % colours.length]!;
  const dashOf = (layout: Layout) => dashes[layouts.indexOf(layout) % dashes.length]!;
  for (const points of series.values()) {
    const { command, layout } = points[0]!;
    const d = points.map((point, i) => `${i === 0 ? 'M' : 'L'}${x(point.packages).toFixed(1)},${y(point.ratio).toFixed(1)}`).join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="${colourOf(command)}" stroke-width="2" stroke-dasharray="${dashOf(layout)}"/>`);
    for (const point of points)
      parts.push(`<circle cx="${x(point.packages).toFixed(1)}" cy="${y(point.ratio).toFixed(1)}" r="3" fill="${colourOf(command)}"/>`);
  }
  const legend = [
    ...commands.map((command) => ({ label: command, colour: colourOf(command), dash: '' })),
    ...layouts.map((layout) => ({ label: layout, colour: '#333', dash: dashOf(layout) })),
  ];
  legend.forEach(({ label, colour, dash }, index) => {
    const legendY = margin.top + index * 18 + (index >= commands.length ? 10 : 0);
    parts.push(
      `<line x1="${width - margin.right + 12}" x2="${width - margin.right + 32}" y1="${legendY}" y2="${legendY}" stroke="${colour}" stroke-width="2" stroke-dasharray="${dash}"/>`,
      `<text x="${width - margin.right + 38}" y="${legendY + 4}">${escapeXml(label)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function yTicks(min: number, max: number): number[] {
  const candidates = [1, 1.1, 1.2, 1.3, 1.5, 2, 3, 5, 10, 20, 50, 100];
  return candidates.filter((tick) => tick >= min && tick <= max);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
