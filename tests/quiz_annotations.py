"""Hand-made annotations in the pipeline's JSON shape, for the quiz generator's unit tests.

A tiny rule tagger over word lists: enough to give the generator the tags, glosses, compounds
and expressions it reads, without the real pipeline or a dictionary.
"""

import re

FINITE = {
    "stellte",
    "ist",
    "sind",
    "hat",
    "haben",
    "wurde",
    "wurden",
    "kamen",
    "kam",
    "sagte",
    "eröffnete",
    "kostet",
    "kostete",
    "besuchten",
    "gewann",
    "spielte",
    "liegt",
    "lag",
    "fordert",
    "forderte",
    "plant",
    "plante",
    "soll",
    "sollen",
    "will",
    "wollen",
    "kann",
    "können",
    "stieg",
    "sank",
    "berichtete",
    "meldete",
    "erwartet",
    "erwarten",
    "beginnt",
    "begann",
    "zog",
    "zeigte",
    "traf",
    "lobte",
    "kritisierte",
    "wäscht",
    "blieb",
    "bleibt",
    "fiel",
    "schickte",
    "verlor",
    "führte",
    "bauen",
    "baut",
    "erhielt",
    "fand",
    "schloss",
}
AUXILIARIES = {"hat": "haben", "haben": "haben", "hatte": "haben", "ist": "sein", "sind": "sein"}
PARTICIPLES = {
    "beschlossen",
    "beschädigt",
    "gebaut",
    "eröffnet",
    "gewählt",
    "gestiegen",
    "geplant",
    "gelobt",
    "verlängert",
}
PROPN = {
    "Leipzig",
    "Dresden",
    "Berlin",
    "Hamburg",
    "Anna",
    "Berger",
    "Thomas",
    "Keller",
    "Sachsen",
    "Markus",
    "Vogel",
    "Elbe",
    "RB",
    "Lena",
    "Hoffmann",
    "Bremen",
}
DET = {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines"}
ADJA = {
    "neue",
    "neuen",
    "neuer",
    "große",
    "großen",
    "alte",
    "alten",
    "städtische",
    "städtischen",
    "hohe",
    "hohen",
    "kleine",
    "kleinen",
    "erste",
    "ersten",
    "öffentlichen",
}
GLOSS = {
    "Brücke": "bridge",
    "Stadtrat": "city council",
    "Bau": "construction",
    "Kosten": "costs",
    "Bürgermeisterin": "mayor",
    "Verkehr": "traffic",
    "Radweg": "cycle path",
    "Radwege": "cycle paths",
    "Schule": "school",
    "Schulen": "schools",
    "Mieten": "rents",
    "Wohnungen": "flats",
    "Stadion": "stadium",
    "Zuschauer": "spectators",
    "Spiel": "match",
    "Tor": "goal",
    "Trainer": "coach",
    "Hochwasser": "flood",
    "Ufer": "bank",
    "Bürger": "citizens",
    "Haushalt": "budget",
    "Einwohner": "inhabitants",
    "Gutachten": "expert report",
    "Straßenbahn": "tram",
    "Linie": "line",
    "Fahrgäste": "passengers",
    "Umfrage": "survey",
    "Mehrheit": "majority",
    "Gebühren": "fees",
    "Kritiker": "critics",
    "Vorschlag": "proposal",
    "Baustelle": "building site",
    "Sanierung": "renovation",
    "Wahl": "election",
    "Lehrer": "teachers",
    "Stimmen": "votes",
    "Plan": "plan",
    "Fluss": "river",
    "Innenstadt": "city centre",
    "Jahr": "year",
    "Jahre": "years",
    "Prozent": "percent",
    "Millionen": "millions",
    "Euro": "euros",
    "Woche": "week",
    "Monate": "months",
    "stellte": "presented",
    "kostet": "costs",
    "gewann": "won",
    "kritisierte": "criticised",
    "lobte": "praised",
    "plant": "plans",
    "forderte": "demanded",
    "stieg": "rose",
    "sank": "fell",
    "eröffnete": "opened",
    "besuchten": "visited",
    "verlor": "lost",
    "neue": "new",
    "neuen": "new",
    "alte": "old",
    "alten": "old",
    "hohen": "high",
}
SENSES = {"Bau": ["construction", "building"], "Linie": ["line", "route"]}
COMPOUNDS = {
    "Stadtrat": [("Stadt", "Stadt", "town"), ("rat", "Rat", "council")],
    "Bürgermeisterin": [("Bürger", "Bürger", "citizen"), ("meisterin", "Meisterin", "master")],
    "Radweg": [("Rad", "Rad", "bicycle"), ("weg", "Weg", "path")],
    "Radwege": [("Rad", "Rad", "bicycle"), ("wege", "Weg", "path")],
    "Straßenbahn": [("Straßen", "Straße", "street"), ("bahn", "Bahn", "railway")],
    "Innenstadt": [("Innen", "innen", "inside"), ("stadt", "Stadt", "town")],
    "Hochwasser": [("Hoch", "hoch", "high"), ("wasser", "Wasser", "water")],
    "Baustelle": [("Bau", "Bau", "construction"), ("stelle", "Stelle", "place")],
}
IDIOMS = {
    ("Hand", "wäscht"): (
        "eine Hand wäscht die andere",
        "you scratch my back and I'll scratch yours",
    ),
    ("Katze", "Sack"): ("die Katze im Sack kaufen", "to buy a pig in a poke"),
}
_TOKEN = re.compile(r"\d[\d.,]*\d|\d+|[^\W\d_]+(?:-[^\W\d_]+)*|„|“|[^\s\w]", re.UNICODE)


def _tag(word: str, first: bool) -> dict:
    low = word.lower()
    tok = {
        "text": word,
        "lemma": word,
        "upos": "X",
        "xpos": "XY",
        "feats": "",
        "gloss": None,
        "compound": None,
        "senses": [],
    }
    if re.fullmatch(r"\d[\d.,]*", word):
        tok.update(upos="NUM", xpos="CARD")
    elif not any(c.isalnum() for c in word):
        tok.update(upos="PUNCT", xpos="$." if word in ".!?" else "$(")
    elif word in PROPN:
        tok.update(upos="PROPN", xpos="NE")
    elif low in FINITE:
        tok.update(upos="VERB", xpos="VVFIN", lemma=AUXILIARIES.get(low, low))
        if low in AUXILIARIES:
            tok.update(upos="AUX", xpos="VAFIN")
    elif low in PARTICIPLES:
        tok.update(upos="VERB", xpos="VVPP")
    elif low in DET:
        tok.update(upos="DET", xpos="ART", lemma="der" if low.startswith("d") else "ein")
    elif low in ADJA:
        tok.update(upos="ADJ", xpos="ADJA", lemma=low.rstrip("nr").rstrip("e") + "e")
    elif word[0].isupper() and not first:
        tok.update(upos="NOUN", xpos="NN")
        if word.endswith(("ung", "heit", "keit", "e")):
            tok["gender"] = "f"  # enough of German gender for the synonyms' form check
    elif word[0].isupper() and first and word in GLOSS and not GLOSS[word].startswith("to "):
        tok.update(upos="NOUN", xpos="NN")  # Kritiker forderte …: a noun in first place
    elif word[0].isupper() and first:
        tok.update(upos="ADV", xpos="ADV")
    else:
        tok.update(upos="ADV", xpos="ADV")
    if word in GLOSS:
        tok["gloss"] = GLOSS[word]
        tok["senses"] = SENSES.get(word, [GLOSS[word]])
    if word in COMPOUNDS:
        tok["compound"] = [{"part": p, "lemma": lem, "gloss": g} for p, lem, g in COMPOUNDS[word]]
    return tok


def annotate(text: str) -> dict:
    """Annotation JSON for a text: one paragraph per line; a line without final punctuation is
    a heading."""
    sentences = []
    for p, line in enumerate(x for x in text.split("\n") if x.strip()):
        heading = not line.rstrip().endswith((".", "!", "?", "“"))
        parts = [line] if heading else re.findall(r".+?[.!?](?:“)?(?=\s+[A-ZÄÖÜ„\d]|\s*$)", line)
        for part in parts:
            words = list(_TOKEN.finditer(part))
            tokens = []
            for k, m in enumerate(words):
                end = words[k + 1].start() if k + 1 < len(words) else len(part)
                tok = _tag(m.group(), k == 0)
                tok["ws"] = part[m.end() : end] if k + 1 < len(words) else " "
                tokens.append(tok)
            tokens[-1]["ws"] = ""
            expressions = []
            texts = [t["text"] for t in tokens]
            for (a, b), (lemma, gloss) in IDIOMS.items():
                if a in texts and b in texts:
                    idx = sorted(range(texts.index(a) - 1, texts.index(b) + 1))
                    expressions.append(
                        {"type": "idiom", "tokens": idx, "lemma": lemma, "gloss": gloss}
                    )
            sentences.append(
                {
                    "paragraph": p,
                    "kind": "heading" if heading else "text",
                    "tokens": tokens,
                    "expressions": expressions,
                }
            )
    return {"version": 1, "sentences": sentences}


# ruff: noqa: E501
ARTICLE = """\
Leipzig baut eine neue Brücke über die Elbe
Der Stadtrat von Leipzig hat am Dienstag den Bau einer neuen Brücke über die Elbe beschlossen.
Die Brücke kostet nach einem Gutachten rund 48 Millionen Euro und soll im Jahr 2027 fertig sein.
Bürgermeisterin Anna Berger lobte den Plan als wichtigen Schritt für den Verkehr in der Innenstadt.
Nach ihren Worten nutzen täglich etwa 35.000 Fahrgäste die Straßenbahn auf der alten Linie.
Kritiker forderte dagegen mehr Geld für Schulen und bezahlbare Wohnungen in Leipzig.
„Wir bauen hier eine Brücke für die nächsten hundert Jahre“, sagte Berger am Abend.
Der Haushalt der Stadt ist knapp
Im vergangenen Jahr stieg die Zahl der Einwohner in Leipzig um 1,8 Prozent auf rund 620.000 Menschen.
Zugleich sank der Anteil neuer Wohnungen nach Angaben der Stadt auf 12 Prozent.
Die Opposition im Stadtrat kritisierte, dass die Stadt die Katze im Sack kaufe.
Thomas Keller von der Bürgerliste sagte, dass der Vorschlag ohne Umfrage unter den Bürger geplant wurde.
Nach einer Umfrage der Zeitung unterstützt aber eine Mehrheit von 62 Prozent den Bau.
In Dresden plant die Stadt eine ähnliche Brücke, die dort rund 30 Millionen Euro kostet.
Zwischen Leipzig und Dresden gilt also, dass eine Hand die andere wäscht.
Die Baustelle soll im März beginnen und etwa drei Jahre dauern.
Während der Sanierung fährt die Straßenbahn nach Angaben der Verkehrsbetriebe auf einer Umleitung.
Ein neuer Radweg soll zudem die Innenstadt mit dem Ufer der Elbe verbinden.
Markus Vogel vom Fahrradclub lobte den Radweg als lange überfälligen Schritt für den Verkehr.
Das Hochwasser im Jahr 2013 hatte die alte Brücke schwer beschädigt.
Damals stieg die Elbe in Dresden auf einen Pegel von 8,76 Metern.
Die Bürger von Leipzig erhielt im Mai einen Brief mit allen Kosten des Projekts.
Im Juni stellte die Stadt den Plan auf einer Versammlung mit rund 400 Zuschauer vor.
Dort verlor die Verwaltung nach Ansicht vieler Bürger viel Vertrauen.
Der Stadtrat will im Herbst über die Gebühren für das neue Parkhaus entscheiden.
Lena Hoffmann aus Hamburg gewann den Wettbewerb für die Gestaltung der Brücke.
Ihr Entwurf zeigte eine schlanke Brücke aus Stahl und Glas mit zwei Spuren für Radfahrer.
Die Jury lobte den Entwurf am Freitag als mutig und zugleich sparsam.
Nach Angaben der Stadt kamen 14 Entwürfe aus ganz Europa in die engere Wahl.
Die Stadt sprach am Ende von einer Lösung für alle.
"""


def make_annotated_article(title="Leipzig baut eine Brücke"):
    """ARTICLE stored with its annotation, ready, and no quiz yet (as after a reannotation)."""
    from reader.models import Article

    return Article.objects.create(
        visibility=Article.Visibility.SHARED,
        title=title,
        text=ARTICLE,
        status=Article.Status.READY,
        annotation=annotate(ARTICLE),
        annotation_version=1,
        word_count=len(ARTICLE.split()),
    )
