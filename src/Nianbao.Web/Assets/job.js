// Upload progress: polls /api/jobs/{id} and redraws the file table until the batch is finished.
(function () {
  const box = document.getElementById('job');
  const id = box.dataset.job;
  const body = document.querySelector('#job-files tbody');
  const cls = { stored: 'ok', known: 'muted', failed: 'error', unidentified: 'warning', waiting: 'muted' };

  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = text || '';
    if (className) td.className = className;
    return td;
  }

  async function poll() {
    const res = await fetch(`/api/jobs/${id}`, { credentials: 'same-origin' });
    if (!res.ok) { document.getElementById('job-status').textContent = '无法获取进度（' + res.status + '）'; return; }
    const job = await res.json();
    document.getElementById('job-progress').value = job.done;
    const rows = job.files.map((f) => {
      const tr = document.createElement('tr');
      tr.dataset.state = f.state;
      const name = cell('');
      if (f.reportId) {
        const a = document.createElement('a');
        a.href = `/reports/${f.reportId}`;
        a.textContent = f.name;
        name.appendChild(a);
      } else {
        name.textContent = f.name;
      }
      tr.append(name, cell(f.label, cls[f.state]), cell(f.message));
      return tr;
    });
    body.replaceChildren(...rows);
    if (job.finished) {
      const failed = job.files.filter((f) => f.state === 'failed' || f.state === 'unidentified').length;
      document.getElementById('job-status').textContent = job.error
        ? job.error
        : `已完成：${job.done} 个文件，其中 ${failed} 个未能入库。`;
      box.dataset.finished = 'true';
      document.getElementById('job-links').hidden = false;
      return;
    }
    document.getElementById('job-status').textContent = `正在入库… ${job.done} / ${job.total}`;
    setTimeout(poll, 500);
  }
  poll();
})();
