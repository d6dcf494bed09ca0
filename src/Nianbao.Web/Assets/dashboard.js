// Dashboard charts with ECharts (served by the app itself). Without ECharts the tables below stay the view.
window.nianbaoCharts('chart-data', (data, host) => {
  function chart(title, option) {
    const div = document.createElement('div');
    div.className = 'chart';
    div.setAttribute('aria-label', title);
    host.appendChild(div);
    const c = echarts.init(div, null, { renderer: 'svg' });
    c.setOption(Object.assign({ title: { text: title, textStyle: { fontSize: 14 } }, tooltip: {} }, option));
    window.addEventListener('resize', () => c.resize());
    return c;
  }

  function bars(title, points, horizontal) {
    // An unknown value (null) gets no bar rather than a zero.
    const labels = points.map((p) => p.label);
    const values = points.map((p) => (p.value === null ? '-' : p.value));
    const category = { type: 'category', data: labels, axisLabel: { width: 180, overflow: 'truncate' } };
    const value = { type: 'value' };
    return chart(title, {
      grid: { left: horizontal ? 200 : 50, right: 30, top: 40, bottom: 40 },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? Object.assign(category, { inverse: true }) : value,
      series: [{ type: 'bar', data: values, label: { show: true, position: horizontal ? 'right' : 'top' } }],
    });
  }

  chart('报告收到情况', {
    series: [{
      type: 'pie', radius: ['40%', '65%'],
      data: [
        { name: '已收到', value: data.received.received },
        { name: '未报送', value: Math.max(0, data.received.expected - data.received.received) },
      ],
      label: { formatter: '{b}：{c}' },
    }],
  });
  if (data.rules.points.length > 0) bars(data.rules.title, data.rules.points, true);
  data.series.forEach((s, i) => bars(s.title, s.points, i < 2));
});
