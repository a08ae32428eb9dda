package training_test

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	"townledger/app/training"
)

func TestAttachmentsAreKeptButNeverAudited(t *testing.T) {
	s := newStore(t)
	id, err := training.SaveSession(ctx, s, trainerA, base, nil)
	if err != nil {
		t.Fatal(err)
	}
	png := append([]byte("\x89PNG\r\n\x1a\n"), []byte("SECRET-PIXELS-签到表")...)
	big := bytes.Repeat([]byte("A"), training.MaxAttachmentSize)
	cases := []struct {
		name      string
		by        bool // true: the recorder, false: another trainer
		session   string
		kind      string
		fileName  string
		content   []byte
		key, mime string
	}{
		{"a photo", true, id, "photo", `C:\Users\zhao\Desktop\现场照片.png`, png, "", "image/png"},
		{"exactly 20 MB", true, id, "signin", "签到表.pdf", big, "", "text/plain; charset=utf-8"},
		{"one byte more", true, id, "signin", "签到表.pdf", append(big, 'A'), training.KeyAttachmentTooBig, ""},
		{"empty", true, id, "notice", "通知.docx", nil, training.KeyAttachmentEmpty, ""},
		{"no name", true, id, "notice", "/tmp/ ", png, training.KeyAttachmentName, ""},
		{"unknown kind", true, id, "video", "a.mp4", png, training.KeyAttachmentKind, ""},
		{"another trainer's session", false, id, "photo", "a.png", png, training.KeyNotOwner, ""},
		{"no such session", true, "nope", "photo", "a.png", png, "db.not_found", ""},
	}
	var kept []string
	for _, c := range cases {
		by := trainerA
		if !c.by {
			by = trainerB
		}
		before := auditRows(t, s)
		aid, err := training.AddAttachment(ctx, s, by, c.session, c.kind, c.fileName, c.content)
		if c.key != "" {
			refused(t, c.name, err, c.key, "")
			if auditRows(t, s) != before {
				t.Errorf("%s: a refusal stored something", c.name)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		kept = append(kept, aid)
		got, err := training.AttachmentContent(ctx, s, aid)
		if err != nil || !bytes.Equal(got, c.content) {
			t.Errorf("%s: content back %d bytes, %v", c.name, len(got), err)
		}
	}
	list, err := training.Attachments(ctx, s, id)
	if err != nil || len(list) != 2 {
		t.Fatalf("attachments %+v, %v", list, err)
	}
	if a := list[0]; a.FileName != "现场照片.png" || a.MIME != "image/png" || a.Size != int64(len(png)) || a.Kind != "photo" ||
		len(a.SHA256) != 64 || a.AddedBy != trainerA.UserID || a.SessionID != id {
		t.Errorf("first attachment %+v", a)
	}
	// The audit log names the files but holds neither content, raw or base64.
	page, _ := s.AuditPage(ctx, 0, 1000)
	named := 0
	for _, e := range page {
		text := e.Before + e.After
		if strings.Contains(text, "SECRET-PIXELS") || strings.Contains(text, base64.StdEncoding.EncodeToString(png)) ||
			strings.Contains(text, "AAAAAAAA") || strings.Contains(text, "QUFBQUFB") || strings.Contains(text, "content") {
			t.Errorf("audit row %d holds attachment content: %.200s", e.Seq, text)
		}
		if e.Entity == "attachment" && strings.Contains(text, "现场照片.png") && strings.Contains(text, list[0].SHA256) {
			named++
		}
	}
	if named != 1 {
		t.Errorf("the photo's audit row (name and hash) found %d times", named)
	}
	// Removing: another trainer may not; the recorder may.
	if err := training.RemoveAttachment(ctx, s, trainerB, kept[0]); key(err) != training.KeyNotOwner {
		t.Errorf("another trainer removed a file: %v", err)
	}
	if err := training.RemoveAttachment(ctx, s, trainerA, kept[0]); err != nil {
		t.Fatal(err)
	}
	if list, _ := training.Attachments(ctx, s, id); len(list) != 1 || list[0].ID != kept[1] {
		t.Errorf("after removal: %+v", list)
	}
	if _, err := training.AttachmentContent(ctx, s, kept[0]); key(err) != "db.not_found" {
		t.Errorf("a removed file is still handed out: %v", err)
	}
}
