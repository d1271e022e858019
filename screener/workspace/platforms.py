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


def platform_given(name: str) -> dict[str, str] | None:
    """When ``name`` is a platform's: the platform by its own spelling, and the databases searched on
    it that people would mean ('MEDLINE, Embase, PsycINFO, …', or the one: 'Embase'); else None."""
    platform = _SPELLINGS.get(" ".join(name.split()).casefold())
    if platform is None:
        return None
    return {"platform": platform, "databases": _DATABASES_ON[platform]}


def platform_as_database(name: str) -> str:
    """The command line's one line refusing ``name`` given as --database when it is a platform's
    name, else ''. (The workspace's check of an import's details raises it with the platform and the
    databases as data, ``PLATFORM_GIVEN``, which each front end words with its own fields.)"""
    named = platform_given(name)
    if named is None:
        return ""
    shown, platform, databases = " ".join(name.split()), named["platform"], named["databases"]
    if "," not in databases:
        return (f"--database {shown!r} is the platform searched, not a database: the database is {databases} "
                f"(--database {databases}, --platform {platform})")
    return (f"--database {shown!r} is the platform searched, not a database: give the database searched on it "
            f"({databases}) as --database, and {platform} as --platform")
