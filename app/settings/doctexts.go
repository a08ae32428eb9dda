package settings

import (
	"context"
	"strings"
	"unicode/utf8"

	"townledger/app/auth"
	"townledger/app/problem"
	"townledger/data"
)

// DocTexts are the office's fixed texts its case documents print: where fines are paid, who
// reviews and who judges its decisions, and how the party reaches the office. They are
// entered once in 设置 and stored as settings under the keys of DocTextKeys.
type DocTexts struct {
	Bank        string // 开户银行 (or the 代收 bank) where fines are paid
	AccountName string // 户名
	Account     string // 账号
	ReviewBody  string // 行政复议机关: where an administrative review is asked for
	Court       string // 人民法院: where a lawsuit is brought and enforcement applied for
	Address     string // the office's address, for documents and the hearing
	PostCode    string
	Contact     string // 联系人
	Phone       string // 联系电话
}

// Setting keys of the documents' fixed texts.
const (
	DocBank        = "doc.bank"
	DocAccountName = "doc.account_name"
	DocAccount     = "doc.account"
	DocReviewBody  = "doc.review_body"
	DocCourt       = "doc.court"
	DocAddress     = "doc.address"
	DocPostCode    = "doc.post_code"
	DocContact     = "doc.contact"
	DocPhone       = "doc.phone"
)

// DocTextKeys lists the keys in the order the settings screen shows them.
var DocTextKeys = []string{DocBank, DocAccountName, DocAccount, DocReviewBody, DocCourt, DocAddress, DocPostCode,
	DocContact, DocPhone}

// maxDocText is the longest fixed text: a bank's or a court's full name fits many times.
const maxDocText = 200

func (t *DocTexts) field(key string) *string {
	switch key {
	case DocBank:
		return &t.Bank
	case DocAccountName:
		return &t.AccountName
	case DocAccount:
		return &t.Account
	case DocReviewBody:
		return &t.ReviewBody
	case DocCourt:
		return &t.Court
	case DocAddress:
		return &t.Address
	case DocPostCode:
		return &t.PostCode
	case DocContact:
		return &t.Contact
	case DocPhone:
		return &t.Phone
	}
	return nil
}

// Get is the text stored under key, "" for a key not of DocTextKeys.
func (t DocTexts) Get(key string) string {
	if p := t.field(key); p != nil {
		return *p
	}
	return ""
}

// Set puts v under key; a key not of DocTextKeys is ignored.
func (t *DocTexts) Set(key, v string) {
	if p := t.field(key); p != nil {
		*p = v
	}
}

// ReadDocTexts returns the office's fixed texts; those never entered are "".
func ReadDocTexts(ctx context.Context, s *data.Store) (DocTexts, error) {
	stored, err := s.Settings(ctx)
	if err != nil {
		return DocTexts{}, err
	}
	var t DocTexts
	for _, k := range DocTextKeys {
		t.Set(k, stored[k])
	}
	return t, nil
}

// SetDocTexts stores the fixed texts an administrator entered, each trimmed; a text on more
// than one line or longer than 200 characters is refused on its field.
func SetDocTexts(ctx context.Context, s *data.Store, by auth.Session, t DocTexts) error {
	if err := by.Require(auth.ManageSettings); err != nil {
		return err
	}
	current, err := ReadDocTexts(ctx, s)
	if err != nil {
		return err
	}
	var l problem.List
	for _, k := range DocTextKeys {
		v := strings.TrimSpace(t.Get(k))
		if strings.ContainsAny(v, "\r\n") || utf8.RuneCountInString(v) > maxDocText {
			l = append(l, problem.OnField(k, "settings.doc_text.invalid", map[string]any{"Max": maxDocText}))
		}
		t.Set(k, v)
	}
	if err := l.Err(); err != nil {
		return err
	}
	if t == current {
		return nil
	}
	return s.Write(ctx, by.Actor(), func(tx *data.Tx) error {
		for _, k := range DocTextKeys {
			if t.Get(k) != current.Get(k) {
				if err := tx.SetSetting(k, t.Get(k)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// DocTexts is the package's ReadDocTexts on this ledger.
func (v Service) DocTexts(ctx context.Context) (DocTexts, error) { return ReadDocTexts(ctx, v.store) }

// SetDocTexts is the package's SetDocTexts on this ledger.
func (v Service) SetDocTexts(ctx context.Context, by auth.Session, t DocTexts) error {
	return SetDocTexts(ctx, v.store, by, t)
}
