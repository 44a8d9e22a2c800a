from datetime import date

from checks.context import CheckContext
from criteria.loader import load_programme
from models import DocumentKind, Location
from models.fields import FieldObservation
from tests.builders import document

PROG = load_programme("sd-chenxing-2022")


def obs(key, value, source="declaration", normalized=None, options=None, path=None):
    return FieldObservation(key=key, value=value, normalized=normalized, options=options,
                            source=source, location=Location(path=path or f"{source}.pdf", page=1))


def ctx(observations=(), docs=None, as_of=date(2022, 12, 20), **kw):
    if docs is None:
        docs = [document("申报书.docx", kind=DocumentKind.declaration)]
    return CheckContext(programme=PROG, as_of=as_of, documents=list(docs),
                        observations=list(observations), **kw)


def rule(kind, **match):
    for r in PROG.rules:
        if r.kind == kind and all(getattr(r, k) == v for k, v in match.items()):
            return r
    raise KeyError(kind)
