// Package sysenv keeps Fyne's language set-up quiet under a POSIX locale. Fyne's lang
// package reads the locale from LC_ALL, LC_MESSAGES or LANG (or the LANGUAGE list) while the
// program starts, and under LANG=C.UTF-8 (Debian containers, cron, systemd units) it logs
// "Fyne error: Error parsing user locale C" to stderr: "C" names no language. This package's
// init runs before lang's — it imports only os and strings, and Go initialises a package as
// soon as its imports are and no package sorted before it is ready — and gives such a locale
// the English it stands for. ui/locale imports it, so every program that uses translations
// has it; ui/locale's tests run a program under LANG=C.UTF-8 and read its stderr.
package sysenv

import (
	"os"
	"strings"
)

func init() { QuietPOSIXLocale() }

// QuietPOSIXLocale mends what Fyne's lang package would fail to parse, the way it reads the
// environment (github.com/jeandeaual/go-locale): the first of LC_ALL, LC_MESSAGES and LANG
// that is set, unless it is plain C or POSIX (taken as English without complaint), gives way
// to the LANGUAGE list when that is set. Entries of LANGUAGE that name no language (C,
// POSIX, C.UTF-8, empty) are dropped; when none is left, or LANGUAGE is unset and the locale
// is C or POSIX with a codeset (C.UTF-8), LANGUAGE becomes en_US. Other locales are left
// alone.
func QuietPOSIXLocale() {
	locale := ""
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if locale = os.Getenv(v); locale != "" {
			break
		}
	}
	if locale == "C" || locale == "POSIX" {
		return
	}
	if list := os.Getenv("LANGUAGE"); list != "" {
		var keep []string
		for _, l := range strings.Split(list, ":") {
			if !noLanguage(l) {
				keep = append(keep, l)
			}
		}
		switch {
		case len(keep) == 0:
			os.Setenv("LANGUAGE", "en_US")
		case len(keep) < len(strings.Split(list, ":")):
			os.Setenv("LANGUAGE", strings.Join(keep, ":"))
		}
		return
	}
	if locale != "" && noLanguage(locale) {
		os.Setenv("LANGUAGE", "en_US")
	}
}

// noLanguage says whether a locale's language part, as go-locale cuts it (before "." and
// "_"), is no language tag: "", C or POSIX.
func noLanguage(l string) bool {
	lang, _, _ := strings.Cut(l, ".")
	lang, _, _ = strings.Cut(strings.ReplaceAll(lang, "-", "_"), "_")
	return lang == "" || lang == "C" || lang == "POSIX"
}
