#!/usr/bin/env python3
"""Writes a JSON array of N VUM Vacature documents (default 14,000, about 16 MB) to stdout, to
measure a large VUM import:

    scripts/vum-sample.py > /tmp/vum.json
    /usr/bin/time -v koppel import --db /tmp/k.db vum-vacatures /tmp/vum.json --publish --sector techniek
"""
import json
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 14000
random.seed(1)
docs = []
for i in range(n):
    docs.append({
        "idVacature": f"G-{i}",
        "naamVacature": random.choice(["Lasser", "Bakker", "Monteur", "Chauffeur"]) + f" {i}",
        "omschrijvingVacature": "  " + "Wij zoeken een collega voor ons team in de regio. " * 8,
        "adres": {"postcode": random.choice(["2011", "1971", "1012"]) + "AB",
                  "straatnaam": "Kerkstraat", "huisnummer": i % 200 + 1},
        "werktijden": {"aantalWerkurenPerWeekMinimaal": 24, "aantalWerkurenPerWeekMaximaal": 38,
                       "indicatieKantoortijden": 1},
        "contractvorm": [{"codeTypeArbeidscontract": "B", "codeTypeOvereenkomst": "01"}],
        "cursus": [{"naamCursus": "VCA", "indicatieCertificaat": 1}],
        "rijbewijs": [{"codeSoortRijbewijs": "B"}],
        "taalbeheersing": [{"codeTaal": "nld", "codeNiveauTaalbeheersingMondeling": 3,
                            "codeNiveauTaalbeheersingSchriftelijk": 2}],
        "sluitingsdatumVacature": "2027-06-30",
        "werkgever": {"handelsnaamOrganisatie": f"Bedrijf {i % 300}",
                      "contactpersoon": [{"naamContactpersoonAfdeling": "HR",
                                          "emailadres": ["hr@example.nl"]}]},
    })
json.dump(docs, sys.stdout)
