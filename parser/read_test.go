package parser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReadOS checks the one reader of model files: symbolic links out of the
// model's directory, named pipes, devices, directories and oversize files
// are refused with a diagnostic, never followed, waited on or read whole
// (issue 13: import "fifo.ein" hung, einetc check /dev/zero ran out of
// memory, a link to /etc/passwd was read).
func TestReadOS(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.ein")
	if err := os.WriteFile(secret, []byte("root:x:0:0:SECRET\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("ok.ein", "// nothing\n")
	if err := os.Symlink(secret, filepath.Join(dir, "link.ein")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("ok.ein", filepath.Join(dir, "inner.ein")); err != nil {
		t.Fatal(err)
	}
	if err := mkfifo(filepath.Join(dir, "fifo.ein")); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub.ein"), 0o755); err != nil {
		t.Fatal(err)
	}
	write("main.ein", `import "ok.ein"
import "inner.ein"
import "link.ein"
import "fifo.ein"
import "sub.ein"
`)
	main := filepath.Join(dir, "main.ein")
	done := make(chan []string)
	go func() {
		_, errs := Load(main, ReadOS(main))
		var lines []string
		for _, e := range errs {
			lines = append(lines, e.Error())
		}
		done <- lines
	}()
	var lines []string
	select {
	case lines = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Load hangs (on the named pipe?)")
	}
	got := strings.Join(lines, "\n")
	for _, want := range []string{
		`main.ein:3:1: cannot import "` + dir + `/link.ein": it leads outside the model's directory (through a symbolic link)`,
		`main.ein:4:1: cannot import "` + dir + `/fifo.ein": not a regular file (a named pipe)`,
		`main.ein:5:1: cannot import "` + dir + `/sub.ein": not a regular file (a directory)`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if len(lines) != 3 || strings.Contains(got, "SECRET") {
		t.Errorf("want exactly the three errors above, without the outside file's content; got\n%s", got)
	}

	// The main file itself: a device, and a file over the size limit.
	if _, err := ReadOS("/dev/zero")("/dev/zero"); err == nil || !strings.Contains(err.Error(), "not a regular file (a device)") {
		t.Errorf("/dev/zero: %v", err)
	}
	write("big.ein", strings.Repeat(" ", 100))
	if _, err := readRegular(filepath.Join(dir, "big.ein"), 99); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("oversize file: %v", err)
	}
}
