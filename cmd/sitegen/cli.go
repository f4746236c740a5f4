package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ctohandbook/sitegen/internal/memo"
	"github.com/ctohandbook/sitegen/internal/output"
	"github.com/ctohandbook/sitegen/internal/problem"
	"github.com/ctohandbook/sitegen/internal/site"
)

// Version is the sitegen version, set at release with -ldflags.
var Version = "0.1.0-dev"

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1 // the site has problems
	exitUsage   = 2 // the command line is wrong
)

// Main runs one sitegen command.
type Main struct {
	Stdout, Stderr io.Writer
}

const usage = `sitegen builds a glossary-and-guides site from Markdown.

Usage:
  sitegen <command> [flags]

Commands:
  build     build the site into a folder (default: public/)
  serve     build in memory, serve it and rebuild on every change
  check     build without writing; report problems and warnings
  new       create a term, guide or chapter file
  version   print the version

Run "sitegen <command> -h" for a command's flags and examples.
`

// Run runs the command in args and returns the exit code.
func (m *Main) Run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "build":
		return m.build(ctx, args[1:])
	case "check":
		return m.check(args[1:])
	case "serve":
		return m.serve(ctx, args[1:])
	case "new":
		return m.new(args[1:])
	case "version", "-version", "--version":
		fmt.Fprintf(m.Stdout, "sitegen %s\n", Version)
		return exitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(m.Stdout, usage)
		return exitOK
	}
	fmt.Fprintf(m.Stderr, "sitegen: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// flags makes a flag set whose -h prints the command's help and examples.
func (m *Main) flags(name, summary, examples string) *flag.FlagSet {
	fs := flag.NewFlagSet("sitegen "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "%s\n\nUsage:\n  sitegen %s\n\nFlags:\n", summary, name)
		fs.PrintDefaults()
		fmt.Fprintf(fs.Output(), "\nExamples:\n%s", examples)
	}
	return fs
}

// parse parses flags; it returns a code if the command should stop.
func parse(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitOK, true
		}
		return exitUsage, true
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		return exitUsage, true
	}
	return 0, false
}

func (m *Main) printProblems(probs []problem.Problem) {
	for _, p := range probs {
		fmt.Fprintln(m.Stderr, p.String())
	}
}

// open prepares the site in dir; on failure it returns nil and the exit code.
func (m *Main) open(dir string, opts site.Options) (*site.Site, int) {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		fmt.Fprintf(m.Stderr, "sitegen: source folder %s does not exist\n", dir)
		return nil, exitUsage
	}
	// An os.Root keeps reads inside the site folder: a symlink that
	// points elsewhere is an error, not a way to publish other files.
	root, err := os.OpenRoot(dir)
	if err != nil {
		fmt.Fprintf(m.Stderr, "sitegen: %v\n", err)
		return nil, exitUsage
	}
	s, probs := site.New(root.FS(), opts)
	if len(probs) > 0 {
		m.printProblems(probs)
		fmt.Fprintf(m.Stderr, "%d %s in %s\n", len(probs), plural(len(probs), "problem", "problems"), site.ConfigFile)
		return nil, exitContent
	}
	return s, exitOK
}

// load prepares the site in dir and runs a build in memory.
func (m *Main) load(dir string, opts site.Options) (*site.Site, *site.Result, int) {
	s, code := m.open(dir, opts)
	if s == nil {
		return nil, nil, code
	}
	return s, s.Build(), exitOK
}

func (m *Main) build(ctx context.Context, args []string) int {
	fs := m.flags("build [-source DIR] [-out DIR] [-base-url URL] [-drafts] [-force] [-cache DIR | -no-cache]",
		"Build the site into a folder. The previous output is replaced only when the build succeeds.\n"+
			"Rendered pages are cached (by a hash of everything they are made from) so that the next\n"+
			"build redoes only what changed; the cache is safe to delete at any time.",
		`  sitegen build
  sitegen build -source ~/handbook -out /tmp/site
  sitegen build -base-url https://handbook.example.org
  sitegen build -no-cache
`)
	source := fs.String("source", ".", "the site `folder` (holds content/ and sitegen.yaml)")
	out := fs.String("out", "", "the output `folder` (default <source>/public)")
	baseURL := fs.String("base-url", "", "the site's absolute `URL`, overriding base_url in sitegen.yaml")
	drafts := fs.Bool("drafts", false, "include pages marked draft: true")
	force := fs.Bool("force", false, "replace an output folder that sitegen did not write")
	cacheDir := fs.String("cache", defaultCacheDir(), "the cache `folder`")
	noCache := fs.Bool("no-cache", false, "build everything afresh and cache nothing")
	if code, stop := parse(fs, args); stop {
		return code
	}
	if *out == "" {
		*out = filepath.Join(*source, "public")
	}
	if msg := checkOut(*source, *out); msg != "" {
		fmt.Fprintln(m.Stderr, "sitegen: "+msg)
		return exitUsage
	}
	if *baseURL == "" {
		*baseURL = deployURL()
	}
	opts := site.Options{Drafts: *drafts, BaseURL: *baseURL, Minify: true, Version: version(), Commits: gitDates(*source)}
	if !*noCache && *cacheDir != "" {
		disk, err := memo.OpenDisk(*cacheDir, opts.Version)
		if err != nil {
			fmt.Fprintf(m.Stderr, "sitegen: cache folder: %v (building without a cache)\n", err)
		} else {
			opts.Cache = memo.NewCache(false, disk)
			defer memo.Trim(*cacheDir, 14*24*time.Hour)
		}
	}
	if opts.Cache == nil {
		opts.Cache = memo.NewCache(false, nil)
	}
	prog := newProgress(m.Stderr)
	defer prog.done()
	var fit fitMemory
	opts.Progress = func(phase string, done, total int) {
		if phase == "rendering" {
			fit.apply()
			if done == total && done > 0 {
				writeHeapProfile()
			}
		}
		prog.report(phase, done, total)
	}
	s, code := m.open(*source, opts)
	if s == nil {
		return code
	}
	dir, err := output.Create(*out, *force)
	if err != nil {
		fmt.Fprintln(m.Stderr, "sitegen: "+err.Error())
		return exitContent
	}
	res := s.BuildTo(func(path string, b []byte) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return dir.Put(path, b)
	})
	prog.done()
	// What was made is right whatever became of the build: keep it.
	if err := opts.Cache.Close(); err != nil {
		fmt.Fprintf(m.Stderr, "sitegen: warning: could not save the cache: %v\n", err)
	}
	if ctx.Err() != nil {
		dir.Abort()
		fmt.Fprintf(m.Stderr, "interrupted; %s was left as it was\n", *out)
		return exitContent
	}
	m.printProblems(res.Warnings)
	if !res.OK() {
		dir.Abort()
		m.printProblems(res.Problems)
		fmt.Fprintf(m.Stderr, "build failed: %d %s; %s was left as it was\n", len(res.Problems), plural(len(res.Problems), "problem", "problems"), *out)
		return exitContent
	}
	if err := dir.Commit(); err != nil {
		fmt.Fprintln(m.Stderr, "sitegen: "+err.Error())
		return exitContent
	}
	fmt.Fprintf(m.Stdout, "built %s: %s\n", *out, res.Stats)
	return exitOK
}

// defaultCacheDir is sitegen's folder in the user's cache folder
// ($XDG_CACHE_HOME, ~/.cache, ~/Library/Caches, %LocalAppData%), or "" (no
// cache) when there is none.
func defaultCacheDir() string {
	if d := os.Getenv("SITEGEN_CACHE"); d != "" {
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "sitegen")
}

// deployURL is Netlify's URL for this deploy, so that deploy previews
// link to themselves. Production builds use base_url.
func deployURL() string {
	if os.Getenv("NETLIFY") != "true" {
		return ""
	}
	if os.Getenv("CONTEXT") == "production" {
		return ""
	}
	if u := os.Getenv("DEPLOY_PRIME_URL"); u != "" {
		return u
	}
	return os.Getenv("DEPLOY_URL")
}

// checkOut refuses output folders that would overwrite the site itself.
func checkOut(source, out string) string {
	src, err1 := filepath.Abs(source)
	dst, err2 := filepath.Abs(out)
	if err1 != nil || err2 != nil {
		return "cannot resolve the source or output folder"
	}
	if real, err := filepath.EvalSymlinks(src); err == nil {
		src = real
	}
	if real, err := filepath.EvalSymlinks(dst); err == nil {
		dst = real
	}
	within := func(a, b string) bool { // a is b or inside b
		rel, err := filepath.Rel(b, a)
		return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	}
	switch {
	case dst == src:
		return "the output folder cannot be the source folder " + out
	case within(src, dst):
		return "the output folder " + out + " contains the source folder"
	case within(dst, filepath.Join(src, "content")):
		return "the output folder " + out + " is inside content/"
	case within(dst, filepath.Join(src, "themes")):
		return "the output folder " + out + " is inside themes/"
	case within(dst, filepath.Join(src, "static")):
		return "the output folder " + out + " is inside static/"
	}
	return ""
}

func (m *Main) check(args []string) int {
	fs := m.flags("check [-source DIR] [-drafts]",
		"Build the site without writing anything; report every problem and warning.\nExit code 1 if there are problems (warnings do not fail).",
		`  sitegen check
  sitegen check -source ~/handbook
  sitegen check -translations
`)
	source := fs.String("source", ".", "the site `folder`")
	drafts := fs.Bool("drafts", false, "include pages marked draft: true")
	listTranslations := fs.Bool("translations", false, "list each missing and outdated translation with the file it follows")
	if code, stop := parse(fs, args); stop {
		return code
	}
	dates, history := gitHistory(*source)
	s, res, code := m.load(*source, site.Options{Drafts: *drafts, Commits: dates})
	if res == nil {
		return code
	}
	all := append(append([]problem.Problem{}, res.Problems...), res.Warnings...)
	problem.Sort(all)
	m.printProblems(all)
	for _, st := range s.TranslationStatus(history) {
		fmt.Fprintln(m.Stdout, st.Line())
		if !*listTranslations {
			continue
		}
		for _, f := range st.Missing {
			fmt.Fprintf(m.Stdout, "  missing  %s (translates %s)\n", f.File, f.Original)
		}
		for _, f := range st.Outdated {
			fmt.Fprintf(m.Stdout, "  outdated %s: %s\n", f.File, f.Why)
		}
	}
	fmt.Fprintf(m.Stdout, "checked %s: %d %s, %d %s\n", res.Stats,
		len(res.Problems), plural(len(res.Problems), "problem", "problems"),
		len(res.Warnings), plural(len(res.Warnings), "warning", "warnings"))
	if !res.OK() {
		return exitContent
	}
	return exitOK
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
