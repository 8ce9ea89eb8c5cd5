// Two small SVG charts drawn by hand, so the web app needs nothing from the internet: a time-series line chart
// and stacked bars. Each call redraws the whole chart; at one update a second that is cheap and keeps this simple.
'use strict';

window.Charts = (() => {
  const ns = 'http://www.w3.org/2000/svg';
  const margin = { top: 10, right: 14, bottom: 24, left: 52 };
  // Neighbours differ in hue and lightness, so stacked parts stay apart.
  const palette = ['#4f46e5', '#f59e0b', '#10b981', '#ef4444', '#0ea5e9', '#a855f7', '#84cc16', '#ec4899', '#14b8a6', '#f97316', '#64748b', '#eab308'];

  function s(tag, attributes, ...children) {
    const element = document.createElementNS(ns, tag);
    for (const [name, value] of Object.entries(attributes ?? {})) element.setAttribute(name, value);
    for (const child of children) element.append(child);
    return element;
  }

  // Round steps (1, 2, 2.5, 5 × 10^n) from 0 to at least max; whole steps only for counts (integers).
  function scale(max, integers = false, count = 4) {
    const target = max > 0 && isFinite(max) ? max : 1;
    const rough = target / count;
    const power = 10 ** Math.floor(Math.log10(rough));
    const step = Math.max(integers ? 1 : 0, [1, 2, 2.5, 5, 10].map(m => m * power).find(candidate => candidate >= rough));
    const top = Math.ceil(target / step - 1e-9) * step;
    const ticks = [];
    for (let i = 0; i * step <= top + step / 2; i++) ticks.push(i * step);
    return { top, ticks };
  }

  function frame(container) {
    const width = Math.max(container.clientWidth, 120);
    const height = Math.max(container.clientHeight, 80);
    const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img' });
    return { svg, width, height, plotWidth: width - margin.left - margin.right, plotHeight: height - margin.top - margin.bottom };
  }

  function yAxis(chart, top, ticks, format) {
    const axis = s('g', { class: 'axis' });
    for (const tick of ticks) {
      const y = margin.top + chart.plotHeight - (tick / top) * chart.plotHeight;
      axis.append(s('line', { class: tick === 0 ? 'baseline' : 'grid-line', x1: margin.left, x2: chart.width - margin.right, y1: y, y2: y }));
      axis.append(s('text', { x: margin.left - 8, y: y + 4, 'text-anchor': 'end' }, format(tick)));
    }
    chart.svg.append(axis);
  }

  function message(chart, text) {
    chart.svg.append(s('text', { class: 'no-data', x: margin.left + chart.plotWidth / 2, y: margin.top + chart.plotHeight / 2, 'text-anchor': 'middle' }, text));
  }

  const minuteClock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
  const secondClock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

  /**
   * Lines over the last `windowMs` up to `now`.
   * series: [{ name, color, points: [[timeMs, value or null]] }] — null breaks the line (no reading then).
   * integers: the values are counts, so the axis has no fractional steps.
   */
  function line(container, { series, format = String, integers = false, windowMs = 300_000, now = Date.now(), empty = 'No data yet' }) {
    const chart = frame(container);
    const start = now - windowMs;
    const visible = series.map(entry => ({ ...entry, points: entry.points.filter(([time]) => time >= start) }));
    const values = visible.flatMap(entry => entry.points.map(point => point[1])).filter(value => value !== null && isFinite(value));
    const { top, ticks } = scale(Math.max(0, ...values), integers);
    yAxis(chart, top, ticks, format);

    const x = time => margin.left + ((time - start) / windowMs) * chart.plotWidth;
    const y = value => margin.top + chart.plotHeight - (value / top) * chart.plotHeight;
    const labels = s('g', { class: 'axis' });
    // About four to six time labels, on round seconds or minutes.
    const step = [15_000, 30_000, 60_000, 120_000].find(candidate => windowMs / candidate <= 6) ?? 300_000;
    const clock = step < 60_000 ? secondClock : minuteClock;
    for (let time = Math.ceil(start / step) * step; time <= now; time += step) {
      labels.append(s('text', { x: x(time), y: chart.height - 6, 'text-anchor': 'middle' }, clock.format(new Date(time))));
    }
    chart.svg.append(labels);

    if (values.length === 0) {
      message(chart, empty);
    }
    for (const entry of visible) {
      let path = '';
      let pen = false;
      for (const [time, value] of entry.points) {
        if (value === null || !isFinite(value)) {
          pen = false;
          continue;
        }
        path += `${pen ? 'L' : 'M'}${x(time).toFixed(1)},${y(value).toFixed(1)}`;
        pen = true;
      }
      if (path) chart.svg.append(s('path', { class: 'series', d: path, stroke: entry.color }));
      const last = entry.points.findLast(([, value]) => value !== null && isFinite(value));
      if (last) chart.svg.append(s('circle', { cx: x(last[0]), cy: y(last[1]), r: 3, fill: entry.color }));
    }
    container.replaceChildren(chart.svg);
  }

  /**
   * Stacked bars, one per category, left to right.
   * categories: [{ label, parts: [{ key, value, title }] }]; colorOf(key) gives a part's colour.
   */
  function stackedBars(container, { categories, colorOf, format = String, empty = 'No data yet' }) {
    const chart = frame(container);
    const totals = categories.map(category => category.parts.reduce((sum, part) => sum + part.value, 0));
    const { top, ticks } = scale(Math.max(0, ...totals));
    yAxis(chart, top, ticks, format);
    if (categories.length === 0) {
      message(chart, empty);
      container.replaceChildren(chart.svg);
      return;
    }

    const slot = chart.plotWidth / categories.length;
    const barWidth = Math.max(2, Math.min(48, slot * 0.72));
    const labelEvery = Math.max(1, Math.ceil(64 / slot));
    const labels = s('g', { class: 'axis' });
    categories.forEach((category, index) => {
      const center = margin.left + slot * index + slot / 2;
      let base = margin.top + chart.plotHeight;
      for (const part of category.parts) {
        const height = (part.value / top) * chart.plotHeight;
        base -= height;
        chart.svg.append(s('rect', { class: 'bar', x: center - barWidth / 2, y: base, width: barWidth, height: Math.max(0, height), fill: colorOf(part.key) },
          s('title', {}, part.title)));
      }
      if ((categories.length - 1 - index) % labelEvery === 0) {
        labels.append(s('text', { x: center, y: chart.height - 6, 'text-anchor': 'middle' }, category.label));
      }
    });
    chart.svg.append(labels);
    container.replaceChildren(chart.svg);
  }

  // Redraws with the latest data when the container changes size (window resize, narrow layouts).
  function onResize(container, redraw) {
    let width = container.clientWidth;
    new ResizeObserver(() => {
      if (container.clientWidth !== width) {
        width = container.clientWidth;
        redraw();
      }
    }).observe(container);
  }

  function legend(container, entries) {
    container.replaceChildren(...entries.map(entry => {
      const item = document.createElement('span');
      const swatch = document.createElement('i');
      swatch.style.background = entry.color;
      item.append(swatch, entry.name);
      if (entry.value !== undefined) {
        const value = document.createElement('b');
        value.textContent = entry.value;
        item.append(' ', value);
      }
      return item;
    }));
  }

  return { line, stackedBars, onResize, legend, palette };
})();
