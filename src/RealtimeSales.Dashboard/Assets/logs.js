// Console logs page: the selected resource's kept lines, then its live tail; filter, pause and wrap in the browser.
'use strict';

(() => {
  const view = document.getElementById('log-view');
  if (!view) return;

  const { h, format } = Dash;
  const resource = view.dataset.resource;
  const log = document.getElementById('log');
  const empty = document.getElementById('log-empty');
  const filterInput = document.getElementById('log-filter');
  const pauseButton = document.getElementById('log-pause');
  const wrapBox = document.getElementById('log-wrap');
  const status = document.getElementById('log-status');

  // The browser keeps at most this many lines; the AppHost keeps fewer per resource anyway.
  const maxLines = 5000;
  let filter = '';
  let paused = false;
  let held = [];
  let received = 0;
  // After a reconnect the stream starts again with the kept lines: skip the ones already shown.
  let lastNumber = 0;

  function matches(line) {
    return filter === '' || line.text.toLowerCase().includes(filter);
  }

  function element(line) {
    const text = h('span', { class: 'text' });
    if (filter && matches(line)) {
      // Mark each occurrence of the filter text.
      const lower = line.text.toLowerCase();
      let at = 0;
      for (let found = lower.indexOf(filter); found >= 0; found = lower.indexOf(filter, at)) {
        text.append(line.text.slice(at, found), h('mark', {}, line.text.slice(found, found + filter.length)));
        at = found + filter.length;
      }
      text.append(line.text.slice(at));
    } else {
      text.textContent = line.text;
    }
    const row = h('div', { class: `line lvl-${line.level}`, 'data-level': line.level, hidden: !matches(line) },
      h('time', { datetime: line.time }, format.time(line.time)), text);
    row.line = line;
    return row;
  }

  function atBottom() {
    return log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  }

  function append(lines) {
    const follow = atBottom();
    empty?.remove();
    log.append(...lines.map(element));
    while (log.childElementCount > maxLines) log.firstElementChild.remove();
    if (follow) log.scrollTop = log.scrollHeight;
    updateStatus();
  }

  function updateStatus() {
    const shown = log.querySelectorAll('.line:not([hidden])').length;
    const total = log.querySelectorAll('.line').length;
    const parts = [filter ? `${shown} of ${total} lines match` : `${total} lines`];
    if (paused) parts.push(`paused, ${held.length} new line${held.length === 1 ? '' : 's'} waiting`);
    status.textContent = parts.join(' · ');
  }

  // Lines arrive in bursts (the backlog first): render them in batches, not one by one.
  let queue = [];
  function receive(line) {
    if (line.number <= lastNumber) return;
    lastNumber = line.number;
    received++;
    if (paused) {
      held.push(line);
      updateStatus();
      return;
    }
    if (queue.length === 0) setTimeout(() => { append(queue); queue = []; }, 50);
    queue.push(line);
  }

  filterInput.addEventListener('input', () => {
    filter = filterInput.value.trim().toLowerCase();
    const lines = [...log.querySelectorAll('.line')];
    log.replaceChildren(...lines.map(row => element(row.line)));
    log.scrollTop = log.scrollHeight;
    updateStatus();
  });

  pauseButton.addEventListener('click', () => {
    paused = !paused;
    pauseButton.setAttribute('aria-pressed', String(paused));
    pauseButton.textContent = paused ? 'Resume' : 'Pause';
    if (!paused && held.length) {
      const lines = held;
      held = [];
      append(lines);
    }
    updateStatus();
  });

  wrapBox.addEventListener('change', () => log.classList.toggle('wrap', wrapBox.checked));
  log.classList.toggle('wrap', wrapBox.checked);

  Dash.stream(`/api/logs/${encodeURIComponent(resource)}/stream`, { line: receive });
  status.textContent = 'Waiting for output…';
  setTimeout(() => { if (received === 0) status.textContent = `No output from ${resource} yet.`; }, 1500);
})();
