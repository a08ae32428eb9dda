//go:build !windows

package data

import "os"

// private makes a file readable and writable by its owner only (0600) whatever the umask,
// if it is not already. The database holds ID numbers and password hashes.
func private(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if st.Mode().Perm()&0o077 == 0 {
		return nil
	}
	if st.IsDir() {
		return os.Chmod(path, 0o700)
	}
	return os.Chmod(path, 0o600)
}
