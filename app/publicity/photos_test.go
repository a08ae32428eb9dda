package publicity_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"townledger/app/problem"
	"townledger/app/publicity"
)

func pngBytes(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{R: 255, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestPhotosAreImagesOnly(t *testing.T) {
	store := newStore(t)
	id, err := publicity.Save(ctx, store, admin, publicity.Activity{HeldOn: "2024-06-16", Title: "安全生产月咨询日", Type: "安全生产月"})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		content []byte
		want    string
	}{
		{"photo.png", pngBytes(t), ""},
		{"report.png", []byte("%PDF-1.4 not an image"), "publicity.photo.not_image"},
		{"empty.jpg", nil, "publicity.photo.empty"},
		{"huge.png", append(pngBytes(t), make([]byte, publicity.MaxPhotoSize)...), "publicity.photo.too_big"},
	}
	for _, c := range cases {
		_, err := publicity.AddPhoto(ctx, store, admin, id, c.name, c.content)
		got := ""
		if p := problem.From(err); p != nil {
			got = p.Key
		}
		if got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	photos, _ := publicity.Photos(ctx, store, id)
	if len(photos) != 1 || !strings.HasPrefix(photos[0].MIME, "image/png") {
		t.Fatalf("photos %+v", photos)
	}
	if b, err := publicity.PhotoContent(ctx, store, photos[0].ID); err != nil || !bytes.Equal(b, pngBytes(t)) {
		t.Errorf("content back: %v", err)
	}
}
