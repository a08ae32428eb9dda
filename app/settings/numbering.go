package settings

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	"townledger/app/auth"
	"townledger/app/problem"
	"townledger/data"
)

// Keys of the numbering the district bureau gives a town for cases decided in its name.
const (
	EntrustIssuer = "case.entrust.issuer" // the bureau's name as its numbers begin, e.g. 示范区
	EntrustMark   = "case.entrust.mark"   // the town's mark before the sequence, e.g. 青石
	EntrustFrom   = "case.entrust.from"   // the town's reserved range, first number
	EntrustTo     = "case.entrust.to"     // and last; empty for an open end
)

// EntrustNumbering is how the district bureau has a town number the cases it decides in the
// bureau's name (委托, 行政处罚法 Art. 20): those numbers are the bureau's, so the town must
// not count them from 1 in a sequence of its own, or its numbers repeat the bureau's. The
// bureau gives its name as numbers begin, and a mark for the town, a reserved range, or both:
// 示范区应急罚〔2026〕青石12号, or 示范区应急罚〔2026〕301号 from a range 301–400.
type EntrustNumbering struct {
	Issuer   string
	Mark     string
	From, To int // 0 when not set
}

// Complete tells whether numbers can be given: a name, and a mark or a range that keeps
// them apart from the bureau's own.
func (n EntrustNumbering) Complete() bool {
	return n.Issuer != "" && (n.Mark != "" || n.From > 0)
}

// Entrust reads the office's numbering for 委托 cases.
func Entrust(ctx context.Context, s *data.Store) (EntrustNumbering, error) {
	stored, err := s.Settings(ctx)
	if err != nil {
		return EntrustNumbering{}, err
	}
	n := EntrustNumbering{Issuer: strings.TrimSpace(stored[EntrustIssuer]), Mark: strings.TrimSpace(stored[EntrustMark])}
	n.From, _ = strconv.Atoi(strings.TrimSpace(stored[EntrustFrom]))
	n.To, _ = strconv.Atoi(strings.TrimSpace(stored[EntrustTo]))
	return n, nil
}

// Refusals of an entrust numbering.
const (
	KeyEntrustIssuer = "settings.entrust.issuer" //
	KeyEntrustMark   = "settings.entrust.mark"   //
	KeyEntrustRange  = "settings.entrust.range"  //
	KeyEntrustApart  = "settings.entrust.apart"  //
)

// SetEntrust stores the numbering the district supplied; all empty clears it.
func SetEntrust(ctx context.Context, s *data.Store, by auth.Session, n EntrustNumbering) error {
	if err := by.Require(auth.ManageSettings); err != nil {
		return err
	}
	n.Issuer, n.Mark = strings.TrimSpace(n.Issuer), strings.TrimSpace(n.Mark)
	var l problem.List
	clear := n == EntrustNumbering{}
	if !clear {
		if n.Issuer == "" || utf8.RuneCountInString(n.Issuer) > 20 || strings.ContainsAny(n.Issuer, "〔〕[]［］【】()（）0123456789") {
			l = append(l, problem.OnField(EntrustIssuer, KeyEntrustIssuer, nil))
		}
		if utf8.RuneCountInString(n.Mark) > 10 || strings.ContainsAny(n.Mark, "〔〕[]［］【】()（）0123456789第 ") {
			l = append(l, problem.OnField(EntrustMark, KeyEntrustMark, nil))
		}
		if n.From < 0 || n.To < 0 || n.To > 0 && (n.From == 0 || n.To < n.From) || n.From > 999_999_999 || n.To > 999_999_999 {
			l = append(l, problem.OnField(EntrustFrom, KeyEntrustRange, nil))
		}
		if n.Mark == "" && n.From == 0 {
			l = append(l, problem.OnField(EntrustMark, KeyEntrustApart, nil))
		}
	}
	if err := l.Err(); err != nil {
		return err
	}
	num := func(v int) string {
		if v == 0 {
			return ""
		}
		return strconv.Itoa(v)
	}
	stored, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	changed := map[string]string{}
	for k, v := range map[string]string{EntrustIssuer: n.Issuer, EntrustMark: n.Mark, EntrustFrom: num(n.From), EntrustTo: num(n.To)} {
		if strings.TrimSpace(stored[k]) != v {
			changed[k] = v
		}
	}
	if len(changed) == 0 {
		return nil
	}
	return s.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		for k, v := range changed {
			var err error
			if v == "" {
				err = tx.DeleteSetting(k)
			} else {
				err = tx.SetSetting(k, v)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}
