// Review page: a click on a value cell shows where it was read (provenance + the source lines around it) and
// fills the correction form. Everything from the report is set as text (textContent), never as HTML.
(function () {
  const cells = JSON.parse(document.getElementById('cell-data').textContent);
  const lines = JSON.parse(document.getElementById('source-lines').textContent);
  const context = 3;
  const byId = (id) => document.getElementById(id);

  function show(td) {
    document.querySelectorAll('td.v.selected').forEach((c) => c.classList.remove('selected'));
    td.classList.add('selected');
    const c = cells[td.dataset.key];
    if (!c) return;
    byId('prov-hint').hidden = true;
    byId('prov-facts').hidden = false;
    byId('prov-label').textContent = c.label;
    byId('prov-key').textContent = c.key;
    byId('prov-value').textContent = c.value === null ? '无法读取' : c.value + (c.unit || '');
    byId('prov-status').textContent = c.status;
    byId('prov-method').textContent = c.method || '—';
    const at = c.line ? `第 ${c.line} 行第 ${c.column} 列` : '';
    byId('prov-where').textContent = [c.where, at].filter(Boolean).join('；') || '—';
    byId('prov-raw').textContent = c.raw || '—';
    const pre = byId('prov-source');
    pre.replaceChildren();
    if (c.line && lines[c.line] !== undefined) {
      for (let n = Math.max(1, c.line - context); n <= c.line + context; n++) {
        if (lines[n] === undefined) continue;
        const span = document.createElement('span');
        span.textContent = String(n).padStart(4, ' ') + '  ' + lines[n] + '\n';
        if (n === c.line) span.className = 'hit';
        pre.appendChild(span);
      }
      pre.hidden = false;
    } else {
      pre.hidden = true;
    }
    showPage(c.at);
    const key = byId('correct-key');
    if (key) {
      key.value = c.key;
      byId('correct-value').value = c.value ?? '';
    }
  }

  // The cell's typed location (parse --json's "at"): PDF cells give their page and box in points (unit "pt"),
  // OCR cells in the pixels of the scan ("px": a PDF scan rasterised at the OCR resolution, an image file in its own pixels).
  function showPage(at) {
    const view = byId('prov-page');
    if (!view) return;
    if (!at || !at.page || !at.box) { view.hidden = true; return; }
    const page = at.page;
    const pixels = at.box.unit === 'px';
    const { x, y, w, h } = at.box;
    const img = byId('prov-page-img');
    const box = byId('prov-box');
    const place = () => {
      // The box's unit per pixel of the image shown: points at the page image's resolution, or scan pixels.
      // A page larger than the server's pixel cap is drawn at a lower resolution, given in the X-Page-Dpi header.
      const dpi = Number(view.dataset.pageDpi) || Number(view.dataset.dpi);
      const unit = pixels
        ? (view.dataset.kind === 'pdf' ? Number(view.dataset.ocrDpi) / dpi : 1)
        : 72 / dpi;
      const width = img.naturalWidth * unit;
      const height = img.naturalHeight * unit;
      box.style.left = (100 * x / width) + '%';
      box.style.top = (100 * y / height) + '%';
      box.style.width = (100 * w / width) + '%';
      box.style.height = (100 * h / height) + '%';
      view.hidden = false;
      view.scrollTop = Math.max(0, box.offsetTop - view.clientHeight / 3);
      view.dataset.page = String(page);
    };
    const src = `/reports/${view.dataset.report}/pages/${page}.png`;
    if (img.getAttribute('src') === src && img.complete && img.naturalWidth > 0) { place(); return; }
    img.onload = place;
    if (view.dataset.kind !== 'pdf') { img.setAttribute('src', src); return; }
    // The same URL twice: the browser keeps the image (Cache-Control), the server draws a page once.
    fetch(src, { credentials: 'same-origin' })
      .then((r) => { view.dataset.pageDpi = r.headers.get('X-Page-Dpi') || ''; })
      .catch(() => { view.dataset.pageDpi = ''; })
      .then(() => img.setAttribute('src', src));
  }

  document.querySelectorAll('td.v').forEach((td) => {
    td.addEventListener('click', () => show(td));
    td.addEventListener('keydown', (e) => { if (e.key === 'Enter') show(td); });
  });
})();
