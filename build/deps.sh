#!/usr/bin/env bash
# build/deps.sh — install the Debian packages TownLedger needs (idempotent).
#
# Usage: build/deps.sh [group...]      (no group = all groups)
#   gui       cgo toolchain + GL/X11 headers for Fyne
#   headless  Xvfb, xdotool, ImageMagick for headless runs and screenshots
#   windows   MinGW-w64 cross compiler for build/windows.sh, NSIS for build/package.sh
#   wine      64-bit Wine for build/wine/*.sh (installer and smoke tests), and the
#             zh_CN.UTF-8 locale, so Wine runs as a Chinese PC (code page 936)
#   mail      dovecot IMAP server (tests run their own unprivileged instance)
#   office    LibreOffice Calc (headless) + openpyxl for spreadsheet checks, and
#             poppler-utils (pdftotext, pdffonts, pdftoppm) for the case documents' PDFs
#
# Only packages that are not installed yet are installed; when everything is
# present the script prints nothing and exits 0 quickly (a single dpkg-query).
set -euo pipefail

declare -A GROUPS_PKGS=(
  [gui]="gcc libgl1-mesa-dev xorg-dev libxkbcommon-dev pkg-config"
  [headless]="xvfb libgl1-mesa-dri xauth imagemagick xdotool"
  [windows]="gcc-mingw-w64-x86-64 nsis"
  [wine]="wine wine64 locales"
  [mail]="dovecot-imapd"
  [office]="libreoffice-calc-nogui python3-openpyxl poppler-utils"
)
ALL_GROUPS=(gui headless windows wine mail office)

usage() {
  echo "usage: $0 [group...]   groups: ${ALL_GROUPS[*]} (default: all)" >&2
}

groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=("${ALL_GROUPS[@]}")

wanted=()
for g in "${groups[@]}"; do
  case "$g" in
    -h|--help) usage; exit 0 ;;
  esac
  if [ -z "${GROUPS_PKGS[$g]+x}" ]; then
    echo "deps.sh: unknown group '$g'" >&2
    usage
    exit 2
  fi
  # shellcheck disable=SC2206
  wanted+=(${GROUPS_PKGS[$g]})
done

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "deps.sh: dpkg-query not found — this script supports Debian/Ubuntu only; install manually: ${wanted[*]}" >&2
  exit 1
fi

# One dpkg-query call for all packages; unknown packages are reported on stderr
# and simply do not appear in the output.
declare -A installed=()
while read -r pkg status; do
  [ "$status" = "installed" ] && installed[$pkg]=1
done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${wanted[@]}" 2>/dev/null || true)

missing=()
for p in "${wanted[@]}"; do
  [ -n "${installed[$p]+x}" ] || missing+=("$p")
done
# de-duplicate while keeping order
if [ ${#missing[@]} -gt 0 ]; then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++')
fi

# Wine takes its Windows locale and code pages from the Linux one, which must exist.
ensure_locale() {
  for g in "${groups[@]}"; do
    [ "$g" = wine ] || continue
    locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$' && return 0
    command -v localedef >/dev/null 2>&1 || return 0 # the locales package comes below
    echo "deps.sh: generating the zh_CN.UTF-8 locale"
    "${SUDO[@]}" localedef -i zh_CN -f UTF-8 zh_CN.UTF-8 ||
      { echo "deps.sh: localedef zh_CN.UTF-8 failed" >&2; exit 1; }
  done
}

SUDO=()
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO=(sudo)
if [ ${#missing[@]} -eq 0 ]; then
  ensure_locale
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "deps.sh: missing packages: ${missing[*]}" >&2
    echo "deps.sh: not root and sudo is not available — run as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

echo "deps.sh: installing ${missing[*]}"

dovecot_was_installed=0
[ -e /usr/sbin/dovecot ] && dovecot_was_installed=1

# Wait up to 10 minutes for a concurrent apt/dpkg run instead of failing on the lock.
APT_OPTS=(-o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)

if ! "${SUDO[@]}" apt-get "${APT_OPTS[@]}" -qq update >/dev/null; then
  echo "deps.sh: apt-get update failed" >&2
  exit 1
fi
if ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get "${APT_OPTS[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/tmp/deps-apt.$$.log 2>&1; then
  echo "deps.sh: apt-get install failed for: ${missing[*]} — last lines of the log:" >&2
  tail -n 20 /tmp/deps-apt.$$.log >&2
  echo "deps.sh: full log: /tmp/deps-apt.$$.log" >&2
  exit 1
fi
rm -f /tmp/deps-apt.$$.log

# Installing dovecot-core may start a system-wide dovecot (port 143 etc.).
# Tests run their own unprivileged dovecot, so stop and disable the system one —
# but only if this run is what installed it.
if [ "$dovecot_was_installed" = 0 ] && [ -e /usr/sbin/dovecot ]; then
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    "${SUDO[@]}" systemctl stop dovecot >/dev/null 2>&1 || true
    "${SUDO[@]}" systemctl disable dovecot >/dev/null 2>&1 || true
  fi
  if command -v service >/dev/null 2>&1; then
    "${SUDO[@]}" service dovecot stop >/dev/null 2>&1 || true
  fi
  if command -v update-rc.d >/dev/null 2>&1; then
    "${SUDO[@]}" update-rc.d dovecot disable >/dev/null 2>&1 || true
  fi
fi

# Verify.
still=()
for p in "${missing[@]}"; do
  s=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$s" = "installed" ] || still+=("$p")
done
if [ ${#still[@]} -gt 0 ]; then
  echo "deps.sh: still not installed after apt-get: ${still[*]}" >&2
  exit 1
fi
ensure_locale
echo "deps.sh: done"
