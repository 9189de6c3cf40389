import getpass

from django.core.management.base import BaseCommand, CommandError

from anju.accounts.choices import Department, Role
from anju.accounts.services import AccountError, user_create
from anju.jurisdictions.models import Node


class Command(BaseCommand):
    help = "Create a user bound to a jurisdiction / 新增账号"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--jurisdiction", default="", help="node code (staff roles)")
        parser.add_argument("--name", default="")
        parser.add_argument("--phone", default="")
        parser.add_argument("--purpose", default="", help="department users: the duty the access serves")
        parser.add_argument("--department", default="", choices=["", *Department.values],
                            help="department users: their department, which decides what they may read")
        parser.add_argument("--password", default=None, help="omit to be asked (staff roles)")

    def handle(self, *args, username, role, jurisdiction, name, phone, purpose, department, password,
               **options):
        node = None
        if jurisdiction:
            node = Node.objects.filter(code=jurisdiction).first()
            if node is None:
                raise CommandError(f"辖区 {jurisdiction} 不存在 / no jurisdiction with code {jurisdiction}")
        if password is None and role not in {Role.RESIDENT, Role.LANDLORD, Role.EMPLOYER}:
            password = getpass.getpass("密码 Password: ")
        try:
            user = user_create(username=username, role=role, jurisdiction=node, password=password, phone=phone,
                               full_name=name, purpose=purpose, department=department)
        except AccountError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已创建 created {user.username} ({user.get_role_display()})")
