package workbook

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io"
	"io/fs"
	"runtime"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// zipBlock is how much of a part one worker deflates at a time.
const zipBlock = 1 << 20

// FastZip is the zip writer to give excelize (SetZipWriter) when a workbook is saved into w:
// each part deflated at the fastest level, in blocks of zipBlock bytes on every core. A year's
// 参训记录 sheet is about 60 MB of XML, and zipping it ran on one core after all the sheets
// were written. Each block is deflated on its own and ends on a byte boundary (a sync flush),
// so the blocks one after another make one deflate stream, as parallel gzip writers do;
// a block loses only the matches it would have found in the block before.
func FastZip(w io.Writer) excelize.ZipWriter {
	workers := max(1, runtime.GOMAXPROCS(0))
	return &blockZip{zw: zip.NewWriter(w), workers: workers, writers: make(chan *flate.Writer, workers+1)}
}

type blockZip struct {
	zw      *zip.Writer
	workers int
	writers chan *flate.Writer // deflaters to use again (each holds some 300 KB of tables)
	part    *blockPart         // the part being written, finished by the next Create or Close
}

// block is one deflated block, done when its channel is closed.
type block struct {
	out  bytes.Buffer
	err  error
	done chan struct{}
}

type blockPart struct {
	fh      *zip.FileHeader
	out     io.Writer // the zip entry's raw data
	workers int
	writers chan *flate.Writer
	buf     []byte   // the block being filled
	flight  []*block // blocks being deflated, oldest first
	crc     uint32
	in, n   uint64 // bytes taken and written
	err     error
}

func (z *blockZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	// A data descriptor carries the CRC and sizes, known only once the part is written.
	fh := &zip.FileHeader{Name: name, Method: zip.Deflate, Flags: 0x8, CreatorVersion: 20, ReaderVersion: 20}
	out, err := z.zw.CreateRaw(fh)
	if err != nil {
		return nil, err
	}
	z.part = &blockPart{fh: fh, out: out, workers: z.workers, writers: z.writers, buf: make([]byte, 0, zipBlock)}
	return z.part, nil
}

func (z *blockZip) AddFS(fsys fs.FS) error {
	if err := z.finish(); err != nil {
		return err
	}
	return z.zw.AddFS(fsys)
}

func (z *blockZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	return z.zw.Close()
}

// finish deflates what is left of the part being written, ends its stream and fills in its
// header.
func (z *blockZip) finish() error {
	p := z.part
	if p == nil {
		return nil
	}
	z.part = nil
	if len(p.buf) > 0 {
		p.send(p.buf)
	}
	p.send(nil) // the final, empty block ends the stream
	for len(p.flight) > 0 {
		p.drain()
	}
	if p.err != nil {
		return p.err
	}
	p.fh.CRC32, p.fh.UncompressedSize64, p.fh.CompressedSize64 = p.crc, p.in, p.n
	p.fh.UncompressedSize, p.fh.CompressedSize = uint32(min(p.in, 1<<32-1)), uint32(min(p.n, 1<<32-1))
	return nil
}

func (p *blockPart) Write(b []byte) (int, error) {
	if p.err != nil {
		return 0, p.err
	}
	p.crc = crc32.Update(p.crc, crc32.IEEETable, b)
	p.in += uint64(len(b))
	n := len(b)
	for len(b) > 0 {
		take := min(len(b), zipBlock-len(p.buf))
		p.buf = append(p.buf, b[:take]...)
		b = b[take:]
		if len(p.buf) == zipBlock {
			p.send(p.buf)
			p.buf = make([]byte, 0, zipBlock)
		}
	}
	return n, p.err
}

// send deflates data on a worker (nil: the final block), first writing out the oldest block
// when every worker is busy.
func (p *blockPart) send(data []byte) {
	for len(p.flight) >= p.workers {
		p.drain()
	}
	b := &block{done: make(chan struct{})}
	p.flight = append(p.flight, b)
	go func() {
		defer close(b.done)
		var fw *flate.Writer
		var err error
		select {
		case fw = <-p.writers:
			fw.Reset(&b.out)
		default:
			fw, err = flate.NewWriter(&b.out, flate.BestSpeed)
		}
		if err == nil {
			_, err = fw.Write(data)
		}
		if err == nil && data != nil {
			err = fw.Flush() // ends on a byte boundary, not the last block
		} else if err == nil {
			err = fw.Close() // the final block
		}
		b.err = err
		if err == nil {
			select {
			case p.writers <- fw:
			default:
			}
		}
	}()
}

// drain waits for the oldest block and writes it to the entry.
func (p *blockPart) drain() {
	b := p.flight[0]
	p.flight = p.flight[1:]
	<-b.done
	if p.err != nil {
		return
	}
	if b.err != nil {
		p.err = b.err
		return
	}
	n, err := p.out.Write(b.out.Bytes())
	p.n += uint64(n)
	p.err = err
}
