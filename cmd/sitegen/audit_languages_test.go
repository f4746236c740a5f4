package main

import (
	"net/url"
	"testing"
)

// languagePages are pages of the nine-language test site in the scripts
// whose layout differs most from English: Urdu (right to left, Arabic
// script), Chinese and Japanese (no spaces), Korean and Hindi.
var languagePages = []string{
	"/ur/", "/ur/glossary/", "/ur/glossary/container/", "/ur/glossary/api-gateway/", "/ur/graph/",
	"/ur/search/?q=" + url.QueryEscape("کنٹینر"),
	"/zh-cn/glossary/kubernetes/", "/ja/glossary/", "/ko/glossary/container/", "/hi/glossary/kubernetes/",
}

// TestAuditLanguages builds internal/site/testdata/multilingual, serves
// it as Netlify would, and runs axe-core (through .ci/node/audit.mjs, as
// TestAudit does) over languagePages at 1280 and 360 px, light and dark:
// no violation of any impact, in a right-to-left page (a term, its
// fallback, the graph, search) or a CJK one. Skipped as TestAudit is.
func TestAuditLanguages(t *testing.T) {
	a := newAuditor(t)
	base, _ := serveBuilt(t, "../../internal/site/testdata/multilingual", "the multilingual test site")
	job := a.job(base)
	job.Axe = axeJobs(languagePages)
	var res struct{ Axe []axeResult }
	a.run(t, job, &res)
	if len(res.Axe) != len(job.Axe) {
		t.Fatalf("axe-core ran on %d pages, want %d", len(res.Axe), len(job.Axe))
	}
	reportAxe(t, res.Axe, func(path string) string { return path })
}
