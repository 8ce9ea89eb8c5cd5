// Sales page: the sales view from salesdb, pushed whenever a window closes, as KPIs, a stacked bar chart and tables.
'use strict';

(() => {
  const { h, format, setKpi, naturalOrder } = Dash;
  const { stackedBars, legend, onResize, palette } = Charts;
  const chart = document.getElementById('chart-sales');
  const problem = document.getElementById('sales-problem');
  let view = null;

  // A store keeps its colour on every page load: the colour follows its place among all stores seen, in natural order.
  const stores = [];
  function colorOf(store) {
    return palette[stores.indexOf(store) % palette.length];
  }
  function learnStores(names) {
    let changed = false;
    for (const name of names) {
      if (!stores.includes(name)) {
        stores.push(name);
        changed = true;
      }
    }
    if (changed) stores.sort(naturalOrder);
  }

  function windowLabel(window) {
    return `${format.time(window.start)}–${format.time(window.end)}`;
  }

  function drawChart() {
    const windows = view ? [...view.windows].reverse() : [];
    stackedBars(chart, {
      categories: windows.map(window => ({
        label: format.time(window.start),
        parts: [...window.stores].sort((a, b) => naturalOrder(a.store, b.store)).map(part => ({
          key: part.store,
          value: part.revenue,
          title: `${part.store}, ${windowLabel(window)}: ${format.money(part.revenue)} from ${format.integer(part.events)} events`,
        })),
      })),
      colorOf,
      format: format.compact,
      empty: view?.problem ? 'No data' : 'No closed windows yet',
    });
    const inChart = stores.filter(store => windows.some(window => window.stores.some(part => part.store === store)));
    legend(document.getElementById('sales-legend'), inChart.map(store => ({ name: store, color: colorOf(store) })));
    document.getElementById('chart-sales-caption').textContent = windows.length
      ? `the latest ${windows.length} closed window${windows.length === 1 ? '' : 's'}, ${format.time(windows[0].start)} to ${format.time(windows[windows.length - 1].end)}`
      : 'the latest closed windows';
  }

  function drawTopStores() {
    const body = document.querySelector('#top-stores tbody');
    if (!view.topStores.length) {
      body.replaceChildren(h('tr', { class: 'empty' }, h('td', { colspan: 5 }, 'No closed windows yet.')));
      return;
    }
    const best = view.topStores[0].revenue || 1;
    body.replaceChildren(...view.topStores.map((store, index) => {
      const bar = h('div', { class: 'share-bar' });
      bar.style.width = `${Math.max(2, (store.revenue / best) * 100)}%`;
      bar.style.background = colorOf(store.store);
      return h('tr', {},
        h('td', { class: 'num muted' }, index + 1),
        h('td', { class: 'name' }, store.store),
        h('td', { class: 'num' }, format.money(store.revenue)),
        h('td', { class: 'share' }, bar),
        h('td', { class: 'num' }, format.integer(store.events)));
    }));
  }

  function drawWindows() {
    const table = document.getElementById('windows');
    const columns = stores.filter(store => view.windows.some(window => window.stores.some(part => part.store === store)));
    table.tHead.replaceChildren(h('tr', {},
      h('th', {}, 'Window'),
      columns.map(store => h('th', { class: 'num' }, store)),
      h('th', { class: 'num' }, 'Total'),
      h('th', { class: 'num' }, 'Events')));
    const body = table.tBodies[0];
    if (!view.windows.length) {
      body.replaceChildren(h('tr', { class: 'empty' }, h('td', { colspan: columns.length + 3 },
        view.problem ?? 'No closed windows yet. A window closes once the watermark passes its end (window size plus watermark delay after its start).')));
      return;
    }
    body.replaceChildren(...view.windows.map(window => {
      const best = Math.max(...window.stores.map(part => part.revenue));
      return h('tr', { 'data-window': window.start },
        h('td', {}, windowLabel(window)),
        columns.map(store => {
          const part = window.stores.find(candidate => candidate.store === store);
          return part
            ? h('td', { class: `num${part.revenue === best ? ' best' : ''}`, title: `${format.integer(part.events)} events` }, format.money(part.revenue))
            : h('td', { class: 'num muted' }, '–');
        }),
        h('td', { class: 'num total' }, format.money(window.revenue)),
        h('td', { class: 'num' }, format.integer(window.events)));
    }));
  }

  function drawKpis() {
    const totals = view.totals;
    const known = !view.problem;
    setKpi('revenue', known ? format.money(totals.revenue) : '–');
    setKpi('events', known ? format.compact(totals.events) : '–');
    setKpi('rows', known ? format.compact(totals.windowRows) : '–');
    setKpi('stores', known ? format.integer(totals.stores) : '–');
    setKpi('late', known ? format.compact(totals.lateEvents) : '–');
    setKpi('rejected', known ? format.compact(totals.rejectedEvents) : '–');
    tickLastClosed();
  }

  function tickLastClosed() {
    const closedAt = view?.problem ? null : view?.totals.lastClosedAt;
    setKpi('closed', closedAt ? format.ago(closedAt) : '–');
    setKpi('closed-at', closedAt ? `at ${format.time(closedAt)}` : 'no window yet');
  }

  Dash.stream('/api/sales/stream', {
    sales: next => {
      view = next;
      problem.hidden = !view.problem;
      problem.textContent = view.problem ?? '';
      learnStores(view.windows.flatMap(window => window.stores.map(part => part.store)).concat(view.topStores.map(store => store.store)));
      drawKpis();
      drawChart();
      drawTopStores();
      drawWindows();
    },
  });

  drawChart();
  onResize(chart, drawChart);
  setInterval(tickLastClosed, 1000);
})();
