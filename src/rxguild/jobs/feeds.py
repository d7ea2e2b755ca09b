"""Feeds of live postings: JSON-LD (an ItemList of JobPosting) and the XML that job
aggregators read (Indeed-style `<source><job>…</job></source>`, the de-facto common format:
title, date, referencenumber, url, company, city, state, country, postalcode, description,
salary, jobtype)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

from django.utils import timezone

from rxguild.jobs.jsonld import posting_to_jsonld
from rxguild.jobs.models import JobPosting
from rxguild.jobs.selectors import credential_labels
from rxguild.jobs.wording import credential_codes_as_names

FEED_LIMIT = 5000  # aggregators page through big boards; newest first is what they want


def feed_jsonld(postings: Iterable[JobPosting], url_for: Callable[[JobPosting], str]) -> dict:
    labels = credential_labels()
    items = [
        {
            "@type": "ListItem",
            "position": n,
            "item": posting_to_jsonld(
                p, url=url_for(p), description=credential_codes_as_names(p.description, labels)
            ),
        }
        for n, p in enumerate(postings, start=1)
    ]
    return {"@context": "https://schema.org/", "@type": "ItemList", "itemListElement": items}


def _text(parent: Element, tag: str, value: Any) -> None:
    SubElement(parent, tag).text = "" if value is None else str(value)


def feed_xml(
    postings: Iterable[JobPosting],
    url_for: Callable[[JobPosting], str],
    *,
    publisher: str,
    publisher_url: str,
) -> bytes:
    # ElementTree escapes text, so a posting's "<", "&" or "]]>" cannot break the document.
    labels = credential_labels()
    source = Element("source")
    _text(source, "publisher", publisher)
    _text(source, "publisherurl", publisher_url)
    _text(source, "lastBuildDate", timezone.now().strftime("%a, %d %b %Y %H:%M:%S GMT"))
    for posting in postings:
        job = SubElement(source, "job")
        _text(job, "title", posting.title)
        posted = posting.date_posted or posting.created_at
        _text(job, "date", posted.strftime("%a, %d %b %Y %H:%M:%S GMT"))
        _text(job, "referencenumber", posting.external_id or posting.public_id)
        _text(job, "url", url_for(posting))
        _text(job, "company", posting.employer.name)
        _text(job, "city", posting.city)
        _text(job, "state", posting.state)
        _text(job, "country", "US")
        _text(job, "postalcode", posting.zip_code)
        _text(job, "description", credential_codes_as_names(posting.description, labels))
        if posting.pay_unit:
            unit = "per hour" if posting.pay_unit == "HOUR" else "per year"
            low = f"${posting.pay_min:,.2f}" if posting.pay_min is not None else ""
            high = f"${posting.pay_max:,.2f}" if posting.pay_max is not None else ""
            _text(job, "salary", f"{low}{' - ' if low and high else ''}{high} {unit}".strip())
        _text(job, "jobtype", posting.get_employment_type_display().lower())
        _text(job, "expirationdate", posting.valid_through.date().isoformat())
        if posting.location_type == JobPosting.LocationType.REMOTE:
            _text(job, "remotetype", "Fully remote")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + tostring(source, encoding="utf-8")
