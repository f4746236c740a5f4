package serve

import (
	"os/exec"
	"runtime"
)

// openBrowser asks the desktop to open url. It does not wait for the
// browser, and a machine without one is no error: the URL is printed.
func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if cmd.Start() == nil {
		cmd.Process.Release()
	}
}
