#!/usr/bin/env bash
# Checks every dependency with cargo-deny: RustSec advisories (vulnerable, unmaintained or
# yanked crates), banned crates, licences and sources (deny.toml). The advisory database is
# the snapshot in deny/ unless github.com can be reached for a newer one.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# cargo-deny keeps a database in <db-path>/<name>-<hash of its URL>; this is the folder for
# the default URL, and deny.toml's db-path is target/advisory-dbs.
db=target/advisory-dbs/advisory-db-3157b0e258782691
if [ ! -d "$db/.git" ]; then
  mkdir -p target/advisory-dbs
  git -c init.defaultBranch=main clone --quiet deny/rustsec-advisory-db.bundle "$db"
fi
if timeout 10 git ls-remote --quiet https://github.com/rustsec/advisory-db HEAD >/dev/null 2>&1; then
  cargo deny fetch db || echo "could not fetch a newer advisory database; checking against the one in $db"
fi
printf 'advisory database of %s\n' "$(git -C "$db" log -1 --format=%cs)"

# --offline needs every crate of the lock file present.
cargo fetch --locked --quiet
cargo deny --offline check advisories bans licenses sources
