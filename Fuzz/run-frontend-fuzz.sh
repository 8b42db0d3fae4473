#!/usr/bin/env bash
# Fuzzes the Python front end with libFuzzer and AddressSanitizer for the given seconds (default 30).
# Inputs that crash are left in Fuzz/artifacts/; turn each into a regression test.
# It starts from the fuzz corpus and the front end's test corpus; new interesting inputs go to a scratch
# copy, so the kept corpora change only by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
mkdir -p Fuzz/artifacts "$build/corpus"

swiftc -parse-as-library -sanitize=address -module-name LoomCore -emit-module -emit-module-path "$build/LoomCore.swiftmodule" \
    -emit-library -static -o "$build/libLoomCore.a" Sources/LoomCore/*.swift
swiftc -O -parse-as-library -sanitize=fuzzer,address -module-name PythonFrontEnd -I "$build" \
    $(find Sources/PythonFrontEnd -name '*.swift' | sort) Fuzz/FrontEndFuzzTarget.swift \
    "$build/libLoomCore.a" -o "$build/frontend-fuzz"

"$build/frontend-fuzz" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix=Fuzz/artifacts/ "$build/corpus" Fuzz/corpus/frontend Tests/PythonFrontEndTests/Corpus
