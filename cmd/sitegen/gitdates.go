package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ctohandbook/sitegen/internal/site"
)

// gitDates maps each file under dir/content to the time of the last
// commit that touched it ("content/glossary/cto.md" → time), read with one
// batched `git log` over content/ (plus one `git rev-parse` to learn
// whether the clone is shallow), never one process per file. Pages show
// it as their "Updated" date when their front matter gives none.
//
// Outside a git work tree, without git, or when git fails, it returns
// nil: a site that is not in git simply has no commit dates. In a shallow
// clone the oldest commit fetched shows every older file as added by it,
// so dates that come only from that boundary commit are left out rather
// than reported wrong.
func gitDates(dir string) map[string]time.Time {
	log, boundary, ok := gitLog(dir)
	if !ok {
		return nil
	}
	return parseGitLog(log, boundary)
}

// gitHistory is gitDates and, from the same walk, every content file's
// commits, for the translation status (outdated translations).
func gitHistory(dir string) (map[string]time.Time, *site.History) {
	log, boundary, ok := gitLog(dir)
	if !ok {
		return nil, nil
	}
	return parseGitLog(log, boundary), parseGitHistory(log, boundary)
}

// gitLog runs the one git log over content/ that dates and history are
// read from, and names a shallow clone's boundary commits.
func gitLog(dir string) ([]byte, map[string]bool, bool) {
	git, err := exec.LookPath("git")
	if err != nil {
		return nil, nil, false
	}
	if _, err := os.Stat(filepath.Join(dir, "content")); err != nil {
		return nil, nil, false
	}
	run := func(args ...string) ([]byte, bool) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, git, append([]string{"-C", dir}, args...)...)
		// Commit times are absolute; the environment must not change how
		// paths are printed (quoting) or which config applies.
		cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0", "LC_ALL=C")
		var out bytes.Buffer
		cmd.Stdout = &out
		if cmd.Run() != nil {
			return nil, false
		}
		return out.Bytes(), true
	}
	info, ok := run("rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "--git-path", "shallow")
	if !ok {
		return nil, nil, false
	}
	lines := strings.Split(strings.TrimSpace(string(info)), "\n")
	if len(lines) < 3 || lines[0] != "true" {
		return nil, nil, false
	}
	boundary := map[string]bool{}
	if lines[1] == "true" {
		shallow := lines[2]
		if !filepath.IsAbs(shallow) {
			shallow = filepath.Join(dir, shallow)
		}
		if b, err := os.ReadFile(shallow); err == nil {
			for _, h := range strings.Fields(string(b)) {
				boundary[h] = true
			}
		}
	}
	// -z: paths as they are (no quoting of non-ASCII names); --relative:
	// paths from dir, which may be a folder inside the repository.
	log, ok := run("-c", "core.quotePath=false", "log", "-z", "--relative", "--name-only",
		"--no-renames", "--format=%x01%H %ct", "--", "content")
	return log, boundary, ok
}

// parseGitLog reads the output of git log -z --name-only
// --format=%x01%H %ct: for each commit, newest first, "\x01<hash> <unix
// time>\n" then its files, each ending in NUL. A file's first commit is
// its last change. Commits in boundary (a shallow clone's edge) give no
// dates.
func parseGitLog(log []byte, boundary map[string]bool) map[string]time.Time {
	dates := map[string]time.Time{}
	walkGitLog(log, boundary, func(_ string, when time.Time, file string) {
		if _, seen := dates[file]; !seen {
			dates[file] = when
		}
	})
	if len(dates) == 0 {
		return nil
	}
	return dates
}

// parseGitHistory reads the same log into every file's commits, newest
// first, and every commit's time.
func parseGitHistory(log []byte, boundary map[string]bool) *site.History {
	h := &site.History{Files: map[string][]site.Commit{}, Commits: map[string]site.Commit{}}
	walkGitLog(log, boundary, func(hash string, when time.Time, file string) {
		c, seen := h.Commits[hash]
		if !seen {
			c = site.Commit{Hash: hash, Time: when, Seq: len(h.Commits)}
			h.Commits[hash] = c
		}
		h.Files[file] = append(h.Files[file], c)
	})
	return h
}

// walkGitLog calls fn for each file of each commit of the log, newest
// commit first, leaving out boundary commits and undated ones.
func walkGitLog(log []byte, boundary map[string]bool, fn func(hash string, when time.Time, file string)) {
	var when time.Time
	var hash string
	skip := false
	sc := bufio.NewScanner(bytes.NewReader(log))
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		if i := bytes.IndexByte(data, 0); i >= 0 {
			return i + 1, data[:i], nil
		}
		if atEOF && len(data) > 0 {
			return len(data), data, nil
		}
		return 0, nil, nil
	})
	for sc.Scan() {
		field := sc.Text()
		// A commit header starts the field that follows the previous
		// commit's last file (git puts a newline between them).
		field = strings.TrimLeft(field, "\n")
		if strings.HasPrefix(field, "\x01") {
			header, rest, _ := strings.Cut(field[1:], "\n")
			h, unix, _ := strings.Cut(header, " ")
			hash = h
			sec, err := strconv.ParseInt(strings.TrimSpace(unix), 10, 64)
			if err != nil {
				when, skip = time.Time{}, true
			} else {
				when, skip = time.Unix(sec, 0).UTC(), boundary[hash]
			}
			field = strings.TrimLeft(rest, "\n")
		}
		if field == "" || skip || when.IsZero() {
			continue
		}
		fn(hash, when, filepath.ToSlash(field))
	}
}
