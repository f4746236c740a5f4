package search

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ctohandbook/sitegen/internal/graph/graphtest"
)

// glossary makes the files of a small glossary: slug → front matter
// lines and body.
func glossary(terms map[string][2]string) map[string]string {
	files := map[string]string{}
	for slug, t := range terms {
		files["content/glossary/"+slug+".md"] = "---\n" + t[0] + "\n---\n" + t[1] + "\n"
	}
	return files
}

// languages are small glossaries in the scripts the issue names, each
// indexed on its own as a multilingual site indexes each language, with
// what a reader of that language types and the page they mean.
var languages = []struct {
	code  string
	terms map[string][2]string
	// first maps a query to the URL that must come first.
	first map[string]string
}{
	{"es", map[string][2]string{
		"busqueda": {"title: Búsqueda semántica\nsummary: Encontrar documentos por su significado y no solo por sus palabras.",
			"La búsqueda semántica compara vectores de los textos."},
		"gestion-de-riesgos": {"title: Gestión de riesgos\naka: [GR]\nsummary: Identificar, evaluar y tratar los riesgos de la organización.",
			"Cada trimestre el comité revisa el registro de riesgos."},
		"ciso": {"title: Director de Seguridad de la Información\naka: [CISO]\nsummary: Responsable de la seguridad de la información.",
			"Dirige el programa de ciberseguridad y responde ante el comité de dirección."},
	}, map[string]string{
		"busqueda":        "/glossary/busqueda/", // without its accent
		"BÚSQUEDA":        "/glossary/busqueda/",
		"gestion riesgos": "/glossary/gestion-de-riesgos/",
		"informacion":     "/glossary/ciso/",
		"ciberseguridad":  "/glossary/ciso/", // in the body only
		"segurdad":        "/glossary/ciso/", // a typo
		"ciso":            "/glossary/ciso/",
	}},
	{"ru", map[string][2]string{
		"infosec": {"title: Информационная безопасность\nsummary: Защита информации от несанкционированного доступа.",
			"Политика безопасности описывает, кто отвечает за защиту данных."},
		"risk": {"title: Управление рисками\nsummary: Выявление, оценка и обработка рисков.",
			"Реестр рисков пересматривают каждый квартал."},
		"assets": {"title: Учёт активов\nsummary: Перечень всего, что нужно защищать.",
			"Без учёта активов нельзя оценить риски."},
	}, map[string]string{
		"безопасность":  "/glossary/infosec/",
		"БЕЗОПАСНОСТЬ":  "/glossary/infosec/", // case folds
		"учет активов":  "/glossary/assets/",  // ё typed as е
		"рисками":       "/glossary/risk/",
		"управ":         "/glossary/risk/",    // a prefix, while typing
		"безопастность": "/glossary/infosec/", // a typo
		"квартал":       "/glossary/risk/",    // in the body only
	}},
	{"hi", map[string][2]string{
		"suchna-suraksha": {"title: सूचना सुरक्षा\nsummary: सूचना को अनधिकृत पहुँच से बचाना।",
			"हर कर्मचारी सुरक्षा नीति का पालन करता है।"},
		"jokhim": {"title: जोखिम प्रबंधन\nsummary: जोखिमों की पहचान, आकलन और उपचार।",
			"जोखिम रजिस्टर हर तिमाही देखा जाता है।"},
		"cloud": {"title: क्लाउड कंप्यूटिंग\nsummary: इंटरनेट पर कंप्यूटिंग संसाधन।",
			"क्लाउड में डेटा सुरक्षित रखना ज़रूरी है।"},
	}, map[string]string{
		"सुरक्षा": "/glossary/suchna-suraksha/",
		"प्रबंधन": "/glossary/jokhim/",
		"क्लाउड":  "/glossary/cloud/",
		"तिमाही":  "/glossary/jokhim/", // in the body only
		"जरूरी":   "/glossary/cloud/",  // without the nukta
	}},
	{"bn", map[string][2]string{
		"tothyo": {"title: তথ্য নিরাপত্তা\nsummary: তথ্যকে অননুমোদিত প্রবেশ থেকে রক্ষা করা।",
			"প্রতিটি কর্মী নিরাপত্তা নীতি মেনে চলে।"},
		"jhuki": {"title: ঝুঁকি ব্যবস্থাপনা\nsummary: ঝুঁকি চিহ্নিত করা, মূল্যায়ন ও প্রতিকার।",
			"ঝুঁকির তালিকা প্রতি তিন মাসে দেখা হয়।"},
		"ransomware": {"title: র\u200d্যানসমওয়্যার\nsummary: যে ম্যালওয়্যার ফাইল আটকে মুক্তিপণ চায়।",
			"নিয়মিত ব্যাকআপ সবচেয়ে ভালো প্রতিরক্ষা।"},
	}, map[string]string{
		"নিরাপত্তা":      "/glossary/tothyo/",
		"ব্যবস্থাপনা":    "/glossary/jhuki/",
		"র্যানসমওয়্যার": "/glossary/ransomware/", // typed without the joiner
		"ব্যাকআপ":        "/glossary/ransomware/", // in the body only
		"ঝুঁকি":          "/glossary/jhuki/",
	}},
	{"ur", map[string][2]string{
		"tahaffuz": {"title: معلوماتی تحفظ\nsummary: معلومات کو غیر مجاز رسائی سے بچانا۔",
			"ہر ملازم تحفظ کی پالیسی پر عمل کرتا ہے۔"},
		"khatra": {"title: خطرے کا انتظام\nsummary: خطرات کی شناخت، جائزہ اور علاج۔",
			"خطرات کا رجسٹر ہر سہ ماہی دیکھا جاتا ہے۔"},
		"policy": {"title: پالیسی\nsummary: ادارے کے اصول اور ضابطے۔",
			"پالیسی کو ہر سال نئے سرے سے لکھا جاتا ہے۔"},
	}, map[string]string{
		"تحفظ":     "/glossary/tahaffuz/",
		"تَحَفُّظ": "/glossary/tahaffuz/", // with tashkeel
		"انتظام":   "/glossary/khatra/",
		"پاليسي":   "/glossary/policy/", // with the Arabic yeh
		"رجسٹر":    "/glossary/khatra/", // in the body only
	}},
	{"zh", map[string][2]string{
		"shuju": {"title: 数据\nsummary: 可以被记录和处理的事实。", "数据是组织的资产。"},
		"shuju-zhili": {"title: 数据治理\nsummary: 对组织数据的管理与控制。",
			"数据治理确保数据质量和合规。"},
		"isms": {"title: 信息安全管理体系\naka: [ISMS]\nsummary: 管理信息安全风险的体系。",
			"体系包括政策、流程和控制措施。"},
		"yun": {"title: 云计算\nsummary: 通过网络按需提供计算资源。", "企业把服务器迁移到云端。"},
	}, map[string]string{
		"数据":   "/glossary/shuju/", // the exact title first
		"数据治理": "/glossary/shuju-zhili/",
		"安全管理": "/glossary/isms/", // inside a longer title
		"计算":   "/glossary/yun/",
		"服务器":  "/glossary/yun/", // in the body only
		"isms": "/glossary/isms/",
		"合规":   "/glossary/shuju-zhili/",
	}},
	{"ja", map[string][2]string{
		"security": {"title: 情報セキュリティ\nsummary: 情報を不正なアクセスから守ること。",
			"全社員がセキュリティ方針に従います。"},
		"data-governance": {"title: データガバナンス\nsummary: 組織のデータを管理する仕組み。",
			"データの品質と責任者を決めます。"},
		"risk": {"title: リスク管理\nsummary: リスクを特定し、評価し、対処すること。",
			"リスク台帳は四半期ごとに見直します。"},
	}, map[string]string{
		"セキュリティ": "/glossary/security/",
		"データ":    "/glossary/data-governance/",
		"ﾃﾞｰﾀ":   "/glossary/data-governance/", // half-width
		"管理":     "/glossary/risk/",            // the title above a summary's 管理する
		"台帳":     "/glossary/risk/",            // in the body only
		"情報":     "/glossary/security/",
	}},
	{"ko", map[string][2]string{
		"security": {"title: 정보 보안\nsummary: 정보를 무단 접근으로부터 보호하는 것.",
			"모든 직원은 보안 정책을 따릅니다."},
		"risk": {"title: 위험 관리\nsummary: 위험을 식별하고 평가하고 처리하는 것.",
			"위험 목록은 분기마다 검토합니다."},
		"isms": {"title: 정보보호관리체계\naka: [ISMS]\nsummary: 정보 보호를 체계적으로 관리하는 틀.",
			"인증 심사는 매년 받습니다."},
		"cloud": {"title: 클라우드 컴퓨팅\nsummary: 네트워크로 컴퓨팅 자원을 빌려 쓰는 것.",
			"서버를 클라우드로 옮깁니다."},
	}, map[string]string{
		"보안":   "/glossary/security/",
		"정보보안": "/glossary/security/", // the title, spaced
		"관리":   "/glossary/risk/",     // a word of a title above a pair inside one
		"관리체계": "/glossary/isms/",     // inside a compound
		"클라우드": "/glossary/cloud/",
		"분기마다": "/glossary/risk/", // in the body only
	}},
}

// TestSearchEachScript indexes a glossary in each script as a
// multilingual site does (one index a language) and searches it with
// search.js, as a reader of that language types: the page meant comes
// first, and every result listed shows a marked word under its title.
func TestSearchEachScript(t *testing.T) {
	for _, l := range languages {
		t.Run(l.code, func(t *testing.T) {
			var queries []string
			for q := range l.first {
				queries = append(queries, q)
			}
			ans := runJS(t, Index(graphtest.Build(t, glossary(l.terms))), jsCases{Queries: queries, Shown: queries})
			for _, q := range queries {
				got := ans.Results[q]
				if len(got) == 0 || got[0] != l.first[q] {
					t.Errorf("searching the %s glossary for %q gives %v, want %s first", l.code, q, got, l.first[q])
				}
				for i, r := range ans.Shown[q] {
					if r.Field == "" || len(r.Marked) == 0 {
						t.Errorf("searching the %s glossary for %q: result %d (%s) shows nothing marked (shows %q, marked %q)", l.code, q, i+1, r.URL, r.Field, r.Marked)
					}
				}
			}
		})
	}
}

// TestMarksEachScript checks what is highlighted in each script: whole
// letters with their marks, a pair inside a run of ideographs, the
// syllables of a Hangul compound.
func TestMarksEachScript(t *testing.T) {
	cases := []struct {
		text   string
		tokens []string
		want   string // the text with marked parts in [ ]
	}{
		{"Búsqueda semántica", []string{"busqueda"}, "[Búsqueda] semántica"},
		{"Bu\u0301squeda", []string{"bu"}, "[Bu\u0301]squeda"},
		{"Учёт активов", []string{"учет"}, "[Учёт] активов"},
		{"सूचना सुरक्षा", []string{"सुर"}, "सूचना [सुर]क्षा"},
		{"सुरक्षा", []string{"सुरक"}, "[सुरक्]षा"}, // the virama stays with its letter
		{"র\u200d্যানসমওয়্যার", []string{"র্যান"}, "[র\u200d্যান]সমওয়্যার"},
		{"معلوماتی تَحَفُّظ", []string{"تحفظ"}, "معلوماتی [تَحَفُّظ]"},
		{"信息安全管理体系", []string{"安全管理", "安全", "全管", "管理"}, "信息[安全管理]体系"},
		{"对组织数据的管理与控制。", []string{"数据"}, "对组织[数据]的管理与控制。"},
		{"データガバナンス", []string{"データ", "デー", "ータ"}, "[データ]ガバナンス"},
		{"정보보호관리체계", []string{"관리체계", "관리", "리체", "체계"}, "정보보호[관리체계]"},
		{"정보 보안", []string{"보안"}, "정보 [보안]"},
	}
	var ms [][2]any
	for _, c := range cases {
		ms = append(ms, [2]any{c.text, c.tokens})
	}
	ans := runJS(t, Index(graphtest.Build(t, small)), jsCases{Marks: ms})
	for i, c := range cases {
		if got := bracket(c.text, ans.Marks[i]); got != c.want {
			t.Errorf("marks of %v in %q: %q, want %q", c.tokens, c.text, got, c.want)
		}
	}
}

// bracket puts [ ] around the ranges ms (UTF-16 offsets) of text.
func bracket(text string, ms [][2]int) string {
	u := []rune(text)
	var units []string // one a UTF-16 code unit: the rune, then "" for a low surrogate
	for _, r := range u {
		units = append(units, string(r))
		if r > 0xffff {
			units = append(units, "")
		}
	}
	var b strings.Builder
	for i, s := range units {
		for _, m := range ms {
			if m[1] == i {
				b.WriteString("]")
			}
		}
		for _, m := range ms {
			if m[0] == i {
				b.WriteString("[")
			}
		}
		b.WriteString(s)
	}
	for _, m := range ms {
		if m[1] == len(units) {
			b.WriteString("]")
		}
	}
	if len(ms) > 0 && ms[len(ms)-1][1] > len(units) {
		return fmt.Sprintf("%s (marks past the end: %v)", b.String(), ms)
	}
	return b.String()
}

// TestSnippetIdeographic checks the passage shown for a match in a long
// line of Chinese, which has no spaces to cut at: cut anywhere, with
// text before the match as well as after it.
func TestSnippetIdeographic(t *testing.T) {
	before, after := strings.Repeat("企业把数据迁移到云端。", 10), strings.Repeat("运维团队负责监控与备份。", 20)
	ans := runJS(t, Index(graphtest.Build(t, small)), jsCases{Snippets: [][2]any{
		{map[string]any{"h": []string{}, "x": "简介\n" + before + "服务器" + after}, []string{"服务器", "服务", "务器"}},
	}})
	sn := ans.Snippets[0]
	if sn == nil || fmt.Sprint(sn.Marked) != "[服务器]" || !strings.HasPrefix(sn.Text, "…") || strings.HasPrefix(sn.Text, "…服务器") ||
		!strings.HasSuffix(sn.Text, "…") || utf8.RuneCountInString(sn.Text) > 170 {
		t.Errorf("snippet of a long Chinese line for 服务器 = %+v, want the passage around it (text before and after, … on both sides), 服务器 marked", sn)
	}
}
