#!/usr/bin/env bash
# Installs the packages the tests need on Debian 12 or 13 and Ubuntu 24.04 (the distribution is read from
# /etc/os-release), or says exactly what to install when it cannot. Idempotent: does nothing when everything is present.
#
#   --dry-run         print the distribution, the packages and every command it would run; install nothing
#   --assume-missing  plan as if none of the packages were installed (with --dry-run: the whole plan on any machine)
#
# MLOPS_OS_RELEASE names another os-release file to read, for checking the plan of another distribution.
set -euo pipefail

dry_run=false
assume_missing=false
for arg in "$@"; do
  case "$arg" in
    --dry-run) dry_run=true ;;
    --assume-missing) assume_missing=true ;;
    *) echo "usage: $0 [--dry-run] [--assume-missing]" >&2; exit 2 ;;
  esac
done

os_release="${MLOPS_OS_RELEASE:-/etc/os-release}"
if [ ! -r "$os_release" ]; then
  echo "Cannot read $os_release to tell which distribution this is." >&2
  exit 1
fi

# One field of os-release, unquoted; the file is read, never run.
field() {
  sed -n "s/^$1=//p" "$os_release" | head -n 1 | sed -e 's/^"\(.*\)"$/\1/' -e "s/^'\(.*\)'$/\1/"
}

distro="$(field ID)"
version="$(field VERSION_ID)"
like=" $(field ID_LIKE) "
case "$distro" in
  debian | ubuntu) family="$distro" ;;
  *)
    case "$like" in
      *" ubuntu "*) family=ubuntu ;;
      *" debian "*) family=debian ;;
      *) family="" ;;
    esac
    ;;
esac

packages=(libgomp1 golang-go golang-google-cloud-dev postgresql chromium chromium-driver)
case "$family:$version" in
  debian:12 | debian:13 | ubuntu:24.04) ;;
  debian:* | ubuntu:*) echo "warning: not checked on $distro $version; trying the $family package names" >&2 ;;
  *)
    echo "Unsupported distribution '$distro${version:+ $version}' (Debian 12 and 13 and Ubuntu 24.04 are). Install by hand:" >&2
    echo "  libgomp (for LightGbm), Go with cloud.google.com/go/pubsub/pstest, PostgreSQL, Chromium and its chromedriver" >&2
    echo "  (at /usr/bin/chromium and /usr/bin/chromedriver)" >&2
    exit 1
    ;;
esac

# Ubuntu's chromium and chromium-driver are stand-ins that install the snap, which cannot run in a container
# (no snapd, as in Cloud Build's mcr.microsoft.com/dotnet/sdk:10.0, Ubuntu 24.04). The xtradeb PPA builds
# Debian's packages for Ubuntu: the same names and the same /usr/bin/chromium and /usr/bin/chromedriver.
chromium_ppa=""
chromium_pin=/etc/apt/preferences.d/mlops-chromium
if [ "$family" = ubuntu ]; then
  chromium_ppa=xtradeb/apps
fi

# A snap stand-in is a script that runs /snap/...: it is there, but it is not a browser.
is_snap_stand_in() {
  [ "$(head -c 2 "$1" 2>/dev/null)" = "#!" ] && grep -qs '/snap/' "$1"
}

present() {
  case "$1" in
    libgomp1) ldconfig -p | grep -q 'libgomp.so.1' ;;
    golang-go) command -v go >/dev/null 2>&1 ;;
    golang-google-cloud-dev) [ -d /usr/share/gocode/src/cloud.google.com/go/pubsub/pstest ] ;;
    postgresql) ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 ;;
    chromium) [ -x /usr/bin/chromium ] && ! is_snap_stand_in /usr/bin/chromium ;;
    chromium-driver) [ -x /usr/bin/chromedriver ] && ! is_snap_stand_in /usr/bin/chromedriver ;;
  esac
}

missing=()
for package in "${packages[@]}"; do
  if $assume_missing || ! present "$package"; then
    missing+=("$package")
  fi
done

needs_ppa=false
if [ -n "$chromium_ppa" ]; then
  for package in "${missing[@]}"; do
    case "$package" in chromium*) needs_ppa=true ;; esac
  done
fi

if $dry_run; then
  echo "distribution: $distro $version ($family package names)"
  echo "packages: ${packages[*]}"
  if [ -n "$chromium_ppa" ]; then echo "chromium from: ppa:$chromium_ppa"; else echo "chromium from: the $family archive"; fi
  echo "missing: ${missing[*]:-none}"
fi

if [ ${#missing[@]} -eq 0 ]; then
  if $dry_run; then echo "nothing to install"; fi
  exit 0
fi

if $dry_run || [ "$(id -u)" -eq 0 ]; then
  apt_get=(apt-get)
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  apt_get=(sudo apt-get)
  sudo=(sudo)
else
  echo "Cannot install packages without root. Please run:" >&2
  if $needs_ppa; then
    echo "  sudo apt-get install -y software-properties-common && sudo add-apt-repository -y ppa:$chromium_ppa" >&2
  fi
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

run() {
  if $dry_run; then
    echo "would run: $*"
  else
    "$@" >/dev/null
  fi
}

pin() {
  if $dry_run; then
    echo "would write: $chromium_pin (only chromium* from ppa:$chromium_ppa)"
    return
  fi

  "${sudo[@]}" tee "$chromium_pin" >/dev/null <<EOF
# Written by scripts/install-prerequisites.sh: only Chromium comes from ppa:$chromium_ppa.
Package: *
Pin: release o=LP-PPA-${chromium_ppa/\//-}
Pin-Priority: 100

Package: chromium*
Pin: release o=LP-PPA-${chromium_ppa/\//-}
Pin-Priority: 700
EOF
}

$dry_run || echo "Installing test prerequisites: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
run "${apt_get[@]}" update -qq
if $needs_ppa; then
  if ! command -v add-apt-repository >/dev/null 2>&1 || $assume_missing; then
    run "${apt_get[@]}" install -y -qq --no-install-recommends software-properties-common
  fi
  pin
  run "${sudo[@]}" add-apt-repository -y "ppa:$chromium_ppa"
fi
run "${apt_get[@]}" install -y -qq --no-install-recommends "${missing[@]}"
