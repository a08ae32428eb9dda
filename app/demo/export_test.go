package demo

// SetPause sets the hook a load calls at its named points ("records", "records loaded",
// "case N", "case N step M", "cases loaded"), for the tests that kill a load there.
func SetPause(f func(point string)) { pause = f }
