#!/usr/bin/env python3
"""Validates deal files against docs/deal-file.schema.json with python3's jsonschema.

Every file given with --valid must validate; tests/schema/broken_deal_file.json (--broken) must
FAIL, with an error at each place listed in EXPECTED_BROKEN (so a schema that accepts anything
fails this test). Exit status 0 when all holds, 1 otherwise (each finding printed)."""
import argparse
import json
import sys

import jsonschema

# (path in the broken file, the schema keyword that must reject it)
EXPECTED_BROKEN = [
    (("fundround_deal",), "const"),                                  # the format version
    (("rounds", 0, "pre_money"), "type"),                            # money as a JSON number
    (("rounds", 0, "close_date"), "pattern"),                        # not an ISO date
    (("rounds", 0, "investors", 0, "tranches", 0, "condition", "kind"), "enum"),
    (("safes", 0, "form"), "enum"),
    (("priced_rounds", 0, "converts"), "oneOf"),                     # not a pointer to a SAFE or note
    (("valuations", 0, "type"), "enum"),                             # not a 409A valuation
    (("scenarios", 0, "milestones", 0), "required"),                 # achieved needs a date
    (("counter_commitments", 0), "oneOf"),                           # flows or installments
    ((), "additionalProperties"),                                    # "extra"
]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--broken", required=True)
    parser.add_argument("--valid", nargs="+", required=True)
    args = parser.parse_args()

    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = []
    for path in args.valid:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        for e in errors:
            failures.append(f"{path}: /{'/'.join(map(str, e.absolute_path))}: {e.message}")
        print(f"{path}: {'valid' if not errors else str(len(errors)) + ' errors'}")

    with open(args.broken, encoding="utf-8") as f:
        broken = json.load(f)
    found = {(tuple(e.absolute_path), e.validator) for e in validator.iter_errors(broken)}
    # Errors inside oneOf/anyOf/if branches are reported at the branching keyword; count those too.
    for e in validator.iter_errors(broken):
        for sub in e.context or []:
            found.add((tuple(sub.absolute_path), sub.validator))
    if not found:
        failures.append(f"{args.broken}: validates, but it is broken")
    for where, keyword in EXPECTED_BROKEN:
        if (where, keyword) not in found:
            failures.append(f"{args.broken}: no '{keyword}' error at /{'/'.join(map(str, where))}")
    print(f"{args.broken}: {len(found)} errors, as expected" if not failures else "")

    for line in failures:
        print("FAIL " + line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
