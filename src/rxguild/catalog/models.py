"""Reference data, loaded from the versioned files in data/catalog/ by `load_catalog`.

Every fact row carries the source it came from and a confidence (high / medium / low /
unverified) so pages can tell members what to confirm with the board.
"""

from __future__ import annotations

from django.db import models


class Confidence(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"
    UNVERIFIED = "unverified", "Unverified"


class SourcedFact(models.Model):
    source = models.TextField(help_text="Where the fact comes from (URL or citation).")
    confidence = models.CharField(max_length=12, choices=Confidence.choices)
    data_version = models.CharField(max_length=40, blank=True)

    class Meta:
        abstract = True


class Credential(SourcedFact):
    class Kind(models.TextChoices):
        CERTIFICATION = "certification", "National certification"
        CERTIFICATE = "certificate", "Assessment-based certificate"
        STATE_REGISTRATION = "state_registration", "State registration or license"

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    abbreviation = models.CharField(max_length=30, blank=True)
    kind = models.CharField(max_length=24, choices=Kind.choices)
    issuer = models.CharField(max_length=200)
    state = models.CharField(max_length=2, blank=True, help_text="For state credentials.")
    description = models.TextField(blank=True)
    # State rule pages can have long URLs (e.g. the Georgia rules mirror).
    url = models.URLField(max_length=500, blank=True)
    requires = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="+")

    class Meta:
        ordering = ["kind", "state", "name"]

    def __str__(self) -> str:
        return self.abbreviation or self.name


class PracticeSetting(SourcedFact):
    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    typical_credentials = models.ManyToManyField(Credential, blank=True, related_name="+")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Specialization(SourcedFact):
    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    typical_training = models.TextField(blank=True)
    settings = models.ManyToManyField(PracticeSetting, blank=True, related_name="specializations")
    typical_credentials = models.ManyToManyField(Credential, blank=True, related_name="+")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Skill(SourcedFact):
    class Category(models.TextChoices):
        DISPENSING = "dispensing", "Dispensing"
        STERILE = "sterile_compounding", "Sterile compounding"
        NONSTERILE = "nonsterile_compounding", "Nonsterile compounding"
        HAZARDOUS = "hazardous_drugs", "Hazardous drugs"
        INVENTORY = "inventory", "Inventory"
        BILLING = "billing", "Billing and reimbursement"
        REGULATORY = "regulatory", "Regulatory and compliance"
        SOFTWARE = "software_automation", "Software and automation"
        CLINICAL = "clinical_support", "Clinical support"
        SOFT = "soft_skills", "Soft skills"

    code = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    category = models.CharField(max_length=30, choices=Category.choices)
    synonyms = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)
    onet_element_id = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["category", "name"]

    def __str__(self) -> str:
        return self.name


class Wage(SourcedFact):
    """Pay from BLS OEWS (by state) or another cited survey (by setting).

    One row per published figure set, keyed by `code`: the reference mixes medians, means and
    employment counts from different releases and sources, and each keeps its own source.
    """

    code = models.SlugField(max_length=80, unique=True)
    area = models.CharField(
        max_length=80,
        help_text="'US' or a state code (for a metro area, the state it is listed under)",
    )
    # A metropolitan area's figure (BLS OEWS MSA): its OMB/BLS area code and name; blank for the
    # national and state rows, so state look-ups exclude metro rows with msa_code="".
    msa_code = models.CharField(max_length=5, blank=True, db_index=True)
    msa_name = models.CharField(max_length=120, blank=True)
    setting = models.CharField(max_length=120, blank=True, help_text="Industry or setting, if any")
    occupation_code = models.CharField(max_length=10, default="29-2052")
    period = models.CharField(max_length=40)
    hourly_median = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    annual_median = models.DecimalField(max_digits=9, decimal_places=0, null=True, blank=True)
    hourly_mean = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    annual_mean = models.DecimalField(max_digits=9, decimal_places=0, null=True, blank=True)
    hourly_p10 = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_p90 = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    annual_p10 = models.DecimalField(max_digits=9, decimal_places=0, null=True, blank=True)
    annual_p90 = models.DecimalField(max_digits=9, decimal_places=0, null=True, blank=True)
    employment = models.PositiveIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["area", "setting", "period"]

    def __str__(self) -> str:
        return f"{self.msa_name or self.area} {self.setting} {self.period}"


class DataFileLoad(models.Model):
    """Which version of each data file is loaded, so reloading is idempotent and visible."""

    name = models.CharField(max_length=120, unique=True)
    version = models.CharField(max_length=40)
    sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"
