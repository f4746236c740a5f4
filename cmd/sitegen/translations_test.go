package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// copyTree copies the folder src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCheckTranslationsGit makes a git history on the multilingual test
// glossary and checks what check -translations says: a translation whose
// original was committed after it is outdated, one that pins
// translated_from lists the original's commits since, and a translation
// committed after its original is not outdated, whatever its dates say.
func TestCheckTranslationsGit(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, "../../internal/site/testdata/multilingual", dir)
	repo := newGitRepo(t, dir)
	repo.commit(day("2026-10-01"), nil)
	first := strings.TrimSpace(repo.git(day("2026-10-01"), "rev-parse", "HEAD"))
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	// The English Kubernetes page changes after its translations.
	repo.commit(day("2026-10-05"), map[string]string{"content/glossary/kubernetes.md": read("content/glossary/kubernetes.md") + "\nOne more paragraph.\n"})
	// The Russian container page says which commit it follows; the
	// English one changes twice since.
	ru := strings.Replace(read("content/ru/glossary/container.md"), "---\n", "---\ntranslated_from: "+first[:10]+"\n", 1)
	repo.commit(day("2026-10-06"), map[string]string{"content/ru/glossary/container.md": ru})
	repo.commit(day("2026-10-07"), map[string]string{"content/glossary/container.md": read("content/glossary/container.md") + "\nA note.\n"})
	repo.commit(day("2026-10-08"), map[string]string{"content/glossary/container.md": read("content/glossary/container.md") + "\nAnother note.\n"})
	second := strings.TrimSpace(repo.git(day("2026-10-08"), "rev-parse", "HEAD"))
	// Within one second (a script's commits): the Korean service mesh page is
	// committed, then its original: the original is the newer.
	repo.commit(day("2026-10-09"), map[string]string{"content/ko/glossary/service-mesh.md": read("content/ko/glossary/service-mesh.md") + "\n"})
	repo.commit(day("2026-10-09"), map[string]string{"content/glossary/service-mesh.md": read("content/glossary/service-mesh.md") + "\nA line.\n"})

	code, out, errs := run("check", "-source", dir, "-translations")
	if code != 0 {
		t.Fatalf("check failed (%d):\n%s%s", code, out, errs)
	}
	lines := map[string]string{}
	for _, l := range strings.Split(out, "\n") {
		if m := regexp.MustCompile(`^translations (\S+): `).FindStringSubmatch(l); m != nil {
			lines[m[1]] = l
		}
	}
	for code, want := range map[string]string{
		"es": "translations es: 9 of 12 terms, 1 of 2 chapters, 3 of 3 other pages; 3 outdated",
		"ru": "translations ru: 6 of 12 terms, 0 of 2 chapters, 1 of 3 other pages; 2 outdated",
		"ko": "translations ko: 3 of 12 terms, 0 of 2 chapters, 0 of 3 other pages; 3 outdated",
		"bn": "translations bn: 3 of 12 terms, 0 of 2 chapters, 0 of 3 other pages; 2 outdated",
	} {
		if lines[code] != want {
			t.Errorf("got  %q\nwant %q", lines[code], want)
		}
	}
	for _, want := range []string{
		"  outdated content/es/glossary/kubernetes.md: content/glossary/kubernetes.md was last committed 2026-10-05",
		"  outdated content/ru/glossary/container.md: content/glossary/container.md changed in 2 commits since " + first[:7] + ": ",
		second[:7],
		"  missing  content/es/glossary/observability.md (translates content/glossary/observability.md)",
		"  outdated content/ko/glossary/service-mesh.md: content/glossary/service-mesh.md was last committed 2026-10-09 12:00",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check -translations does not say %q:\n%s", want, out)
		}
	}
	// The Japanese observability page is dated before its original, but
	// was committed with it and neither changed since: git says it is
	// current (front matter dates count only outside git).
	if strings.Contains(out, "outdated content/ja/glossary/observability.md") {
		t.Errorf("a translation committed with its original is reported outdated:\n%s", out)
	}
}

// TestNewTranslation: new -lang writes the translation where the
// original's path says, and refuses a language the site does not have.
func TestNewTranslation(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, "../../internal/site/testdata/multilingual", dir)
	if code, out, errs := run("new", "-source", dir, "term", "Observabilidad", "-lang", "es", "-from", "observability"); code != 0 {
		t.Fatalf("new failed: %s%s", out, errs)
	}
	b, err := os.ReadFile(filepath.Join(dir, "content/es/glossary/observability.md"))
	if err != nil || !strings.Contains(string(b), "title: Observabilidad") {
		t.Fatalf("translation not at content/es/glossary/observability.md: %v\n%s", err, b)
	}
	if code, _, _ := run("new", "-source", dir, "term", "Api Gateway", "-lang", "es"); code != 0 {
		t.Fatal("new term by the original's title failed")
	}
	if _, err := os.Stat(filepath.Join(dir, "content/es/glossary/api-gateway.md")); err != nil {
		t.Error(err)
	}
	if code, _, errs := run("new", "-source", dir, "term", "Terme", "-lang", "fr"); code == 0 || !strings.Contains(errs, `language "fr" is not in languages:`) {
		t.Errorf("new -lang fr: code %d, %q", code, errs)
	}
	if code, _, errs := run("new", "-source", dir, "term", "X", "-lang", "es", "-from", "../_index"); code == 0 || !strings.Contains(errs, "must be a term's or chapter's slug") {
		t.Errorf("new -from ../_index: code %d, %q; want a usage error (it would write over the Spanish home page)", code, errs)
	}
	if code, _, _ := run("new", "-source", dir, "term", "-", "-lang", "es"); code == 0 {
		t.Error("new term - made a file") // it used to loop forever
	}
	if code, out, errs := run("check", "-source", dir); code != 0 || !strings.Contains(out, "translations es: 11 of 12 terms") {
		t.Errorf("check after new: %d\n%s%s", code, out, errs)
	}
}
