package cli

import (
	"context"
	"flag"
	"strings"

	"townledger/app/casedoc"
	"townledger/ui/locale"
)

// runDoc produces the document of a case's step, keeps it with the case (the copy served)
// and writes it: townledger doc CASE-NUMBER STEP [--out FILE]. STEP is a document's name
// (decision, notice …) or a recorded step with one document (filed, service …).
func runDoc(ctx context.Context, c *call) error {
	var out string
	pos, err := c.positional("doc", func(fs *flag.FlagSet) { fs.StringVar(&out, "out", "", "") })
	if err != nil {
		return err
	}
	if err := exactly(pos, 2, "cli.doc.args"); err != nil {
		return err
	}
	docs, id, done, err := openCase(ctx, c, pos[0])
	if err != nil {
		return err
	}
	defer done()
	now := c.env.Now()
	es, err := docs.Entries(ctx, id, now)
	if err != nil {
		return err
	}
	kind, err := casedoc.Resolve(pos[1], es)
	if err != nil {
		return usageError{oneLine(err)}
	}
	texts, err := docs.Texts(ctx, id, kind, now)
	if err != nil {
		return err
	}
	kept, err := docs.Produce(ctx, c.by, id, kind, texts, now)
	if err != nil {
		return err
	}
	if out == "" {
		no := kept.DocNo
		if no == "" {
			no = pos[0]
		}
		out = casedoc.FileName(no, kept.Title)
	}
	if err := casedoc.WriteNew(out, kept.Content); err != nil {
		return err
	}
	c.say("cli.doc.done", map[string]any{"Title": kept.Title, "Pages": kept.Pages, "Hash": kept.SHA256, "Path": out})
	return nil
}

// runDossier writes the whole 案卷 of a case: townledger dossier CASE-NUMBER --out FILE.
func runDossier(ctx context.Context, c *call) error {
	var out string
	pos, err := c.positional("dossier", func(fs *flag.FlagSet) { fs.StringVar(&out, "out", "", "") })
	if err != nil {
		return err
	}
	if strings.TrimSpace(out) == "" {
		return usageError{locale.T("cli.dossier.args")}
	}
	if err := exactly(pos, 1, "cli.dossier.args"); err != nil {
		return err
	}
	docs, id, done, err := openCase(ctx, c, pos[0])
	if err != nil {
		return err
	}
	defer done()
	pdf, err := docs.Dossier(ctx, id, c.env.Now())
	if err != nil {
		return err
	}
	if err := casedoc.WriteNew(out, pdf); err != nil {
		return err
	}
	c.say("cli.dossier.done", map[string]any{"Pages": casedoc.PageCount(pdf), "Path": out})
	return nil
}

// openCase opens the ledger and finds the case numbered no; done closes the ledger.
func openCase(ctx context.Context, c *call, no string) (docs casedoc.Service, id string, done func(), err error) {
	o, err := c.open(ctx)
	if err != nil {
		return docs, "", nil, err
	}
	docs = o.Docs()
	if id, err = docs.FindCase(ctx, no); err != nil {
		o.Close()
		return docs, "", nil, err
	}
	return docs, id, func() { o.Close() }, nil
}
