// Resources page: one row per unit, kept current by the resource stream; commands and secret reveal call the API.
'use strict';

(() => {
  const { h, format, toast, post } = Dash;
  const body = document.querySelector('#resources tbody');
  const views = new Map();
  const rows = new Map();
  const revealed = new Map();
  const pending = new Set();

  const stateTone = {
    Running: 'ok', Starting: 'warn', Waiting: 'warn', Stopping: 'warn',
    FailedToStart: 'bad', Exited: 'idle', Finished: 'info', NotStarted: 'idle',
  };
  const stateText = { FailedToStart: 'Failed to start', NotStarted: 'Not started' };
  const commandText = { start: 'Start', stop: 'Stop', restart: 'Restart' };
  const pendingText = { start: 'Starting…', stop: 'Stopping…', restart: 'Restarting…' };

  function stateCell(view) {
    const badge = h('span', { class: `badge ${stateTone[view.state] ?? 'idle'}`, 'data-state': view.state }, stateText[view.state] ?? view.state);
    let detail = null;
    if (view.state === 'FailedToStart' && view.error) detail = h('span', { class: 'detail bad' }, view.error);
    else if (view.state === 'Waiting' && view.waitsFor.length) detail = h('span', { class: 'detail' }, `waiting for ${view.waitsFor.join(', ')}`);
    else if ((view.state === 'Exited' || view.state === 'Finished') && view.exitCode !== null) detail = h('span', { class: 'detail' }, `exit code ${view.exitCode}`);
    if (view.isExternal) detail = h('span', { class: 'detail' }, 'external: given by a connection string');
    return h('td', {}, badge, detail);
  }

  function healthCell(view) {
    if (view.state !== 'Running' || !view.health) return h('td', { class: 'muted' }, '–');
    const tone = view.health === 'Healthy' ? 'ok' : view.health === 'Degraded' ? 'warn' : 'bad';
    return h('td', {}, h('span', { class: `badge ${tone}` }, view.health),
      view.healthDescription ? h('span', { class: 'detail' }, view.healthDescription) : null);
  }

  function uptime(view) {
    return view.state === 'Running' && view.startedAt ? format.duration((Date.now() - new Date(view.startedAt).getTime()) / 1000) : '–';
  }

  function endpointsCell(view) {
    const secrets = revealed.get(view.name);
    const endpoints = secrets?.endpoints ?? view.endpoints;
    const connectionString = secrets ? secrets.connectionString : view.connectionString;
    const items = endpoints.map(endpoint => h('li', {},
      h('span', { class: 'kind' }, endpoint.name),
      endpoint.browsable
        ? h('a', { class: 'address', href: endpoint.address, target: '_blank', rel: 'noopener' }, endpoint.address)
        : h('span', { class: 'address' }, endpoint.address)));
    // A project's connection string repeats its endpoint; show it where it says more (a database's Npgsql string).
    if (connectionString && !endpoints.some(endpoint => endpoint.address === connectionString)) {
      items.push(h('li', {}, h('span', { class: 'kind' }, 'conn'), h('span', { class: 'address' }, connectionString)));
    }
    if (view.hasSecrets) {
      items.push(h('li', {}, h('button', {
        type: 'button', class: 'link', 'data-reveal': view.name,
        onclick: () => toggleSecrets(view.name),
      }, secrets ? 'Hide password' : 'Show password')));
    }
    return h('td', { class: 'endpoints-cell' }, items.length ? h('ul', { class: 'endpoints' }, items) : h('span', { class: 'muted' }, '–'));
  }

  function actionsCell(view) {
    const busy = pending.has(view.name);
    const buttons = ['stop', 'start', 'restart'].filter(command => view.commands.includes(command)).map(command =>
      h('button', {
        type: 'button', 'data-command': command, 'data-resource': view.name, disabled: busy,
        class: command === 'stop' ? 'danger' : null,
        onclick: () => run(view.name, command),
      }, commandText[command]));
    return h('td', { class: 'actions' }, buttons, h('a', { href: `/logs?resource=${encodeURIComponent(view.name)}` }, 'Logs'));
  }

  // Column names on every cell: narrow screens show each row as a card with labelled cells.
  const labels = [...document.querySelectorAll('#resources thead th')].map(th => th.textContent.trim());

  function render(view) {
    const row = h('tr', { 'data-resource': view.name },
      h('td', { class: 'name' }, view.name),
      h('td', {}, view.type),
      stateCell(view),
      healthCell(view),
      h('td', { class: 'num', 'data-uptime': '' }, uptime(view)),
      h('td', { class: 'num' }, view.restarts),
      h('td', { class: 'num' }, view.processId ?? '–'),
      endpointsCell(view),
      actionsCell(view));
    [...row.cells].forEach((cell, index) => {
      if (index > 0 && labels[index] && !cell.classList.contains('actions')) cell.dataset.label = labels[index];
    });
    const existing = rows.get(view.name);
    if (existing) existing.replaceWith(row);
    else {
      body.querySelector('tr.empty')?.remove();
      body.append(row);
    }
    rows.set(view.name, row);
  }

  async function run(name, command) {
    pending.add(name);
    render(views.get(name));
    const button = rows.get(name).querySelector(`[data-command="${command}"]`);
    if (button) button.textContent = pendingText[command];
    try {
      await post(`/api/resources/${encodeURIComponent(name)}/${command}`);
    } catch (error) {
      toast(`Could not ${command} ${name}: ${error.message}`, 'error');
    } finally {
      pending.delete(name);
      render(views.get(name));
    }
  }

  async function toggleSecrets(name) {
    if (revealed.has(name)) {
      revealed.delete(name);
    } else {
      try {
        const response = await fetch(`/api/resources/${encodeURIComponent(name)}/secrets`);
        if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
        revealed.set(name, await response.json());
      } catch (error) {
        toast(`Could not read ${name}'s connection details: ${error.message}`, 'error');
      }
    }
    render(views.get(name));
  }

  Dash.stream('/api/resources/stream', {
    resource: view => {
      views.set(view.name, view);
      // A new run may bring a new password: drop what was revealed before.
      if (revealed.has(view.name) && view.state !== 'Running') revealed.delete(view.name);
      render(view);
    },
  });

  setInterval(() => {
    for (const [name, row] of rows) row.querySelector('[data-uptime]').textContent = uptime(views.get(name));
  }, 1000);
})();
