#!/usr/bin/env bash
# The layering of docs/architecture.md, checked on the sources: every #include of a secdesc
# header, public ("secdesc/x.hpp") or internal ("<component>/internal/x.hpp"), from a file of
# lib/<component>/ must name a header of that component or of one it may depend on. The build
# enforces most of this through target include directories; this check also covers the
# internal headers, which every component can reach, and says which edge is wrong.
# Usage: check_layers.sh SOURCE_DIR
set -euo pipefail
root=${1:?usage: check_layers.sh SOURCE_DIR}
cd "$root/lib"

# What each component may include (itself and its dependencies, transitively).
declare -A allowed=(
  [core]="core"
  [access]="access core"
  [policy]="policy access core"
  [lint]="lint policy access core"
  [testing]="testing access core"
  [win]="win core"
  [umbrella]="umbrella lint policy access core"
)

# The component of each public header, from where it lives.
declare -A owner=()
for component in "${!allowed[@]}"; do
  [ -d "$component/include/secdesc" ] || continue
  while IFS= read -r header; do
    owner["${header#"$component"/include/}"]=$component
  done < <(find "$component/include/secdesc" -name '*.hpp')
done
# Generated into the build tree from lib/core/version/version.hpp.in (project(VERSION)).
owner["secdesc/version.hpp"]=core

violations=0
checked=0
for component in "${!allowed[@]}"; do
  [ -d "$component" ] || continue
  while IFS= read -r file; do
    while IFS=: read -r line include; do
      checked=$((checked + 1))
      if [[ $include =~ ^([a-z]+)/internal/ ]]; then
        target=${BASH_REMATCH[1]}
      else
        target=${owner[$include]:-}
        if [ -z "$target" ]; then
          echo "lib/$file:$line: includes \"$include\", which no component provides"
          violations=$((violations + 1))
          continue
        fi
      fi
      if [[ " ${allowed[$component]} " != *" $target "* ]]; then
        echo "lib/$file:$line: $component includes \"$include\" of $target; $component may use: ${allowed[$component]}"
        violations=$((violations + 1))
      fi
    done < <(grep -n -E '^[[:space:]]*#[[:space:]]*include[[:space:]]*"(secdesc/|[a-z]+/internal/)' "$file" |
             sed -E 's/^([0-9]+):[^"]*"([^"]*)".*/\1:\2/' || true)
  done < <(find "$component" -name '*.hpp' -o -name '*.cpp')
done

if [ "$checked" -eq 0 ]; then
  echo "check_layers: no #include found under $root/lib: wrong directory?"
  exit 1
fi
if [ "$violations" -ne 0 ]; then
  echo "check_layers: $violations include(s) against the layering (docs/architecture.md)"
  exit 1
fi
echo "check_layers: $checked includes of secdesc headers, all along the layering"
