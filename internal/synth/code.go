package synth

import (
	"strconv"
	"strings"
)

// languages of the fenced code blocks.
var languages = []string{"go", "yaml", "python", "bash", "json", "sql"}

// code writes a fenced block in a random language. Its identifiers and
// numbers come from the page and the stream, so no two pages share one.
func (p *page) code() {
	lang := pick(p.r, languages)
	p.w("```", lang, "\n")
	switch lang {
	case "go":
		p.goCode()
	case "yaml":
		p.yamlCode()
	case "python":
		p.pythonCode()
	case "bash":
		p.bashCode()
	case "json":
		p.jsonCode()
	default:
		p.sqlCode()
	}
	p.w("```\n\n")
}

func (p *page) num(lo, hi int) string { return strconv.Itoa(p.r.between(lo, hi)) }

func (p *page) goCode() {
	name := upperFirst(p.ident())
	p.w("// ", name, " ", pick(p.r, words), " ", pick(p.r, words), " ", pick(p.r, words), ".\n")
	p.w("func ", name, "(items []string, limit int) (map[string]int, error) {\n")
	p.w("\tcounts := make(map[string]int, ", p.num(4, 512), ")\n")
	for k, n := 0, p.r.between(2, 6); k < n; k++ {
		v := p.ident()
		switch p.r.intn(3) {
		case 0:
			p.w("\t", v, " := limit * ", p.num(2, 99), "\n\tcounts[\"", pick(p.r, words), "\"] += ", v, "\n")
		case 1:
			p.w("\tfor i, item := range items {\n\t\tif i > ", p.num(1, 64), " {\n\t\t\tbreak\n\t\t}\n\t\tcounts[item]++\n\t}\n")
		default:
			p.w("\tif len(items) > ", p.num(10, 900), " {\n\t\treturn nil, fmt.Errorf(\"", pick(p.r, words), " ", pick(p.r, words), ": %d items\", len(items))\n\t}\n")
		}
	}
	p.w("\treturn counts, nil\n}\n")
}

func (p *page) yamlCode() {
	p.w("name: ", p.ident(), "\nversion: ", p.num(0, 9), ".", p.num(0, 40), ".", p.num(0, 99), "\n")
	p.w("owners: [", pick(p.r, words), ", ", pick(p.r, words), "]\n")
	for k, n := 0, p.r.between(2, 5); k < n; k++ {
		p.w(strings.ToLower(pick(p.r, nouns)), ":\n")
		p.w("  enabled: ", strconv.FormatBool(p.r.chance(0.5)), "\n  limit: ", p.num(1, 5000), "\n  note: ", pick(p.r, words), " ", pick(p.r, words), "\n")
	}
}

func (p *page) pythonCode() {
	name := strings.ToLower(p.ident())
	p.w("def ", name, "(rows, threshold=", p.num(1, 100), "):\n")
	p.w("    \"\"\"", upperFirst(pick(p.r, words)), " ", pick(p.r, words), " ", pick(p.r, words), ".\"\"\"\n")
	p.w("    total = 0\n")
	for k, n := 0, p.r.between(2, 5); k < n; k++ {
		p.w("    for row in rows[:", p.num(2, 400), "]:\n        if row.get(\"", pick(p.r, words), "\", 0) > threshold:\n            total += row[\"", pick(p.r, words), "\"] * ", p.num(2, 50), "\n")
	}
	p.w("    return total\n")
}

func (p *page) bashCode() {
	p.w("#!/usr/bin/env bash\nset -euo pipefail\n")
	dir := strings.ToLower(p.ident())
	p.w("dir=/var/lib/", dir, "\n")
	for k, n := 0, p.r.between(2, 6); k < n; k++ {
		switch p.r.intn(3) {
		case 0:
			p.w("mkdir -p \"$dir/", pick(p.r, words), "\"\n")
		case 1:
			p.w("find \"$dir\" -name '*.log' -mtime +", p.num(1, 90), " -delete\n")
		default:
			p.w("echo \"", pick(p.r, words), " ", pick(p.r, words), " ", p.num(1, 9999), "\" >>\"$dir/report.txt\"\n")
		}
	}
}

func (p *page) jsonCode() {
	p.w("{\n  \"id\": \"", p.ident(), "\",\n  \"weight\": ", p.num(1, 1000), ",\n  \"items\": [")
	for k, n := 0, p.r.between(2, 5); k < n; k++ {
		if k > 0 {
			p.w(", ")
		}
		p.w("{\"name\": \"", pick(p.r, words), "\", \"score\": ", p.num(0, 100), "}")
	}
	p.w("],\n  \"enabled\": ", strconv.FormatBool(p.r.chance(0.5)), "\n}\n")
}

func (p *page) sqlCode() {
	table := strings.ToLower(p.ident())
	p.w("SELECT owner, COUNT(*) AS n, AVG(effort) AS effort\nFROM ", table, "\n")
	p.w("WHERE status = '", pick(p.r, words), "' AND created_at > now() - interval '", p.num(1, 365), " days'\n")
	p.w("GROUP BY owner\nHAVING COUNT(*) > ", p.num(1, 50), "\nORDER BY n DESC\nLIMIT ", p.num(5, 100), ";\n")
}
