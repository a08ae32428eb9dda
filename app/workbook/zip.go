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
	return &blockZip{zw: zip.NewWriter(w), workers: max(1, runtime.GOMAXPROCS(0))}
}

type blockZip struct {
	zw      *zip.Writer
	workers int
	free    []*block   // blocks written out, to use again with their buffers and deflater
	part    *blockPart // the part being written, finished by the next Create or Close
}

// block is one block of a part: its bytes, and once done is closed, them deflated.
type block struct {
	in   []byte
	out  bytes.Buffer
	fw   *flate.Writer // kept with the block: a deflater's tables are costly to make
	err  error
	done chan struct{}
}

type blockPart struct {
	z      *blockZip
	fh     *zip.FileHeader
	out    io.Writer // the zip entry's raw data
	cur    *block    // the block being filled
	flight []*block  // blocks being deflated, oldest first
	crc    uint32
	in, n  uint64 // bytes taken and written
	err    error
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
	z.part = &blockPart{z: z, fh: fh, out: out}
	z.part.cur = z.block()
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

// block returns a free block, empty.
func (z *blockZip) block() *block {
	if n := len(z.free); n > 0 {
		b := z.free[n-1]
		z.free = z.free[:n-1]
		b.in, b.err, b.done = b.in[:0], nil, make(chan struct{})
		b.out.Reset()
		return b
	}
	return &block{in: make([]byte, 0, zipBlock), done: make(chan struct{})}
}

// finish deflates what is left of the part being written, ends its stream and fills in its
// header.
func (z *blockZip) finish() error {
	p := z.part
	if p == nil {
		return nil
	}
	z.part = nil
	p.send(true) // the rest, maybe nothing, as the final block
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
		take := min(len(b), zipBlock-len(p.cur.in))
		p.cur.in = append(p.cur.in, b[:take]...)
		b = b[take:]
		if len(p.cur.in) == zipBlock {
			p.send(false)
			p.cur = p.z.block()
		}
	}
	return n, p.err
}

// send deflates the current block on a worker, first writing out the oldest block when every
// worker is busy. The last block ends the stream; the others end on a byte boundary.
func (p *blockPart) send(last bool) {
	for len(p.flight) >= p.z.workers {
		p.drain()
	}
	b := p.cur
	p.flight = append(p.flight, b)
	go func() {
		defer close(b.done)
		if b.fw == nil {
			if b.fw, b.err = flate.NewWriter(&b.out, flate.BestSpeed); b.err != nil {
				return
			}
		} else {
			b.fw.Reset(&b.out)
		}
		if _, b.err = b.fw.Write(b.in); b.err != nil {
			return
		}
		if last {
			b.err = b.fw.Close()
		} else {
			b.err = b.fw.Flush()
		}
	}()
}

// drain waits for the oldest block, writes it to the entry and frees it.
func (p *blockPart) drain() {
	b := p.flight[0]
	p.flight = p.flight[1:]
	<-b.done
	if p.err == nil && b.err != nil {
		p.err = b.err
	}
	if p.err == nil {
		n, err := p.out.Write(b.out.Bytes())
		p.n += uint64(n)
		p.err = err
	}
	if b.err == nil {
		p.z.free = append(p.z.free, b)
	}
}
