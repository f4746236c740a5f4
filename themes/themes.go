// Package themes embeds the default theme into the sitegen binary, so that
// sitegen works from any folder. A site overrides any of its files with
// its own themes/<name>/ folder.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed all:default
var embedded embed.FS

// Default is the default theme: templates/ and static/.
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the embed directive guarantees the folder
	}
	return sub
}
