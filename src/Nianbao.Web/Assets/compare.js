// Peer comparison: one ECharts box plot per metric (min, P25, P50, P75, max of the group) with the marked agency as a
// point. Numbers come from the page's JSON, the same the table shows; without ECharts the table stays the view.
window.nianbaoCharts('compare-data', (data, host) => {
  data.metrics.filter((m) => m.box !== null).forEach((m) => {
    const div = document.createElement('div');
    div.className = 'chart';
    div.dataset.metric = m.key;
    div.setAttribute('aria-label', m.name);
    host.appendChild(div);
    const c = echarts.init(div, null, { renderer: 'svg' });
    const series = [{ type: 'boxplot', name: m.name, data: [m.box] }];
    if (data.agency !== null && m.marked !== null) {
      series.push({ type: 'scatter', name: data.agency, data: [[0, m.marked]], symbolSize: 12, itemStyle: { color: '#c0392b' },
        label: { show: true, position: 'right', formatter: data.agency + '：' + m.marked } });
    }
    c.setOption({
      title: { text: m.name + '（' + m.unit + '）', textStyle: { fontSize: 14 } },
      tooltip: {},
      grid: { left: 60, right: 30, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: [m.count + ' 个机关'] },
      yAxis: { type: 'value', scale: true },
      series: series,
    });
    window.addEventListener('resize', () => c.resize());
  });
});
