#!/usr/bin/env python3
"""Builds crates/matching/tests/fixtures/esco_ict.json, the real-data fixture of the matching
quality test: the 91 ESCO ICT occupations with their skills (as URIs), each occupation's ISCO
group, and every broader relation above those skills (the hierarchy is a graph: several parents).

Usage: scripts/esco-ict-fixture.py <esco-en folder> <occupations_nl.csv>
Sources: ESCO v1.1.1 (European Commission; reuse with attribution)."""
import csv, json, sys

src, occupations_csv = sys.argv[1], sys.argv[2]
occupations = json.load(open(f"{src}/ict_occupations_with_skills.json"))
skills = json.load(open(f"{src}/ict_skills.json"))
uri_of = {}
for s in skills:
    uri_of.setdefault(s["label"].lower(), s["uri"])
isco = {}
with open(occupations_csv, newline="") as f:
    for row in csv.DictReader(f):
        isco[row["conceptUri"]] = row["iscoGroup"]
broader = {}
with open(f"{src}/broaderRelationsSkillPillar_en.csv", newline="") as f:
    for row in csv.DictReader(f):
        broader.setdefault(row["conceptUri"], []).append(row["broaderUri"])
out, used = [], set()
for o in occupations:
    uris = []
    for label in o["skill"]:
        u = uri_of.get(label.lower())
        if u and u not in uris:
            uris.append(u)
    if len(uris) >= 6 and o["uri"] in isco:
        out.append({"uri": o["uri"], "label": o["label"], "isco": isco[o["uri"]], "skills": uris})
        used.update(uris)
relations, todo, seen = [], list(used), set()
while todo:
    c = todo.pop()
    if c in seen:
        continue
    seen.add(c)
    for b in broader.get(c, []):
        relations.append([c, b])
        todo.append(b)
relations.sort()
json.dump({"occupations": out, "broader": relations}, sys.stdout, indent=None, separators=(",", ":"))
print(f"{len(out)} occupations, {len(used)} skills, {len(relations)} broader relations", file=sys.stderr)
