#!/bin/sh
# Regenerates the user guide's screenshots with the workstation's --screenshot option, from a fresh
# results store so run ids start at 1. Run from the repository root after `make` (build/app/tradelab).
set -eu
tradelab=${TRADELAB:-build/app/tradelab}
out=docs/images
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$scratch/config"

shot() {  # shot NAME STORE ARGS...: a picture into $out/NAME.png, jobs stored in the store STORE
    name=$1 store=$2
    shift 2
    # Qt's notes about the offscreen platform are noise here; a failure prints them with its reason.
    XDG_DATA_HOME="$scratch/$store" "$tradelab" --screenshot "$out/$name.png" "$@" > /dev/null \
        2> "$scratch/messages" || { cat "$scratch/messages" >&2; exit 1; }
    # 256 colours keep the pictures small; the charts' flat colours lose nothing visible.
    if command -v convert > /dev/null; then convert "$out/$name.png" -colors 256 "PNG8:$out/$name.png"; fi
}

comb=configs/reference/comb.yaml
eq=configs/reference/eq.yaml
shot equity comb --open-config "$comb" --run --view equity
shot monthly comb --open-config "$comb" --run --view monthly
shot sensitivity comb --open-config "$comb" --run --view heatmap
shot compare eq --open-config "$eq" --run --view compare
shot main-window eq  # over the runs the comparison stored
shot config eq --open-config configs/reference/equity_strategy_production.yaml --view config
shot wizard eq --view wizard
shot validation validation --open-config "$eq" --run --view validation
shot stress stress --open-config "$eq" --run --view stress
shot walk-forward walkforward --open-config "$eq" --run --view walkforward
