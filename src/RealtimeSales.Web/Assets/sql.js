// SQL page: runs the editor's text through the read-only console and shows each result set, or why it failed.
'use strict';

(() => {
  const { h, format, post } = Dash;
  const editor = document.getElementById('sql');
  const runButton = document.getElementById('run');
  const output = document.getElementById('sql-output');
  const examples = [...document.querySelectorAll('button.example')];

  function resultTable(result) {
    const count = result.rows.length;
    const summary = result.truncated
      ? `First ${format.integer(count)} rows (the console's limit); refine the query to see the rest.`
      : `${format.integer(count)} row${count === 1 ? '' : 's'}`;
    if (result.columns.length === 0) return h('p', { class: 'summary' }, summary);
    return h('div', { class: 'result' },
      h('p', { class: 'summary' }, summary),
      h('div', { class: 'table-scroll' },
        h('table', { class: 'grid' },
          h('thead', {}, h('tr', {}, result.columns.map(column =>
            h('th', { class: column.numeric ? 'num' : null }, column.name, h('small', {}, column.type))))),
          h('tbody', {}, count === 0
            ? h('tr', { class: 'empty' }, h('td', { colspan: result.columns.length }, 'No rows.'))
            : result.rows.map(row => h('tr', {}, row.map((value, index) => value === null
              ? h('td', { class: 'null' }, 'NULL')
              : h('td', { class: result.columns[index].numeric ? 'num' : null }, value))))))));
  }

  function show(outcome) {
    const elapsed = h('p', { class: 'summary' }, `Ran in ${format.ms(outcome.elapsedMs)} ms.`);
    if (outcome.error) {
      output.replaceChildren(h('p', { class: `alert ${outcome.errorKind === 'unavailable' ? '' : 'error'}`, role: 'alert', 'data-kind': outcome.errorKind }, outcome.error));
      return;
    }
    output.replaceChildren(...(outcome.results.length ? outcome.results.map(resultTable) : [h('p', { class: 'empty-state' }, 'The statement returned no result set.')]), elapsed);
  }

  async function run() {
    runButton.disabled = true;
    runButton.textContent = 'Running…';
    try {
      show(await post('/api/sql', { sql: editor.value }));
    } catch (error) {
      output.replaceChildren(h('p', { class: 'alert error', role: 'alert' }, `The console could not run the query: ${error.message}`));
    } finally {
      runButton.disabled = false;
      runButton.textContent = 'Run';
    }
  }

  runButton.addEventListener('click', run);
  editor.addEventListener('keydown', event => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  for (const example of examples) {
    example.addEventListener('click', () => {
      editor.value = example.dataset.sql;
      for (const other of examples) other.classList.toggle('active', other === example);
      run();
    });
  }
  examples[0]?.classList.add('active');
})();
