/* pruneproof report: TeX rendering, filters, sorting and copy buttons. No network access. */
(function () {
  'use strict';

  function renderTex() {
    if (typeof katex === 'undefined') {
      return;
    }
    document.querySelectorAll('.tex').forEach(function (el) {
      var source = el.textContent;
      try {
        katex.render(source, el, {displayMode: el.classList.contains('display'), throwOnError: false,
          strict: 'ignore', trust: false, output: 'htmlAndMathml'});
        el.classList.add('rendered');
        el.setAttribute('data-tex-source', source);
      } catch (e) {
        el.textContent = source;
        el.classList.add('tex-failed');
      }
    });
    /* Text with $...$ pieces of inline TeX (hypotheses, tolerances, reproduced claims). */
    document.querySelectorAll('.mathtext').forEach(function (el) {
      var parts = el.textContent.split('$');
      if (parts.length < 3 || parts.length % 2 === 0) {
        return;
      }
      el.textContent = '';
      parts.forEach(function (part, i) {
        if (i % 2 === 0) {
          el.appendChild(document.createTextNode(part));
          return;
        }
        var span = document.createElement('span');
        try {
          katex.render(part, span, {throwOnError: false, strict: 'ignore', trust: false});
        } catch (e) {
          span.textContent = '$' + part + '$';
        }
        el.appendChild(span);
      });
    });
  }

  function applyFilters() {
    var selects = document.querySelectorAll('[data-filter]');
    var search = document.getElementById('filter-text');
    var text = search ? search.value.trim().toLowerCase() : '';
    var onlyBad = document.getElementById('filter-contradicts');
    var shown = 0;
    var items = document.querySelectorAll('[data-claim-row], section.claim');
    items.forEach(function (el) {
      var visible = true;
      selects.forEach(function (s) {
        if (s.value !== '' && el.getAttribute('data-' + s.getAttribute('data-filter')) !== s.value) {
          visible = false;
        }
      });
      if (onlyBad && onlyBad.checked && el.getAttribute('data-agrees') !== 'false') {
        visible = false;
      }
      if (text !== '' && (el.getAttribute('data-search') || '').indexOf(text) < 0) {
        visible = false;
      }
      el.classList.toggle('hidden', !visible);
      if (visible && el.hasAttribute('data-claim-row')) {
        shown++;
      }
    });
    var count = document.getElementById('filter-count');
    if (count) {
      count.textContent = shown + ' of ' + document.querySelectorAll('[data-claim-row]').length + ' claims shown';
    }
  }

  function sortBy(th) {
    var table = th.closest('table');
    var body = table.tBodies[0];
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var ascending = th.getAttribute('data-order') !== 'asc';
    th.parentNode.querySelectorAll('th').forEach(function (other) { other.removeAttribute('data-order'); });
    th.setAttribute('data-order', ascending ? 'asc' : 'desc');
    var rows = Array.prototype.slice.call(body.rows);
    function key(row) {
      var cell = row.cells[index];
      var v = cell.getAttribute('data-value');
      return v !== null ? v : cell.textContent.trim();
    }
    rows.sort(function (a, b) {
      var x = key(a);
      var y = key(b);
      var nx = parseFloat(x);
      var ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return ascending ? c : -c;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function copy(button) {
    var target = document.getElementById(button.getAttribute('data-copy'));
    if (!target) {
      return;
    }
    var text = target.textContent;
    function done(ok) {
      button.textContent = ok ? 'copied' : 'select and copy';
      setTimeout(function () { button.textContent = 'copy'; }, 1500);
    }
    function fallback() {
      var range = document.createRange();
      range.selectNodeContents(target);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      var ok = false;
      try {
        ok = document.execCommand('copy');
      } catch (e) {
        ok = false;
      }
      done(ok);
    }
    try {
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
        return;
      }
    } catch (e) {
      /* fall through to the selection-based copy */
    }
    fallback();
  }

  document.addEventListener('DOMContentLoaded', function () {
    renderTex();
    document.querySelectorAll('[data-filter]').forEach(function (s) { s.addEventListener('change', applyFilters); });
    ['filter-text', 'filter-contradicts'].forEach(function (id) {
      var el = document.getElementById(id);
      if (el) {
        el.addEventListener('input', applyFilters);
        el.addEventListener('change', applyFilters);
      }
    });
    document.querySelectorAll('th[data-sort]').forEach(function (th) {
      th.addEventListener('click', function () { sortBy(th); });
    });
    document.querySelectorAll('button.copy').forEach(function (b) {
      b.addEventListener('click', function () { copy(b); });
    });
    applyFilters();
    document.documentElement.setAttribute('data-report-ready', 'true');
  });
}());
