package kit

import (
	"context"

	"fyne.io/fyne/v2"
)

// Pages are the lines of one reading of a list (a search, a filter, a sort), PageSize at a
// time, read as the list shows them. A new reading starts new Pages and cancels the old
// one's context, so what the old one still reads in the background is dropped.
type Pages[T any] struct {
	u   *Env
	ctx context.Context
	// next reads the page after the line last (a seek: a millisecond however far down); at
	// reads the page starting at a position (SQLite counts its way there).
	next    func(ctx context.Context, last T) ([]T, error)
	at      func(ctx context.Context, offset int) ([]T, error)
	shown   func() // a page read in the background is there: the list is drawn again
	got     map[int][]T
	pending map[int]bool
}

// NewPages starts the pages of a reading whose first page is first.
func NewPages[T any](u *Env, ctx context.Context, first []T, next func(context.Context, T) ([]T, error),
	at func(context.Context, int) ([]T, error), shown func()) *Pages[T] {
	return &Pages[T]{u: u, ctx: ctx, next: next, at: at, shown: shown, got: map[int][]T{0: first}, pending: map[int]bool{}}
}

// Row is line i, its page read when first needed: right after the last line of the page
// before when that one is there (as scrolling reads them); by position, in the background,
// when the list jumps far down (the line is blank until its page is there).
func (p *Pages[T]) Row(i int) (T, bool) {
	var zero T
	if p == nil {
		return zero, false
	}
	n := i / PageSize
	page, ok := p.got[n]
	if !ok {
		var err error
		switch prev := p.got[n-1]; {
		case n > 0 && len(prev) == PageSize:
			page, err = p.next(p.ctx, prev[len(prev)-1])
		case p.u.SyncReads:
			page, err = p.at(p.ctx, n*PageSize)
		default:
			p.readFar(n)
			return zero, false
		}
		if err != nil {
			return zero, false
		}
		p.got[n] = page
	}
	if i%PageSize >= len(page) {
		return zero, false
	}
	return page[i%PageSize], true
}

// readFar reads page n in the background and shows it, unless the reading was replaced.
func (p *Pages[T]) readFar(n int) {
	if p.pending[n] {
		return
	}
	p.pending[n] = true
	ctx := p.ctx
	p.u.Background(func(context.Context) (func(), error) {
		page, err := p.at(ctx, n*PageSize)
		if ctx.Err() != nil {
			return nil, nil
		}
		return func() {
			if ctx.Err() != nil {
				return
			}
			delete(p.pending, n)
			if err != nil {
				fyne.LogError("list page", err)
				return
			}
			p.got[n] = page
			p.shown()
		}, nil
	})
}
