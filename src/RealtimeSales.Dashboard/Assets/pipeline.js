// Pipeline page: the monitor's samples (five minutes of history first, then one a second) as KPIs, charts and a partition table.
'use strict';

(() => {
  const { h, format, setKpi } = Dash;
  const { line, legend, onResize, palette } = Charts;
  const windowMs = 300_000;
  const samples = [];

  const colors = { produced: '#4f46e5', consumed: '#10b981', p50: '#0ea5e9', p99: '#ef4444', windows: '#8b5cf6', late: '#f59e0b', rejected: '#ef4444' };
  const charts = ['throughput', 'lag', 'watermark', 'checkpoint', 'windows', 'faults'];
  const time = sample => new Date(sample.time).getTime();
  const last = () => samples[samples.length - 1];

  // One series per partition seen in the window, coloured by partition number so colours stay put.
  function partitionSeries(value) {
    const partitions = [...new Set(samples.flatMap(sample => sample.partitions.map(p => p.partition)))].sort((a, b) => a - b);
    return partitions.map(partition => ({
      name: `p${partition}`,
      color: palette[partition % palette.length],
      points: samples.map(sample => {
        const found = sample.partitions.find(p => p.partition === partition);
        return [time(sample), found ? value(found, sample) : null];
      }),
    }));
  }

  function series(name, color, value) {
    return { name, color, points: samples.map(sample => [time(sample), value(sample)]) };
  }

  function draw(name, entries, valueFormat, empty, { latest = valueFormat, integers = false } = {}) {
    const now = samples.length ? time(last()) : Date.now();
    // A young application fills the width with what it has (at least a minute), then shows the last five minutes.
    const span = samples.length ? Math.min(windowMs, Math.max(60_000, now - time(samples[0]))) : windowMs;
    line(document.getElementById(`chart-${name}`), { series: entries, format: valueFormat, integers, windowMs: span, now, empty });
    legend(document.getElementById(`legend-${name}`), entries.map(entry => {
      const value = entry.points.findLast(point => point[1] !== null)?.[1];
      return { name: entry.name, color: entry.color, value: value === undefined ? '–' : latest(value) };
    }));
  }

  const behind = (partition, sample) => partition.watermarkSeconds === null ? null : Math.max(0, time(sample) / 1000 - partition.watermarkSeconds);

  function drawCharts() {
    draw('throughput', [
      series('produced', colors.produced, sample => sample.rates.produced),
      series('consumed', colors.consumed, sample => sample.rates.consumed),
    ], format.rate, 'Waiting for the workers…');
    draw('lag', partitionSeries(partition => partition.lag), format.compact, 'No aggregator owns a partition yet', { integers: true });
    draw('watermark', partitionSeries(behind), value => `${format.rate(value)} s`, 'No watermark yet: no events read');
    draw('checkpoint', [
      series('p50', colors.p50, sample => sample.checkpointP50Ms),
      series('p99', colors.p99, sample => sample.checkpointP99Ms),
    ], format.ms, 'No checkpoints in the last 30 s', { latest: value => `${format.ms(value)} ms` });
    draw('windows', [series('windows closed/s', colors.windows, sample => sample.rates.windowsClosed)], format.rate, 'Waiting for the aggregator…');
    draw('faults', [
      series('late/s', colors.late, sample => sample.rates.late),
      series('rejected/s', colors.rejected, sample => sample.rates.rejected),
    ], format.rate, 'Waiting for the aggregator…');
  }

  function updateKpis(sample) {
    const lag = sample.partitions.reduce((sum, partition) => sum + (partition.lag ?? 0), 0);
    const reading = sample.sources.some(source => source.error === null);
    setKpi('produced', reading ? format.rate(sample.rates.produced) : '–');
    setKpi('consumed', reading ? format.rate(sample.rates.consumed) : '–');
    setKpi('lag', sample.partitions.length ? format.compact(lag) : '–');
    setKpi('windows', format.compact(sample.totals.windowsClosed));
    setKpi('late', format.compact(sample.totals.late));
    setKpi('rejected', format.compact(sample.totals.rejected));
    setKpi('p99', format.ms(sample.checkpointP99Ms));
  }

  function updateSources(sample) {
    const element = document.getElementById('sources');
    if (sample.sources.length === 0) {
      element.textContent = 'No worker is running, so there are no metrics to read. Start the producer and the aggregator on the Resources page.';
      return;
    }
    element.replaceChildren('Reading every second: ', ...sample.sources.flatMap((source, index) => [
      index ? ', ' : '',
      source.error
        ? h('span', { class: 'bad', title: source.error }, `${source.unit} (${source.url}: ${source.error})`)
        : h('a', { href: source.url, target: '_blank', rel: 'noopener' }, source.unit),
    ]));
  }

  function updatePartitions(sample) {
    const body = document.querySelector('#partitions tbody');
    if (sample.partitions.length === 0) {
      body.replaceChildren(h('tr', { class: 'empty' }, h('td', { colspan: 5 }, 'No aggregator owns a partition yet.')));
      return;
    }
    body.replaceChildren(...sample.partitions.map(partition => h('tr', {},
      h('td', { class: 'num' }, partition.partition),
      h('td', {}, partition.owner),
      h('td', { class: 'num' }, format.integer(partition.lag)),
      h('td', {}, partition.watermarkSeconds === null ? '–' : format.time(partition.watermarkSeconds * 1000)),
      h('td', { class: 'num' }, partition.watermarkSeconds === null ? '–' : `${format.rate(behind(partition, sample))} s`))));
  }

  // History arrives as a burst of samples: draw once it has settled, then on every sample.
  let scheduled = false;
  Dash.stream('/api/pipeline/stream', {
    sample: sample => {
      // After a reconnect the stream starts again with its history: keep only what is new.
      if (samples.length && time(sample) <= time(last())) return;
      samples.push(sample);
      while (samples.length && time(samples[0]) < time(sample) - windowMs) samples.shift();
      if (!scheduled) {
        scheduled = true;
        setTimeout(() => {
          scheduled = false;
          const latest = last();
          drawCharts();
          updateKpis(latest);
          updateSources(latest);
          updatePartitions(latest);
        }, 50);
      }
    },
  });

  drawCharts();
  for (const name of charts) onResize(document.getElementById(`chart-${name}`), drawCharts);
})();
