// The chart pages' common start: the page's JSON, the note when ECharts is not installed (the tables stay the view),
// then the page's own drawing into #charts; the number of charts drawn goes to data-rendered (the browser tests read it).
window.nianbaoCharts = function (dataId, draw) {
  const dataNode = document.getElementById(dataId);
  if (!dataNode) return;
  const data = JSON.parse(dataNode.textContent);
  const host = document.getElementById('charts');
  if (typeof echarts === 'undefined') {
    document.getElementById('charts-unavailable').hidden = false;
    return;
  }
  draw(data, host);
  host.dataset.rendered = String(host.children.length);
};
