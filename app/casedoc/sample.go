package casedoc

import (
	"context"
	"time"

	"townledger/app/cases"
	"townledger/app/cases/rules"
	"townledger/app/settings"
	"townledger/data"
)

// Sample is a 行政处罚决定书 of a made-up case under the office's first item in force, filled
// in with the fixed texts given (not yet saved), so the settings screen shows where each
// text prints.
func (v Service) Sample(ctx context.Context, office settings.DocTexts, today time.Time) (Document, error) {
	s := source{office: office, today: today, params: rules.DefaultParams()}
	var err error
	if s.town, _, err = v.store.Town(ctx); err != nil {
		return Document{}, err
	}
	if s.cal, err = settings.Calendar(ctx, v.store); err != nil {
		return Document{}, err
	}
	if p, err := cases.Params(ctx, v.store, today); err == nil {
		s.params = p
	}
	items, err := v.store.CatalogItemsInForce(ctx, today.Format(data.DateLayout))
	if err != nil {
		return Document{}, err
	}
	var item data.CatalogItem
	if len(items) > 0 { // the list leaves out the legal references; the item itself has them
		if item, _, err = v.store.CatalogItem(ctx, items[0].ID); err != nil {
			return Document{}, err
		}
	}
	day := today.Format(data.DateLayout)
	fine := int64(1_200_000)
	s.view = cases.View{Item: item,
		Case: data.Case{Procedure: string(rules.General), Title: item.Name, IssuingBody: s.town.ShortName, Year: today.Year(),
			Seq: 1, FiledOn: day, DecidedOn: day, Fine: fine, Officers: "（执法人员甲）、（执法人员乙）"},
		Party: data.Party{Kind: rules.PartyOrg, Name: "（示例）某某机械加工有限公司", CreditCode: "91110000600037341L",
			LegalRep: "（法定代表人）", Address: "（地址）", Phone: "（电话）"},
		Steps: []cases.Step{{Event: rules.Event{Step: rules.StepNotice, On: today, Outcome: rules.OutcomeFine, Fine: fine}},
			{Event: rules.Event{Step: rules.StepDecision, On: today, Outcome: rules.OutcomeFine, Fine: fine}}}}
	s.view.Case.CaseNo = rules.FormatNumber(s.town.ShortName, docCode(KindDecision), today.Year(), 1)
	return fill(KindDecision, s.facts(KindDecision, Texts{}))
}
