from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.core import crypto
from anju.core.scoping import ScopedManager
from anju.houses.choices import HOTEL_STYLE_KINDS, ClaimProof, ClaimStatus, HouseKind, HouseStatus, RoomStatus


class House(models.Model):
    """An actual house (实有房屋) at a standard address, with its landlords, rooms, plate and tenants."""

    scope_field = "jurisdiction"

    address = models.CharField(_("address"), max_length=255)
    standard_address = models.ForeignKey("addresses.StandardAddress", models.PROTECT, null=True, blank=True,
                                         related_name="houses", verbose_name=_("standard address"))
    kind = models.CharField(_("kind"), max_length=16, choices=HouseKind.choices, default=HouseKind.WHOLE_RENTAL)
    status = models.CharField(_("status"), max_length=10, choices=HouseStatus.choices, default=HouseStatus.ACTIVE)
    capacity = models.PositiveSmallIntegerField(_("capacity (people)"), null=True, blank=True)
    floor_area = models.DecimalField(_("floor area (m²)"), max_digits=8, decimal_places=2, null=True, blank=True)
    jurisdiction = models.ForeignKey("jurisdictions.Node", models.PROTECT, related_name="houses",
                                     verbose_name=_("jurisdiction"))
    landlords = models.ManyToManyField(settings.AUTH_USER_MODEL, through="HouseLandlord", through_fields=("house", "landlord"),
                                       related_name="houses",
                                       verbose_name=_("landlords"))
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="agent_houses",
                              verbose_name=_("agent"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        ordering = ["jurisdiction__path", "address"]
        verbose_name = _("house")
        verbose_name_plural = _("houses")
        constraints = [models.UniqueConstraint(fields=["standard_address"], name="one_house_per_standard_address")]

    def __str__(self):
        return self.address

    @property
    def hotel_style(self) -> bool:
        """Group and short-term rentals: every occupant must be checked in (旅馆式管理)."""
        return self.kind in HOTEL_STYLE_KINDS


class HouseLandlord(models.Model):
    house = models.ForeignKey(House, models.CASCADE, related_name="landlord_links")
    landlord = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="house_links")
    since = models.DateTimeField(auto_now_add=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["house", "landlord"], name="one_link_per_landlord")]


class HouseClaim(models.Model):
    """A landlord's claim to a house already in the system. It makes them its landlord only once proven, by the code
    of the house's door plate or by the police of its place; until then they see nothing of who lives there. The kind,
    capacity and floor area the landlord gave wait with it, beside the kind recorded when it was filed."""

    scope_field = "house__jurisdiction"

    house = models.ForeignKey(House, models.CASCADE, related_name="claims", verbose_name=_("house"))
    landlord = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="house_claims",
                                 verbose_name=_("landlord"))
    kind = models.CharField(_("kind"), max_length=16, choices=HouseKind.choices)
    recorded_kind = models.CharField(_("recorded kind"), max_length=16, choices=HouseKind.choices)
    capacity = models.PositiveSmallIntegerField(_("capacity (people)"), null=True, blank=True)
    floor_area = models.DecimalField(_("floor area (m²)"), max_digits=8, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.PENDING,
                              db_index=True)
    proof = models.CharField(max_length=10, choices=ClaimProof.choices, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["house", "landlord"], condition=models.Q(status="pending"),
                                               name="one_pending_claim_per_landlord_and_house")]

    @property
    def kind_differs(self) -> bool:
        return self.kind != self.recorded_kind


class Room(models.Model):
    house = models.ForeignKey(House, models.CASCADE, related_name="rooms")
    number = models.CharField(_("room"), max_length=20)
    capacity = models.PositiveSmallIntegerField(_("capacity (people)"), null=True, blank=True)
    floor_area = models.DecimalField(_("floor area (m²)"), max_digits=7, decimal_places=2, null=True, blank=True)
    landlord = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="rooms",
                                 verbose_name=_("bound landlord"))
    status = models.CharField(max_length=10, choices=RoomStatus.choices, default=RoomStatus.ACTIVE)
    merged_into = models.ForeignKey("self", models.SET_NULL, null=True, blank=True, related_name="merged_from")

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["house", "number"], condition=models.Q(status="active"),
                                               name="one_active_room_per_number")]

    def __str__(self):
        return self.number


class Plate(models.Model):
    """A door plate (一户一牌): its QR code carries `serial.signature`, never a database id."""

    house = models.ForeignKey(House, models.CASCADE, related_name="plates")
    serial = models.CharField(max_length=24, unique=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    revoke_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-issued_at"]

    @property
    def token(self) -> str:
        from anju.houses.plates import sign

        return sign(self.serial)


class LandlordProfile(models.Model):
    """A landlord's proven identity: required before they register houses or check tenants in."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="landlord_profile")
    name = models.CharField(_("name"), max_length=60)
    id_cipher = models.TextField(editable=False)
    id_hash = models.CharField(max_length=64, db_index=True, editable=False)
    id_masked = models.CharField(_("ID number"), max_length=18, editable=False)
    registry_status = models.CharField(max_length=12, default="no_registry")  # match | mismatch | unknown | no_registry
    verified_at = models.DateTimeField(null=True, blank=True)


class Tenancy(models.Model):
    """Someone living in a house (an occupant on the landlord's tenant board), from check-in to check-out."""

    scope_field = "house__jurisdiction"

    house = models.ForeignKey(House, models.PROTECT, related_name="tenancies")
    room = models.ForeignKey(Room, models.SET_NULL, null=True, blank=True, related_name="tenancies")
    name = models.CharField(_("name"), max_length=60)
    id_cipher = models.TextField(editable=False)
    id_hash = models.CharField(max_length=64, db_index=True, editable=False)
    id_masked = models.CharField(_("ID number"), max_length=18, editable=False)
    phone = models.CharField(_("mobile phone"), max_length=11, blank=True)
    move_in = models.DateField(_("moved in on"))
    move_out = models.DateField(_("moved out on"), null=True, blank=True)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    checked_out_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    last_reminded_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        ordering = ["-move_in", "pk"]
        constraints = [models.UniqueConstraint(fields=["house", "id_hash"], condition=models.Q(move_out__isnull=True),
                                               name="one_open_tenancy_per_person_and_house")]

    @property
    def is_active(self) -> bool:
        return self.move_out is None

    @property
    def id_number(self) -> str:
        return crypto.decrypt(self.id_cipher)
