package backup

import (
	"context"
	"strconv"

	"townledger/app/problem"
	"townledger/app/report"
	"townledger/data"
)

// Anchor is what a period report sent to the district says about the town's audit log.
type Anchor struct {
	Report string // the workbook's path
	Period string
	Head   data.AuditHead
	// Found: the local log still has that row with that hash, so the history the district
	// holds is part of the history here.
	Found bool
	// Have is the hash the local log has at Head.Seq ("" when the row is gone).
	Have string
}

// Keys of the refusals and lines of an anchor check.
const (
	KeyAnchorOld       = "verify.anchor.old"
	KeyAnchorOtherTown = "verify.anchor.other_town"
	KeyAnchorBadLines  = "verify.anchor.bad"
)

// CheckAnchor reads the audit head a report workbook carries and looks it up in the ledger.
// A report of another town, one from before reports carried a head, or a workbook that is
// not a report is refused with its reason.
func CheckAnchor(ctx context.Context, s *data.Store, path string) (Anchor, error) {
	a := Anchor{Report: path}
	meta, err := report.ReadMeta(ctx, path)
	if err != nil {
		return a, err
	}
	a.Period = meta.Values["period"]
	town, ok, err := s.Town(ctx)
	if err != nil {
		return a, err
	}
	if !ok || town.Code != meta.Values["town_code"] {
		return a, problem.New(KeyAnchorOtherTown, map[string]any{"Path": path, "Code": meta.Values["town_code"]})
	}
	seqText, hash := meta.Values[report.MetaAuditSeq], meta.Values[report.MetaAuditHash]
	if seqText == "" && hash == "" {
		return a, problem.New(KeyAnchorOld, map[string]any{"Path": path})
	}
	seq, err := strconv.ParseInt(seqText, 10, 64)
	if err != nil || seq < 0 || (seq > 0 && len(hash) != 64) {
		return a, problem.New(KeyAnchorBadLines, map[string]any{"Path": path})
	}
	a.Head = data.AuditHead{Seq: seq, Hash: hash}
	if seq == 0 { // the report was written before anything was logged
		a.Found = true
		return a, nil
	}
	have, ok, err := s.HashAt(ctx, seq)
	if err != nil {
		return a, err
	}
	a.Have = have
	a.Found = ok && have == hash
	return a, nil
}

// Line says what an anchor check found.
func (a Anchor) Line() *problem.Error {
	d := map[string]any{"Path": a.Report, "Period": a.Period, "Seq": a.Head.Seq}
	switch {
	case a.Found:
		return problem.New("verify.anchor.found", d)
	case a.Have == "":
		return problem.New("verify.anchor.gone", d)
	default:
		return problem.New("verify.anchor.differs", d)
	}
}

// anchorKeys are the keys of Line and the refusals, for Keys.
var anchorKeys = []string{"verify.anchor.found", "verify.anchor.gone", "verify.anchor.differs", KeyAnchorOld,
	KeyAnchorOtherTown, KeyAnchorBadLines}
