<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <source>关于 PartyDesk 党建台账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PartyDesk 党建台账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>两新组织党建工作台账 · 离线运行，数据只保存在本机</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>界面组件：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>组件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>许可证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用途</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>许可证全文(&amp;L)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所用组件及许可证（双击一行查看全文）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>许可证：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>许可证 — </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActDialog</name>
    <message>
        <source>人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>决定日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> 个月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按规定延长{0}至{1}个月，只能延长一次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>延长</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>支部大会或支委会的决定及原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理后记入此人的履历，可撤销（Ctrl+Z）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>决定日期：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写决定日期。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddDialog</name>
    <message>
        <source>新增</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>PartyDesk 党建台账</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>安排联系单位：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始日期：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>AttendanceDialog</name>
    <message>
        <source>按会议出勤加分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>人员类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>会议(&amp;M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>积分项目(&amp;I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>出席人员（取消勾选即不加分）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（第%1次）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1（+%2分）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>加分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存 {0} 条</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttendanceModel</name>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>出席</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>缺席原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评议等次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>缺席</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>操作日志</source>
        <translation type="unfinished">Audit log</translation>
    </message>
    <message>
        <source>从</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录名称或内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选中一条记录，这里显示修改前后的每个字段。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>共 %n 条操作记录</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>导出操作日志</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作日志-%1.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导出操作日志…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出 %1 条操作记录：%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（删除前）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>备份与恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更换文件夹…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备份文件夹：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保留：最近</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>天每天一份，</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>周每周一份，</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>个月每月一份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复所选备份…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账本以只读方式打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已备份：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择备份文件夹（可以是U盘）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备份保留份数已保存。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先在列表中选中一份备份。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复备份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用 %1 的备份（%2）替换当前账本的全部内容？

恢复前会先自动备份当前账本，恢复之后仍可再恢复回来。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已恢复备份；恢复前的账本已备份为 </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在恢复备份…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupListModel</name>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党组织</source>
        <translation type="unfinished">Organizations</translation>
    </message>
    <message>
        <source>两新组织</source>
        <translation type="unfinished">Units</translation>
    </message>
    <message>
        <source>记录总数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>大小</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文件</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BaseDialog</name>
    <message>
        <source>登记党费基数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>税后工资收入，元/月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工资基数（元）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>起用月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未核定党费基数。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工资基数</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BookActions</name>
    <message>
        <source>已取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成工作纪实手册…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1工作纪实手册.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>空白</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%2年工作纪实.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CertsPage</name>
    <message>
        <source>证书管理</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>全部种类</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名或编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>年度：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>颁发…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批量颁发本年度…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>撤销…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>换发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重印选中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>持证人</source>
        <translation>Holder</translation>
    </message>
    <message>
        <source>种类</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>发证日期</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>发证机关</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>打印次数</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>样稿…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核验…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>印章图片…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书措辞…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书登记簿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>红领党务资格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 {0} 张，其中有效 {1} 张</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先选中一张证书。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同一聘期已有聘书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>仍要再颁发一份吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已颁发证书 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批量颁发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书种类：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}年没有尚未颁发的对象。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>等</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>将为以下 {0} 人颁发{1}，编号连续分配：
{2}

继续吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已颁发 {0} 张：{1} 至 {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>撤销证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>撤销证书 {0} 的原因：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已撤销证书 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>换发证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>为证书 {0} 换发新证（新编号，原证书作废）吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已换发：{0} → {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先选中要重印的证书。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书-%1.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书-%1张.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择印章图片（透明背景PNG）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书将打印印章图片：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成证书 %1/%2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已输出样稿 %1 张（不计入打印次数）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已打印证书 %1 张</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书样稿（%1张）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书（%1张）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangeDialog</name>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>账本检查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在检查…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>条数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>双击一条（或按回车）可在表格中打开该记录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查未完成：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在检查账本…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查完毕，没有发现问题。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共发现 %1 个需要处理的问题，分 %2 类。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账本文件有损坏（完整性错误）。请先从“文件 → 备份与恢复”恢复最近的完好备份。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>销号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不能解决</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办结日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>如何解决</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不能解决的原因</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommitteeDialog</name>
    <message>
        <source>班子成员：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>职务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>任职日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>卸任日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示已卸任的</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选中的卸任</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>任职：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（本组织没有在册正式党员）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>任职</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只有本组织在册的正式党员可以任职；新任书记时，原书记在同一天卸任。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>任命%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已任命{0}为{1}（可撤销）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先在上表中选中一位委员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1卸任%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}已卸任{1}（可撤销）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>冲正更正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>积分项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公示时次数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>必填，如：录错人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更正为(&amp;N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更正原因(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请写明更正原因。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>申请人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>积极分子</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无星</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作台</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评星定级与阵地…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>六个清摸排…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>组织覆盖率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单独组建率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作覆盖率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未覆盖单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本期未摸排单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>省级示范点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>市级示范点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>县级示范点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未销号问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>两个覆盖</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评星定级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党员与发展</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>已逾期9999天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在统计工作台数据…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>统计失败：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消统计。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>统计日期：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评星定级（%1年度）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1年度（个）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>人数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待办（%1项，逾期%2项）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（逾期%1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未销号问题（逾期%1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>两个覆盖（暂无统计）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>两个覆盖（暂无在营单位）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>如 2019-07-01、2019.7.1、20190701</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>即 {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailForm</name>
    <message>
        <source>履历与组织关系转接…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>转出、转入登记、调整党组织，及类别变更等履历</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所在单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>班子</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党小组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>还原</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择这个党组织所在的单位（组织覆盖率按此统计）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>管理…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>书记、委员的任职与卸任</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党小组、组长和成员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> 等{0}人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（未登记）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}个：{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（未设）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已修改所在单位（可撤销）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未选中记录</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DevelopPage</name>
    <message>
        <source>记录发展步骤</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录步骤…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除所选步骤</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印纪实表…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党组织</source>
        <translation type="unfinished">Organizations</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已记步骤</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>步骤</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>经办人 / 联系人、介绍人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（全部）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>均已完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（逾期）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（据台账，无步骤记录）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>25个步骤均已完成。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下一步：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，期限 </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选中一条已记录的步骤。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先选中一位发展对象。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发展党员纪实表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已生成纪实表（%1页）：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>确定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>DuesGridModel</name>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每月应交</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>应交</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已交</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>欠交</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2：无需交纳</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%2已登记 %3 元，改为 %4 元是更正（原记录冲正后重新登记）。请写明更正原因：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消：更正需要写明原因。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1按应交全部收讫</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已转出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未核定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1：应交 %2 元，已交 %3 元</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，自愿多交 %1 元</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 交纳 %3 元</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DuesPage</name>
    <message>
        <source>党组织(&amp;O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>年度(&amp;Y)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>交纳方式(&amp;M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本月按应交全部收讫(&amp;A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印明细表(&amp;P)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出Excel(&amp;E)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记基数(&amp;B)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入工资基数(&amp;I)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>减免(&amp;J)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>格内为已交金额（元）：直接输入即登记；红色为当月已过而未交足，灰色为无需交纳。修改已登记的金额会冲正原记录并要求写明原因。可从Excel复制一块金额粘贴（Ctrl+V）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1年</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1按应交全部收讫：%2 笔，共 %3 元。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未核定基数，未登记：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先在表格中选中一名党员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 行：可导入 %2 行，无变化 %3 行，有错误 %4 行。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入工资基数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导入 %1 人的工资基数（%2起）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%2年党费收缴明细表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出党费收缴表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已生成：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>该党组织本年度没有交纳党费的党员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党员 %1 人，全年应交 %2 元，已交 %3 元；截至%4欠交 %5 人</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DuesView</name>
    <message>
        <source>第%1行第%2列：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>粘贴 %1 格党费</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>账本正被其他程序使用，请稍后再试。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>磁盘空间已满，未能保存。请清理磁盘后再试，已保存的数据不受影响。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账本是只读的，不能修改。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发生了意外错误，操作未完成。数据未被改动。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>

错误报告已保存在：
%1
需要帮助时，请把这个文件交给技术支持。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>程序错误</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开报告所在文件夹</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>已导出%1行：%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消导出。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导出%1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成%1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存导入模板</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1导入模板.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入模板已保存：%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FigureCard</name>
    <message>
        <source>点击查看名单（%1条）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>搜索：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在{0}中查找；空格分隔多个词（须同时包含）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查找</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>：全部</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupsDialog</name>
    <message>
        <source>党小组：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党小组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>组长</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>成员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新党小组名称，如“第一党小组”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建党小组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>撤销选中的党小组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>人员：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编入选中的党小组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设为组长</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>移出党小组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（可撤销）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先在上表中选中一个党小组。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已新建{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已撤销党小组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>撤销党小组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编入党小组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已编入{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设党小组组长</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已设为组长：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已移出党小组：{0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>履历与组织关系转接：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记变动</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>组织关系转出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>组织关系转入登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>调整到本账本的其他党组织</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>变动</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>转往 / 转自</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>调整到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>如介绍信编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>转往的党组织（介绍信抬头）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原所在党组织（介绍信开具单位）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择要调整到的党组织。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已登记：{0}（可撤销）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HostUnitsDialog</name>
    <message>
        <source>所在单位：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>勾选这个党组织所在的单位（联合组建可选多个）。组织覆盖率按此统计。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>输入单位名称的一部分筛选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只看已选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已选 {0} 个：{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未选所在单位：这个党组织不计入任何单位的组织覆盖。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提示：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdCardEdit</name>
    <message>
        <source>18位身份证号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>号码有效：出生日期 {0}，性别 {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdListModel</name>
    <message>
        <source>（已删除）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>从Excel导入：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择要导入的表格（.xlsx .xls .et .ods .csv），或把文件拖到窗口上</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择文件(&amp;O)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文件：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作表：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建表中提到、账本中没有的党组织（按名称定类别）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>表格中的列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对应字段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按此对应重新检查(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>列对应关系（可修改，导入后记住）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未选择文件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存导入报告(&amp;E)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择要导入的表格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增{0}，更新{1}，无变化{2}，错误{3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，有提醒{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>-导入报告.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存导入报告</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入报告已保存：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导入：新增{0}条，更新{1}条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，新建党组织{0}个</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入(&amp;I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>无法导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在读取和检查…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消检查。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在检查表格…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作表“{0}”，表头在第{1}行，共{2}行数据：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未识别、将忽略的列：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>缺少必填列（新增的行将出错）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入 {0} 行(&amp;I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（空白表头）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（忽略此列）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消导入，账本未作任何改动。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InstructorsPage</name>
    <message>
        <source>党建指导员</source>
        <translation>Instructors</translation>
    </message>
    <message>
        <source>年度 </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位 / 党组织</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>安排联系单位…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结束联系</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>联系单位（历年）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>联系走访（每半月）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作日志（每月）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>参加会议（每半年）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>年度续聘</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>缺项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只看有缺项的</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>履职情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>派出单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>职务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>考核等次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记考核等次…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>年度考核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所在街道</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从业人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党员数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未覆盖单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党组织</source>
        <translation>Organizations</translation>
    </message>
    <message>
        <source>单位及党组织</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已结束</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>联系中</source>
        <translation>In contact</translation>
    </message>
    <message>
        <source>{0}：现联系 {1} 个，历年共 {2} 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在上表中选中一位指导员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}年截至{1}：已过周期中有记录的 / 应有的；红色为有缺项，指向单元格可见缺哪几期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（本版本没有工作纪实数据）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>缺：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未考核</source>
        <translation>Not assessed</translation>
    </message>
    <message>
        <source>{0}年度考核：{1} 人，未考核 {2} 人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今天没有党建指导员联系的在营单位：{0} 个</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先在上表中选中一位指导员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未安排</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请从列表中选择一个单位。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已安排 {0} 联系 {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先选中一条联系关系。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>以今天为结束日期，结束联系“{0}”吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先选中一位指导员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} {1}年度考核等次：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IssueDialog</name>
    <message>
        <source>颁发证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书种类：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>持证人：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发证日期：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>聘任职务：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正文预览：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>颁发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>指导员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1（红领党务）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <source>错误：找不到账本文件 %1。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LedgerDelegate</name>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
</context>
<context>
    <name>LedgerTableModel</name>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>读取列表失败：%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LedgerTableView</name>
    <message>
        <source>一次最多复制 {0} 行。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已复制 {0} 行 × {1} 列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先选中要粘贴到的单元格。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>一次最多清除 10000 个单元格。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（表格外）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>超出表格范围，未写入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第一行上面没有可以向下填充的内容。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>此列不能修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>复制(&amp;C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>粘贴(&amp;P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>向下填充(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清除(&amp;E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按此值筛选(&amp;F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} 个单元格未写入，原因见列表。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已写入 {0} 个单元格（可撤销）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListDialog</name>
    <message>
        <source>双击可编辑评星定级、六有、四个一</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>双击可登记六个清摸排</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>PartyDesk 账本 (*.partydesk *.db *.sqlite);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在打开账本…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>新建账本(&amp;N)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开账本(&amp;O)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>连接服务器账本(&amp;S)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开 PostgreSQL 数据库服务器上多人共用的账本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最近打开(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>另存副本(&amp;A)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>把当前账本复制为另一个文件（原账本继续使用）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印(&amp;P)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预览并打印本页的文档（表格页打印当前表格名单）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退出(&amp;X)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重做</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查找</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>详情面板</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工具(&amp;T)</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>工具栏</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本页没有可打印的文档。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>此功能暂不可用。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已打开账本：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建账本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新账本.partydesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文件已存在，请换一个名字：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开账本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（无）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>-副本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>另存副本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>副本不能与当前账本是同一个文件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在保存副本…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>副本已保存：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PartyDesk 党建台账 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（只读）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作台</source>
        <translation type="unfinished">Dashboard</translation>
    </message>
    <message>
        <source>两新组织</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>党组织</source>
        <translation type="unfinished">Organizations</translation>
    </message>
    <message>
        <source>党员与发展对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>两新组织覆盖情况表（六个清）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党员队伍情况统计表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党组织基本情况表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel(&amp;X)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入名册(&amp;I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出当前表格(&amp;E)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>把当前页的表格按显示的列、筛选和排序导出为 Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>空白导入模板(&amp;T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>报表(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评星定级汇总表…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出当前表格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前页没有可导出的表格。请先切换到“两新组织”“党组织”“党员与发展”或“党建指导员”页。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1年评星定级汇总表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党员与发展</source>
        <translation type="unfinished">Members</translation>
    </message>
    <message>
        <source>党建指导员</source>
        <translation type="unfinished">Instructors</translation>
    </message>
    <message>
        <source>工作纪实</source>
        <translation>Work records</translation>
    </message>
    <message>
        <source>问题清单</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>积分管理</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>党费收缴</source>
        <translation>Dues</translation>
    </message>
    <message>
        <source>证书管理</source>
        <translation type="unfinished">Certificates</translation>
    </message>
    <message>
        <source>操作日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation type="unfinished">&amp;Help</translation>
    </message>
    <message>
        <source>使用说明(&amp;M)</source>
        <translation type="unfinished">&amp;Manual</translation>
    </message>
    <message>
        <source>关于(&amp;A)…</source>
        <translation type="unfinished">&amp;About…</translation>
    </message>
    <message>
        <source>发展党员</source>
        <translation>Recruitment</translation>
    </message>
    <message>
        <source>备份与恢复(&amp;B)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>启动密码(&amp;P)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只读提示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只读：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有打开账本。可以从“文件”菜单打开或新建账本。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账本检查(&amp;C)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查身份证号、信用代码、发展党员日期、组织设置等，列出需要处理的问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合并乡镇账本(&amp;M)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>把乡镇（街道）的账本文件合并到本账本，处理两边都改过的记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入账本密钥(&amp;K)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出账本密钥…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密钥提示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机没有这本账本的密钥文件：在本机所做的修改无法加入操作日志的防篡改链（核验操作日志时会显示为中断），也不能颁发或核对证书校验码。请导入办公室保存的密钥文件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入密钥…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入账本密钥</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密钥文件 (*.key);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导入账本密钥：本机现在可以核验这本账本的操作日志和证书校验码。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出账本密钥</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账本密钥.key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密钥文件 (*.key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出账本密钥：%1。请把它存放在安全的地方，不要随账本一起传出。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManualWindow</name>
    <message>
        <source>使用说明 — PartyDesk 党建台账</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarketTab</name>
    <message>
        <source>商品</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所需积分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>库存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上架商品(&amp;G)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>兑换(&amp;X)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>积分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>兑换人(&amp;W)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>可用积分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>商品(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数量(&amp;Q)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本组织兑换记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不计</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1（%2分）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} 分（累计获得 {1}，已兑换 {2}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>兑换</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择兑换人和商品。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 兑换 %2×%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已兑换：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上架商品</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不计库存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>名称(&amp;N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所需积分(&amp;P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>库存(&amp;S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位(&amp;U)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>合并乡镇账本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择乡镇（街道）交回的账本文件合并到本账本：按记录的编号（UUID）对应，新记录加入，只有一边改过的采用改过的，两边都改过的列在下面由您决定。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择账本并合并…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存合并报告…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出乡镇账本…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>冲突</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>字段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本账本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>乡镇账本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>来自</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保留本账本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>采用乡镇账本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只采用所选字段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待决定的冲突（选中一行或几行，再按下面的按钮）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 条冲突待决定。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有待决定的冲突。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先选中要决定的冲突。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择要合并的乡镇账本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PartyDesk 账本 (*.partydesk);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在合并 %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在合并乡镇账本…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合并完成。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存合并报告</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合并报告.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合并报告已保存：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出乡镇账本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账本中的两新组织都没有填所在街道。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出哪个街道（乡镇）的账本：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存乡镇账本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出 %1 的账本：%2（%3）。乡镇使用后交回，在这里合并。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导出乡镇账本…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>知道了</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewProblemDialog</name>
    <message>
        <source>登记问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（不指定单位）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提出日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办结时限</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrgStandingDialog</name>
    <message>
        <source>未评星</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>一星</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>二星</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>三星</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>四星</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>五星</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党组织评星定级与阵地建设</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党组织：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>年度：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评星定级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>四个一</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>示范点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>方面</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>满分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>得分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>一票否决</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>步骤</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（未指定）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>联系领导：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>领导职务：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党建指导员：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结对单位：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>吹哨报到渠道：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党建示范点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>命名为示范点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>级别：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>名称：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>历年：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1年 %2分 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1年 %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未命名为示范点。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>总分 %1 分&#x3000;%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（一票否决）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择党组织。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编辑“%1”的评星与阵地</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>PartyDesk 启动密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入启动密码：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密码不对，还可以试 %1 次：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordSetupDialog</name>
    <message>
        <source>启动密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设置后，每次打开程序都要先输入密码。账本中只保存密码的加盐散列值，无法反查出密码，请牢记。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原密码：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新密码（至少 %1 个字符）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>再输入一次：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>取消启动密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>两次输入的密码不一样。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PeopleActs</name>
    <message>
        <source>取消积极分子资格…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消预备党员资格…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>延长预备期…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先在表格中选中一个人。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账本以只读方式打开，不能办理。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已办理：{0}（已记入履历，可撤销）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发展程序决定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消积极分子资格、取消预备党员资格、延长预备期：记入履历，可撤销</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PointsGridModel</name>
    <message>
        <source>原始分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>排名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>培养意见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>·限%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，每期上限 %1 分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1：%2（每次 %3 分%4）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原始 %1 分，封顶后计 %2 分</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PointsPage</name>
    <message>
        <source>党组织(&amp;O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>积分方案(&amp;S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>期间(&amp;P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公示并锁定(&amp;L)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更正(&amp;C)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印/导出(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按会议出勤加分(&amp;M)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>方案设置(&amp;T)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>积分录入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>积分超市</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本期积分已于 {0} 公示，已锁定，只能查看，不能直接修改。如需更正，请点“更正…”录入冲正记录并写明原因。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本组织没有参加该积分方案的人员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 {0} 人，平均 {1} 分，最高 {2} 分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公示{0}{1}后，本期积分将锁定，不能再修改（只能冲正更正）。确定公示吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公示并锁定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已公示并锁定：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先选中要更正的人员和积分项目所在的格子。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已冲正更正：{0} {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>积分公示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>积分卡（一人一卡）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印本期{0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印全年{0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本期积分公示导出Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本期积分卡导出Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>积分卡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成{0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已生成：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>积分方案已保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按会议出勤加分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}没有记有出席人员的会议纪实。请先在“工作纪实”中登记会议。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已按会议出勤加分：{0} 人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按会议出勤加分：%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>提醒：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>行号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因 / 变化</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（忽略）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewWindow</name>
    <message>
        <source>打印预览 — </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印 (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>另存为PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存为PDF文件，文字可搜索、可复制 (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>适合页面</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>适合宽度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>缩放：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成“%1”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消生成。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 页。打印机会收到与预览相同的PDF。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成失败。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第 %1 / %2 页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已打印为PDF：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已发送到打印机：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>另存为PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>打印证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选中的证书（{0} 张）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}年颁发的有效证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新开：颁发后尚未打印过的有效证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>自某日起颁发的有效证书：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按批次：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第{0}批&#x3000;{1}&#x3000;{2}&#x3000;{3} 张，有效 {4}，未打印 {5}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>样稿：标出盖章位置，不计入打印次数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预览…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>将打印 {0} 张。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}年</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}起</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第{0}批</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书-{0}-{1}张-样稿.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书-{0}-{1}张.pdf</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>没有指定要保存的PDF文件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法把文档交给打印系统：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印机没有接受打印任务：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法开始打印，请检查打印机是否连接、是否有纸。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在发送到打印机…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ProblemModel</name>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党组织</source>
        <translation type="unfinished">Organizations</translation>
    </message>
    <message>
        <source>问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提出日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办结时限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>办结情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（逾期）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemsPage</name>
    <message>
        <source>未销号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题、单位、党组织或责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记问题…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>销号…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不能解决…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新列为待办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出问题清单…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>范围</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 个问题：未销号 %2 个，其中逾期 %3 个；已解决 %4 个；不能解决 %5 个</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>销号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不能解决</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出问题清单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题清单-</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导出问题清单…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出 %1 个问题：%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QualificationsPanel</name>
    <message>
        <source>持有人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>等级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>认定（定级）日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>复核期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原等级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新等级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>含已撤销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>认定…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>复核…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>撤销资格…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>认定红领党务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>持有人姓名：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>等级：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已认定 {0} 为红领党务{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先选中一位持有人。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>复核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>复核后的等级（不变即保留）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>晋级或降级的原因：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>撤销资格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>撤销原因（如：调离党务工作岗位）：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>议题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>决议事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>表决结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查摆问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>见面人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>反映问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>解决情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作纪实 — </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>至</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>地点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>主持人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>谈话人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>主讲人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党课题目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部出席</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部清除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不在名册上的列席人员，用“、”分隔</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>列席人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评议与签到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>出席（签到）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>谈话对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>（不指定）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指导员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位名称，多个用“、”分隔</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>走访单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指导单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>应到 %1 人，实到 %2 人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>找不到单位%1（或名称不唯一），请写单位全称。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>次序</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>地点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>主持人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>应到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>实到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>议题 / 内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第%1次</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordsPage</name>
    <message>
        <source> 年</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>复制上次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按同类上一次记录新建（地点、主持人、记录人、参加人员），日期顺延一个月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编辑</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党组织</source>
        <translation>Organizations</translation>
    </message>
    <message>
        <source>年度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>要求</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>应开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>适合宽度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A5 开本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>空白手册</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成预览</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录与检查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>纪实手册</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账本中还没有党支部。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>组织生活落实情况（截至今天）：%1 项有缺</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>组织生活落实情况（截至今天）：齐全</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改工作纪实</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1（第%2次，%3）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除工作纪实</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除这条记录？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>可用“撤销”恢复。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefusedDialog</name>
    <message>
        <source>粘贴结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已写入 {0} 个单元格，{1} 个单元格未写入：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>粘贴的值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReliefDialog</name>
    <message>
        <source>减免党费</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>起始月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结束月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>减免后每月应交（元）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>减免原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批准日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>减免后应交金额</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReminderModel</name>
    <message>
        <source>到期日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已等待%1天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已逾期%1天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今天到期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>还有%1天</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SchemeDialog</name>
    <message>
        <source>方案设置 — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>基础分(&amp;B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最低分(&amp;F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最高分(&amp;C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加项目(&amp;A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加分档(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>积分项目（扣分项分值写负数；每期上限留空为不封顶）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分档（总分达到起点分即属该档；星数可空）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不设</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第 %1 行的%2应为数字：%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（空）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每次分值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>方面</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>项目名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每期上限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>启用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>起点分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星数</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SelfTest</name>
    <message>
        <source>Excel 读回内容不符：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>partydesk %1 失败（退出码 %2）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账本版本 %1 不是最新 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>窗口截图失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF 字体不对：%1，嵌入 %2/%3，缺少 %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerLedgerDialog</name>
    <message>
        <source>连接服务器账本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>服务器地址，例如 192.168.1.10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库名，例如 partydesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>留空则使用 PGPASSWORD 或 ~/.pgpass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>服务器：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>端口：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>口令：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>连接</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>打开保存在 PostgreSQL 数据库服务器上的账本（多人共用的县级账本）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写服务器地址、数据库名和用户名。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>记录发展步骤 — </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>步骤</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>经办人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SurveyDialog</name>
    <message>
        <source>六个清摸排登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>摸排日期：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>摸排人：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>上次摸排：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择单位。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>六个清摸排：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已登记摸排：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>；单位信息已更新：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TableCommands</name>
    <message>
        <source>操作未完成：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>粘贴%1个单元格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除%1条%2记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党组织</source>
        <translation type="unfinished">Organizations</translation>
    </message>
    <message>
        <source>修改%1的所在单位</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TablePage</name>
    <message>
        <source>正在读取…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 {0} 条，正在读取筛选结果…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 {0} 条，筛选出 {1} 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 {0} 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，选中 {0} 行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未保存：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已新增{0}（可撤销）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>。请在右侧“所在单位”处选择它所在的单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先选中要删除的记录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>一次最多删除 {0} 条记录，请缩小选择。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>等{0}条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确定删除{0}“{1}”{2}吗？
删除后可用“撤销”恢复。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消删除。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已删除 {0} 条记录（可撤销）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1名单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>党组织还有人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>转移人员后删除…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>转入的党组织</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>把人员转到：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>正文</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>结束语</source>
        <translation>Closing</translation>
    </message>
    <message>
        <source>聘任职务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发证机关</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>种类代码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编号规则</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有效年限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书措辞：</source>
        <translation>Certificate wording: </translation>
    </message>
    <message>
        <source>可用占位符：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>未保存</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>核验证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书编号，或扫描二维码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>校验码（证书左下角，可不填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核验</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编号或二维码：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>校验码：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入证书编号或扫描二维码。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>欢迎使用 PartyDesk 党建台账</source>
        <translation>Welcome to PartyDesk</translation>
    </message>
    <message>
        <source>这个账本还是空的。请选择一种方式开始：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从Excel导入现有台账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>把现有的两新组织、党组织、党员名册（.xlsx）导入这个账本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开示例账本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成一个全部是虚构数据的演示账本，先熟悉各个页面，不影响这个账本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建空账本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>就在这个空账本中开始，从两新组织逐条录入或从 Excel 粘贴</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账本位置：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>随时按 F1 查看使用说明。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成示例账本（全部为虚构数据）…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>这是一个空账本：可以直接录入，或从 Excel 复制后粘贴。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_Base</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>今天的自动备份没有完成：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>excel</name>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>表格文件 (*.xlsx *.xlsm *.xls *.et *.ods *.csv);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ledger</name>
    <message>
        <source>无法打开账本</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>safety</name>
    <message>
        <source>无法打开账本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>以只读方式打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提醒</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账本已加密</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入账本口令：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账本已损坏</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账本文件已损坏：%1
为保护数据，程序没有写入它。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最新的完好备份：%1（%2）。
恢复时，损坏的文件会另存到备份文件夹，不会丢弃。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有找到完好的备份。可以选择一个备份文件，或把账本文件复制一份交给技术人员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复最新的完好备份（%1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择备份文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PartyDesk 账本 (*.partydesk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已从备份恢复账本：%1
损坏的文件已另存到备份文件夹。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
