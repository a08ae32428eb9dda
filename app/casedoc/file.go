package casedoc

import (
	"errors"
	"os"
	"strings"

	"townledger/app/problem"
)

// Refusals of writing a document's file.
const (
	KeyExists = "casedoc.exists" // Path
	KeyWrite  = "casedoc.write"  // Path, Detail
)

// WriteNew writes a PDF to a new file at path, refusing to overwrite one.
func WriteNew(path string, pdf []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return problem.New(KeyExists, map[string]any{"Path": path})
	}
	if err != nil {
		return problem.New(KeyWrite, map[string]any{"Path": path, "Detail": err.Error()})
	}
	if _, err := f.Write(pdf); err != nil {
		f.Close()
		os.Remove(path)
		return problem.New(KeyWrite, map[string]any{"Path": path, "Detail": err.Error()})
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return problem.New(KeyWrite, map[string]any{"Path": path, "Detail": err.Error()})
	}
	return nil
}

// FileName is a file name for a document of a case: its number and title, with the
// characters Windows refuses in names replaced.
func FileName(caseNo, title string) string {
	name := caseNo + " " + title + ".pdf"
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, r) || r < ' ' {
			return '_'
		}
		return r
	}, name)
}

// Resolve reads what a user names a document by: a recorded step (filed, decision …) whose
// one document the case's record calls for — so "decision" is the 当场决定书 of a summary
// case and the 不予行政处罚决定书 of one not penalised — or else a document's name
// (hearing_notice, reminder …). A step with several documents (a hearing's record and
// report) must be named by document.
func Resolve(name string, es []Entry) (Kind, error) {
	name = strings.TrimSpace(strings.ToLower(name))
	var found []Kind
	for _, e := range es {
		if string(e.Step) == name {
			found = append(found, e.Kind)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	if k := Kind(name); k.Known() && k != KindCover && k != KindIndex {
		return k, nil
	}
	return "", problem.New(KeyUnknownKind, map[string]any{"Kind": name})
}
