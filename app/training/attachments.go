package training

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"townledger/app/auth"
	"townledger/app/problem"
	"townledger/data"
)

// Attachment kinds: the notice, slides, photos, the scanned sign-in sheet, anything else.
const (
	KindNotice = "notice"
	KindSlides = "slides"
	KindPhoto  = "photo"
	KindSignIn = "signin"
	KindOther  = "other"
)

// AttachmentKinds lists the kinds in display order; KindKey names each for translation.
var AttachmentKinds = []string{KindNotice, KindSlides, KindPhoto, KindSignIn, KindOther}

// MaxAttachmentSize is the largest file kept, 20 MB.
const MaxAttachmentSize = 20 << 20

// Fields of an attachment, named in refusals.
const (
	FieldKind     = "kind"
	FieldFileName = "file_name"
	FieldContent  = "content"
)

// MaxFileNameLen is the longest file name kept, in characters.
const MaxFileNameLen = 200

// ownerTable is the table attachments of sessions belong to.
const ownerTable = "training"

// AttachmentInfo describes a stored file without its content.
type AttachmentInfo struct {
	ID, SessionID, Kind, FileName string
	MIME                          string // sniffed from the content
	Size                          int64  // bytes
	SHA256                        string // hex
	AddedAt                       string // UTC instant
	AddedBy                       string // user id
}

// baseName keeps the last element of a path typed with either separator, without
// control characters and surrounding spaces.
func baseName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, name)
	return clean(name)
}

// AddAttachment keeps a file with a session — the notice, slides, photos, the scanned
// sign-in sheet — inside the database, so it is backed up with the records. Empty files
// and files above MaxAttachmentSize are refused; the type is sniffed from the content.
// The audit log names the file and its SHA-256 but never holds the content. The same
// people may add files as may change the session.
func AddAttachment(ctx context.Context, store *data.Store, by auth.Session, sessionID, kind, fileName string, content []byte) (string, error) {
	if err := by.Require(auth.EditTrainings); err != nil {
		return "", err
	}
	var l problem.List
	kind = clean(kind)
	if kind == "" {
		kind = KindOther
	}
	if !slices.Contains(AttachmentKinds, kind) {
		l = append(l, problem.OnField(FieldKind, KeyAttachmentKind, map[string]any{"Value": kind}))
	}
	fileName = baseName(fileName)
	if fileName == "" {
		l = append(l, problem.OnField(FieldFileName, KeyAttachmentName, nil))
	} else {
		tooLong(&l, FieldFileName, fileName, MaxFileNameLen)
	}
	switch {
	case len(content) == 0:
		l = append(l, problem.OnField(FieldContent, KeyAttachmentEmpty, nil))
	case len(content) > MaxAttachmentSize:
		l = append(l, problem.OnField(FieldContent, KeyAttachmentTooBig, map[string]any{
			"MaxMB": MaxAttachmentSize >> 20, "SizeMB": strconv.FormatFloat(float64(len(content))/(1<<20), 'f', 1, 64)}))
	}
	if err := l.Err(); err != nil {
		return "", err
	}
	var id string
	err := store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		s, err := tx.Training(sessionID)
		if err != nil {
			return err
		}
		if err := mayChange(by, s.OwnerID); err != nil {
			return err
		}
		id, err = tx.InsertAttachment(data.Attachment{OwnerTable: ownerTable, OwnerID: sessionID, Kind: kind,
			FileName: fileName, MIME: http.DetectContentType(content), Content: content})
		return err
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

// RemoveAttachment removes a session's file (soft deletion: the row and its history stay).
// The same people may do it as may change the session.
func RemoveAttachment(ctx context.Context, store *data.Store, by auth.Session, id string) error {
	if err := by.Require(auth.EditTrainings); err != nil {
		return err
	}
	return store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		a, err := tx.Attachment(id)
		if err != nil {
			return err
		}
		if a.OwnerTable != ownerTable {
			return problem.New(KeyAttachmentNotHere, nil)
		}
		s, err := tx.Training(a.OwnerID)
		if err != nil {
			return err
		}
		if err := mayChange(by, s.OwnerID); err != nil {
			return err
		}
		return tx.DeleteAttachment(id)
	})
}

// Attachments lists a session's files, oldest first, without their content.
func Attachments(ctx context.Context, store *data.Store, sessionID string) ([]AttachmentInfo, error) {
	rows, err := store.Attachments(ctx, ownerTable, sessionID)
	if err != nil {
		return nil, err
	}
	out := make([]AttachmentInfo, len(rows))
	for i, a := range rows {
		out[i] = AttachmentInfo{ID: a.ID, SessionID: a.OwnerID, Kind: a.Kind, FileName: a.FileName, MIME: a.MIME,
			Size: a.Size, SHA256: a.SHA256, AddedAt: a.CreatedAt, AddedBy: a.CreatedBy}
	}
	return out, nil
}

// AttachmentContent reads a file's content, checked against the SHA-256 taken when it was
// added; a damaged file is refused rather than handed out.
func AttachmentContent(ctx context.Context, store *data.Store, id string) ([]byte, error) {
	b, err := store.AttachmentContent(ctx, id)
	if errors.Is(err, data.ErrAttachmentDamaged) {
		return nil, &problem.Error{Key: KeyAttachmentDamaged, Err: err}
	}
	return b, err
}
