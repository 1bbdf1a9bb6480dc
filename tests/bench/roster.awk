# Generates a roster CSV of about size MB shaped like the clerks' exports.
BEGIN {
	srand(1)
	split("陈 林 王 赵 刘 张 李 周 吴 郑 孙 钱", sur, " ")
	split("思远 晓雯 建国 丽娟 振华 明 伟 芳 静 磊 洋 婷", giv, " ")
	split("中共党员 群众 民盟盟员 共青团员", pol, " ")
	split("本科 硕士研究生 博士研究生 大专", edu, " ")
	split("示例市明德律师事务所 示例市正平律师事务所 示例市法律援助中心 示例市新桥法律服务所", unit, " ")
	print "姓名,性别,出生日期,政治面貌,学历,执业年限,执业单位,联系电话,执业证号,通讯地址,人员类别,服务意向,是否值班"
	limit = size * 1024 * 1024
	total = 0
	for (i = 1; total < limit; i++) {
		line = sprintf("%s%s,%s,%d/%d/%d,%s,%s,%d,%s,139%08d,131992%011d,示例市东城区幸福路%d号%d单元,社会律师,\"刑事辩护,民事代理\",%s",
		    sur[i % 12 + 1], giv[int(i / 12) % 12 + 1], (i % 2) ? "男" : "女",
		    1960 + i % 40, 1 + i % 12, 1 + i % 28, pol[i % 4 + 1], edu[i % 4 + 1],
		    i % 30, unit[i % 4 + 1], i, i, i % 200, i % 9, (i % 3) ? "是" : "否")
		print line
		total += length(line) + 1
	}
}
