"""MeSH subheadings (qualifiers) as Ovid writes them: two-letter codes and the names PubMed uses.

The Ovid export reader expands ``Pain/px`` to ``psychology``; the query readers and dialects
(``screener.query.fields`` re-exports both tables) read and write the codes in strategies.
"""

from __future__ import annotations

#: Ovid two-letter MeSH subheading code → PubMed subheading name
SUBHEADINGS: dict[str, str] = {
    "ab": "abnormalities", "ad": "administration & dosage", "ae": "adverse effects",
    "ag": "agonists", "aa": "analogs & derivatives", "an": "analysis",
    "ah": "anatomy & histology", "ai": "antagonists & inhibitors", "bi": "biosynthesis",
    "bl": "blood", "bs": "blood supply", "cf": "cerebrospinal fluid", "cs": "chemical synthesis",
    "ci": "chemically induced", "ch": "chemistry", "cl": "classification", "co": "complications",
    "cn": "congenital", "ct": "contraindications", "cy": "cytology", "df": "deficiency",
    "di": "diagnosis", "dg": "diagnostic imaging", "du": "diagnostic use", "dh": "diet therapy",
    "de": "drug effects", "dt": "drug therapy", "ec": "economics", "ed": "education",
    "em": "embryology", "en": "enzymology", "ep": "epidemiology", "es": "ethics",
    "eh": "ethnology", "et": "etiology", "ge": "genetics", "gd": "growth & development",
    "hi": "history", "im": "immunology", "in": "injuries", "ir": "innervation",
    "is": "instrumentation", "ip": "isolation & purification", "lj": "legislation & jurisprudence",
    "ma": "manpower", "me": "metabolism", "mt": "methods", "mi": "microbiology",
    "mo": "mortality", "nu": "nursing", "og": "organization & administration",
    "ps": "parasitology", "py": "pathogenicity", "pa": "pathology", "pk": "pharmacokinetics",
    "pd": "pharmacology", "ph": "physiology", "pp": "physiopathology", "po": "poisoning",
    "pc": "prevention & control", "px": "psychology", "ra": "radiography",
    "re": "radiation effects", "ri": "radionuclide imaging", "rt": "radiotherapy",
    "rh": "rehabilitation", "sc": "secondary", "se": "secretion", "st": "standards",
    "sn": "statistics & numerical data", "sd": "supply & distribution", "su": "surgery",
    "tu": "therapeutic use", "th": "therapy", "to": "toxicity", "tm": "transmission",
    "tr": "transplantation", "td": "trends", "ul": "ultrastructure", "ur": "urine",
    "us": "ultrasonography", "ut": "utilization", "ve": "veterinary", "vi": "virology",
}
SUBHEADING_CODES = {name: code for code, name in SUBHEADINGS.items()}
