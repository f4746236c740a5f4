package render

import (
	"regexp"
	"testing"
)

// TestLocaleOf: og:locale is language_TERRITORY, as OpenGraph wants it,
// for any way a site writes its language: a bare language gets its most
// likely territory, a territory given (in any case) is kept, and a
// script names the territory that writes it.
func TestLocaleOf(t *testing.T) {
	form := regexp.MustCompile(`^[a-z]{2,3}_[A-Z]{2}$`)
	for code, want := range map[string]string{
		"en": "en_US", "EN": "en_US", "en-GB": "en_GB", "en_US": "en_US",
		"es": "es_ES", "pt": "pt_BR", "pt-br": "pt_BR", "pt-PT": "pt_PT",
		"zh-cn": "zh_CN", "zh-CN": "zh_CN", "zh-tw": "zh_TW", "zh-Hant": "zh_TW",
		"ur": "ur_PK", "ar": "ar_EG", "fa": "fa_IR", "he": "he_IL",
		"de": "de_DE", "fr": "fr_FR", "ja": "ja_JP", "hi": "hi_IN", "sr-Latn": "sr_RS",
	} {
		got := LocaleOf(code)
		if got != want || !form.MatchString(got) {
			t.Errorf("LocaleOf(%q) = %q, want %q", code, got, want)
		}
		if s := (&Site{Language: code}); s.Locale() != got {
			t.Errorf("Site{Language: %q}.Locale() = %q, LocaleOf says %q", code, s.Locale(), got)
		}
	}
}
