package content

import (
	"fmt"
	"path"
	"regexp"
	"strings"
)

var numberPrefix = regexp.MustCompile(`^[0-9]+[-_.]`)

// slugFromFile is a file name without a leading number prefix:
// "01-role" → "role".
func slugFromFile(base string) string {
	if s := numberPrefix.ReplaceAllString(base, ""); s != "" {
		return strings.ToLower(s)
	}
	return strings.ToLower(base)
}

// CheckSlug says what is wrong with a slug, or "" if it is safe to use
// as one segment of an output path.
func CheckSlug(s string) string {
	switch {
	case s == "":
		return "is empty"
	case s == "." || s == "..":
		return "is not a name"
	case strings.ContainsAny(s, "/\\\x00"):
		return "contains a slash, backslash or NUL"
	case strings.HasPrefix(s, "."):
		return "starts with a dot"
	case strings.HasSuffix(s, ".") || strings.HasSuffix(s, " "):
		return "ends with a dot or space (Windows drops those from file names)"
	case strings.ContainsAny(s, "?#%<>\"'` \t\n"):
		return "contains a character that is not allowed in a URL segment"
	}
	if reservedName(s) {
		return "is a name reserved by Windows"
	}
	return ""
}

func reservedName(s string) bool {
	u := strings.ToUpper(s)
	if i := strings.IndexByte(u, '.'); i >= 0 {
		u = u[:i]
	}
	switch u {
	case "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		return true
	}
	return false
}

// url applies the section's permalink pattern.
func (p *Page) url(opts Options) (string, string) {
	pattern := func(key string) string {
		if s, ok := opts.Permalinks[key]; ok && s != "" {
			return s
		}
		return DefaultPermalinks[key]
	}
	prefix := opts.Prefix(p.Lang)
	var u string
	switch p.Kind {
	case KindHome:
		return prefix + "/", ""
	case KindSection:
		return prefix + "/" + p.Section + "/", ""
	case KindTerm:
		u = strings.ReplaceAll(pattern("glossary"), ":slug", p.Slug)
	case KindGuide:
		u = strings.ReplaceAll(pattern("guide"), ":guide", p.Guide)
		u = strings.ReplaceAll(u, "/:slug", "")
		u = strings.ReplaceAll(u, ":slug", "")
	case KindChapter:
		u = strings.ReplaceAll(pattern("guide"), ":guide", p.Guide)
		u = strings.ReplaceAll(u, ":slug", p.Slug)
	default:
		dir := path.Dir(p.Rel)
		u = strings.ReplaceAll(pattern("pages"), ":slug", p.Slug)
		if dir != "." {
			u = "/" + dir + u
		}
	}
	return CheckURL(prefix + u)
}

// CheckURL cleans a page URL made from a permalink pattern and says what
// is wrong with it if it could escape the output folder.
func CheckURL(u string) (string, string) {
	switch {
	case strings.ContainsAny(u, "\\\x00"):
		return "", fmt.Sprintf("URL %q contains a backslash or NUL", u)
	case !strings.HasPrefix(u, "/"):
		u = "/" + u
	}
	for _, seg := range strings.Split(u, "/") {
		if seg == ".." || seg == "." {
			return "", fmt.Sprintf("URL %q contains %q", u, seg)
		}
		if seg != "" && reservedName(seg) {
			return "", fmt.Sprintf("URL %q contains the reserved name %q", u, seg)
		}
	}
	if strings.Contains(u, ":") {
		return "", fmt.Sprintf("URL %q has an unknown placeholder (use :slug or :guide)", u)
	}
	u = path.Clean(u)
	if u != "/" {
		u += "/"
	}
	return u, ""
}
