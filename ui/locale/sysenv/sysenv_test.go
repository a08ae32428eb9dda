package sysenv

import (
	"os"
	"testing"
)

// Every locale a scheduled task or a container may carry: the ones Fyne cannot parse get a
// language it can, and every other one is left as it was.
func TestPOSIXLocalesGetALanguage(t *testing.T) {
	const unset = "<unset>"
	cases := []struct {
		name                                    string
		lcAll, lcMessages, lang, language, want string // want: LANGUAGE afterwards
	}{
		{"LANG=C.UTF-8", "", "", "C.UTF-8", unset, "en_US"},
		{"LANG=POSIX.utf8", "", "", "POSIX.utf8", unset, "en_US"},
		{"LC_ALL=C.UTF-8 over a Chinese LANG", "C.UTF-8", "", "zh_CN.UTF-8", unset, "en_US"},
		{"LC_MESSAGES=C.UTF-8", "", "C.UTF-8", "", unset, "en_US"},
		{"plain C needs nothing", "", "", "C", unset, unset},
		{"plain POSIX needs nothing", "", "", "POSIX", unset, unset},
		{"plain C hides LANGUAGE from Fyne", "", "", "C", "C", "C"},
		{"Chinese untouched", "", "", "zh_CN.UTF-8", unset, unset},
		{"LC_ALL=zh over LANG=C.UTF-8", "zh_CN.UTF-8", "", "C.UTF-8", unset, unset},
		{"a chosen LANGUAGE list wins", "", "", "C.UTF-8", "zh_CN:en", "zh_CN:en"},
		{"C dropped from LANGUAGE", "", "", "zh_CN.UTF-8", "C:zh_CN", "zh_CN"},
		{"LANGUAGE of C alone", "", "", "zh_CN.UTF-8", "C.UTF-8", "en_US"},
		{"an empty entry dropped", "", "", "en_US.UTF-8", "zh_CN::en", "zh_CN:en"},
		{"nothing set at all", "", "", "", unset, unset},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for k, v := range map[string]string{"LC_ALL": c.lcAll, "LC_MESSAGES": c.lcMessages, "LANG": c.lang, "LANGUAGE": c.language} {
				t.Setenv(k, v)
				if v == "" || v == unset {
					os.Unsetenv(k)
				}
			}
			QuietPOSIXLocale()
			got, ok := os.LookupEnv("LANGUAGE")
			if !ok {
				got = unset
			}
			if got != c.want {
				t.Errorf("LANGUAGE = %q, want %q", got, c.want)
			}
		})
	}
}
