from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


# What each action means, for people reading the log (a resident's "who looked at my record").
ACTION_LABELS = {
    "person.read": _("viewed the record"),
    "person.list": _("saw the record in a list"),
    "person.export": _("exported the record"),
    "person.unmask": _("viewed the full ID number"),
    "person.create": _("created the record"),
    "user.create": _("created the account"),
    "sign_in": _("signed in"),
    "sign_in.failed": _("failed to sign in"),
    "house.create": _("registered the house"),
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
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))

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
