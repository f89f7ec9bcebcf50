import * as echarts from 'echarts';
const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 500, height: 260 });
chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, title:{text:'各乡镇得分'}, grid:{left:60,right:20,top:40,bottom:60}, xAxis:{type:'category',data:['众兴街道','城厢街道'],axisLabel:{rotate:30}}, yAxis:{type:'value',max:100}, series:[{type:'bar',data:[86.5,70],label:{show:true,position:'top'}, markLine:{data:[{yAxis:60}]}}, {type:'pie', radius: 40, center:[400,100], data:[{name:'合格',value:3},{name:'不合格',value:1}]}] });
console.log(chart.renderToSVGString());
