package demo

import "townledger/data"

func yuan(n int64) *int64 { v := n * 100; return &v }

// law is the 2021 revision of the Work Safety Law, the basis of the sample catalogue.
const law, lawVersion = "中华人民共和国安全生产法", "2021年修正"

func refs(obligation, basis, para, item int) []data.LegalRef {
	return []data.LegalRef{
		{Role: "obligation", Law: law, LawVersion: lawVersion, Article: obligation},
		{Role: "basis", Law: law, LawVersion: lawVersion, Article: basis, Paragraph: para, Item: item},
	}
}

// catalog is the sample delegated catalogue of DOMAIN.md.
func catalog(from string) []data.CatalogItem {
	type row struct {
		name                  string
		obligation, basis, it int
		max, lateMin, lateMax int64
		pMin, pMax            int64
		extra                 string
	}
	rows := []row{
		{"未按规定对从业人员进行安全生产教育和培训", 28, 97, 3, 100000, 100000, 200000, 20000, 50000, "责令停产停业整顿"},
		{"未如实记录安全生产教育和培训情况", 28, 97, 4, 100000, 100000, 200000, 20000, 50000, "责令停产停业整顿"},
		{"未如实记录事故隐患排查治理情况或未向从业人员通报", 41, 97, 5, 100000, 100000, 200000, 20000, 50000, "责令停产停业整顿"},
		{"未按规定制定应急救援预案或未定期组织演练", 81, 97, 6, 100000, 100000, 200000, 20000, 50000, "责令停产停业整顿"},
		{"未在有较大危险因素的场所和设施设备上设置明显安全警示标志", 35, 99, 1, 50000, 50000, 200000, 10000, 20000, "责令停产停业整顿"},
		{"未为从业人员提供符合标准的劳动防护用品", 45, 99, 5, 50000, 50000, 200000, 10000, 20000, "责令停产停业整顿"},
		{"餐饮等场所使用燃气未安装可燃气体报警装置", 36, 99, 8, 50000, 50000, 200000, 10000, 20000, "责令停产停业整顿"},
		{"未采取措施消除事故隐患", 41, 102, 0, 50000, 0, 0, 50000, 100000, "拒不执行的，责令停产停业整顿"},
	}
	out := make([]data.CatalogItem, len(rows))
	for i, r := range rows {
		it := data.CatalogItem{
			Key: "AQSC-" + pad(i+1), Code: "AQ-" + pad(i+1), Name: r.name,
			Delegation: "grant", AgreementRef: "区应急管理局赋权承接工作协议书（示范）",
			UnitMin: yuan(0), UnitMax: yuan(r.max), LatePersonMin: yuan(r.pMin), LatePersonMax: yuan(r.pMax),
			LateExtra: r.extra, MinorExempt: i < 4, FirstExempt: i < 7,
			ExemptConditions: "首次违法、及时改正、未造成危害后果，且三年内未发生死亡事故",
			EffectiveFrom:    from, Refs: refs(r.obligation, r.basis, 1, r.it),
		}
		if r.lateMax > 0 {
			it.LateUnitMin, it.LateUnitMax = yuan(r.lateMin), yuan(r.lateMax)
		}
		if i == 3 { // 委托 items carry the bureau's name and number prefix
			it.Delegation = "entrust"
		}
		if i == 4 { // the example tiers of DOMAIN.md, by number of places without signs
			it.Tiers = []data.Tier{
				{Ordinal: 1, Name: "一阶", Condition: "1处未设置", UnitMin: yuan(10000), UnitMax: yuan(10000)},
				{Ordinal: 2, Name: "二阶", Condition: "2处未设置", UnitMin: yuan(10000), UnitMax: yuan(20000)},
				{Ordinal: 3, Name: "三阶", Condition: "3至4处未设置", UnitMin: yuan(20000), UnitMax: yuan(30000)},
				{Ordinal: 4, Name: "四阶", Condition: "5处及以上未设置", UnitMin: yuan(30000), UnitMax: yuan(50000)},
			}
		}
		out[i] = it
	}
	return out
}

func pad(n int) string {
	return string([]byte{byte('0' + n/10), byte('0' + n%10)})
}
