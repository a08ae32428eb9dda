// Package pkgview says in words what a district's package holds and what applying it would
// change, for the window's 区局下发 tab and the command line's package check and apply alike.
package pkgview

import (
	"fmt"
	"strings"

	"townledger/app/districtpkg"
	"townledger/ui/locale"
)

// About says what a package holds; from is where it came from ("" for none).
func About(p districtpkg.Package, from string) string {
	m := p.Manifest
	years := make([]string, len(p.Years))
	for i, y := range p.Years {
		years[i] = fmt.Sprint(y)
	}
	name := m.IssuerName
	if name == "" {
		name = m.Issuer
	}
	return locale.T("cli.package.about", map[string]any{"Version": m.Version, "Issuer": m.Issuer, "Name": name, "Date": m.Date,
		"Items": len(p.Catalog), "Days": len(p.Calendar), "Years": strings.Join(years, locale.T("cli.list_separator")),
		"Sets": len(p.Sets), "From": from})
}

// Changes says each change, one line each: items added, revised and withdrawn, calendar
// days, rule sets; or one line saying nothing would change.
func Changes(ch districtpkg.Changes) []string {
	if ch.Empty() {
		return []string{locale.T("cli.package.same")}
	}
	var out []string
	say := func(key string, d map[string]any) { out = append(out, locale.T(key, d)) }
	for _, it := range ch.Added {
		say("cli.package.item_added", map[string]any{"Code": it.Code, "Name": it.Name, "From": it.EffectiveFrom})
	}
	for _, x := range ch.Changed {
		say("cli.package.item_changed", map[string]any{"Code": x.New.Code, "Name": x.New.Name, "Version": x.Old.Version,
			"From": x.New.EffectiveFrom})
	}
	for _, it := range ch.Withdrawn {
		say("cli.package.item_withdrawn", map[string]any{"Code": it.Code, "Name": it.Name})
	}
	kind := func(k, name string) string {
		if k == "" {
			return locale.T("cli.package.day.none")
		}
		s := locale.T("cli.package.day." + k)
		if name != "" {
			s += "（" + name + "）"
		}
		return s
	}
	for _, d := range ch.Days {
		say("cli.package.day", map[string]any{"Day": d.Day, "Old": kind(d.Old.Kind, d.Old.Name), "New": kind(d.New.Kind, d.New.Name)})
	}
	for _, s := range ch.Sets {
		say("cli.package.set", map[string]any{"ID": s.ID, "Title": s.Title, "From": s.From})
	}
	return out
}
