package writefile

// lockSet holds the locks of the roots a run writes, so that two runs on
// one output tree take turns: one run's recovery must never mistake the
// other's staging directory for a stale one.
type lockSet map[string]func()

func (l lockSet) lock(dir string) error {
	if _, ok := l[dir]; ok {
		return nil
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return err
	}
	l[dir] = unlock
	return nil
}

func (l lockSet) release() {
	for dir, unlock := range l {
		unlock()
		delete(l, dir)
	}
}
