package workbook

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"

	"townledger/app/problem"
)

// ErrExists says a workbook's target file exists already; workbooks are never written over.
var ErrExists = errors.New("file exists")

// CheckNew refuses a path that exists, before the work of building a workbook for it.
func CheckNew(path string) error {
	if _, err := os.Lstat(path); err == nil {
		return ErrExists
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// SaveNew writes x beside path, syncs it, and only then gives it path's name, so a
// half-written file never appears. A hard link claims the name only if nobody took it
// meanwhile (ErrExists); where the file system has none (FAT drives) the name is checked
// once more and the file renamed.
func SaveNew(ctx context.Context, x *excelize.File, path string) error {
	return SaveNewFunc(ctx, path, func(w io.Writer) error {
		_, err := x.WriteTo(w)
		return err
	})
}

// SaveNewFunc is SaveNew for a file that write writes into w.
func SaveNewFunc(ctx context.Context, path string, write func(w io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".townledger-*.xlsx")
	if err != nil {
		return err
	}
	name := tmp.Name()
	defer os.Remove(name) // after a link the name is the second one; after a rename it is gone
	err = write(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	err = os.Link(name, path)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrExist):
		return ErrExists
	}
	if err := CheckNew(path); err != nil {
		return err
	}
	return os.Rename(name, path)
}

// SaveError says a CheckNew or SaveNew failure in words: existsKey for a file already
// there, writeKey (with the detail) for any other failure; refusals and cancellations pass.
func SaveError(err error, path, existsKey, writeKey string) error {
	var p *problem.Error
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrExists):
		return problem.New(existsKey, map[string]any{"Path": path})
	case errors.As(err, &p), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	}
	return &problem.Error{Key: writeKey, Data: map[string]any{"Path": path, "Detail": err.Error()}, Err: err}
}
