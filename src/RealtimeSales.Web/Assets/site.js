// Shared by every page: live streams (Server-Sent Events), element building, number and time formatting, toasts.
'use strict';

window.Dash = (() => {
  const liveBadge = document.getElementById('live');

  function setLive(state, text) {
    if (liveBadge) {
      liveBadge.dataset.state = state;
      liveBadge.textContent = text;
    }
  }

  // Opens an EventSource and routes its named events, parsed, to handlers. The browser reconnects by itself after
  // a network error; a 401 (signed out, or a new AppHost run with a new token) closes it for good.
  function stream(url, handlers) {
    const source = new EventSource(url);
    for (const [name, handler] of Object.entries(handlers)) {
      source.addEventListener(name, event => handler(JSON.parse(event.data)));
    }
    source.onopen = () => setLive('live', 'live');
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        setLive('down', 'disconnected');
        toast('Live updates stopped: the AppHost stopped, or this sign-in belongs to an earlier run. Reload, or open the link the AppHost printed.', 'error', 0);
      } else {
        setLive('connecting', 'reconnecting…');
      }
    };
    return source;
  }

  // h('td', { class: 'num' }, '42') — attributes whose value is null or false are left out; children may be nodes or text.
  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) element.append(child instanceof Node ? child : String(child));
    }
    return element;
  }

  const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
  const money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
  const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

  const format = {
    integer: value => value === null || value === undefined ? '–' : integer.format(value),
    money: value => value === null || value === undefined ? '–' : money.format(value),
    compact: value => value === null || value === undefined ? '–' : Math.abs(value) < 10_000 ? integer.format(value) : compact.format(value),
    rate: value => value === null || value === undefined ? '–' : value >= 100 ? integer.format(value) : value.toFixed(1),
    ms: value => value === null || value === undefined ? '–' : value >= 100 ? integer.format(value) : value.toFixed(1),
    time: value => clock.format(new Date(value)),
    // 3 s, 5 min 2 s, 2 h 10 min, 3 d 4 h
    duration(seconds) {
      if (seconds === null || seconds === undefined || !isFinite(seconds)) return '–';
      const s = Math.max(0, Math.floor(seconds));
      if (s < 60) return `${s} s`;
      if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
      if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
      return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
    },
    ago: value => value ? `${format.duration((Date.now() - new Date(value).getTime()) / 1000)} ago` : '–',
  };

  // store-2 before store-10.
  const naturalOrder = new Intl.Collator(undefined, { numeric: true }).compare;

  function toast(text, kind = 'info', milliseconds = 6000) {
    const container = document.getElementById('toasts');
    const element = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
    container.append(element);
    if (milliseconds > 0) setTimeout(() => element.remove(), milliseconds);
  }

  // POSTs JSON; resolves to the parsed answer, rejects with the server's own explanation (a problem's detail).
  async function post(url, body) {
    const response = await fetch(url, {
      method: 'POST',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const answer = text ? JSON.parse(text) : null;
    if (!response.ok) {
      throw new Error(answer?.detail ?? answer?.title ?? `${response.status} ${response.statusText}`);
    }
    return answer;
  }

  function setKpi(name, text) {
    const element = document.querySelector(`[data-kpi="${name}"]`);
    if (element) element.textContent = text;
  }

  return { stream, h, format, naturalOrder, toast, post, setKpi };
})();
