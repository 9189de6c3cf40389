"""The write path for accounts: creating users, password and SMS-code sign-in."""
import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import login
from django.db import transaction
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from anju.accounts.choices import PUBLIC_ROLES, ROLE_LEVELS, STAFF_ROLES, Department, Role
from anju.accounts.models import SmsCode, User
from anju.accounts.sms import send_sms
from anju.audit.services import audit_log
from anju.core import crypto

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


class AccountError(ValueError):
    """A sign-in or account problem whose message is shown to the user as it is."""


def phone_normalise(raw: str) -> str:
    """Mainland mobile number, 11 digits; accepts +86/0086 prefixes, spaces, hyphens and full-width digits."""
    text = (raw or "").translate({0xFF10 + i: ord("0") + i for i in range(10)})
    text = re.sub(r"[\s\-()（）]", "", text)
    text = re.sub(r"^(\+86|0086|86)(?=1\d{10}$)", "", text)
    if not MOBILE_RE.match(text):
        raise AccountError(_("%(phone)s is not a valid mainland mobile number (11 digits starting with 1)") % {"phone": raw})
    return text


def _check_binding(role: str, jurisdiction, actor=None) -> None:
    """A staff account sits on a node of the level its role works at, inside the acting administrator's own
    subtree (``actor``; None for the server's command line); a public account on none."""
    if actor is not None and jurisdiction is not None and (
            actor.scope_node is None or not actor.scope_node.contains(jurisdiction)):
        raise AccountError(_("%(node)s is outside your jurisdiction") % {"node": jurisdiction.name})
    if role in STAFF_ROLES:
        if jurisdiction is None:
            raise AccountError(_("A staff account must be bound to a jurisdiction"))
        if jurisdiction.level not in ROLE_LEVELS[role]:
            raise AccountError(
                _("A %(role)s cannot be bound to a %(level)s") % {"role": Role(role).label, "level": jurisdiction.get_level_display()}
            )
    elif jurisdiction is not None:
        raise AccountError(_("Public users are not bound to a jurisdiction"))


def check_account(*, role: str, jurisdiction, purpose: str, department: str = "", actor=None) -> None:
    """What any account must satisfy, created or changed (raises AccountError). A department user states its purpose
    and its department, which decides what it reads (accounts/choices.DEPARTMENT_READS); no other account has one."""
    if role not in Role.values:
        raise AccountError(_("Unknown role %(role)s") % {"role": role})
    _check_binding(role, jurisdiction, actor)
    if role == Role.DEPARTMENT and not purpose:
        raise AccountError(_("A department user needs a stated purpose"))
    if role == Role.DEPARTMENT and department not in Department.values:
        raise AccountError(_("A department user needs its department (%(departments)s)") % {
            "departments": "、".join(str(label) for label in Department.labels)})
    if role != Role.DEPARTMENT and department:
        raise AccountError(_("Only a department user has a department"))


@transaction.atomic
def user_update(*, actor, user: User, role: str, jurisdiction, phone: str = "", full_name: str = "", purpose: str = "",
                department: str = "", is_active: bool = True) -> User:
    """Change an account's role, binding, contact or standing (administrators, in their own subtree); audited with
    what changed. Admin rights follow the role, as at creation."""
    stored = User.objects.select_related("jurisdiction").get(pk=user.pk)  # as it is, whatever a form did to ``user``
    if actor is not None and stored.jurisdiction is not None and (
            actor.scope_node is None or not actor.scope_node.contains(stored.jurisdiction)):
        raise AccountError(_("%(node)s is outside your jurisdiction") % {"node": stored.jurisdiction.name})
    check_account(role=role, jurisdiction=jurisdiction, purpose=purpose, department=department, actor=actor)
    before = {f: getattr(stored, f)
              for f in ("role", "jurisdiction_id", "phone", "first_name", "purpose", "department", "is_active")}
    user.role, user.jurisdiction, user.first_name, user.purpose, user.department, user.is_active = (
        role, jurisdiction, full_name, purpose, department, is_active)
    user.phone = phone_normalise(phone) if phone else None
    user.is_staff = user.is_superuser = role == Role.ADMIN
    user.save()
    changed = sorted(f for f, v in before.items() if getattr(user, f) != v)
    audit_log(actor=actor, action="user.update", object_type="user", object_ids=[user.pk],
              detail={"changed": changed, "role": role})
    return user


@transaction.atomic
def user_create(
    *, username: str, role: str, jurisdiction=None, password: str | None = None, phone: str = "",
    full_name: str = "", purpose: str = "", department: str = "", actor=None,
) -> User:
    check_account(role=role, jurisdiction=jurisdiction, purpose=purpose, department=department, actor=actor)
    if User.objects.filter(username=username).exists():
        raise AccountError(_("User name %(name)s is taken") % {"name": username})
    user = User(
        username=username, role=role, jurisdiction=jurisdiction, phone=phone_normalise(phone) if phone else None,
        first_name=full_name, purpose=purpose, department=department,
        # Only administrators reach the Django admin; what they see there is still scoped.
        is_staff=role == Role.ADMIN, is_superuser=role == Role.ADMIN,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    audit_log(actor=actor, action="user.create", object_type="user", object_ids=[user.pk], detail={"role": role})
    return user


def staff_sign_in(request, *, username: str, password: str) -> User:
    """Password sign-in for staff, with lock-out after repeated failures.

    The failure count is committed before the error is raised: raising inside
    the atomic block would roll the count back and make lock-out impossible.
    """
    now = timezone.now()
    error = None
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=username).first()
        if user is None or user.role not in STAFF_ROLES or not user.is_active:
            # Hash anyway so that timing does not reveal which user names exist.
            User().set_password(password)
            error = _("Wrong user name or password")
        elif user.is_locked(now):
            error = _("This account is locked after repeated failed sign-ins; try again after %(time)s") % {
                "time": time_format(timezone.localtime(user.locked_until), "H:i")}
        elif not user.check_password(password):
            user.failed_logins += 1
            locked = user.failed_logins >= settings.ANJU_LOGIN_MAX_FAILURES
            if locked:
                user.locked_until = now + timedelta(minutes=settings.ANJU_LOGIN_LOCK_MINUTES)
                user.failed_logins = 0
                error = _("Too many failed sign-ins: this account is locked for %(minutes)d minutes") % {
                    "minutes": settings.ANJU_LOGIN_LOCK_MINUTES}
            else:
                error = _("Wrong user name or password (%(left)d attempts left before lock-out)") % {
                    "left": settings.ANJU_LOGIN_MAX_FAILURES - user.failed_logins}
            user.save(update_fields=["failed_logins", "locked_until"])
            audit_log(actor=user, action="sign_in.failed", object_type="user", object_ids=[user.pk],
                      client_ip=getattr(request, "client_ip", ""), detail={"locked": locked})
        elif user.jurisdiction_id is None:
            error = _("This account is not bound to any jurisdiction and cannot sign in; ask an administrator to bind it")
        else:
            user.failed_logins, user.locked_until = 0, None
            user.save(update_fields=["failed_logins", "locked_until"])
    if error:
        raise AccountError(error)
    login(request, user, backend="anju.accounts.backends.AnjuBackend")
    audit_log(actor=user, action="sign_in", object_type="user", object_ids=[user.pk], client_ip=getattr(request, "client_ip", ""))
    return user


def _code_mac(phone: str, code: str) -> str:
    return crypto.mac(f"{phone}:{code}".encode(), purpose="sms-code")


def sms_code_send(*, phone: str) -> SmsCode:
    phone = phone_normalise(phone)
    now = timezone.now()
    with transaction.atomic():
        last = SmsCode.objects.select_for_update().filter(phone=phone).first()
        if last and (now - last.created_at).total_seconds() < settings.ANJU_SMS_RESEND_SECONDS:
            wait = settings.ANJU_SMS_RESEND_SECONDS - int((now - last.created_at).total_seconds())
            raise AccountError(_("A code was just sent; you can ask for another in %(s)d seconds") % {"s": wait})
        code = f"{secrets.randbelow(10**6):06d}"
        record = SmsCode.objects.create(
            phone=phone, code_mac=_code_mac(phone, code), created_at=now,
            expires_at=now + timedelta(seconds=settings.ANJU_SMS_CODE_TTL_SECONDS),
        )
        minutes = max(1, settings.ANJU_SMS_CODE_TTL_SECONDS // 60)
        transaction.on_commit(lambda: send_sms(
            phone, f"【安居】您的验证码是 {code}，{minutes} 分钟内有效。如非本人操作，请忽略本短信。"
        ))
    return record


def sms_code_verify(*, phone: str, code: str) -> str:
    """Consumes a valid code; returns the normalised phone. Each wrong try counts (committed before raising)."""
    phone = phone_normalise(phone)
    now = timezone.now()
    error = None
    with transaction.atomic():
        record = SmsCode.objects.select_for_update().filter(phone=phone, used_at__isnull=True).first()
        if record is None:
            error = _("No code has been sent to this number; ask for a code first")
        elif record.expires_at <= now:
            error = _("This code has expired; ask for a new one")
        elif record.attempts >= settings.ANJU_SMS_MAX_ATTEMPTS:
            error = _("Too many wrong codes; ask for a new one")
        elif not secrets.compare_digest(record.code_mac, _code_mac(phone, (code or "").strip())):
            record.attempts += 1
            record.save(update_fields=["attempts"])
            error = _("Wrong code")
        else:
            record.used_at = now
            record.save(update_fields=["used_at"])
    if error:
        raise AccountError(error)
    return phone


def public_sign_in(request, *, phone: str, code: str, role: str = Role.RESIDENT) -> User:
    """Signs a resident, landlord or employer in with an SMS code; the first sign-in creates the account."""
    phone = sms_code_verify(phone=phone, code=code)
    user = User.objects.filter(phone=phone).first()
    if user is None:
        if role not in PUBLIC_ROLES:
            raise AccountError(_("Unknown role %(role)s") % {"role": role})
        user = user_create(username=phone, role=role, phone=phone)
    elif user.role in STAFF_ROLES:
        raise AccountError(_("Staff accounts sign in with their password"))
    elif not user.is_active:
        raise AccountError(_("This account has been disabled"))
    login(request, user, backend="anju.accounts.backends.AnjuBackend")
    audit_log(actor=user, action="sign_in", object_type="user", object_ids=[user.pk], client_ip=getattr(request, "client_ip", ""))
    return user
