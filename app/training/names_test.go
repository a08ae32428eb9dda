package training_test

import (
	"slices"
	"testing"

	"townledger/app/training"
)

func TestSplitNamesReadsSignInSheetsAndMessages(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string
	}{
		{"lines", "张三\n李四\r\n王五\n", []string{"张三", "李四", "王五"}},
		{"wechat", "张三、李四，王五；赵六;孙七,周八", []string{"张三", "李四", "王五", "赵六", "孙七", "周八"}},
		{"spaces", "张三 李四\u3000王五\t赵六", []string{"张三", "李四", "王五", "赵六"}},
		{"numbered", "1.张三\n2、李四\n3) 王五\n（4）赵六", []string{"张三", "李四", "王五", "赵六"}},
		{"notes", "张三（请假）李四(迟到) 王五。", []string{"张三", "李四", "王五"}},
		{"dotted name", "阿依古丽·买买提", []string{"阿依古丽·买买提"}},
		{"nothing", " ,，\n 12 ", nil},
	}
	for _, c := range cases {
		if got := training.SplitNames(c.in); !slices.Equal(got, c.want) {
			t.Errorf("%s: SplitNames(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestMatchNamesNeverGuesses(t *testing.T) {
	roster := []training.Person{
		{ID: "1", Name: "张三", Unit: "镇应急管理办公室"},
		{ID: "2", Name: "王芳", Unit: "镇应急管理办公室"},
		{ID: "3", Name: "王芳", Unit: "网格服务中心"},
		{ID: "4", Name: "李四", Unit: "网格服务中心"},
	}
	m := training.MatchNames(roster, "李四、张三\n王芳 赵六 张三 张")
	var found []string
	for _, p := range m.Found {
		found = append(found, p.ID)
	}
	if !slices.Equal(found, []string{"4", "1"}) {
		t.Errorf("found %v, want 李四 then 张三 once", found)
	}
	if !slices.Equal(m.Missing, []string{"赵六", "张"}) {
		t.Errorf("missing %q", m.Missing)
	}
	if !slices.Equal(m.Ambiguous, []string{"王芳"}) {
		t.Errorf("ambiguous %q", m.Ambiguous)
	}
}
