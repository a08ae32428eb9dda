package data

import (
	"fmt"
	"os"

	"golang.org/x/sys/windows"
)

// private gives a file, or a folder and what is created in it, an access list of its own
// that lets in the signed-in Windows user only: file modes mean nothing on Windows, and a
// ledger kept outside the per-user data folder (on D:\, on a shared disk) would otherwise
// take that folder's list, often readable by every user of the PC. The -wal and -shm files
// SQLite makes later take their folder's list, so the folders the program creates get one
// too.
func private(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	token := windows.GetCurrentProcessToken()
	user, err := token.GetTokenUser()
	if err != nil {
		return fmt.Errorf("who is signed in: %w", err)
	}
	inherit := uint32(windows.NO_INHERITANCE)
	if st.IsDir() {
		inherit = windows.SUB_CONTAINERS_AND_OBJECTS_INHERIT
	}
	acl, err := windows.ACLFromEntries([]windows.EXPLICIT_ACCESS{{
		AccessPermissions: windows.GENERIC_ALL,
		AccessMode:        windows.SET_ACCESS,
		Inheritance:       inherit,
		Trustee: windows.TRUSTEE{TrusteeForm: windows.TRUSTEE_IS_SID, TrusteeType: windows.TRUSTEE_IS_USER,
			TrusteeValue: windows.TrusteeValueFromSID(user.User.Sid)},
	}}, nil)
	if err != nil {
		return fmt.Errorf("access list for %s: %w", path, err)
	}
	// PROTECTED: the folder's entries are not inherited on top of this one.
	return windows.SetNamedSecurityInfo(path, windows.SE_FILE_OBJECT,
		windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION, nil, nil, acl, nil)
}
