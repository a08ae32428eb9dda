package auth

import (
	"errors"
	"fmt"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"townledger/app/problem"
)

// MinPasswordLen is the shortest password accepted, in characters.
const MinPasswordLen = 8

// CheckPasswordRules refuses passwords too short or without both letters and digits.
func CheckPasswordRules(pw string) error {
	if utf8.RuneCountInString(pw) < MinPasswordLen {
		return problem.OnField("password", "auth.password.short", map[string]any{"Min": MinPasswordLen})
	}
	var letter, digit bool
	for _, r := range pw {
		letter = letter || unicode.IsLetter(r)
		digit = digit || unicode.IsDigit(r)
	}
	if !letter || !digit {
		return problem.OnField("password", "auth.password.mix", nil)
	}
	return nil
}

// HashPassword hashes with bcrypt, whose encoded form carries its own salt and cost.
func HashPassword(pw string) (string, error) {
	if len(pw) > 72 { // bcrypt's input limit, in bytes
		return "", problem.OnField("password", "auth.password.long", map[string]any{"Max": 72})
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return string(h), nil
}

// unknownUserHash is a hash no password is known for: sign-in compares with it when the name
// does not exist, so a wrong name takes as long as a wrong password.
var unknownUserHash = sync.OnceValue(func() string {
	h, err := bcrypt.GenerateFromPassword([]byte("no such user"), bcrypt.DefaultCost)
	if err != nil {
		return ""
	}
	return string(h)
})

// passwordMatches compares in constant time; a damaged hash never matches.
func passwordMatches(hash, pw string) bool {
	err := bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw))
	return err == nil && !errors.Is(err, bcrypt.ErrMismatchedHashAndPassword)
}
