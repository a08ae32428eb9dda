package publicity

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"

	"townledger/app/auth"
	"townledger/app/problem"
	"townledger/data"
)

// photoOwner is the attachment owner table of an activity's photos.
const photoOwner = "activity"

// MaxPhotoSize is the largest photo kept: phone pictures fit, scanned posters too.
const MaxPhotoSize = 10 << 20

// Photo is a stored photo without its content.
type Photo struct {
	ID, FileName, MIME string
	Size               int64
}

// AddPhoto keeps a photo of an activity inside the database. Only images are taken (the
// content is sniffed, the name is not trusted), and none larger than MaxPhotoSize.
func AddPhoto(ctx context.Context, store *data.Store, by auth.Session, activityID, fileName string, content []byte) (string, error) {
	if err := by.Require(auth.EditActivities); err != nil {
		return "", err
	}
	mime := http.DetectContentType(content)
	switch {
	case len(content) == 0:
		return "", problem.OnField("photo", "publicity.photo.empty", nil)
	case len(content) > MaxPhotoSize:
		return "", problem.OnField("photo", "publicity.photo.too_big", map[string]any{"MaxMB": MaxPhotoSize >> 20})
	case !strings.HasPrefix(mime, "image/"):
		return "", problem.OnField("photo", "publicity.photo.not_image", map[string]any{"Name": filepath.Base(fileName)})
	}
	if _, err := store.Activity(ctx, activityID); err != nil {
		return "", err
	}
	var id string
	err := store.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		var err error
		id, err = tx.InsertAttachment(data.Attachment{OwnerTable: photoOwner, OwnerID: activityID, Kind: "photo",
			FileName: filepath.Base(fileName), MIME: mime, Content: content})
		return err
	})
	return id, err
}

// Photos lists an activity's photos.
func Photos(ctx context.Context, store *data.Store, activityID string) ([]Photo, error) {
	rows, err := store.Attachments(ctx, photoOwner, activityID)
	if err != nil {
		return nil, err
	}
	out := make([]Photo, len(rows))
	for i, r := range rows {
		out[i] = Photo{ID: r.ID, FileName: r.FileName, MIME: r.MIME, Size: r.Size}
	}
	return out, nil
}

// PhotoContent reads a photo's bytes.
func PhotoContent(ctx context.Context, store *data.Store, id string) ([]byte, error) {
	return store.AttachmentContent(ctx, id)
}
