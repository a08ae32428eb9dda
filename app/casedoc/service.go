package casedoc

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"townledger/app/auth"
	"townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/app/problem"
	"townledger/app/settings"
	"townledger/data"
)

// Service produces and keeps a ledger's case documents.
type Service struct {
	store *data.Store
	cases *cases.Service
}

// NewService serves documents from store.
func NewService(s *data.Store) Service { return Service{store: s, cases: cases.New(s)} }

// KeyUnknownKind refuses a document name that is none of Kinds.
const KeyUnknownKind = "casedoc.kind.unknown" // Kind

func (v Service) source(ctx context.Context, caseID string, today time.Time) (source, error) {
	s := source{today: today}
	var err error
	if s.view, err = v.cases.Load(ctx, caseID, today); err != nil {
		return s, err
	}
	if s.town, _, err = v.store.Town(ctx); err != nil {
		return s, err
	}
	if s.office, err = settings.ReadDocTexts(ctx, v.store); err != nil {
		return s, err
	}
	if s.params, err = cases.Params(ctx, v.store, parseDay(s.view.Case.FiledOn)); err != nil {
		return s, err
	}
	if s.cal, err = settings.Calendar(ctx, v.store); err != nil {
		return s, err
	}
	staff, err := v.store.Officers(ctx)
	s.certs = map[string]string{}
	for _, o := range staff {
		s.certs[o.Name] = o.CertNo
	}
	return s, err
}

// Entry is a document a case's recorded steps call for, with the copy last kept of it.
type Entry struct {
	Kind    Kind
	Step    rules.Step
	EventID string
	On      string              // its step's day
	Kept    *data.CaseDocument  // the latest produced, nil before any
	All     []data.CaseDocument // every copy produced, oldest first
}

// Entries lists the documents of a case's recorded steps in the order of its record.
func (v Service) Entries(ctx context.Context, caseID string, today time.Time) ([]Entry, error) {
	s, err := v.source(ctx, caseID, today)
	if err != nil {
		return nil, err
	}
	kept, err := v.store.CaseDocuments(ctx, caseID)
	if err != nil {
		return nil, err
	}
	return EntriesOf(s.view, kept), nil
}

// EntriesOf is Entries of a case already read, with its kept documents (Kept).
func EntriesOf(v cases.View, kept []data.CaseDocument) []Entry {
	var out []Entry
	at := map[Kind]int{}
	for _, st := range v.Steps {
		for _, k := range KindsOf(rules.Procedure(v.Case.Procedure), st.Event) {
			e := Entry{Kind: k, Step: st.Event.Step, EventID: st.ID, On: st.OccurredOn}
			if i, ok := at[k]; ok { // a step recorded again: its latest record
				out[i] = e
				continue
			}
			at[k] = len(out)
			out = append(out, e)
		}
	}
	for _, d := range kept {
		if i, ok := at[Kind(d.Kind)]; ok {
			out[i].All = append(out[i].All, d)
			out[i].Kept = &out[i].All[len(out[i].All)-1]
		}
	}
	return out
}

// Texts are the free texts to start editing k from: those of its copy last kept, else the
// case's facts and evidence as last printed in any document, the rest from the case.
func (v Service) Texts(ctx context.Context, caseID string, k Kind, today time.Time) (Texts, error) {
	if !k.Known() {
		return Texts{}, problem.New(KeyUnknownKind, map[string]any{"Kind": string(k)})
	}
	s, err := v.source(ctx, caseID, today)
	if err != nil {
		return Texts{}, err
	}
	kept, err := v.store.CaseDocuments(ctx, caseID)
	if err != nil {
		return Texts{}, err
	}
	t := keptTexts(k, kept)
	f := s.facts(k, t)
	return Texts{Facts: unclean(f.Texts.Facts), Evidence: unclean(f.Texts.Evidence), Reason: unclean(f.Texts.Reason),
		Opinion: unclean(f.Texts.Opinion)}, nil
}

func unclean(s string) string { return strings.ReplaceAll(s, lineBreak, "\n") }

func keptTexts(k Kind, kept []data.CaseDocument) Texts {
	var t Texts
	for _, d := range kept { // oldest first: the latest wins
		var dt Texts
		if json.Unmarshal([]byte(d.Texts), &dt) != nil {
			continue
		}
		if Kind(d.Kind) == k {
			t = dt
			continue
		}
		if dt.Facts != "" {
			t.Facts = dt.Facts
		}
		if dt.Evidence != "" {
			t.Evidence = dt.Evidence
		}
	}
	return t
}

// Build fills in document k of a case with the given texts, for a preview or to print.
func (v Service) Build(ctx context.Context, caseID string, k Kind, t Texts, today time.Time) (Document, error) {
	if !k.Known() {
		return Document{}, problem.New(KeyUnknownKind, map[string]any{"Kind": string(k)})
	}
	s, err := v.source(ctx, caseID, today)
	if err != nil {
		return Document{}, err
	}
	return fill(k, s.facts(k, t))
}

// Produce makes document k of a case as a PDF and keeps it with the case, with its hash and
// the texts it was made with, under the user's name: the copy that is served.
func (v Service) Produce(ctx context.Context, by auth.Session, caseID string, k Kind, t Texts, now time.Time) (data.CaseDocument, error) {
	if err := by.Require(auth.EditCases); err != nil {
		return data.CaseDocument{}, err
	}
	d, err := v.Build(ctx, caseID, k, t, now)
	if err != nil {
		return data.CaseDocument{}, err
	}
	pdf, err := Render([]Document{d}, now)
	if err != nil {
		return data.CaseDocument{}, err
	}
	s, err := v.source(ctx, caseID, now)
	if err != nil {
		return data.CaseDocument{}, err
	}
	texts, err := json.Marshal(t)
	if err != nil {
		return data.CaseDocument{}, fmt.Errorf("keep the document's texts: %w", err)
	}
	kd := data.CaseDocument{CaseID: caseID, Step: string(k.Step()), Kind: string(k), Title: d.Title, DocNo: d.No,
		DocDate: s.docDay(k).Format(data.DateLayout), Pages: PageCount(pdf), Texts: string(texts), Content: pdf}
	if e := s.lastStep(k.Step()); e != nil {
		kd.EventID = e.ID
	}
	err = v.store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		kd.ID, err = tx.InsertCaseDocument(kd)
		return err
	})
	if err != nil {
		return data.CaseDocument{}, err
	}
	return v.store.CaseDocumentContent(ctx, kd.ID)
}

func (s source) lastStep(step rules.Step) *cases.Step {
	for i := len(s.view.Steps) - 1; i >= 0; i-- {
		if s.view.Steps[i].Event.Step == step {
			return &s.view.Steps[i]
		}
	}
	return nil
}

// PageCount counts the pages of a PDF this package wrote.
func PageCount(pdf []byte) int {
	return max(strings.Count(string(pdf), "<</Type /Page\n"), 1)
}

// Kept lists a case's produced documents, oldest first, without their files.
func (v Service) Kept(ctx context.Context, caseID string) ([]data.CaseDocument, error) {
	return v.store.CaseDocuments(ctx, caseID)
}

// Content reads a produced document with its PDF.
func (v Service) Content(ctx context.Context, id string) (data.CaseDocument, error) {
	return v.store.CaseDocumentContent(ctx, id)
}

// Dossier lays out the whole 案卷 of a case: cover, 卷内目录 and every document of its
// recorded steps in order — the copy last kept of each as it was served, the others made
// now.
func (v Service) Dossier(ctx context.Context, caseID string, now time.Time) ([]byte, error) {
	s, err := v.source(ctx, caseID, now)
	if err != nil {
		return nil, err
	}
	kept, err := v.store.CaseDocuments(ctx, caseID)
	if err != nil {
		return nil, err
	}
	var parts []Part
	for _, e := range EntriesOf(s.view, kept) {
		if e.Kept != nil { // the copy served, as it was
			part, err := v.servedPart(ctx, *e.Kept)
			if err != nil {
				return nil, err
			}
			parts = append(parts, part)
			continue
		}
		d, err := fill(e.Kind, s.facts(e.Kind, keptTexts(e.Kind, kept)))
		if err != nil {
			return nil, err
		}
		parts = append(parts, Part{Doc: d})
	}
	cover, err := fill(KindCover, s.facts(KindCover, Texts{}))
	if err != nil {
		return nil, err
	}
	index, err := fill(KindIndex, s.facts(KindIndex, Texts{}))
	if err != nil {
		return nil, err
	}
	return RenderDossier(cover, index, parts, now)
}

// KeyTampered refuses to put in the 案卷 a kept document whose file no longer has the hash
// it was kept with.
const KeyTampered = "casedoc.tampered" // Title, No, At

// servedPart is a kept document for the 案卷, its file checked against its hash first.
func (v Service) servedPart(ctx context.Context, d data.CaseDocument) (Part, error) {
	full, err := v.store.CaseDocumentContent(ctx, d.ID)
	if err != nil {
		return Part{}, err
	}
	sum := sha256.Sum256(full.Content)
	if hex.EncodeToString(sum[:]) != full.SHA256 {
		return Part{}, problem.New(KeyTampered, map[string]any{"Title": full.Title, "No": full.DocNo, "At": full.CreatedAt})
	}
	return Part{Doc: Document{Kind: Kind(full.Kind), Title: full.Title, No: full.DocNo, Date: cnDate(parseDay(full.DocDate))},
		Served: full.Content}, nil
}

// FindCase is the id of the case with a number, typed as people type it (other brackets,
// full-width digits); KeyNoCase when none has it.
func (v Service) FindCase(ctx context.Context, number string) (string, error) {
	number = strings.TrimSpace(number)
	id, err := v.store.CaseIDByNumber(ctx, number)
	if err != nil || id != "" {
		return id, err
	}
	if issuer, code, mark, year, seq, perr := rules.ParseMarked(number); perr == nil {
		if id, err = v.store.CaseIDByNumber(ctx, rules.FormatMarked(issuer, code, year, mark, seq)); err != nil || id != "" {
			return id, err
		}
	}
	return "", problem.New(KeyNoCase, map[string]any{"No": number})
}

// KeyNoCase: no case has the number given.
const KeyNoCase = "casedoc.no_case" // No
