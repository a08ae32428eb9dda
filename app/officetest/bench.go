package officetest

import (
	"context"
	"os"
	"path/filepath"
	"sync"

	"townledger/app/setup"
	"townledger/data"
)

// Bench is a benchmark's large database: built on first use (a town set up as Town, then
// seed), shared by the package's benchmarks, and removed by Remove from TestMain — a year of
// records with their audit log is hundreds of megabytes.
type Bench struct {
	name  string
	seed  func(ctx context.Context, s *data.Store) error
	once  sync.Once
	dir   string
	store *data.Store
	err   error
}

// NewBench describes a benchmark database; nothing is built until Store is called.
func NewBench(name string, seed func(ctx context.Context, s *data.Store) error) *Bench {
	return &Bench{name: name, seed: seed}
}

// Store builds the database the first time and returns it.
func (b *Bench) Store() (*data.Store, error) {
	b.once.Do(func() {
		ctx := context.Background()
		if b.dir, b.err = os.MkdirTemp("", "townledger-"+b.name+"-bench"); b.err != nil {
			return
		}
		if b.store, b.err = data.Open(ctx, filepath.Join(b.dir, "bench.db"), data.Options{}); b.err != nil {
			return
		}
		if b.err = setup.InitTown(ctx, b.store, Town); b.err != nil {
			return
		}
		b.err = b.seed(ctx, b.store)
	})
	return b.store, b.err
}

// Remove closes and deletes the database, if it was built.
func (b *Bench) Remove() {
	if b.store != nil {
		b.store.Close()
	}
	if b.dir != "" {
		os.RemoveAll(b.dir)
	}
}
