package office

import (
	"townledger/app/casedoc"
	"townledger/data"
)

// Docs is the case documents' service on this ledger: each step's 执法文书 and the 案卷.
func (o *Office) Docs() casedoc.Service { return casedoc.NewService(o.store) }

// CaseDocument is a document produced for a case and kept with it.
type CaseDocument = data.CaseDocument
