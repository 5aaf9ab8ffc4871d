#!/usr/bin/env bash
# Recompute a suiji-draw-v1 selection with nothing but bash, sha256sum and sort.
#
#   verify-draw.sh SEED DRAW_ID  NAME QUOTA KEYS_FILE  [NAME QUOTA KEYS_FILE ...]
#
# QUOTA is count=C or ratioBp=R. KEYS_FILE holds the candidate keys of one stratum, one per
# line, UTF-8 with LF line ends. For each stratum it prints n, quota, listHash, the selected
# keys with their tickets (ticket order) and cutoffTicket; then the draw order of all strata.
# LC_ALL=C makes sort compare bytes: for UTF-8 that is Unicode code point order.
set -euo pipefail
export LC_ALL=C
seed=$(printf '%s' "$1" | tr -d ' \t\r\n')      # white space is removed from the seed
draw_id=$2
shift 2
[[ $seed =~ ^[0-9]{20,}$ ]] || { echo "the seed needs 20 or more digits" >&2; exit 1; }
chosen=$(mktemp)
trap 'rm -f "$chosen" "$chosen.all" "$chosen.s"' EXIT

while (( $# >= 3 )); do
  name=$1 rule=$2 file=$3
  shift 3
  n=$(grep -c '' "$file" || true)               # lines, counting a last line without LF
  case $rule in
    count=*)   q=${rule#count=} ;;
    ratioBp=*) q=$(( (n * ${rule#ratioBp=} + 9999) / 10000 )) ;;   # rounds up, in integers
    *) echo "quota must be count=C or ratioBp=R" >&2; exit 1 ;;
  esac
  (( q > n )) && q=$n
  echo "stratum $name"
  echo "n $n"
  echo "quota $q"
  echo "listHash $(sort "$file" | sha256sum | cut -c1-64)"   # sorted keys, each + LF
  while IFS= read -r key || [[ -n $key ]]; do
    ticket=$(printf 'suiji-draw-v1\n%s\n%s\n%s' "$seed" "$draw_id" "$key" | sha256sum | cut -c1-64)
    printf '%s %s\n' "$ticket" "$key"
  done < "$file" | sort > "$chosen.all"                 # ticket order, ties by key
  head -n "$q" "$chosen.all" > "$chosen.s"
  sed 's/^/selected /' "$chosen.s"
  echo "cutoffTicket $(tail -n 1 "$chosen.s" | cut -c1-64)"
  cat "$chosen.s" >> "$chosen"
done
sort "$chosen" | cut -d' ' -f2- | sed 's/^/order /'      # the draw order across strata
