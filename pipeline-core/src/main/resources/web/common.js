// Shared by the pages: formatting, and the colour of each stage (the same on every plot).
const STAGE_COLOURS = {
  partition: '#8c564b', weights: '#9467bd', image: '#1f77b4', clean: '#d62728',
  residual: '#ff7f0e', restore: '#2ca02c'
};
const TRANSFER_COLOUR = '#b0b0b0';

function fmt(x, digits) {
  return x === null || x === undefined ? '' : Number(x).toPrecision(digits || 4);
}

function age(seconds) {
  if (seconds < 120) return Math.round(seconds) + ' s';
  if (seconds < 7200) return Math.round(seconds / 60) + ' min';
  return (seconds / 3600).toFixed(1) + ' h';
}

function bytes(n) {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) { n /= 1000; i++; }
  return n.toFixed(i === 0 ? 0 : 1) + ' ' + units[i];
}

function cell(row, text, numeric) {
  const td = row.insertCell();
  td.textContent = text;
  if (numeric) td.className = 'num';
  return td;
}
