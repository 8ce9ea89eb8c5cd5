// Pipeline page: the monitor's samples (five minutes of history first, then one a second) as KPIs, charts and a partition table.
'use strict';

(() => {
  const { h, format, setKpi } = Dash;
  const { line, legend, onResize, palette } = Charts;
  const windowMs = 300_000;
  const samples = [];

  const colors = { produced: '#4f46e5', consumed: '#10b981', windows: '#8b5cf6', late: '#f59e0b', rejected: '#ef4444' };
  const charts = ['throughput', 'lag', 'watermark', 'windows', 'faults'];
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
    ], format.rate, 'Waiting for Kafka and PostgreSQL…');
    draw('lag', partitionSeries(partition => partition.lag), format.compact, 'The topic has no partitions yet', { integers: true });
    draw('watermark', partitionSeries(behind), value => `${format.rate(value)} s`, 'No watermark yet: no events read');
    draw('windows', [series('windows closed/s', colors.windows, sample => sample.rates.windowsClosed)], format.rate, 'Waiting for the aggregator…');
    draw('faults', [
      series('late/s', colors.late, sample => sample.rates.late),
      series('rejected/s', colors.rejected, sample => sample.rates.rejected),
    ], format.rate, 'Waiting for the aggregator…');
  }

  function updateKpis(sample) {
    const lag = sample.partitions.reduce((sum, partition) => sum + (partition.lag ?? 0), 0);
    const reading = sample.sources.every(source => source.error === null);
    setKpi('produced', reading ? format.rate(sample.rates.produced) : '–');
    setKpi('consumed', reading ? format.rate(sample.rates.consumed) : '–');
    setKpi('lag', sample.partitions.some(partition => partition.lag !== null) ? format.compact(lag) : '–');
    setKpi('windows', format.compact(sample.totals.windowsClosed));
    setKpi('late', format.compact(sample.totals.late));
    setKpi('rejected', format.compact(sample.totals.rejected));
  }

  function updateSources(sample) {
    document.getElementById('sources').replaceChildren('Reading every second: ', ...sample.sources.flatMap((source, index) => [
      index ? ', ' : '',
      source.error
        ? h('span', { class: 'bad', title: source.error }, `${source.name} (${source.error})`)
        : source.name,
    ]));
  }

  function updatePartitions(sample) {
    const body = document.querySelector('#partitions tbody');
    if (sample.partitions.length === 0) {
      body.replaceChildren(h('tr', { class: 'empty' }, h('td', { colspan: 5 }, 'The topic has no partitions yet.')));
      return;
    }
    body.replaceChildren(...sample.partitions.map(partition => h('tr', {},
      h('td', { class: 'num' }, partition.partition),
      h('td', { class: 'num' }, partition.generation ?? '–'),
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
