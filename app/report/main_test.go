package report_test

import (
	"os"
	"testing"
)

// TestMain runs the tests; run as a child of the kill tests, it exports instead.
func TestMain(m *testing.M) {
	if v := os.Getenv(exportChildEnv); v != "" {
		os.Exit(exportChild(v))
	}
	os.Exit(m.Run())
}

// Names the tests' generated towns use. (The year export's benchmark is gen's
// BenchmarkExportYearS100, on the generator every benchmark uses.)
var (
	benchSurnames = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "胡", "郭"}
	benchGiven    = []string{"伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀", "建", "海", "志", "丽"}
	benchVillages = []string{"青石村", "柳溪村", "红岭村", "上河村", "新桥社区", "南街社区", "东山村", "白沙村"}
	benchTrades   = []string{"机械加工厂", "餐饮店", "新型建材有限公司", "物流有限公司", "加油站", "食品有限公司", "家具厂", "化工有限公司"}
)

func benchName(i int) string {
	return benchSurnames[i%15] + benchGiven[(i/15)%20] + benchGiven[(i/300)%20]
}
