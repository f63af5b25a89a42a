#!/usr/bin/env python3
"""Validates deal files against docs/deal-file.schema.json with python3's jsonschema.

Every file given with --valid must validate; tests/schema/broken_deal_file.json (--broken) must
FAIL, with an error at each place listed in EXPECTED_BROKEN (so a schema that accepts anything
fails this test). With --cases (tests/schema/value_cases.json), each value of a group, set into
the cases' base document at each of the group's pointers, must be accepted ("accept",
"reader_refuses") or refused ("refuse") by the schema there. With --reader (the fundround tool),
the reader must agree: `fundround convert FILE --to json` reports a problem quoting the value at
the pointer for each of "refuse" and "reader_refuses", and none for each of "accept" (so the
schema's patterns cannot drift from the reader's grammar); in a group with "within": true, a
problem at a member below the pointer counts too (an object without a member it needs, or with
one it may not have, is refused at that member). Exit status 0 when all holds, 1 otherwise (each
finding printed)."""
import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile

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


def set_at(doc, pointer, value):
    """@p doc with @p value at the JSON pointer @p pointer (which must exist but for its last step)."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
    node = doc
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        node[int(parts[-1])] = value
    else:
        node[parts[-1]] = value


def reader_refuses(reader, doc, pointer, value, scratch, within=False):
    """True if `reader convert` reports a problem at @p pointer quoting @p value (the JSON text of
    the string, or the JSON text of a value that is not one) or naming no value ("/p: must not be
    empty"); problems that print the value as read
    ("= -$5.00: must be positive") are the reader's own rules, not its grammar, and do not count."""
    with open(scratch, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    run = subprocess.run([reader, "convert", scratch, "--to", "json"], capture_output=True)
    err = run.stderr.decode("utf-8", "replace")
    if run.returncode not in (0, 1):
        raise RuntimeError(f"{reader} exited with {run.returncode} for {pointer} = {value!r}: {err}")
    # A value that is not a string (a share count written 4000000.0) is quoted as its JSON text.
    quoted = None if isinstance(value, str) else f": {pointer} = {json.dumps(value)}: "
    return any(f": {pointer} = \"" in line or f": {pointer}: " in line or (quoted is not None and quoted in line)
               or (within and f": {pointer}/" in line)
               for line in err.splitlines())


def check_cases(validator, path, reader, failures):
    """The --cases check (and the --reader one): see the module's docstring."""
    with open(path, encoding="utf-8") as f:
        cases = json.load(f)
    checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        scratch = os.path.join(tmp, "case.json")
        for group in cases["groups"]:
            for kind in ("accept", "refuse", "reader_refuses"):
                for value in group.get(kind, []):
                    for pointer in group["at"]:
                        doc = copy.deepcopy(cases["base"])
                        set_at(doc, pointer, value)
                        schema_ok = not any(validator.iter_errors(doc))
                        checked += 1
                        if schema_ok != (kind != "refuse"):
                            failures.append(f"{path}: {group['what']}: the schema "
                                            f"{'accepts' if schema_ok else 'refuses'} {json.dumps(value)} at {pointer}")
                        if reader and reader_refuses(reader, doc, pointer, value, scratch, group.get("within", False)) != (kind != "accept"):
                            failures.append(f"{path}: {group['what']}: the reader "
                                            f"{'accepts' if kind != 'accept' else 'refuses'} {json.dumps(value)} "
                                            f"at {pointer}, listed under {kind}")
    print(f"{path}: {checked} values checked{' (with the reader)' if reader else ''}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--broken", required=True)
    parser.add_argument("--valid", nargs="+", required=True)
    parser.add_argument("--cases", help="tests/schema/value_cases.json")
    parser.add_argument("--reader", help="the fundround tool, to check the cases against the reader too")
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

    if args.cases:
        check_cases(validator, args.cases, args.reader, failures)

    for line in failures:
        print("FAIL " + line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
