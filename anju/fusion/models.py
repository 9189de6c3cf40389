from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.core import crypto
from anju.core.scoping import ScopedManager
from anju.fusion.choices import FindingKind, FindingStatus, Meaning, SourceKind


class Source(models.Model):
    """A feed of department or sensor records (门禁, 门锁, 社保, 旅馆 …): what it is, what its address means, how far
    it is trusted. Registered by name the first time a file names it, with defaults by name (lib/fusion/sources.py)."""

    name = models.CharField(_("name"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=SourceKind.choices, default=SourceKind.OTHER)
    meaning = models.CharField(_("what its address means"), max_length=12, choices=Meaning.choices,
                               default=Meaning.OTHER)
    trust = models.FloatField(_("trust (0–1)"), default=0.5, validators=[MinValueValidator(0), MaxValueValidator(1)])
    # set by an operator: a run does not re-learn what the address means (lib/fusion/meanings.py)
    meaning_fixed = models.BooleanField(_("meaning set by hand"), default=False)
    description = models.CharField(_("description"), max_length=200, blank=True)
    # how many observations the feed holds: the import adds the rows it inserted, once per import just before it commits
    # (imports.observations_import), as the import is the one path that writes observations. Counting them instead is
    # a scan of the whole table (no index leads with the source: 0.3 s at 200,000 rows, seconds at millions)
    records = models.PositiveBigIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("data source")
        verbose_name_plural = _("data sources")

    def __str__(self):
        return self.name

    @property
    def display_name(self) -> str:
        """The feed for a reader: its kind in words, with its own name where that is not the kind's code."""
        if self.name == self.kind:
            return str(self.get_kind_display())
        return _("%(kind)s (%(name)s)") % {"kind": self.get_kind_display(), "name": self.name}


class ImportBatch(models.Model):
    """One file loaded by `anju import observations`: what it changed and which rows it refused."""

    file_name = models.CharField(max_length=255)
    encoding = models.CharField(max_length=16, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [file, line, reason], the first 1,000
    notes = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["-started_at"]


class Profile(models.Model):
    """One identity as a feed holds it: the identity fields and address of a feed account (one door card, one lock
    account, one employee record …), as given and normalised. Every record of the account points to it, so a
    million records are a few hundred thousand profiles, each normalised and resolved once.

    The ID number is stored like everywhere else: encrypted (``id_cipher``: the
    normalised number; ``id_raw_cipher``: as written, when that differs), a
    blind index for joins (``id_hash``) and a masked copy.
    """

    key = models.CharField(max_length=32)  # hash of the source and the raw identity fields; unique (Meta)
    source = models.ForeignKey(Source, models.PROTECT, related_name="profiles", db_constraint=False)
    name = models.CharField(_("name"), max_length=100, blank=True)
    name_simplified = models.CharField(max_length=100, blank=True)
    name_pinyin = models.CharField(max_length=200, blank=True)
    id_cipher = models.TextField(blank=True, editable=False)
    id_raw_cipher = models.TextField(blank=True, editable=False)
    id_hash = models.CharField(max_length=64, blank=True, editable=False)  # indexed (Meta)
    id_masked = models.CharField(_("ID number"), max_length=32, blank=True, editable=False)
    id_status = models.CharField(max_length=8, blank=True)  # empty | valid | legacy | invalid | other
    sex = models.CharField(_("sex"), max_length=1, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    standard_address = models.ForeignKey("addresses.StandardAddress", models.SET_NULL, null=True, blank=True,
                                         related_name="+", db_index=False, db_constraint=False)
    address_confidence = models.FloatField(null=True, blank=True)
    address_level = models.CharField(max_length=8, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    raw = models.JSONField(default=dict, blank=True)  # values as written that normalising changed or could not read

    class Meta:
        verbose_name = _("observed identity")
        verbose_name_plural = _("observed identities")
        # a plain unique constraint and index: a CharField's unique=True and db_index=True add a second index on
        # PostgreSQL (varchar_pattern_ops, for LIKE 'x%'), which no query uses and every import maintains
        constraints = [models.UniqueConstraint(fields=["key"], name="fusion_profile_key_unique")]
        indexes = [models.Index(fields=["id_hash"], name="fusion_profile_id_hash")]

    @property
    def id_number(self) -> str:
        return crypto.decrypt(self.id_cipher) if self.id_cipher else ""


class Observation(models.Model):
    """One department or sensor record (a swipe, a check-in, an employment record …): when, and whose identity
    (``profile``: the key of its ``Profile``). Idempotent per (source, record_id)."""

    source = models.ForeignKey(Source, models.PROTECT, related_name="observations", db_index=False,
                               db_constraint=False)
    record_id = models.CharField(_("record ID"), max_length=64)
    observed_at = models.DateTimeField(_("observed at"), null=True, blank=True)
    profile = models.CharField(max_length=32)  # Profile.key
    digest = models.CharField(max_length=32)   # of the row as given: a re-delivered row with new content is updated
    batch = models.ForeignKey(ImportBatch, models.SET_NULL, null=True, blank=True, related_name="+", db_index=False,
                              db_constraint=False)
    extra = models.JSONField(default=dict, blank=True)  # unknown columns

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        # record_id first: the index also finds the records behind a finding (by record_id alone)
        constraints = [models.UniqueConstraint(fields=["record_id", "source"], name="one_record_per_source_id")]

    def __str__(self):
        return f"{self.source_id}:{self.record_id}"


class FusionRun(models.Model):
    """One `anju fusion run`: the trained model, the blocking counts, timings and totals."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    as_of = models.DateField(_("as of"))
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.RUNNING)
    incremental = models.BooleanField(default=False)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    config = models.JSONField(default=dict, blank=True)
    model = models.JSONField(default=dict, blank=True)  # the trained Splink settings, reused by incremental runs
    stats = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at"]


class Link(models.Model):
    """Which person a record was resolved to in the latest run: ``P<pk>`` a registry record, ``R<pk>`` a
    registration, ``O<profile>`` the observations of one profile."""

    uid = models.CharField(max_length=40, unique=True)
    entity_hash = models.CharField(max_length=64)  # Entity.key_hash; indexed (Meta)
    probability = models.FloatField(default=0)  # the strongest pair behind the link (1 for the anchor itself)

    class Meta:
        indexes = [models.Index(fields=["entity_hash"], name="fusion_link_entity_hash")]  # no LIKE index (Profile)

    def __str__(self):
        return f"{self.uid} → {self.entity_hash[:12]}"


class Entity(models.Model):
    """A resolved person: a known one (keyed by their ID number's blind index; ``key`` is the ID number as the
    interchange contract wants it, so it is encrypted at rest too) or an unknown one (a stable ``U…`` key)."""

    key_hash = models.CharField(max_length=64)  # unique (Meta)
    key_cipher = models.TextField()
    known = models.BooleanField(default=False)
    id_hash = models.CharField(max_length=64, blank=True)  # indexed (Meta)
    id_cipher = models.TextField(blank=True)
    id_masked = models.CharField(max_length=32, blank=True)
    name = models.CharField(max_length=100, blank=True)
    sex = models.CharField(max_length=1, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    records = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key_hash"], name="fusion_entity_key_hash_unique")]
        indexes = [models.Index(fields=["id_hash"], name="fusion_entity_id_hash")]  # no LIKE indexes (Profile)

    @property
    def key(self) -> str:
        return crypto.decrypt(self.key_cipher)


PHONE_PURPOSE = "fusion-finding-phone"  # crypto.blind_index purpose of Finding.sms_phone_hash


class Finding(models.Model):
    """A scored finding with its evidence, and the officer's task that decides it.

    Nothing is registered or cancelled by the finding itself: ``finding_confirm``
    does it through the registration services, after an officer confirms on site;
    at ``pending_score`` and above the person is asked by SMS first, and a "yes"
    on their page files a declaration that an officer approves (which confirms
    the finding).
    """

    scope_field = "jurisdiction"

    kind = models.CharField(_("kind"), max_length=12, choices=FindingKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN,
                              db_index=True)
    subject = models.CharField(max_length=200, db_index=True)  # kind:entity-hash:address or registration
    score = models.PositiveSmallIntegerField(_("score"))
    rules = models.JSONField(_("evidence"), default=list)  # [[rule, points, detail], …]
    record_ids = models.JSONField(default=list)
    entity_hash = models.CharField(max_length=64, db_index=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
    id_cipher = models.TextField(blank=True, editable=False)
    id_hash = models.CharField(max_length=64, blank=True, editable=False)
    id_masked = models.CharField(_("ID number"), max_length=32, blank=True, editable=False)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    standard_address = models.ForeignKey("addresses.StandardAddress", models.SET_NULL, null=True, blank=True,
                                         related_name="+")
    address = models.CharField(_("address"), max_length=255, blank=True)
    registration = models.ForeignKey("registrations.Registration", models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    jurisdiction = models.ForeignKey("jurisdictions.Node", models.PROTECT, related_name="+")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
                                 verbose_name=_("assigned to"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    proposal = models.CharField(max_length=16, blank=True)  # visit | confirm_by_sms
    first_seen = models.DateField(null=True, blank=True)
    last_seen = models.DateField(_("last seen"), null=True, blank=True)
    evidence_until = models.DateField(null=True, blank=True)
    run = models.ForeignKey(FusionRun, models.SET_NULL, null=True, blank=True, related_name="findings")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=300, blank=True)
    result_registration = models.ForeignKey("registrations.Registration", models.SET_NULL, null=True, blank=True,
                                            related_name="+")
    # resolved: the finding whose confirmation ended the registration this one was about (none: another service did)
    resolved_by = models.ForeignKey("self", models.SET_NULL, null=True, blank=True, related_name="+")
    # the person asked by SMS (findings_ask_persons): the blind index of the number asked (PHONE_PURPOSE), never the
    # number itself; their answer on their "my record" page, and the declaration a "yes" filed for the officers' queue
    sms_phone_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    sms_sent_at = models.DateTimeField(_("asked by SMS at"), null=True, blank=True)
    person_answer = models.CharField(_("the person's answer"), max_length=3, blank=True,
                                     choices=[("yes", _("Yes, lives here")), ("no", _("Not me, or not living here"))])
    person_answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    person_declaration = models.ForeignKey("registrations.Declaration", models.SET_NULL, null=True, blank=True,
                                           related_name="+")

    objects = ScopedManager()

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        # id_hash: the findings about a person (selectors._about: the person page, the findings list's ?person=)
        indexes = [models.Index(fields=["status", "kind"]), models.Index(fields=["id_hash"], name="fusion_finding_id_hash")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.name} {self.score}"

    @property
    def id_number(self) -> str:
        return crypto.decrypt(self.id_cipher) if self.id_cipher else ""


class Residence(models.Model):
    """What the latest run says about who lives where, for the cockpit's rates (derived data, replaced each run).

    ``person``: a resolved person whose newest home record is at ``node``'s address; ``matched`` when they hold an
    active registration in that building. ``registration``: an active registration at ``node``; ``contradicted`` when
    the run left an open stale finding about it (seen living elsewhere, or traces stopped, at ``stale_min_score`` or
    more, and not rejected by an officer); otherwise ``matched`` (confirmed) when its person left a trace of being
    around within ``stale_quiet_days`` and was not seen living elsewhere since. Neither: nothing says either way.
    """

    PERSON, REGISTRATION = "person", "registration"

    kind = models.CharField(max_length=12, choices=[(PERSON, PERSON), (REGISTRATION, REGISTRATION)])
    path = models.CharField(max_length=512, db_index=True)  # the node's materialised path: a subtree is a prefix
    node = models.ForeignKey("jurisdictions.Node", models.CASCADE, related_name="+")
    matched = models.BooleanField(default=False)
    contradicted = models.BooleanField(default=False)
