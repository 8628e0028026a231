// The job list: polled every second.
async function refresh() {
  const jobs = await (await fetch('/api/jobs')).json();
  const body = document.querySelector('#jobs tbody');
  body.replaceChildren();
  for (const j of jobs) {
    const row = body.insertRow();
    row.dataset.job = j.id;
    const link = document.createElement('a');
    link.href = '/jobs/' + j.id;
    link.textContent = j.id;
    row.insertCell().appendChild(link);
    cell(row, j.source);
    cell(row, j.stage);
    cell(row, j.majorCycle, true);
    cell(row, j.tasksDone + '/' + j.tasksTotal, true);
    cell(row, fmt(j.peakResidual), true);
    cell(row, age(j.ageSeconds), true);
  }
}
refresh();
setInterval(refresh, 1000);
