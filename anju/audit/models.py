from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.lib.bilingual import reader_half


# What each action means, for people reading the log: the staff's audit log page and a resident's "who looked at my
# record". Every code written anywhere must be here (audit/tests/test_action_labels.py finds them in the code).
ACTION_LABELS = {
    # people
    "person.read": _("viewed the record"),
    "person.read.own": _("viewed their own record"),
    "person.list": _("saw the record in a list"),
    "person.export": _("exported the record"),
    "person.unmask": _("viewed the full ID number"),
    "person.create": _("created the record"),
    "person.move": _("recorded where the person lives now"),
    "person.update": _("updated the record from a registration"),
    "person.leave": _("recorded that the person no longer lives there"),
    "idcard.read": _("read an ID card photo"),
    # accounts
    "user.create": _("created the account"),
    "user.update": _("changed the account"),
    "user.password": _("set the account's password"),
    "user.list": _("listed accounts"),
    "user.read": _("viewed the account"),
    "sign_in": _("signed in"),
    "sign_in.failed": _("failed to sign in"),
    # houses
    "house.create": _("registered the house"),
    "house.claim": _("registered as the house's landlord"),
    "house.claim.request": _("claimed the house, to be verified by the police"),
    "house.claim.refuse": _("refused a landlord's claim to the house"),
    "house.claim.list": _("viewed landlords' claims to houses"),
    "house.update": _("changed the house"),
    "house.export": _("exported houses"),
    "house.stock.read": _("read the house's use and occupant counts"),
    "landlord.verify": _("verified a landlord's identity"),
    "room.create": _("added a room"),
    "room.merge": _("merged rooms"),
    "room.bind": _("bound a room"),
    "room.unbind": _("unbound a room"),
    "plate.print": _("printed a door plate"),
    "plate.reissue": _("reissued a door plate"),
    "plate.revoke": _("revoked a door plate"),
    "tenancy.list": _("viewed tenants"),
    "tenancy.check_in": _("checked a tenant in"),
    "tenancy.check_out": _("checked a tenant out"),
    "address.add": _("added a standard address"),
    # registrations
    "declaration.register": _("filed a residence declaration"),
    "declaration.deregister": _("filed a deregistration"),
    "declaration.list": _("listed declarations"),
    "declaration.read": _("viewed a declaration"),
    "declaration.approve": _("approved a declaration"),
    "declaration.reject": _("rejected a declaration"),
    "declaration.withdraw": _("withdrew a declaration"),
    "declaration.correct": _("corrected a declaration"),
    "declaration.checked_on_site": _("recorded a declaration as checked on site"),
    "task.create": _("sent an on-site check"),
    "task.complete": _("recorded an on-site check"),
    "registration.create": _("registered residence"),
    "registration.end": _("ended a registration"),
    "registration.reactivate": _("re-activated registrations an imported file lists as active again"),
    "registration.place": _("placed registrations at the house registered at their address"),
    "registration.list": _("listed registrations"),
    "registration.read": _("viewed a registration"),
    "registration.certificate": _("issued a registration certificate"),
    "delegation.grant": _("granted a delegation"),
    "delegation.revoke": _("revoked a delegation"),
    "organisation.create": _("registered a workplace"),
    "employment.list": _("listed a workplace's workers"),
    # doors
    "door.device.register": _("registered a door device"),
    "door.device.import": _("imported door devices"),
    "door.device.rotate": _("issued a new device key"),
    "door.event.list": _("viewed door entries"),
    "door.alarm.acknowledge": _("acknowledged a door alarm"),
    "door.alarm.close": _("closed a door alarm"),
    "door.credential.list": _("listed door cards"),
    "door.credential.read": _("viewed a door card"),
    "door.credential.issue": _("issued a door card"),
    "door.credential.report_loss": _("reported a door card lost"),
    "door.credential.unlock": _("unlocked a door card"),
    "door.credential.cancel": _("cancelled a door card"),
    "door.credential.reissue": _("reissued a door card"),
    "door.credential.renew": _("renewed a door card"),
    "door.credential.expire": _("a door card expired"),
    "door.credential.suspend": _("suspended a door card"),
    "door.credential.resume": _("resumed a door card"),
    "door.credential.restore": _("gave back door cards with their registration"),
    "door.suspension.request": _("asked to suspend a door card"),
    "door.suspension.decide": _("decided a card suspension request"),
    "door.residence_proof": _("issued a residence proof"),
    "door.care.enrol": _("enrolled a person in care checks"),
    "door.care.end": _("ended care checks"),
    "door.care.list": _("viewed care checks"),
    "door.care.search": _("searched people for care checks"),
    "door.care.visit": _("recorded a care visit"),
    # watchlist and key persons
    "watchlist.list": _("viewed the watchlist"),
    "watchlist.save": _("saved a watchlist entry"),
    "watchlist.photo": _("viewed a watchlist photo"),
    "alert.raise": _("raised an alert"),
    "alert.list": _("listed alerts"),
    "alert.read": _("viewed an alert"),
    "alert.acknowledge": _("acknowledged an alert"),
    "alert.assign": _("assigned an alert"),
    "alert.close": _("closed an alert"),
    "alert.export": _("exported alerts"),
    "keyperson.list": _("listed key persons"),
    "keyperson.read": _("viewed a key person"),
    "keyperson.decide": _("decided on a key person"),
    "rule.create": _("added a scoring rule"),
    # data fusion
    "fusion.run": _("ran data fusion"),
    "fusion.export": _("exported fusion findings"),
    "fusion.observations.import": _("imported records from a department"),
    "fusion.source.register": _("registered a data source"),
    "fusion.source.update": _("changed a data source"),
    "fusion.finding.list": _("listed findings"),
    "fusion.finding.read": _("viewed a finding"),
    "fusion.finding.confirm": _("confirmed a finding"),
    "fusion.finding.reject": _("rejected a finding"),
    "fusion.finding.resolve": _("closed findings whose registration ended"),
    "fusion.finding.ask_person": _("asked the persons of findings to confirm by SMS"),
    "fusion.finding.read.own": _("was shown residence information to confirm"),
    "fusion.finding.person_answer": _("answered about residence information"),
    "fusion.finding.person_answer.withdraw": _("withdrew their answer about residence information with its "
                                               "declaration"),
    "fusion.finding.person_answer.correct": _("corrected the declaration answering residence information"),
    # cockpit
    "cockpit.export": _("exported cockpit figures"),
    "cockpit.report": _("printed the cockpit report"),
}

# What kind of record an entry touched (its `object_type`), in words for the same readers. Every type written anywhere
# must be here (audit/tests/test_object_type_labels.py finds them in the code).
OBJECT_TYPE_LABELS = {
    "person": _("person"),
    "user": _("account"),
    "house": _("house"),
    "tenancy": _("tenancy"),
    "address": _("standard address"),
    "declaration": _("declaration"),
    "registration": _("registration"),
    "organisation": _("organisation"),
    "door_device": _("door device"),
    "door_credential": _("door card"),
    "door_alarm": _("door alarm"),
    "watch_entry": _("watchlist entry"),
    "alert": _("alert"),
    "keyperson": _("key person"),
    "rule": _("scoring rule"),
    "source": _("data source"),
    "import_batch": _("import batch"),
    "fusion_run": _("fusion run"),
    "finding": _("finding"),
}


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("the audit log is append-only")

    def delete(self):
        raise PermissionError("the audit log is append-only")


class AuditEntry(models.Model):
    """One audited action. `entry_hash` is an HMAC over this entry's content and
    the previous entry's hash, so editing, deleting or reordering any entry
    breaks the chain from that point (`anju audit verify`).

    An entry is written *pending* (no `seq`, no hashes) without any lock, so writers never wait for each
    other; the sequencer (`audit_seal`) then links pending entries into the chain in batches, under the
    head row's lock. Database triggers (migration 0003) refuse DELETE, and every UPDATE except that one
    sealing step: setting `seq` and the hashes of a pending entry, leaving its content as written."""

    seq = models.BigIntegerField(unique=True, null=True, blank=True)
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.DO_NOTHING, null=True, blank=True, db_constraint=False,
                              related_name="+")
    actor_label = models.CharField(max_length=150, blank=True)
    actor_role = models.CharField(max_length=16, blank=True)
    action = models.CharField(max_length=40, db_index=True)
    object_type = models.CharField(max_length=40, blank=True)
    object_ids = models.JSONField(default=list)
    purpose = models.CharField(max_length=200, blank=True)
    client_ip = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]  # the order entries were written; `seq` is the chain's order (pending ones have none)
        # the log filtered by record type alone (audit_entry_list): `object_type = %s ORDER BY id DESC`, a page of it
        # and its count read from this index instead of the whole table (every audited read adds a row)
        indexes = [models.Index(fields=["object_type", "id"], name="audit_entry_type_id_idx")]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))

    def object_type_label(self) -> str:
        return str(OBJECT_TYPE_LABELS.get(self.object_type, self.object_type))

    def purpose_label(self) -> str:
        """The purpose as the reader reads it: the platform's own, written in both languages, in the reader's alone."""
        return reader_half(self.purpose)

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("the audit log is append-only")


class AuditSubject(models.Model):
    """Which records an entry touched, one row each, so "who read my record" is an indexed lookup."""

    entry = models.ForeignKey(AuditEntry, models.DO_NOTHING, related_name="subjects", db_constraint=False)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["object_type", "object_id"])]


class AuditHead(models.Model):
    """The single row holding the chain's tip. Locking it serialises sealing (never writers), and
    comparing it with the last sealed entry reveals entries deleted from the end."""

    seq = models.BigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default="0" * 64)
