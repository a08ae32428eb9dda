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

// SaveNew writes x beside path, syncs it, and only then gives it path's name (Place), so a
// half-written file never appears. The temporary file is held while it is written; one that
// a killed save left in the folder is removed by the next save there (RemoveStale).
func SaveNew(ctx context.Context, x *excelize.File, path string) error {
	return SaveNewFunc(ctx, path, func(w io.Writer) error {
		_, err := x.WriteTo(w)
		return err
	})
}

// SaveNewFunc is SaveNew for a file that write writes into w.
func SaveNewFunc(ctx context.Context, path string, write func(w io.Writer) error) error {
	RemoveStale(filepath.Dir(path))
	tmp, err := NewTemp(path)
	if err != nil {
		return err
	}
	err = write(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	return Place(tmp, path)
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
