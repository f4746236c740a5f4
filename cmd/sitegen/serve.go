package main

import (
	"context"
	"fmt"

	"github.com/ctohandbook/sitegen/internal/serve"
)

func (m *Main) serve(ctx context.Context, args []string) int {
	fs := m.flags("serve [-source DIR] [-bind 127.0.0.1] [-port 1313] [-base-url URL] [-drafts] [-open] [-navigate]",
		"Build the site in memory and serve it; rebuild on every saved change. Open pages\n"+
			"reload by themselves (only when what they show changed), and show an overlay\n"+
			"listing the problems while the site does not build. Nothing is written to disk.\n"+
			"A base URL with a path (base_url in sitegen.yaml, or -base-url) is served under\n"+
			"that path, as its host will serve it. Ctrl-C stops it.",
		`  sitegen serve
  sitegen serve -source ~/handbook -open
  sitegen serve -drafts -navigate        # show drafts; follow the page being edited
  sitegen serve -port 8080               # tries 8081, 8082... if 8080 is taken
  sitegen serve -bind 0.0.0.0            # reachable from other machines (prints a warning)
  sitegen serve -base-url https://user.github.io/handbook/   # preview at http://127.0.0.1:1313/handbook/
  sitegen serve -base-url /              # at the root, whatever base_url says
`)
	source := fs.String("source", ".", "the site `folder` (holds content/ and sitegen.yaml)")
	bind := fs.String("bind", "127.0.0.1", "the `address` to listen on")
	port := fs.Int("port", 1313, "the first `port` to try; the next ones are tried if it is taken (0: any free port)")
	baseURL := fs.String("base-url", "", "the site's `URL` or path, for its path: the preview serves the site under it (default: base_url's path in sitegen.yaml)")
	drafts := fs.Bool("drafts", false, "include pages marked draft: true")
	open := fs.Bool("open", false, "open the site in a browser")
	navigate := fs.Bool("navigate", false, "make open pages go to the page whose file was just edited")
	if code, stop := parse(fs, args); stop {
		return code
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(m.Stderr, "sitegen serve: -port %d is not a port (0 to 65535)\n", *port)
		return exitUsage
	}
	srv, err := serve.New(serve.Config{
		Dir: *source, Bind: *bind, Port: *port, BaseURL: *baseURL,
		Drafts: *drafts, Navigate: *navigate, Open: *open, Commits: gitDates(*source),
		Stdout: m.Stdout, Stderr: m.Stderr,
	})
	if err != nil {
		fmt.Fprintln(m.Stderr, "sitegen serve: "+err.Error())
		return exitUsage
	}
	if err := srv.Run(ctx); err != nil {
		fmt.Fprintln(m.Stderr, "sitegen serve: "+err.Error())
		return exitContent
	}
	return exitOK
}
