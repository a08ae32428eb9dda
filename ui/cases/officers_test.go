package cases

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"townledger/ui/kit/kittest"
)

// TestOfficersScaleToALargeRoster: a town's few officers are tick boxes; a roster of
// hundreds is found by name or pinyin initials in a list that makes only the rows it shows,
// the names chosen are said above it, and the choice is kept in the form's draft.
func TestOfficersScaleToALargeRoster(t *testing.T) {
	u, _ := kittest.DemoEnv(t)
	small := newOfficers([]string{"李明", "张强", "王芳"}, "")
	if len(small.Checks) != 3 || small.Search != nil {
		t.Fatalf("a roster of 3: %d tick boxes, search %v", len(small.Checks), small.Search != nil)
	}

	var names []string
	for _, family := range []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"} {
		for _, given := range []string{"伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "勇", "军"} {
			names = append(names, family+given)
		}
	}
	o := newOfficers(names, "")
	if o.Checks != nil || o.Search == nil || o.List.Length() != len(names) {
		t.Fatalf("a roster of %d: %d tick boxes, a list of %d", len(names), len(o.Checks), o.List.Length())
	}
	if !strings.Contains(o.Chosen.Text, "尚未选择") {
		t.Errorf("nothing chosen says %q", o.Chosen.Text)
	}
	test.Type(o.Search, "zw") // 张伟 and 周伟 (and 赵伟: zw too)
	var found []string
	for i := range o.List.Length() {
		found = append(found, o.Options[o.shown[i]])
	}
	if want := []string{"张伟", "赵伟", "周伟"}; !slices.Equal(found, want) {
		t.Fatalf("initials zw find %v, want %v", found, want)
	}
	d := u.NewDraft("test.officers", "")
	o.bind(d)
	o.List.Select(1) // a tap on 赵伟's row
	if got := o.Selected(); !slices.Equal(got, []string{"赵伟"}) || !strings.Contains(o.Chosen.Text, "赵伟") || !d.Dirty() {
		t.Fatalf("after a tap: chosen %v, said %q, draft changed %v", got, o.Chosen.Text, d.Dirty())
	}
	o.Search.SetText("")
	o.SetSelected([]string{"吴军", "王伟", "不在名册"})
	if got := o.Selected(); !slices.Equal(got, []string{"王伟", "吴军"}) {
		t.Errorf("set to 吴军 and 王伟: %v", got)
	}
	d.Restore(map[string]string{"officers": "陈静\n李强"})
	if got := o.Selected(); !slices.Equal(got, []string{"李强", "陈静"}) {
		t.Errorf("restored from the draft: %v", got)
	}
	if want := fmt.Sprint(len(names)); !strings.Contains(o.Search.PlaceHolder, want) {
		t.Errorf("the search field says %q", o.Search.PlaceHolder)
	}
}
