package report

import "context"

// pipe runs produce in its own goroutine, handing its values to consume in batches, so the
// database read of the next rows overlaps the writing of the last ones.
func pipe[T any](ctx context.Context, produce func(context.Context, func(T) error) error, consume func(T) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := make(chan []T, 16)
	errc := make(chan error, 1)
	go func() {
		defer close(ch)
		batch := make([]T, 0, 256)
		err := produce(ctx, func(v T) error {
			batch = append(batch, v)
			if len(batch) == cap(batch) {
				select {
				case ch <- batch:
				case <-ctx.Done():
					return ctx.Err()
				}
				batch = make([]T, 0, 256)
			}
			return nil
		})
		if err == nil && len(batch) > 0 {
			select {
			case ch <- batch:
			case <-ctx.Done():
				err = ctx.Err()
			}
		}
		errc <- err
	}()
	for batch := range ch {
		for _, v := range batch {
			if err := consume(v); err != nil {
				cancel()
				for range ch {
				}
				<-errc
				return err
			}
		}
	}
	return <-errc
}
