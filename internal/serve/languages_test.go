package serve

import (
	"strings"
	"testing"
)

// TestLanguagesInPreview: a site in two languages previews both trees:
// a missing page under /es/ answers with the Spanish 404 page, a saved
// Spanish file reloads the Spanish page, and a broken link in it shows
// the overlay naming the Spanish file and line.
func TestLanguagesInPreview(t *testing.T) {
	files := smallSite()
	files["sitegen.yaml"] = "title: Test Handbook\nlanguages:\n  - code: en\n  - code: es\n    name: Español\n"
	files["content/es/_index.md"] = "---\ntitle: Inicio\n---\nVéase [[cto]].\n"
	files["content/es/glossary/cto.md"] = "---\ntitle: Director de tecnología\nsummary: El ejecutivo de la tecnología.\n---\nTrabaja con el [[ciso]]. Versión uno.\n"
	dir := writeSite(t, files)
	p := start(t, dir)
	code, body := p.get(t, "/es/glossary/nada/")
	if code != 404 || !strings.Contains(body, `<html lang="es"`) {
		t.Errorf("GET /es/glossary/nada/ = %d, want 404 with the Spanish 404 page; body starts:\n%.300s", code, body)
	}
	if code, body := p.get(t, "/nope/"); code != 404 || !strings.Contains(body, `<html lang="en"`) {
		t.Errorf("GET /nope/ = %d, want the English 404 page; body starts:\n%.300s", code, body)
	}
	if code, body := p.get(t, "/es/glossary/ciso/"); code != 200 || !strings.Contains(body, `class="fallback-note"`) {
		t.Errorf("GET /es/glossary/ciso/ = %d, want the fallback of the untranslated CISO page", code)
	}
	events := p.listen(t)
	writeFile(t, dir, "content/es/glossary/cto.md", "---\ntitle: Director de tecnología\nsummary: El ejecutivo de la tecnología.\n---\nTrabaja con el [[ciso]]. Versión dos.\n")
	events.nextReloadWith(t, "es/glossary/cto/index.html")
	if _, body := p.get(t, "/es/glossary/cto/"); !strings.Contains(body, "Versión dos") {
		t.Error("the saved Spanish text is not served")
	}
	writeFile(t, dir, "content/es/glossary/cto.md", "---\ntitle: Director de tecnología\n---\nTrabaja con el [[nadie]].\n")
	events.next(t, "problems")
	_, body = p.get(t, "/es/glossary/ciso/")
	if !strings.Contains(body, overlayTag) || !strings.Contains(body, "content/es/glossary/cto.md:4:") {
		t.Errorf("the overlay does not name the Spanish file and line:\n%s", body)
	}
}
