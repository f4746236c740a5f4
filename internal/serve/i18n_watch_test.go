package serve

import (
	"strings"
	"testing"
)

// TestStringsFileReloads: the site's i18n/ folder is watched like
// content/: creating i18n/en.yaml while serving, then editing it, rebuilds
// the pages with the new strings, and open pages reload.
func TestStringsFileReloads(t *testing.T) {
	dir := writeSite(t, smallSite())
	p := start(t, dir)
	tab := p.listen(t)
	writeFile(t, dir, "i18n/en.yaml", "nav_glossary: Lexicon\n")
	tab.nextReloadWith(t, "glossary/cto/index.html")
	if body := mustGet(t, p, "/glossary/cto/"); !strings.Contains(body, ">Lexicon</a>") {
		t.Errorf("after i18n/en.yaml appeared, the navigation does not say Lexicon")
	}
	writeFile(t, dir, "i18n/en.yaml", "nav_glossary: Word list\n")
	tab.nextReloadWith(t, "glossary/cto/index.html")
	if body := mustGet(t, p, "/glossary/cto/"); !strings.Contains(body, ">Word list</a>") {
		t.Errorf("after i18n/en.yaml changed, the navigation does not say Word list")
	}
}
