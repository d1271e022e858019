"""A platform's name given where the database goes (`--database Ovid`, the Imports page's Database box).

Taken as a database name, it counted the import's records in PRISMA under the platform, apart from the
same database's other imports (Embase searched on Ovid and on Embase.com: two rows, 'Ovid' and
'Embase'). Every surface refuses it before anything is read, saying what to give instead. Kept apart
from workspace.imports, which takes a tenth of a second to load, so that the command line can check
its options before opening the workspace.
"""

from __future__ import annotations

# each platform with the databases searched on it that people would mean (just one: that one is named)
_DATABASES_ON = {"Ovid": "MEDLINE, Embase, PsycINFO, …", "EBSCOhost": "CINAHL, APA PsycInfo, …",
                 "ProQuest": "ProQuest Dissertations & Theses Global, ERIC, …", "Embase.com": "Embase"}
# the platforms by the names people write for them, case aside; a name saying more
# ('ProQuest Dissertations & Theses Global', 'Ovid MEDLINE') is a database
_SPELLINGS = {"ovid": "Ovid", "ovidsp": "Ovid", "ovid sp": "Ovid", "ebscohost": "EBSCOhost", "ebsco": "EBSCOhost",
              "proquest": "ProQuest", "embase.com": "Embase.com", "www.embase.com": "Embase.com"}


def platform_as_database(name: str, *, options: bool = False) -> str:
    """The one line refusing ``name`` given as the database when it is a platform's name, else ''.
    ``options``: in the command line's words (--database, --platform); else the fields are named by
    their quoted keys ('database', 'platform'), as the metadata checks name them, so that the Imports
    page words them as its boxes are labelled (web.owner_words: 'Database searched')."""
    platform = _SPELLINGS.get(" ".join(name.split()).casefold())
    if platform is None:
        return ""
    shown = " ".join(name.split())
    databases = _DATABASES_ON[platform]
    if options:
        if "," not in databases:
            return (f"--database {shown!r} is the platform searched, not a database: the database is {databases} "
                    f"(--database {databases}, --platform {platform})")
        return (f"--database {shown!r} is the platform searched, not a database: give the database searched on it "
                f"({databases}) as --database, and {platform} as --platform")
    if "," not in databases:
        return (f"database {shown!r} is the platform searched, not a database: the database is {databases}: "
                f"give {databases} as 'database' and {platform} as 'platform'")
    return (f"database {shown!r} is the platform searched, not a database: give the database searched on it "
            f"({databases}) as 'database', and {platform} as 'platform'")
