package cli

// PrivateFiles does nothing on Windows, where files take their folder's access list: the
// per-user data folder under %LOCALAPPDATA% is the user's own.
func PrivateFiles() {}
