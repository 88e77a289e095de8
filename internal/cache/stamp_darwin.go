package cache

import (
	"os"
	"syscall"
)

func stampOf(fi os.FileInfo) Stamp {
	s := Stamp{Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		s.Change = st.Ctimespec.Nano()
		s.Ino = st.Ino
	}
	return s
}
