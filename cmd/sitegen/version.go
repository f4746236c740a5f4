package main

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"sync"
)

// version names this exact program for the build cache: the release
// version and a hash of the executable, so that a sitegen built from
// other code never reads what this one cached (a development build keeps
// its version string while its code changes).
var version = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return Version
	}
	f, err := os.Open(exe)
	if err != nil {
		return Version
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return Version
	}
	return Version + "+" + hex.EncodeToString(h.Sum(nil))[:16]
})
