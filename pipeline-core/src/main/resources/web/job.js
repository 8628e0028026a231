// One job, polled until it ends: the concurrency plot, the major-cycle plot, the stage table, previews and files.
const jobId = decodeURIComponent(location.pathname.split('/').pop());
document.getElementById('job-id').textContent = jobId;
document.title = 'Tessera job ' + jobId;
let concurrency = null;
let cycles = null;

// One track per replica (host), a row per task it ran at once (the API's slot).
function lanes(tasks) {
  const byReplica = {};
  for (const t of tasks) {
    t.lane = t.host + ' · ' + (t.slot + 1);
    (byReplica[t.host] = byReplica[t.host] || new Set()).add(t.lane);
  }
  const replicas = Object.keys(byReplica).sort();
  return { replicas, lanes: replicas.flatMap(r => [...byReplica[r]].sort()) };
}

function concurrencyData(job) {
  const t0 = job.created;
  const { replicas, lanes: labels } = lanes(job.tasks);
  const stages = [...new Set(job.tasks.map(t => t.stage))];
  const sec = ms => (ms - t0) / 1000;
  const datasets = stages.map(stage => ({
    label: stage, backgroundColor: STAGE_COLOURS[stage] || '#444', grouped: false,
    data: job.tasks.filter(t => t.stage === stage).map(t => {
      const end = t.end === null ? job.now : t.end;
      const computeStart = Math.min(end, t.start + 1000 * t.downloadSeconds);
      const computeEnd = Math.max(computeStart, end - 1000 * t.uploadSeconds);
      return { y: t.lane, x: [sec(computeStart), sec(computeEnd)] };
    })
  }));
  const transfers = [];
  for (const t of job.tasks) {
    const end = t.end === null ? job.now : t.end;
    if (t.downloadSeconds > 0) transfers.push({ y: t.lane, x: [sec(t.start), sec(t.start + 1000 * t.downloadSeconds)] });
    if (t.uploadSeconds > 0) transfers.push({ y: t.lane, x: [sec(end - 1000 * t.uploadSeconds), sec(end)] });
  }
  datasets.push({ label: 'transfer', backgroundColor: TRANSFER_COLOUR, grouped: false, data: transfers });
  return { replicas, stages, labels, datasets };
}

function drawConcurrency(job) {
  const d = concurrencyData(job);
  const canvas = document.getElementById('concurrency');
  canvas.dataset.tracks = JSON.stringify(d.replicas);
  canvas.dataset.stages = JSON.stringify(d.stages);
  canvas.dataset.tasks = String(job.tasks.length);
  const legend = document.getElementById('stage-legend');
  legend.replaceChildren(...d.stages.concat(['transfer']).map(s => {
    const li = document.createElement('li');
    li.dataset.stage = s;
    li.textContent = s;
    li.style.setProperty('--colour', STAGE_COLOURS[s] || TRANSFER_COLOUR);
    return li;
  }));
  if (concurrency) {
    concurrency.data = { labels: d.labels, datasets: d.datasets };
    concurrency.update('none');
    return;
  }
  concurrency = new Chart(canvas, {
    type: 'bar',
    data: { labels: d.labels, datasets: d.datasets },
    options: {
      indexAxis: 'y', animation: false, responsive: true, maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      scales: {
        x: { type: 'linear', min: 0, title: { display: true, text: 'seconds since submission' } },
        y: { title: { display: true, text: 'replica · concurrent task' } }
      }
    }
  });
  canvas.dataset.drawn = 'chart.js ' + Chart.version;
}

function drawCycles(job) {
  const canvas = document.getElementById('cycles');
  const labels = job.cycles.map(c => c.majorCycle);
  const threshold = typeof job.threshold === 'number' && job.threshold > 0 ? job.threshold : null;
  const datasets = [
    { label: 'peak residual (Jy/beam)', data: job.cycles.map(c => c.peakResidual), borderColor: '#d62728',
      backgroundColor: '#d62728', yAxisID: 'y' },
    { label: 'cycle threshold (Jy/beam)', data: job.cycles.map(c => c.cycleThreshold), borderColor: '#ff7f0e',
      backgroundColor: '#ff7f0e', borderDash: [6, 4], yAxisID: 'y' },
    { label: 'model flux (Jy)', data: job.cycles.map(c => c.modelFlux), borderColor: '#1f77b4',
      backgroundColor: '#1f77b4', yAxisID: 'flux' }
  ];
  if (threshold) {
    datasets.push({ label: 'threshold (Jy/beam)', data: labels.map(() => threshold), borderColor: '#555',
      borderDash: [2, 3], pointRadius: 0, yAxisID: 'y' });
  }
  canvas.dataset.cycles = String(job.cycles.length);
  canvas.dataset.series = JSON.stringify(datasets.map(s => s.label));
  if (cycles) {
    cycles.data = { labels, datasets };
    cycles.update('none');
    return;
  }
  cycles = new Chart(canvas, {
    type: 'line', data: { labels, datasets },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false,
      scales: {
        x: { title: { display: true, text: 'major cycle (0: dirty image)' } },
        y: { type: 'logarithmic', title: { display: true, text: 'Jy/beam' } },
        flux: { type: 'linear', position: 'right', grid: { drawOnChartArea: false }, title: { display: true, text: 'Jy' } }
      }
    }
  });
}

function drawTable(job) {
  const body = document.querySelector('#stages tbody');
  body.replaceChildren();
  for (const s of job.stageTable) {
    const row = body.insertRow();
    row.dataset.stage = s.stage;
    cell(row, s.stage);
    cell(row, s.finished + '/' + s.tasks, true);
    cell(row, fmt(s.meanSeconds, 3), true);
    cell(row, fmt(s.maxSeconds, 3), true);
    cell(row, bytes(s.bytes), true);
    cell(row, s.device);
  }
}

function drawFiles(job) {
  const previews = document.getElementById('previews');
  const shown = new Set([...previews.querySelectorAll('img')].map(i => i.dataset.name));
  for (const f of job.files.filter(f => f.name.endsWith('.png') && !shown.has(f.name))) {
    const img = document.createElement('img');
    img.src = f.url;
    img.alt = f.name;
    img.dataset.name = f.name;
    previews.appendChild(img);
  }
  document.getElementById('files').replaceChildren(...job.files.map(f => {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = f.url;
    a.textContent = f.name;
    li.appendChild(a);
    return li;
  }));
}

async function refresh() {
  const response = await fetch('/api/jobs/' + encodeURIComponent(jobId));
  if (!response.ok) {
    document.getElementById('progress').textContent = 'no such job';
    return;
  }
  const job = await response.json();
  document.getElementById('progress').textContent = job.progress;
  document.getElementById('failure').textContent = job.failure || '';
  document.body.dataset.stage = job.stage;
  drawConcurrency(job);
  drawCycles(job);
  drawTable(job);
  drawFiles(job);
  if (job.stage !== 'done' && job.stage !== 'failed') setTimeout(refresh, 1500);
}
refresh();
